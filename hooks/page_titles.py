"""Escape page titles: Material prints `page.title` unescaped in the nav, the header and the h1."""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, **kwargs) -> str:
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.escape(page.meta["title"], quote=False)
    return markdown
