"""The structure of a study day, read from its proceedings: the cover, the table of contents, the
interventions (each with its title, its roster and its text), and the speaker turns.

It sits between reading (actes.sources and its readers, then actes.convert's blocks) and the
corpus: `plan_day` turns the blocks of a whole-day document into a `DayPlan`; `read_roster_line`
parses one roster line into a person's fields; `find_turns` marks the blocks that open a turn with
their label as printed; `resolve_label` ties a label to a person of the roster. Every rule follows
the conventions of French proceedings, and every word of the source is accounted for: in a
transcript, an intervention's title, a roster line, a turn label, the cover or the dropped
contents (`DayPlan.account`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field, replace

from actes.convert import NOTE_CALL, Block, Transcript, parse_blocks, plain_text

CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Mgr|Dr|Pr)"
UPPER = "A-ZÀ-ÖØ-ÞŒ"
LOWER = "a-zß-öø-ÿœ"
# A name's word: capitalised (« Morvan-Delisle », « d'Auvergne », « O'Neil ») or in capitals.
NAME_WORD = rf"(?:[dDlL]['’])?[{UPPER}][{LOWER}{UPPER}'’]*(?:-[{UPPER}][{LOWER}{UPPER}'’]*)*"
PARTICLE = r"(?:de|du|des|d['’]|van|von|der|den|da|di|del|della|le|la|Le|La|De|Du|Van|Von|Da|Di)"
# A family name: its words, with particles between or before them (« de La Tour d'Auvergne »).
NAME = rf"(?:(?:{PARTICLE}\s+|d['’])*{NAME_WORD})(?:\s+(?:(?:{PARTICLE}\s+|d['’])*{NAME_WORD}))*"
SEPARATOR = r"(?P<separator>[–—-]|:)"
FLOOR = (r"(?:(?:Une?|Autre)\s+(?:participante?|intervenante?|auditrice|auditeur|personne|question|membre\s+du\s+public)"
         r"(?:\s+(?:dans|de)\s+la\s+salle)?|De\s+la\s+salle|Dans\s+la\s+salle|La\s+salle|Questions?\s+de\s+la\s+salle"
         r"|Question\s+du\s+public|Le\s+public)")
# « Le président. », « M. le Président. », « Mme la Modératrice. »: the person who holds that part.
ROLE = (r"(?:(?:M\.|Mme|Monsieur|Madame)\s+)?(?:[Ll]a|[Ll]e)\s+"
        r"(?:[Mm]odératrice|[Mm]odérateur|[Pp]résidente|[Pp]résident|[Aa]nimatrice|[Aa]nimateur)")
# The words before a turn's text: a label, then « . – », « – » or « : ».
LABEL_PATTERNS = [
    ("rôle", re.compile(rf"^(?P<label>{ROLE}\.?)\s*{SEPARATOR}\s+(?=\S)")),
    ("civilité", re.compile(rf"^(?P<label>{CIVILITY}\s+{NAME}\.?)\s*{SEPARATOR}\s+(?=\S)")),
    ("salle", re.compile(rf"^(?P<label>{FLOOR}\.?)\s*{SEPARATOR}\s+(?=\S)")),
    # « Jean DUPONT – »: a given name, then the family name in capitals.
    ("capitales", re.compile(rf"^(?P<label>{NAME_WORD}(?:\s+{NAME_WORD})*\s+(?:{PARTICLE}\s+)*[{UPPER}]{{2,}}"
                             rf"(?:[-\s'’][{UPPER}]{{2,}})*\.?)\s*{SEPARATOR}\s+(?=\S)")),
    # « Karim Benali. – » (small capitals, bold): a name alone, kept only if it names someone.
    ("nom", re.compile(rf"^(?P<label>{NAME}\.?)\s*{SEPARATOR}\s+(?=\S)")),
]
# A roster's lines: the part they give and the words that say it.
ROSTER_KEYWORD = re.compile(
    r"^(?P<keyword>(?:Intervention|Allocution|Discours|Propos|Conférence|Exposé|Présentation|Mot)\s+(?:d['’]ouverture\s+|de\s+clôture\s+|introductif\s+|conclusif\s+)?(?:de|d['’]|par)"
    r"|Par|(?:Modération|Modérateur|Modératrice|Animation|Animateur|Animatrice)\s*:"
    r"|(?:Animée?|Modérée?|Présidée?|Introduite?|Conclue?)\s+par|(?:Présidence|Président|Présidente)\s*:"
    r"|(?:Intervenants|Intervenantes|Intervenant·es|Intervenant\(e\)s|Intervenants et intervenantes|Intervenantes et intervenants"
    r"|Avec|Participants|Participantes|Invités|Orateurs|Intervenant|Intervenante)\s*:)(?=\s|$)\s*(?P<rest>.*)$")
MODERATION = re.compile(r"^(?:Modération|Modérat|Animation|Animat|Animée?\s|Modérée?\s)")
CHAIR = re.compile(r"^(?:Présid)")
LISTING = re.compile(r":$")
# Where one roster line ends and the next begins, when a reader ran them together.
ENTRY_START = re.compile(rf"(?:^|\s+|\s*[•·▪◦]\s*|\s*;\s*)(?={CIVILITY}\s+[{UPPER}])")
BULLETS = "•·▪◦–—-*"
# The floor's part of a round table: a section of its page.
FLOOR_HEADING = re.compile(r"^(?:Échanges?|Echanges?|Questions?|Débat|Discussion|Questions-réponses|Questions et réponses)"
                           r"(?:\s+(?:avec|de|du)\s+(?:la\s+salle|le\s+public|public))?\s*$", re.IGNORECASE)
CONTENTS_TITLE = re.compile(r"^(?:Sommaire|Table des matières|Table des matieres|Contents|Au sommaire)\s*$", re.IGNORECASE)
# An entry of a table of contents: a title, dotted leaders or a tab, a page number.
CONTENTS_ENTRY = re.compile(r"(?P<title>[^.…\t]\S.*?)\s*(?:\.{3,}|…{2,}|\t| {3,}|(?<=\S) )\s*(?P<page>\d{1,3})(?=\s|$)")
KIND = re.compile(r"^(?:Journée|Journées|Rencontre|Rencontres|Colloque|Séminaire)\s+(?:professionnelles?|d['’]études?|d['’]étude"
                  r"|nationales?|régionales?)\b.*$", re.IGNORECASE)
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
DATE = re.compile(r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<day>1er|\d{1,2})\s+"
                  rf"(?P<month>{'|'.join(MONTHS)}|fevrier|aout|decembre)\s+(?P<year>\d{{4}})", re.IGNORECASE)
ORGANISER = re.compile(r"^(?:Organisée?s?\s+par|Une\s+journée\s+organisée\s+par|Par)\s+", re.IGNORECASE)
MAX_TITLE_CHARS = 160
MAX_LABEL_WORDS = 9


def fold(text: str) -> str:
    """A name as compared: no accents, no case, one kind of apostrophe and dash, spaces folded."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ").split())


