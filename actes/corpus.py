"""Load every data file, validate it in one place, and link days, recommendations and functions."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from actes import disk_cache, files, redirects as redirects_file
from actes.corrections import CORRECTIONS_FILE, load_corrections
from actes.convert import Transcript, parse_transcript, plain_text, to_markdown
from actes.people import gather_people
from actes.sources import SourceError, read_source
from actes.structure import fold, plan_day, resolve_turns
from actes.model import DayFile, Function, FunctionsFile, Intervention, Recommendation, RecommendationsFile
from actes.limits import MAX_TRANSCRIPT_BYTES, quote
from actes.yamlsource import Problem, YamlDocument, parse_yaml, read_items, read_yaml, validate

FUNCTIONS_FILE = "fonctions.yml"
DAYS_DIR = "journees"
DAY_FILE = "journee.yml"
RECOMMENDATIONS_FILE = "recommandations.yml"
SOURCES_DIR = "sources"
DAY_FOLDER = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")


class CorpusError(Exception):
    """The data has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class TranscriptEntry:
    """One intervention's transcript: where it lives and what it says."""

    day_slug: str
    intervention: Intervention
    source_path: Path
    docs_uri: str  # e.g. journees/2018-10-05-strategie-numerique/conclusion.md
    transcript: Transcript
    markdown: str
    source_digest: str  # of the source's bytes: what the transcript and its mentions are cached under
    recommendations: list["RecommendationEntry"] = field(default_factory=list)  # whose passage is here
    corrections: list = field(default_factory=list)  # actes.corrections.CorrectionEntry, in text order
    turns: list = field(default_factory=list)  # actes.structure.Turn: who speaks from which §
    unresolved: list = field(default_factory=list)  # (Turn, Problem): a label that names no one, or two
    attributions: list = field(default_factory=list)  # actes.corrections.AttributionEntry
    turn_entries: list = field(default_factory=list)  # actes.people.TurnEntry, once the corrections are applied


@dataclass
class Day:
    slug: str
    model: DayFile
    transcripts: list[TranscriptEntry]
    recommendations: list["RecommendationEntry"] = field(default_factory=list)

    @property
    def index_uri(self) -> str:
        return f"{DAYS_DIR}/{self.slug}/index.md"

    @cached_property
    def transcripts_by_id(self) -> dict[str, TranscriptEntry]:
        """The transcripts whose source could be read, by intervention id."""
        return {entry.intervention.id: entry for entry in self.transcripts}


@dataclass(eq=False)  # by identity: follows and followed_by link entries both ways
class RecommendationEntry:
    model: Recommendation
    day: Day
    transcript: TranscriptEntry
    paragraph: int  # § number of the paragraph the passage rests on (1-based)
    turn: object = None  # actes.people.TurnEntry: the turn the passage lies in, if any
    people: list = field(default_factory=list)  # actes.people.PersonEntry: who said it
    follows: list["RecommendationEntry"] = field(default_factory=list)  # what it takes up (`follows`)
    followed_by: list["RecommendationEntry"] = field(default_factory=list)  # what takes it up, oldest first

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def uri(self) -> str:
        return f"recommandations/{self.model.id}.md"

    @property
    def changed(self) -> datetime.date:
        """When what it says last changed: its status change (withdrawn, replaced), else its day."""
        return self.model.status_date or self.day.model.date

    @property
    def updated(self) -> datetime.date:
        """When its page last changed: `changed`, or the day of its newest follow-up (its page and
        its feed entry then say so)."""
        return max([self.changed] + [later.day.model.date for later in self.followed_by])

    @property
    def taken_up(self) -> datetime.date | None:
        """The day of its newest follow-up, if a later recommendation takes it up."""
        return max((later.day.model.date for later in self.followed_by), default=None)


@dataclass
class Mention:
    """The paragraphs (§ numbers) of one transcript that mention a function."""

    day: Day
    transcript: TranscriptEntry
    paragraphs: list[int]


