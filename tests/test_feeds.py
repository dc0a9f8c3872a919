"""Atom feeds: parsed by feedparser, validated against a RELAX NG grammar of RFC 4287 and the rules
a grammar cannot state, their entries compared with the data; linked from every page."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
import rnc2rng
from lxml import etree

from actes.outputs import SiteInfo, feeds
from actes.publication import load_corpus
from conftest import ROOT, SITE_URL, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["flux/journees.atom", "flux/recommandations.atom"]
RECS = "data/journees/2018-10-05-strategie-numerique/recommandations.yml"


@pytest.fixture(scope="module")
def atom_grammar() -> etree.RelaxNG:
    # rnc2rng declares the empty namespace as a prefix (xmlns:local=""), which XML forbids; the
    # grammar names that namespace explicitly (ns=""), so the declaration is dropped.
    rng = rnc2rng.dumps(rnc2rng.load(str(ROOT / "tests/schemas/atom.rnc"))).replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def every_feed(site) -> list[Path]:
    return sorted((site.root / "flux").rglob("*.atom"))


def rfc4287_rules(document: etree._ElementTree) -> list[str]:
    """The rules of RFC 4287 that its grammar leaves to prose (sections 4.1.1 and 4.1.2)."""
    broken = []
    feed = document.getroot()
    feed_has_author = feed.find(f"{ATOM}author") is not None
    for entry in feed.iter(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id")
        if not feed_has_author and entry.find(f"{ATOM}author") is None:
            broken.append(f"{entry_id}: no author, and the feed has none")
        content = entry.find(f"{ATOM}content")
        if content is not None and content.get("src") and entry.find(f"{ATOM}summary") is None:
            broken.append(f"{entry_id}: out-of-line content without a summary")
        if feed.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None \
                and entry.find(f"{ATOM}link[@rel='alternate']") is None:
            broken.append(f"{entry_id}: neither content nor an alternate link")
    for element in [feed, *feed.iter(f"{ATOM}entry")]:
        alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            broken.append(f"{element.findtext(f'{ATOM}id')}: two alternate links of one type and language")
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    if len(ids) != len(set(ids)):
        broken.append("two entries share an id")
    return broken


def test_every_feed_is_valid_atom(site, atom_grammar):
    paths = every_feed(site)
    assert len(paths) == 2 + 11  # days, recommendations, and one per function
    for path in paths:
        document = etree.parse(str(path))
        assert atom_grammar.validate(document), (path.name, str(atom_grammar.error_log))
        assert rfc4287_rules(document) == [], path.name
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path.name, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"


def test_the_grammar_and_the_rules_refuse_broken_feeds(site, atom_grammar):
    """The validation above can fail."""
    source = (site.root / "flux/journees.atom").read_bytes()
    no_id = source.replace(b"<id>", b"<idx>", 1).replace(b"</id>", b"</idx>", 1)
    date_only = source.replace(b"T00:00:00Z</updated>", b"</updated>", 1)
    for broken in (no_id, date_only):
        assert not atom_grammar.validate(etree.fromstring(broken))
    without_author = etree.fromstring(source)
    for author in without_author.iter(f"{ATOM}author"):
        author.getparent().remove(author)
    assert rfc4287_rules(without_author.getroottree()) == [f"{SITE_URL}journees/2018-10-05-strategie-numerique/: "
                                                            "no author, and the feed has none"]


def test_the_days_feed_has_one_entry_per_day(site, corpus):
    parsed = feedparser.parse((site.root / "flux/journees.atom").read_bytes())
    assert parsed.feed.language == "fr" and parsed.feed.updated == "2018-10-05T00:00:00Z"
    assert [entry.id for entry in parsed.entries] == [SITE_URL + f"journees/{day.slug}/" for day in corpus.days]
    [entry] = parsed.entries
    assert entry.title == "La stratégie du numérique dans les musées"
    assert entry.link == entry.id and entry.updated == entry.published == "2018-10-05T00:00:00Z"
    assert "8\u00a0recommandations" in entry.summary
    content = etree.fromstring(f"<div>{entry.content[0].value}</div>")
    links = [a.get("href") for a in content.iter("a")]
    assert links == [SITE_URL + "journees/2018-10-05-strategie-numerique/conclusion/"] + [
        SITE_URL + f"recommandations/{rec.id}/" for rec in corpus.days[0].recommendations]


def test_the_recommendations_feed_has_one_entry_per_recommendation_with_its_functions(site, corpus):
    parsed = feedparser.parse((site.root / "flux/recommandations.atom").read_bytes())
    assert sorted(entry.id for entry in parsed.entries) == sorted(
        SITE_URL + f"recommandations/{rec_id}/" for rec_id in corpus.recommendations)
    for entry in parsed.entries:
        rec = corpus.recommendations[entry.id.rstrip("/").rsplit("/", 1)[1]]
        assert entry.title == f"{rec.id} : {rec.model.title}"
        assert entry.summary == rec.model.statement
        assert [tag.term for tag in entry.tags] == rec.model.functions
        assert [tag.label for tag in entry.tags] == [corpus.functions[f].model.label for f in rec.model.functions]
        assert entry.updated == "2018-10-05T00:00:00Z"
        assert [author.name for author in entry.authors] == ["Blandine Chavanne"]
        related = [link.href for link in entry.links if link.rel == "related"]
        assert related == [SITE_URL + f"journees/2018-10-05-strategie-numerique/conclusion/#{rec.id}"]


def test_each_function_has_a_feed_of_its_recommendations_linked_from_its_page(site, corpus):
    for function in corpus.functions.values():
        parsed = feedparser.parse((site.root / f"flux/fonctions/{function.id}.atom").read_bytes())
        assert sorted(entry.id for entry in parsed.entries) == sorted(SITE_URL + f"recommandations/{rec.id}/"
                                                                      for rec in function.recommendations)
        page = site.page(f"fonctions/{function.id}/")
        assert page.find(id="suivre").find_next("a")["href"] == f"../../flux/fonctions/{function.id}.atom"


def test_the_feeds_are_announced_in_every_page_head_and_on_the_home_page(site):
    for path in site.pages:
        if path == "404.html":
            continue
        links = site.soup(path).select('head link[rel="alternate"][type="application/atom+xml"]')
        targets = sorted(site.resolve(path, link["href"])[0] for link in links)
        assert targets == sorted(FEEDS), path
    home = {a["href"] for a in site.page("").select(".md-content a[href]")}
    assert {"flux/journees.atom", "flux/recommandations.atom", "donnees/"} <= home


def test_a_status_change_dates_the_entry_and_shows_in_it(tmp_path):
    """Withdrawn: the entry's updated date is the change's, not the build's, and the feed says why."""
    project = copy_project(tmp_path / "projet")
    path = project / RECS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: SN2018-02\n", "  - id: SN2018-02\n    status: retirée\n"
                                 "    status_date: 2025-03-01\n    reason: Reprise par SN2018-01.\n"), encoding="utf-8")
    site = SiteInfo(url=SITE_URL, name="Actes", publisher="Service des musées de France")
    written = feeds.files(load_corpus(project), site)
    parsed = feedparser.parse(written["flux/recommandations.atom"].encode("utf-8"))
    assert parsed.feed.updated == "2025-03-01T00:00:00Z"
    first = parsed.entries[0]  # newest first
    assert first.id == SITE_URL + "recommandations/SN2018-02/"
    assert first.updated == "2025-03-01T00:00:00Z" and first.published == "2018-10-05T00:00:00Z"
    assert "Recommandation retirée le 1er\u00a0mars\u00a02025\u00a0: Reprise par SN2018-01." in first.content[0].value
    assert written == feeds.files(load_corpus(project), site)


