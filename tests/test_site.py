"""The real built site: links, anchors, cross-links both ways, fidelity, metadata."""

from __future__ import annotations

import copy
import hashlib
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from actes.convert import parse_transcript, plain_text
from conftest import ROOT, SITE_URL, as_written, broken_links, build, copy_project

TRANSCRIPT = "journees/2018-10-05-strategie-numerique/conclusion/"
DAY = "journees/2018-10-05-strategie-numerique/"
# Elements the site adds to a transcript's text: § links and links to recommendations.
ADDED_TO_TRANSCRIPT = ".actes-paragraphe, .actes-renvoi, .actes-renvoi-correction, .actes-tour-partie, .actes-lien-tour"


def words(text: str) -> list[str]:
    """The words of a text, compared without the page's typography."""
    return as_written(text).split()


def test_every_internal_link_and_fragment_resolves(site):
    assert broken_links(site) == []


def test_link_checker_sees_links(site):
    # Guards the test above against checking nothing.
    hrefs = [a["href"] for a in site.page(TRANSCRIPT).select("a[href]")]
    assert "#p4" in hrefs and "../../../recommandations/SN2018-01/" in hrefs


def test_nothing_is_loaded_from_a_third_party_host(site):
    loads = []
    for path in site.pages:
        for tag in site.soup(path).select("script[src], link[href], img[src], iframe[src], source[src]"):
            url = tag.get("src") or tag.get("href")
            # Not loads: the canonical address, and the Dublin Core namespace declaration.
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"], ["schema.DC"]):
                continue
            if urlsplit(url).netloc and not url.startswith(SITE_URL):
                loads.append(f"{path}: {url}")
    for css in site.root.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?(https?://[^)'\"]+)", css.read_text(encoding="utf-8")):
            loads.append(f"{css.name}: {url}")
    assert loads == []


def test_every_page_is_in_french(site):
    assert [p for p in site.pages if site.soup(p).html.get("lang") != "fr"] == []
    assert site.page("").find("input", {"name": "query"})["placeholder"] == "Rechercher"


@pytest.mark.parametrize("url", ["", "journees/", DAY, TRANSCRIPT, "recommandations/", "recommandations/SN2018-01/",
                                 "fonctions/", "fonctions/billetterie/", "a-propos/"])
def test_page_has_one_h1_and_a_canonical_permalink(site, url):
    page = site.page(url)
    assert len(page.select("article h1")) == 1
    assert page.find("link", rel="canonical")["href"] == SITE_URL + url


def test_every_recommendation_has_its_page_and_is_linked_both_ways(site, corpus):
    # The index lists the years; each year's page lists its recommendations.
    years = {a["href"] for a in site.page("recommandations/").select("article a[href]")}
    assert years == {f"{year}/" for year in corpus.recommendations_by_year} == {"2018/"}
    listed = {a["href"] for a in site.page("recommandations/2018/").select("article td:first-child a[href]")}
    assert listed == {f"../{rec.id}/" for rec in corpus.recommendations.values()}
    for rec in corpus.recommendations.values():
        page = site.page(f"recommandations/{rec.id}/")
        assert as_written(page.select_one("article h1").get_text(strip=True)) == as_written(rec.model.title)
        day = site.page(f"journees/{rec.day.slug}/")
        assert day.select_one(f'article a[href="../../recommandations/{rec.id}/"]'), rec.id
        # The recommendation page links back to its day, its functions and its passage.
        hrefs = {a["href"] for a in page.select("article a[href]")}
        assert f"../../journees/{rec.day.slug}/" in hrefs
        assert f"../../{TRANSCRIPT}#{rec.id}" in hrefs
        for function_id in rec.model.functions:
            assert f"../../fonctions/{function_id}/" in hrefs
            function_page = site.page(f"fonctions/{function_id}/")
            assert function_page.select_one(f'article a[href="../../recommandations/{rec.id}/"]'), (rec.id, function_id)


def test_function_pages_list_exactly_their_recommendations(site, corpus):
    for function in corpus.functions.values():
        links = {a["href"] for a in site.page(f"fonctions/{function.id}/").select("article a[href^='../../recommandations/']")}
        expected = {f"../../recommandations/{rec.id}/" for rec in corpus.recommendations.values()
                    if function.id in rec.model.functions}
        assert links == expected, function.id


def test_function_pages_link_to_the_paragraphs_that_mention_them(site):
    # The function page sums up each year; the year's page lists the paragraphs.
    years = site.page("fonctions/gestion-des-collections/").select("#passages ~ ul > li")
    assert [" ".join(li.get_text().split()) for li in years] == ["2018 : 2 paragraphes dans 1 transcription"]
    assert years[0].a["href"] == "2018/"
    year_page = site.page("fonctions/gestion-des-collections/2018/")
    assert year_page.h1.get_text() == "Gestion des collections\u00a0: passages de 2018"
    assert year_page.select_one('.actes-surtitre a[href="../"]')
    mentions = year_page.select_one("article ul > li")
    assert " ".join(mentions.get_text().split()) == \
        "Conclusion de la journée, La stratégie du numérique dans les musées : § 4, § 6"
    paragraphs = [a["href"] for a in mentions.select("a")][2:]
    assert paragraphs == [f"../../../{TRANSCRIPT}#p4", f"../../../{TRANSCRIPT}#p6"]
    transcript = site.page(TRANSCRIPT)
    assert "gestion des collections" in transcript.find(id="p4").get_text()
    assert "numérisation des collections" in transcript.find(id="p6").get_text()


def test_every_function_year_page_is_linked_from_its_function(site, corpus):
    for function in corpus.functions.values():
        linked = {a["href"] for a in site.page(f"fonctions/{function.id}/").select("#passages ~ ul > li > a")}
        assert linked == {f"{year}/" for year in function.mentions_by_year}, function.id
        for year in function.mentions_by_year:
            assert site.page(f"fonctions/{function.id}/{year}/").select("article ul > li"), (function.id, year)


def test_each_passage_is_marked_verbatim_under_its_anchor(site, corpus):
    transcript = site.page(TRANSCRIPT)
    for rec in corpus.recommendations.values():
        anchor = transcript.find(id=rec.id)
        assert anchor is not None and anchor.name == "mark"
        marked = "".join(m.get_text() for m in transcript.select(f'mark[data-recommandation="{rec.id}"]'))
        assert words(marked) == words(plain_text(rec.model.passage))
        paragraph = anchor.find_parent(["p", "li"])
        assert paragraph["id"] == f"p{rec.paragraph}"
        assert paragraph.select_one(f'a.actes-renvoi[href="../../../recommandations/{rec.id}/"]')


def test_every_transcript_paragraph_has_a_numbered_anchor(site):
    paragraphs = site.page(TRANSCRIPT).select(".actes-transcription p, .actes-transcription li")
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, len(paragraphs) + 1)]
    assert [p.select_one(".actes-paragraphe")["href"] for p in paragraphs] == [f"#p{n}" for n in range(1, 8)]


