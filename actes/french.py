"""French typography helpers for dates and lists."""

from __future__ import annotations

import datetime

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
