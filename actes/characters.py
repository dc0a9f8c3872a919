"""Characters that no output can carry, and how a message shows them.

XML 1.0 (feeds, sitemaps, PDF tags: lxml refuses them), HTML, CSV and a terminal all break on the same
few: C0 control characters but tab and line ends, DEL and the C1 controls (a terminal runs 0x1b and 0x9b
as escape sequences), lone surrogates and the noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the
last two code points of every plane). Data files refuse them with the code point named; sources lose
them, said by `actes convert --explain`; messages show them escaped.
"""

from __future__ import annotations

import re
import unicodedata

# What a source may keep of the controls: tab, line feed, carriage return, and the form feed that
# separates the pages of a text extracted from a PDF.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN_IN_DATA = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
FORBIDDEN_IN_SOURCES = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# What a message must not print as is: every control character (a line feed inside a value too).
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 9: "TAB", 10: "LF", 11: "VT", 12: "FF", 13: "CR", 27: "ESC", 127: "DEL",
                  0x9B: "CSI"}


def describe(character: str) -> str:
    """« U+0000 (NUL) », « U+FFFE (non-caractère) », « U+D800 (demi-code de substitution isolé) »."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        name = "demi-code de substitution isolé"
    elif FORBIDDEN_IN_DATA.fullmatch(character) and unicodedata.category(character) == "Cn":
        name = "non-caractère"
    elif unicodedata.category(character) == "Co":
        name = "caractère à usage privé"
    else:
        name = _CONTROL_NAMES.get(code) or ("caractère de contrôle" if code < 0xA0 else unicodedata.name(character, "?"))
    return f"U+{code:04X} ({name})"


def first_forbidden(text: str) -> str | None:
    """The first character of `text` that no output can carry, if any."""
    match = FORBIDDEN_IN_DATA.search(text)
    return match.group() if match else None


def remove_from_source(text: str, characters: re.Pattern = FORBIDDEN_IN_SOURCES) -> tuple[str, list[tuple[int, str]]]:
    """A source's text without `characters` (by default those no output can carry), and what went:
    (line, code point)."""
    removed: list[tuple[int, str]] = []
    if not characters.search(text):
        return text, removed
    for number, line in enumerate(text.split("\n"), start=1):
        removed += [(number, describe(character)) for character in characters.findall(line)]
    return characters.sub("", text), removed


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, keep_line_feeds: bool = False) -> str:
    """`text` as a terminal may print it: every control character escaped (« \\x1b », « \\n »), so that
    a value can neither run an escape sequence nor erase or fake a line of the message."""
    if keep_line_feeds:
        return "\n".join(_UNPRINTABLE.sub(_escaped, line) for line in text.split("\n"))
    return _UNPRINTABLE.sub(_escaped, text)
