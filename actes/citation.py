"""Bibliographic records of citable items: one model, from which every format is written (ISO 690
text, Highwire and Dublin Core tags, schema.org JSON-LD, BibTeX, RIS, CSL-JSON). The downloads
under /citations/ are written by actes.outputs.citations.

What each item is, as Zotero stores it (checked with Zotero's own translation-server, by saving
the page and by importing each file):

- a day is a proceedings volume: a `book`, with no creator (its organiser is its publisher, never
  split as a person's name; editors only if the data names them, which it does not yet);
- an intervention or a recommendation is a `conferencePaper` of that volume, by the intervention's
  speakers: its proceedings title and its conference name are the day's title;
- every item has its title, date (ISO), publisher, language « fr », URL and an abstract: the
  recommendation's statement, the transcript's opening, the day's summary;
- a short title is what precedes a colon in the title, as Zotero itself makes one when it saves a
  page: a recommendation's is its id (« SN2018-03 »), which is how it is cited aloud.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from actes.corpus import Corpus, Day, RecommendationEntry, TranscriptEntry
from actes.descriptions import day_summary, transcript_opening
from actes.french import long_date
from actes.people import speaking
from actes.urls import file_url, page_url, proceedings_path

LANGUAGE = "fr"


@dataclass(frozen=True)
class Author:
    family: str
    given: str

    @property
    def inverted(self) -> str:
        """« Chavanne, Blandine » (Highwire, BibTeX, RIS)."""
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}" if self.given else self.family


@dataclass(frozen=True)
class Reference:
    """What a reference manager needs to know of one citable item."""

    key: str  # stable: a recommendation id, a day slug, or <day slug>-<intervention id>
    kind: str  # "journee", "intervention", "recommandation"
    title: str
    url: str
    date: datetime.date
    conference: str  # the day's title: the proceedings' title and the conference's name
    event_kind: str  # « Journée professionnelle »
    publisher: str  # the organiser, as the source names it
    abstract: str
    authors: tuple[Author, ...] = ()
    # A round table's moderator and chair: Zotero's « contributor » (by the page's DC.contributor,
    # RIS A4 and CSL-JSON; its BibTeX import reads no such role: biblatex's editora is written as
    # Zotero itself exports it).
    contributors: tuple[Author, ...] = ()
    # The speaker turns of a transcript: (anchor URL, label as printed, speaker's name, their page's URL).
    turns: tuple[tuple[str, str, str | None, str | None], ...] = field(default=(), compare=False)
    identifier: str | None = None  # a recommendation's id
    part_of_url: str | None = None  # the day's page
    talks: tuple["Reference", ...] = field(default=(), compare=False)
    pdf_url: str | None = None  # a day's printable proceedings (Zotero attaches it when it saves the page)
    status: str | None = None

    @property
    def is_proceedings(self) -> bool:
        return self.kind == "journee"

    @property
    def zotero_type(self) -> str:
        """The item type every route gives in Zotero."""
        return "book" if self.is_proceedings else "conferencePaper"

    @property
    def proceedings_title(self) -> str | None:
        return None if self.is_proceedings else self.conference

    @property
    def short_title(self) -> str | None:
        """What precedes a colon in the title, as Zotero makes it from a page's title."""
        head, colon, _ = self.title.partition(":")
        return head.strip() if colon and head.strip() else None

    def iso690(self, consulted: datetime.date | None = None) -> str:
        """The suggested citation, ISO 690 in French. `consulted` None leaves « [date] » to fill in."""
        seen = long_date(consulted) if consulted else "[date]"
        where = f"{self.event_kind.lower()}, {long_date(self.date)}"
        if self.is_proceedings:
            return (f"{self.publisher}. {self.title} [en ligne]. {self.event_kind}, {long_date(self.date)}. "
                    f"Disponible sur\u00a0: {self.url} (consulté le {seen}).")
        names = " ; ".join(f"{a.family.upper()}, {a.given}" if a.given else a.family.upper() for a in self.authors)
        names = f"{names}. " if names else ""
        return (f"{names}«\u00a0{self.title}\u00a0». In\u00a0: {self.conference}, {where}. {self.publisher}, "
                f"{self.date.year}. [en ligne]. Disponible sur\u00a0: {self.url} (consulté le {seen}).")

    def csl(self) -> dict:
        """CSL-JSON. The date is given as date parts (for citation processors) and raw (Zotero keeps the
        raw ISO date, as from the page and the other files). Spaces are folded, no-break ones too, as
        Zotero folds them when it saves a page; every text goes through _csl_text."""
        item = {
            "id": self.key,
            "type": "book" if self.is_proceedings else "paper-conference",
            "title": _csl_text(self.title),
        }
        if self.short_title:
            item["title-short"] = _csl_text(self.short_title)
        if not self.is_proceedings:
            item["author"] = [{"family": _csl_text(a.family), "given": _csl_text(a.given)} for a in self.authors]
            if self.contributors:
                item["contributor"] = [{"family": _csl_text(a.family), "given": _csl_text(a.given)}
                                       for a in self.contributors]
            item["container-title"] = _csl_text(self.proceedings_title)
            item["event-title"] = _csl_text(self.conference)
        item.update({
            "publisher": _csl_text(self.publisher),
            "issued": {"date-parts": [[self.date.year, self.date.month, self.date.day]], "raw": self.date.isoformat()},
            "URL": self.url,
            "language": LANGUAGE,
            "abstract": _csl_text(self.abstract),
        })
        return item

    def bibtex(self) -> str:
        """biblatex: @proceedings for a day (Zotero: book), @inproceedings for its parts."""
        fields = [("title", self.title)]
        if self.short_title:
            fields.append(("shorttitle", self.short_title))
        if not self.is_proceedings:
            if self.authors:
                fields.append(("author", " and ".join(a.inverted for a in self.authors)))
            if self.contributors:
                fields += [("editora", " and ".join(a.inverted for a in self.contributors)),
                           ("editoratype", "collaborator")]
            fields += [("booktitle", self.proceedings_title), ("eventtitle", self.conference)]
        fields += [
            ("publisher", self.publisher),
            ("date", self.date.isoformat()),
            ("year", str(self.date.year)),
            ("month", str(self.date.month)),
            ("url", self.url),
            # Zotero imports `language` as it reads it: « fr », as by every other route.
            ("language", LANGUAGE),
            ("abstract", self.abstract),
        ]
        entry_type = "proceedings" if self.is_proceedings else "inproceedings"
        body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
        return f"@{entry_type}{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        """BOOK for a day; CPAPER for its parts, with the proceedings' title (C3) and the conference (T2)."""
        lines = [("TY", "BOOK" if self.is_proceedings else "CPAPER")]
        lines += [("AU", a.inverted) for a in self.authors]
        lines += [("A4", a.inverted) for a in self.contributors]
        lines += [("TI", self.title)]
        if self.short_title:
            lines += [("ST", self.short_title)]
        if not self.is_proceedings:
            lines += [("C3", self.proceedings_title), ("T2", self.conference)]
        lines += [
            ("PY", str(self.date.year)),
            ("DA", self.date.isoformat()),
            ("PB", self.publisher),
            ("UR", self.url),
            ("LA", LANGUAGE),
            ("AB", self.abstract),
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {_fold(value)}\n" for tag, value in lines)

    def jsonld(self) -> dict:
        """schema.org: a day is a Book recorded at its Event (its talks as sub-events); an intervention
        or a recommendation is a CreativeWork, part of that Book."""
        event = {"@type": "Event", "name": self.conference, "startDate": self.date.isoformat(),
                 "organizer": {"@type": "Organization", "name": self.publisher}}
        publisher = {"@type": "Organization", "name": self.publisher}
        if self.is_proceedings:
            event["subEvent"] = [{"@type": "Event", "name": talk.title, "url": talk.url,
                                  "startDate": self.date.isoformat(),
                                  "performer": [{"@type": "Person", "name": a.name}
                                                for a in talk.authors]}
                                 for talk in self.talks]
            return {"@context": "https://schema.org", "@type": "Book", "name": self.title, "url": self.url,
                    "inLanguage": LANGUAGE, "datePublished": self.date.isoformat(), "publisher": publisher,
                    "abstract": self.abstract, "recordedAt": event,
                    "hasPart": [{"@type": "CreativeWork", "name": talk.title, "url": talk.url} for talk in self.talks]}
        people = [{"@type": "Person", "familyName": a.family, "givenName": a.given, "name": a.name}
                  for a in self.authors]
        data = {"@context": "https://schema.org", "@type": "CreativeWork", "name": self.title, "url": self.url,
                "inLanguage": LANGUAGE, "author": people}
        if self.contributors:
            data["contributor"] = [{"@type": "Person", "familyName": a.family, "givenName": a.given, "name": a.name}
                                   for a in self.contributors]
        data |= {"datePublished": self.date.isoformat(), "publisher": publisher, "abstract": self.abstract,
                 "isPartOf": {"@type": "Book", "name": self.proceedings_title, "url": self.part_of_url,
                              "recordedAt": event}}
        if self.turns:
            # Each turn, with who speaks (schema.org's quotation within the work, said by a person).
            data["hasPart"] = [{"@type": "Quotation", "url": url, "name": label,
                                **({"spokenByCharacter": {"@type": "Person", "name": name, "url": page}} if name else {})}
                               for url, label, name, page in self.turns]
        if self.short_title:
            data["alternativeHeadline"] = self.short_title
        if self.identifier:
            data["identifier"] = self.identifier
        if self.status:
            data["creativeWorkStatus"] = self.status
        return data


# BibTeX reads these as markup; each is written as LaTeX writes the character itself (Zotero's own
# BibTeX export uses the same forms). Braces: « \{ » and « \} » when they pair up, which Zotero
# imports as the braces themselves; an unpaired one as a command in braces, since BibTeX counts every
# brace, escaped or not, to find where a field ends (an unpaired « \} » would end the field early and
# let the rest of the title write fields of its own).
_BIBTEX_COMMANDS = {"\\": "{\\textbackslash}", "~": "\\~{}", "^": "\\^{}", "&": "\\&", "%": "\\%",
                    "$": "\\$", "#": "\\#", "_": "\\_", "{": "\\{", "}": "\\}"}
_UNPAIRED_BRACES = {"{": "{\\textbraceleft}", "}": "{\\textbraceright}"}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_COMMANDS)) + "]")


