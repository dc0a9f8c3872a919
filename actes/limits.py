"""The limits on what editors give Actes: beyond them, a clear message, never unbounded work.
Stated in the README; every check that enforces one names it."""

from __future__ import annotations

from actes.characters import visible

# A data file (journee.yml, recommandations.yml, fonctions.yml, redirections.yml).
MAX_YAML_BYTES = 1_000_000
# A converted transcript (docs/journees/<day>/<id>.md) and the permalink ledger, as read back.
MAX_TRANSCRIPT_BYTES = 20_000_000
MAX_LEDGER_BYTES = 10_000_000
# A source file as received.
MAX_SOURCE_BYTES = 50_000_000
# A PDF: its pages, and its pages' content once decompressed (checked before its layout is read).
MAX_PDF_PAGES = 2_000
MAX_PDF_CONTENT_BYTES = 100_000_000
# A DOCX once unzipped (all its parts): a zip bomb is refused before it is read.
MAX_DOCX_UNZIPPED_BYTES = 200_000_000
# The text of a source, once read: characters, lines, characters in one line.
MAX_TEXT_CHARS = 3_000_000
MAX_TEXT_LINES = 100_000
MAX_LINE_CHARS = 20_000
# An identifier that becomes part of a URL and a file name (intervention, day slug).
MAX_ID_CHARS = 60
# How much of a bad value a message quotes.
QUOTED_CHARS = 80


def size(count: int) -> str:
    """« 1 Mo », « 200 Mo », « 812 octets »: for messages."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:g} Mo".replace(".", ",")
    if count >= 1000:
        return f"{count / 1000:g} Ko".replace(".", ",")
    return f"{count} octets"


def quote(value) -> str:
    """A value as a message quotes it: whole if short, else its start and its length; its control
    characters escaped (« \\n », « \\x1b »), so that it shows as what it is, on the message's line."""
    text = str(value)
    if len(text) <= QUOTED_CHARS:
        return f"'{visible(text)}'"
    return f"'{visible(text[:QUOTED_CHARS])}…' ({len(text)} caractères)"
