"""Careless or hostile editorial input: nothing written half-done, nothing silently accepted, every
problem in one run, in French, without a traceback. Each case runs the real `actes` command."""

from __future__ import annotations

import io
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from actes import files
from conftest import ROOT, copy_project

DAY = "2018-10-05-strategie-numerique"
DAY_DIR = f"data/journees/{DAY}"
DAY_FILE = f"{DAY_DIR}/journee.yml"
RECS = f"{DAY_DIR}/recommandations.yml"
ESSAI = "## Un essai\n\nIntervention de Mme Zoé Exemple, conservatrice fictive\n\nUn paragraphe d'essai.\n"


def actes(project: Path, *args, env=None, preexec=None, prefix=()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "actes.cli", *map(str, args), "--root", str(project)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, preexec_fn=preexec)


def snapshot(project: Path) -> dict:
    """Every file of data/ and docs/, hidden ones included, with its bytes and mode."""
    return {p: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for folder in ("data", "docs") for p in (project / folder).rglob("*") if p.is_file()}


def assert_refused(result, *messages, code=1):
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projet")


@pytest.fixture
def essai(tmp_path) -> Path:
    source = tmp_path / "essai.txt"
    source.write_text(ESSAI, encoding="utf-8")
    return source


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def check_passes(project: Path) -> None:
    assert actes(project, "permalinks", "--update").returncode == 0
    result = actes(project, "check")
    assert result.returncode == 0, result.stderr


# --- journee.yml is edited structurally -------------------------------------------------------

def test_ingest_adds_the_intervention_where_it_belongs_when_interventions_is_not_the_last_key(project, essai):
    day_file = project / DAY_FILE
    text = day_file.read_text(encoding="utf-8")
    note = text[text.index("note: >-"):text.index("interventions:")]
    day_file.write_text(text.replace(note, "") + note, encoding="utf-8")  # the note now comes last
    result = actes(project, "ingest", DAY, essai, "--as", "essai")
    assert result.returncode == 0, result.stderr
    edited = day_file.read_text(encoding="utf-8")
    assert edited.endswith(note)  # the note is untouched, comments kept
    assert edited.count("# ") == text.count("# ")
    check_passes(project)


@pytest.mark.parametrize("content, message", [
    ("", "le fichier doit être une suite de champs « clé: valeur »"),
    ("- une\n- liste\n", "le fichier doit être une suite de champs « clé: valeur »"),
    ("title: !!python/object:os.system x\n", "étiquette YAML refusée"),
    ("interventions: 3\n", "'interventions' doit être une liste"),
])
def test_ingest_refuses_a_day_file_it_cannot_edit(project, essai, content, message):
    (project / DAY_FILE).write_text(content, encoding="utf-8")
    before = snapshot(project)
    assert_refused(actes(project, "ingest", DAY, essai, "--as", "essai"), message, "Rien n'a été écrit.")
    assert snapshot(project) == before


def test_a_day_file_that_is_not_utf8_is_refused_by_ingest_and_new_day(project, essai):
    (project / DAY_FILE).write_bytes("title: Journée\n".encode("utf-16"))
    before = snapshot(project)
    assert_refused(actes(project, "ingest", DAY, essai), f"{DAY_FILE}:1: fichier illisible : il doit être encodé en UTF-8")
    created = actes(project, "new-day", "2024-01-01", "Une autre journée")
    assert created.returncode == 0, created.stderr  # another day's unreadable file does not stop it
    assert set(snapshot(project)) > set(before)


# --- one writer, one transaction ----------------------------------------------------------

def test_a_second_ingest_on_the_same_day_is_refused_while_one_runs(project, essai):
    before = snapshot(project)
    with files.lock(project / DAY_DIR):  # a real lock, as another running `actes ingest` holds it
        busy = actes(project, "ingest", DAY, essai, "--as", "essai")
    assert_refused(busy, f"une autre commande 'actes ingest' travaille sur la journée '{DAY}'")
    assert snapshot(project) == before
    assert actes(project, "ingest", DAY, essai, "--as", "essai").returncode == 0


def test_a_new_source_for_an_existing_intervention_needs_force(project, tmp_path):
    other = tmp_path / "autre.md"
    other.write_text(ESSAI, encoding="utf-8")
    before = snapshot(project)
    assert_refused(actes(project, "ingest", DAY, other, "--as", "conclusion"),
                   "l'intervention 'conclusion' a déjà pour source 'conclusion.txt' ; pour la remplacer par "
                   "'conclusion.md', ajoutez --force")
    assert snapshot(project) == before


