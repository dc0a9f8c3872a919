"""Fidelity of the converter on the fixture corpus (tests/fixtures/producteurs): per producer, words
lost and added against the text the file was made from, layout artifacts left, line-end hyphens
removed and kept, and conversion time per page.

    python bench/fidelity.py     (also part of `make bench`)
"""

from __future__ import annotations

import difflib
import re
import statistics
import sys
import time
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/fixtures/producteurs"
sys.path.insert(0, str(FIXTURES))
from fabriquer import HEADER, expected_words, read_text, without_notes  # noqa: E402

from actes.convert import convert, parse_transcript  # noqa: E402
from actes.sources import read_source  # noqa: E402


def _words(markdown_text: str) -> list[str]:
    front, body = markdown_text.split("\n---\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n")) or {}
    soup = BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "footnotes"]), "html.parser")
    for call in soup.select("sup[id^=fnref], a.footnote-backref"):
        call.decompose()
    words = str(meta.get("title", "")).split() + str(meta.get("speaker", "")).split() + soup.get_text().split()
    return [w.replace("’", "'") for w in words]


def measure(source: Path, repeats: int = 3) -> dict:
    text = read_text(FIXTURES / f"{source.name.split('-')[0]}.txt")
    if "python-docx" in source.name:  # python-docx writes no footnotes: made from the text without them
        text = without_notes(text)
    expected = [w.replace("’", "'") for w in expected_words(text)]
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        found = read_source(source)
        result = convert(found.text)
        seconds.append(time.perf_counter() - started)
    got = _words(result)
    opcodes = difflib.SequenceMatcher(None, expected, got, autojunk=False).get_opcodes()
    pages = int(re.search(r"(\d+) page", found.found).group(1)) if "page" in found.found else \
        found.text.rstrip("\f\n ").count("\f") + 1  # a text extracted page by page: its form feeds
    explanation = found.notes + [("", what) for _, what in parse_transcript(found.text).explanation]
    hyphens = [what for _, what in explanation if what.startswith("trait d'union")]
    return {
        "file": source.name,
        "producer": source.stem.split("-", 1)[1],
        "words": len(expected),
        "lost": sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag in ("delete", "replace")),
        "added": sum(j2 - j1 for tag, _, _, j1, j2 in opcodes if tag in ("insert", "replace")),
        "artifacts_left": len(re.findall(re.escape(HEADER) + r"|\bPage \d", result)),
        "hyphens_removed": sum("retiré" in h for h in hyphens),
        "hyphens_kept": sum("gardé" in h for h in hyphens),
        "pages": pages,
        "ms_per_page": round(1000 * statistics.median(seconds) / pages, 1),
    }


def fidelity_rows() -> list[dict]:
    return [measure(source) for folder in ("sources", "extractions")
            for source in sorted((FIXTURES / folder).iterdir())]


def fidelity_table(rows: list[dict]) -> str:
    lines = ["| Fichier | Mots | Perdus | Ajoutés | Artefacts restés | Césures retirées | Traits d'union gardés "
             "| Pages | ms par page |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['file']} | {row['words']} | {row['lost']} | {row['added']} | {row['artifacts_left']} "
                     f"| {row['hyphens_removed']} | {row['hyphens_kept']} | {row['pages']} | {row['ms_per_page']} |")
    perfect = sum(row["lost"] == row["added"] == row["artifacts_left"] == 0 for row in rows)
    lines.append(f"\n{perfect} fichier(s) sur {len(rows)} sans mot perdu ni ajouté ni artefact.")
    return "\n".join(lines)


if __name__ == "__main__":
    print(fidelity_table(fidelity_rows()))
