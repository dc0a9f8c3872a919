"""The rules of a text extracted from a PDF page by page (`pdftotext`, plain or `-layout`: pages
end with a form feed), applied by the converter (actes.convert.parse_blocks) to the lines of text
where the PDF reader (actes.pdf_reader) applies them to positioned lines: footnotes by their place
at the page's bottom and their calls in its text, line-end hyphens by the French dictionary rule,
and paragraphs by the measure and sentence ends (a plain extraction leaves no blank line between
paragraphs). Running lines and page numbers are the converter's, as for every text.

Every function works on the source's own lines, by their number, so that `actes convert --explain`
names the line of the file each rule acted on.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter

from actes.french_words import PREFIXES, is_french, join_hyphenated

# A footnote at the page's bottom: its number, glued to its text or not (« 1Une convention… »), or
# followed by a point as WeasyPrint prints it (« 1. Les notices… », then a capital).
NOTE_START = re.compile(r"^(\d{1,3})(?:\.\s+(?=[A-ZÀ-Ý«\"])|\s?(?=[^\W\d_«\"(]))(.*)$")
# A number or a bullet alone on its line, set apart from its text by the extraction: a note's
# (« 1 »), a numbered point's (« 1. ») or a list item's (« • »).
HANGING_NUMBER = re.compile(r"^(?:\d{1,3}[.)]?|[•▪◦·‣●])$")
# A numbered point or a bullet as an extraction prints them.
ITEM = re.compile(r"^(?:\d{1,3}[.)]|[•▪◦·])\s")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")
CONTENTS_ENTRY = re.compile(r"\.{4,}\s*\d{1,4}$")  # a title, dotted leaders, its page
# The words a line does not end on when what follows is another paragraph.
CONTINUES = re.compile(r"(?:\b(?:de|du|des|la|le|les|au|aux|à|et|en|pour|sur|chez|par)|\b[dl]['’])$", re.IGNORECASE)
CIVILITY_END = re.compile(r"(?:^|\s)(?:M|MM|Mme|Mmes|Mlle|Mlles|Dr|Pr|Me)\.?$")
HYPHEN_END = re.compile(r"([^\W\d_]+)[-\u2010]$")
NEXT_WORD = re.compile(r"^([^\W\d_]+)")
# A line that opens with a speaker's label, as French proceedings print them (actes.structure reads
# who it names): « M. Yann Le Goff. – », « Mme Martin : », « THOMAS NGUYEN. – », « Le président. – ».
LABEL = re.compile(r"^(?:(?:M\.|Mme|Mlle|Dr|Pr)\s+[^\W\d_][\w'’ -]{0,60}?|[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)+"
                   r"|(?:Le|La)\s+(?:président|présidente|modérateur|modératrice)|(?:Un|Une)\s+(?:participant|participante"
                   r"|intervenant|intervenante)(?:\s+dans la salle)?|De la salle|Question de la salle)\.?\s+(?P<separator>–|—|:)\s")

Line = tuple[int, str]  # (number in the source, the line as read, indentation kept)


def is_extraction(text: str) -> bool:
    """Text extracted page by page: pdftotext ends every page with a form feed, even a single one."""
    return "\f" in text


# pdftotext -layout keeps the page's spacing: lines indented, words spaced out by justification.
LAYOUT_SPACING = re.compile(r"\S {3,}\S|^ {2,}\S", re.MULTILINE)
PLAIN_WARNING = ("extraction de pdftotext sans -layout : pdftotext y a recollé lui-même les mots coupés en fin de "
                 "ligne et choisi l'ordre des colonnes ; le PDF, ou son extraction par pdftotext -layout, se lit plus "
                 "fidèlement")


def is_plain(text: str) -> bool:
    """Text extracted by pdftotext without -layout: no line keeps the page's spacing."""
    return is_extraction(text) and not LAYOUT_SPACING.search(text)


def glued_compounds(text: str) -> list[tuple[str, str]]:
    """Words that a plain extraction may have glued: unknown to the dictionary, made of two words
    (or a prefix and a word), as pdftotext leaves a compound cut at a line end once it has removed
    its hyphen (« tables-/rondes » → « tablesrondes »). Only said, to be checked: a word the
    dictionary does not know may be written so. [(word, the compound it may be)]."""
    found = []
    for word in dict.fromkeys(re.findall(r"(?<![^\W\d_'’])[a-zà-ÿœæ]{7,}(?![^\W\d_'’])", text)):
        if is_french(word):
            continue
        splits = [(word[:i], word[i:]) for i in range(2, len(word) - 2)
                  if is_french(word[i:]) and len(word[i:]) >= 4 and (
                      len(word[:i]) >= 3 and is_french(word[:i]) or word[:i] in PREFIXES)]
        if len(splits) == 1:
            found.append((word, "-".join(splits[0])))
    return found


