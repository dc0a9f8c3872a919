"""Index the built site with Pagefind (French stemming; a query fetches only the chunks it needs).
What each page tells it beside its text (filters, who speaks) is hooks/search_filters.py's."""

from __future__ import annotations

import os
import subprocess

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
# The binary that pagefind[bin] installs, run directly: `python -m pagefind` would start a second
# Python only to find it (50 ms on its own; in a one-day build, indexing took 0.09 s after this).
from pagefind_bin import get_executable

# What is indexed: the page content only; not the navigation, header and footer (outside
# .md-content), nor the § numbers and recommendation links the site adds to transcripts, nor the
# titles of other pages that lists repeat (.actes-repris): a word of a recommendation's or a day's
# title finds that page, not every list that names it.
ROOT_SELECTOR = ".md-content"
EXCLUDED = ".actes-paragraphe, .actes-renvoi, .headerlink, .actes-repris, .actes-tour-partie, .actes-lien-tour"


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
