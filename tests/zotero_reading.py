"""What Zotero makes of a page and of each download, as its translators read them (zotero/translators:
Embedded Metadata.js, RIS.js, BibTeX.js, and Zotero's CSL-JSON import), reduced to the fields the
site gives. The project's tests compare these readings; the readings themselves were checked against
Zotero's own translation-server (see README, « Citing »): keep them in step with it.
"""

from __future__ import annotations

import re

import bibtexparser
import rispy

# Embedded Metadata.js: the Highwire tags that set the item type; the last one in the page wins.
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
# RIS.js import: the types the site uses.
RIS_TYPES = {"CPAPER": "conferencePaper", "CONF": "conferencePaper", "BOOK": "book"}
# BibTeX.js import.
BIBTEX_TYPES = {"inproceedings": "conferencePaper", "proceedings": "book", "book": "book"}
CSL_TYPES = {"paper-conference": "conferencePaper", "book": "book"}


def _fold(value: str) -> str:
    return " ".join(value.split())


def _short_title(title: str) -> str | None:
    """Zotero makes a short title of what precedes a colon, when it saves a page."""
    head, colon, _ = title.partition(":")
    return head.strip() if colon and head.strip() else None


def _person(inverted: str) -> dict:
    family, _, given = inverted.partition(",")
    return {"lastName": family.strip(), "firstName": given.strip()}


def _contributor(person: dict) -> dict:
    """A creator of another role than author (Zotero gives each its creatorType)."""
    return {**person, "creatorType": "contributor"}


def _item(item_type, title, creators, date, publisher, language, url, abstract, proceedings=None,
          conference=None, short_title=None) -> dict:
    item = {"itemType": item_type, "title": _fold(title), "creators": creators, "date": date,
            "publisher": _fold(publisher), "language": language, "url": url, "abstractNote": _fold(abstract)}
    if item_type == "conferencePaper":
        item["proceedingsTitle"] = proceedings and _fold(proceedings)
        item["conferenceName"] = conference and _fold(conference)
    if short_title:
        item["shortTitle"] = short_title
    return item


def from_page(soup) -> dict:
    """Embedded Metadata: Highwire first; without a Highwire type, the Dublin Core type (through its
    RDF import); without citation_author, the page's <meta name="author"> split as a person. With
    citation_author, the Dublin Core creators only change an author into an editor: a DC.contributor
    is not saved (checked with translation-server)."""
    tags = [(m["name"], m["content"]) for m in soup.select("meta[name][content]")]
    highwire = {}
    for name, content in tags:
        highwire.setdefault(name, []).append(content)
    item_type = None
    for name, _ in tags:
        item_type = HIGHWIRE_TYPES.get(name, item_type)
    if item_type is None:
        item_type = (highwire.get("DC.type") or ["journalArticle"])[0]
    creators = [_person(a) for a in highwire.get("citation_author", [])]
    if not creators:
        creators = [_person(a) for a in highwire.get("author", [])]
    title = highwire["citation_title"][0]
    return _item(item_type, title, creators, highwire["citation_publication_date"][0],
                 highwire["citation_publisher"][0], highwire["citation_language"][0],
                 highwire["citation_public_url"][0], (highwire.get("citation_abstract") or highwire["description"])[0],
                 proceedings=(highwire.get("citation_inbook_title") or [None])[0],
                 conference=(highwire.get("citation_conference_title") or [None])[0],
                 short_title=_short_title(title))


def attachments_from_page(soup, page_url: str) -> list[dict]:
    """Embedded Metadata: the file named by citation_pdf_url (« Full Text PDF »), else a snapshot of
    the page. (translation-server's JSON leaves attachments out: checked by printing them from it.)"""
    pdf = soup.select_one('meta[name="citation_pdf_url"][content]')
    if pdf is not None:
        return [{"title": "Full Text PDF", "url": pdf["content"], "mimeType": "application/pdf"}]
    return [{"title": "Snapshot", "url": page_url, "mimeType": "text/html"}]


def from_ris(text: str) -> dict:
    """RIS.js: for a conference paper T2 is the conference's name and C3 the proceedings' title."""
    [record] = rispy.loads(text)
    item_type = RIS_TYPES[record["type_of_reference"]]
    # A4 is a contributor (RIS.js); the site writes it for a round table's moderator and chair.
    creators = [_person(a) for a in record.get("authors", [])] + \
        [_contributor(_person(a)) for a in record.get("subsidiary_authors", [])]
    return _item(item_type, record["title"], creators, record["date"],
                 record["publisher"], record["language"], record["urls"][0], record["abstract"],
                 proceedings=record.get("custom3"), conference=record.get("secondary_title"),
                 short_title=record.get("short_title"))


def from_bibtex(text: str) -> dict:
    """BibTeX.js: booktitle is the proceedings' title, eventtitle the conference's name, language as is;
    of the creators, it reads author, editor and translator only (a contributor, written as biblatex's
    editora, is dropped: checked with translation-server)."""
    library = bibtexparser.parse_string(text)
    [entry] = library.entries
    fields = {field.key: _bibtex_unescape(field.value) for field in entry.fields}
    creators = [_person(a) for a in fields["author"].split(" and ")] if "author" in fields else []
    return _item(BIBTEX_TYPES[entry.entry_type], fields["title"], creators, fields["date"], fields["publisher"],
                 fields["language"], fields["url"], fields["abstract"], proceedings=fields.get("booktitle"),
                 conference=fields.get("eventtitle"), short_title=fields.get("shorttitle"))


def from_csl(item: dict) -> dict:
    """Zotero's CSL-JSON import keeps a raw date as it is (it formats date parts otherwise)."""
    issued = item["issued"]
    date = issued.get("raw") or "-".join(f"{part:02d}" for part in issued["date-parts"][0])
    creators = [{"lastName": a["family"], "firstName": a["given"]} for a in item.get("author", [])]
    creators += [_contributor({"lastName": a["family"], "firstName": a["given"]}) for a in item.get("contributor", [])]
    return _item(CSL_TYPES[item["type"]], item["title"], creators, date, item["publisher"], item["language"],
                 item["URL"], item["abstract"], proceedings=item.get("container-title"),
                 conference=item.get("event-title"), short_title=item.get("title-short"))


def _bibtex_unescape(value: str) -> str:
    """BibTeX.js reads « \\& » as « & » and « \\^{} » as « ^ » (the site escapes & % $ # _ { } ^ so; see
    test_hostile_round_two for what it makes of a backslash, a tilde and an unpaired brace)."""
    return re.sub(r"\\([&%$#_{}])", r"\1", value.replace("\\^{}", "^"))