@dataclass
class FunctionEntry:
    model: Function
    recommendations: list[RecommendationEntry] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def uri(self) -> str:
        return f"fonctions/{self.model.id}.md"

    def year_uri(self, year: int) -> str:
        """The page listing the passages of one year's transcripts that mention the function."""
        return f"fonctions/{self.model.id}/{year}.md"

    @cached_property
    def mentions_by_year(self) -> dict[int, list[Mention]]:
        """The mentions grouped by the year of their day, in the corpus order (newest first)."""
        return _by_year(self.mentions)

    @cached_property
    def threads(self) -> list[list[RecommendationEntry]]:
        """The threads across days (see `threads`) that hold one of its recommendations."""
        return threads(self.recommendations)


def threads(recommendations) -> list[list[RecommendationEntry]]:
    """The threads the recommendations belong to: each a set of recommendations joined by
    `follows`, of two days or more, oldest first (by day, then id); the threads ordered by their
    newest recommendation, newest first."""
    found: dict[int, list[RecommendationEntry]] = {}
    for rec in recommendations:
        if not (rec.follows or rec.followed_by):
            continue
        thread, waiting = {}, [rec]
        while waiting:
            current = waiting.pop()
            if id(current) not in thread:
                thread[id(current)] = current
                waiting += current.follows + current.followed_by
        members = sorted(thread.values(), key=lambda entry: (entry.day.model.date, entry.id))
        found.setdefault(min(thread), members)
    return sorted(found.values(), key=lambda members: (members[-1].day.model.date, members[-1].id), reverse=True)


@dataclass(repr=False)
class Corpus:
    functions: dict[str, FunctionEntry]
    days: list[Day]  # newest first
    recommendations: dict[str, RecommendationEntry]
    redirects: list = field(default_factory=list)  # redirects.Redirect
    redirects_document: YamlDocument | None = None  # where they were read, for messages
    # Every URL and fragment the site publishes (actes.publication.published_urls).
    published: list[str] = field(default_factory=list)
    # New URLs not yet in the permalink ledger: warnings (see actes.permalinks.unregistered).
    unregistered: list[Problem] = field(default_factory=list)
    people: dict = field(default_factory=dict)  # actes.people.PersonEntry by id, in French index order

    def __repr__(self) -> str:
        # Short: plugins print their variables (mkdocs-macros serialises them for its debug log).
        return f"Corpus({len(self.days)} days, {len(self.recommendations)} recommendations)"

    @cached_property
    def days_by_slug(self) -> dict[str, Day]:
        return {day.slug: day for day in self.days}

    @cached_property
    def people_by_uri(self) -> dict:
        return {person.uri: person for person in self.people.values()}

    @cached_property
    def transcripts_by_uri(self) -> dict[str, TranscriptEntry]:
        return {entry.docs_uri: entry for day in self.days for entry in day.transcripts}

    @cached_property
    def newest_date(self) -> datetime.date:
        """The newest date in the data: a day, or a recommendation's status change (1970 if empty)."""
        return max([day.model.date for day in self.days] + [rec.updated for rec in self.recommendations.values()],
                   default=datetime.date(1970, 1, 1))

    @cached_property
    def related(self) -> dict:
        """Each recommendation's passages of other days that say something close
        (actes.related.RelatedPassage, best first), by recommendation id."""
        from actes.related import related_passages  # numpy and the stemmer load only when asked

        return related_passages(self)

    @cached_property
    def recommendations_by_year(self) -> dict[int, list[RecommendationEntry]]:
        """The recommendations grouped by the year of their day, newest day first."""
        return _by_year(rec for day in self.days for rec in day.recommendations)


def _by_year(items) -> dict:
    """Items that have a `day` (recommendations, mentions), grouped by its year, in their order."""
    years: dict = {}
    for item in items:
        years.setdefault(item.day.model.date.year, []).append(item)
    return years


def recommendations_year_uri(year: int) -> str:
    """The page listing one year's recommendations (the index lists the years)."""
    return f"recommandations/{year}.md"


def _nearest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    return f" ; vouliez-vous dire '{close[0]}' ?" if close else ""


def _closest_passage(passage: str, transcript: Transcript) -> str:
    """The stretch of the transcript most like `passage`, to help fix a misquote."""
    best, best_ratio = "", 0.0
    words_wanted = len(passage.split())
    for block in transcript.paragraphs:
        words = block.plain.split()
        for start in range(0, max(1, len(words) - words_wanted + 1)):
            candidate = " ".join(words[start:start + words_wanted])
            ratio = difflib.SequenceMatcher(None, passage, candidate).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best