def _fold(value: str) -> str:
    """One line, every run of white space (no-break spaces included) one space."""
    return " ".join(value.split())


# The tags CSL processors (citeproc-js, in Zotero and elsewhere) read as formatting in any text of a
# CSL-JSON record, which has no way of escaping them: a word joiner (U+2060, invisible, no width)
# after the « < » keeps such a tag, written in the data or a source, as the text it is.
_CSL_RICH_TEXT_TAG = re.compile(r"<(?=\s*/?\s*(?:i|b|sc|sup|sub|span)\b[^>]*>)", re.IGNORECASE)


def _csl_text(value: str) -> str:
    """A text of a CSL-JSON record: on one line, never read as formatting."""
    return _CSL_RICH_TEXT_TAG.sub("<\u2060", _fold(value))


def _braces_pair(value: str) -> bool:
    depth = 0
    for character in value:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def _bibtex_escape(value: str) -> str:
    """A field's value, on one line, that BibTeX reads as this text and nothing else."""
    commands = _BIBTEX_COMMANDS if _braces_pair(value) else {**_BIBTEX_COMMANDS, **_UNPAIRED_BRACES}
    return _BIBTEX_SPECIAL.sub(lambda match: commands[match.group()], _fold(value))


def _author(person) -> Author:
    """A speaker (actes.model.Speaker) or a person (actes.people.PersonEntry) as a name."""
    return Author(person.family, person.given or "")


