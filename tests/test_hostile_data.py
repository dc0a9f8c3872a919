"""Every data string reaches the page escaped, by construction: each text field of each data file
is given a hostile value, the real site is built, and its real HTML and feeds are read."""

from __future__ import annotations

import json
import subprocess
import sys

import feedparser
import pytest
import yaml

from actes.structure import person_id
from bs4 import BeautifulSoup

from conftest import Site, build, copy_project

DAY = "2018-10-05-strategie-numerique"
# Markup, a template, a script link, a title breaker, Markdown and attr_list syntax, entities.
PAYLOAD = ('<script>alert("actes")</script><img src=x onerror=alert(1)> {{ 7*7 }} {% if true %}J{% endif %} '
           '[lien](javascript:alert(2)) </title><b>gras</b> &amp; & \\ | _x_ # { #ancre } <!-- c -->')

# In a transcript's title: what a title line can hold.
TITLE_PAYLOAD = '<script>alert("titre")</script> {{ 7*7 }} </title><b>gras</b> &amp;'

# The text fields of each file, as paths ('*' for every item of a list).
FIELDS = {
    "fonctions.yml": [("functions", "*", "label"), ("functions", "*", "definition")],
    "journee.yml": [("kind",), ("title",), ("organiser",), ("summary",), ("note",), ("interventions", "*", "title"),
                    ("interventions", "*", "speakers", "*", "civility"), ("interventions", "*", "speakers", "*", "given"),
                    ("interventions", "*", "speakers", "*", "family"), ("interventions", "*", "speakers", "*", "role")],
    "recommandations.yml": [("recommendations", "*", "title"), ("recommendations", "*", "statement"),
                            ("recommendations", "*", "keywords", "*"), ("recommendations", "*", "reason")],
    "redirections.yml": [("redirects", "*", "reason")],
    "corrections.yml": [("corrections", "*", "after"), ("corrections", "*", "reason")],
}


def poison(data, path: tuple, count: list) -> None:
    """Give every string at `path` the hostile value (in place)."""
    head, rest = path[0], path[1:]
    keys = range(len(data)) if head == "*" and isinstance(data, list) else [head]
    for key in keys:
        if isinstance(data, dict) and key not in data:
            if not rest:
                data[key] = f"Valeur {PAYLOAD}"
                count.append(1)
            continue
        if not rest:
            data[key] = f"{data[key]} {PAYLOAD}"
            count.append(1)
        else:
            poison(data[key], rest, count)


def rewrite(path, fields) -> int:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    count: list = []
    for field in fields:
        poison(data, field, count)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(count)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "projet")
    functions = project / "data/fonctions.yml"
    data = yaml.safe_load(functions.read_text(encoding="utf-8"))
    for function in data["functions"]:  # the label is searched in transcripts: keep finding it
        function["terms"] = [function["label"], *function.get("terms", [])]
    functions.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    recommendations = project / f"data/journees/{DAY}/recommandations.yml"
    data = yaml.safe_load(recommendations.read_text(encoding="utf-8"))
    last = data["recommendations"][-1]
    last.update(status="retirée", status_date="2020-01-01", reason="Retirée.")
    recommendations.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "data/redirections.yml").write_text(
        "redirects:\n  - from: /ancienne-page/\n    to: /journees/\n    reason: Déplacée.\n", encoding="utf-8")

    # A transcript whose own title and speaker line (front matter, from its source) are hostile.
    source = project / "titre-hostile.txt"
    source.write_text(f"## Titre {TITLE_PAYLOAD}\n\nIntervention de M. Jean Exemple, rôle {TITLE_PAYLOAD}\n\n"
                      "Un paragraphe.\n", encoding="utf-8")
    for command in (["ingest", DAY, str(source), "--as", "titre-hostile"], ["permalinks", "--update"]):
        ran = subprocess.run([sys.executable, "-m", "actes.cli", *command, "--root", str(project)],
                             capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
    source.unlink()
    # Each person keeps their id (and their page's permalink) whatever their name becomes: the
    # way an editor keeps it when a name's spelling is corrected.
    day_file = project / f"data/journees/{DAY}/journee.yml"
    data = yaml.safe_load(day_file.read_text(encoding="utf-8"))
    for intervention in data["interventions"]:
        for speaker in intervention["speakers"]:
            speaker.setdefault("id", person_id(speaker.get("given"), speaker["family"]))
    day_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    poisoned = 0
    for name, fields in FIELDS.items():
        folder = project / "data" / ("journees/" + DAY if name in ("journee.yml", "recommandations.yml",
                                                                "corrections.yml") else "")
        poisoned += rewrite(folder / name, fields)
    assert poisoned > 30
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_no_hostile_value_is_live_markup_on_any_page(hostile_site):
    assert len(hostile_site.pages) > 20
    for path in hostile_site.pages:
        soup = hostile_site.soup(path)
        scripts = soup.find_all("script")
        assert not [s for s in scripts if "alert(" in s.get_text() and s.get("type") != "application/ld+json"], path
        for data in (s for s in scripts if s.get("type") == "application/ld+json"):  # data, read as data
            json.loads(data.get_text())
            assert "<" not in data.get_text(), path
        assert not soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), path
        assert not soup.select('img[src="x"], b, a[href^="javascript"], a[href*="alert("]'), path
        assert "<!-- c -->" not in (hostile_site.root / path).read_text(encoding="utf-8"), path