def find_passage(passage: str, transcript: Transcript) -> list[int]:
    """The § numbers (1-based) of the paragraphs that contain `passage` verbatim, as read: one per
    occurrence (a paragraph that holds it twice is listed twice)."""
    wanted = plain_text(passage)
    found = []
    for number, block in enumerate(transcript.paragraphs, start=1):
        found += [number] * block.plain.count(wanted)
    return found


def _check_functions_unique(document: YamlDocument, functions: list[Function]) -> Iterator[Problem]:
    """A function id appears once."""
    seen: dict[str, int] = {}
    for index, function in enumerate(functions):
        line = document.line_of(("functions", index, "id"))
        if function.id in seen:
            yield Problem(document.path, line, f"identifiant de fonction en double (déjà ligne {seen[function.id]}) : '{function.id}'")
        seen.setdefault(function.id, line)


def _check_editorial_pages(docs_dir: Path, root: Path) -> Iterator[Problem]:
    """The front matter of each editorial page (docs/*.md but the transcripts) is valid YAML and its
    `updated` a real date: MkDocs itself drops a page's whole front matter, silently, on either."""
    for page in sorted(docs_dir.rglob("*.md")):
        if page.relative_to(docs_dir).parts[0] == DAYS_DIR:
            continue  # generated transcripts, compared with their sources
        display = display_path(page, root)
        try:
            text = files.decode_utf8(files.read_regular(page, MAX_TRANSCRIPT_BYTES)).removeprefix("\ufeff")
        except files.UnreadableFile as error:
            yield Problem(display, error.line, str(error))
            continue
        if not text.startswith("---\n") or "\n---\n" not in text[3:]:
            continue
        document, found = parse_yaml(text[4:text.index("\n---\n", 3) + 1], display, first_line=2)
        yield from found
        data = document.data if document else None
        updated = data.get("updated") if isinstance(data, dict) else None
        if updated is not None:
            try:
                datetime.date.fromisoformat(str(updated))
            except ValueError:
                yield document.problem(("updated",), f"date invalide pour 'updated', attendu AAAA-MM-JJ (une date qui "
                                                      f"existe) : {quote(updated)}")


def _check_day_folder(slug: str, display: str, document: YamlDocument, day: DayFile) -> Iterator[Problem]:
    """A day folder is named <ISO date>-<slug>, and the date is the day's date."""
    match = DAY_FOLDER.fullmatch(slug)
    if not match:
        yield Problem(display, 1, f"nom de dossier invalide, attendu AAAA-MM-JJ-titre-court : '{slug}'")
    elif match.group(1) != day.date.isoformat():
        yield document.problem(("date",), f"la date ne correspond pas au nom du dossier '{slug}' : '{day.date}'")


def _check_interventions(document: YamlDocument, day: DayFile, day_dir: Path) -> Iterator[Problem]:
    """Intervention ids are unique within a day and each source file exists and is not empty."""
    seen: set[str] = set()
    parts: dict[tuple[str, int | None], str] = {}
    for index, intervention in enumerate(day.interventions):
        place = (intervention.source, intervention.part)
        if place in parts:
            what = f"la partie {intervention.part} de" if intervention.part else "toute la source"
            yield document.problem(("interventions", index, "part" if intervention.part else "source"),
                                   f"{what} {quote(intervention.source)} est déjà la transcription de '{parts[place]}' ; "
                                   "chaque intervention a sa partie du document (voir 'actes convert --explain')")
        parts.setdefault(place, intervention.id)
        if intervention.id in seen:
            yield document.problem(("interventions", index, "id"), f"intervention en double : '{intervention.id}'")
        seen.add(intervention.id)
        source = day_dir / SOURCES_DIR / intervention.source
        location = ("interventions", index, "source")
        if source.is_symlink():
            yield document.problem(location, f"la source est un lien symbolique, refusé : copiez le fichier lui-même "
                                             f"dans {SOURCES_DIR}/ : {quote(intervention.source)}")
        elif source.is_dir():
            yield document.problem(location, f"la source est un dossier : nommez un fichier de {SOURCES_DIR}/ : "
                                             f"{quote(intervention.source)}")
        elif not source.exists():
            yield document.problem(location, f"source introuvable dans {SOURCES_DIR}/ : {quote(intervention.source)}")
        elif not source.is_file():
            yield document.problem(location, f"la source n'est pas un fichier ordinaire (tube, périphérique…) : "
                                             f"copiez le fichier lui-même dans {SOURCES_DIR}/ : {quote(intervention.source)}")


