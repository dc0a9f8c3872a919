"""Escape page titles: Material's own templates print `page.title` and `page.meta.title` as they
are, in the navigation, the header, the footer and the h1. Each title becomes Markup, escaped once
here: Material prints it as is, the autoescaped overrides do not escape it twice. The raw title
stays in `actes_titre`, for the head's cards (autoescaped)."""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, **kwargs) -> str:
    # A title set on the page (by the navigation, or by mkdocs-macros, which runs first) wins over
    # the front matter's, as in MkDocs.
    meta_title = page.meta.get("title")
    if isinstance(meta_title, str) and not isinstance(meta_title, Markup):
        page.meta["actes_titre"] = meta_title
        page.meta["title"] = escape(meta_title)
    own = vars(page).get("title")
    if isinstance(own, str) and not isinstance(own, Markup):
        page.title = escape(own)
    elif own is None and isinstance(meta_title, str):
        page.title = page.meta["title"]
    return markdown
