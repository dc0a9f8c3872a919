"""Reading a whole study day in one document (tests/fixtures/journee-entiere), per producer: the
interventions, roster entries and turns read right against the text the file was made from, and the
words lost and added (every word of the source, wherever the plan puts it).

    python bench/whole_day.py     (also part of `make bench`)
"""

from __future__ import annotations

import collections
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/fixtures/journee-entiere"

from actes.sources import read_source  # noqa: E402
from actes.structure import plan_day, resolve_label  # noqa: E402


def _maker():
    spec = importlib.util.spec_from_file_location("fabriquer_journee_entiere", FIXTURES / "fabriquer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _same(word: str) -> str:
    """Words as the tests compare them: « ’ » is « ' », small capitals printed as capitals are the same."""
    return word.replace("’", "'").casefold()


def measure(source: Path, maker) -> dict:
    day = maker.read_day()
    found = read_source(source)
    plan = plan_day(found.text)
    titles = [_same(i.title) for i in plan.interventions]
    expected_titles = [_same(p.title) for p in day.parts]
    by_title = {_same(i.title): i for i in plan.interventions}
    roster_right = turns_right = turns_wrong = 0
    for part in day.parts:
        intervention = by_title.get(_same(part.title))
        if intervention is None:
            continue
        read = {(l.part, l.civility, l.given, _same(l.family), l.role) for l in intervention.roster}
        roster_right += sum((e.part, e.civility, e.given, _same(e.family), e.role) in read for e in part.roster)
        # A text extraction shows no bold: a name only its bold makes a label is text there.
        expected = [(t.speaker, _same(t.label)) for kind, t in part.items
                    if kind == "turn" and (source.suffix != ".txt" or not t.bold_only)]
        got = []
        for block in intervention.blocks:
            if block.label:
                resolution = resolve_label(block.label, intervention.roster)
                got.append(("salle" if resolution.floor else resolution.person, _same(block.label)))
        matched = sum(a == b for a, b in zip(expected, got))
        turns_right += matched
        turns_wrong += len(got) - matched
    readable = sum(1 for _, t in day.turns if source.suffix != ".txt" or not t.bold_only)
    account = plan.account()
    account["sommaire"] += [w for line in found.contents for w in line.split()]
    got_words = collections.Counter(_same(w) for words in account.values() for w in words)
    expected_words = collections.Counter(_same(w) for w in maker.expected_words(day))
    expected_words += collections.Counter(_same(w) for w in account["sommaire"])  # the contents dropped, reported
    return {
        "file": source.name,
        "interventions": f"{sum(t in titles for t in expected_titles)}/{len(expected_titles)}",
        "roster": f"{roster_right}/{sum(len(p.roster) for p in day.parts)}",
        "turns_right": turns_right,
        "turns_wrong": turns_wrong,
        "turns_missing": readable - turns_right - min(turns_wrong, readable - turns_right),
        "turns": readable,
        "lost": sum((expected_words - got_words).values()),
        "added": sum((got_words - expected_words).values()),
    }


def whole_day_rows() -> list[dict]:
    maker = _maker()
    return [measure(source, maker) for source in sorted((FIXTURES / "sources").iterdir())]


def whole_day_table(rows: list[dict]) -> str:
    lines = ["| Fichier | Interventions | Distribution | Tours justes | faux | manquants | Mots perdus | ajoutés |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['file']} | {row['interventions']} | {row['roster']} | {row['turns_right']}/{row['turns']} "
                     f"| {row['turns_wrong']} | {row['turns_missing']} | {row['lost']} | {row['added']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(whole_day_table(whole_day_rows()))