def _width(line: str) -> int:
    return len(line.rstrip())


def measure(lines: list[Line]) -> float:
    """Where a full line ends, in characters: the usual length of the lines a paragraph goes on
    after (the next starts with a small letter)."""
    full = [_width(a) for (_, a), (_, b) in zip(lines, lines[1:]) if b.strip()[:1].islower()]
    if len(full) < 3:  # a short text whose paragraphs hold on a line or two: its longest lines
        return max((_width(line) for _, line in lines), default=0)
    return statistics.median(full)


@functools.lru_cache(maxsize=256)
def _call(number: int, *, spaced: bool = True) -> re.Pattern:
    """A note's call as an extraction prints it: the number right after a word, or after its
    punctuation (a space before it where `spaced`), or after a point that pdftotext -layout set
    between the word and its raised call (« cheurs .1 », the point in group `point`)."""
    space = r"\s?" if spaced else ""
    return re.compile(rf"(?<=[^\W\d_]){space}{number}(?=[\s.,;:!?»)]|$)"
                      rf"|(?<=[^\W\d_][.,;:!?»)]){space}{number}(?=\s|$)"
                      rf"|(?<=[^\W\d_]) (?P<point>[.,]){number}(?=\s|$)")


def _called(number: int, text: str) -> bool:
    """Does the text call this note?"""
    return bool(_call(number).search(text))


def hanging_numbers(page: list[Line], contiguous: set[int]) -> tuple[list[Line], list[tuple[int, str]]]:
    """A number alone on its line, followed by a line of text (after one blank line at most), is
    that text's: a footnote's number or a numbered point's, which the extraction set apart (groff's
    hanging labels, Chromium's notes). The line joined to its number takes the number's place, and
    the line after it stays next to it (`contiguous`, updated: the numbers of lines whose
    predecessor is next to them, blank lines or not). (The page, what was joined, line by line.)"""
    out: list[Line] = []
    said = []
    index = 0
    while index < len(page):
        number, text = page[index]
        # Several labels one under the other, then as many lines of text (pdftotext lists the
        # bullets of a list, then its items): each label to its line, when the items are one line
        # each (a blank line or the page's end after them).
        labels = 1
        while index + labels < len(page) and HANGING_NUMBER.match(page[index + labels][1].strip()) and \
                page[index + labels][0] == number + labels:
            labels += 1
        items = page[index + labels:index + 2 * labels]
        if labels > 1 and HANGING_NUMBER.match(text.strip()) and len(items) == labels \
                and items[0][0] - (number + labels - 1) <= 2 \
                and all(b[0] == a[0] + 1 for a, b in zip(items, items[1:])) \
                and not any(HANGING_NUMBER.match(t.strip()) or t.strip()[:1].isdigit() for _, t in items) \
                and (index + 2 * labels == len(page) or page[index + 2 * labels][0] > items[-1][0] + 1):
            for (label_number, label), (item_number, item) in zip(page[index:index + labels], items):
                out.append((label_number, f"{label.strip()} {item.strip()}"))
                said.append((label_number, f"{_alone(label)} au texte qui lui répond (ligne {item_number}) : "
                                           f"« {label.strip()} »"))
            index += 2 * labels
            continue
        following = page[index + 1] if index + 1 < len(page) else None
        if HANGING_NUMBER.match(text.strip()) and following and following[0] - number <= 2 \
                and not following[1].strip()[:1].isdigit():
            out.append((number, f"{text.strip()} {following[1].strip()}"))
            said.append((number, f"{_alone(text)} au texte qui le suit (ligne {following[0]}) : « {text.strip()} »"))
            if index + 2 < len(page) and page[index + 2][0] == following[0] + 1:
                contiguous.add(page[index + 2][0])
            index += 2
            continue
        out.append((number, text))
        index += 1
    return out, said


def _alone(label: str) -> str:
    return "numéro seul sur sa ligne rattaché" if label.strip()[:1].isdigit() else "puce seule sur sa ligne rattachée"


def blank_between(previous: int, number: int, contiguous: set[int]) -> bool:
    """A blank line between two lines read in turn (by their numbers in the source): numbers apart,
    unless the line is `contiguous` with the one before it (a column's next line, a label's text)."""
    return number - previous > 1 and number not in contiguous


def continues_cut_word(previous: str, line: str) -> bool:
    """A line that goes on with the word the line before cut (« per- » / « mettrait »): no
    paragraph ends on a cut word, so a blank line between them is the extraction's."""
    return bool(HYPHEN_END.search(previous.rstrip())) and line.strip()[:1].islower()


