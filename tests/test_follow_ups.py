"""Across the days: what became of a recommendation (`follows`: « Reprend », « Suites », threads on
function pages, the reprises table, the feed) and related passages of other days.

Three days: 2018's, a fictional day ten years later (tests/fixtures/suites: its text
dix-ans-de-numerique.md laid out by pandoc as DOCX, imported by `actes new-day --from`, with its
recommandations.yml) and the fictional day of tests/fixtures/journee-entiere (imported from its
LibreOffice ODT) whose recommendations take up two of 2028's. What is expected comes from those
texts and data files; related passages are judged against pairs read by a person (pertinence.yml).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import feedparser
import pytest
import yaml
from frictionless import Package

from conftest import ROOT, SITE_URL, Site, as_written, build, copy_project, publish_locally
from test_whole_day import FIXTURES as WHOLE_DAY, ODT, run

FIXTURES = Path(__file__).parent / "fixtures" / "suites"
DOCX = FIXTURES / "sources" / "dix-ans-de-numerique-pandoc.docx"
DAY_2028 = "2028-10-12-dix-ans-strategies-numeriques-musees"
DAY_2030 = "2030-03-14-musees-hors-murs"
DAY_2018 = "2018-10-05-strategie-numerique"
# The 2030 day's recommendations (the whole-day fixture's), two of them taking up 2028's.
FOLLOWS_2030 = {"MHM2030-01": ["DN2028-02"], "MHM2030-03": ["DN2028-05"]}


def recommendations_2030() -> str:
    text = (WHOLE_DAY / "recommandations.yml").read_text(encoding="utf-8")
    for rec_id, follows in FOLLOWS_2030.items():
        text = re.sub(rf"(- id: {rec_id}\n(?:    .*\n|      .*\n)*?    functions: .*\n)",
                      lambda m: m.group(1) + f"    follows: [{', '.join(follows)}]\n", text)
    assert text.count("follows:") == len(FOLLOWS_2030)
    return text


def recommendations() -> dict[str, dict]:
    """Every recommendation of the three days, as their data files say (2030's with its follows)."""
    texts = [(ROOT / f"data/journees/{DAY_2018}/recommandations.yml").read_text(encoding="utf-8"),
             (FIXTURES / "recommandations.yml").read_text(encoding="utf-8"), recommendations_2030()]
    return {rec["id"]: rec for text in texts for rec in yaml.safe_load(text)["recommendations"]}


def follows() -> dict[str, list[str]]:
    """Every recommendation's `follows`, as the data files say."""
    return {rec_id: rec.get("follows", []) for rec_id, rec in recommendations().items()}


def day_of(rec_id: str) -> str:
    return {"SN": DAY_2018, "DN": DAY_2028, "MH": DAY_2030}[rec_id[:2]]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("suites"))
    done = run("new-day", "--from", DOCX, "--prefix", "DN2028", cwd=root)
    assert done.returncode == 0, done.stderr
    shutil.copy(FIXTURES / "recommandations.yml", root / f"data/journees/{DAY_2028}/recommandations.yml")
    assert run("new-day", "--from", ODT, cwd=root).returncode == 0
    (root / f"data/journees/{DAY_2030}/recommandations.yml").write_text(recommendations_2030(), encoding="utf-8")
    publish_locally(root)
    return root


@pytest.fixture(scope="module")
def site(project):
    return Site(project / "site")


def section_items(page, section_id: str):
    """The list items of a page's section (its h2 with that id, up to the next h2)."""
    heading = page.select_one(f"article h2#{section_id}")
    if heading is None:
        return None
    items = []
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        if element.name == "li":
            items.append(element)
    return items


def linked_recommendations(item) -> list[str]:
    return [m.group(1) for a in item.find_all("a") if (m := re.search(r"(?:^|/)([A-Z]{2,4}[0-9]{4}-[0-9]{2})/$", a["href"]))]


def test_the_earlier_page_shows_its_suites_and_the_later_what_it_takes_up(site):
    taken_up: dict[str, list[str]] = {}
    for later, earlier_ones in follows().items():
        for earlier in earlier_ones:
            taken_up.setdefault(earlier, []).append(later)
    assert len(taken_up) >= 5
    for rec_id, earlier_ones in follows().items():
        page = site.page(f"recommandations/{rec_id}/")
        reprend = section_items(page, "reprend")
        if not earlier_ones:
            assert reprend is None, rec_id
            continue
        assert [linked_recommendations(item)[0] for item in reprend] == earlier_ones
        for item, earlier in zip(reprend, earlier_ones):
            # Its day, and who said it, linked.
            hrefs = [a["href"] for a in item.find_all("a")]
            assert any(href.endswith(f"journees/{day_of(earlier)}/") for href in hrefs), (rec_id, hrefs)
            assert any("/intervenants/" in href for href in hrefs), (rec_id, hrefs)
    for rec_id, later_ones in taken_up.items():
        suites = section_items(site.page(f"recommandations/{rec_id}/"), "suites")
        later_ones = sorted(later_ones, key=lambda later: (day_of(later), later))
        assert [linked_recommendations(item)[0] for item in suites] == later_ones, rec_id
        for item, later in zip(suites, later_ones):
            assert as_written(item.get_text()).count(later) == 1
    assert section_items(site.page("recommandations/SN2018-02/"), "suites") is None


