"""What every output needs to know of the site beside the corpus."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteInfo:
    url: str  # absolute, with a trailing slash: permalinks are built on it
    name: str  # the site's title
    publisher: str  # who publishes the site and its data (mkdocs.yml's site_author)
