"""Is it a French word? For hyphens at line ends: a hyphen that only cuts a word (« straté- gie »)
goes; a hyphen that belongs to the word (« co-construire », « tables-rondes ») stays.

The word list is pyspellchecker's French dictionary (MIT licence, about 140,000 forms, from a
maintained package); it is loaded once, on the first question.
"""

from __future__ import annotations

import functools
import re

# Prefixes written with a hyphen before a word (« co-construire », « non-voyant »).
PREFIXES = {"anti", "après", "arrière", "auto", "avant", "co", "contre", "demi", "ex", "extra", "grand", "inter",
            "intra", "mi", "micro", "multi", "néo", "non", "post", "pré", "pro", "quasi", "semi", "sous", "super",
            "sur", "trans", "ultra", "vice"}
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


@functools.lru_cache(maxsize=1)
def _words():
    from spellchecker import SpellChecker

    return SpellChecker(language="fr", distance=1).word_frequency


def is_french(word: str) -> bool:
    return word.casefold() in _words()


def join_hyphenated(left: str, right: str) -> tuple[bool, str]:
    """At a line end, `left` + '-' + `right` (the word's two pieces, letters only). Whether to
    remove the hyphen, and why (said by `actes convert --explain`)."""
    joined, hyphenated = left + right, f"{left}-{right}"
    if not (WORD.match(left) and WORD.match(right)):
        return False, "gardé : ce n'est pas un mot coupé"
    if is_french(hyphenated):
        return False, f"gardé : « {hyphenated} » s'écrit avec un trait d'union"
    if is_french(joined):
        return True, f"retiré : « {joined} » est un mot, « {hyphenated} » n'en est pas un"
    if is_french(right) and (is_french(left) or left.casefold() in PREFIXES):
        return False, f"gardé : « {left} » et « {right} » sont des mots (« {joined} » est inconnu)"
    return True, (f"retiré : « {left} » et « {right} » ne forment pas un mot composé (« {joined} » est inconnu "
                  "du dictionnaire)")