def test_who_said_the_taken_up_recommendation_is_the_speaker_of_its_turn(site):
    """DN2028-02's passage lies in Agathe Perrin's turn (dix-ans-de-numerique.md); SN2018-05's in the
    2018 conclusion, Blandine Chavanne's speech."""
    [item] = section_items(site.page("recommandations/SN2018-05/"), "suites")
    assert [a.get_text() for a in item.find_all("a") if "/intervenants/" in a["href"]] == ["Mme Agathe Perrin"]
    [item] = section_items(site.page("recommandations/DN2028-02/"), "reprend")
    assert [a.get_text() for a in item.find_all("a") if "/intervenants/" in a["href"]] == ["Mme Blandine Chavanne"]


def test_a_function_page_shows_the_threads_across_years(site):
    """Médiation: SN2018-05 → DN2028-02 → MHM2030-01 (one thread through three days), and
    SN2018-08 → DN2028-04 (SN2018-08 concerns médiation)."""
    items = section_items(site.page("fonctions/mediation/"), "suites")
    threads = [linked_recommendations(item) for item in items]
    assert ["SN2018-05", "DN2028-02", "MHM2030-01"] in threads
    assert ["SN2018-08", "DN2028-04"] in threads
    for thread, item in zip(threads, items):
        years = [int(year) for year in re.findall(r"\b(20\d\d)\s*:", item.get_text())]
        assert years == sorted(years) and len(years) == len(thread)
    # A function no follow-up touches has no such section.
    data = recommendations()
    linked = {rec_id for rec_id, earlier_ones in follows().items() if earlier_ones} | {
        earlier for earlier_ones in follows().values() for earlier in earlier_ones}
    touched = {function for rec_id in linked for function in data[rec_id]["functions"]}
    untouched = {function for rec in data.values() for function in rec["functions"]} - touched
    assert untouched
    for function in untouched:
        assert section_items(site.page(f"fonctions/{function}/"), "suites") is None, function
    for function in touched:
        assert section_items(site.page(f"fonctions/{function}/"), "suites"), function


