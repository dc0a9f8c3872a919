"""Citable pages: a reference for each (its head metadata and suggested citation), and the
BibTeX, RIS and CSL-JSON downloads at stable URLs under /citations/."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from actes.citation import download_files, references_by_page


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["actes_references"] = references_by_page(config.extra["actes"], config.site_url or "")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    references = list(config.extra["actes_references"].values())
    for path, content in download_files(references).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    reference = config.extra["actes_references"].get(page.file.src_uri)
    if reference is not None:
        page.meta["actes_reference"] = reference
    return markdown
