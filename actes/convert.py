"""Turn a transcript extracted from a PDF into clean, faithful Markdown.

Only layout artifacts go: running headers and footers repeated at page breaks,
page numbers, and the line breaks that pages and hard wraps put inside a
paragraph. Every word of the text stays, in order. Whatever Markdown, HTML or
Jinja would interpret is escaped, so the text renders verbatim; the one markup
the sources use on purpose, ``*emphasis*``, is kept.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

import yaml

from actes import running_lines, text_reader
from actes.running_lines import MAX_RUNNING_LINE_CHARS

# A page break is a form feed or a gap of at least this many blank lines.
PAGE_GAP_BLANK_LINES = 2
# How many lines at the top and bottom of a page may be running headers/footers.
MAX_RUNNING_LINES = 6
# The extraction marks headings with « ## » or deeper; a lone « # » line is text, kept verbatim.
HEADING = re.compile(r"^(#{2,6})\s+(.*)$")
# « - 1) text », « 1) text », « - 1. text »: a numbered point (a bare « 1. » line is text).
NUMBERED_ITEM = re.compile(r"^(?:[-*•]\s+(\d{1,3})[.)]|(\d{1,3})\))\s+(.*)$")
BULLET_ITEM = re.compile(r"^[-*•]\s+(.*)$")
SPEAKER_LINE = re.compile(r"^(?:Intervention|Allocution|Discours|Propos|Par)\b")
SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")
GENERATOR_LINE = "generator: actes convert"
_REMOVED = "ligne retirée"
_TO_CHECK = "à vérifier"
_JOINED = "ligne rejointe"
HASH_LINE = re.compile(r"^content_hash: (sha256:[0-9a-f]{64})\n", re.MULTILINE)
# Footnotes, as the PDF and DOCX readers mark them (actes.pdf_reader): a call in the text, and a
# note's own paragraph; written as Markdown footnotes. Sources never hold these characters.
NOTE_CALL = re.compile("\ue000(\\d{1,3})\ue001")
NOTE_DEFINITION = re.compile("^\ue002(\\d{1,3})\ue003 ?(.*)$")
# A star the PDF and DOCX readers found in the text itself (their italics are `*…*`).
LITERAL_STAR = "\ue004"
# How the readers write those marks (actes.pdf_reader, actes.docx_reader).
NOTE_CALL_MARK = "\ue000{}\ue001"
NOTE_TEXT_MARK = "\ue002{}\ue003 "
# The readers' marks: what a source's own text holds of these (private-use characters, which no font
# of the site draws) goes before they write theirs, or text could pose as a footnote call.
# A reader's mark after the words a paragraph opens with in bold or small capitals (a speaker's
# label as proceedings set it): read by actes.structure, never in a block's text.
BOLD_LEAD_END = "\ue005"
READER_MARKERS = re.compile("[\ue000-\ue005]")
# Emphasis holds no « * » (as in Python-Markdown's own pattern): each search stops at the next star,
# so a line of « *a *a *a … » costs linear time, not quadratic.
EMPHASIS = re.compile(r"(\*{1,2})(?=\S)([^*]+?)(?<=\S)\1")


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or heading of the clean text."""

    kind: str  # "paragraph", "item", "numbered", "heading", "footnote"
    text: str  # source text, emphasis markers kept, nothing escaped
    number: int | None = None  # for "numbered" items and footnotes
    level: int | None = None  # for headings
    # A turn's opening block: its label as printed (« M. Karim Benali. ») and the separator after it
    # (« – », « : », or « » for a label on its own line); the text holds the words after them.
    label: str | None = None
    separator: str = ""
    line: int = 0  # the line of the text read where the block starts
    lines: tuple[str, ...] = ()  # its lines as read, when it was more than one (a hard-wrapped text)
    bold_lead: str | None = None  # the words it opens with in bold or small capitals (a reader said so)

    @cached_property
    def plain(self) -> str:
        """The text as a reader sees it: emphasis markers removed (computed once)."""
        return plain_text(self.text)