def person_id(given: str | None, family: str) -> str:
    """A person's identifier from their name: « Anne de La Tour d'Auvergne » → anne-de-la-tour-d-auvergne."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(f"{given or ''} {family}").encode("ascii", "ignore").decode()))


@dataclass(frozen=True)
class RosterLine:
    """One line of a roster, as printed, and the person it names."""

    printed: str  # the line as read (its bullet aside)
    keyword: str  # « Modération : », « Intervention de »… or « » for a line of a list
    part: str  # « intervention », « modération », « présidence »
    civility: str | None
    given: str | None
    family: str
    role: str | None

    @property
    def person(self) -> str:
        return person_id(self.given, self.family)

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.civility, self.given, self.family) if x)


def _part_of(keyword: str) -> str:
    if MODERATION.match(keyword):
        return "modération"
    if CHAIR.match(keyword):
        return "présidence"
    return "intervention"


def split_name(name: str) -> tuple[str | None, str | None, str] | None:
    """« Mme Anne de La Tour d'Auvergne » → (Mme, Anne, de La Tour d'Auvergne); « Jean DUPONT » →
    (None, Jean, DUPONT); None if it is not a person's name."""
    name = " ".join(name.split()).rstrip(".").strip()
    civility = None
    if m := re.match(rf"^({CIVILITY})\s+(.*)$", name):
        civility, name = m.group(1), m.group(2)
    if not re.fullmatch(NAME, name):
        return None
    words = name.split()
    capitals = [i for i, w in enumerate(words) if len(w) > 1 and w.upper() == w and any(c.isalpha() for c in w)]
    if capitals and capitals[0] > 0:  # « Jean DUPONT », « Jean de LA TOUR »
        start = capitals[0]
        while start > 1 and re.fullmatch(PARTICLE, words[start - 1]):
            start -= 1
        return civility, " ".join(words[:start]), " ".join(words[start:])
    if len(words) == 1:  # « Mme Dupont »: a family name alone
        return (civility, None, words[0]) if civility else None
    if civility and re.fullmatch(PARTICLE, words[0]):  # « Mme de La Tour d'Auvergne »
        return civility, None, name
    return civility, words[0], " ".join(words[1:])