def _gap(page: list[Line], index: int, contiguous: set[int]) -> bool:
    """A blank line between the page's line `index` and the next."""
    return index + 1 < len(page) and blank_between(page[index][0], page[index + 1][0], contiguous)


def _unglue_note(page: list[Line], first: int, contiguous: set[int], before: str
                 ) -> tuple[list[Line], list[tuple[int, str]]]:
    """A note's opening that the extraction glued to the end of a body line among the page's
    lowest (pdftotext joins a line ended by a hyphen to the next, here the note's: « …des ré1Les
    notices… »), numbered `first` or 1 and called above: cut from it onto its own line, and the
    hyphen pdftotext removed put back. (The page, what was done.)"""
    for index in range(len(page) - 1, max(-1, len(page) - 16), -1):
        if _gap(page, index, contiguous):
            break
        number, text = page[index]
        for expected in dict.fromkeys((first, 1)):
            glued = re.search(rf"(?<=[^\W\d_]){expected}(?=[A-ZÀ-Ý][^\W\d_])", text)
            body = text[:glued.start()].rstrip() if glued else ""
            if glued and _called(expected, " ".join([before, *(t.strip() for _, t in page[:index]), body])):
                said = (number, f"note {expected} détachée de la ligne où l'extraction l'avait collée, et le trait "
                                f"d'union qu'elle y avait retiré rétabli : « {body.split()[-1] if body.split() else ''}- »")
                return page[:index] + [(number, body + "-"), (number, text[glued.start():])] + page[index + 1:], [said]
    return page, []


def footnotes(page: list[Line], first: int, contiguous: set[int] = frozenset(), before: str = ""
              ) -> tuple[list[Line], list[tuple[int, int, str]], list[tuple[int, str]]]:
    """The notes at the bottom of a page (its running lines already removed): its lowest lines, with
    no blank line among them, from a line that opens with a number the text calls (this page's, or
    `before`: the previous page's, where a layout may leave the call of a note it carries over), the
    numbers following on from `first` (the document's next) or from 1 (a layout that numbers again
    on each page). A note whose number the extraction glued to the end of the line above is cut
    from it, with the hyphen it removed there. (The page's other lines, [(line, number, text)], what
    was done, line by line.)"""
    page, said = _unglue_note(page, first, contiguous, before)
    cut = None
    for index in range(len(page) - 1, max(-1, len(page) - 16), -1):
        if _gap(page, index, contiguous) and not NOTE_START.match(page[index + 1][1].strip()):
            break  # a blank line: the notes are below it (a blank line between two notes, Chromium's)
        starts = [int(m.group(1)) for _, text in page[index:] if (m := NOTE_START.match(text.strip()))]
        if not NOTE_START.match(page[index][1].strip()) or starts[0] not in (first, 1) \
                or starts != list(range(starts[0], starts[0] + len(starts))):
            continue
        above = before + " " + " ".join(text.strip() for _, text in page[:index])
        if all(_called(n, above) for n in starts):
            cut = index
    if cut is None:
        return page, [], []
    notes: list[list] = []
    for number, text in page[cut:]:
        match = NOTE_START.match(text.strip())
        if match and (not notes or int(match.group(1)) == notes[-1][1] + 1):
            notes.append([number, int(match.group(1)), match.group(2).strip()])
        else:
            notes[-1][2] = join_lines(notes[-1][2], text.strip())[0]
    return page[:cut], [tuple(note) for note in notes], said


def mark_calls(pages: list[list[Line]], calls: list[tuple[int, int, int]], mark: str) -> list[list[Line]]:
    """The pages' lines with the calls of their notes, in order, as `mark` (formatted with the note's
    number in the document): `calls` are (number as printed, number in the document, index of the
    page that carries the note). A call is on its note's page or before it (a layout carries a
    note over to the next page); a call not found by its note's page is left as text."""
    out = []
    pending = list(calls)
    for page_index, page in enumerate(pages):
        lines = []
        for line_number, text in page:
            while pending and pending[0][2] < page_index:
                pending.pop(0)  # not found on its page nor before: left as text
            while pending:
                # On an earlier page than its note's, a call is glued to its word only.
                match = _call(pending[0][0], spaced=pending[0][2] == page_index).search(text)
                if not match:
                    break
                # « cheurs .1 »: the call goes back before the point, where it was raised.
                text = text[:match.start()] + mark.format(pending[0][1]) + (match.group("point") or "") + text[match.end():]
                pending.pop(0)
            lines.append((line_number, text))
        out.append(lines)
    return out


