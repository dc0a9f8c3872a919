"""Who said what: the people of every day, their parts, and each speaker turn of the transcripts.

Built once the corpus is read and the corrections of attribution applied (actes.corpus): one
identity per person across days (their id, actes.model.Speaker.person), a part per intervention
(speaker, moderator, chair, with the role the roster gives), and the turns, each with its stable
anchor (`t<§>`: the § number of its first paragraph, which no correction moves).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from actes.anchoring import TurnMark

if TYPE_CHECKING:
    from actes.corpus import Day, RecommendationEntry, TranscriptEntry
    from actes.model import Speaker
    from actes.structure import Turn

PEOPLE_DIR = "intervenants"
PEOPLE_INDEX = f"{PEOPLE_DIR}/index.md"
# The words a turn's link shows of it.
OPENING_WORDS = 12
# Particles a French index leaves after the name: « de La Tour d'Auvergne » sorts under L,
# « Le Goff » (a capital: part of the name) under L too.
_SORT_PARTICLES = re.compile(r"^(?:(?:de|du|des|d['’]|von|van)\s*)+")
PART_LABELS = {"intervention": "Intervention", "modération": "Modération", "présidence": "Présidence"}


def turn_anchor(paragraph: int) -> str:
    """A turn's anchor: the § number of its first paragraph (t12), stable as the § numbers are."""
    return f"t{paragraph}"