def read_roster_line(printed: str, keyword: str, part: str) -> RosterLine | None:
    """A roster line: « Mme Claire Martin, directrice du musée » → its fields; None if it names no one."""
    text = " ".join(printed.split())
    name, _, role = text.partition(",")
    if bracketed := re.match(r"^([^,(]+?)\s*\((.+)\)\s*[.;,]?$", text):  # « Mme X (présidente du réseau) »
        name, role = bracketed.groups()
    role = role.strip().rstrip(" .;,")  # the punctuation of a list: « conservateur fictif ; »
    split = split_name(name)
    if split is None or split[1] is None and split[0] is None:
        return None
    civility, given, family = split
    return RosterLine(text, keyword, part, civility, given, family, role.strip() or None)


def _roster_lines(text: str, listing_part: str | None) -> tuple[list[RosterLine], str | None, list[str]] | None:
    """The roster lines in one block's text (a reader may have run several together), the part a
    listing that follows gives, and keywords printed alone (« Intervenants : »); None if it is not a roster."""
    text = " ".join(text.split())
    entries, keywords = [], []
    match = ROSTER_KEYWORD.match(text)
    if match:
        keyword = match.group("keyword")
        rest = match.group("rest")
        part = _part_of(keyword)
        if not rest:
            return [], part, [keyword]
        pieces = [p for p in ENTRY_START.split(rest) if p.strip(" ;" + BULLETS)]
        # « Modération : Mme X, rôle Intervenants : Mme Y, … »: the next keyword starts another run.
        first = True
        # « Intervenants : » (or a keyword with nothing read after it) announces lines that follow.
        listing = None
        for piece in pieces:
            piece = piece.strip().strip(";").strip()
            piece = piece.lstrip(BULLETS).strip()
            inner = re.search(r"\s(?=(?:Intervenants|Intervenantes|Avec|Participants|Modération|Présidence)\b\s*:?"
                              r"|(?:Modérateur|Modératrice|Animation|Animateur|Animatrice|Président|Présidente)\s*:"
                              r"|(?:Animée?|Modérée?|Présidée?)\s+par\b)", piece)
            tail = None
            if inner:
                piece, tail = piece[:inner.start()], piece[inner.end():]
            line = read_roster_line(piece, keyword if first else "", part)
            if line is None:
                return None
            entries.append(line)
            first = False
            if tail:
                found = _roster_lines(tail, None)
                if found is None:
                    return None
                more, listing, more_keywords = found  # the last keyword read says what follows
                part = listing or part
                entries += more
                keywords += more_keywords
        if listing is None and (not entries or LISTING.search(keyword)):
            listing = part
        return entries, listing, keywords
    if listing_part is None:
        return None
    pieces = [p.strip().strip(";").strip().lstrip(BULLETS).strip() for p in ENTRY_START.split(text)]
    pieces = [p for p in pieces if p]
    for piece in pieces:
        line = read_roster_line(piece, "", listing_part)
        if line is None:
            return None
        entries.append(line)
    return entries, listing_part, keywords