def _authors(entry: TranscriptEntry) -> tuple[Author, ...]:
    """An intervention's authors: its speakers (not its moderator or chair, unless no one else speaks)."""
    return tuple(_author(s) for s in speaking(entry))


def _contributors(entry: TranscriptEntry) -> tuple[Author, ...]:
    authors = speaking(entry)
    return tuple(_author(s) for s in entry.intervention.speakers if s not in authors)


def _turns(entry: TranscriptEntry, site_url: str) -> tuple:
    url = page_url(site_url, entry.docs_uri)
    return tuple((f"{url}#{turn.anchor}", turn.label or (turn.person.name if turn.person else ""),
                  turn.person.name if turn.person else None,
                  page_url(site_url, turn.person.uri) if turn.person else None) for turn in entry.turn_entries)


def intervention_key(day: Day, entry: TranscriptEntry) -> str:
    return f"{day.slug}-{entry.intervention.id}"


def day_reference(day: Day, site_url: str, talks: tuple[Reference, ...]) -> Reference:
    """The proceedings of a day; `talks` are its interventions' references."""
    model = day.model
    return Reference(key=day.slug, kind="journee", title=model.title, url=page_url(site_url, day.index_uri),
                     date=model.date, conference=model.title, event_kind=model.kind, publisher=model.organiser,
                     abstract=day_summary(day), talks=talks, pdf_url=file_url(site_url, proceedings_path(day.slug)))


