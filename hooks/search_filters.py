"""What each page tells the search engine beside its text: its filters (speaker, day, museum
function) and who speaks on it (actes.search; printed by overrides/partials/recherche-filtres.html)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from actes.extra import ByPage
from actes.search import page_search


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["actes_search"] = ByPage(page_search(config.extra["actes"]))
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = config.extra["actes_search"].get(page.file.src_uri)
    if found is not None:
        page.meta["actes_recherche"] = found
    return markdown