@pytest.mark.parametrize("point", ["staged", "journal", "renamed"])
def test_a_kill_during_ingest_leaves_nothing_check_accepts_and_the_next_run_finishes(project, essai, point):
    before = snapshot(project)
    killed = actes(project, "ingest", DAY, essai, "--as", "essai", env={files.FAULT_VARIABLE: point})
    assert killed.returncode == -signal.SIGKILL
    after = snapshot(project)
    if point == "staged":  # before the commit point: only hidden temporary files, which check ignores
        visible = {p: v for p, v in after.items() if not p.name.startswith(".")}
        assert visible == before
        assert actes(project, "check").returncode == 0
    else:  # after it: check says so
        assert_refused(actes(project, "check"), "importation interrompue avant sa fin")
    rerun = actes(project, "ingest", DAY, essai, "--as", "essai")
    assert rerun.returncode == 0, rerun.stderr
    assert not [p for p in snapshot(project) if p.name.startswith(".")]  # nothing left behind
    assert "id: essai" in (project / DAY_FILE).read_text(encoding="utf-8")
    check_passes(project)


def _drop_root_powers():
    """As root, permissions do not apply: run without the capabilities that bypass them."""
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--inh-caps=-all", "--"] \
        if os.geteuid() == 0 else []


def test_a_read_only_folder_is_said_and_nothing_is_written(project, essai):
    for folder in (project / DAY_DIR / "sources", project / "docs/journees" / DAY):
        folder.chmod(0o555)
    before = snapshot(project)
    try:
        result = actes(project, "ingest", DAY, essai, "--as", "essai", prefix=_drop_root_powers())
    finally:
        for folder in (project / DAY_DIR / "sources", project / "docs/journees" / DAY):
            folder.chmod(0o755)
    assert_refused(result, "écriture impossible (permission refusée)", "Rien n'a été écrit.")
    assert snapshot(project) == before


def test_a_full_disk_is_said_and_nothing_is_written(project, tmp_path):
    big = tmp_path / "gros.txt"
    big.write_text("## Gros\n\n" + "Un paragraphe assez long pour remplir le disque.\n\n" * 2000, encoding="utf-8")
    before = snapshot(project)

    def small_disk():  # writes beyond 50 kB fail (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    result = actes(project, "ingest", DAY, big, "--as", "gros", preexec=small_disk)
    assert_refused(result, "écriture impossible (fichier trop grand pour le système)", "Rien n'a été écrit.")
    assert snapshot(project) == before