def test_transcript_keeps_every_word_in_order(site):
    """The rendered words equal the source's, minus the removed layout artifacts and markup."""
    source = (ROOT / "data/journees/2018-10-05-strategie-numerique/sources/conclusion.txt").read_text(encoding="utf-8")
    artifact_lines = {number for number, _ in parse_transcript(source).artifacts}
    expected = []
    for number, line in enumerate(source.split("\n"), start=1):
        if number in artifact_lines:
            continue
        line = re.sub(r"^\s*(#+|-\s+\d+\))\s*", "", line)  # heading and list markers are markup
        expected += words(line.replace("*", ""))

    article = copy.copy(site.page(TRANSCRIPT).select_one("article"))  # the session's page stays whole
    for added in article.select(f"{ADDED_TO_TRANSCRIPT}, ins.actes-correction"):  # as converted
        added.decompose()
    rendered = words(article.select_one("h1").get_text(" ")) + words(article.select_one(".actes-intervenant").get_text(" "))
    rendered += words(article.select_one(".actes-transcription").get_text())
    assert rendered == expected


def test_corrections_are_the_only_change_to_the_words_and_are_shown(site, corpus):
    """Read without the corrections' insertions, a paragraph is the converted text; read without
    their deletions, it is that text with each correction applied, and nothing else."""
    entry = corpus.transcripts_by_uri["journees/2018-10-05-strategie-numerique/conclusion.md"]
    assert entry.corrections, "the 2018 day has one correction (data/…/corrections.yml)"
    page = site.page(TRANSCRIPT)
    for number, block in enumerate(entry.transcript.paragraphs, start=1):
        paragraph = copy.copy(page.find(id=f"p{number}"))
        for added in paragraph.select(ADDED_TO_TRANSCRIPT):
            added.decompose()
        as_converted, as_corrected = copy.copy(paragraph), copy.copy(paragraph)
        for element in as_converted.select("ins.actes-correction"):
            element.decompose()
        for element in as_corrected.select("del.actes-correction"):
            element.decompose()
        assert words(as_converted.get_text()) == words(block.plain)
        corrected = block.plain
        for correction in (c for c in entry.corrections if c.model.paragraph == number):
            assert corrected.count(correction.before) == 1
            corrected = corrected.replace(correction.before, correction.after)
        assert words(as_corrected.get_text()) == words(corrected)
    for correction in entry.corrections:
        note = page.find(id=f"{correction.anchor}-note")
        assert " ".join(words(correction.model.reason)) in " ".join(words(note.get_text()))
        assert page.find(id=correction.anchor).name == "del"
        day = site.page("journees/2018-10-05-strategie-numerique/")
        assert day.select_one(f'#corrections ~ ul a[href="conclusion/#{correction.anchor}"]')


