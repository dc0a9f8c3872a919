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
    assert rec["issued"] == {"date-parts": [[2018, 10, 5]]}


def test_every_ris_file_parses(site):
    for path in downloads(site, "ris"):
        records = rispy.loads(path.read_text(encoding="utf-8"))
        assert records, path.name
    record = rispy.loads((site.root / "citations/SN2018-03.ris").read_text(encoding="utf-8"))[0]
    assert record["type_of_reference"] == "CPAPER"
    assert record["authors"] == ["Chavanne, Blandine"]
    assert record["secondary_title"] == "La stratégie du numérique dans les musées"
    assert record["urls"] == [SITE_URL + REC]


def highwire(soup) -> list[tuple[str, str]]:
    return [(m["name"], m["content"]) for m in soup.select('meta[name^="citation_"]')]


def test_highwire_tags_are_what_zotero_maps_to_a_conference_paper(site, corpus):
    rec = corpus.recommendations["SN2018-03"]
    assert highwire(site.page(REC)) == [
        ("citation_title", "SN2018-03 : " + rec.model.title),
        ("citation_author", "Chavanne, Blandine"),
        ("citation_publication_date", "2018/10/05"),
        ("citation_conference_title", "La stratégie du numérique dans les musées"),
        ("citation_publisher", "Service des musées de France, direction générale des patrimoines, ministère de la Culture"),
        ("citation_language", "fr"),
        ("citation_abstract", rec.model.statement),
        ("citation_public_url", SITE_URL + REC),
    ]


@pytest.mark.parametrize("url", CITABLE)
def test_citable_pages_have_one_date_and_no_tag_that_misleads_zotero(site, url):
    names = [name for name, _ in highwire(site.page(url))]
    assert names.count("citation_publication_date") == 1
    assert not {"citation_date", "citation_online_date", "citation_conference", "citation_book_title",
                "citation_inbook_title"} & set(names)
    assert site.page(url).find("link", rel="canonical")["href"] == SITE_URL + url


def test_json_ld_and_dublin_core_equal_the_data(site, corpus):
    rec = corpus.recommendations["SN2018-03"]
    html = (site.root / REC / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=SITE_URL + REC, syntaxes=["json-ld", "dublincore"], uniform=True)
    [work] = data["json-ld"]
    assert work["@type"] == "CreativeWork"
    assert work["identifier"] == rec.id and work["name"] == f"{rec.id} : {rec.model.title}"
    assert work["isPartOf"]["@type"] == "Event"
    assert work["isPartOf"]["name"] == rec.day.model.title
    assert work["isPartOf"]["startDate"] == "2018-10-05"
    assert [a["familyName"] for a in work["author"]] == ["Chavanne"]
    dublin = {e["URI"].rsplit("/", 1)[-1]: e["content"] for e in data["dublincore"][0]["elements"]
              if e["name"].startswith("DC.")}
    assert dublin["title"] == work["name"] and dublin["creator"] == "Chavanne, Blandine"
    assert dublin["date"] == "2018-10-05" and dublin["identifier"] == SITE_URL + REC

    day_html = (site.root / DAY / "index.html").read_text(encoding="utf-8")
    [event] = extruct.extract(day_html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert event["@type"] == "Event" and event["name"] == rec.day.model.title
    assert [talk["name"] for talk in event["subEvent"]] == ["Conclusion de la journée"]
    assert event["subEvent"][0]["url"] == SITE_URL + TRANSCRIPT


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
