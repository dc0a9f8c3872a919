"""Citations: downloads parsed by real parsers, head metadata read back and compared to the data."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import extruct
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

import zotero_reading
from conftest import SITE_URL

REC = "recommandations/SN2018-03/"
DAY = "journees/2018-10-05-strategie-numerique/"
TRANSCRIPT = DAY + "conclusion/"
CITABLE = [REC, DAY, TRANSCRIPT]


def downloads(site, extension):
    """Every download of one format: one per day, intervention and recommendation, and the whole corpus."""
    files = sorted((site.root / "citations").glob(f"*.{extension}"))
    assert len(files) == 1 + 1 + 8 + 1
    return files


def test_every_bibtex_file_parses(site, corpus):
    files = downloads(site, "bib")
    for path in files:
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        assert library.failed_blocks == [], path.name
        assert library.entries, path.name
    whole = bibtexparser.parse_string((site.root / "citations/actes.bib").read_text(encoding="utf-8"))
    entry = whole.entries_dict["SN2018-03"]
    assert entry.entry_type == "inproceedings"
    assert entry["author"] == "Chavanne, Blandine"
    assert entry["title"] == "SN2018-03 : Penser le numérique dans toutes les fonctions du musée"
    assert entry["booktitle"] == "La stratégie du numérique dans les musées"
    assert entry["url"] == SITE_URL + REC
    assert len(whole.entries) == 1 + 1 + len(corpus.recommendations)


@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_every_csl_json_item_renders_in_a_french_style(site):
    import citeproc

    style_path = next((Path(citeproc.DATA_PATH) / "styles").glob("*.csl"))
    for path in downloads(site, "json"):
        items = json.loads(path.read_text(encoding="utf-8"))
        bibliography = CitationStylesBibliography(CitationStylesStyle(str(style_path), locale="fr-FR", validate=False),
                                                  CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == len(items), path.name
        for item in items:  # each item's title, and its year, in the rendered bibliography
            assert any(item["title"] in text and "2018" in text for text in rendered), (path.name, item["title"])
    rec = json.loads((site.root / "citations/SN2018-03.json").read_text(encoding="utf-8"))[0]
    assert rec["type"] == "paper-conference"
    assert rec["author"] == [{"family": "Chavanne", "given": "Blandine"}]
    assert rec["container-title"] == "La stratégie du numérique dans les musées"
    assert rec["issued"] == {"date-parts": [[2018, 10, 5]], "raw": "2018-10-05"}


def test_every_ris_file_parses(site):
    for path in downloads(site, "ris"):
        records = rispy.loads(path.read_text(encoding="utf-8"))
        assert records, path.name
    record = rispy.loads((site.root / "citations/SN2018-03.ris").read_text(encoding="utf-8"))[0]
    assert record["type_of_reference"] == "CPAPER"
    assert record["authors"] == ["Chavanne, Blandine"]
    assert record["secondary_title"] == record["custom3"] == "La stratégie du numérique dans les musées"
    assert record["urls"] == [SITE_URL + REC]


def highwire(soup) -> list[tuple[str, str]]:
    return [(m["name"], m["content"]) for m in soup.select('meta[name^="citation_"]')]


def test_highwire_tags_are_what_zotero_maps_to_a_conference_paper(site, corpus):
    rec = corpus.recommendations["SN2018-03"]
    assert highwire(site.page(REC)) == [
        ("citation_title", "SN2018-03 : " + rec.model.title),
        ("citation_author", "Chavanne, Blandine"),
        ("citation_publication_date", "2018-10-05"),
        # The proceedings' title, then (last of the type-setting tags) the conference: a conference paper.
        ("citation_inbook_title", "La stratégie du numérique dans les musées"),
        ("citation_conference_title", "La stratégie du numérique dans les musées"),
        ("citation_publisher", "Service des musées de France, direction générale des patrimoines, ministère de la Culture"),
        ("citation_language", "fr"),
        ("citation_abstract", rec.model.statement),
        ("citation_public_url", SITE_URL + REC),
    ]


@pytest.mark.parametrize("url", CITABLE)
def test_citable_pages_have_one_date_and_no_tag_that_misleads_zotero(site, url):
    page = site.page(url)
    names = [name for name, _ in highwire(page)]
    assert names.count("citation_publication_date") == 1
    assert not {"citation_date", "citation_online_date", "citation_conference", "citation_book_title"} & set(names)
    types = [name for name in names if name in zotero_reading.HIGHWIRE_TYPES]
    assert types in ([], ["citation_inbook_title", "citation_conference_title"])  # the last one sets the type
    assert page.find("meta", attrs={"name": "author"}) is None  # Zotero would split it as a person's name
    assert page.find("link", rel="canonical")["href"] == SITE_URL + url


def zotero_items(site, url: str, key: str) -> dict[str, dict]:
    """The item Zotero makes of a citable page by every route: saving the page, importing each download."""
    return {
        "page": zotero_reading.from_page(site.page(url)),
        "ris": zotero_reading.from_ris((site.root / f"citations/{key}.ris").read_text(encoding="utf-8")),
        "bib": zotero_reading.from_bibtex((site.root / f"citations/{key}.bib").read_text(encoding="utf-8")),
        "json": zotero_reading.from_csl(json.loads((site.root / f"citations/{key}.json").read_text(encoding="utf-8"))[0]),
    }


ORGANISER = "Service des musées de France, direction générale des patrimoines, ministère de la Culture"
CHAVANNE = [{"lastName": "Chavanne", "firstName": "Blandine"}]


def test_zotero_gets_the_same_recommendation_by_every_route(site, corpus):
    rec = corpus.recommendations["SN2018-03"]
    expected = {"itemType": "conferencePaper", "title": f"SN2018-03 : {rec.model.title}", "shortTitle": "SN2018-03",
                "creators": CHAVANNE, "date": "2018-10-05", "publisher": ORGANISER, "language": "fr",
                "url": SITE_URL + REC, "abstractNote": rec.model.statement,
                "proceedingsTitle": rec.day.model.title, "conferenceName": rec.day.model.title}
    assert zotero_items(site, REC, "SN2018-03") == dict.fromkeys(("page", "ris", "bib", "json"), expected)


def test_zotero_gets_the_same_intervention_by_every_route(site, corpus):
    items = zotero_items(site, TRANSCRIPT, "2018-10-05-strategie-numerique-conclusion")
    page = items["page"]
    assert all(item == page for item in items.values()), items
    assert page["itemType"] == "conferencePaper" and page["creators"] == CHAVANNE and "shortTitle" not in page
    assert page["proceedingsTitle"] == page["conferenceName"] == "La stratégie du numérique dans les musées"
    assert page["abstractNote"].startswith("Au terme de ces riches échanges") and page["abstractNote"].endswith(" …")


def test_zotero_gets_the_day_as_a_book_without_a_made_up_author(site):
    items = zotero_items(site, DAY, "2018-10-05-strategie-numerique")
    assert all(item == items["page"] for item in items.values()), items
    assert items["page"] == {
        "itemType": "book", "title": "La stratégie du numérique dans les musées", "creators": [],
        "date": "2018-10-05", "publisher": ORGANISER, "language": "fr", "url": SITE_URL + DAY,
        "abstractNote": "Journée professionnelle du 5 octobre 2018. Organisation : " + ORGANISER
                        + ". Actes : 1 intervention transcrite et 8 recommandations."}


def test_zotero_attaches_the_day_s_pdf_when_it_saves_the_day_page(site, corpus):
    """The day's page names its PDF (citation_pdf_url): Zotero saves the same book with the PDF
    attached; other pages keep their snapshot."""
    for day in corpus.days:
        url = f"journees/{day.slug}/"
        [attachment] = zotero_reading.attachments_from_page(site.page(url), SITE_URL + url)
        assert attachment["title"] == "Full Text PDF" and attachment["mimeType"] == "application/pdf"
        assert attachment["url"] == f"{SITE_URL}donnees/actes/{day.slug}.pdf"
        assert (site.root / attachment["url"].removeprefix(SITE_URL)).read_bytes().startswith(b"%PDF-")
    for url in (REC, DAY + "conclusion/"):
        [attachment] = zotero_reading.attachments_from_page(site.page(url), SITE_URL + url)
        assert attachment["title"] == "Snapshot"


def test_json_ld_and_dublin_core_equal_the_data(site, corpus):
    rec = corpus.recommendations["SN2018-03"]
    html = (site.root / REC / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=SITE_URL + REC, syntaxes=["json-ld", "dublincore"], uniform=True)
    [work] = data["json-ld"]
    assert work["@type"] == "CreativeWork"
    assert work["identifier"] == rec.id and work["name"] == f"{rec.id} : {rec.model.title}"
    assert work["isPartOf"]["@type"] == "Book" and work["isPartOf"]["name"] == rec.day.model.title
    assert work["isPartOf"]["url"] == SITE_URL + DAY
    assert work["isPartOf"]["recordedAt"]["@type"] == "Event"
    assert work["isPartOf"]["recordedAt"]["startDate"] == "2018-10-05"
    assert [a["familyName"] for a in work["author"]] == ["Chavanne"]
    assert work["abstract"] == rec.model.statement
    dublin = {e["URI"].rsplit("/", 1)[-1]: e["content"] for e in data["dublincore"][0]["elements"]
              if e["name"].startswith("DC.")}
    assert dublin["title"] == work["name"] and dublin["creator"] == "Chavanne, Blandine"
    assert dublin["date"] == "2018-10-05" and dublin["identifier"] == SITE_URL + REC
    assert dublin["description"] == rec.model.statement
    assert site.page(REC).find("meta", attrs={"name": "DC.type"})["content"] == "conferencePaper"
    assert site.page(DAY).find("meta", attrs={"name": "DC.type"})["content"] == "book"  # what makes it a book

    day_html = (site.root / DAY / "index.html").read_text(encoding="utf-8")
    [book] = extruct.extract(day_html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert book["@type"] == "Book" and book["name"] == rec.day.model.title
    assert book["recordedAt"]["@type"] == "Event" and book["publisher"]["name"] == ORGANISER
    assert [talk["name"] for talk in book["recordedAt"]["subEvent"]] == ["Conclusion de la journée"]
    assert [part["url"] for part in book["hasPart"]] == [SITE_URL + TRANSCRIPT]


def test_suggested_citation_in_french_on_every_citable_page(site):
    text = " ".join(site.page(REC).select_one("[data-actes-citation]").get_text().split())
    assert text == ("CHAVANNE, Blandine. « SN2018-03 : Penser le numérique dans toutes les fonctions du musée ». "
                    "In : La stratégie du numérique dans les musées, journée professionnelle, 5 octobre 2018. "
                    "Service des musées de France, direction générale des patrimoines, ministère de la Culture, 2018. "
                    f"[en ligne]. Disponible sur : {SITE_URL}{REC} (consulté le [date]).")
    for url in CITABLE:
        section = site.page(url).select_one(".actes-citer")
        assert section.select_one("button[data-actes-copier]").get_text() == "Copier la citation"
        hrefs = [a["href"] for a in section.select("a[download]")]
        assert len(hrefs) == 6 and all(h.split("/")[-1].endswith((".bib", ".ris", ".json")) for h in hrefs)


def test_the_zotero_reading_catches_a_site_wide_author_and_a_late_type_tag():
    """The reading can fail: it makes of a site-wide author a person, and the last type tag wins."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        '<meta name="author" content="Service des musées de France">'
        '<meta name="citation_title" content="Actes"><meta name="citation_publication_date" content="2018-10-05">'
        '<meta name="citation_conference_title" content="Journée"><meta name="citation_inbook_title" content="Actes">'
        '<meta name="citation_publisher" content="SMF"><meta name="citation_language" content="fr">'
        '<meta name="citation_public_url" content="http://x/"><meta name="description" content="Résumé">', "lxml")
    item = zotero_reading.from_page(page)
    assert item["itemType"] == "bookSection"
    assert item["creators"] == [{"lastName": "Service des musées de France", "firstName": ""}]
    assert item["abstractNote"] == "Résumé"


def test_every_page_has_its_own_description_and_cards(site):
    seen = {}
    for path in site.pages:
        page = site.soup(path)
        if page.find("meta", attrs={"http-equiv": "refresh"}) or path == "404.html":
            continue
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description and description not in seen, (path, seen.get(description))
        seen[description] = path
        cards = {m.get("property") or m.get("name"): m["content"] for m in page.select('meta[property^="og:"], meta[name^="twitter:"]')}
        assert cards["og:description"] == cards["twitter:description"] == description, path
        assert cards["og:title"] == cards["twitter:title"] == page.title.get_text().rsplit(" - ", 1)[0], path
        assert cards["og:url"] == page.find("link", rel="canonical")["href"] and cards["og:locale"] == "fr_FR"
    rec = site.page(REC)
    assert rec.find("meta", attrs={"name": "description"})["content"].startswith("Le numérique est présent")
    assert site.soup("404.html").title.get_text() == "Page introuvable - Actes des journées professionnelles des musées"
