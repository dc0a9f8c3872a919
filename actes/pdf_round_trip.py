"""The round trip of the printable proceedings: a day's PDF (actes.outputs.pdf) read back through
the project's own reader and converter (actes.sources, actes.convert) must give each transcript's
words, none lost, none added.

What the PDF adds to a transcript is taken out exactly, never by likeness: the « § n » that opens
each paragraph (n counted in order, wherever the reader's paragraphs begin), a recommendation's id after its passage (the ids of that
transcript), and each editorial correction's new words with its call « [n] » (its original words
stay, struck through, as on the site). Anything else read back is an added word. A transcript's
notes are footnotes on paper, numbered through the document: the reader gives them after the
text, and they are compared in the order of their calls.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from actes.convert import NOTE_CALL, Block, parse_transcript, plain_text
from actes.corpus import Day, TranscriptEntry
from actes.sources import read_source
from actes.structure import _match_label

_PARAGRAPH_NUMBER = re.compile(r"(?:^|(?<= ))§\s*(\d+)(?: |$)")


@dataclass
class RoundTrip:
    intervention: str
    words: int  # the transcript's
    lost: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the § numbers read, in order
    ids: list[str] = field(default_factory=list)  # the recommendation ids read, in order
    # The speaker turns: (§, label as printed) of the transcript, and as read back by the converter.
    turns: list[tuple[int, str]] = field(default_factory=list)
    turns_read: list[tuple[int, str]] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return (not self.lost and not self.added and self.numbers == list(range(1, len(self.numbers) + 1))
                and self.turns == self.turns_read)


def _words(text: str) -> list[str]:
    return plain_text(text).replace("’", "'").split()


def transcript_words(entry: TranscriptEntry) -> list[str]:
    return [word for block in entry.transcript.blocks for word in _words(block.text)]


def _section(blocks: list[Block], title: str, ends: set[str]) -> list[Block]:
    """The blocks after the heading `title`, its speaker lines left out, up to a heading in `ends`."""
    start = next((i for i, b in enumerate(blocks) if b.kind == "heading" and plain_text(b.text) == title), None)
    if start is None:  # its heading was not read back: all its words are lost
        return []
    section = []
    for block in blocks[start + 1:]:
        if block.kind == "heading" and plain_text(block.text) in ends:
            break
        section.append(block)
    # The speaker lines (one per speaker, from journee.yml) come before the first numbered paragraph.
    first = next((i for i, b in enumerate(section) if re.match(r"§\s*1(?: |$)", plain_text(b.text))), 0)
    return section[first:]


def _undecorated(block: Block, entry: TranscriptEntry, result: RoundTrip) -> str:
    """The block's text without the PDF's decorations. A « § n » is taken where the reader put it:
    at the block's start, or inside when the reader joined a paragraph to the one before it across
    a page break; only the next number expected (n = the last one read + 1) is taken."""
    text = plain_text(block.text)

    def number(match: re.Match) -> str:
        if int(match.group(1)) != len(result.numbers) + 1:
            return match.group(0)
        result.numbers.append(int(match.group(1)))
        return ""

    text = _PARAGRAPH_NUMBER.sub(number, text).strip()
    for correction in entry.corrections:
        if correction.after:
            text = text.replace(f" {correction.after}[{correction.number}]", "", 1)
        else:
            text = text.replace(f"[{correction.number}]", "", 1)
    ids = "|".join(re.escape(rec.id) for rec in entry.recommendations)
    if ids:
        def take(match: re.Match) -> str:
            result.ids.append(match.group(1))
            return ""

        # After its passage; at a block's start when the passage ended a page.
        text = re.sub(rf"(?:^| )({ids})(?![\w-])", take, text)
    return text


def _turn_words(block: Block, entry: TranscriptEntry, result: RoundTrip) -> str:
    """The block's words, a speaker turn's label read back as the converter reads one (actes.structure)
    at the start of the paragraph where the transcript has it; a label with no separator, which only
    its bold tells on paper, as printed there."""
    numbers = len(result.numbers)
    text = _undecorated(block, entry, result)
    if len(result.numbers) == numbers or block.kind != "paragraph":
        return text  # no paragraph starts here
    number = result.numbers[-1]
    expected = dict(result.turns).get(number)
    if expected is None:
        return text
    found = _match_label(text, list(entry.intervention.speakers))
    if found is not None and found[0].printed == expected:
        result.turns_read.append((number, expected))
        return found[2]
    if text.startswith(expected) and not (found and found[0].printed != expected):
        result.turns_read.append((number, expected))
        return text[len(expected):].lstrip(" –—-:")
    return text


def read_back(pdf: Path, day: Day) -> list[RoundTrip]:
    """Each intervention's words read back from the day's PDF, compared with its transcript's."""
    blocks = parse_transcript(read_source(pdf).text).blocks
    titles = [entry.intervention.title for entry in day.transcripts]
    ends = set(titles) | {"Corrections éditoriales", "Recommandations"}
    results = []
    notes = {block.number: block for block in blocks if block.kind == "footnote"}
    for entry in day.transcripts:
        result = RoundTrip(entry.intervention.id, len(transcript_words(entry)))
        section = [block for block in _section(blocks, entry.intervention.title, ends) if block.kind != "footnote"]
        # Its footnotes, read where the reader puts them (after the text), in the order of their calls.
        called = [int(number) for block in section for number in NOTE_CALL.findall(block.text)]
        section += [notes[number] for number in called if number in notes]
        result.turns = [(n, block.label) for n, block in enumerate(entry.transcript.paragraphs, start=1)
                        if block.label is not None]
        read = [word for block in section for word in _words(_turn_words(block, entry, result))]
        expected = transcript_words(entry)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, expected, read, autojunk=False).get_opcodes():
            if tag in ("delete", "replace"):
                result.lost += expected[i1:i2]
            if tag in ("insert", "replace"):
                result.added += read[j1:j2]
        results.append(result)
    return results
