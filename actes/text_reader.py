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

import re
import statistics

from actes.french_words import join_hyphenated

# A footnote at the page's bottom: its number, glued to its text or not (« 1Une convention… »).
NOTE_START = re.compile(r"^(\d{1,3})\s?(?=[^\W\d_«\"(])(.*)$")
# A numbered point or a bullet as an extraction prints them.
ITEM = re.compile(r"^(?:\d{1,3}[.)]|[•▪◦·])\s")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")
CONTENTS_ENTRY = re.compile(r"\.{4,}\s*\d{1,4}$")  # a title, dotted leaders, its page
# The words a line does not end on when what follows is another paragraph.
CONTINUES = re.compile(r"(?:\b(?:de|du|des|la|le|les|au|aux|à|et|en|pour|sur|chez|par)|\b[dl]['’])$", re.IGNORECASE)
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


def _width(line: str) -> int:
    return len(line.rstrip())


def measure(lines: list[Line]) -> float:
    """Where a full line ends, in characters: the usual length of the lines a paragraph goes on
    after (the next starts with a small letter)."""
    full = [_width(a) for (_, a), (_, b) in zip(lines, lines[1:]) if b.strip()[:1].islower()]
    if len(full) < 3:  # a short text whose paragraphs hold on a line or two: its longest lines
        return max((_width(line) for _, line in lines), default=0)
    return statistics.median(full)


def _called(number: int, text: str) -> bool:
    """Does the text call this note: the number right after a word, or after its punctuation?"""
    return bool(re.search(rf"[^\W\d_][.,;:!?»)]?\s?{number}(?=[\s.,;:!?»)]|$)", text))


def footnotes(page: list[Line], first: int) -> tuple[list[Line], list[tuple[int, int, str]]]:
    """The notes at the bottom of a page (its running lines already removed): its lowest lines, with
    no blank line among them, from a line that opens with a number its text calls, the numbers
    following on from `first` (the document's next) or from 1 (a layout that numbers again on each
    page). (The page's other lines, [(line, number, text)]), the notes' lines joined."""
    cut = None
    for index in range(len(page) - 1, max(-1, len(page) - 16), -1):
        if index + 1 < len(page) and page[index + 1][0] - page[index][0] > 1:
            break  # a blank line: the notes are below it
        starts = [int(m.group(1)) for _, text in page[index:] if (m := NOTE_START.match(text.strip()))]
        if not NOTE_START.match(page[index][1].strip()) or starts[0] not in (first, 1) \
                or starts != list(range(starts[0], starts[0] + len(starts))):
            continue
        above = " ".join(text.strip() for _, text in page[:index])
        if all(_called(n, above) for n in starts):
            cut = index
    if cut is None:
        return page, []
    notes: list[list] = []
    for number, text in page[cut:]:
        match = NOTE_START.match(text.strip())
        if match and (not notes or int(match.group(1)) == notes[-1][1] + 1):
            notes.append([number, int(match.group(1)), match.group(2).strip()])
        else:
            notes[-1][2] = join_lines(notes[-1][2], text.strip())[0]
    return page[:cut], [tuple(note) for note in notes]


def mark_calls(page: list[Line], calls: list[tuple[int, int]], mark: str) -> list[Line]:
    """The page's lines with the calls of its notes, in order, as `mark` (formatted with the note's
    number in the document): `calls` are (number as printed, number in the document)."""
    out = []
    for line_number, text in page:
        while calls:
            printed = calls[0][0]
            pattern = rf"(?<=[^\W\d_])\s?{printed}(?=[\s.,;:!?»)]|$)|(?<=[^\W\d_][.,;:!?»)])\s?{printed}(?=\s|$)"
            match = re.search(pattern, text)
            if not match:
                break
            text = text[:match.start()] + mark.format(calls[0][1]) + text[match.end():]
            calls = calls[1:]
        out.append((line_number, text))
    return out


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
    if not (text[:1].isupper() or text[:1] in "«\"“"):
        return None
    from actes.structure import ROSTER_KEYWORD  # (imported here: structure reads what convert makes)

    if ROSTER_KEYWORD.match(first_line) and (previous.endswith((")", ".")) or (
            roster_ends_at_capital and not CONTINUES.search(previous))):
        return "la ligne de distribution d'avant est complète"
    if ends and short:
        return "la ligne d'avant finit une phrase avant la fin de la ligne"
    if stops:
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