def test_the_follow_ups_are_open_data_valid_under_their_schema(site):
    report = Package(str(site.root / "donnees/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = (site.root / "donnees/reprises.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "recommandation,reprend"
    expected = {f"{later},{earlier}" for later, earlier_ones in follows().items() for earlier in earlier_ones}
    assert set(rows[1:]) == expected and len(rows) - 1 == len(expected)


def test_the_feed_says_when_a_recommendation_is_taken_up(site):
    feed = feedparser.parse(str(site.root / "flux/recommandations.atom"))
    assert not feed.bozo, feed.bozo_exception
    entries = {entry.title.split(" : ")[0]: entry for entry in feed.entries}
    earlier = entries["SN2018-05"]
    assert earlier.published.startswith("2018-10-05") and earlier.updated.startswith("2028-10-12")
    assert "Reprise depuis par" in earlier.content[0].value
    assert f"{SITE_URL}recommandations/DN2028-02/" in earlier.content[0].value
    # Taken up again in 2030: updated on that day.
    assert entries["DN2028-02"].updated.startswith("2030-03-14")
    assert "Elle reprend" in entries["DN2028-02"].content[0].value
    assert f"{SITE_URL}recommandations/SN2018-05/" in entries["DN2028-02"].content[0].value
    # Its author is who said the passage, not every speaker of the round table.
    assert [author.name for author in entries["DN2028-02"].authors] == ["Agathe Perrin"]
    # Not taken up: updated on its own day.
    assert entries["DN2028-06"].updated.startswith("2028-10-12")
    assert "Reprise" not in entries["DN2028-06"].content[0].value


def _bad_follows(root: Path) -> list[tuple[str, str]]:
    """Write follows that are wrong in every way; (line, what the message must say) of each."""
    path = root / f"data/journees/{DAY_2028}/recommandations.yml"
    text = path.read_text(encoding="utf-8")
    wrong = {
        "DN2028-01": ("[SN2018-01, SN2018-01]", "en double"),
        "DN2028-02": ("[SN2018-55]", "recommandation inconnue"),
        "DN2028-03": ("[DN2028-03]", "elle-même"),
        "DN2028-04": ("[DN2028-01]", "n'est pas plus ancienne"),
        "DN2028-05": ("[MHM2030-01]", "n'est pas plus ancienne"),
    }
    lines = text.splitlines(keepends=True)
    current, out, expected = None, [], []
    for line in lines:
        if line.startswith("  - id: "):
            current = line.split()[-1]
        if current in wrong and line.startswith("    follows: "):
            continue
        out.append(line)
        if current in wrong and line.startswith("    functions: "):
            out.append(f"    follows: {wrong[current][0]}\n")
            expected.append((str(len(out)), wrong[current][1]))
    path.write_text("".join(out), encoding="utf-8")
    return expected


def test_wrong_follows_are_each_reported_with_file_and_line_in_one_run(tmp_path):
    root = copy_project(tmp_path / "projet")
    assert run("new-day", "--from", DOCX, "--prefix", "DN2028", cwd=root).returncode == 0
    shutil.copy(FIXTURES / "recommandations.yml", root / f"data/journees/{DAY_2028}/recommandations.yml")
    assert run("new-day", "--from", ODT, cwd=root).returncode == 0
    (root / f"data/journees/{DAY_2030}/recommandations.yml").write_text(recommendations_2030(), encoding="utf-8")
    assert run("permalinks", "--update", cwd=root).returncode == 0
    expected = _bad_follows(root)
    checked = run("check", cwd=root)
    assert checked.returncode != 0
    assert "Traceback" not in checked.stderr + checked.stdout
    output = checked.stdout + checked.stderr
    where = f"data/journees/{DAY_2028}/recommandations.yml"
    for line, message in expected:
        assert re.search(rf"^{re.escape(where)}:{line}: .*{re.escape(message)}", output, re.M), (line, message, output)
    assert "vouliez-vous dire 'SN2018-05'" in output
    # The build refuses the data the same way, writing no site.
    built = build(root, root / "site")
    assert built.returncode != 0 and not (root / "site" / "index.html").exists()


# --- Related passages -----------------------------------------------------------------------

def judgments() -> dict[str, dict[str, bool]]:
    data = yaml.safe_load((FIXTURES / "pertinence.yml").read_text(encoding="utf-8"))
    return {rec_id: {**{p: True for p in pairs["pertinents"]}, **{p: False for p in pairs["non-pertinents"]}}
            for rec_id, pairs in data.items()}


def related(site: Site, rec_id: str):
    """(passage as day/intervention#pN, the li) of the page's related passages."""
    page_path = f"recommandations/{rec_id}/index.html"
    items = section_items(site.soup(page_path), "passages-proches") or []
    found = []
    for item in items:
        [link] = [a for a in item.find_all("a") if "#p" in a["href"]]
        target, fragment = site.resolve(page_path, link["href"])
        day, intervention = target.removeprefix("journees/").removesuffix("/index.html").split("/")
        found.append((f"{day}/{intervention}#{fragment}", item))
    return found


def person_of(href: str) -> str:
    return re.search(r"intervenants/([a-z0-9-]+)/$", href).group(1)


def test_related_passages_are_shown_with_speaker_day_and_a_working_anchor(site):
    shown = {rec_id: related(site, rec_id) for rec_id in follows()}
    assert sum(map(len, shown.values())) >= 5
    for rec_id, passages in shown.items():
        assert len(passages) <= 3
        heading = site.page(f"recommandations/{rec_id}/").select_one("h2#passages-proches")
        assert heading is not None and as_written(heading.get_text(strip=True)) == "Passages proches dans d'autres journées"
        for passage, item in passages:
            day, rest = passage.split("/")
            intervention, fragment = rest.split("#")
            assert day != day_of(rec_id)  # never its own day
            transcript = site.soup(f"journees/{day}/{intervention}/index.html")
            paragraph = transcript.select_one(f"p#{fragment}")
            assert paragraph is not None, passage
            # The excerpt is the paragraph's words (or one of its sentences), between « ».
            quoted = as_written(" ".join(item.get_text().split("»")[0].split("«", 1)[1].split())).strip(" […]")
            assert quoted in as_written(" ".join(paragraph.get_text().split())), (rec_id, passage)
            # Who said it: the speaker of the turn the paragraph lies in, else the speech's speakers.
            opening = paragraph if paragraph.select_one(".actes-tour-etiquette") else next(
                (p for p in paragraph.find_all_previous("p") if p.select_one(".actes-tour-etiquette")), None)
            people = ".actes-distribution a" if opening is None else ".actes-tour-etiquette a"
            speakers = [person_of(a["href"]) for a in (opening or transcript).select(people)]
            shown_people = [person_of(a["href"]) for a in item.find_all("a") if "/intervenants/" in a["href"]]
            assert shown_people == speakers or (not speakers and "dans la salle" in item.get_text()), (rec_id, passage)
            hrefs = [a["href"] for a in item.find_all("a")]
            assert any(href.endswith(f"journees/{day}/") for href in hrefs)


def test_a_passage_that_follows_already_links_is_not_repeated(site):
    for rec_id in follows():
        page = site.page(f"recommandations/{rec_id}/")
        linked = set(linked_recommendations(item)[0] for section in ("reprend", "suites")
                     for item in section_items(page, section) or [])
        shown = {passage for passage, _ in related(site, rec_id)}
        for other in linked:
            # The paragraph the linked recommendation rests on, as its page gives it.
            other_page = site.page(f"recommandations/{other}/")
            source = other_page.select_one(".actes-source a[href*='#']")
            target, _ = site.resolve(f"recommandations/{other}/index.html", source["href"])
            paragraph = re.search(r"§\s*(\d+)", source.get_text()).group(1)
            day, intervention = target.removeprefix("journees/").removesuffix("/index.html").split("/")
            assert f"{day}/{intervention}#p{paragraph}" not in shown, (rec_id, other)


def test_every_related_passage_shown_was_judged_and_most_are_relevant(site):
    """Precision at 3 on the pairs judged by reading: every passage a reader sees is in the set."""
    judged = judgments()
    shown = [(rec_id, passage) for rec_id in follows() for passage, _ in related(site, rec_id)]
    unjudged = [(rec_id, passage) for rec_id, passage in shown if passage not in judged.get(rec_id, {})]
    assert unjudged == []
    relevant = sum(judged[rec_id][passage] for rec_id, passage in shown)
    assert relevant / len(shown) >= 0.7, (relevant, len(shown))


def test_related_passages_do_not_depend_on_the_cache_or_the_run(project, site, tmp_path):
    """Computed again without any cache, in another process: the same pages."""
    second = build(project, tmp_path / "site", env={"ACTES_CACHE_DIR": ""})
    assert second.returncode == 0, second.stderr[-2000:]
    again = Site(tmp_path / "site")
    for rec_id in follows():
        page = f"recommandations/{rec_id}/index.html"
        assert str(again.soup(page).select_one("article")) == str(site.soup(page).select_one("article"))


def test_a_single_day_site_has_no_related_section(tmp_path):
    root = copy_project(tmp_path / "projet")
    built = build(root, root / "site")
    assert built.returncode == 0, built.stderr[-2000:]
    page = Site(root / "site").page("recommandations/SN2018-05/")
    assert page.select_one("#passages-proches") is None and page.select_one("#suites") is None


def test_follow_up_pages_are_valid_html_for_the_nu_checker(site):
    from test_html_validity import nu_checker

    pages = [site.root / f"recommandations/{rec_id}/index.html" for rec_id in ("SN2018-01", "SN2018-05", "DN2028-02")]
    assert nu_checker(*pages, site.root / "fonctions/mediation/index.html") == []


@pytest.fixture(scope="module")
def served(site):
    from conftest import serve

    base, server = serve(site.root)
    yield base
    server.shutdown()


def test_a_recommendation_page_with_suites_and_related_passages_has_no_axe_violation(browser, served):
    from axe_playwright_python.sync_playwright import Axe

    from conftest import open_page
    from test_browser_accessibility import AXE_CORE, RULES

    page, close_and_check = open_page(browser, served)
    for path in ("recommandations/SN2018-01/", "fonctions/mediation/"):
        page.goto(f"{served}{path}")
        result = Axe.from_file(str(AXE_CORE)).run(page, options={"runOnly": {"type": "tag", "values": RULES}}).response
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == [], path
    close_and_check()


def test_the_cache_keys_of_related_passages_are_the_same_in_every_process(project):
    """The answers are stored under digests of the paragraphs and the queries: two processes with
    different string hashing must find the same keys, or a warm build would compute everything again."""
    import subprocess
    import sys

    script = ("from pathlib import Path; from actes.corpus import read_corpus; from actes import related; "
              "c = read_corpus(Path('.')); "
              "print(related._digest(related.documents(c)).hex(), related._digest(related.queries(c)).hex())")
    keys = {subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(keys) == 1 and len(next(iter(keys)).split()) == 2
