"""Read a PDF with its layout (pdfminer.six, MIT licence): each line with its position, size and
style, so that what a page's layout adds is removed by geometry, not guessed from the words.

- Running headers and footers: lines among the first or last of a page that come back at the same
  height on other pages (digits aside); page numbers (« 2 », « - 2 - », « Page 2 sur 4 ») there too.
- Columns: a vertical gutter that no long line crosses splits a page; each column is read in turn.
- Footnotes: the smaller type after a page's last line of body text; their raised calls in the text.
- The title: the largest type of the first page. Italics become `*…*`. Ligatures are unfolded.
- Lines are joined into paragraphs by their spacing and indentation; a hyphen at a line end goes
  only when it cuts a word (actes.french_words), and every decision is said.

The result is the text the converter reads (actes.convert): paragraphs separated by a blank line,
the title as `## …`, numbered points as `- N. …`, footnote calls and texts as private-use markers
that the converter writes as Markdown footnotes; plus what was done, page by page, for
`actes convert --explain`.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from actes import running_lines, text_reader
from actes.convert import BOLD_LEAD_END, LITERAL_STAR, NOTE_CALL, NOTE_CALL_MARK, NOTE_TEXT_MARK, READER_MARKERS, plain_text
from actes.french_words import join_hyphenated

# How many lines at the top and bottom of a page may be running headers and footers.
EDGE_LINES = 4
SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")
ITEM = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
BULLETS = "•▪◦·"
# How many lines must start at each column's edge for a band of a page to be read as two columns.
MIN_COLUMN_LINES = 3
LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool  # every letter in bold
    text: str  # with *italics* and note calls
    plain: str  # the characters only, for comparisons
    starts_with_call: str | None = None  # a footnote's own number, raised, at its start
    italic: bool = False  # every letter in italics (a roster line, a caption)
    opens_bold: bool = False  # its first letter in bold (a speaker's label, or what remains of one)


@dataclass
class Reading:
    text: str
    pages: int
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, what was done)


def _fontname(char) -> str:
    return (getattr(char, "fontname", "") or "").split("+")[-1].lower()


def _line(page: int, height: float, layout_line) -> Line | None:
    from pdfminer.layout import LTChar

    chars = [c for c in layout_line if isinstance(c, LTChar)]
    visible = [c for c in chars if c.get_text().strip()]
    if not visible:
        return None
    size = Counter(round(c.size, 1) for c in visible).most_common(1)[0][0]
    normal = [c for c in visible if c.size >= 0.9 * size] or visible
    baseline = statistics.median(c.y0 for c in normal)
    pieces: list[tuple[str, bool]] = []  # (text, italic)
    pending_call = ""
    lead = "before"  # the words the line opens with in bold: before, in, done (convert.BOLD_LEAD_END)
    for item in layout_line:
        text = item.get_text()
        if not isinstance(item, LTChar):
            pending_call = _flush_call(pending_call, pieces)
            pieces.append((" " if text.isspace() else text, False))
            continue
        if text.strip() and lead != "done":
            bold_char = "bold" in _fontname(item)
            if lead == "before":
                lead = "in" if bold_char else "done"
            elif not bold_char:
                pieces.append((BOLD_LEAD_END, False))
                lead = "done"
        raised = text.isdigit() and item.size < 0.9 * size and item.y0 - baseline > 0.12 * size
        if raised:
            pending_call += text
            continue
        pending_call = _flush_call(pending_call, pieces)
        text = READER_MARKERS.sub("", LIGATURES.get(text, text)).replace("*", LITERAL_STAR)
        font = _fontname(item)
        pieces.append((text, "italic" in font or "oblique" in font))
    _flush_call(pending_call, pieces)
    text = _with_italics(pieces)
    starts_with_call = None
    if text.startswith("\ue000"):
        starts_with_call = text[1:text.index("\ue001")]
        text = text[text.index("\ue001") + 1:].lstrip()
    plain = plain_text(text).replace(BOLD_LEAD_END, "")
    letters = [c for c in visible if c.get_text().isalpha()]
    # Wholly bold (a heading, a name on its own line): a bold label that opens a line of roman text,
    # however much of a narrow column it fills, does not make the line another paragraph.
    bold = bool(letters) and all("bold" in _fontname(c) for c in letters)
    italic = bool(letters) and all("italic" in _fontname(c) or "oblique" in _fontname(c) for c in letters)
    return Line(page, layout_line.x0, layout_line.x1, height - layout_line.y1, height - layout_line.y0, size, bold,
                text, plain, starts_with_call, italic, bool(letters) and "bold" in _fontname(letters[0]))


def _flush_call(pending: str, pieces: list) -> str:
    """The raised figures read so far, as one footnote call (actes.convert's mark); none left pending."""
    if pending:
        pieces.append((NOTE_CALL_MARK.format(pending), False))
    return ""


def _with_italics(pieces: list[tuple[str, bool]]) -> str:
    """Join characters, put italic runs between stars (spaces outside), fold runs of spaces."""
    out, run = [], []

    def close():
        if run:
            word = "".join(run)
            stripped = word.strip()
            if stripped:
                lead = word[:len(word) - len(word.lstrip())]
                trail = word[len(word.rstrip()):]
                out.append(f"{lead}*{stripped}*{trail}")
            else:
                out.append(word)
            run.clear()

    for text, italic in pieces:
        if italic:
            run.append(text)
        elif text == " " and run:
            run.append(text)
        else:
            close()
            out.append(text)
    close()
    return " ".join("".join(out).split())


def _layout_lines(layout) -> list:
    from pdfminer.layout import LTTextLine

    if isinstance(layout, LTTextLine):
        return [layout]
    lines = []
    for child in getattr(layout, "_objs", []):
        lines += _layout_lines(child)
    return lines


def _merge_fragments(lines: list[Line]) -> list[Line]:
    """Pieces of one printed line that the extraction split (a wide justified gap, a list number
    set apart): same baseline, side by side."""
    merged: list[Line] = []
    for line in sorted(lines, key=lambda l: (round(l.bottom), l.x0)):
        last = merged[-1] if merged else None
        if (last and abs(last.bottom - line.bottom) < 0.35 * line.size and line.x0 >= last.x1 - 1
                and line.x0 - last.x1 < 6 * line.size and abs(last.size - line.size) < 0.5):
            merged[-1] = replace(last, x1=line.x1, top=min(last.top, line.top), bottom=max(last.bottom, line.bottom),
                                 bold=last.bold and line.bold, text=f"{last.text} {line.text}",
                                 plain=f"{last.plain} {line.plain}", italic=last.italic and line.italic)
        else:
            merged.append(line)
    return merged


def _key(line: Line) -> str:
    return running_lines.key(line.plain, line.page)


def _running(pages: list[list[Line]]) -> set[tuple[str, int, bool]]:
    """(key, height, top) of the edge lines found on at least two pages (actes.running_lines)."""
    def edges(lines):
        ordered = sorted(lines, key=lambda l: l.top)
        return ({(_key(l), round(l.top / 4), True) for l in ordered[:EDGE_LINES]}
                | {(_key(l), round(l.bottom / 4), False) for l in ordered[-EDGE_LINES:]})

    return running_lines.repeated(edges(lines) for lines in pages)


def _is_running(line: Line, running: set, ordered: list[Line], body_size: float) -> str | None:
    position = ordered.index(line)
    at_top, at_bottom = position < EDGE_LINES, position >= len(ordered) - EDGE_LINES
    if not (at_top or at_bottom):
        return None
    if running_lines.is_page_number(line.plain, at_page_edge=True):
        return "numéro de page"
    # A line in smaller type at the very edge that ends with this page's number: a running line,
    # even on a document of one page, where nothing repeats (a footnote starts with its number).
    edge = position == 0 or position == len(ordered) - 1
    if edge and line.size < 0.95 * body_size and re.search(rf"(?:^|\s){line.page}$", line.plain):
        return "en-tête courant" if at_top else "pied de page courant"
    for delta in (-1, 0, 1):
        if at_top and (_key(line), round(line.top / 4) + delta, True) in running:
            return "en-tête courant"
        if at_bottom and (_key(line), round(line.bottom / 4) + delta, False) in running:
            return "pied de page courant"
    return None


def _aligned(lines: list[Line]) -> int:
    """How many of these lines start at the most common left edge (within 1.5 pt)."""
    if not lines:
        return 0
    edge = Counter(round(l.x0) for l in lines).most_common(1)[0][0]
    return sum(abs(l.x0 - edge) <= 1.5 for l in lines)


def _columns(lines: list[Line], width: float, gutters=None, *, strict: bool = True):
    """The page's lines in reading order, as runs read top to bottom, and the gutter found.

    Lines that cross the gutter (a title, a speaker line, a heading across the page) cut the page
    into bands; a band with lines on both sides of the gutter and none across it is two columns,
    read left then right. Strict: each of its columns has at least three lines that start at its edge
    (pieces of justified lines split by the extraction end together at the right margin, and two of
    them may start together in the middle by chance: a property test found a narrow justified page
    where two did). Not strict, at a gutter a strict page of the document showed: a
    column may be one line. Of the gutters tried, the one that reads the most lines in two columns
(a narrow gutter may find a band of two columns among lines it wrongly sees across the page). No
band in two columns: one run, top to bottom."""
    ordered = sorted(lines, key=lambda l: (l.top, l.x0))
    best: tuple[int, list[list[Line]], float | None] = (0, [ordered], None)
    for gutter in gutters or (width * f / 100 for f in range(40, 61, 2)):
        runs: list[list[Line]] = []
        band: list[Line] = []
        across: list[Line] = []
        in_columns = 0  # lines read in two columns at this gutter
        for line in ordered + [None]:
            if line is None or (line.x0 < gutter - 1 and line.x1 > gutter + 1):
                left = [l for l in band if l.x1 <= gutter + 1]
                right = [l for l in band if l.x0 >= gutter - 1]
                split = (_aligned(left) >= MIN_COLUMN_LINES and _aligned(right) >= MIN_COLUMN_LINES) if strict else bool(left and right)
                if band and split:
                    runs += [left, right]
                    in_columns += len(band)
                elif band:
                    runs.append(band)
                if line is not None and band == [] and runs and runs[-1] is across:
                    across.append(line)  # lines across the page, one after the other: one run
                elif line is not None:
                    across = [line]
                    runs.append(across)
                band = []
            else:
                band.append(line)
        if in_columns > best[0]:
            best = (in_columns, runs, gutter)
    return best[1], best[2]


def read_pdf_layout(path) -> Reading:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    notes: list[tuple[str, str]] = []
    pages: list[list[Line]] = []
    widths: list[float] = []
    for number, layout in enumerate(extract_pages(str(path), laparams=LAParams(line_margin=0.3)), start=1):
        pages.append([line for line in (_line(number, layout.height, l) for l in _layout_lines(layout)) if line])
        widths.append(layout.width)
    # The body's type: the most used size, a page's first and last lines aside (headers, footers).
    inner = [l for page in pages for l in sorted(page, key=lambda l: l.top)[1:-1]] or [l for p in pages for l in p]
    body_size = Counter(round(l.size) for l in inner for _ in l.plain).most_common(1)
    body_size = body_size[0][0] if body_size else 12

    running = _running(pages)
    stream: list[tuple[Line, bool, float]] = []  # (line, first of its column, the column's left edge)
    footnotes: list[tuple[int, str, str]] = []  # (page, number, text)
    body_lines: list[tuple[list[Line], float]] = []
    for number, (lines, width) in enumerate(zip(pages, widths), start=1):
        ordered = sorted(lines, key=lambda l: l.top)
        found = {id(line): _is_running(line, running, ordered, body_size) for line in ordered}
        # A header that carries the page number, set apart on the same baseline (« Actes … 2 »): the
        # number alone was found; its companion at the page's edge goes with it, even on one page.
        numbers = [l for l in ordered if found[id(l)] == "numéro de page"]
        edges = ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]
        for line in edges:
            if not found[id(line)] and any(abs(line.bottom - n.bottom) < 0.3 * n.size and line is not n
                                           for n in numbers):
                found[id(line)] = "en-tête courant" if line in ordered[:EDGE_LINES] else "pied de page courant"
        kept = []
        for line in ordered:
            why = found[id(line)]
            if why:
                notes.append((f"page {number}", f"ligne retirée ({why}) : « {line.plain} »"))
            else:
                kept.append(line)
        body = [l for l in kept if l.size >= 0.9 * body_size or l.size > body_size]
        last_body = max((l.bottom for l in body), default=0)
        small_after = [l for l in kept if l.top >= last_body - 1 and l.size < 0.9 * body_size]
        for line in sorted(small_after, key=lambda l: l.top):
            numbered = re.match(r"^(\d{1,3})[.)]?\s*([^\d\s.)].*)$", line.text)
            if line.starts_with_call or numbered:
                note_number = line.starts_with_call or numbered.group(1)
                footnotes.append((number, note_number, line.text if line.starts_with_call else numbered.group(2)))
                notes.append((f"page {number}", f"note de bas de page {note_number} déplacée en fin de texte"))
            elif footnotes:
                footnotes[-1] = (*footnotes[-1][:2], _join(footnotes[-1][2], line.text, notes, number))
            else:  # small type that is not a note: body text
                small_after = []
                break
        body_lines.append(([l for l in kept if l not in small_after], width))
    found = [_columns(lines, width) for lines, width in body_lines]
    gutters = sorted({gutter for _, gutter in found if gutter is not None})
    for number, ((lines, width), (columns, gutter)) in enumerate(zip(body_lines, found), start=1):
        if gutter is None and gutters:  # a page of a document in two columns, with little text
            columns, _ = _columns(lines, width, gutters, strict=False)
        columns = [_merge_fragments(column) for column in columns]
        if len(columns) > 1:
            notes.append((f"page {number}", "deux colonnes, lues l'une après l'autre"))
        for column in columns:
            # The column's text edge: where most body lines start (headings may stand out of it).
            starts = Counter(round(l.x0) for l in column if abs(l.size - body_size) < 1) or \
                Counter(round(l.x0) for l in column)
            margin = starts.most_common(1)[0][0] if starts else 0
            for index, line in enumerate(column):
                stream.append((line, index == 0, margin))  # a column's first line may go on a paragraph
    numbering = _number_footnotes(footnotes, stream)
    return Reading(_paragraphs(stream, body_size, notes) + "".join(
        f"\n\n{NOTE_TEXT_MARK.format(numbering[page, n])}{text}" for page, n, text in footnotes) + "\n", len(pages), notes)


