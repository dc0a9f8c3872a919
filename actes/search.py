"""What the search engine (Pagefind) is told of each page beside its text: filters by speaker, by day
and by museum function, and who speaks on it (shown under a result). From the data alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from actes.corpus import Corpus, Day
from actes.french import long_date

# The filters' names, as the search dialog shows them (docs/javascripts/recherche.js).
SPEAKER, DAY, FUNCTION = "intervenant", "journee", "fonction"


@dataclass
class PageSearch:
    filters: dict[str, list[str]] = field(default_factory=dict)
    speakers: list[str] = field(default_factory=list)  # who speaks on the page, shown under a result

    def add(self, name: str, *values: str) -> None:
        listed = self.filters.setdefault(name, [])
        listed += [value for value in values if value not in listed]


def day_label(day: Day) -> str:
    """A day as a filter names it: its title and its date."""
    return f"{day.model.title} ({long_date(day.model.date)})"


def page_search(corpus: Corpus) -> dict[str, PageSearch]:
    """The search data of every page built from the data and of every transcript, by source URI."""
    pages: dict[str, PageSearch] = {}

    def page(uri: str) -> PageSearch:
        return pages.setdefault(uri, PageSearch())

    mentioned: dict[str, list[str]] = {}
    for function in corpus.functions.values():
        for mention in function.mentions:
            if mention.paragraphs:
                mentioned.setdefault(mention.transcript.docs_uri, []).append(function.model.label)
    for day in corpus.days:
        label = day_label(day)
        page(day.index_uri).add(DAY, label)
        for entry in day.transcripts:
            names = [corpus.people[s.person].name for s in entry.intervention.speakers if s.person in corpus.people]
            found = page(entry.docs_uri)
            found.add(DAY, label)
            found.add(SPEAKER, *names)
            found.add(FUNCTION, *mentioned.get(entry.docs_uri, []))
            found.add(FUNCTION, *(corpus.functions[f].model.label for rec in entry.recommendations
                                  for f in rec.model.functions))
            found.speakers = names
            page(day.index_uri).add(SPEAKER, *names)
        for rec in day.recommendations:
            found = page(rec.uri)
            found.add(DAY, label)
            found.add(SPEAKER, *(person.name for person in rec.people))
            found.add(FUNCTION, *(corpus.functions[f].model.label for f in rec.model.functions))
            found.speakers = [person.name for person in rec.people] or ["une personne dans la salle"]
    for function in corpus.functions.values():
        page(function.uri).add(FUNCTION, function.model.label)
    for person in corpus.people.values():
        found = page(person.uri)
        found.add(SPEAKER, person.name)
        found.add(DAY, *(day_label(part.day) for part in person.parts))
        found.speakers = [person.name]
    return pages
