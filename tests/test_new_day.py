"""A new study day, added through the CLI alone (from .txt, .pdf and .docx sources), shows up
everywhere on the built site; a hostile transcript renders verbatim and runs nothing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from playwright.sync_api import expect

from conftest import ROOT, Site, broken_links, build, copy_project, open_page, serve, show_every_result

FIXTURE = ROOT / "tests/fixtures/journee-fictive"
DAY = "2099-01-15-journee-fictive-publics-inclusifs"
HOSTILE_LINES = [line for line in (FIXTURE / "essai-hostile.txt").read_text(encoding="utf-8").split("\n")[2:] if line]


def actes(project: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actes.cli", *map(str, args), "--root", str(project)],
                          capture_output=True, text=True)


def make_pdf(text_file: Path, pdf_file: Path) -> None:
    """A two-page PDF with a running header and « Page n sur N » footers."""
    class Proceedings(FPDF):
        def header(self):
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "Rencontre imaginaire des musées de Nulle-Part", new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, f"Page {self.page_no()} sur {{nb}}", align="C")

    pdf = Proceedings()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    paragraphs = text_file.read_text(encoding="utf-8").strip().split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        if index == len(paragraphs) - 1:
            pdf.add_page()
        pdf.multi_cell(0, 6, paragraph.lstrip("# "))
        pdf.ln(6)
    pdf.output(str(pdf_file))


def make_docx(text_file: Path, docx_file: Path) -> None:
    document = docx.Document()
    for paragraph in text_file.read_text(encoding="utf-8").strip().split("\n\n"):
        if paragraph.startswith("## "):
            document.add_heading(paragraph[3:], level=1)
        else:
            document.add_paragraph(" ".join(paragraph.split()))
    document.save(str(docx_file))


@pytest.fixture(scope="module")
def fictive(tmp_path_factory):
    """The project with the fictional day added through the CLI, and the CLI's outputs."""
    work = tmp_path_factory.mktemp("fictive")
    project = copy_project(work / "projet")
    make_pdf(FIXTURE / "table-ronde.txt", work / "table-ronde.pdf")
    make_docx(FIXTURE / "atelier.txt", work / "atelier.docx")
    steps = {
        "new-day": actes(project, "new-day", "2099-01-15", "Journée fictive : les publics inclusifs"),
        "txt": actes(project, "ingest", DAY, FIXTURE / "ouverture.txt"),
        "pdf": actes(project, "ingest", DAY, work / "table-ronde.pdf"),
        "docx": actes(project, "ingest", DAY, work / "atelier.docx"),
        "hostile": actes(project, "ingest", DAY, FIXTURE / "essai-hostile.txt"),
    }
    # The editor completes what the CLI could not recognise (the hostile text names no speaker)…
    day_file = project / "data/journees" / DAY / "journee.yml"
    assert day_file.read_text(encoding="utf-8").endswith("  speakers:\n")
    with day_file.open("a", encoding="utf-8") as stream:
        stream.write("    - given: Ève\n      family: Essai\n      role: testeuse fictive\n")
    # … and writes the day's recommendations.
    shutil.copy(FIXTURE / "recommandations.yml", project / "data/journees" / DAY / "recommandations.yml")
    steps["permalinks"] = actes(project, "permalinks", "--update")
    steps["check"] = actes(project, "check")
    result = build(project, work / "site")
    assert result.returncode == 0, "\n".join(f"{k}: {v.stdout}{v.stderr}" for k, v in steps.items()) + result.stderr
    return project, steps, Site(work / "site")


def test_every_cli_step_succeeds_and_says_what_it_found(fictive):
    _, steps, _ = fictive
    assert {name: step.returncode for name, step in steps.items()} == dict.fromkeys(steps, 0)
    assert "(UTF-8)" in steps["txt"].stdout
    assert "(PDF, 2 pages)" in steps["pdf"].stdout
    assert "(DOCX, " in steps["docx"].stdout
    assert "Intervention ajoutée" in steps["pdf"].stdout and "intervenant non reconnu" not in steps["pdf"].stdout
    assert steps["check"].stdout.startswith("Données valides : 2 journée(s), 12 recommandation(s)")


def test_the_new_day_is_on_the_home_page_first_and_in_the_navigation(fictive):
    _, _, site = fictive
    days = [a["href"] for a in site.page("").select("#journees + ul a")]
    assert days == [f"journees/{DAY}/", "journees/2018-10-05-strategie-numerique/"]
    nav = [label.get_text(" ", strip=True) for label in site.page(f"journees/{DAY}/").select("nav.md-nav--primary label")]
    assert "2099" in nav


def test_the_day_page_lists_its_interventions_and_recommendations(fictive):
    _, _, site = fictive
    page = site.page(f"journees/{DAY}/")
    interventions = [a["href"] for a in page.select("#interventions ~ h3 a")]
    assert interventions == ["ouverture/", "table-ronde/", "atelier/", "essai-hostile/"]
    recs = [a["href"] for a in page.select("#recommandations + ul a")]
    assert recs == [f"../../recommandations/JFP2099-0{n}/" for n in range(1, 5)]
    speakers = page.select_one("article").get_text(" ")
    assert "M. Jean Exemple, conservateur fictif" in speakers and "Mme Alice Fictive, régisseuse imaginaire" in speakers


