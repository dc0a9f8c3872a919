"""Who said what, on the site: every turn anchored and labelled, every person's page, attributed
citations, the people and the turns as open data, search filters. Built from the whole-day fixture
(tests/fixtures/journee-entiere: imported from its ODT, with recommendations of our own); what is
expected comes from the text the fixture was made from (journee.txt)."""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest
import yaml
from frictionless import Package

from conftest import SITE_URL, Site, as_written, copy_project, publish_locally
from test_citations import zotero_items
from test_whole_day import DAY, FIXTURES, ODT, run

SLUG = "2030-03-14-musees-hors-murs"
PREFIX = f"journees/{SLUG}"


def expected_turns():
    """(part, turn, § of its first paragraph) of every turn of the fixture, from its text."""
    found = []
    for part in DAY.parts:
        number = 0
        for kind, item in part.items:
            if kind == "section":
                continue
            if kind == "turn":
                found.append((part, item, number + 1))
                number += len(item.paragraphs)
            else:
                number += 1
    return found


TURNS = expected_turns()
PEOPLE = {entry.person: entry for part in DAY.parts for entry in part.roster}


def part_of(part, person: str) -> str:
    return next(entry.part for entry in part.roster if entry.person == person)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The project with the fixture day imported from its ODT and its recommendations, built."""
    root = copy_project(tmp_path_factory.mktemp("qui-dit-quoi"))
    assert run("new-day", "--from", ODT, cwd=root).returncode == 0
    shutil.copy(FIXTURES / "recommandations.yml", root / f"data/journees/{SLUG}/recommandations.yml")
    publish_locally(root)
    return root


@pytest.fixture(scope="module")
def site(project):
    return Site(project / "site")


@pytest.fixture(scope="module")
def interventions(project):
    day = yaml.safe_load((project / f"data/journees/{SLUG}/journee.yml").read_text(encoding="utf-8"))
    return {part.title: item["id"] for part, item in zip(DAY.parts, day["interventions"])}


def test_every_turn_has_its_anchor_its_label_and_its_speaker(site, interventions):
    assert TURNS
    for part, turn, number in TURNS:
        page = site.page(f"{PREFIX}/{interventions[part.title]}/")
        paragraph = page.select_one(f"p#p{number}")
        label = paragraph.select_one(f".actes-tour-etiquette#t{number}")
        assert label is not None, (part.title, turn.label, number)
        assert as_written(" ".join(label.get_text().split())) == turn.label
        copy = paragraph.select_one(f"a.actes-lien-tour[href='#t{number}']")
        assert copy.get_text() == "lien vers ce passage"
        link = label.find("a")
        if turn.speaker == "salle":
            assert link is None and "actes-tour--salle" in paragraph["class"]
            assert paragraph.select_one(".actes-tour-partie").get_text() == "Salle"
            continue
        assert link["href"] == f"../../../intervenants/{turn.speaker}/"
        role = part_of(part, turn.speaker)
        badge = paragraph.select_one(".actes-tour-partie")
        if role == "intervention":
            assert badge is None
        else:  # the moderator's and the chair's turns say so in words, not by colour alone
            assert badge.get_text() == {"modération": "Modération", "présidence": "Présidence"}[role]


def test_every_turn_anchor_is_in_the_ledger(project, interventions):
    ledger = (project / "data/permaliens.txt").read_text(encoding="utf-8").splitlines()
    for part, turn, number in TURNS:
        assert f"/{PREFIX}/{interventions[part.title]}/#t{number}" in ledger


def test_a_round_table_page_opens_with_its_roster_linked_to_each_person(site, interventions):
    for part in DAY.parts:
        roster = site.page(f"{PREFIX}/{interventions[part.title]}/").select_one(".actes-distribution")
        links = {a["href"].split("/")[-2]: as_written(a.get_text()) for a in roster.select("a")}
        assert links == {entry.person: f"{entry.given} {entry.family}" for entry in part.roster}
        text = as_written(" ".join(roster.get_text().split()))
        for entry in part.roster:
            assert entry.role in text
            if entry.part == "modération":
                assert f"Modération : {entry.civility} {entry.given} {entry.family}" in text


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def test_the_people_index_lists_everyone_in_french_order(site):
    index = site.page("intervenants/")
    listed = [a["href"].strip("./").split("/")[-1] for a in index.select("article li a")]
    # Every person of every day, the 2018 speaker too.
    assert set(listed) == set(PEOPLE) | {"blandine-chavanne"}
    # By family name, particles in lower case left aside (« de La Tour d'Auvergne » under L, before
    # « Le Goff »), accents ignored (« Énard » would be under E).
    by_name = {**{p: (e.family, e.given) for p, e in PEOPLE.items()}, "blandine-chavanne": ("Chavanne", "Blandine")}
    expected = sorted(by_name, key=lambda p: (_folded(by_name[p][0].removeprefix("de ")), _folded(by_name[p][1])))
    assert listed == expected
    letters = {h2.get_text(): [a["href"].split("/")[-2] for a in h2.find_next("ul").select("a")]
               for h2 in index.select("article h2")}
    assert letters["L"] == ["anne-de-la-tour-d-auvergne", "yann-le-goff"]
    assert "La Tour d'Auvergne, Anne de" in as_written(index.get_text())


def test_each_person_page_finds_each_of_their_turns(site, interventions):
    for person, entry in PEOPLE.items():
        page = site.page(f"intervenants/{person}/")
        assert as_written(page.select_one("article h1").get_text()) == f"{entry.given} {entry.family}"
        assert entry.role in as_written(page.get_text())
        hrefs = {a["href"] for a in page.select("article a")}
        for part, turn, number in TURNS:
            if turn.speaker == person:
                assert f"../../{PREFIX}/{interventions[part.title]}/#t{number}" in hrefs, (person, number)
        [data] = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        assert data["@type"] == "Person" and data["familyName"] == entry.family and data["givenName"] == entry.given
        assert data["url"] == f"{SITE_URL}intervenants/{person}/"


def test_person_pages_are_in_the_sitemap_and_the_navigation(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for person in PEOPLE:
        assert f"<loc>{SITE_URL}intervenants/{person}/</loc>" in sitemap
    assert site.page("").select_one('nav a[href$="intervenants/"]') is not None


# Who said each recommendation's passage, by the fixture's text.
SAID_BY = {"MHM2030-01": "claire-martin", "MHM2030-02": "karim-benali", "MHM2030-03": "paul-roussel",
           "MHM2030-04": None, "MHM2030-05": "helene-morvan-delisle"}


@pytest.mark.parametrize("rec_id", sorted(SAID_BY))
def test_a_recommendation_is_attributed_to_who_said_its_passage_by_every_route(site, rec_id):
    person = SAID_BY[rec_id]
    page = site.page(f"recommandations/{rec_id}/")
    source = page.select_one(".actes-source")
    creators = []
    if person is None:
        assert source.get_text().startswith("Une personne dans la salle")
    else:
        entry = PEOPLE[person]
        link = source.find("a")
        assert link["href"] == f"../../intervenants/{person}/"
        assert entry.role in as_written(source.get_text())
        creators = [{"lastName": entry.family, "firstName": entry.given}]
    items = zotero_items(site, f"recommandations/{rec_id}/", rec_id)
    assert {route: item["creators"] for route, item in items.items()} == dict.fromkeys(items, creators)


def test_a_recommendation_in_a_turn_links_to_that_turn(site):
    source = site.page("recommandations/MHM2030-02/").select_one(".actes-source")
    [number] = [n for part, turn, n in TURNS if turn.speaker == "karim-benali"]
    assert any(a["href"].endswith(f"#t{number}") for a in source.select("a"))


def test_a_round_table_s_citation_names_its_speakers_as_authors_and_its_moderator_as_contributor(site, interventions):
    part = DAY.parts[2]  # the second round table: a chair and a moderator
    key = f"{SLUG}-{interventions[part.title]}"
    items = zotero_items(site, f"{PREFIX}/{interventions[part.title]}/", key)
    authors = [{"lastName": e.family, "firstName": e.given} for e in part.roster if e.part == "intervention"]
    others = [{"lastName": e.family, "firstName": e.given, "creatorType": "contributor"}
              for e in part.roster if e.part != "intervention"]
    assert len(authors) == 3 and len(others) == 2
    # As Zotero stores them (translation-server): its RIS and CSL-JSON imports keep the contributors;
    # saving the page (Highwire authors) and its BibTeX import keep the authors only.
    assert items["ris"]["creators"] == items["json"]["creators"] == authors + others
    assert items["page"]["creators"] == items["bib"]["creators"] == authors


def test_people_and_turns_are_open_data_valid_under_their_schemas(site, interventions):
    package = Package(str(site.root / "donnees/datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    people = {row["identifiant"]: row for row in json.loads((site.root / "donnees/personnes.json").read_text())}
    assert set(people) == set(PEOPLE) | {"blandine-chavanne"}
    turns = json.loads((site.root / "donnees/tours.json").read_text(encoding="utf-8"))
    assert [(t["intervention"], t["premier_paragraphe"], t["personne"], t["etiquette"]) for t in turns
            if t["journee"] == SLUG] == \
        [(interventions[part.title], number, None if turn.speaker == "salle" else turn.speaker, turn.label)
         for part, turn, number in TURNS]
    for turn in turns:
        assert turn["url"].endswith(f"#t{turn['premier_paragraphe']}")
    catalogue = json.dumps(json.loads((site.root / "donnees/catalogue.jsonld").read_text(encoding="utf-8")))
    for table in ("personnes", "tours"):  # each table is a distribution of the DCAT catalogue
        assert f'"{SITE_URL}donnees/{table}.csv"' in catalogue


def test_transcript_json_ld_gives_each_turn_s_speaker(site, interventions):
    part = DAY.parts[1]
    page = site.page(f"{PREFIX}/{interventions[part.title]}/")
    [data] = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    said = [(q["url"].rsplit("#", 1)[1], q.get("spokenByCharacter", {}).get("url")) for q in data["hasPart"]]
    assert said == [(f"t{n}", None if t.speaker == "salle" else f"{SITE_URL}intervenants/{t.speaker}/")
                    for p, t, n in TURNS if p is part]


def test_pages_give_search_their_speaker_day_and_function_filters(site, interventions):
    def filters(url):
        return {" ".join(span["data-pagefind-filter"].split()) for span in site.page(url).select("[data-pagefind-filter]")}
    part = DAY.parts[1]
    transcript = filters(f"{PREFIX}/{interventions[part.title]}/")
    assert {f"intervenant:{e.given} {e.family}" for e in part.roster} <= transcript
    assert "journee:Les musées hors les murs (14 mars 2030)" in transcript
    assert {"intervenant:Karim Benali", "fonction:Médiation", "fonction:Diffusion"} <= filters("recommandations/MHM2030-02/")
    assert "intervenant:Karim Benali" in filters("intervenants/karim-benali/")


def test_a_label_a_correction_says_opens_no_turn_keeps_its_anchor(tmp_path):
    """A published anchor never breaks: « pas-un-tour » removes the turn, not its anchor."""
    from actes.publication import load_corpus

    root = copy_project(tmp_path)
    assert run("new-day", "--from", ODT, cwd=root).returncode == 0
    part = DAY.parts[1]
    day = yaml.safe_load((root / f"data/journees/{SLUG}/journee.yml").read_text(encoding="utf-8"))
    intervention = day["interventions"][1]["id"]
    [(_, turn, number)] = [t for t in TURNS if t[0] is part and t[1].speaker == "karim-benali"]
    (root / f"data/journees/{SLUG}/corrections.yml").write_text(yaml.safe_dump({"attributions": [{
        "intervention": intervention, "paragraph": number, "action": "pas-un-tour",
        "reason": "Essai : le nom ouvre une phrase du modérateur."}]}, allow_unicode=True), encoding="utf-8")
    corpus = load_corpus(root)
    entry = corpus.days_by_slug[SLUG].transcripts_by_id[intervention]
    assert number not in [t.first for t in entry.turn_entries]
    assert f"/{PREFIX}/{intervention}/#t{number}" in corpus.published


def test_the_day_s_pdf_prints_rosters_and_labels_and_gives_the_same_turns_back(project, site):
    from pypdf import PdfReader

    from actes.pdf_round_trip import read_back
    from actes.publication import load_corpus

    pdf = site.root / f"donnees/actes/{SLUG}.pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for part in DAY.parts:
        for entry in part.roster:
            if entry.part == "modération":
                assert f"Modération : {entry.civility} {entry.given} {entry.family}" in as_written(text)
    corpus = load_corpus(project)
    results = read_back(pdf, corpus.days_by_slug[SLUG])
    turns = [(number, turn.label) for _, turn, number in TURNS]
    assert [t for r in results for t in r.turns_read] == [t for r in results for t in r.turns] and \
        sorted(label for r in results for _, label in r.turns_read) == sorted(label for _, label in turns)
    assert all(r.perfect for r in results), [(r.intervention, r.lost, r.added) for r in results if not r.perfect]


def test_a_turn_can_be_cited_on_its_own(site, interventions):
    [(part, turn, number)] = [t for t in TURNS if t[1].speaker == "karim-benali"]
    page = site.page("intervenants/karim-benali/")
    [citation] = [li.get_text() for li in page.select("article li li") if "Citer ce passage" in li.get_text()]
    assert as_written(" ".join(citation.split())).startswith(
        f"Citer ce passage : BENALI, Karim. « {part.title}, § {number} ».")
    assert f"{SITE_URL}{PREFIX}/{interventions[part.title]}/#t{number}" in citation


def test_round_table_and_person_pages_are_valid_html_for_the_nu_checker(site, interventions):
    from test_html_validity import nu_checker

    pages = [site.root / PREFIX / interventions[part.title] / "index.html" for part in DAY.parts[1:3]]
    pages += [site.root / "intervenants/index.html", site.root / "intervenants/yann-le-goff/index.html"]
    assert nu_checker(*pages) == []


@pytest.fixture(scope="module")
def served(site):
    from conftest import serve

    base, server = serve(site.root)
    yield base
    server.shutdown()


def test_a_round_table_page_has_no_axe_violation_and_its_turn_link_copies_its_address(browser, served, interventions):
    from axe_playwright_python.sync_playwright import Axe

    from conftest import open_page
    from test_browser_accessibility import AXE_CORE, RULES

    part = DAY.parts[2]
    url = f"{served}{PREFIX}/{interventions[part.title]}/"
    page, close_and_check = open_page(browser, served)
    page.goto(url)
    result = Axe.from_file(str(AXE_CORE)).run(page, options={"runOnly": {"type": "tag", "values": RULES}}).response
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    [_, turn, number] = next(t for t in TURNS if t[0] is part)
    link = page.locator(f"a.actes-lien-tour[href='#t{number}']")
    link.click()
    assert page.url == f"{url}#t{number}"
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{url}#t{number}"
    close_and_check()