@dataclass(frozen=True)
class Label:
    """The words that open a turn, as printed (« M. Karim Benali. »), and what they name."""

    printed: str
    kind: str  # « civilité », « rôle », « salle », « capitales », « nom »
    separator: str = ""  # what a label alone on its line ends with (« Question de la salle : »)


def _match_label(text: str, roster: list[RosterLine]) -> tuple[Label, str, str] | None:
    """(label, separator, the turn's text) when `text` opens with a turn label."""
    for kind, pattern in LABEL_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        label = m.group("label")
        if len(label.split()) > MAX_LABEL_WORDS:
            continue
        if kind == "nom" and resolve_label(label, roster).person is None:
            continue  # a capitalised phrase that names no one of the roster is text
        if kind in ("civilité", "capitales") and split_name(label) is None:
            continue
        return Label(label, kind), m.group("separator"), text[m.end():]
    return None


def _label_alone(text: str, roster: list[RosterLine]) -> Label | None:
    """A block that is only a name (a label on its own line, bold or in small capitals)."""
    candidate = " ".join(plain_text(text).split())
    if len(candidate.split()) > MAX_LABEL_WORDS or candidate != text.strip() or FLOOR_HEADING.match(candidate):
        return None
    if re.fullmatch(rf"{FLOOR}\.?\s*:?", candidate):
        colon = candidate.endswith(":")
        return Label(candidate.removesuffix(":").rstrip() if colon else candidate, "salle", ":" if colon else "")
    if re.fullmatch(rf"{ROLE}\.?", candidate):
        return Label(candidate, "rôle")
    if split_name(candidate) is not None and resolve_label(candidate, roster).person is not None:
        return Label(candidate, "civilité" if re.match(CIVILITY, candidate) else "nom")
    return None


def _bold_label(block: Block, roster: list[RosterLine]) -> Label | None:
    """The words a paragraph opens with in bold or small capitals, with no separator after them
    (« **Claire Martin.** Nous avons… »): a label when they name someone of the roster, a person
    with a civility, the floor or the chair."""
    if not block.bold_lead or not block.text[len(block.bold_lead):].strip():
        return None
    candidate = " ".join(plain_text(block.bold_lead).split())
    if candidate != block.bold_lead.strip() or len(candidate.split()) > MAX_LABEL_WORDS:
        return None  # italics or a call inside: not a name
    name = candidate.rstrip(".").strip()
    if re.fullmatch(FLOOR, name):
        return Label(candidate, "salle")
    if re.fullmatch(ROLE, name):
        return Label(candidate, "rôle")
    if split_name(name) is not None and (re.match(CIVILITY, name) or resolve_label(name, roster).person is not None):
        return Label(candidate, "civilité" if re.match(CIVILITY, name) else "nom")
    return None


@dataclass(frozen=True)
class Resolution:
    """What a label names: a person of the roster (by id), the floor, or no one (and why)."""

    person: str | None = None
    floor: bool = False
    problem: str | None = None  # « ambigu » or « inconnu »
    candidates: tuple[str, ...] = ()