def test_files_keep_their_mode_and_new_ones_get_the_usual_one(project, essai):
    (project / DAY_FILE).chmod(0o644)
    (project / "data/permaliens.txt").chmod(0o644)
    result = actes(project, "ingest", DAY, essai, "--as", "essai", preexec=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((project / DAY_FILE).stat().st_mode) == 0o644
    assert stat.S_IMODE((project / DAY_DIR / "sources/essai.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((project / "docs/journees" / DAY / "essai.md").stat().st_mode) == 0o644
    assert actes(project, "permalinks", "--update").returncode == 0
    assert stat.S_IMODE((project / "data/permaliens.txt").stat().st_mode) == 0o644


# --- identifiers that build -----------------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("", "identifiant d'intervention vide : donnez-en un avec --as"),
    ("index", "identifiant d'intervention invalide : nom réservé (index, readme désignent d'autres pages)"),
    ("a" * 300, "identifiant d'intervention invalide : trop long (300 caractères, au plus 60)"),
    ("A B", "identifiant d'intervention invalide, attendu minuscules, chiffres et tirets"),
])
def test_an_intervention_id_that_would_not_build_is_refused_before_anything_is_written(project, essai, name, message):
    before = snapshot(project)
    assert_refused(actes(project, "ingest", DAY, essai, "--as", name), message)
    assert snapshot(project) == before


@pytest.mark.parametrize("name", ["index", "x" * 230])
def test_an_id_written_in_the_data_is_refused_by_check_and_never_enters_the_ledger(project, name):
    day_file = project / DAY_FILE
    day_file.write_text(day_file.read_text(encoding="utf-8").replace("id: conclusion", f"id: {name}"), encoding="utf-8")
    ledger = (project / "data/permaliens.txt").read_bytes()
    assert_refused(actes(project, "check"), f"{DAY_FILE}:{line_of(day_file, 'id: ' + name)}: valeur invalide pour 'id' : ")
    assert_refused(actes(project, "permalinks", "--update"), "valeur invalide pour 'id' : ")
    assert (project / "data/permaliens.txt").read_bytes() == ledger


# --- sources stay inside their day, within limits ---------------------------------------------

@pytest.mark.parametrize("source, message", [
    ("../../../../mkdocs.yml", "nom de fichier attendu, sans dossier ni chemin"),
    ("/etc/passwd", "nom de fichier attendu, sans dossier ni chemin"),
    ("lien.txt", "la source est un lien symbolique, refusé"),
    ("dossier", "la source est un dossier"),
])
def test_a_source_outside_its_day_is_refused(project, source, message):
    (project / DAY_DIR / "sources/lien.txt").symlink_to(ROOT / "mkdocs.yml")
    (project / DAY_DIR / "sources/dossier").mkdir()
    day_file = project / DAY_FILE
    day_file.write_text(day_file.read_text(encoding="utf-8").replace("source: conclusion.txt", f"source: {source}"),
                        encoding="utf-8")
    assert_refused(actes(project, "check"), f"{DAY_FILE}:{line_of(day_file, 'source: ')}: ", message)


def _docx_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(210):
                member.write(b" " * 1_000_000)


def _aes_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret", algorithm="RC4-128")
    data = io.BytesIO()
    writer.write(data)
    # The same file declaring AES-256 (V 5, R 6): as an office suite's « encrypt with a password ».
    path.write_bytes(data.getvalue().replace(b"/V 2\n/R 3", b"/V 5\n/R 6"))


def _scan_pdf(path: Path) -> None:
    """A page with no text layer, as a scanner makes (an image only)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))


@pytest.mark.parametrize("name, make, message", [
    ("scan.pdf", _scan_pdf, "PDF sans texte (une image numérisée ?) : il faut d'abord en reconnaître le texte (OCR)"),
    ("bombe.docx", _docx_bomb, "DOCX trop grand une fois décompressé (210 Mo, au plus 200 Mo)"),
    ("chiffre.pdf", _aes_pdf, "PDF chiffré (protégé par un mot de passe)"),
    ("lignes.txt", lambda p: p.write_text("ligne\n" * 150_000, encoding="utf-8"),
     "texte trop long (150000 lignes, au plus 100000)"),
    ("ligne.txt", lambda p: p.write_text("## T\n\n" + "*a " * 20_000, encoding="utf-8"),
     "ligne 3 trop longue (60000 caractères, au plus 20000)"),
    ("dossier.txt", lambda p: p.mkdir(), "c'est un dossier : donnez le fichier source lui-même"),
])
def test_an_unbounded_or_unreadable_source_is_refused_quickly(project, tmp_path, name, make, message):
    source = tmp_path / name
    make(source)
    before = snapshot(project)
    started = time.monotonic()
    assert_refused(actes(project, "ingest", DAY, source, "--as", "essai"), message, "Rien n'a été écrit.")
    assert snapshot(project) == before
    assert time.monotonic() - started < 60  # not a speed test: a guard against the unbounded work it was


def test_a_device_is_not_a_source(project):
    assert_refused(actes(project, "ingest", DAY, "/dev/zero.txt"), "fichier introuvable")
    fifo = project / "tube.txt"
    os.mkfifo(fifo)
    assert_refused(actes(project, "ingest", DAY, fifo), "ce n'est pas un fichier ordinaire")


def test_a_utf16_source_is_read(project, tmp_path):
    source = tmp_path / "windows.txt"
    source.write_bytes(ESSAI.encode("utf-16"))
    result = actes(project, "ingest", DAY, source, "--as", "windows")
    assert result.returncode == 0, result.stderr
    assert "(UTF-16 LE avec BOM)" in result.stdout
    assert "Un paragraphe d'essai." in (project / "docs/journees" / DAY / "windows.md").read_text(encoding="utf-8")


# --- YAML: bounded, strict, every problem in one run ------------------------------------------

def test_a_yaml_alias_bomb_is_refused_at_once(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    (project / RECS).write_text(bomb + "recommendations: []\n", encoding="utf-8")
    result = actes(project, "check")
    assert_refused(result, f"{RECS}:1: ancre ou alias YAML (&nom, *nom) refusé")


def test_duplicate_keys_are_refused(project):
    recs = project / RECS
    recs.write_text(recs.read_text(encoding="utf-8") + "recommendations: []\n", encoding="utf-8")
    line = recs.read_text(encoding="utf-8").count("\n")
    first = next(n for n, l in enumerate(recs.read_text(encoding="utf-8").split("\n"), 1) if l.startswith("recommendations:"))
    assert_refused(actes(project, "check"), f"{RECS}:{line}: clé en double (déjà ligne {first}) ; la seconde "
                                            "remplacerait la première : 'recommendations'")


def test_a_yaml_file_too_large_is_refused(project):
    (project / RECS).write_text("recommendations: []\n" + "#" * 1_100_000 + "\n", encoding="utf-8")
    assert_refused(actes(project, "check"), f"{RECS}:1: fichier trop grand (1,10002 Mo, au plus 1 Mo)")


def test_an_invalid_day_file_hides_no_recommendation_problem_and_messages_are_short_and_french(project):
    day_file = project / DAY_FILE
    day_file.write_text(day_file.read_text(encoding="utf-8").replace("date: 2018-10-05", "date: [2018]"), encoding="utf-8")
    recs = project / RECS
    long_title = "Très long " * 50_000
    text = recs.read_text(encoding="utf-8")
    title = re.search(r"^    title: .*$", text, re.MULTILINE).group(0)
    keywords = re.search(r"^    keywords: .*$", text, re.MULTILINE).group(0)
    recs.write_text(text.replace(title, "    title: " + long_title, 1).replace(keywords, "    keywords: {a: b}", 1),
                    encoding="utf-8")
    result = actes(project, "check")
    assert_refused(result, f"{DAY_FILE}:{line_of(day_file, 'date:')}: date invalide",
                   f"{RECS}:{line_of(recs, 'keywords: {a: b}')}: type incorrect pour 'keywords', attendu une liste")
    assert max(len(line) for line in result.stderr.split("\n")) < 400
    assert not re.search(r"\b(should|Input|valid dictionary|field required)\b", result.stderr)


def test_a_passage_found_twice_is_ambiguous(project):
    recs = project / RECS
    text = recs.read_text(encoding="utf-8")
    first_passage = re.search(r"passage: >-\n((?:      .*\n)+)", text)
    recs.write_text(text.replace(first_passage.group(0), "passage: >-\n      numérique\n", 1), encoding="utf-8")
    assert_refused(actes(project, "check"), "passage ambigu : il figure", "citez un passage plus long")


def test_two_days_cannot_share_a_prefix_however_it_is_written(project):
    created = actes(project, "new-day", "2019-03-01", "Une autre journée", "--prefix", "AJ2019")
    assert created.returncode == 0, created.stderr
    other = project / "data/journees/2019-03-01-autre-journee/journee.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("prefix: AJ2019", 'prefix: "SN2018"'), encoding="utf-8")
    assert_refused(actes(project, "check"), f"préfixe déjà utilisé par la journée '{DAY}'")
    refused = actes(project, "new-day", "2020-03-01", "Encore une", "--prefix", "SN2018")
    assert_refused(refused, "préfixe déjà utilisé")


def test_an_orphan_source_or_transcript_is_reported(project):
    (project / DAY_DIR / "sources/oubliee.txt").write_text("Texte.\n", encoding="utf-8")
    (project / "docs/journees" / DAY / "oubliee.md").write_text("Texte.\n", encoding="utf-8")
    assert_refused(actes(project, "check"), "sources/oubliee.txt:1: source qu'aucune intervention de journee.yml ne cite",
                   "oubliee.md:1: transcription qu'aucune intervention de journee.yml ne cite")


def test_a_folder_where_a_data_file_is_expected_is_said(project):
    (project / "data/fonctions.yml").unlink()
    (project / "data/fonctions.yml").mkdir()
    assert_refused(actes(project, "check"),
                   "data/fonctions.yml:1: un dossier porte le nom de ce fichier : renommez-le")


def test_a_title_that_looks_like_a_placeholder_is_kept_as_written(project):
    created = actes(project, "new-day", "2024-05-02", "Les {prefix} et {date} du musée", "--prefix", "LP2024")
    assert created.returncode == 0, created.stderr
    day_file = next((project / "data/journees").glob("2024-05-02-*/journee.yml"))
    # Read back by a YAML parser (the emitter may quote it), never substituted into the template.
    assert yaml.safe_load(day_file.read_text(encoding="utf-8"))["title"] == "Les {prefix} et {date} du musée"


def test_a_folder_that_is_not_a_project_is_said(tmp_path):
    result = subprocess.run([sys.executable, "-m", "actes.cli", "check", "--root", str(tmp_path)],
                            capture_output=True, text=True)
    assert_refused(result, "data/journees:1: dossier introuvable : lancez la commande à la racine du projet")


def test_a_pdf_bomb_is_refused_before_its_layout_is_read(project, tmp_path):
    """A page whose content stream inflates from a few hundred kilobytes to 80 MB."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    stream._data = zlib.compress(b" " * 80_000_000, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    source = tmp_path / "bombe.pdf"
    with source.open("wb") as out:
        writer.write(out)
    assert source.stat().st_size < 1_000_000
    before = snapshot(project)
    assert_refused(actes(project, "ingest", DAY, source, "--as", "bombe"), "PDF trop lourd une fois décompressé")
    assert snapshot(project) == before