def _number_footnotes(footnotes: list[tuple[int, str, str]], stream) -> dict[tuple[int, str], int]:
    """One number per note in the document. A call goes to the note of its number: the only one, or
    (a layout that starts again at 1 on each page) the one on its page or the next pages. A raised
    figure with no note of its number (« m2 », « 10^3 ») stays a figure."""
    numbering = {(page, n): index for index, (page, n, _) in enumerate(footnotes, start=1)}
    pages_of: dict[str, list[int]] = {}
    for page, n, _ in footnotes:
        pages_of.setdefault(n, []).append(page)

    def renumbered(page: int, match: re.Match) -> str:
        pages = pages_of.get(match.group(1))
        if not pages:
            return match.group(1)
        here = [p for p in pages if p >= page] or pages[-1:]
        return NOTE_CALL_MARK.format(numbering[here[0], match.group(1)])

    for line, _, _ in stream:
        line.text = NOTE_CALL.sub(lambda match: renumbered(line.page, match), line.text)
    return numbering


def _join(text: str, following: str, notes: list, page: int) -> str:
    """Join a line to the next one: a space, or a line-end hyphen kept or removed."""
    match = re.search(r"([^\W\d_]+)[-\u2010](\*?)$", text)
    next_word = re.match(r"^(\*?)([^\W\d_]+)", following)
    if text.endswith("\u00ad"):
        return text[:-1] + following
    if match and next_word and next_word.group(2)[:1].islower():
        remove, why = join_hyphenated(match.group(1), next_word.group(2))
        notes.append((f"page {page}", f"trait d'union en fin de ligne {why}"))
        if match.group(2) and next_word.group(1):  # one italic run across the line end: « *co-* *construire* »
            text, following = text[:-1], following[1:]
        elif match.group(2):  # the italics end at the hyphen: put the star back after the joined word
            text = text[:-1]
            following = re.sub(r"^([^\W\d_]+)", r"\1*", following, count=1)
        hyphen_at = len(text) - 1
        return (text[:hyphen_at] if remove else text) + following
    if match and next_word and next_word.group(2)[:1].isupper() and bool(match.group(2)) == bool(next_word.group(1)):
        notes.append((f"page {page}", f"trait d'union en fin de ligne gardé : « {match.group(1)}-{next_word.group(2)} » "
                                      "(devant une majuscule, un nom composé)"))
        return text[:-1] + following[1:] if match.group(2) else text + following  # one italic run: « *Deux-Rives* »
    if text.endswith("*") and following.startswith("*") and not text.endswith("**"):
        return f"{text[:-1]} {following[1:]}"  # one italic run across the line end: « *in fine* »
    return f"{text} {following}"