def test_recommendations_link_to_their_functions_and_passages_both_ways(fictive):
    _, _, site = fictive
    assert site.page("fonctions/mediation/").select_one('a[href="../../recommandations/JFP2099-04/"]')
    assert site.page("fonctions/billetterie/").select_one('a[href="../../recommandations/JFP2099-02/"]')
    assert site.page("recommandations/").select_one('a[href="2099/"]')
    assert site.page("recommandations/2099/").select_one('a[href="../JFP2099-03/"]')
    for rec_id, intervention in (("JFP2099-02", "ouverture"), ("JFP2099-03", "table-ronde"), ("JFP2099-04", "atelier")):
        transcript = site.page(f"journees/{DAY}/{intervention}/")
        assert transcript.find(id=rec_id).name == "mark"


def test_the_new_day_is_in_the_open_data_and_the_feeds(fictive):
    """No code change: the data package, still valid, and the feeds list the new day and its recommendations."""
    import csv

    import feedparser
    from frictionless import validate

    _, _, site = fictive
    report = validate(site.root / "donnees/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with open(site.root / "donnees/recommandations.csv", encoding="utf-8", newline="") as stream:
        ids = [row["identifiant"] for row in csv.DictReader(stream) if row["journee"] == DAY]
    assert ids and all(rec_id.startswith("JFP2099-") for rec_id in ids)
    days = feedparser.parse((site.root / "flux/journees.atom").read_bytes())
    assert days.entries[0].link.endswith(f"/journees/{DAY}/")  # the newest day first
    assert days.feed.updated == "2099-01-15T00:00:00Z"
    recommendations = feedparser.parse((site.root / "flux/recommandations.atom").read_bytes())
    assert {e.id.rstrip("/").rsplit("/", 1)[1] for e in recommendations.entries} >= set(ids)


def test_the_pdf_and_docx_transcripts_lose_their_layout_and_keep_their_text(fictive):
    _, _, site = fictive
    pdf = site.page(f"journees/{DAY}/table-ronde/")
    text = " ".join(pdf.select_one(".actes-transcription").get_text(" ").split())
    assert "Page 1 sur 2" not in text and "Rencontre imaginaire" not in text
    assert "Un inventaire tenu à jour" in text
    assert pdf.select_one("article h1").get_text() == "Table ronde fictive sur les collections"
    assert site.page(f"journees/{DAY}/atelier/").select_one("article h1").get_text() == "Atelier fictif de médiation"


def test_every_link_of_the_new_site_resolves(fictive):
    _, _, site = fictive
    assert broken_links(site) == []


def test_a_hostile_transcript_renders_verbatim(fictive):
    _, _, site = fictive
    body = site.page(f"journees/{DAY}/essai-hostile/").select_one(".actes-transcription")
    for added in body.select(".actes-paragraphe"):
        added.decompose()
    rendered = [" ".join(p.get_text().split()) for p in body.select("p")]
    assert rendered == HOSTILE_LINES
    assert body.find(["script", "img", "h1", "h2", "blockquote", "table", "ol", "div"]) is None


ALLOWED_SCRIPT_FILES = re.compile(r"(^|/)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js|javascripts/(recherche|citation)\.js)$")
# Material's own inline scripts (base.html), and the redirect pages' one line.
ALLOWED_INLINE = ("__md_scope=new URL(", 'var palette=__md_get("__palette")',
                  "var target=document.getElementById(location.hash.slice(1))", "location.replace(")


def test_no_script_but_the_sites_own_no_event_attribute_no_javascript_url(fictive):
    _, _, site = fictive
    problems = []
    for path in site.pages:
        soup = site.soup(path)
        for script in soup.find_all("script"):
            if script.get("src"):
                if not ALLOWED_SCRIPT_FILES.search(script["src"]):
                    problems.append(f"{path}: script {script['src']}")
            elif script.get("type") in ("application/json", "application/ld+json"):
                json.loads(script.get_text())
            elif not script.get_text().strip().startswith(ALLOWED_INLINE):
                problems.append(f"{path}: inline script {script.get_text()[:60]!r}")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if name.lower().startswith("on"):
                    problems.append(f"{path}: <{element.name} {name}>")
                if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                    problems.append(f"{path}: <{element.name} {name}={value}>")
    assert problems == []


def test_ingesting_again_changes_nothing(fictive, tmp_path):
    project, _, _ = fictive
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    before.update({p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()})
    again = actes(project, "ingest", DAY, FIXTURE / "ouverture.txt")
    assert again.returncode == 0
    assert "Rien à faire" in again.stdout
    now = {p for folder in ("data", "docs") for p in (project / folder).rglob("*") if p.is_file()}
    assert now == set(before)  # no file added
    assert {p: p.read_bytes() for p in before} == before  # none changed


def test_search_finds_the_new_day_with_french_stemming(fictive, browser):
    _, _, site = fictive
    base, server = serve(site.root)
    page, close_and_check = open_page(browser, base)
    try:
        page.goto(base)
        page.keyboard.press("/")
        page.locator("#actes-recherche").press_sequentially("inclusif", delay=20)
        meta = page.locator("[data-actes-search-meta]")
        expect(meta).to_have_attribute("data-actes-query", "inclusif", timeout=10_000)  # not a prefix's count
        expect(meta).to_have_text(re.compile(r"^\d+ résultats?$"))
        show_every_result(page)
        hrefs = page.locator("[data-actes-search-list] a").evaluate_all("links => links.map(a => a.href)")
        assert base + f"journees/{DAY}/ouverture/" in hrefs  # « inclusif » finds « inclusives »
    finally:
        close_and_check()
        server.shutdown()