def test_no_running_header_or_page_number_is_left(site, corpus):
    source = (ROOT / "data/journees/2018-10-05-strategie-numerique/sources/conclusion.txt").read_text(encoding="utf-8")
    header = " ".join(line.lstrip("# ") for _, line in parse_transcript(source).artifacts[:3])
    assert header == "Journée professionnelle La stratégie du numérique dans les musées 5 octobre 2018"
    for path in site.pages:
        for block in site.soup(path).select(".actes-transcription, .actes-citation"):
            text = " ".join(block.get_text(" ").split())
            assert "Journée professionnelle" not in text, path
            assert "5 octobre 2018" not in text, path
            assert not re.search(r"(?:^|\s)(?:Page \d+ sur \d+|\d+/\d+|- \d+ -)(?:\s|$)", text), path


def test_days_are_listed_newest_first_with_their_recommendation_count(site, corpus):
    home = site.page("")
    days = [a["href"] for a in home.select("#journees + ul a")]
    assert days == [f"journees/{day.slug}/" for day in corpus.days]
    assert "8\u00a0recommandations" in home.select_one("#journees + ul").get_text()


def test_day_page_shows_metadata_interventions_and_links_its_transcript(site):
    page = site.page(DAY)
    text = page.select_one("article").get_text(" ")
    assert "5\u00a0octobre\u00a02018" in text
    assert "Service des musées de France, direction générale des patrimoines, ministère de la Culture" in text
    assert "Mme Blandine Chavanne, cheffe du Service des musées de France par intérim" in text
    assert page.select_one('article a[href="conclusion/"]').get_text(strip=True) == "Conclusion de la journée"
    assert site.page(TRANSCRIPT).select_one('.actes-surtitre a[href="../"]')


def test_navigation_groups_days_by_year(site):
    nav = site.page(DAY).select_one("nav.md-nav--primary")
    labels = [label.get_text(" ", strip=True) for label in nav.select("label.md-nav__link")]
    assert "2018" in labels


def test_every_page_has_one_h1_a_unique_title_and_its_landmarks(site):
    titles = {}
    for path in site.pages:
        soup = site.soup(path)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect page
        assert len(soup.select("h1")) == 1, path
        assert soup.select_one("header.md-header") and soup.select_one("main") and soup.select_one("footer"), path
        assert soup.select_one("nav[aria-label]"), path
        titles.setdefault(soup.title.get_text(strip=True), []).append(path)
    assert {title: paths for title, paths in titles.items() if len(paths) > 1} == {}


def test_every_page_links_to_the_accessibility_statement_from_its_footer(site):
    for path in site.pages:
        links = [a for a in site.soup(path).select("footer .md-copyright a")
                 if a.get_text() == "Accessibilité\u00a0: non conforme"]
        assert len(links) == 1, path
        assert site.resolve(path, links[0]["href"]) == ("accessibilite/index.html", ""), path