def _free(text: str, column: int) -> bool:
    """No text in the two characters before `column`: a gutter may run there."""
    return not text[max(0, column - 2):column].strip()


# The narrowest gutter between two columns, in characters, as pdftotext -layout prints it (a few
# millimetres of gap; two spaces are a justified line's).
MIN_GUTTER = 4


def _a_column(run: list[Line], column: int, aligned_at_least: int) -> bool:
    """Do the lines right of the gutter read as a column, not as the ends of justified lines spaced
    alike? `aligned_at_least` of them start at one edge (within a character), and in most lines
    with text on both sides the gutter is MIN_GUTTER wide at least, and wider than any space
    between their words (by three, and two more than MIN_GUTTER, where one line on the right may
    be enough)."""
    edges = Counter(len(t) - len(t[column:].lstrip()) for _, t in run if t[column:].strip())
    _, aligned = max(((e, sum(n for f, n in edges.items() if abs(f - e) <= 1)) for e in edges), key=lambda x: x[1])
    if aligned < aligned_at_least:
        return False
    # A gutter is wider than the spaces between the words of its lines; a gap between two words
    # that justification spread is as wide as the line's other gaps.
    # With a line or two on the right (`aligned_at_least` 1), the gutter stands out clearly.
    wider_by, narrowest = (1, MIN_GUTTER) if aligned_at_least > 1 else (3, MIN_GUTTER + 2)
    widest = 0
    both = [t for _, t in run if t[:column].strip() and t[column:].strip()]
    for t in both:
        left, right = t[:column].strip(), t[column:].strip()
        gutter = len(t) - len(t[column:].lstrip()) - len(t[:column].rstrip())
        inside = max((len(gap) for gap in re.findall(r" +", left + " " + right)), default=0)
        widest += gutter >= max(inside + wider_by, narrowest)
    return widest >= 0.6 * len(both)


def _band(lines: list[Line], least: int = 3) -> tuple[int, int, int] | None:
    """The widest two-column band of a page extracted with its layout (pdftotext -layout): a run
    of lines that all leave two spaces before one column, where at least three lines have text
    right of it and at least two on both sides, and the lines right of it read as a column
    (_a_column); or, where the document's other pages are in two columns (`least` 1), one line on the
    right of a narrow left column. (Its first and last index in `lines`, the right column's first
    character), or None."""
    best = None
    width = max((len(text.rstrip()) for _, text in lines), default=0)
    for column in range(12, width - 4):
        start = None
        for index in range(len(lines) + 1):
            text = lines[index][1] if index < len(lines) else ""
            if index < len(lines) and _free(text, column):
                start = index if start is None else start
                continue
            if start is not None:
                # A line above the band with nothing on the right, apart from it by a blank line
                # (the end of a title across the page), is not the left column's.
                while start + 1 < index and not lines[start][1][column:].strip() and \
                        lines[start + 1][0] - lines[start][0] > 1:
                    start += 1
                run = lines[start:index]
                starts = sum(bool(t[column:].strip()) for _, t in run)
                both = sum(bool(t[:column].strip()) and bool(t[column:].strip()) for _, t in run)
                score = (starts, index - start, -column)
                # Fewer lines on the right (`least` 1): a narrow left column, and two lines on both
                # sides or four lines in all, never two lines of justified text spaced alike.
                narrow = max(len(t[:column].rstrip()) for _, t in run) <= 0.6 * width
                enough = starts >= 3 and both >= 2 or least == 1 and starts >= 1 and both >= 1 and narrow and (
                    both >= 2 or index - start >= 4)
                if enough and not _a_column(run, column, 4 if least > 1 else 1):
                    enough = False
                if enough and (best is None or score > best[0]):
                    best = (score, start, index - 1, column)
                start = None
    return best[1:] if best else None


def in_two_columns(page: list[Line]) -> bool:
    """Has the page a band of two columns (three lines at least on the right)?"""
    return _band(page) is not None


def columns(page: list[Line], contiguous: set[int], least: int = 3) -> list[tuple[str, list[Line]]]:
    """A page extracted with its layout, in reading order: the lines across the page as they are,
    and each two-column band's left column, then its right, cut at the gutter (a band above or
    below another, between lines across the page, in turn). [(what, lines)]: what is « » for lines
    across the page, « colonne de gauche » or « colonne de droite ». Within a column, a line
    follows the one above it when only the other column's lines come between (`contiguous`). In a
    document whose other pages are in two columns, one line of a right column is enough (`least`
    1): the end of a paragraph at the top of a page."""
    found = _band(page, least)
    if found is None:
        return [("", page)] if page else []
    first, last, column = found
    present = {number for number, _ in page}
    pieces = columns(page[:first], contiguous, least)
    for what, side in (("colonne de gauche", lambda t: t[:column].rstrip()), ("colonne de droite", lambda t: t[column:].rstrip())):
        lines = [(number, side(text)) for number, text in page[first:last + 1] if side(text).strip()]
        for (previous, _), (number, _) in zip(lines, lines[1:]):
            if all(between in present for between in range(previous + 1, number)):
                contiguous.add(number)  # the rows between hold the other column's lines: no blank line
        pieces.append((what, lines))
    return pieces + columns(page[last + 1:], contiguous, least)