def sort_key(family: str, given: str | None) -> tuple[str, str]:
    """French index order: family name first, particles in lower case left aside, accents and case ignored."""
    def folded(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        return "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return folded(_SORT_PARTICLES.sub("", family)) or folded(family), folded(given or "")


@dataclass
class TurnEntry:
    """One turn of one transcript: who speaks from § `first` to § `last`."""

    day: "Day"
    transcript: "TranscriptEntry"
    turn: "Turn"
    first: int
    last: int
    words: int
    opening: str  # its first words, as read
    person: "PersonEntry | None" = None  # None: the floor, or a label no one was tied to

    @property
    def anchor(self) -> str:
        return turn_anchor(self.first)

    @property
    def label(self) -> str:
        return self.turn.label

    @property
    def floor(self) -> bool:
        return self.turn.floor

    @property
    def part(self) -> str | None:
        """The speaker's part in this intervention (intervention, modération, présidence), None for the floor."""
        if self.person is None:
            return None
        return next((s.part for s in self.transcript.intervention.speakers if s.person == self.person.id), None)


@dataclass
class PartEntry:
    """A person's part in one intervention, with the role its roster gives."""

    day: "Day"
    transcript: "TranscriptEntry"
    speaker: "Speaker"

    @property
    def label(self) -> str:
        return PART_LABELS[self.speaker.part]

    @property
    def anchor(self) -> str:
        """Its heading's id on the person's page: the day's folder and the intervention's id."""
        return f"{self.day.slug}-{self.transcript.intervention.id}"


@dataclass
class PersonEntry:
    id: str
    civility: str | None
    given: str | None
    family: str
    parts: list[PartEntry] = field(default_factory=list)
    turns: list[TurnEntry] = field(default_factory=list)
    recommendations: list["RecommendationEntry"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}" if self.given else self.family

    @property
    def uri(self) -> str:
        return f"{PEOPLE_DIR}/{self.id}.md"

    @property
    def index_name(self) -> str:
        """As a French index lists them: « Le Goff, Yann », « La Tour d'Auvergne, Anne de »."""
        particle = _SORT_PARTICLES.match(self.family)
        family = self.family[particle.end():] if particle and particle.end() < len(self.family) else self.family
        given = " ".join(filter(None, [self.given, particle.group().strip() if particle and family != self.family
                                       else None]))
        return f"{family}, {given}" if given else family

    @property
    def sort_key(self) -> tuple[str, str]:
        return sort_key(self.family, self.given)

    @property
    def initial(self) -> str:
        """The letter of the index it is listed under."""
        return self.sort_key[0][:1].upper() or "#"

    @property
    def roles(self) -> list[str]:
        """Each role the rosters give, once, in the order of the days (newest first)."""
        seen = []
        for part in self.parts:
            if part.speaker.role and part.speaker.role not in seen:
                seen.append(part.speaker.role)
        return seen

    def turns_in(self, transcript: "TranscriptEntry") -> list[TurnEntry]:
        return [turn for turn in self.turns if turn.transcript is transcript]


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")


def transcript_turns(day: "Day", entry: "TranscriptEntry") -> list[TurnEntry]:
    """The turns of one transcript, each from its first paragraph to the one before the next turn."""
    paragraphs = entry.transcript.paragraphs
    turns = sorted(entry.turns, key=lambda turn: turn.paragraph)
    found = []
    for index, turn in enumerate(turns):
        last = turns[index + 1].paragraph - 1 if index + 1 < len(turns) else len(paragraphs)
        words = sum(len(paragraphs[n - 1].plain.split()) for n in range(turn.paragraph, last + 1))
        found.append(TurnEntry(day, entry, turn, turn.paragraph, last, words,
                               _opening(paragraphs[turn.paragraph - 1].plain)))
    return found


def gather_people(days: list["Day"]) -> dict[str, PersonEntry]:
    """Every person of every day, in French index order, with their parts and turns; each
    transcript's turns (entry.turn_entries) and each recommendation's speaker (rec.turn, rec.people)."""
    people: dict[str, PersonEntry] = {}
    for day in days:
        for entry in day.transcripts:
            for speaker in entry.intervention.speakers:
                person = people.get(speaker.person)
                if person is None:
                    person = people[speaker.person] = PersonEntry(speaker.person, speaker.civility, speaker.given,
                                                                  speaker.family)
                person.civility = person.civility or speaker.civility
                person.given = person.given or speaker.given
                person.parts.append(PartEntry(day, entry, speaker))
            entry.turn_entries = transcript_turns(day, entry)
            for turn in entry.turn_entries:
                turn.person = people.get(turn.turn.person) if turn.turn.person else None
                if turn.person is not None:
                    turn.person.turns.append(turn)
    for day in days:
        for rec in day.recommendations:
            rec.turn = turn_at(rec.transcript, rec.paragraph)
            rec.people = paragraph_people(rec.transcript, rec.turn, people)
            for person in rec.people:
                person.recommendations.append(rec)
    return dict(sorted(people.items(), key=lambda item: (item[1].sort_key, item[0])))


def speaking(entry: "TranscriptEntry") -> list["Speaker"]:
    """Who an intervention is by: its speakers, the moderator and the chair aside (unless no one else
    is on its roster)."""
    speakers = [s for s in entry.intervention.speakers if s.part == "intervention"]
    return speakers or list(entry.intervention.speakers)


def turn_at(entry: "TranscriptEntry", paragraph: int) -> TurnEntry | None:
    """The turn § `paragraph` of a transcript lies in; None in a speech without turns."""
    return next((turn for turn in reversed(entry.turn_entries) if turn.first <= paragraph), None)


def paragraph_people(entry: "TranscriptEntry", turn: TurnEntry | None,
                     people: dict[str, PersonEntry]) -> list[PersonEntry]:
    """Who said a paragraph (the passage a recommendation rests on, a related passage): its turn's
    speaker; in a speech without turns, the intervention's speakers; said from the floor, no one named."""
    if turn is not None:
        return [turn.person] if turn.person is not None else []
    return [people[s.person] for s in speaking(entry)]


def turn_paragraphs(entry: "TranscriptEntry") -> list[int]:
    """The § numbers that carry a turn's anchor: each turn's first paragraph, and each paragraph
    whose printed label a correction says opens no turn (it keeps the anchor it was published with)."""
    numbers = {turn.paragraph for turn in entry.turns}
    numbers |= {n for n, block in enumerate(entry.transcript.paragraphs, start=1) if block.label is not None}
    return sorted(numbers)


def turn_marks(entry: "TranscriptEntry", person_link: Callable[[PersonEntry], str]) -> list[TurnMark]:
    """How each turn of a transcript shows on its page (actes.anchoring)."""
    turns = {turn.first: turn for turn in entry.turn_entries}
    marks = []
    for number in turn_paragraphs(entry):
        turn = turns.get(number)
        if turn is None:
            marks.append(TurnMark(number, turn_anchor(number), None, None, turn=False))
            continue
        person = turn.person
        marks.append(TurnMark(number, turn.anchor, person_link(person) if person else None,
                              "salle" if turn.floor else turn.part, person.name if person else None))
    return marks
