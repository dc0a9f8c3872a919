"""The converter: golden files compared exactly, line endings, escaping, and the CLI."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from actes.convert import convert, escape_inline, parse_transcript

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
REAL_SOURCE = ROOT / "data/journees/2018-10-05-strategie-numerique/sources/conclusion.txt"
REAL_CONVERTED = ROOT / "docs/journees/2018-10-05-strategie-numerique/conclusion.md"
GOLDEN_INPUTS = sorted(GOLDEN.glob("*.txt"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("source", GOLDEN_INPUTS, ids=lambda p: p.stem)
def test_golden(source):
    assert convert(read(source)) == read(source.with_suffix(".expected.md"))


@pytest.mark.parametrize("source", GOLDEN_INPUTS + [REAL_SOURCE], ids=lambda p: p.stem)
def test_crlf_converts_like_lf(source):
    text = read(source)
    assert convert(text.replace("\n", "\r\n")) == convert(text)


def test_committed_transcript_is_what_the_converter_makes():
    assert read(REAL_CONVERTED) == convert(read(REAL_SOURCE)), (
        "docs/ drifted from its source: run 'actes convert' again, never edit the converted file by hand")


def test_real_source_loses_exactly_its_running_headers():
    transcript = parse_transcript(read(REAL_SOURCE))
    assert transcript.artifacts == [
        (5, "## Journée professionnelle"), (7, "### La stratégie du numérique dans les musées"), (9, "5 octobre 2018"),
        (27, "## Journée professionnelle"), (29, "### La stratégie du numérique dans les musées"), (33, "5 octobre 2018"),
        (45, "Journée professionnelle"), (47, "La stratégie du numérique dans les musées"), (49, "5 octobre 2018"),
    ]
    assert transcript.title == "Conclusion de la journée"
    assert transcript.speaker.startswith("Intervention de Mme Blandine Chavanne")


def test_real_source_rejoins_the_item_and_the_paragraph_cut_by_page_breaks():
    paragraphs = [b.text for b in parse_transcript(read(REAL_SOURCE)).paragraphs]
    assert any("gestion des collections, bien sûr, mais également valorisation" in p for p in paragraphs)
    assert paragraphs[-1].endswith("par le partage d'expériences et les regards croisés, "
                                   "des éléments de réflexions qui vous permettront d'élaborer une stratégie "
                                   "numérique pour vos établissements.")
    assert [b.number for b in parse_transcript(read(REAL_SOURCE)).blocks if b.kind == "numbered"] == [1, 2, 3]


@pytest.mark.parametrize("text", [
    "{{ 7*7 }}", "{% include 'x' %}", "{# x #}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[lien](javascript:alert(1))", "# titre", "## titre", "> citation", "| a | b |", "!!! note", "1. liste",
    "- puce", "+ puce", "* puce", "--- règle", "a & b &amp; c", "`code`", "__gras__", "{ #id }", "{: .classe }",
"~~barré~~", "x^2^", "==surligné==", ": définition", "    indenté",
])
def test_escaped_text_renders_verbatim(text):
    html = markdown.markdown(escape_inline(text), extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"])
    soup = BeautifulSoup(html, "lxml")
    assert [tag.name for tag in soup.body.find_all(True)] == ["p"]
    assert soup.p.get_text() == " ".join(text.split())


def test_emphasis_is_the_sources_own_markup_and_is_kept():
    html = markdown.markdown(escape_inline("permettant *in fine* une plus grande agilité"))
    assert html == "<p>permettant <em>in fine</em> une plus grande agilité</p>"


def test_cli_convert_prints_markdown_and_writes_nothing(tmp_path):
    source = tmp_path / "source.txt"
    source.write_bytes(REAL_SOURCE.read_bytes())
    result = subprocess.run([sys.executable, "-m", "actes.cli", "convert", str(source)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == read(REAL_CONVERTED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.txt"]


def test_cli_convert_reports_a_missing_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "actes.cli", "convert", "absent.txt"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "absent.txt:1: fichier introuvable : 'absent.txt'\n"


def test_a_5_mb_transcript_converts_in_bounded_memory():
    """Linear in the input: no quadratic joins. Memory is asserted here; time is measured by `make bench`."""
    import tracemalloc

    pages = []
    while sum(map(len, pages)) < 5_000_000:
        number = len(pages) + 1
        body = "\n".join(f"Ligne {number}-{i} d'un paragraphe imaginaire coupé à la main, sans fin de phrase"
                         for i in range(60))
        pages.append(f"Actes fictifs de la rencontre\n15 mars 2099\n\n{body}\n\n{number}\n\f")
    text = "".join(pages)
    tracemalloc.start()
    try:
        converted = convert(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(text.encode("utf-8")) > 5_000_000
    assert peak < 20 * len(text)
    assert "Actes fictifs de la rencontre" not in converted and "15 mars 2099" not in converted
    assert f"Ligne {len(pages)}-59 d'un paragraphe" in converted


def test_the_imported_source_is_byte_identical_to_the_one_received():
    """The raw source is kept as received: its SHA-256 is the one recorded when it was received
    (tests/fixtures/recu/SHA256SUMS, in `sha256sum` format), read from the project alone."""
    receipts = dict(reversed(line.split("  ", 1)) for line in
                    (ROOT / "tests/fixtures/recu/SHA256SUMS").read_text(encoding="utf-8").splitlines())
    received = receipts["2018-10-05-strategie-numerique/conclusion.txt"]
    assert hashlib.sha256(REAL_SOURCE.read_bytes()).hexdigest() == received


def _words_of_converted(markdown_text: str) -> list[str]:
    """The words a reader gets: the front matter's title and speaker, then the rendered text."""
    front, body = markdown_text.split("\n---\n", 1)
    meta = {key: value for key, value in (line.split(": ", 1) for line in front.split("\n")[1:] if ": " in line)}
    words = []
    for key in ("title", "speaker"):
        if key in meta:
            words += meta[key].strip("'\"").split()
    rendered = BeautifulSoup(markdown.markdown(body, extensions=["attr_list"]), "html.parser").get_text(" ")
    return words + rendered.split()


