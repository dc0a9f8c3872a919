"""The second series of careless or hostile edits (issue « round two »): each case through the real
commands, refused with a French file:line message naming what to do, or accepted and kept as text;
never a traceback, never the last-resort message, never a command that blocks."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from conftest import build
from test_editorial_safety import DAY, DAY_FILE, RECS, actes, assert_refused, check_passes, essai, line_of, project  # noqa: F401 (fixtures)

FUNCTIONS = "data/fonctions.yml"
LEDGER = "data/permaliens.txt"
TRANSCRIPT = f"docs/journees/{DAY}/conclusion.md"


def edit(project, relative: str, old: str, new: str) -> int:
    """Replace `old` (once) in a project file; the line where the change is."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line_of(path, new.split("\n")[0]) if new else 1


def assert_clean_refusal(result, *messages):
    """Refused (exit 1) with each message, and nothing a terminal would run or a last resort would say."""
    assert_refused(result, *messages)
    assert "erreur inattendue" not in result.stderr
    assert "\x1b" not in result.stderr and "\x00" not in result.stderr


# --- 1. Characters no output can carry ---------------------------------------------------------

@pytest.mark.parametrize(("file", "old", "new", "named"), [
    (DAY_FILE, "title: La stratégie du numérique dans les musées",
     'title: "La stratégie du numérique\\x00 dans les musées"', "U+0000 (NUL) dans 'title'"),
    (RECS, "title: Confier au chef d'établissement la définition de la stratégie",
     'title: "Confier au chef\\uFFFE"', "U+FFFE (non-caractère) dans 'title'"),
    (DAY_FILE, "family: Chavanne", 'family: "Chava\\x07nne"', "U+0007 (BEL) dans 'family'"),
])
def test_a_character_no_output_can_carry_is_refused_with_its_code_point(project, file, old, new, named):
    line = edit(project, file, old, new)
    assert_clean_refusal(actes(project, "check"), f"{file}:{line}: caractère interdit {named}")


def test_a_lone_surrogate_written_as_an_escape_is_refused_for_what_it_is(project):
    line = edit(project, FUNCTIONS, "label: Médiation", 'label: "Médiation\\uD800"')
    assert_clean_refusal(actes(project, "check"), f"{FUNCTIONS}:{line}: YAML invalide (colonne 24) : séquence « \\u… » "
                                                  "invalide (demi-code de substitution isolé, ou hors d'Unicode)")


def test_the_build_refuses_a_nul_in_a_title_like_check(project, tmp_path):
    line = edit(project, DAY_FILE, "title: La stratégie du numérique dans les musées",
                'title: "La stratégie\\x00 du numérique"')
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{DAY_FILE}:{line}: caractère interdit U+0000 (NUL)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_terminal_escape_in_a_value_is_shown_escaped(project):
    line = edit(project, RECS, "functions: [direction-et-strategie]", 'functions: ["\\x1b[2K\\x1b[1Afaux"]')
    result = actes(project, "check")
    assert_clean_refusal(result, f"{RECS}:{line}: ", "\\x1b[2K\\x1b[1Afaux")


def test_control_characters_in_a_text_source_are_removed_and_said(project, tmp_path):
    source = tmp_path / "essai.txt"
    source.write_bytes("## Un essai\n\nIntervention de Mme Zoé Exemple, conservatrice fictive\n\n"
                       "Un paragraphe\x1b[2K avec une cloche\x07 et un\x0b saut.\n".encode())
    explained = subprocess.run([*actes_command(), "convert", "--explain", str(source)], capture_output=True, text=True)
    assert explained.returncode == 0, explained.stderr
    assert "ligne 5 : caractère retiré U+001B (ESC)" in explained.stdout
    assert "ligne 5 : caractère retiré U+0007 (BEL)" in explained.stdout
    assert "ligne 5 : caractère retiré U+000B (VT)" in explained.stdout
    result = actes(project, "ingest", DAY, source, "--as", "essai")
    assert result.returncode == 0, result.stderr
    transcript = (project / f"docs/journees/{DAY}/essai.md").read_text(encoding="utf-8")
    assert "Un paragraphe&#91;2K avec une cloche et un saut." in transcript
    check_passes(project)


def actes_command():
    import sys

    return [sys.executable, "-m", "actes.cli"]


