"""Index the built site with Pagefind (French stemming; a query fetches only the chunks it needs);
each page tells it its filters (speaker, day, museum function) and who speaks on it (actes.search;
printed by overrides/partials/recherche-filtres.html)."""

from __future__ import annotations

import os
import subprocess

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
# The binary that pagefind[bin] installs, run directly: `python -m pagefind` would start a second
# Python only to find it (50 ms on its own; in a one-day build, indexing took 0.09 s after this).
from pagefind_bin import get_executable

from actes.extra import ByPage
from actes.search import page_search

# What is indexed: the page content only; not the navigation, header and footer (outside
# .md-content), nor the § numbers and recommendation links the site adds to transcripts, nor the
# titles of other pages that lists repeat (.actes-repris): a word of a recommendation's or a day's
# title finds that page, not every list that names it.
ROOT_SELECTOR = ".md-content"
EXCLUDED = ".actes-paragraphe, .actes-renvoi, .headerlink, .actes-repris, .actes-tour-partie, .actes-lien-tour"


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


def on_post_build(*, config: MkDocsConfig) -> None:
    command = [str(get_executable()), "--site", config.site_dir, "--root-selector", ROOT_SELECTOR,
               "--exclude-selectors", EXCLUDED, "--silent"]
    if os.environ.get("ACTES_INCREMENTAL") == "1":
        # Previewing (`make serve`): the page reloads at once; the search index follows a moment later.
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind n'a pas pu indexer le site :\n{result.stdout}{result.stderr}")
