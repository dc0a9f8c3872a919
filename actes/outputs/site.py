"""What every output needs to know of the site beside the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SiteInfo:
    url: str  # absolute, with a trailing slash: permalinks are built on it
    name: str  # the site's title
    publisher: str  # who publishes the site and its data (mkdocs.yml's site_author)
    # Where the project's templates are (mkdocs.yml's theme.custom_dir): the PDF's document.
    templates: Path | None = None
    # The site's Markdown (extensions, their settings), that the PDF renders transcripts with as the pages do.
    markdown: tuple = field(default=((), {}), compare=False)


def site_info(config) -> SiteInfo:
    """From MkDocs' configuration (mkdocs.yml as loaded; read by attribute, so that this package
    stays free of MkDocs)."""
    return SiteInfo(url=config.site_url or "", name=config.site_name, publisher=config.site_author or "",
                    templates=Path(config.theme.custom_dir),
                    markdown=(tuple(config.markdown_extensions), dict(config.mdx_configs)))