def resolve_label(label: str, roster: list[RosterLine], day_roster: list[RosterLine] = ()) -> Resolution:
    """Tie a label to a person: the intervention's roster first, then the day's. Accents, case,
    civility and a missing given name do not matter; two people it could name is ambiguous."""
    text = " ".join(label.split()).rstrip(".").strip()
    if re.fullmatch(FLOOR, text):
        return Resolution(floor=True)
    if m := re.fullmatch(ROLE, text):
        wanted = "modération" if re.search(r"modérat|animat", text, re.IGNORECASE) else "présidence"
        holders = sorted({line.person for line in roster if line.part == wanted})
        if len(holders) == 1:
            return Resolution(person=holders[0])
        return Resolution(problem="ambigu" if holders else "inconnu", candidates=tuple(holders))
    split = split_name(text)
    if split is None:
        return Resolution(problem="inconnu")
    _, given, family = split
    for people in (roster, day_roster):
        found = sorted({line.person for line in people if fold(line.family) == fold(family)
                        and (given is None or line.given is None or fold(line.given) == fold(given))})
        if not found and given is not None:  # « Karim Benali » when the roster says « Karim BENALI »
            found = sorted({line.person for line in people
                            if fold(f"{line.given or ''} {line.family}") == fold(f"{given} {family}")})
        if len(found) == 1:
            return Resolution(person=found[0])
        if len(found) > 1:
            return Resolution(problem="ambigu", candidates=tuple(found))
    return Resolution(problem="inconnu")


def find_turns(blocks: list[Block], roster: list[RosterLine]) -> list[Block]:
    """The blocks with each turn's opening block carrying its label and separator as printed. A
    label on its own line joins the paragraph it introduces; if it introduces none, it stays text."""
    out: list[Block] = []
    pending: tuple[Label, Block] | None = None  # a label alone, and its block as read
    for block in blocks:
        if block.kind != "paragraph" or block.label:
            if pending is not None:  # a name alone before a heading or a list: text after all
                out.append(pending[1])
                pending = None
            out.append(block)
            continue
        found = _match_label(block.text, roster)
        if pending is not None:
            if found:  # two labels in a row: the first was text
                out.append(pending[1])
            else:
                out.append(replace(block, label=pending[0].printed, separator=pending[0].separator))
                pending = None
                continue
            pending = None
        if found:
            label, separator, rest = found
            out.append(replace(block, text=rest, label=label.printed, separator=separator))
            continue
        alone = _label_alone(block.text, roster)
        if alone:
            pending = (alone, block)
            continue
        lead = _bold_label(block, roster)
        if lead:
            out.append(replace(block, text=block.text[len(block.bold_lead):].strip(), label=lead.printed,
                               separator=""))
            continue
        out.append(block)
    if pending is not None:
        out.append(pending[1])
    return out


@dataclass
class Cover:
    kind: str | None = None
    title: str | None = None
    date: datetime.date | None = None
    organiser: str | None = None
    lines: list[str] = field(default_factory=list)  # every line of the cover, as read


@dataclass
class InterventionPlan:
    """One intervention of a whole-day document: its title, roster and text."""

    number: int  # 1, 2, … in the document
    title: str
    roster: list[RosterLine]
    roster_printed: list[str]  # the roster's lines as printed (keywords alone included)
    blocks: list[Block]
    first_line: int  # where its text starts and ends in the text read (lines of the reader's text)
    last_line: int

    @property
    def kind(self) -> str:
        """« table ronde » when several people speak, « intervention » when one does."""
        speakers = {line.person for line in self.roster}
        return "table ronde" if len(speakers) > 1 or any(b.label for b in self.blocks) else "intervention"

    def transcript(self) -> Transcript:
        return Transcript(title=self.title, speaker=None, blocks=self.blocks, roster=list(self.roster_printed))