@pytest.mark.parametrize("source", [REAL_SOURCE, *GOLDEN_INPUTS], ids=lambda p: p.stem)
def test_explain_accounts_for_every_word_removed(source):
    """`actes convert --explain` lists the removed lines: the source without them (and without the
    markup of headings and numbered points) has exactly the converted text's words, in order."""
    result = subprocess.run([sys.executable, "-m", "actes.cli", "convert", "--explain", str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    removed = {int(m.group(1)) for m in re.finditer(r"^.*?:(\d+): ligne retirée", result.stdout, re.MULTILINE)}
    joined = re.findall(r"^.*?:\d+: ligne rejointe", result.stdout, re.MULTILINE)
    assert result.stdout.strip().endswith("rien d'autre ne change : chaque mot est gardé, dans l'ordre.")
    assert f"{len(removed)} ligne" in result.stdout.strip().split("\n")[-1]
    assert f"{len(joined)} paragraphe" in result.stdout.strip().split("\n")[-1]
    kept = []
    for number, line in enumerate(read(source).replace("\r\n", "\n").split("\n"), start=1):
        if number not in removed:
            line = re.sub(r"^(#{2,6}|[-*•]\s+\d{1,3}[.)]|\d{1,3}\)|[-*•])\s+", "", line.replace("\f", ""))
            kept += line.replace("*", "").split()
    converted = [w.replace("*", "") for w in _words_of_converted(convert(read(source)))]
    assert converted == kept


def test_a_title_and_speaker_line_with_no_blank_line_between_are_both_recognised():
    transcript = parse_transcript("Les publics et nous\nIntervention de Mme Zoé Exemple, conservatrice fictive\n\n"
                                  "Un paragraphe.\n")
    assert (transcript.title, transcript.speaker) == ("Les publics et nous",
                                                      "Intervention de Mme Zoé Exemple, conservatrice fictive")
    assert [block.text for block in transcript.blocks] == ["Un paragraphe."]


def test_a_star_in_a_docx_is_text_and_its_italics_are_emphasis(tmp_path):
    import docx

    from actes.sources import read_source

    document = docx.Document()
    paragraph = document.add_paragraph("Les fichiers *.txt et *.md, dits ")
    paragraph.add_run("sources").italic = True
    paragraph.add_run(", sont gardés.")
    path = tmp_path / "etoiles.docx"
    document.save(path)
    result = convert(read_source(path).text)
    html = markdown.markdown(result.split("\n---\n", 1)[1])
    assert BeautifulSoup(html, "html.parser").get_text().strip() == "Les fichiers *.txt et *.md, dits sources, sont gardés."
    assert "<em>sources</em>" in html


def test_a_docx_table_and_its_cells_keep_their_words(tmp_path):
    import docx

    from actes.sources import read_source

    document = docx.Document()
    document.add_paragraph("Avant le tableau.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate(table.rows):
        for column, cell in enumerate(cells.cells):
            cell.text = f"Cellule {row}-{column}."
    document.add_paragraph("Après le tableau.")
    path = tmp_path / "tableau.docx"
    document.save(path)
    result = convert(read_source(path).text)
    text = BeautifulSoup(markdown.markdown(result.split("\n---\n", 1)[1]), "html.parser").get_text().split()
    assert text == "Avant le tableau. Cellule 0-0. Cellule 0-1. Cellule 1-0. Cellule 1-1. Après le tableau.".split()


def test_a_docx_non_breaking_hyphen_is_kept(tmp_path):
    import docx
    from docx.oxml import OxmlElement

    from actes.sources import read_source

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Il faut co")
    run = paragraph.add_run()
    run._r.append(OxmlElement("w:noBreakHyphen"))
    paragraph.add_run("construire les parcours.")
    path = tmp_path / "trait.docx"
    document.save(path)
    assert "Il faut co-construire les parcours." in convert(read_source(path).text)