def _paragraphs(stream: list[tuple[Line, bool, float]], body_size: float, notes: list) -> str:
    """Lines into paragraphs: a new one after a wider gap, at an indent, at a change of type, at a
    numbered point; across a page break, the paragraph goes on when its text does not end a sentence."""
    gaps = [b.top - a.bottom for (a, _, _), (b, first, _) in zip(stream, stream[1:])
            if not first and a.size == b.size and 0 <= b.top - a.bottom < body_size]
    usual_gap = statistics.median(gaps) if gaps else 0.2 * body_size
    right_edge: dict[int, float] = {}  # each page's widest line: where a full line ends
    column_edge: dict[tuple[int, float], float] = {}  # the same, in each column (by its left edge)
    for line, _, margin in stream:
        right_edge[line.page] = max(right_edge.get(line.page, 0), line.x1)
        column_edge[line.page, margin] = max(column_edge.get((line.page, margin), 0), line.x1)
    blocks: list[list] = []  # [kind, text, last line]
    title_done = False
    for line, first_of_page, margin in stream:
        # The title: the first page's first lines in large type, all of one size.
        in_title = blocks and blocks[-1][0] == "title" and abs(line.size - blocks[-1][2].size) < 0.5
        if not title_done and line.size >= 1.2 * body_size and line.page == 1 and (not blocks or in_title):
            if in_title:
                blocks[-1][1] += " " + line.text
                blocks[-1][2] = line
            else:
                blocks.append(["title", line.text, line])
            continue
        title_done = title_done or bool(blocks)
        # A heading: larger type than the text, its lines of one size.
        if line.size >= 1.15 * body_size:
            previous = blocks[-1] if blocks else None
            # A heading wrapped over lines: the same type, on the same page, no paragraph's space between.
            if previous and previous[0] == "heading" and abs(previous[2].size - line.size) < 0.5 \
                    and line.page == previous[2].page and line.top - previous[2].bottom < 0.5 * line.size:
                previous[1] += " " + line.text
                previous[2] = line
            else:
                blocks.append(["heading", line.text, line])
            continue
        item = ITEM.match(line.plain) and line.size >= 0.9 * body_size
        bullet = line.plain[:1] in BULLETS and line.plain[1:2] == " "
        previous = blocks[-1] if blocks else None
        if previous is None or previous[0] in ("title", "heading"):
            new = True
        elif first_of_page:
            new = bool(SENTENCE_END.search(previous[1])) and not line.text[:1].islower() or item or bullet
            if not new:
                notes.append((f"page {line.page}", "paragraphe coupé par un saut de page ou de colonne rejoint"))
        else:
            last = previous[2]
            gap = line.top - last.bottom
            # A line wholly in italics after one in roman type (or the reverse) that stopped short of
            # the measure: another paragraph (a roster's lines, then the first words spoken). A line
            # wholly in bold, then roman: another paragraph, unless the bold goes on (a speaker's
            # label wrapped in a narrow column: « Mme de La Tour d'Au- / vergne : Je… »).
            short = last.x1 < right_edge[last.page] - 2 * body_size
            new = bool(item or bullet or gap > usual_gap + 0.35 * body_size or abs(line.size - last.size) > 0.5
                       or line.bold != last.bold and not (last.bold and line.opens_bold)
                       or line.x0 > margin + 0.8 * body_size and previous[0] not in ("item", "bullet")
                       or previous[0] in ("item", "bullet") and line.x0 < last.x0 - 0.8 * body_size
                       or line.italic != last.italic and short)
            # The rules of every format (actes.text_reader): a speaker's label, a complete roster
            # line, a sentence that ends short of the measure, a line that stops well short of it.
            if not new and previous[0] == "paragraph":
                edge = column_edge[line.page, margin]
                reason = text_reader.paragraph_break(
                    last.plain, line.plain, plain_text(previous[1]), short=last.x1 < edge - 2 * body_size,
                    stops=last.x1 < margin + 0.7 * (edge - margin))
                if reason:
                    new = True
                    notes.append((f"page {line.page}", f"nouveau paragraphe : {reason}"))
        if new:
            if bullet:
                blocks.append(["bullet", "- " + line.text.lstrip(BULLETS).strip(), line])
                notes.append((f"page {line.page}", "ligne à puce : un élément de liste"))
            elif item:
                match = ITEM.match(line.text) or ITEM.match(line.plain)
                blocks.append(["item", f"- {match.group(1)}. {match.group(2)}", line])
            else:
                blocks.append(["paragraph", line.text, line])
        else:
            # A bold lead counts at a paragraph's start only, or after a label wrapped in bold.
            keep = previous[2].bold and BOLD_LEAD_END not in previous[1]
            previous[1] = _join(previous[1], line.text if keep else line.text.replace(BOLD_LEAD_END, ""),
                                notes, line.page)
            previous[2] = line
    # Headings by their type, larger first: ###, ####… (a title of an intervention above its sections).
    sizes = sorted({round(line.size * 2) / 2 for kind, _, line in blocks if kind == "heading"}, reverse=True)
    out = []
    for kind, text, line in blocks:
        if kind == "heading":
            text = "#" * min(3 + sizes.index(round(line.size * 2) / 2), 6) + " " + text
        out.append(f"## {text}" if kind == "title" else text)
    return "\n\n".join(out)
