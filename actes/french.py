"""French typography helpers for dates and lists."""

from __future__ import annotations

import datetime
import re

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
          "août", "septembre", "octobre", "novembre", "décembre")
NBSP = "\u00a0"


def long_date(day: datetime.date) -> str:
    """« 5 octobre 2018 », « 1er mars 2019 » (no-break spaces inside)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}{NBSP}{MONTHS[day.month - 1]}{NBSP}{day.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 recommandation », « 8 recommandations » (no-break space after the number)."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count}{NBSP}{word}"


NARROW_NBSP = "\u202f"
_SPACE_BEFORE_HIGH = re.compile(r" ([;!?])")
_SPACE_BEFORE_COLON = re.compile(r" ([:»])")
_SPACE_AFTER_GUILLEMET = re.compile(r"« ")


def french_spacing(text: str) -> str:
    """The no-break spaces of French typography where the text has a space: before « ; ! ? »
    (narrow), before « : » and « » », after « « ». No word is added or moved; text without a space
    there (a URL, « 14:30 ») is left as it is."""
    text = _SPACE_BEFORE_HIGH.sub(NARROW_NBSP + r"\1", text)
    text = _SPACE_BEFORE_COLON.sub(NBSP + r"\1", text)
    return _SPACE_AFTER_GUILLEMET.sub("«" + NBSP, text)