def join_lines(text: str, following: str) -> tuple[str, str | None]:
    """A line joined to the next: a space, or a line-end hyphen removed or kept by the French
    dictionary (and why)."""
    match = HYPHEN_END.search(text)
    next_word = NEXT_WORD.match(following)
    if match and next_word and next_word.group(1)[:1].islower():
        remove, why = join_hyphenated(match.group(1), next_word.group(1))
        return (text[:-1] if remove else text) + following, f"trait d'union en fin de ligne {why}"
    if match and next_word and next_word.group(1)[:1].isupper():
        return text + following, (f"trait d'union en fin de ligne gardé : « {match.group(1)}-{next_word.group(1)} » "
                                  "(devant une majuscule, un nom composé)")
    return f"{text} {following}", None


def starts_paragraph(previous: str, line: str, full: float, in_item: bool, first_line: str = "") -> str | None:
    """Why `line` opens another paragraph than `previous`'s (lines of one page, no blank line between;
    `first_line`, that of the paragraph so far), or None: the rules of `paragraph_break`, the measure
    in characters, a list item's hanging indent in spaces."""
    text = line.strip()
    indent, previous_indent = len(line) - len(line.lstrip()), len(previous) - len(previous.lstrip())
    if in_item and indent < previous_indent:
        return "la ligne sort du retrait de l'élément de liste"
    if in_item and indent >= previous_indent > 0 and not ITEM.match(text):
        return None  # within the item's hanging indent
    return paragraph_break(previous.strip(), text, first_line, short=_width(previous) < 0.9 * full,
                           stops=_width(previous) < 0.7 * full, roster_ends_at_capital=True)


def paragraph_break(previous: str, text: str, first_line: str, *, short: bool, stops: bool,
                    roster_ends_at_capital: bool = False) -> str | None:
    """Why a line (`text`) opens another paragraph after `previous`, in any format (`short`: the
    line before ends short of the measure; `stops`: well short of it), or None: at a list item; at a
    speaker's label; when the line starts with a capital, after a roster line closed by its final
    « ) » or « . », after a line that ends a sentence short of the measure, or one that stops well
    short of it. In a text, where no italics set a roster apart, a roster line also ends where a
    capital follows a word that asks for none (`roster_ends_at_capital`: « …, consultante
    imaginaire / Merci… », but « directrice du / Musée… »)."""
    if ITEM.match(text):
        return "un élément de liste"
    ends = bool(SENTENCE_END.search(previous) or CONTENTS_ENTRY.search(previous))
    opening = LABEL.match(text)
    # « M. X. – » opens a turn after anything; « Mme X : » only after a sentence's end.
    if opening and (ends or opening.group("separator") != ":"):
        return "la ligne s'ouvre sur le nom d'un orateur"
    if not (text[:1].isupper() or text[:1] in "«\"“") or CIVILITY_END.search(previous):
        return None  # (« Intervention de M. / Paul Exemple »: a name goes on after its civility)
    from actes.structure import ROSTER_KEYWORD  # (imported here: structure reads what convert makes)

    if ROSTER_KEYWORD.match(first_line) and (previous.endswith((")", ".")) or (
            roster_ends_at_capital and not CONTINUES.search(previous))):
        return "la ligne de distribution d'avant est complète"
    if ends and short:
        return "la ligne d'avant finit une phrase avant la fin de la ligne"
    if stops and not CONTINUES.search(previous):  # (no paragraph ends on « de la »: a ragged line)
        return "la ligne d'avant s'arrête bien avant la fin de la ligne"
    return None


def page_start_continues(previous: str, line: str) -> bool:
    """Across a page break, the paragraph goes on when its text does not end a sentence (nor a
    table of contents' entry) and the next page does not open a list item, or starts with a small letter."""
    text = line.strip()
    if ITEM.match(text):
        return False
    ends = bool(SENTENCE_END.search(previous.rstrip()) or CONTENTS_ENTRY.search(previous.rstrip()))
    return not ends or text[:1].islower()