def _check_people(document: YamlDocument, day: DayFile, people: dict) -> Iterator[Problem]:
    """One person, one identity across days: an id names one name (family name, and given name where
    both say it; accents and case aside); two namesakes are told apart by an 'id' of their own."""
    for index, intervention in enumerate(day.interventions):
        for position, speaker in enumerate(intervention.speakers):
            family, given = fold(speaker.family), fold(speaker.given) if speaker.given else None
            location = ("interventions", index, "speakers", position)
            seen = people.setdefault(speaker.person, {"family": family, "given": given, "name": speaker.full_name,
                                                      "where": f"{document.path}:{document.line_of(location)}"})
            if seen["family"] != family or None not in (seen["given"], given) and seen["given"] != given:
                yield document.problem(location, f"l'identifiant de personne '{speaker.person}' désigne déjà "
                                                 f"{quote(seen['name'])} ({seen['where']}) : s'il s'agit d'une autre "
                                                 f"personne, donnez-lui 'id: …' : {quote(speaker.full_name)}")
            elif seen["given"] is None:
                seen["given"] = given


def _check_recommendation(document: YamlDocument, index: int, rec: Recommendation, day: Day,
                          functions: dict[str, FunctionEntry] | None) -> Iterator[Problem]:
    """A recommendation uses its day's prefix, known functions and an existing intervention (its passage:
    _locate_passage).

    `functions` is None when the functions file itself is invalid (already reported): not checked then.
    """
    loc = ("recommendations", index)
    if not rec.id.startswith(day.model.prefix + "-"):
        yield document.problem(loc + ("id",), f"l'identifiant doit commencer par le préfixe de la journée '{day.model.prefix}-' : '{rec.id}'")
    if rec.status == "retirée" and not rec.reason:
        yield document.problem(loc + ("status",), f"une recommandation retirée doit donner sa raison ('reason') : '{rec.id}'")
    if rec.status == "remplacée" and not rec.replaced_by:
        yield document.problem(loc + ("status",), f"une recommandation remplacée doit nommer son successeur ('replaced_by') : '{rec.id}'")
    if rec.status != "publiée" and rec.status_date is None:
        yield document.problem(loc + ("status",), f"une recommandation {rec.status} doit dater ce changement "
                                                  f"('status_date: AAAA-MM-JJ') : '{rec.id}'")
    if rec.status_date is not None and rec.status == "publiée":
        yield document.problem(loc + ("status_date",), "'status_date' date un retrait ou un remplacement : il exige "
                                                       f"'status: retirée' ou 'status: remplacée' : '{rec.status_date}'")
    elif rec.status_date is not None and rec.status_date < day.model.date:
        yield document.problem(loc + ("status_date",), "la date du changement de statut précède la journée "
                                                       f"({day.model.date}) : '{rec.status_date}'")
    if rec.replaced_by and rec.status != "remplacée":
        yield document.problem(loc + ("replaced_by",), f"'replaced_by' exige 'status: remplacée' : '{rec.id}'")
    for position, function_id in enumerate(rec.functions):
        if function_id in rec.functions[:position]:
            yield document.problem(loc + ("functions", position),
                                   f"fonction en double dans la recommandation (déjà en position "
                                   f"{rec.functions.index(function_id) + 1}) : retirez-la : {quote(function_id)}")
        elif functions is not None and function_id not in functions:
            valid = ", ".join(sorted(functions))
            yield document.problem(loc + ("functions", position),
                                   f"fonction inconnue (valeurs possibles : {valid}){_nearest(function_id, list(functions))} : '{function_id}'")
    interventions = [i.id for i in day.model.interventions]
    if rec.intervention not in interventions:
        valid = ", ".join(sorted(interventions))
        yield document.problem(loc + ("intervention",), f"intervention inconnue (valeurs possibles : {valid}) : '{rec.intervention}'")


