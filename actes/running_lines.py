"""What a page's layout repeats, for every format: running headers and footers, page numbers.

One set of rules. The converter (actes.convert) applies them to extracted text, where a page is
the lines between two breaks; the PDF reader (actes.pdf_reader) to lines with their position, and
adds the height of a line on its page to what is compared.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

# Lines longer than this are body text, never a running header or footer.
MAX_RUNNING_LINE_CHARS = 120
# « 2/4 », « - 3 - », « Page 2 sur 4 », « p. 3 »: a page number whatever its place.
EXPLICIT_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|sur)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|sur)\s*\d{1,4}"
    r"|[-–—]\s*\d{1,4}\s*[-–—])$",
    re.IGNORECASE,
)
# A page number inside a running line: « Actes, page 3 », « p. 3 », « Actes — 3 ».
PAGE_REFERENCE = re.compile(r"(?i)(\bpage\s*\d|\bp\.\s*\d|\s[-–—|]\s*\d{1,4}\s*$)")
# « 2 »: a page number only where a page starts or ends.
BARE_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# Heading markers of extracted text (« ## Actes »): not part of what repeats.
HEADING = re.compile(r"^(#{2,6})\s+(.*)$")


def is_page_number(line: str, *, at_page_edge: bool) -> bool:
    text = line.strip()
    return bool(EXPLICIT_PAGE_NUMBER.match(text) or (at_page_edge and BARE_PAGE_NUMBER.match(text)))


def key(line: str, page: int | None = None) -> str:
    """The key by which edge lines are compared across pages: heading markers and spacing ignored;
    the numbers ignored in a line that carries a page reference (« Actes — page 3 »), so that
    « Article 1 » and « Article 2 » at the top of two pages stay text; and, where the page is
    known, its own number at either end of the line (« … dans les musées   2 »)."""
    line = " ".join(HEADING.sub(r"\2", line.strip()).split())
    if PAGE_REFERENCE.search(line):
        line = re.sub(r"\d+", "0", line)
    elif page is not None:
        line = re.sub(rf"^{page}\s|\s{page}$", " 0 ", line)
    return line.casefold().strip()


def repeated(edges_by_page: Iterable[set]) -> set:
    """The edge keys found on at least two pages."""
    seen: Counter = Counter()
    for edges in edges_by_page:
        seen.update(edges)
    return {edge for edge, count in seen.items() if count >= 2}