@pytest.mark.parametrize("prefix", ["SN٢٠١٨", "SN２０１９", "SN2018\n"])
def test_new_day_refuses_a_prefix_whose_digits_are_not_ascii(project, prefix):
    assert_clean_refusal(actes(project, "new-day", "2030-01-02", "Essai", "--prefix", prefix), "préfixe invalide")


def test_check_refuses_a_day_prefix_in_fullwidth_digits(project):
    line = edit(project, DAY_FILE, "prefix: SN2018", "prefix: SN２０１８")
    assert_clean_refusal(actes(project, "check"), f"{DAY_FILE}:{line}: préfixe invalide")


def test_check_refuses_a_recommendation_id_in_arabic_indic_digits(project):
    line = edit(project, RECS, "id: SN2018-02", "id: SN2018-٠٢")
    assert_clean_refusal(actes(project, "check"), f"{RECS}:{line}: identifiant de recommandation invalide")


# --- 2. Names and keys that collide ------------------------------------------------------------

def test_a_function_listed_twice_in_a_recommendation_is_refused(project):
    line = edit(project, RECS, "functions: [direction-et-strategie]",
                "functions: [direction-et-strategie, mediation, direction-et-strategie]")
    assert_clean_refusal(actes(project, "check"),
                         f"{RECS}:{line}: fonction en double dans la recommandation (déjà en position 1) : retirez-la : "
                         "'direction-et-strategie'")


def test_two_items_writing_one_output_file_are_refused(project, tmp_path):
    """A day 'X' with an intervention 'conclusion' and a day 'X-conclusion' share citations/X-conclusion.*."""
    days = project / "data/journees"
    other = f"{DAY}-conclusion"
    subprocess.run(["cp", "-r", str(days / DAY), str(days / other)], check=True)
    edit(project, f"data/journees/{other}/journee.yml", "prefix: SN2018", "prefix: SNC2018")
    recs = project / f"data/journees/{other}/recommandations.yml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("SN2018-", "SNC2018-"), encoding="utf-8")
    subprocess.run(["cp", "-r", str(project / f"docs/journees/{DAY}"), str(project / f"docs/journees/{other}")],
                   check=True)
    result = actes(project, "check")
    assert_clean_refusal(result, f"data/journees/{other}/journee.yml:1: deux éléments publieraient le même fichier "
                                 f"'citations/{other}.bib' : la journée '{other}' et une intervention d'une autre journée")
    built = build(project, tmp_path / "site")
    assert built.returncode != 0 and f"'citations/{other}.bib'" in built.stderr and "Traceback" not in built.stderr


def test_a_redirect_through_a_published_file_is_refused(project):
    (project / "data/redirections.yml").write_text(
        "redirects:\n  - from: /flux/journees.atom/\n    to: /\n    reason: Essai.\n", encoding="utf-8")
    assert_clean_refusal(actes(project, "check"),
                         "data/redirections.yml:2: la source d'une redirection passe par un fichier publié "
                         "('/flux/journees.atom')")


def test_new_day_refuses_a_title_holding_a_line_break(project):
    result = actes(project, "new-day", "2030-01-02", "Titre\nprefix: XX2030")
    assert_clean_refusal(result, "le titre tient sur une ligne, sans caractère de contrôle (U+000A (LF)) : "
                                 "'Titre\\nprefix: XX2030'")
    assert not list((project / "data/journees").glob("2030-*"))


def test_new_day_writes_a_title_that_looks_like_yaml_as_the_value_it_is(project):
    title = "Musées : « oui » # non ' \" {prefix} - [a] &b *c !d"
    result = actes(project, "new-day", "2030-01-02", title, "--slug", "essai", "--prefix", "ES2030")
    assert result.returncode == 0, result.stderr
    from actes.yamlsource import read_yaml

    document, problems = read_yaml(project / "data/journees/2030-01-02-essai/journee.yml", "journee.yml")
    assert problems == [] and document.data["title"] == title and document.data["prefix"] == "ES2030"


def test_a_day_folder_whose_name_ends_with_a_line_break_is_refused(project):
    days = project / "data/journees"
    os.rename(days / DAY, days / f"{DAY}\n")
    result = actes(project, "check")
    assert_clean_refusal(result, "nom de dossier invalide, attendu AAAA-MM-JJ-titre-court : "
                                 f"'{DAY}\\n'")


