"""The editorial CLI on bad input: a clear message in French, exit 1, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

DAY = "2018-10-05-strategie-numerique"
SOURCE = ROOT / "data/journees" / DAY / "sources/conclusion.txt"
CONVERTED = f"docs/journees/{DAY}/conclusion.md"


def actes(project: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actes.cli", *map(str, args), "--root", str(project)],
                          capture_output=True, text=True)


def snapshot(project: Path) -> dict:
    return {p: p.read_bytes() for folder in ("data", "docs") for p in (project / folder).rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projet")


@pytest.mark.parametrize("name, content, message", [
    ("vide.txt", b"", "source vide"),
    ("blancs.txt", b"  \n\n  \n", "source vide : aucun texte à convertir"),
    ("binaire.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "fichier binaire (il contient des octets nuls) : fournissez le texte extrait, un PDF ou un DOCX"),
    ("notes.rtf", b"{\\rtf1", "extension non prise en charge '.rtf' : formats acceptés .txt, .md, .pdf, .docx, .odt"),
    ("notes.odt", b"PK\x03\x04", "ODT illisible (ce n'est pas une archive OpenDocument valide)"),
    ("faux.pdf", b"%PDF-1.4 rien de plus", "PDF illisible"),
    ("faux.docx", b"pas un docx", "DOCX illisible"),
])
def test_a_bad_source_is_refused_with_a_clear_message_and_nothing_written(project, tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    before = snapshot(project)
    result = actes(project, "ingest", DAY, source)
    assert result.returncode == 1
    assert result.stderr.startswith(f"erreur : {source}: {message}")
    assert result.stderr.endswith("Rien n'a été écrit.\n")
    assert snapshot(project) == before


def test_an_unknown_day_is_refused(project):
    result = actes(project, "ingest", "2020-01-01-inconnue", SOURCE)
    assert result.returncode == 1
    assert result.stderr.startswith("erreur : journée inconnue : '2020-01-01-inconnue' ; créez-la avec 'actes new-day DATE \"TITRE\"'")


def test_a_cp1252_source_is_detected_said_and_kept_as_received(project, tmp_path):
    text = ("## Essai en Windows-1252\n\nIntervention de Mme Zoé Exemple, conservatrice fictive\n\n"
            "Un texte accentué : « déjà vu », œuvre, été.\n")
    source = tmp_path / "ancien.txt"
    source.write_bytes(text.encode("cp1252"))
    result = actes(project, "ingest", DAY, source)
    assert result.returncode == 0, result.stderr
    assert f"Lu : {source} (Windows-1252 (cp1252))" in result.stdout
    stored = project / "data/journees" / DAY / "sources/ancien.txt"
    assert stored.read_bytes() == text.encode("cp1252")  # the raw source, byte for byte
    converted = (project / f"docs/journees/{DAY}/ancien.md").read_text(encoding="utf-8")
    assert "« déjà vu », œuvre, été." in converted


def test_a_utf8_bom_source_is_detected(project, tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeff## Titre\n\nUn paragraphe.\n".encode("utf-8"))
    result = actes(project, "ingest", DAY, source)
    assert result.returncode == 0, result.stderr
    assert "(UTF-8 avec BOM)" in result.stdout


def test_a_transcript_edited_by_hand_is_not_overwritten_without_force(project):
    converted = project / CONVERTED
    edited = converted.read_text(encoding="utf-8").replace("à chaud.", "à chaud (corrigé à la main).")
    converted.write_text(edited, encoding="utf-8")
    other = project / "autre.txt"
    other.write_text(SOURCE.read_text(encoding="utf-8").replace("riches échanges", "échanges riches"), encoding="utf-8")
    before = snapshot(project)
    refused = actes(project, "ingest", DAY, other, "--as", "conclusion")
    assert refused.returncode == 1
    assert f"erreur : {CONVERTED}: la transcription modifiée à la main depuis sa conversion ; elle n'est pas écrasée." in refused.stderr
    assert snapshot(project) == before
    forced = actes(project, "ingest", DAY, other, "--as", "conclusion", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "échanges riches" in converted.read_text(encoding="utf-8")


def test_new_day_refuses_a_bad_date_and_an_existing_day(project):
    before = snapshot(project)
    bad = actes(project, "new-day", "2024-02-30", "Titre")
    assert (bad.returncode, bad.stderr) == (1, "erreur : date invalide, attendu AAAA-MM-JJ : '2024-02-30'\nRien n'a été écrit.\n")
    again = actes(project, "new-day", "2018-10-05", "La stratégie du numérique dans les musées", "--slug",
                  "strategie-numerique", "--prefix", "SN2018")
    assert again.returncode == 1
    assert again.stderr == (
        "erreur : la journée existe déjà : 'data/journees/2018-10-05-strategie-numerique'\n"
        "erreur : préfixe déjà utilisé par la journée '2018-10-05-strategie-numerique' : choisissez-en un autre avec "
        "--prefix : 'SN2018'\nRien n'a été écrit.\n")
    assert snapshot(project) == before


def test_make_build_keeps_the_previous_site_when_a_build_fails(project):
    """`make build` builds elsewhere and swaps: a failed build leaves site/ as it was."""
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    make = ["make", "-C", str(project), "build", "INSTALLED=", f"BIN={Path(sys.executable).parent}"]
    (project / "site").mkdir()
    (project / "site/ancien.html").write_text("le site précédent", encoding="utf-8")
    (project / "data/fonctions.yml").write_text("functions: [\n", encoding="utf-8")
    failed = subprocess.run(make, capture_output=True, text=True)
    assert failed.returncode != 0
    assert "data/fonctions.yml:2: YAML invalide" in failed.stderr
    assert (project / "site/ancien.html").read_text(encoding="utf-8") == "le site précédent"
    (project / "data/fonctions.yml").write_bytes((ROOT / "data/fonctions.yml").read_bytes())
    rebuilt = subprocess.run(make, capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not (project / "site/ancien.html").exists() and (project / "site/index.html").is_file()
