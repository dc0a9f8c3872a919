"""Speakers' pages: each person's schema.org record (actes.citation.person_jsonld) in its head."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from actes.citation import person_jsonld
from actes.corpus import Corpus


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    corpus: Corpus = config.extra["actes"]
    person = corpus.people_by_uri.get(page.file.src_uri)
    if person is not None:
        page.meta["actes_jsonld"] = person_jsonld(person, config.site_url or "")
    return markdown