def _locate_passage(document: YamlDocument, index: int, rec: Recommendation,
                    entry: TranscriptEntry) -> tuple[int | None, list[Problem]]:
    """The § number of the paragraph that holds the recommendation's passage verbatim, or the problem."""
    paragraphs = find_passage(rec.passage, entry.transcript)
    if len(paragraphs) == 1:
        return paragraphs[0], []
    if paragraphs:
        places = ", ".join(f"§ {number}" for number in paragraphs)
        return None, [document.problem(("recommendations", index, "passage"),
                                       f"passage ambigu : il figure {len(paragraphs)} fois dans la transcription "
                                       f"'{rec.intervention}' ({places}) ; citez un passage plus long, qui n'y figure "
                                       f"qu'une fois : {quote(rec.passage)}")]
    closest = _closest_passage(plain_text(rec.passage), entry.transcript)
    return None, [document.problem(("recommendations", index, "passage"),
                                   f"passage introuvable mot pour mot dans la transcription '{rec.intervention}' "
                                   f"(passage le plus proche : « {closest} ») : '{rec.passage}'")]


def _check_successors(successors: dict[str, tuple[YamlDocument, int, str | None]]) -> Iterator[Problem]:
    """A successor exists, and following successors never comes back to where it started."""
    for rec_id, (document, index, successor) in successors.items():
        if successor is None:
            continue
        location = ("recommendations", index, "replaced_by")
        if successor not in successors:
            yield document.problem(location, f"successeur inconnu : '{successor}'")
            continue
        chain, current = [rec_id], successor
        while current is not None and current in successors and current not in chain:
            chain.append(current)
            current = successors[current][2]
        if current == rec_id:
            yield document.problem(location, f"cycle de remplacements ({' → '.join(chain + [rec_id])}) : '{successor}'")


def _check_follows(claims: dict[str, tuple[YamlDocument, int, list[str], datetime.date]]) -> Iterator[Problem]:
    """What a recommendation takes up (`follows`) exists, once, and belongs to an earlier day."""
    for rec_id, (document, index, follows, date) in claims.items():
        for position, earlier in enumerate(follows):
            location = ("recommendations", index, "follows", position)
            if earlier in follows[:position]:
                yield document.problem(location, f"recommandation en double dans 'follows' (déjà en position "
                                                 f"{follows.index(earlier) + 1}) : retirez-la : '{earlier}'")
            elif earlier == rec_id:
                yield document.problem(location, f"une recommandation ne peut pas se reprendre elle-même : '{earlier}'")
            elif earlier not in claims:
                yield document.problem(location, "recommandation inconnue : 'follows' nomme des recommandations "
                                                 f"d'autres journées, par leur identifiant{_nearest(earlier, list(claims))}"
                                                 f" : '{earlier}'")
            elif claims[earlier][3] >= date:
                yield document.problem(location, f"'{earlier}' n'est pas plus ancienne (journée du "
                                                 f"{claims[earlier][3]}, celle-ci du {date}) : une recommandation "
                                                 f"ne reprend que celles de journées antérieures : '{earlier}'")


# Parsed transcripts, by the identity of their source and converted files: a preview server
# rebuilding after one change re-reads only what changed. A build that starts afresh finds them
# in the disk cache, by the digest of their source's bytes.
_PARSED: dict[tuple, tuple[Transcript, str, str]] = {}


def _file_key(path: Path) -> tuple:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _convert_source(source: Path, part: int | None) -> tuple[Transcript, str]:
    """A source's transcript and its Markdown: the whole source, or one intervention of a whole-day
    document (actes.structure)."""
    text = read_source(source).text
    if part is None:
        transcript = parse_transcript(text)
    else:
        plan = plan_day(text)
        if part > len(plan.interventions):
            raise SourceError(f"le document ne contient que {len(plan.interventions)} intervention(s) : 'part: {part}' "
                              "n'en désigne aucune (voir 'actes convert --explain')")
        transcript = plan.interventions[part - 1].transcript()
    return transcript, to_markdown(transcript)  # a raw source is never itself a converted file


def _parse_source(source: Path, part: int | None = None) -> tuple[Transcript, str, str]:
    """The parsed transcript, its Markdown, and the digest of the source (its format and bytes)."""
    key = (_file_key(source), part)
    if key not in _PARSED:
        try:
            raw = source.read_bytes()
        except OSError as error:
            raise SourceError(f"lecture impossible ({error.strerror})") from None
        digest = hashlib.sha256(source.suffix.lower().encode() + b"\0" + raw).hexdigest()
        if part is not None:
            digest = hashlib.sha256(f"{digest}:{part}".encode()).hexdigest()
        transcript, markdown = disk_cache.cached("transcript", (digest.encode(),), lambda: _convert_source(source, part))
        _PARSED[key] = (transcript, markdown, digest)
    return _PARSED[key]