@dataclass
class Transcript:
    """A transcript once its layout artifacts are gone."""

    title: str | None
    speaker: str | None
    blocks: list[Block]
    artifacts: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    # What the conversion did, line by line, in French: `actes convert --explain`.
    explanation: list[tuple[int, str]] = field(default_factory=list)
    # An intervention of a whole-day document: its roster's lines as printed (actes.structure).
    roster: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for `actes ingest`: how many lines removed, paragraphs rejoined."""
        removed = len(self.artifacts)
        joined = sum(what.startswith(_JOINED) for _, what in self.explanation)
        summary = (f"{removed} ligne{'s' if removed > 1 else ''} de mise en page retirée{'s' if removed > 1 else ''}, "
                   f"{joined} paragraphe{'s' if joined > 1 else ''} rejoint{'s' if joined > 1 else ''} par-dessus un saut de page")
        notes = sum(what.startswith("note de bas de page") for _, what in self.explanation)
        hyphens = sum(what.startswith("trait d'union") for _, what in self.explanation)
        breaks = sum(what.startswith("nouveau paragraphe") for _, what in self.explanation)
        checks = sum(what.startswith(_TO_CHECK) for _, what in self.explanation)
        if notes or hyphens or breaks:  # a text extracted page by page (actes.text_reader)
            summary += (f", {notes} note{'s' if notes > 1 else ''} de bas de page déplacée{'s' if notes > 1 else ''}, "
                        f"{hyphens} trait{'s' if hyphens > 1 else ''} d'union de fin de ligne lu{'s' if hyphens > 1 else ''}, "
                        f"{breaks} paragraphe{'s' if breaks > 1 else ''} séparé{'s' if breaks > 1 else ''} par la mesure "
                        "ou un nom d'orateur")
        if checks:
            summary += f", {checks} point{'s' if checks > 1 else ''} à vérifier"
        return summary

    @property
    def paragraphs(self) -> list[Block]:
        """The citable blocks (paragraphs and list items), in order; § n is index n - 1."""
        return [b for b in self.blocks if b.kind not in ("heading", "footnote")]


def plain_text(text: str) -> str:
    """Remove emphasis markers and footnote calls, fold white space: the text as read."""
    return " ".join(EMPHASIS.sub(r"\2", NOTE_CALL.sub("", text)).replace(LITERAL_STAR, "*").split())


def _split_pages(lines: list[tuple[int, str]], *, gaps: bool = True) -> list[list[tuple[int, str]]]:
    """Split numbered lines into pages at form feeds and (`gaps`) wide blank gaps."""
    pages: list[list[tuple[int, str]]] = [[]]
    blanks = 0
    for number, line in lines:
        parts = line.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                pages.append([])
                blanks = 0
            if part.strip():
                if gaps and blanks >= PAGE_GAP_BLANK_LINES and pages[-1]:
                    pages.append([])
                blanks = 0
                pages[-1].append((number, part))
            else:
                blanks += 1
    return [p for p in pages if p]


def _edge_candidates(page: list[tuple[int, str]], *, from_top: bool) -> list[str]:
    seq = page if from_top else list(reversed(page))
    keys = []
    for _, line in seq[:MAX_RUNNING_LINES]:
        if len(line.strip()) > MAX_RUNNING_LINE_CHARS:
            break
        keys.append(running_lines.key(line))
    return keys


def _running_lines(pages: list[list[tuple[int, str]]], *, from_top: bool) -> set[str]:
    """Lines found at the same edge of at least two pages."""
    return running_lines.repeated(set(_edge_candidates(page, from_top=from_top)) for page in pages)


def _short(line: str) -> str:
    line = " ".join(line.split())
    return f"« {line if len(line) <= 70 else line[:70] + '…'} »"


def _strip_edge(page, running: set[str], artifacts, explanation, page_number: int, *, from_top: bool):
    """Remove running lines and page numbers from one edge of a page."""
    seq = list(page) if from_top else list(reversed(page))
    removed = 0
    for number, line in seq[:MAX_RUNNING_LINES]:
        page_number_line = running_lines.is_page_number(line, at_page_edge=True)
        if page_number_line or running_lines.key(line) in running:
            artifacts.append((number, line))
            what = "numéro de page" if page_number_line else "en-tête courant" if from_top else "pied de page courant"
            explanation.append((number, f"{_REMOVED} (page {page_number}, {what}, répété en "
                                        f"{'haut' if from_top else 'bas'} de page) : {_short(line)}"))
            removed += 1
        else:
            break
    kept = seq[removed:]
    return kept if from_top else list(reversed(kept))


def _strip_numbered_headers(pages, numbered, artifacts, explanation) -> None:
    """A running header that a short document prints once (groff's, from the second page on): a
    page's first line, apart from the text by a blank line, that carries the page's own number
    after a gutter of spaces (« Journée…      2 », pdftotext -layout) or stands right above it
    (pdftotext, where the number has its own line, and the page's text follows). The page is counted by the form feeds, and the
    line is the first of its page as extracted."""
    page_of_line, first_of_page, last_of_page, page = {}, {}, {}, 1
    for number, line in numbered:
        page_of_line[number] = page + len(line) - len(line.lstrip("\f"))  # the text after a form feed
        if line.replace("\f", "").strip():
            first_of_page.setdefault(page_of_line[number], number)
            last_of_page[page_of_line[number]] = number
        page += line.count("\f")
    removed_numbers = {number: line.strip() for number, line in artifacts}
    for index, page_lines in enumerate(pages):
        if not page_lines:
            continue
        number, line = page_lines[0]
        apart = len(page_lines) == 1 or page_lines[1][0] - number > 1
        text = line.replace("\f", "").strip()
        page = page_of_line[number]
        if page < 2 or first_of_page.get(page) != number or not apart or len(text) > MAX_RUNNING_LINE_CHARS \
                or SENTENCE_END.search(text):
            continue
        gutter = re.fullmatch(rf"(\S.*?)\s{{3,}}{page}", text)
        # (The number, then the page's text: not a page of one short line above its number.)
        above = any(removed_numbers.get(number + step) == str(page) and last_of_page[page] > number + step
                    for step in (1, 2))
        if gutter or above:
            artifacts.append((number, line))
            explanation.append((number, f"{_REMOVED} (page {page}, en-tête courant : il porte le numéro de la page, "
                                        f"séparé du texte par une ligne blanche) : {_short(text)}"))
            pages[index] = page_lines[1:]


def _piece_start(kinds: list[str], real_pages: list[int], index: int) -> str:
    """Where a piece of text read in turn starts, for --explain: a page, the top of a column, or
    the text across a page under its columns."""
    if kinds[index]:
        return f"haut de la {kinds[index]}, page {real_pages[index]}"
    if index and real_pages[index - 1] == real_pages[index]:
        return f"page {real_pages[index]}, sous les colonnes"
    return f"début de la page {real_pages[index]}"


def _starts_new_block(line: str) -> bool:
    return bool(HEADING.match(line) or NUMBERED_ITEM.match(line) or BULLET_ITEM.match(line)
                or NOTE_DEFINITION.match(line))


@dataclass
class _OpenBlock:
    """A block being assembled: its lines are joined once, at the end (linear time)."""

    kind: str
    parts: list[str]
    number: int | None = None
    level: int | None = None
    line: int = 0

    def close(self) -> Block:
        first = self.parts[0] if self.parts else ""
        lead = first[:first.index(BOLD_LEAD_END)] if BOLD_LEAD_END in first else None
        parts = [part.replace(BOLD_LEAD_END, "") for part in self.parts]
        return Block(self.kind, " ".join(parts), self.number, self.level, line=self.line,
                     lines=tuple(parts) if len(parts) > 1 else (), bold_lead=lead if lead and lead.strip() else None)


def _open_block(line: str, number: int = 0) -> _OpenBlock:
    if m := NOTE_DEFINITION.match(line):
        return _OpenBlock("footnote", [m.group(2).strip()], number=int(m.group(1)), line=number)
    if m := HEADING.match(line):
        return _OpenBlock("heading", [m.group(2).strip()], level=len(m.group(1)), line=number)
    if m := NUMBERED_ITEM.match(line):
        return _OpenBlock("numbered", [m.group(3).strip()], number=int(m.group(1) or m.group(2)), line=number)
    if m := BULLET_ITEM.match(line):
        return _OpenBlock("item", [m.group(1).strip()], line=number)
    return _OpenBlock("paragraph", [line.strip()], line=number)


def _is_cut(previous: _OpenBlock, following_line: str) -> bool:
    """Was `previous` cut in mid-sentence by the page break before `following_line`?"""
    if previous.kind == "heading" or _starts_new_block(following_line):
        return False
    first = following_line.lstrip()[:1]
    return not SENTENCE_END.search(previous.parts[-1]) or (first.isalpha() and first.islower())


def _speaker_after_title(open_blocks: list[_OpenBlock], line: str) -> bool:
    """The speaker line right under a one-line title, with no blank line between: its own block."""
    return (len(open_blocks) == 1 and len(open_blocks[0].parts) == 1
            and len(open_blocks[0].parts[0]) <= MAX_RUNNING_LINE_CHARS and bool(SPEAKER_LINE.match(line.strip())))


def _opens_with_title(blocks: list[Block]) -> bool:
    """A heading first; or (a PDF has no heading markers) a short line with no final
    punctuation, followed by the speaker line."""
    if not blocks:
        return False
    first = blocks[0]
    if first.kind == "heading":
        return True
    return (first.kind == "paragraph" and len(first.text) <= MAX_RUNNING_LINE_CHARS
            and not SENTENCE_END.search(first.text) and len(blocks) > 1
            and blocks[1].kind == "paragraph" and bool(SPEAKER_LINE.match(blocks[1].plain)))


def parse_blocks(text: str) -> tuple[list[Block], list[tuple[int, str]], list[tuple[int, str]]]:
    """Raw extracted text (LF or CRLF) into blocks, with the layout artifacts removed and the
    explanation of what was done, line by line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    numbered = list(enumerate(text.split("\n"), start=1))
    artifacts: list[tuple[int, str]] = []

    kept_lines = []
    for index, (number, line) in enumerate(numbered):
        # A bare number alone between blank lines (or at either end) is a page number too.
        alone = all(not numbered[i][1].strip() for i in (index - 1, index + 1) if 0 <= i < len(numbered))
        if running_lines.is_page_number(line.replace("\f", ""), at_page_edge=alone):
            artifacts.append((number, line))
            kept_lines.append((number, "\f"))  # a page number marks a page break
        else:
            kept_lines.append((number, line))

    # Text extracted page by page (a form feed ends each page): its blank lines separate paragraphs,
    # never pages.
    extraction = text_reader.is_extraction(text)
    pages = _split_pages(kept_lines, gaps=not extraction)
    first_line_of_page = [page[0][0] for page in pages]
    explanation: list[tuple[int, str]] = [
        (number, f"{_REMOVED} (page {max(1, bisect.bisect_right(first_line_of_page, number))}, numéro de page) : {_short(line)}")
        for number, line in artifacts]
    headers = _running_lines(pages, from_top=True)
    footers = _running_lines(pages, from_top=False)
    cleaned_pages = []
    for page_number, page in enumerate(pages, start=1):
        page = _strip_edge(page, headers, artifacts, explanation, page_number, from_top=True)
        page = _strip_edge(page, footers, artifacts, explanation, page_number, from_top=False)
        cleaned_pages.append(page)
    if extraction:
        _strip_numbered_headers(cleaned_pages, numbered, artifacts, explanation)

    # Text extracted from a PDF page by page: its footnotes, paragraphs and hyphens by the PDF's
    # rules, on lines of text (actes.text_reader).
    note_blocks: list[_OpenBlock] = []
    contiguous: set[int] = set()  # lines next to the one before them in reading order, numbers apart
    plain = extraction and text_reader.is_plain(text)
    # The pieces of text read in turn: a page, or a column of a page (« colonne de gauche », « … de
    # droite »; « » across the page), each with its page's number and its measure.
    kinds = [""] * len(cleaned_pages)
    real_pages = list(range(1, len(cleaned_pages) + 1))
    measures = [0.0] * len(cleaned_pages)
    if extraction:
        full = text_reader.measure([line for page in cleaned_pages for line in page])
        pieces, real_pages = [], []
        # Columns where the extraction kept the page's spacing (-layout); a page with one line on the
        # right, where the document's other pages are in two columns.
        in_two_columns = not plain and any(text_reader.in_two_columns(page) for page in cleaned_pages)
        for number, page in enumerate(cleaned_pages, start=1):
            found = [("", page)] if plain else text_reader.columns(page, contiguous, 1 if in_two_columns else 3)
            for what, lines in found:
                if what == "colonne de gauche":
                    explanation.append((lines[0][0], f"page {number} : deux colonnes séparées par une gouttière "
                                                     "d'espaces, lues l'une après l'autre"))
                pieces.append((what, lines))
                real_pages.append(number)
        if in_two_columns:  # the measure of the lines across the page, and that of a column
            full = text_reader.measure([line for what, lines in pieces if not what for line in lines])
        in_columns = text_reader.measure([line for what, lines in pieces if what for line in lines])
        measures = [in_columns if what else full for what, _ in pieces]
        kinds = [what for what, _ in pieces]
        cleaned_pages = [lines for _, lines in pieces]
        calls = []
        for index, page in enumerate(cleaned_pages):
            page, said = text_reader.hanging_numbers(page, contiguous)
            explanation.extend(said)
            # The text a note may be called from: its page's, and the page's before.
            before = " ".join(text for earlier in range(index) if real_pages[index] - real_pages[earlier] <= 1
                              for _, text in cleaned_pages[earlier])
            body, found, said = text_reader.footnotes(page, len(note_blocks) + 1, contiguous, before)
            explanation.extend(said)
            for number, printed, note in found:
                note_blocks.append(_OpenBlock("footnote", [note], number=len(note_blocks) + 1, line=number))
                calls.append((printed, len(note_blocks), index))
                explanation.append((number, f"note de bas de page {printed} (page {real_pages[index]}) déplacée en "
                                            f"fin de texte, son appel marqué : {_short(note)}"))
            cleaned_pages[index] = body
        cleaned_pages = text_reader.mark_calls(cleaned_pages, calls, NOTE_CALL_MARK)

    def join(block: _OpenBlock, line: str, number: int) -> None:
        """A line onto the block it continues: a line-end hyphen removed where the dictionary says so."""
        joined, why = text_reader.join_lines(block.parts[-1], line) if extraction else (None, None)
        if why:
            block.parts[-1] = joined
            explanation.append((number, why))
        else:
            block.parts.append(line)

    open_blocks: list[_OpenBlock] = []
    last_row: dict[int, int] = {}  # per page, the lowest line read so far
    last_line = ""
    for page_index, page in enumerate(cleaned_pages):
        at_page_start = True
        previous_number = None
        previous_line = ""
        if kinds[page_index] != "colonne de droite" and real_pages[page_index] in last_row and open_blocks:
            # Above or below a band of columns, on the same page: the text goes on as within a page
            # (a blank line between, or the rules of a paragraph's end); only a right column starts
            # as a page does, at the top.
            at_page_start = False
            previous_number, previous_line = last_row[real_pages[page_index]], last_line
        for number, line in page:
            gap = previous_number is not None and text_reader.blank_between(previous_number, number, contiguous)
            if gap and extraction and text_reader.continues_cut_word(previous_line, line):
                gap = False
                explanation.append((number, "ligne blanche ignorée : la ligne d'avant finit sur un mot coupé, "
                                            "celle-ci le continue"))
            previous_number = number
            new_paragraph = None
            raw = line
            if extraction:
                if open_blocks and not at_page_start and not gap:
                    new_paragraph = text_reader.starts_paragraph(previous_line, line, measures[page_index],
                                                                 open_blocks[-1].kind in ("numbered", "item"),
                                                                 open_blocks[-1].parts[0])
                line = line.strip()  # its indentation was evidence (a list item's hanging indent), no more
                if item := text_reader.NUMBERED.match(line):
                    line = f"- {item.group(1)}. {item.group(2)}"  # as the PDF reader marks a numbered point
            if open_blocks and at_page_start and _is_cut(open_blocks[-1], line) and \
                    (not extraction or text_reader.page_start_continues(open_blocks[-1].parts[-1], line)):
                explanation.append((number, f"{_JOINED} ({_piece_start(kinds, real_pages, page_index)}) : elle continue le "
                                            f"paragraphe coupé par le saut de page, {_short(open_blocks[-1].parts[-1][-40:])} "
                                            f"+ {_short(line[:40])}"))
                join(open_blocks[-1], line.strip(), number)  # cut by a page break
            elif open_blocks and not at_page_start and not gap and not _starts_new_block(line) \
                    and open_blocks[-1].kind != "heading" and not _speaker_after_title(open_blocks, line) \
                    and not new_paragraph:
                join(open_blocks[-1], line.strip(), number)  # a hard-wrapped line
            else:
                if new_paragraph and not _starts_new_block(line):
                    explanation.append((number, f"nouveau paragraphe : {new_paragraph}"))
                open_blocks.append(_open_block(line, number))
            at_page_start = False
            previous_line = raw
        if page:
            last_row[real_pages[page_index]] = max(last_row.get(real_pages[page_index], 0), *(n for n, _ in page))
            last_line = previous_line
    blocks = [block.close() for block in open_blocks + note_blocks]
    if plain:
        explanation.append((1, f"{_TO_CHECK} : {text_reader.PLAIN_WARNING}"))
        for block in blocks:
            for word, compound in text_reader.glued_compounds(block.text):
                explanation.append((block.line, f"{_TO_CHECK} : « {word} » est inconnu du dictionnaire ; pdftotext a "
                                                f"peut-être ôté le trait d'union de « {compound} », coupé en fin de "
                                                "ligne (une correction éditoriale le rétablit si le PDF l'écrit ainsi)"))
    artifacts.sort()
    explanation.sort()
    return blocks, artifacts, explanation


def parse_transcript(text: str) -> Transcript:
    """Parse raw extracted text (LF or CRLF) into title, speaker line and blocks."""
    blocks, artifacts, explanation = parse_blocks(text)
    title = speaker = None
    if _opens_with_title(blocks):
        title = blocks.pop(0).text
        if blocks and blocks[0].kind == "paragraph" and SPEAKER_LINE.match(blocks[0].plain):
            speaker = blocks.pop(0).plain  # the line as read (a PDF may set it in italics)
    return Transcript(title=title, speaker=speaker, blocks=blocks, artifacts=artifacts, explanation=explanation)


_INLINE_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "[": "&#91;",
    "]": "&#93;",
    "`": "&#96;",
    "\\": "&#92;",
    "|": "&#124;",
    "_": "&#95;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
}
_INLINE_PATTERN = re.compile("|".join(re.escape(c) for c in _INLINE_ESCAPES))
_LINE_START_ESCAPES = [
    (re.compile(r"^#"), "&#35;"),
    (re.compile(r"^[-+]"), lambda m: f"&#{ord(m.group(0))};"),
    (re.compile(r"^\*(?=\s|\*|$)"), "&#42;"),
    (re.compile(r"^(\d+)([.)])"), lambda m: f"{m.group(1)}&#{ord(m.group(2))};"),
    (re.compile(r"^([!?])(?=[!?])"), lambda m: f"&#{ord(m.group(1))};"),
    (re.compile(r"^:"), "&#58;"),
]


def escape_inline(text: str) -> str:
    """Escape text so that Markdown, HTML, Jinja and attr_list render it verbatim.

    Emphasis written as ``*x*`` in the source is kept: it is the sources' own markup.
    """
    return escape_characters(" ".join(text.split()))


def escape_characters(text: str) -> str:
    """Escape, in text already on one line, what Markdown, HTML, Jinja and attr_list would read."""
    text = _INLINE_PATTERN.sub(lambda m: _INLINE_ESCAPES[m.group(0)], text)
    for pattern, replacement in _LINE_START_ESCAPES:
        text = pattern.sub(replacement, text, count=1)
    return text


def content_hash(markdown_without_hash: str) -> str:
    return "sha256:" + hashlib.sha256(markdown_without_hash.encode("utf-8")).hexdigest()


def generated_state(markdown: str) -> str:
    """'intact' for a file as `actes convert` wrote it, 'edited' if changed since, 'foreign' if not ours."""
    match = HASH_LINE.search(markdown)
    if not markdown.startswith("---\n") or GENERATOR_LINE not in markdown.split("\n---\n", 1)[0] or not match:
        return "foreign"
    without = markdown[:match.start()] + markdown[match.end():]
    return "intact" if content_hash(without) == match.group(1) else "edited"


def markdown_body(markdown: str) -> str:
    """A converted transcript without its front matter: what a page renders."""
    if markdown.startswith("---\n") and "\n---\n" in markdown:
        return markdown.split("\n---\n", 1)[1]
    return markdown


def to_markdown(transcript: Transcript) -> str:
    """Render a transcript as Markdown: title, speaker line, generator and content hash in front matter."""
    meta = {}
    if transcript.title:
        meta["title"] = plain_text(transcript.title)
    if transcript.speaker:
        meta["speaker"] = transcript.speaker
    if transcript.roster:
        meta["roster"] = list(transcript.roster)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) if meta else ""
    out = [f"---\n{front}{GENERATOR_LINE}\n---"]
    previous_kind = None
    headings = 0
    for block in transcript.blocks:
        text = NOTE_CALL.sub(r"[^\1]", escape_inline(block.text)).replace(LITERAL_STAR, "&#42;")
        if block.kind == "footnote":
            line = f"[^{block.number}]: {text}"
        elif block.kind == "heading":
            headings += 1  # an explicit, positional anchor: never derived from the heading's words
            line = f"{'#' * max(2, block.level or 2)} {text} {{ #partie-{headings} }}"
        elif block.kind == "numbered":
            line = f"{block.number}. {text}"
        elif block.kind == "item":
            line = f"- {text}"
        else:
            line = text
        if block.label is not None:  # a turn opens with its label as printed, in bold
            label = escape_inline(block.label).replace("*", "&#42;")
            line = f"**{label}** {block.separator + ' ' if block.separator else ''}{text}"  # « – », « — », « - », « : »
        tight = block.kind == previous_kind and block.kind in ("numbered", "item")
        if out and not tight:
            out.append("")
        out.append(line)
        previous_kind = block.kind
    markdown = "\n".join(out) + "\n"
    # The hash covers everything but its own line, which goes right after the generator line.
    marker = f"{GENERATOR_LINE}\n"
    position = markdown.index(marker) + len(marker)
    return markdown[:position] + f"content_hash: {content_hash(markdown)}\n" + markdown[position:]


def convert(text: str) -> str:
    """Raw extracted text in, clean Markdown out. A file `actes convert` made, unedited, comes back unchanged."""
    normalised = text.replace("\r\n", "\n")
    if generated_state(normalised) == "intact":
        return normalised
    return to_markdown(parse_transcript(text))
