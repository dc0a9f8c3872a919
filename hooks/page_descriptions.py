"""Give every page its description (meta description, Open Graph and Twitter cards), drawn from the
data by actes.descriptions; editorial pages give theirs in their front matter."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from actes.descriptions import page_descriptions
from actes.extra import ByPage


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["actes_descriptions"] = ByPage(page_descriptions(config.extra["actes"]))
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    description = config.extra["actes_descriptions"].get(page.file.src_uri)
    if description and not page.meta.get("description"):
        page.meta["description"] = description
    return markdown