def _load_transcript(day_slug: str, day_dir: Path, document: YamlDocument, index: int, intervention: Intervention,
                     docs_dir: Path, root: Path) -> tuple[TranscriptEntry | None, list[Problem]]:
    source = day_dir / SOURCES_DIR / intervention.source
    if source.is_symlink() or not source.is_file():
        return None, []  # reported by _check_interventions
    try:
        transcript, markdown, digest = _parse_source(source, intervention.part)
    except SourceError as error:
        return None, [document.problem(("interventions", index, "source"), f"{error} : '{intervention.source}'")]
    docs_uri = f"{DAYS_DIR}/{day_slug}/{intervention.id}.md"
    ingest = (f"actes ingest {day_slug} {display_path(source, root)}" if intervention.part else
              f"actes ingest {day_slug} {display_path(source, root)} --as {intervention.id}")
    problems = []
    committed = docs_dir / docs_uri
    if not os.path.lexists(committed):
        problems.append(Problem(display_path(committed, root), 1,
                                f"transcription convertie absente : lancez '{ingest}' : '{docs_uri}'"))
    else:
        try:
            text = files.decode_utf8(files.read_regular(committed, MAX_TRANSCRIPT_BYTES))
        except files.UnreadableFile as error:
            text = None
            problems.append(Problem(display_path(committed, root), error.line,
                                    f"{error} ; ou refaites la transcription : '{ingest}'"))
        if text is not None and text != markdown:
            problems.append(Problem(display_path(committed, root), 1,
                                    "la transcription ne correspond plus à sa source ; toute correction passe par les "
                                    f"données, puis '{ingest}' : '{docs_uri}'"))
    entry = TranscriptEntry(day_slug, intervention, source, docs_uri, transcript, markdown, digest)
    entry.turns, unresolved = resolve_turns(transcript, intervention.speakers)
    # Reported once the day's corrections of attribution are read (actes.corrections).
    entry.unresolved = [(turn, document.problem(
        ("interventions", index, "speakers"),
        f"tour de parole du § {turn.paragraph} de '{intervention.id}' : « {turn.label} » {why} ; ajoutez la personne "
        f"à 'speakers', ou attribuez ce tour dans {CORRECTIONS_FILE} ('attributions') : '{intervention.id}'"))
        for turn, why in unresolved]
    return entry, problems


def _read_recommendations(day_dir: Path, root: Path):
    """A day's recommendations file: its document, its valid items as (index, Recommendation), its problems."""
    path = day_dir / RECOMMENDATIONS_FILE
    document, items, problems = read_items(path, display_path(path, root), RecommendationsFile,
                                           {"recommendations": Recommendation})
    return document, items["recommendations"], problems


def _orphans(day_dir: Path, day: DayFile, docs_dir: Path, root: Path) -> Iterator[Problem]:
    """Files no intervention claims: a source in sources/, a transcript in docs/ (what an interrupted
    import could leave). Hidden files (temporary ones, the lock) are not the corpus's."""
    claimed_sources = {intervention.source for intervention in day.interventions}
    sources = day_dir / SOURCES_DIR
    for path in sorted(sources.iterdir()) if sources.is_dir() else []:
        if not path.name.startswith(".") and path.name not in claimed_sources:
            yield Problem(display_path(path, root), 1, f"source qu'aucune intervention de {DAY_FILE} ne cite : importez-la "
                                                       f"avec 'actes ingest {day_dir.name} {display_path(path, root)} "
                                                       "--as <identifiant>', ou retirez-la")
    claimed_pages = {f"{intervention.id}.md" for intervention in day.interventions}
    transcripts = docs_dir / DAYS_DIR / day_dir.name
    for path in sorted(transcripts.iterdir()) if transcripts.is_dir() else []:
        if not path.name.startswith(".") and path.name not in claimed_pages:
            yield Problem(display_path(path, root), 1, f"transcription qu'aucune intervention de {DAY_FILE} ne cite : "
                                                       "retirez-la, ou relancez l'importation de sa source")


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# The paragraphs of each transcript that mention each function, by the digest of the transcript's
# source and the functions' terms: a preview rebuild searches only the transcripts that changed,
# and a build that starts afresh finds them in the disk cache.
_MENTIONED: dict[tuple, dict[str, list[int]]] = {}


