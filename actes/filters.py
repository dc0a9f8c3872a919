"""The filters of the site's templates, by the French names the templates use: plain functions,
registered by hooks/template_filters.py (theme and generated pages) and hooks/macros_site.py
(editorial pages)."""

from __future__ import annotations

import functools
import json
import posixpath

from actes.convert import escape_inline
from actes.french import long_date, plural


# Memoised: a page links to the same few pages many times (every § of a transcript), and
# posixpath.relpath asks the operating system for the current folder on each call.
@functools.lru_cache(maxsize=65536)
def relative_link(target_uri: str, here: str) -> str:
    """Relative link from the Markdown file `here` to the Markdown file `target_uri`."""
    return posixpath.relpath(target_uri, posixpath.dirname(here) or ".")


def file_size(size: int) -> str:
    """« 812 octets », « 3 Ko », « 1,2 Mo » (decimal units, French decimal comma, no-break space)."""
    if size < 1000:
        return f"{size}\u00a0octets"
    if size < 1_000_000:
        return f"{round(size / 1000)}\u00a0Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + "\u00a0Mo"


FILTERS = {
    "texte": escape_inline,
    "lien": relative_link,
    "date_longue": long_date,
    "pluriel": plural,
    "taille": file_size,
    # A JSON string is a valid YAML scalar: safe in front matter whatever the title holds.
    "yaml": lambda value: json.dumps(value, ensure_ascii=False),
}
