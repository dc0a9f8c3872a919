"""Bibliographic records of citable items, and their formats: ISO 690 text, BibTeX, RIS, CSL-JSON.
The downloads under /citations/ are written by actes.outputs.citations.

A day is cited as proceedings; an intervention and a recommendation as a paper of that
conference, by the intervention's speakers.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from actes.corpus import Corpus, Day, RecommendationEntry, TranscriptEntry
from actes.french import long_date
from actes.urls import page_url


@dataclass(frozen=True)
class Author:
    family: str
    given: str

    @property
    def inverted(self) -> str:
        """« Chavanne, Blandine » (Highwire, BibTeX, RIS)."""
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class Reference:
    """What a reference manager needs to know of one citable item."""

    key: str  # stable: a recommendation id, a day slug, or <day slug>-<intervention id>
    kind: str  # "journee", "intervention", "recommandation"
    title: str
    url: str
    date: datetime.date
    conference: str  # the day's title
    event_kind: str  # « Journée professionnelle »
    publisher: str  # the organiser, as the source names it
    authors: tuple[Author, ...] = ()
    abstract: str | None = None
    identifier: str | None = None  # a recommendation's id
    part_of_url: str | None = None  # the day's page
    talks: tuple["Reference", ...] = field(default=(), compare=False)
    status: str | None = None

    @property
    def is_proceedings(self) -> bool:
        return self.kind == "journee"

    @property
    def highwire_date(self) -> str:
        return self.date.strftime("%Y/%m/%d")

    def iso690(self, consulted: datetime.date | None = None) -> str:
        """The suggested citation, ISO 690 in French. `consulted` None leaves « [date] » to fill in."""
        seen = long_date(consulted) if consulted else "[date]"
        where = f"{self.event_kind.lower()}, {long_date(self.date)}"
        if self.is_proceedings:
            return (f"{self.publisher}. {self.title} [en ligne]. {self.event_kind}, {long_date(self.date)}. "
                    f"Disponible sur\u00a0: {self.url} (consulté le {seen}).")
        names = " ; ".join(f"{a.family.upper()}, {a.given}" for a in self.authors)
        return (f"{names}. «\u00a0{self.title}\u00a0». In\u00a0: {self.conference}, {where}. {self.publisher}, "
                f"{self.date.year}. [en ligne]. Disponible sur\u00a0: {self.url} (consulté le {seen}).")

    def csl(self) -> dict:
        item = {
            "id": self.key,
            "type": "book" if self.is_proceedings else "paper-conference",
            "title": self.title,
            "event-title": self.conference,
            "publisher": self.publisher,
            "issued": {"date-parts": [[self.date.year, self.date.month, self.date.day]]},
            "event-date": {"date-parts": [[self.date.year, self.date.month, self.date.day]]},
            "URL": self.url,
            "language": "fr",
        }
        if not self.is_proceedings:
            item["container-title"] = self.conference
            item["author"] = [{"family": a.family, "given": a.given} for a in self.authors]
        if self.abstract:
            item["abstract"] = self.abstract
        return item

    def bibtex(self) -> str:
        fields = [("title", self.title)]
        if self.is_proceedings:
            fields += [("eventtitle", self.conference)]
        else:
            fields += [("author", " and ".join(a.inverted for a in self.authors)), ("booktitle", self.conference)]
        fields += [
            ("organization", self.publisher),
            ("publisher", self.publisher),
            ("date", self.date.isoformat()),
            ("year", str(self.date.year)),
            ("month", str(self.date.month)),
            ("url", self.url),
            ("language", "french"),
        ]
        if self.abstract:
            fields.append(("abstract", self.abstract))
        entry_type = "proceedings" if self.is_proceedings else "inproceedings"
        body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
        return f"@{entry_type}{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        lines = [("TY", "CONF" if self.is_proceedings else "CPAPER")]
        lines += [("AU", a.inverted) for a in self.authors]
        lines += [("TI", self.title)]
        if not self.is_proceedings:
            lines += [("T2", self.conference)]
        lines += [
            ("PY", str(self.date.year)),
            ("DA", self.highwire_date),
            ("PB", self.publisher),
            ("UR", self.url),
            ("LA", "fr"),
        ]
        if self.abstract:
            lines.append(("AB", self.abstract))
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)

    def jsonld(self) -> dict:
        """schema.org: an Event for a day (its talks as sub-events), a CreativeWork otherwise."""
        event = {"@type": "Event", "name": self.conference, "startDate": self.date.isoformat(),
                 "organizer": {"@type": "Organization", "name": self.publisher}, "url": self.part_of_url or self.url}
        people = [{"@type": "Person", "familyName": a.family, "givenName": a.given, "name": f"{a.given} {a.family}"}
                  for a in self.authors]
        if self.is_proceedings:
            data = {"@context": "https://schema.org", **event, "url": self.url, "inLanguage": "fr",
                    "subEvent": [{"@type": "Event", "name": talk.title, "url": talk.url,
                                  "startDate": self.date.isoformat(),
                                  "performer": [{"@type": "Person", "name": f"{a.given} {a.family}"} for a in talk.authors]}
                                 for talk in self.talks]}
            return data
        data = {"@context": "https://schema.org", "@type": "CreativeWork", "name": self.title, "url": self.url,
                "inLanguage": "fr", "author": people, "datePublished": self.date.isoformat(),
                "publisher": {"@type": "Organization", "name": self.publisher}, "isPartOf": event}
        if self.identifier:
            data["identifier"] = self.identifier
        if self.abstract:
            data["abstract"] = self.abstract
        if self.status:
            data["creativeWorkStatus"] = self.status
        return data


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _authors(entry: TranscriptEntry) -> tuple[Author, ...]:
    return tuple(Author(s.family, s.given) for s in entry.intervention.speakers)


def intervention_key(day: Day, entry: TranscriptEntry) -> str:
    return f"{day.slug}-{entry.intervention.id}"


def day_reference(day: Day, site_url: str, talks: tuple[Reference, ...]) -> Reference:
    """The proceedings of a day; `talks` are its interventions' references."""
    model = day.model
    return Reference(key=day.slug, kind="journee", title=model.title, url=page_url(site_url, day.index_uri),
                     date=model.date, conference=model.title, event_kind=model.kind, publisher=model.organiser,
                     talks=talks)


def intervention_reference(day: Day, entry: TranscriptEntry, site_url: str) -> Reference:
    model = day.model
    return Reference(key=intervention_key(day, entry), kind="intervention", title=entry.intervention.title,
                     url=page_url(site_url, entry.docs_uri), date=model.date, conference=model.title,
                     event_kind=model.kind, publisher=model.organiser, authors=_authors(entry),
                     part_of_url=page_url(site_url, day.index_uri))


def recommendation_reference(rec: RecommendationEntry, site_url: str) -> Reference:
    model = rec.day.model
    return Reference(key=rec.id, kind="recommandation", title=f"{rec.id} : {rec.model.title}",
                     url=page_url(site_url, rec.uri), date=model.date, conference=model.title,
                     event_kind=model.kind, publisher=model.organiser, authors=_authors(rec.transcript),
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
