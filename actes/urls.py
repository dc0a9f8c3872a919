"""Where each page and file of the site lives: site paths and absolute URLs (no other dependency)."""

from __future__ import annotations

import re


def page_path(uri: str) -> str:
    """Site path of the page built from Markdown file `uri` (directory URLs): 'a/b.md' → '/a/b/'."""
    path = re.sub(r"(^|/)index\.md$", r"\1", uri)
    return "/" + re.sub(r"\.md$", "/", path)


def page_url(site_url: str, uri: str) -> str:
    """Absolute URL of the page built from Markdown file `uri` (directory URLs)."""
    return site_url.rstrip("/") + page_path(uri)


def file_url(site_url: str, path: str) -> str:
    """Absolute URL of a file written at `path` under the site ('donnees/journees.csv')."""
    return site_url.rstrip("/") + "/" + path
