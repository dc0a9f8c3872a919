"""Permanent identifiers: the ledger resolves in the built site, moves need redirects, ids live forever."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actes.corpus import CorpusError
from actes.publication import load_corpus
from actes.permalinks import LEDGER_FILE, read_ledger
from conftest import ROOT, SITE_URL, Site, build, copy_project
from test_html_validity import nu_checker

RECS = "data/journees/2018-10-05-strategie-numerique/recommandations.yml"


def redirect_target(site: Site, file: str) -> str | None:
    """Where a redirect page sends the browser (its meta refresh), as a site path; None for a real page."""
    soup = site.soup(file)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return None
    target = re.match(r"0; url=(.+)$", refresh["content"]).group(1)
    resolved = site.resolve(file, target)
    return "/" + resolved[0].removesuffix("index.html")


def unresolved(site: Site, ledger: Path) -> list[str]:
    """Ledger entries that resolve neither as a page (and fragment) nor through a redirect page."""
    broken = []
    for entry in read_ledger(ledger):
        page, _, fragment = entry.url.partition("#")
        file = site.file_for(page)
        if not (site.root / file).is_file():
            broken.append(f"{entry.url} (no file {file})")
            continue
        if file.endswith(".html"):
            moved_to = redirect_target(site, file)
            if moved_to is not None:
                file = site.file_for(moved_to)
                if redirect_target(site, file) is not None:
                    broken.append(f"{entry.url} (a chain of redirects)")
                    continue
            if fragment and not site.soup(file).find(id=fragment):
                broken.append(f"{entry.url} (no id {fragment} in {file})")
    return broken


def test_every_ledger_entry_resolves_in_the_built_site(site):
    entries = read_ledger(ROOT / "data" / LEDGER_FILE)
    assert len(entries) > 50
    assert {"/recommandations/SN2018-01/", "/journees/2018-10-05-strategie-numerique/conclusion/#p4",
            "/journees/2018-10-05-strategie-numerique/conclusion/#SN2018-01"} <= {e.url for e in entries}
    assert unresolved(site, ROOT / "data" / LEDGER_FILE) == []


def test_ledger_lists_every_page_of_the_built_site(site):
    pages = {"/" + p.removesuffix("index.html") for p in site.pages if p != "404.html"}
    assert pages - {e.url for e in read_ledger(ROOT / "data" / LEDGER_FILE)} == set()


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actes.cli", *args, "--root", str(project)],
                          capture_output=True, text=True)


def problems(project: Path) -> list[str]:
    """Errors, or else the warnings about new URLs missing from the ledger (as `actes check` reports them)."""
    try:
        corpus = load_corpus(project)
    except CorpusError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in corpus.unregistered]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def ledger_line(project: Path, url: str) -> int:
    return next(e.line for e in read_ledger(project / "data" / LEDGER_FILE) if e.url == url)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projet")


def test_deleting_a_recommendation_fails_the_build_and_says_what_to_declare(project, tmp_path):
    text = (project / RECS).read_text(encoding="utf-8")
    (project / RECS).write_text(text[:text.index("  - id: SN2018-08")], encoding="utf-8")
    found = problems(project)
    advice = ("recommandation SN2018-08 introuvable ; une recommandation ne se supprime jamais : rétablissez-la dans "
              "son fichier recommandations.yml avec 'status: retirée', 'status_date' et 'reason' (ou 'status: remplacée' "
              "et 'replaced_by')")
    page = "/recommandations/SN2018-08/"
    for url in (page, "/citations/SN2018-08.bib", "/citations/SN2018-08.ris", "/citations/SN2018-08.json"):
        assert f"data/permaliens.txt:{ledger_line(project, url)}: {advice} : '{url}'" in found
    anchor = "/journees/2018-10-05-strategie-numerique/conclusion/#SN2018-08"
    assert f"data/permaliens.txt:{ledger_line(project, anchor)}: ancre publiée disparue de sa page ; rétablissez le " \
           f"paragraphe ou la recommandation : '{anchor}'" in found
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "recommandation SN2018-08 introuvable" in result.stderr and page in result.stderr


def test_a_moved_page_gets_a_redirect_page_and_its_ledger_entries_still_resolve(project, tmp_path):
    # Rename the function « edition »: its URL moves, so a redirect is declared.
    edit(project, "data/fonctions.yml", "  - id: edition\n", "  - id: edition-et-publication\n")
    edit(project, RECS, "      - edition\n", "      - edition-et-publication\n")
    moved = ("/fonctions/edition/", "/fonctions/edition/2018/")  # the function's page and its year's page
    feed = "/flux/fonctions/edition.atom"
    assert problems(project) == [
        f"data/permaliens.txt:{ledger_line(project, feed)}: fichier publié introuvable ; un fichier ne se redirige pas : "
        "rétablissez ce qui le produisait (le flux d'une fonction renommée reste servi dès que la redirection de la "
        f"page de la fonction est déclarée) : '{feed}'"
    ] + [
        f"data/permaliens.txt:{ledger_line(project, page)}: permalien publié introuvable ; rétablissez "
        f"la page ou déclarez dans data/redirections.yml une redirection (from: {page}, to: <page qui la "
        f"remplace>, reason: …) : '{page}'" for page in moved
    ]
    (project / "data/redirections.yml").write_text(
        "redirects:\n"
        "  - from: /fonctions/edition/\n    to: /fonctions/edition-et-publication/\n"
        "    reason: La fonction a été renommée « édition et publication ».\n"
        "  - from: /fonctions/edition/2018/\n    to: /fonctions/edition-et-publication/2018/\n"
        "    reason: La fonction a été renommée « édition et publication ».\n", encoding="utf-8")
    # The new pages are not registered yet: `actes check` says so, and a strict build fails on it.
    unregistered = [("data/permaliens.txt:1: permalien publié absent du registre ; lancez 'actes permalinks --update' : "
                     f"'{page}'") for page in ("/flux/fonctions/edition-et-publication.atom", "/fonctions/edition-et-publication/",
                                              "/fonctions/edition-et-publication/2018/")]
    assert problems(project) == unregistered
    checked = run_cli(project, "check")
    assert checked.returncode == 1 and checked.stderr.startswith(unregistered[0])
    strict = build(project, tmp_path / "site-strict")
    assert strict.returncode != 0 and unregistered[0] in strict.stderr
    updated = run_cli(project, "permalinks", "--update")
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.startswith("ajouté : /flux/fonctions/edition-et-publication.atom\n"
                                     "ajouté : /fonctions/edition-et-publication/\n"
                                     "ajouté : /fonctions/edition-et-publication/2018/\n")
    assert set(moved) <= {e.url for e in read_ledger(project / "data" / LEDGER_FILE)}  # never removed
    assert problems(project) == []

    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    assert unresolved(site, project / "data" / LEDGER_FILE) == []
    stub = BeautifulSoup((site.root / "fonctions/edition/index.html").read_text(encoding="utf-8"), "lxml")
    assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../edition-et-publication/"
    assert stub.find("link", rel="canonical")["href"] == SITE_URL + "fonctions/edition-et-publication/"
    assert stub.select_one("main a")["href"] == "../edition-et-publication/"
    assert stub.html["lang"] == "fr"
    assert nu_checker(site.root / "fonctions/edition/index.html") == []  # the redirect page is valid HTML
    # The renamed function's feed is still served at its old address, with the new feed's content.
    assert (site.root / "flux/fonctions/edition.atom").read_bytes() == \
        (site.root / "flux/fonctions/edition-et-publication.atom").read_bytes()


@pytest.mark.parametrize("redirects, expected", [
    ("  - from: /recommandations/SN2018-01/\n    to: /recommandations/SN2018-02/\n    reason: essai\n",
     "data/redirections.yml:2: la source d'une redirection est une page publiée ; une page vivante ne se redirige pas : "
     "'/recommandations/SN2018-01/'"),
    ("  - from: /ancienne/\n    to: /inexistante/\n    reason: essai\n",
     "data/redirections.yml:3: cible de redirection introuvable : '/inexistante/'"),
    ("  - from: /a/\n    to: /b/\n    reason: essai\n  - from: /b/\n    to: /a-propos/\n    reason: essai\n",
     "data/redirections.yml:3: chaîne de redirections : faites pointer la redirection directement vers la page "
     "finale : '/b/'"),
    ("  - from: /a/\n    to: /b/\n    reason: essai\n  - from: /b/\n    to: /a/\n    reason: essai\n",
     "data/redirections.yml:3: chaîne de redirections : faites pointer la redirection directement vers la page "
     "finale : '/b/'"),
])
def test_redirect_rules(project, redirects, expected):
    """(A redirect from a download is refused too: see test_only_pages_are_redirected.)"""
    (project / "data/redirections.yml").write_text("redirects:\n" + redirects, encoding="utf-8")
    assert expected in problems(project)


def test_only_pages_are_redirected(project):
    (project / "data/redirections.yml").write_text(
        "redirects:\n  - from: /citations/SN2018-09.bib\n    to: /citations/SN2018-01.bib\n    reason: essai\n",
        encoding="utf-8")
    assert problems(project) == [
        "data/redirections.yml:2: chemin de page invalide, attendu de la forme /dossier/page/ (on ne redirige qu'une "
        "page, pas un fichier ni une ancre) : '/citations/SN2018-09.bib'",
        "data/redirections.yml:3: chemin de page invalide, attendu de la forme /dossier/page/ (on ne redirige qu'une "
        "page, pas un fichier ni une ancre) : '/citations/SN2018-01.bib'",
    ]


def test_a_replaced_recommendation_keeps_its_page_with_a_banner_and_its_successor(project, tmp_path):
    edit(project, RECS, "    functions: [direction-et-strategie]\n    keywords: [chef d'établissement",
         "    status: remplacée\n    status_date: 2025-03-01\n    replaced_by: SN2018-01\n    reason: Fusionnée avec SN2018-01.\n"
         "    functions: [direction-et-strategie]\n    keywords: [chef d'établissement")
    assert problems(project) == []
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = Site(tmp_path / "site").page("recommandations/SN2018-02/")
    banner = page.select_one(".admonition.warning")
    assert banner.select_one(".admonition-title").get_text() == "Recommandation remplacée"
    assert banner.select_one('a[href="../SN2018-01/"]').get_text() == "SN2018-01"
    assert "remplacée le 1er\u00a0mars\u00a02025 par" in banner.get_text()


@pytest.mark.parametrize("fields, expected", [
    ("    status: remplacée\n    status_date: 2025-03-01\n    replaced_by: SN2018-42\n", "successeur inconnu : 'SN2018-42'"),
    ("    status: retirée\n    status_date: 2025-03-01\n", "une recommandation retirée doit donner sa raison ('reason') : 'SN2018-02'"),
    ("    status: remplacée\n    status_date: 2025-03-01\n", "une recommandation remplacée doit nommer son successeur ('replaced_by') : 'SN2018-02'"),
    ("    status: retirée\n    reason: Hors sujet.\n", "une recommandation retirée doit dater ce changement ('status_date: AAAA-MM-JJ') : 'SN2018-02'"),
    ("    status_date: 2025-03-01\n", "'status_date' date un retrait ou un remplacement : il exige 'status: retirée' ou 'status: remplacée' : '2025-03-01'"),
    ("    status: retirée\n    reason: Hors sujet.\n    status_date: 2017-01-01\n", "la date du changement de statut précède la journée (2018-10-05) : '2017-01-01'"),
    ("    status: abandonnée\n", "valeur invalide pour 'status', attendu 'publiée', 'retirée' ou 'remplacée' : 'abandonnée'"),
])
def test_status_rules(project, fields, expected):
    edit(project, RECS, "    functions: [direction-et-strategie]\n    keywords: [chef d'établissement",
         fields + "    functions: [direction-et-strategie]\n    keywords: [chef d'établissement")
    found = problems(project)
    assert len(found) == 1 and found[0].endswith(expected), found


def test_a_cycle_of_successors_is_refused(project):
    for rec_id, successor in (("SN2018-01", "SN2018-02"), ("SN2018-02", "SN2018-01")):
        edit(project, RECS, f"  - id: {rec_id}\n", f"  - id: {rec_id}\n    status: remplacée\n    status_date: 2025-03-01\n    replaced_by: {successor}\n")
    found = problems(project)
    assert any(p.endswith("cycle de remplacements (SN2018-01 → SN2018-02 → SN2018-01) : 'SN2018-02'") for p in found), found


def test_a_retired_id_is_never_reused(project):
    edit(project, RECS, "  - id: SN2018-02\n", "  - id: SN2018-02\n    status: retirée\n    status_date: 2025-03-01\n    reason: Hors sujet.\n")
    edit(project, RECS, "  - id: SN2018-08\n", "  - id: SN2018-02\n")
    found = problems(project)
    assert any("identifiant d'une recommandation retirée ou remplacée" in p and p.endswith("'SN2018-02'") for p in found), found


def test_every_heading_anchor_is_explicit():
    """Heading ids never derive from titles: each heading of a page or page template names its id."""
    sources = list((ROOT / "docs").rglob("*.md")) + list((ROOT / "overrides/pages").glob("*.md"))
    implicit = []
    for path in sources:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if re.match(r"^#{2,6} ", line) and not re.search(r"\{ #[\w{}. |-]+ \}$", line):
                implicit.append(f"{path.relative_to(ROOT)}: {line}")
    assert implicit == []