@dataclass
class DayPlan:
    cover: Cover
    contents: list[str]  # the table of contents' lines, dropped
    interventions: list[InterventionPlan]
    artifacts: list[tuple[int, str]]  # running lines, page numbers (actes.convert)
    explanation: list[tuple[int, str]]

    @property
    def whole_day(self) -> bool:
        """Several interventions, or one under a cover that names a day (its kind or its date)."""
        return len(self.interventions) > 1 or (len(self.interventions) == 1 and (
            self.cover.kind is not None or self.cover.date is not None))

    @property
    def conversation(self) -> bool:
        """One intervention whose speakers take turns (a round table in a document of its own): read
        with its roster and turns, as a part of a whole day's document is. A speech with one speaker
        needs no labels: it is read as before (actes.convert)."""
        return len(self.interventions) == 1 and any(block.label for block in self.interventions[0].blocks)

    def account(self) -> dict[str, list[str]]:
        """Every word of the text read, once: where it went."""
        words: dict[str, list[str]] = {"couverture": [], "sommaire": [], "titres": [], "distributions": [],
                                       "étiquettes": [], "transcriptions": []}
        for line in self.cover.lines:
            words["couverture"] += line.split()
        for line in self.contents:
            words["sommaire"] += line.split()
        for intervention in self.interventions:
            words["titres"] += plain_text(intervention.title).split()
            for line in intervention.roster_printed:
                words["distributions"] += line.split()
            for block in intervention.blocks:
                if block.label:
                    words["étiquettes"] += block.label.split() + block.separator.split()
                words["transcriptions"] += block.plain.split()
        return words


def _is_title_like(block: Block) -> bool:
    text = block.plain
    return (block.kind in ("paragraph", "heading") and 0 < len(text) <= MAX_TITLE_CHARS
            and not re.search(r"[.;,]$", text) and not ROSTER_KEYWORD.match(text))


def _roster_at(blocks: list[Block], start: int) -> tuple[list[RosterLine], list[str], int]:
    """The roster that begins at blocks[start]: its lines, as printed, and the index after it."""
    lines: list[RosterLine] = []
    printed: list[str] = []
    listing = None
    index = start
    while index < len(blocks):
        block = blocks[index]
        if block.kind not in ("paragraph", "item"):
            break
        text = block.plain
        if lines and listing is None and not ROSTER_KEYWORD.match(text):
            break
        found = _roster_lines(text, listing if block.kind == "item" or listing else None)
        if found is None:
            # A roster line the reader ran into the first turn (« … rôle M. X. – Bonjour »).
            break
        entries, listing, keywords = found
        lines += entries
        printed.append(" ".join(word for word in text.split() if word not in BULLETS))  # a list's bullets are layout
        index += 1
    return lines, printed, index


def _starts_intervention(blocks: list[Block], index: int, heading_levels: set[int]) -> tuple[int, bool] | None:
    """If an intervention starts at blocks[index]: the index of its roster's first block (or of its
    text), and whether it has a roster."""
    block = blocks[index]
    if not _is_title_like(block) or FLOOR_HEADING.match(block.plain) or CONTENTS_TITLE.match(block.plain):
        return None
    following = index + 1
    # A title over two blocks (« Table ronde 1 » then its subject; never a larger heading after a smaller).
    if following < len(blocks) and blocks[following].kind == block.kind == "heading" and _is_title_like(blocks[following]) \
            and not FLOOR_HEADING.match(blocks[following].plain) and (blocks[following].level or 0) >= (block.level or 0):
        following += 1
    if following < len(blocks) and blocks[following].kind in ("paragraph", "item") \
            and _roster_lines(blocks[following].plain, None):
        return following, True
    if block.kind == "heading" and block.level in heading_levels:
        return following, False
    return None


def _contents_entries(text: str) -> bool:
    """A line (or lines run together) of a table of contents: titles each followed by a page number."""
    entries = list(CONTENTS_ENTRY.finditer(text))
    return bool(entries) and "".join(m.group(0) for m in entries).replace(" ", "") == text.replace(" ", "")


# A roster line a plain text ran into the lines around it (« Par » aside: a sentence may start so).
LINE_ROSTER = re.compile(ROSTER_KEYWORD.pattern.replace("|Par|", "|"))


