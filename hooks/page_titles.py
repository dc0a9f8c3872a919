"""Escape page titles: Material prints `page.title` unescaped in the nav, the header and the h1.
The raw title stays in `actes_titre`, for the head's cards, which escape it themselves."""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, **kwargs) -> str:
    if isinstance(page.meta.get("title"), str):
        page.meta["actes_titre"] = page.meta["title"]
        page.meta["title"] = html.escape(page.meta["title"], quote=False)
    return markdown