def intervention_reference(day: Day, entry: TranscriptEntry, site_url: str) -> Reference:
    model = day.model
    return Reference(key=intervention_key(day, entry), kind="intervention", title=entry.intervention.title,
                     url=page_url(site_url, entry.docs_uri), date=model.date, conference=model.title,
                     event_kind=model.kind, publisher=model.organiser, authors=_authors(entry),
                     contributors=_contributors(entry), turns=_turns(entry, site_url),
                     abstract=transcript_opening(entry), part_of_url=page_url(site_url, day.index_uri))


def recommendation_reference(rec: RecommendationEntry, site_url: str) -> Reference:
    model = rec.day.model
    return Reference(key=rec.id, kind="recommandation", title=f"{rec.id} : {rec.model.title}",
                     url=page_url(site_url, rec.uri), date=model.date, conference=model.title,
                     event_kind=model.kind, publisher=model.organiser,
                     authors=tuple(_author(person) for person in rec.people),
                     abstract=rec.model.statement, identifier=rec.id,
                     part_of_url=page_url(site_url, rec.day.index_uri), status=rec.model.status)


class ReferenceIndex:
    """The references of the citable pages, by Markdown source URI. Its repr is short: plugins
    print their variables (mkdocs-macros serialises them for its debug log)."""

    def __init__(self, by_page: dict[str, Reference]):
        self._by_page = by_page

    def get(self, uri: str) -> Reference | None:
        return self._by_page.get(uri)

    def values(self):
        return self._by_page.values()

    def __repr__(self) -> str:
        return f"ReferenceIndex({len(self._by_page)} pages)"


def references_by_page(corpus: Corpus, site_url: str) -> ReferenceIndex:
    """The reference of every citable page, keyed by its Markdown source URI."""
    references = {}
    for day in corpus.days:
        talks = {entry.docs_uri: intervention_reference(day, entry, site_url) for entry in day.transcripts}
        references[day.index_uri] = day_reference(day, site_url, tuple(talks.values()))
        references.update(talks)
        for rec in day.recommendations:
            references[rec.uri] = recommendation_reference(rec, site_url)
    return ReferenceIndex(references)


def person_jsonld(person, site_url: str) -> dict:
    """schema.org: a person (actes.people.PersonEntry), with their roles and what they took part in."""
    data = {"@context": "https://schema.org", "@type": "Person", "name": person.name, "familyName": person.family,
            "url": page_url(site_url, person.uri)}
    if person.given:
        data["givenName"] = person.given
    if person.civility:
        data["honorificPrefix"] = person.civility
    if person.roles:
        data["jobTitle"] = person.roles
    data["performerIn"] = [{"@type": "Event", "name": part.transcript.intervention.title,
                            "url": page_url(site_url, part.transcript.docs_uri),
                            "startDate": part.day.model.date.isoformat(),
                            "superEvent": {"@type": "Event", "name": part.day.model.title,
                                           "url": page_url(site_url, part.day.index_uri)}}
                           for part in person.parts]
    return data


def turn_reference(turn, site_url: str) -> Reference:
    """One speaker turn (actes.people.TurnEntry), cited on its own: its speaker, its intervention and
    its paragraphs, at its anchor."""
    day, entry = turn.day, turn.transcript
    paragraphs = f"§\u00a0{turn.first}" + (f" à {turn.last}" if turn.last > turn.first else "")
    return Reference(key=f"{intervention_key(day, entry)}-{turn.anchor}", kind="intervention",
                     title=f"{entry.intervention.title}, {paragraphs}",
                     url=f"{page_url(site_url, entry.docs_uri)}#{turn.anchor}", date=day.model.date,
                     conference=day.model.title, event_kind=day.model.kind, publisher=day.model.organiser,
                     authors=(_author(turn.person),) if turn.person else (), abstract=turn.opening,
                     part_of_url=page_url(site_url, day.index_uri))