def _split_lines(block: Block, *, every_line: bool) -> list[Block]:
    """A plain text's block of several lines, where a title, a roster or a cover ran together: one
    block per roster line (and per line, on the cover), a wrapped line staying with its own."""
    if block.kind != "paragraph" or not block.lines:
        return [block]
    groups: list[list[str]] = [[block.lines[0]]]
    roster = bool(LINE_ROSTER.match(block.lines[0]))
    for line in block.lines[1:]:
        starts_roster = bool(LINE_ROSTER.match(line))
        listing = roster and bool(re.match(rf"^(?:[{re.escape(BULLETS)}]\s*)?{CIVILITY}\s", line))
        if every_line and not line[:1].islower() or starts_roster or listing:  # a small letter: a wrapped line
            groups.append([line])
        else:
            groups[-1].append(line)
        roster = roster or starts_roster
    if len(groups) == 1:
        return [block]
    return [replace(block, text=" ".join(group), lines=tuple(group) if len(group) > 1 else ()) for group in groups]


def plan_day(text: str) -> DayPlan:
    """Read a whole day's document (the text a reader gave) into its cover, contents and interventions."""
    blocks, artifacts, explanation = parse_blocks(text)
    # Where a title and its roster ran together; the cover's lines, before anything else.
    cover_zone = True
    split: list[Block] = []
    for block in blocks:
        pieces = _split_lines(block, every_line=cover_zone)
        if cover_zone and any(LINE_ROSTER.match(piece.plain) for piece in pieces):
            pieces = _split_lines(block, every_line=False)  # a title and its roster: the cover ended above
            cover_zone = False
        split += pieces
    blocks = split
    notes = {b.number: b for b in blocks if b.kind == "footnote"}
    blocks = [b for b in blocks if b.kind != "footnote"]
    cover = Cover()
    contents: list[str] = []
    # Headings that open an intervention (followed by a roster) give the level of the others.
    levels = {b.level for i, b in enumerate(blocks[:-1]) if b.kind == "heading" and _roster_lines(blocks[i + 1].plain, None)}
    contents_start = next((i for i, b in enumerate(blocks) if CONTENTS_TITLE.match(b.plain)), None)
    contents_end = None
    if contents_start is not None:
        contents_end = contents_start + 1
        while contents_end < len(blocks) and _contents_entries(blocks[contents_end].plain):
            contents_end += 1
    starts = []
    index = 0
    while index < len(blocks):
        found = _starts_intervention(blocks, index, levels)
        if found is not None:
            body_start, has_roster = found
            # Before the end of the contents, or (without contents) before the first intervention
            # that has a roster, a heading without one is the cover's.
            in_front = index < (contents_end or 0) or (not starts and not has_roster and contents_end is None)
            if not in_front:
                starts.append((index, body_start, has_roster))
                index = body_start
                continue
        index += 1
    # A heading without a roster opens an intervention only in a document of several rosters (a
    # day's); in one intervention's document it is a section of it.
    if sum(1 for start in starts if start[2]) < 2:
        starts = [start for start in starts if start[2]]
    starts = [(title, body) for title, body, _ in starts]
    first = starts[0][0] if starts else len(blocks)
    for position, block in enumerate(blocks[:first]):
        if contents_start is not None and contents_start <= position < contents_end:
            contents.append(block.plain)
        else:
            cover.lines.append(block.plain)
    _read_cover(cover)
    interventions = []
    day_roster: list[RosterLine] = []
    for number, (title_index, roster_start) in enumerate(starts, start=1):
        end = starts[number][0] if number < len(starts) else len(blocks)
        title_blocks = blocks[title_index:roster_start]
        roster, printed, body_start = _roster_at(blocks, roster_start)
        day_roster += roster
        body = [b for b in blocks[body_start:end]]
        # Its footnotes follow its text.
        calls = [int(n) for b in body for n in NOTE_CALL.findall(b.text)]
        body += [notes.pop(n) for n in calls if n in notes]
        body = find_turns(body, roster)
        lines = [b.line for b in blocks[title_index:end] if b.line]
        interventions.append(InterventionPlan(number, " ".join(b.text for b in title_blocks), roster, printed, body,
                                              min(lines, default=0), max(lines, default=0)))
    if interventions and notes:  # notes whose call was not found: after the last intervention's text
        interventions[-1].blocks += list(notes.values())
    return DayPlan(cover, contents, interventions, artifacts, explanation)