def _function_mentions(functions: list[Function], days: list[Day]) -> dict[str, list[Mention]]:
    """For each function, the transcript paragraphs that mention it: one pass over the text."""
    terms = tuple((f.id, f.label, *f.terms) for f in functions)
    patterns = {
        f.id: re.compile(r"\b(?:" + "|".join(re.escape(t) for t in [f.label, *f.terms]) + r")\b", re.IGNORECASE)
        for f in functions
    }
    anywhere = re.compile("|".join(f"(?:{p.pattern})" for p in patterns.values()), re.IGNORECASE)

    def search(transcript: Transcript) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for number, block in enumerate(transcript.paragraphs, start=1):
            if anywhere.search(block.plain):
                for function_id, pattern in patterns.items():
                    if pattern.search(block.plain):
                        found.setdefault(function_id, []).append(number)
        return found

    mentions: dict[str, list[Mention]] = {f.id: [] for f in functions}
    for day, entry in ((day, entry) for day in days for entry in day.transcripts):
        key = (entry.source_digest, terms)
        if key not in _MENTIONED:
            _MENTIONED[key] = disk_cache.cached("mentions", (entry.source_digest.encode(), repr(terms).encode()),
                                                lambda: search(entry.transcript))
        for function_id, paragraphs in _MENTIONED[key].items():
            mentions[function_id].append(Mention(day, entry, paragraphs))
    return mentions


