"""Drop the blank lines and indentation that the theme's templates leave in every page.

Material's templates emit a line of whitespace for each step of their loops: a transcript page
of a 100-day site carried 15 KB of it, and the navigation's share grew with the number of days.
Each line break with the whitespace after it becomes one line break, which HTML renders alike;
the content of <pre>, <textarea>, <script> and <style>, where whitespace can matter, is kept as is.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# Elements whose whitespace is kept; splitting on this pattern yields, in steps of three,
# the text between them, the element, and its tag name.
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# A line break and the whitespace after it. Only ASCII whitespace: a no-break space is content.
_BLANK = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    parts = _KEPT.split(html)
    del parts[2::3]  # the tag names
    parts[::2] = [_BLANK.sub("\n", text) for text in parts[::2]]
    return "".join(parts)


# Last of the post-page steps (the search index reads the pages as written).
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return compact(output)


# The pages built from a theme template alone (404.html); not the XML sitemap.
@event_priority(-100)
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    return compact(output) if template_name.endswith(".html") else output