def _read_cover(cover: Cover) -> None:
    """The cover's fields from its lines: the kind of day, its title, date and organiser."""
    rest = []
    for line in cover.lines:
        if cover.kind is None and KIND.match(line):
            cover.kind = line
        elif cover.date is None and (m := DATE.search(line)) and len(line) < 60:
            month = MONTHS.index(m.group("month").lower().replace("fevrier", "février").replace("aout", "août")
                                 .replace("decembre", "décembre")) + 1
            day = 1 if m.group("day") == "1er" else int(m.group("day"))
            try:
                cover.date = datetime.date(int(m.group("year")), month, day)
            except ValueError:
                rest.append(line)
        else:
            rest.append(line)
    if rest:
        cover.title = rest[0]
    for line in rest[1:]:
        if cover.organiser is None:
            cover.organiser = ORGANISER.sub("", line) if ORGANISER.match(line) else line


def describe_plan(plan: DayPlan) -> list[str]:
    """The plan, in French, for `actes convert --explain` and `actes new-day --from`."""
    out = []
    cover = plan.cover
    if cover.lines:
        out.append(f"couverture (retirée, devient les données de la journée) : {' / '.join(cover.lines)}")
        out.append(f"  type : {cover.kind or '(non lu)'} ; titre : {cover.title or '(non lu)'} ; "
                   f"date : {cover.date.isoformat() if cover.date else '(non lue)'} ; "
                   f"organisateur : {cover.organiser or '(non lu)'}")
    if plan.contents:
        out.append(f"sommaire retiré ({len(plan.contents)} ligne(s)) : {' / '.join(plan.contents)}")
    for intervention in plan.interventions:
        out.append(f"intervention {intervention.number} ({intervention.kind}, lignes {intervention.first_line} à "
                   f"{intervention.last_line} du texte lu) : {intervention.title}")
        for line in intervention.roster:
            out.append(f"  distribution : {line.keyword or '(liste)'} → {line.part} : civilité {line.civility or '–'}, "
                       f"prénom {line.given or '–'}, nom {line.family}, rôle {line.role or '–'} [{line.person}]")
        for block in intervention.blocks:
            if block.label:
                resolution = resolve_label(block.label, intervention.roster, [])
                who = "la salle" if resolution.floor else resolution.person or f"personne ({resolution.problem})"
                out.append(f"  tour (ligne {block.line}) : « {block.label} » → {who}")
    return out


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript: from its first paragraph to the next turn's."""

    paragraph: int  # the § number of its first paragraph
    label: str  # as printed
    separator: str
    person: str | None  # the speaker's person id; None for the floor
    floor: bool = False


def resolve_turns(transcript: Transcript, speakers) -> tuple[list[Turn], list[tuple[Turn, str]]]:
    """Each labelled paragraph's turn, its label tied to one of `speakers` (actes.model.Speaker);
    and the turns whose label names no one of them, or two of them, with why."""
    turns, unresolved = [], []
    for number, block in enumerate(transcript.paragraphs, start=1):
        if block.label is None:
            continue
        resolution = resolve_label(block.label, speakers)
        turn = Turn(number, block.label, block.separator, resolution.person, resolution.floor)
        turns.append(turn)
        if resolution.person is None and not resolution.floor:
            why = (f"peut désigner {' ou '.join(resolution.candidates)}" if resolution.problem == "ambigu"
                   else "ne nomme personne de la distribution de l'intervention")
            unresolved.append((turn, why))
    return turns, unresolved