# --- 3. Files that are not what they seem ------------------------------------------------------

@pytest.mark.parametrize("relative", [FUNCTIONS, DAY_FILE, RECS])
def test_a_fifo_as_a_data_file_is_refused_without_blocking(project, relative):
    (project / relative).unlink()
    os.mkfifo(project / relative)
    result = subprocess.run([*actes_command(), "check", "--root", str(project)], capture_output=True, text=True,
                            timeout=60)
    assert_clean_refusal(result, f"{relative}:1: ce n'est pas un fichier ordinaire (tube, périphérique…)")


def test_new_day_does_not_block_on_a_fifo_as_a_day_file(project):
    (project / DAY_FILE).unlink()
    os.mkfifo(project / DAY_FILE)
    result = subprocess.run([*actes_command(), "new-day", "2030-01-02", "Essai", "--root", str(project)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "outside"])
def test_a_data_file_that_is_a_symbolic_link_is_refused(project, tmp_path, target):
    if target == "outside":
        target = tmp_path / "ailleurs.yml"
        target.write_text((project / FUNCTIONS).read_text(encoding="utf-8"), encoding="utf-8")
    (project / FUNCTIONS).unlink()
    os.symlink(target, project / FUNCTIONS)
    result = subprocess.run([*actes_command(), "check", "--root", str(project)], capture_output=True, text=True,
                            timeout=60)
    assert_clean_refusal(result, f"{FUNCTIONS}:1: lien symbolique refusé (il peut mener hors du projet) : copiez le "
                                 "fichier lui-même à sa place")


def test_a_ledger_that_is_not_utf8_is_named_with_its_byte(project):
    ledger = project / LEDGER
    data = ledger.read_bytes()
    position = data.index(b"/recommandations/")
    ledger.write_bytes(data[:position] + b"\xe9" + data[position:])
    line = 1 + data[:position].count(b"\n")
    assert_clean_refusal(actes(project, "check"), f"{LEDGER}:{line}: fichier illisible : il doit être encodé en "
                                                  f"UTF-8 (ligne {line}, octet {position + 1} invalide : 0xe9)")


def test_a_transcript_that_is_not_utf8_is_named_with_its_byte(project, tmp_path):
    transcript = project / TRANSCRIPT
    data = transcript.read_bytes()
    transcript.write_bytes(data.replace("numérique".encode(), "num\xe9rique".encode("latin-1"), 1))
    position = data.index("numérique".encode()) + 3
    line = 1 + data[:position].count(b"\n")
    message = f"{TRANSCRIPT}:{line}: fichier illisible : il doit être encodé en UTF-8 (ligne {line}, octet {position + 1}"
    assert_clean_refusal(actes(project, "check"), message)
    built = build(project, tmp_path / "site")
    assert built.returncode != 0 and message in built.stderr and "Traceback" not in built.stderr


@pytest.mark.parametrize("value", ["[conclusion, autre]", "{a: b}"])
def test_an_intervention_id_that_is_not_a_text_is_said(project, essai, value):
    line = edit(project, DAY_FILE, "  - id: conclusion", f"  - id: {value}")
    assert_clean_refusal(actes(project, "check"), f"{DAY_FILE}:{line}: type incorrect pour 'id', attendu un texte")
    assert_clean_refusal(actes(project, "ingest", DAY, essai, "--as", "essai"),
                         f"{DAY_FILE}:{line}: type incorrect pour 'id', attendu un texte")


def test_a_converted_transcript_is_refused_as_a_source(project, tmp_path):
    converted = tmp_path / "conclusion.md"
    converted.write_bytes((project / TRANSCRIPT).read_bytes())
    result = actes(project, "ingest", DAY, converted, "--as", "essai")
    assert_clean_refusal(result, "ce fichier est une transcription déjà convertie par actes")
    assert not (project / f"docs/journees/{DAY}/essai.md").exists()


def test_an_impossible_updated_date_of_an_editorial_page_is_refused(project, tmp_path):
    line = edit(project, "docs/a-propos.md", "updated: 2026-11-29", "updated: 2026-02-30")
    message = f"docs/a-propos.md:{line}: date invalide pour 'updated', attendu AAAA-MM-JJ (une date qui existe) : '2026-02-30'"
    assert_clean_refusal(actes(project, "check"), message)
    built = build(project, tmp_path / "site")
    assert built.returncode != 0 and message in built.stderr and "Traceback" not in built.stderr


