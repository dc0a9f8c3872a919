"""The shape of each data file, as pydantic models (structure only; cross-references are in corpus.py)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from actes.limits import MAX_ID_CHARS

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A day's prefix: 2 to 4 capitals and the year (SN2018); a recommendation id: prefix, dash, two digits.
PREFIX_PATTERN = r"^[A-Z]{2,4}[0-9]{4}$"
# Names an intervention id cannot take: its page would be the day's own (index.md), or a file
# MkDocs treats apart.
RESERVED_IDS = ("index", "readme")


def _buildable_id(value: str) -> str:
    """An id that names a page and a file (intervention, function): the rules of a URL that builds."""
    if value in RESERVED_IDS:
        raise ValueError(f"nom réservé ({', '.join(RESERVED_IDS)} désignent d'autres pages) ; choisissez-en un autre")
    if len(value) > MAX_ID_CHARS:
        raise ValueError(f"trop long ({len(value)} caractères, au plus {MAX_ID_CHARS})")
    return value


PageSlug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(_buildable_id)]


def _bare_file_name(value: str) -> str:
    """A source is a bare file name in the day's sources/ folder: no folder, no way out of it."""
    if "/" in value or "\\" in value or value.startswith(".") or any(ord(c) < 32 for c in value):
        raise ValueError("nom de fichier attendu, sans dossier ni chemin (le fichier est dans le dossier sources/ "
                         "de la journée) ; ni « .. », ni « / »")
    if len(value) > 120:
        raise ValueError("nom de fichier trop long (au plus 120 caractères)")
    return value


SourceName = Annotated[str, StringConstraints(min_length=1), AfterValidator(_bare_file_name)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RecommendationId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,4}[0-9]{4}-[0-9]{2}$")]
DayPrefix = Annotated[str, StringConstraints(pattern=PREFIX_PATTERN)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Function(Strict):
    """A museum function (médiation, billetterie, …)."""

    id: PageSlug
    label: Text
    definition: Text
    # Phrases that mention the function in a transcript, beside its label.
    terms: list[Text] = []


class FunctionsFile(Strict):
    functions: list[Function] = Field(min_length=1)


PARTS = ("intervention", "modération", "présidence")


class Speaker(Strict):
    """A person on an intervention's roster. One person has one identity across days: their id,
    made from their name (actes.structure.person_id) unless `id` tells two namesakes apart."""

    id: PageSlug | None = None
    civility: Text | None = None
    given: Text | None = None
    family: Text
    role: Text | None = None  # none when a turn named someone the roster does not list
    part: Literal[PARTS] = "intervention"

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}" if self.given else self.family

    @property
    def person(self) -> str:
        from actes.structure import person_id

        return self.id or person_id(self.given, self.family)


class Intervention(Strict):
    id: PageSlug
    title: Text
    source: SourceName  # a file name in the day's sources/ folder
    # In a whole-day document, which of its interventions this is (1, 2, … in the document's order).
    part: int | None = Field(default=None, ge=1, le=200)
    speakers: list[Speaker] = Field(min_length=1)


class DayFile(Strict):
    kind: Text = "Journée professionnelle"
    title: Text
    date: datetime.date
    organiser: Text
    prefix: DayPrefix
    # One or two sentences on what the day was about: its description and its citation's abstract
    # (without it, one is made from its date, organiser and contents).
    summary: Text | None = None
    note: Text | None = None
    # The date of this edition of the proceedings (the PDF's colophon), when it is newer than the day.
    edition: datetime.date | None = None
    interventions: list[Intervention] = Field(min_length=1)


STATUSES = ("publiée", "retirée", "remplacée")


class Recommendation(Strict):
    id: RecommendationId
    title: Text
    statement: Text
    intervention: PageSlug
    passage: Text
    functions: list[PageSlug] = Field(min_length=1)
    keywords: list[Text] = []
    # A recommendation is never deleted: it is withdrawn (with a reason) or replaced (by its successor),
    # and its page stays with a banner.
    status: Literal[STATUSES] = "publiée"
    # When it was withdrawn or replaced: the date its feed entry and the open data give as updated.
    status_date: datetime.date | None = None
    reason: Text | None = None
    replaced_by: RecommendationId | None = None
    # The recommendations of earlier days it takes up (deepens, puts into practice, questions).
    follows: list[RecommendationId] = Field(default=[], max_length=20)


class RecommendationsFile(Strict):
    # Items are validated one by one (as Recommendation), so one bad item hides no other problem.
    recommendations: list[dict[str, Any]] = []


class Correction(Strict):
    """An editorial correction of a transcript: `before`, found once in that paragraph, reads `after`."""

    intervention: PageSlug
    paragraph: int = Field(ge=1)  # its § number
    before: Text
    after: Annotated[str, StringConstraints(strip_whitespace=True)] = ""  # empty: words removed
    reason: Text


ATTRIBUTION_ACTIONS = ("attribuer", "nouveau-tour", "pas-un-tour")


class Attribution(Strict):
    """An editorial correction of who speaks, at § `paragraph` of an intervention:
    - « attribuer » (the default): the turn that holds it is `speaker`'s;
    - « nouveau-tour »: a turn of `speaker` starts there, which the reading missed (two speakers run
      together, or a label it did not see: `label`, the words that open the paragraph as printed);
    - « pas-un-tour »: what the reading took for a label there opens no turn; the paragraph goes on
      the turn before.
    `speaker` is a person's id among the intervention's speakers, or « salle » for the floor."""

    intervention: PageSlug
    paragraph: int = Field(ge=1)
    action: Literal[ATTRIBUTION_ACTIONS] = "attribuer"
    speaker: PageSlug | None = None
    label: Text | None = None
    reason: Text


class CorrectionsFile(Strict):
    # Items are validated one by one (as Correction, Attribution), so one bad item hides no other problem.
    corrections: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
