"""Citable pages: a reference for each, for its head metadata and its suggested citation.
(The BibTeX, RIS and CSL-JSON downloads are outputs: actes.outputs.citations, hooks/outputs.py.)"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from actes.citation import references_by_page


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["actes_references"] = references_by_page(config.extra["actes"], config.site_url or "")
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    reference = config.extra["actes_references"].get(page.file.src_uri)
    if reference is not None:
        page.meta["actes_reference"] = reference
    return markdown