@pytest.mark.parametrize("address", ["https://actes.culture.gouv.fr/a'b/", 'https://actes.culture.gouv.fr/a"b/',
                                     "https://actes.culture.gouv.fr/a b/", "https://actes.culture.gouv.fr/<s>/"])
def test_a_site_address_holding_what_no_address_holds_is_refused(project, tmp_path, address):
    built = build(project, tmp_path / "site", env={"ACTES_SITE_URL": address})
    assert built.returncode != 0
    assert "Construction refusée : l'adresse du site ne peut contenir" in built.stderr, built.stderr
    assert "Traceback" not in built.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("unusable", ["a file", "a symbolic link"])
def test_an_unusable_template_cache_folder_costs_no_build(project, tmp_path, unusable):
    """Jinja's bytecode cache lives in the temporary folder, and Jinja refuses a cache folder that
    is not a real folder of this user's (it raises at once): such a folder only means no cache."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    cache = temporary / f"_jinja2-cache-{os.getuid()}"
    if unusable == "a file":
        cache.write_text("pas un dossier\n", encoding="utf-8")
    else:
        (tmp_path / "ailleurs").mkdir(mode=0o700)
        cache.symlink_to(tmp_path / "ailleurs")
    built = build(project, tmp_path / "site", env={"TMPDIR": str(temporary)})
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert (tmp_path / "site/index.html").is_file()


# --- 4. Text that must stay text -----------------------------------------------------------------

HOSTILE_TITLE = r"Titre \emph{x} } @misc{injecte, title = {y}} % ~ ^ # & _ $ fin"
# How LaTeX reads the commands actes.citation writes for BibTeX's special characters. (Zotero's
# BibTeX import, checked with its translation-server, reads the paired braces, « ^ » and « & % $ # _ »
# as the characters, but « {\textbackslash} » as « \textbackslash » and « \~{} » as « ∼ », as it
# reads its own BibTeX export: one entry, no injected field, either way.)
LATEX_COMMANDS = {r"{\textbackslash}": "\\", r"{\textbraceleft}": "{", r"{\textbraceright}": "}", r"\~{}": "~",
                  r"\^{}": "^", r"\{": "{", r"\}": "}", r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_"}


def latex_text(value: str) -> str:
    pattern = "|".join(map(re.escape, LATEX_COMMANDS))
    return re.sub(pattern, lambda match: LATEX_COMMANDS[match.group()], value)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The site built with a recommendation title full of what BibTeX, RIS and JSON read as syntax,
    and statements that a spreadsheet would run as formulas."""
    from conftest import copy_project

    root = tmp_path_factory.mktemp("hostile-exports")
    project = copy_project(root / "projet")
    recs = project / RECS
    text = recs.read_text(encoding="utf-8")
    text = text.replace("title: Confier au chef d'établissement la définition de la stratégie",
                        "title: '" + HOSTILE_TITLE.replace("'", "''") + "'", 1)
    statements = ['=HYPERLINK("https://attaque.example/","clic")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
    for index, rec_id in enumerate(["SN2018-01", "SN2018-02", "SN2018-03", "SN2018-04"]):
        start = text.index(f"id: {rec_id}")
        statement_at = text.index("statement:", start)
        end = text.index("\n", statement_at)
        while text[end + 1:end + 7] == " " * 6:  # a folded statement's following lines
            end = text.index("\n", end + 1)
        text = text[:statement_at] + "statement: '" + statements[index].replace("'", "''") + "'" + text[end:]
    recs.write_text(text, encoding="utf-8")
    built = build(project, root / "site")
    assert built.returncode == 0, built.stderr
    return root / "site", statements


def test_a_hostile_title_stays_one_bibtex_entry_with_its_own_fields(hostile_site):
    import bibtexparser

    site, _ = hostile_site
    library = bibtexparser.parse_string((site / "citations/SN2018-02.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.key == "SN2018-02"
    assert [field.key for field in entry.fields] == ["title", "shorttitle", "author", "booktitle", "eventtitle",
                                                     "publisher", "date", "year", "month", "url", "language",
                                                     "abstract"]
    assert latex_text(entry.fields_dict["title"].value) == f"SN2018-02 : {HOSTILE_TITLE}"
    corpus = bibtexparser.parse_string((site / "citations/actes.bib").read_text(encoding="utf-8"))
    assert not corpus.failed_blocks and "injecte" not in [e.key for e in corpus.entries]
    assert len(corpus.entries) == len(list((site / "citations").glob("*.bib"))) - 1


def test_a_hostile_title_is_read_back_as_written_from_ris_and_csl_json(hostile_site):
    import json

    import rispy

    site, _ = hostile_site
    [record] = rispy.loads((site / "citations/SN2018-02.ris").read_text(encoding="utf-8"))
    assert record["title"] == f"SN2018-02 : {HOSTILE_TITLE}"
    [item] = json.loads((site / "citations/SN2018-02.json").read_text(encoding="utf-8"))
    assert item["title"] == f"SN2018-02 : {HOSTILE_TITLE}"


# The rich-text tags of CSL-JSON, as citeproc-js reads them (citeproc-js.readthedocs.io, « Rich text
# markup within fields »): exactly these strings, so a character between « < » and the name unmakes one.
CSL_TAGS = re.compile(r'</?(?:i|b|sc|sup|sub)>|<span (?:class="nocase"|style="font-variant:\s*small-caps;")>|</span>')


def test_a_tag_in_a_title_is_text_in_the_csl_json_record(project, tmp_path):
    import json

    edit(project, RECS, "title: Confier au chef d'établissement la définition de la stratégie",
         """title: 'Confier au <i>chef</i> la <span class="nocase">stratégie</span>'""")
    assert build(project, tmp_path / "site").returncode == 0
    [item] = json.loads((tmp_path / "site/citations/SN2018-02.json").read_text(encoding="utf-8"))
    assert not CSL_TAGS.search(json.dumps(item, ensure_ascii=False))
    assert item["title"].replace("\u2060", "") == 'SN2018-02 : Confier au <i>chef</i> la <span class="nocase">stratégie</span>'
    page = (tmp_path / "site/recommandations/SN2018-02/index.html").read_text(encoding="utf-8")
    assert "Confier au &lt;i&gt;chef&lt;/i&gt;" in page


def test_spreadsheet_formulas_in_the_csv_are_neutralised_and_said(hostile_site):
    import csv
    import json

    from frictionless import validate

    site, statements = hostile_site
    with open(site / "donnees/recommandations.csv", encoding="utf-8", newline="") as stream:
        cells = {row["identifiant"]: row["enonce"] for row in csv.DictReader(stream)}
    records = {r["identifiant"]: r["enonce"] for r in json.loads((site / "donnees/recommandations.json").read_text())}
    for rec_id, statement in zip(["SN2018-01", "SN2018-02", "SN2018-03", "SN2018-04"], statements):
        assert cells[rec_id] == "'" + statement
        assert records[rec_id] == statement
    schema = json.loads((site / "donnees/schemas/recommandations.json").read_text(encoding="utf-8"))
    assert "précédé d'une apostrophe" in schema["description"]
    report = validate(site / "donnees/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_text_that_poses_as_the_converters_footnote_marks_stays_text(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Conclusion fictive", 1)
    document.add_paragraph("Un renvoi [^7], une \ue0007\ue001 fausse note, des *étoiles* et <b>une balise</b>.")
    document.save(tmp_path / "marques.docx")
    converted = subprocess.run([*actes_command(), "convert", str(tmp_path / "marques.docx")], capture_output=True,
                               text=True)
    assert converted.returncode == 0, converted.stderr
    body = converted.stdout.split("\n---\n", 1)[1]
    assert "[^" not in body and "<b>" not in body and "*étoiles*" not in body
    assert "&#91;&#94;7&#93;" in body and "une 7 fausse note" in body and "&lt;b&gt;" in body
    source = tmp_path / "marques.txt"
    source.write_text("## Conclusion fictive\n\nUne \ue0007\ue001 fausse note.\n", encoding="utf-8")
    explained = subprocess.run([*actes_command(), "convert", "--explain", str(source)], capture_output=True, text=True)
    assert "ligne 3 : caractère retiré U+E000 (caractère à usage privé) : marque interne du convertisseur" in explained.stdout