def test_data_strings_stay_text_in_the_feeds(tmp_path):
    """Markup in the data is escaped by construction: it reaches a reader as text, never as elements."""
    project = copy_project(tmp_path / "projet")
    path = project / RECS
    hostile = '<script>alert(1)</script> & <img src=x onerror=alert(2)>'
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Définir une stratégie numérique à l'échelle de l'établissement",
                                 f"title: '{hostile}'"), encoding="utf-8")
    written = feeds.files(load_corpus(project), SiteInfo(url=SITE_URL, name="Actes", publisher="SMF"))
    document = etree.fromstring(written["flux/recommandations.atom"].encode("utf-8"))
    assert not list(document.iter("{*}script")) and not list(document.iter("{*}img"))
    titles = [title.text for title in document.iter(f"{ATOM}title")]
    assert f"SN2018-01 : {hostile}" in titles


def test_the_recommendation_feeds_hold_the_newest_entries(corpus, monkeypatch):
    """A feed announces what is new: past its limit, the oldest recommendations leave it (never the open data)."""
    monkeypatch.setattr(feeds, "RECOMMENDATION_ENTRIES", 3)
    written = feeds.files(corpus, SiteInfo(url=SITE_URL, name="Actes", publisher="SMF"))
    parsed = feedparser.parse(written["flux/recommandations.atom"].encode("utf-8"))
    newest = sorted(corpus.recommendations.values(), key=lambda rec: (rec.updated, rec.id), reverse=True)[:3]
    assert [entry.id for entry in parsed.entries] == [SITE_URL + f"recommandations/{rec.id}/" for rec in newest]
    direction = feedparser.parse(written["flux/fonctions/direction-et-strategie.atom"].encode("utf-8"))
    assert len(direction.entries) == 3 < len(corpus.functions["direction-et-strategie"].recommendations)
