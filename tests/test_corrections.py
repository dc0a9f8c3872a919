"""Editorial corrections (data/journees/<day>/corrections.yml): each bad one is reported with its
file, line and what to do; a good one reaches the transcript page and the day page (test_site)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

DAY = "2018-10-05-strategie-numerique"
CORRECTIONS = f"data/journees/{DAY}/corrections.yml"


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actes.cli", "check", "--root", str(project)],
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projet")


def write(project: Path, *items: str) -> None:
    (project / CORRECTIONS).write_text("corrections:\n" + "".join(items), encoding="utf-8")


def item(intervention="conclusion", paragraph=5, before="me semble t-il", after="me semble-t-il", reason="Coquille."):
    return (f"  - intervention: {intervention}\n    paragraph: {paragraph}\n    before: {before}\n"
            f"    after: {after}\n    reason: {reason}\n")


@pytest.mark.parametrize("items, line, message", [
    ([item(before="me semble t-elle")], 4, "texte à corriger introuvable dans le § 5 de 'conclusion' (« Nous touchons"),
    ([item(paragraph=1, before="ch")], 4, "texte à corriger présent 3 fois (citez un passage plus long) dans le § 1"),
    ([item(paragraph=9)], 3, "la transcription 'conclusion' n'a que 7 paragraphes : 9"),
    ([item(intervention="ouverture")], 2, "intervention inconnue (valeurs possibles : conclusion) : 'ouverture'"),
    ([item(after="me semble t-il")], 5, "la correction ne change rien"),
    ([item(paragraph=4, before="approche globale", after="démarche globale")], 4,
     "la correction recouvre le passage de la recommandation SN2018-01"),
    ([item(), item(before="semble t-il", after="semble-t-il")], 1, "deux corrections se recouvrent au § 5"),
    ([item(reason="")], 6, "valeur vide : 'reason'"),
])
def test_a_bad_correction_is_reported_with_its_line(project, items, line, message):
    write(project, *items)
    result = check(project)
    assert result.returncode == 1
    assert f"{CORRECTIONS}:{line}: {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_word_removed_is_a_correction_too(project):
    write(project, item(paragraph=1, before="bien que l'exercice", after="''", reason="Essai."))
    assert check(project).returncode == 0