def test_accessibility_statement_has_the_rgaa_sections(site):
    headings = [as_written(h.get_text(strip=True)) for h in site.page("accessibilite/").select("article h2")]
    assert headings[:2] == ["État de conformité", "Résultats des tests"]
    assert {"Retour d'information et contact", "Voies de recours", "Établissement de cette déclaration"} <= set(headings)
    assert "non conforme" in site.page("accessibilite/").select_one("#etat-de-conformite + p").get_text()


def test_accessibility_statement_gives_a_means_of_contact_and_the_defenseur_des_droits_links(site):
    """RGAA's model: a way to reach the service (here by post), and the Défenseur des droits' form
    and regional delegates as links."""
    page = site.page("accessibilite/")
    contact = page.select_one("#contact").find_next("ul").get_text(" ", strip=True)
    assert re.search(r"par courrier\s*: .*\b75\d{3} Paris", contact, re.S), contact
    hrefs = [a["href"] for a in page.select("#voies-de-recours ~ ul a")]
    assert hrefs == ["https://formulaire.defenseurdesdroits.fr/", "https://www.defenseurdesdroits.fr/saisir/delegues"]


def test_an_edited_template_is_compiled_afresh_despite_the_template_cache(tmp_path):
    # The theme's compiled templates are cached between builds (hooks/template_filters.py), under the
    # template's name and path: the same project is built, its template edited, and built again.
    project = copy_project(tmp_path / "projet")
    first = build(project, tmp_path / "site-1")
    assert first.returncode == 0, first.stderr
    assert "Pied de page modifié" not in (tmp_path / "site-1/index.html").read_text(encoding="utf-8")
    footer = project / "overrides/partials/copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</div>", "<p>Pied de page modifié</p></div>", 1),
                      encoding="utf-8")
    second = build(project, tmp_path / "site-2")
    assert second.returncode == 0, second.stderr
    assert "Pied de page modifié" in (tmp_path / "site-2/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode, written", [(0o700, True), (0o777, False)])
def test_preview_pages_are_backed_by_files_only_in_a_private_folder(tmp_path, mode, written):
    # `make serve` (ACTES_INCREMENTAL=1) backs generated pages with files in the temporary folder;
    # a folder another user could write to is never built from: the pages then stay in memory.
    project = copy_project(tmp_path / "projet")
    temporary = tmp_path / "tmp"
    key = hashlib.sha256(str(project / "mkdocs.yml").encode()).hexdigest()[:12]
    pages = temporary / f"actes-pages-{key}"
    pages.mkdir(parents=True)
    pages.chmod(mode)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTES_INCREMENTAL": "1", "TMPDIR": str(temporary)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
                             "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (pages / "recommandations/SN2018-01.md").is_file() is written
    assert "Co-construire" in (tmp_path / "site/recommandations/SN2018-05/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "marked"), [
    ("recommandations/SN2018-03/", ["Recommandations"]),
    ("recommandations/2018/", ["Recommandations"]),
    ("fonctions/billetterie/2018/", ["Fonctions du musée", "Billetterie"]),
    ("a-propos/", ["À propos"]),
])
def test_the_navigation_marks_the_entry_a_page_belongs_to(site, path, marked):
    """A page the navigation does not list (a recommendation, a year) marks the entry it belongs to,
    and only that one: the entry marked for a page is not left marked for the next."""
    nav = site.page(path).select_one("nav.md-nav--primary")
    active = nav.select("li.md-nav__item--active > a, li.md-nav__item--active > div > a")
    assert [a.get_text(" ", strip=True) for a in active] == marked


def test_every_page_is_set_in_french_typography(site):
    """No breakable space before « : ; ! ? » and no straight apostrophe between letters in the text
    of any page (code, scripts and styles aside): the typography is the site's, the words the
    sources' (test_transcript_keeps_every_word_in_order)."""
    wrong, texts = [], {}
    for path in [*site.pages, "404.html"]:
        soup = BeautifulSoup((site.root / path).read_text(encoding="utf-8"), "lxml").body  # not the shared one
        for verbatim in soup.select("script, style, pre, code, kbd, samp, textarea"):
            verbatim.decompose()
        texts[path] = soup.get_text()
        wrong += [(path, m.group()) for m in re.finditer(r".{0,12}(?: [:;!?]|(?<=[^\W\d_])'(?=[^\W\d_])).{0,3}",
                                                          texts[path])]
    assert wrong == []
    assert "chef d’établissement" in texts["recommandations/SN2018-02/index.html"]
