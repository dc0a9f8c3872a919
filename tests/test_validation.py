"""Data validation: each rule with a valid and an invalid case, and the exact message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actes.corpus import CorpusError
from actes.publication import load_corpus
from conftest import ROOT

DAY = "data/journees/2018-10-05-strategie-numerique"
RECS = f"{DAY}/recommandations.yml"
DAY_FILE = f"{DAY}/journee.yml"
FUNCTIONS = "data/fonctions.yml"


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def edit(project: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def by_place(messages: list[str]) -> list[str]:
    """Order messages as the validator does: by file, then line number."""
    def key(message: str):
        path, line, _ = message.split(":", 2)
        return path, int(line), message
    return sorted(messages, key=key)


def problems(project: Path) -> list[str]:
    try:
        load_corpus(project)
    except CorpusError as error:
        return [str(p) for p in error.problems]
    return []


def test_the_real_data_is_valid(project):
    assert problems(project) == []


def line_of(project: Path, relative: str, needle: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


CASES = {
    "yaml-syntax": (RECS, "  - id: SN2018-02\n", "  - id: [SN2018-02\n",
                    lambda p: f"{RECS}:{line_of(p, RECS, 'id: [SN2018-02') + 1}: YAML invalide (colonne 10) : liste entre crochets mal fermée : « ] » ou « , » attendu"),
    "missing-field": (RECS, "    title: Co-construire les projets\n", "",
                      lambda p: f"{RECS}:{line_of(p, RECS, 'id: SN2018-05')}: champ obligatoire manquant : 'title'"),
    "unknown-field": (DAY_FILE, "prefix: SN2018\n", "prefix: SN2018\ntheme: numérique\n",
                      lambda p: f"{DAY_FILE}:{line_of(p, DAY_FILE, 'theme:')}: champ inconnu (vérifiez l'orthographe) : 'theme'"),
    "invalid-date": (DAY_FILE, "date: 2018-10-05", "date: 2018-10-35",
                     lambda p: f"{DAY_FILE}:{line_of(p, DAY_FILE, 'date:')}: date invalide, attendu AAAA-MM-JJ : '2018-10-35'"),
    "date-and-folder": (DAY_FILE, "date: 2018-10-05", "date: 2018-10-06",
                        lambda p: f"{DAY_FILE}:{line_of(p, DAY_FILE, 'date:')}: la date ne correspond pas au nom du dossier '2018-10-05-strategie-numerique' : '2018-10-06'"),
    "id-shape": (RECS, "id: SN2018-08", "id: SN18-8",
                 lambda p: f"{RECS}:{line_of(p, RECS, 'id: SN18-8')}: identifiant de recommandation invalide, attendu PRÉFIXE-NN (ex. SN2018-01) : 'SN18-8'"),
    "id-prefix": (RECS, "id: SN2018-08", "id: MU2018-08",
                  lambda p: f"{RECS}:{line_of(p, RECS, 'id: MU2018-08')}: l'identifiant doit commencer par le préfixe de la journée 'SN2018-' : 'MU2018-08'"),
    "duplicate-id": (RECS, "id: SN2018-08", "id: SN2018-01",
                     lambda p: f"{RECS}:{line_of(p, RECS, 'Ne pas réduire') - 1}: identifiant de recommandation déjà utilisé "
                               f"({RECS}:{line_of(p, RECS, 'id: SN2018-01')}) ; un identifiant n'est jamais réutilisé : 'SN2018-01'"),
    "unknown-function": (RECS, "functions: [direction-et-strategie]\n    keywords: [méthode", "functions: [mediaton]\n    keywords: [méthode",
                         lambda p: f"{RECS}:{line_of(p, RECS, '[mediaton]')}: fonction inconnue (valeurs possibles : billetterie, communication, "
                                   "diffusion, direction-et-strategie, edition, gestion-administrative-et-financiere, gestion-des-collections, "
                                   "maintenance-technique, mediation, ressources-humaines, valorisation) ; vouliez-vous dire 'mediation' ? : 'mediaton'"),
    "unknown-intervention": (RECS, "intervention: conclusion\n    passage: >-\n      Trop", "intervention: ouverture\n    passage: >-\n      Trop",
                             lambda p: f"{RECS}:{line_of(p, RECS, 'intervention: ouverture')}: intervention inconnue (valeurs possibles : conclusion) : 'ouverture'"),
    "passage-not-verbatim": (RECS, "Trop souvent encore, le numérique", "Bien souvent encore, le numérique",
                             lambda p: f"{RECS}:{line_of(p, RECS, 'Bien souvent encore') - 1}: passage introuvable mot pour mot dans la transcription 'conclusion' "
                                       "(passage le plus proche : « Trop souvent encore, le numérique dans les musées est réduit à la question des "
                                       "dispositifs de médiation et/ou à la numérisation des collections, alors qu'il ne s'agit là que de la partie "
                                       "visible de l'iceberg. ») : 'Bien souvent encore, le numérique dans les musées est réduit à la question des "
                                       "dispositifs de médiation et/ou à la numérisation des collections, alors qu'il ne s'agit là que de la partie "
                                       "visible de l'iceberg.'"),
    "duplicate-function": (FUNCTIONS, "  - id: edition\n", "  - id: edition\n    label: Doublon\n    definition: Doublon.\n  - id: edition\n",
                           lambda p: f"{FUNCTIONS}:{line_of(p, FUNCTIONS, 'label: Doublon') + 2}: identifiant de fonction en double (déjà ligne {line_of(p, FUNCTIONS, 'label: Doublon') - 1}) : 'edition'"),
    "function-slug": (FUNCTIONS, "  - id: diffusion\n", "  - id: Diffusion\n",
                      lambda p: f"{FUNCTIONS}:{line_of(p, FUNCTIONS, 'id: Diffusion')}: identifiant invalide, attendu minuscules, chiffres et tirets (ex. gestion-des-collections) : 'Diffusion'"),
    "missing-source": (DAY_FILE, "source: conclusion.txt", "source: cloture.txt",
                       lambda p: f"{DAY_FILE}:{line_of(p, DAY_FILE, 'source:')}: source introuvable dans sources/ : 'cloture.txt'"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule_reports_file_line_and_value(project, case):
    relative, old, new, expected = CASES[case]
    assert problems(project) == []  # the valid case
    edit(project, relative, old, new)
    if case == "missing-source":  # hidden files are not the corpus's: no orphan then
        (project / DAY / "sources/conclusion.txt").rename(project / DAY / "sources/.conclusion.txt")
    assert problems(project) == [expected(project)]


def test_empty_source_is_reported(project):
    (project / DAY / "sources/conclusion.txt").write_bytes(b"\n\n")
    assert problems(project) == [f"{DAY_FILE}:{line_of(project, DAY_FILE, 'source:')}: source vide : aucun texte à convertir : 'conclusion.txt'"]


def test_converted_transcript_edited_by_hand_is_reported(project):
    edit(project, "docs/journees/2018-10-05-strategie-numerique/conclusion.md", "à chaud.", "à froid.")
    assert problems(project) == [
        "docs/journees/2018-10-05-strategie-numerique/conclusion.md:1: la transcription ne correspond plus à sa source ; "
        "toute correction passe par les données, puis 'actes ingest 2018-10-05-strategie-numerique "
        "data/journees/2018-10-05-strategie-numerique/sources/conclusion.txt --as conclusion' : "
        "'journees/2018-10-05-strategie-numerique/conclusion.md'"
    ]


def test_every_problem_is_reported_in_one_run(project):
    for case in ("missing-field", "unknown-function", "id-prefix", "passage-not-verbatim", "invalid-date"):
        relative, old, new, _ = CASES[case]
        edit(project, relative, old, new)
    found = problems(project)
    # The invalid date stops that day's file; its recommendations are still read on their own: their
    # structural problems are reported (the missing field), those that need the day's file are not.
    assert found == by_place([CASES["invalid-date"][3](project), CASES["missing-field"][3](project)])
    edit(project, DAY_FILE, "date: 2018-10-35", "date: 2018-10-05")
    expected = by_place(CASES[case][3](project) for case in ("missing-field", "unknown-function", "id-prefix", "passage-not-verbatim"))
    assert problems(project) == expected


def test_actes_check_exits_1_with_every_problem_and_a_count(project):
    for case in ("unknown-function", "id-prefix"):
        relative, old, new, _ = CASES[case]
        edit(project, relative, old, new)
    result = subprocess.run([sys.executable, "-m", "actes.cli", "check", "--root", str(project)], capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 problèmes trouvés."
    assert lines[:-1] == by_place([CASES["unknown-function"][3](project), CASES["id-prefix"][3](project)])


def test_actes_check_passes_on_the_real_data():
    result = subprocess.run([sys.executable, "-m", "actes.cli", "check", "--root", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Données valides : 1 journée(s), 8 recommandation(s), 11 fonction(s).\n"