def test_each_hostile_value_is_shown_as_the_text_it_is(hostile_site):
    expected = " ".join(PAYLOAD.split())
    pages = {
        "": ["title", "kind"],  # the home page: mkdocs-macros
        f"journees/{DAY}/": ["title", "kind", "organiser", "note", "intervention title", "speaker"],
        f"journees/{DAY}/conclusion/": ["day title", "kind", "citation", "correction", "its note"],
        "recommandations/SN2018-01/": ["title", "statement", "keywords", "function label", "day title"],
        "recommandations/SN2018-08/": ["reason"],
        "fonctions/": ["label", "definition"],
        "fonctions/mediation/": ["label", "definition", "in the navigation"],
        "ancienne-page/": ["reason"],
    }
    for url, what in pages.items():
        soup = hostile_site.page(url)
        count = text_of(soup.body).casefold().count(expected.casefold())  # the kind is lowercased
        assert count >= min(len(what), 2), (url, count)
        if url in (f"journees/{DAY}/", "recommandations/SN2018-01/", "fonctions/mediation/"):  # titled by data
            assert expected in soup.title.get_text() and expected in text_of(soup.h1), url
    navigation = hostile_site.page("fonctions/mediation/").select_one("nav.md-nav--primary")
    assert expected in text_of(navigation)


def test_head_metadata_and_feeds_carry_the_text_verbatim(hostile_site):
    soup = hostile_site.page("recommandations/SN2018-01/")
    title = soup.find("meta", attrs={"name": "citation_title"})["content"]
    assert title.endswith(" ".join(PAYLOAD.split()))
    assert soup.find("meta", attrs={"property": "og:title"})["content"].endswith(" ".join(PAYLOAD.split()))
    for name in ("journees.atom", "recommandations.atom"):
        feed = feedparser.parse((hostile_site.root / "flux" / name).read_bytes())
        assert feed.bozo == 0
        assert all(" ".join(PAYLOAD.split()) in entry.title for entry in feed.entries), name


def test_search_results_show_hostile_text_as_text_in_a_real_browser(hostile_site, browser):
    """Pagefind's excerpts reach the page as text and marks only (docs/javascripts/recherche.js)."""
    from playwright.sync_api import expect

    from conftest import open_page, serve

    base, server = serve(hostile_site.root)
    page, close_and_check = open_page(browser, base)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for url in ("", f"journees/{DAY}/", "recommandations/SN2018-01/"):
            page.goto(base + url)
        page.keyboard.press("/")
        page.locator("#actes-recherche").press_sequentially("gras onerror", delay=20)
        results = page.locator("[data-actes-search-list] li")
        expect(results.first).to_be_visible(timeout=10_000)
        excerpts = page.locator("[data-actes-result-excerpt]")
        assert any("<b>gras</b>" in text or "onerror" in text for text in excerpts.all_inner_texts())
        assert page.locator("[data-actes-search-list] b, [data-actes-search-list] img").count() == 0
        assert page.locator("[data-actes-search-list] mark").count() > 0
        assert dialogs == []
    finally:
        close_and_check()
        server.shutdown()


def test_a_hostile_transcript_title_and_speaker_show_as_text(hostile_site):
    soup = hostile_site.page(f"journees/{DAY}/titre-hostile/")
    assert text_of(soup.h1).startswith(f"Titre {TITLE_PAYLOAD}")  # its title in journee.yml, poisoned too
    assert soup.title.get_text().startswith(f"Titre {TITLE_PAYLOAD} - ")
    assert text_of(soup.select_one(".actes-intervenant")) == f"Intervention de M. Jean Exemple, rôle {TITLE_PAYLOAD}"
    assert soup.find("meta", attrs={"name": "citation_title"})["content"].startswith(f"Titre {TITLE_PAYLOAD}")


def test_a_hostile_correction_shows_as_text_in_place_and_in_the_lists(hostile_site):
    expected = " ".join(PAYLOAD.split())
    page = hostile_site.page(f"journees/{DAY}/conclusion/")
    inserted = page.select_one("ins.actes-correction")
    assert " ".join(inserted.get_text().split()).endswith(expected)
    note = page.select_one("#correction-1-note")
    assert text_of(note).count(expected) == 2  # the correction and its reason
    day = hostile_site.page(f"journees/{DAY}/")
    assert text_of(day.find(id="corrections").find_next("ul")).count(expected) == 3  # title, correction, reason


def test_the_pdf_shows_hostile_values_as_text(hostile_site):
    """The day's PDF is made from the same hostile data: every value is text in it, no link leaves
    for a script, and the document holds no JavaScript."""
    from pypdf import PdfReader

    reader = PdfReader(hostile_site.root / f"donnees/actes/{DAY}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for fragment in ('<script>alert("actes")</script>', "{{ 7*7 }}", "{% if true %}J{% endif %}",
                     "[lien](javascript:alert(2))", "<b>gras</b> &amp; &", "<!-- c -->"):
        assert fragment in text, fragment
    catalog = reader.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/AA" not in catalog
    assert "/JavaScript" not in catalog.get("/Names", {})
    for page in reader.pages:
        for annotation in (a.get_object() for a in page.get("/Annots") or []):
            action = annotation.get("/A")
            if action is not None:
                assert action["/S"] == "/URI" and str(action["/URI"]).startswith(("http://", "https://")), action