def read_corpus(root: Path) -> Corpus:
    """Read and validate `root`/data and `root`/docs; raise CorpusError listing every problem found.

    The published URLs and the permalink ledger are checked afterwards (actes.publication.load_corpus).
    """
    root = Path(root)
    data_dir, docs_dir = root / "data", root / "docs"
    if not (data_dir / DAYS_DIR).is_dir():
        raise CorpusError([Problem(str(data_dir / DAYS_DIR), 1, "dossier introuvable : lancez la commande à la racine "
                                                               "du projet, ou donnez-la avec --root")])
    problems: list[Problem] = []

    functions: dict[str, FunctionEntry] = {}
    functions_valid = False
    doc, found = read_yaml(data_dir / FUNCTIONS_FILE, display_path(data_dir / FUNCTIONS_FILE, root))
    problems += found
    if doc:
        model, found = validate(doc, FunctionsFile)
        problems += found
        if model:
            duplicates = list(_check_functions_unique(doc, model.functions))
            problems += duplicates
            functions = {f.id: FunctionEntry(f) for f in model.functions}
            functions_valid = not duplicates

    days: list[Day] = []
    recommendations: dict[str, RecommendationEntry] = {}
    first_seen: dict[str, tuple[str, str]] = {}
    successors: dict[str, tuple[YamlDocument, int, str | None]] = {}
    follow_claims: dict[str, tuple[YamlDocument, int, list[str], datetime.date]] = {}
    prefixes: dict[str, str] = {}
    people: dict[str, tuple[str, str, str]] = {}  # person id → (folded name, as written, where first seen)
    for day_dir in sorted(p for p in (data_dir / DAYS_DIR).iterdir() if p.is_dir() and not p.name.startswith(".")):
        day_display = display_path(day_dir / DAY_FILE, root)
        if day_dir.is_symlink() or (day_dir / SOURCES_DIR).is_symlink():
            problems.append(Problem(day_display, 1, "le dossier de la journée ou son dossier sources/ est un lien "
                                                    "symbolique, refusé : copiez les fichiers eux-mêmes"))
            continue
        if files.pending(day_dir):
            problems.append(Problem(day_display, 1, "importation interrompue avant sa fin : relancez 'actes ingest "
                                                    f"{day_dir.name} …' ; elle la terminera d'abord"))
        doc, found = read_yaml(day_dir / DAY_FILE, day_display) if os.path.lexists(day_dir / DAY_FILE) else (
            None, [Problem(day_display, 1, f"fichier manquant : '{DAY_FILE}'")])
        problems += found
        model = None
        if doc:
            model, found = validate(doc, DayFile)
            problems += found
        prefix = doc.data.get("prefix") if doc and isinstance(doc.data, dict) else None
        if isinstance(prefix, str) and prefix in prefixes:
            problems.append(doc.problem(("prefix",), f"préfixe déjà utilisé par la journée '{prefixes[prefix]}' ; "
                                                     f"chaque journée a le sien : {quote(prefix)}"))
        if isinstance(prefix, str):
            prefixes.setdefault(prefix, day_dir.name)
        if not model:
            # Its recommendations are still read, so that their own problems are all reported.
            problems += _read_recommendations(day_dir, root)[2]
            continue
        problems += _check_day_folder(day_dir.name, day_display, doc, model)
        problems += _orphans(day_dir, model, docs_dir, root)
        problems += _check_interventions(doc, model, day_dir)
        transcripts = []
        for index, intervention in enumerate(model.interventions):
            entry, found = _load_transcript(day_dir.name, day_dir, doc, index, intervention, docs_dir, root)
            problems += found
            if entry:
                transcripts.append(entry)
        day = Day(day_dir.name, model, transcripts)
        days.append(day)
        problems += _check_people(doc, model, people)

        rec_doc, recs, found = _read_recommendations(day_dir, root)
        problems += found
        for index, rec in recs:
            here = f"{rec_doc.path}:{rec_doc.line_of(('recommendations', index, 'id'))}"
            if rec.id in first_seen:
                place, status = first_seen[rec.id]
                what = "d'une recommandation retirée ou remplacée" if status != "publiée" else "de recommandation déjà utilisé"
                problems.append(rec_doc.problem(("recommendations", index, "id"),
                                                f"identifiant {what} ({place}) ; un identifiant n'est jamais réutilisé : '{rec.id}'"))
                continue
            first_seen[rec.id] = (here, rec.status)
            successors[rec.id] = (rec_doc, index, rec.replaced_by)
            follow_claims[rec.id] = (rec_doc, index, rec.follows, day.model.date)
            found = list(_check_recommendation(rec_doc, index, rec, day, functions if functions_valid else None))
            transcript = day.transcripts_by_id.get(rec.intervention)  # None: unknown, or its source unreadable
            if transcript is not None:
                paragraph, passage_problems = _locate_passage(rec_doc, index, rec, transcript)
                found += passage_problems
            problems += found
            if found or transcript is None:
                continue
            entry = RecommendationEntry(rec, day, transcript, paragraph)
            recommendations[rec.id] = entry
            day.recommendations.append(entry)
            transcript.recommendations.append(entry)

    problems += _check_successors(successors)
    problems += _check_follows(follow_claims)
    for day in days:
        corrections_path = data_dir / DAYS_DIR / day.slug / CORRECTIONS_FILE
        problems += load_corrections(day, corrections_path.parent, display_path(corrections_path, root))
    known_days = {path.name for path in (data_dir / DAYS_DIR).iterdir()}
    for folder in sorted((docs_dir / DAYS_DIR).iterdir()) if (docs_dir / DAYS_DIR).is_dir() else []:
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in known_days:
            problems.append(Problem(display_path(folder, root), 1, f"transcriptions d'une journée absente de "
                                                                   f"data/{DAYS_DIR}/ : retirez ce dossier"))
    problems += _check_editorial_pages(docs_dir, root)
    redirects, redirects_doc, found = redirects_file.load_redirects(
        data_dir, display_path(data_dir / redirects_file.REDIRECTS_FILE, root))
    problems += found
    if problems:
        raise CorpusError(problems)

    days.sort(key=lambda d: (d.model.date, d.slug), reverse=True)
    mentions = _function_mentions([f.model for f in functions.values()], days)
    for function in functions.values():
        function.mentions = mentions[function.id]
    for entry in recommendations.values():
        for function_id in entry.model.functions:
            functions[function_id].recommendations.append(entry)
        entry.follows = [recommendations[earlier] for earlier in entry.model.follows]
        for earlier in entry.follows:
            earlier.followed_by.append(entry)
    for entry in recommendations.values():
        entry.followed_by.sort(key=lambda later: (later.day.model.date, later.id))
    return Corpus(functions, days, recommendations, redirects, redirects_document=redirects_doc,
                  people=gather_people(days))
