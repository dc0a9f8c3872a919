"""Anchor a transcript's rendered HTML: § numbers on paragraphs, marks on quoted passages.

The paragraph numbers follow the converter's blocks (`Transcript.paragraphs`), so a § number
depends only on the transcript, never on the site's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from lxml import etree
from lxml import html as lxml_html

from actes.convert import Transcript, plain_text

PARAGRAPH_CLASS = "actes-paragraphe"
PASSAGE_CLASS = "actes-passage"
LINK_CLASS = "actes-renvoi"
CORRECTION_CLASS = "actes-correction"
NOTE_CLASS = "actes-renvoi-correction"
TURN_CLASS = "actes-tour"
LABEL_CLASS = "actes-tour-etiquette"
PART_CLASS = "actes-tour-partie"
TURN_LINK_CLASS = "actes-lien-tour"
# What the site adds to a transcript's words (never part of them: search and comparisons leave them).
ADDED_CLASSES = (PARAGRAPH_CLASS, LINK_CLASS, NOTE_CLASS, PART_CLASS, TURN_LINK_CLASS)
# How a turn that is not a speaker's own shows whose it is, in words (never by colour alone).
PART_BADGES = {"modération": "Modération", "présidence": "Présidence", "salle": "Salle"}
# The class of each part's turns (ASCII).
PART_CLASSES = {"intervention": "intervention", "modération": "moderation", "présidence": "presidence", "salle": "salle"}


class AnchoringError(Exception):
    """The rendered HTML does not match the transcript it was made from."""


class Anchored(Protocol):
    id: str
    paragraph: int
    model: object  # has .passage


def paragraph_anchor(number: int) -> str:
    return f"p{number}"


@dataclass(frozen=True)
class TurnMark:
    """How a turn shows on its page: its first paragraph, its anchor, the link of its speaker's page
    (None for the floor or an unnamed speaker), their part (intervention, modération, présidence,
    salle), and the words of the label's link's description."""

    paragraph: int
    anchor: str
    href: str | None
    part: str | None
    speaker: str | None = None
    # False: a label a correction says opens no turn (« pas-un-tour »); it keeps its anchor, that
    # links published before it still land on, and nothing else.
    turn: bool = True


def _citable_blocks(root: etree._Element) -> list[etree._Element]:
    blocks = []
    for child in root:
        if child.tag == "p":
            blocks.append(child)
        elif child.tag in ("ol", "ul"):
            blocks.extend(li for li in child if li.tag == "li")
    return blocks


def _text_slots(element: etree._Element):
    """(node, 'text'|'tail', string) for every piece of reading text under `element`, in order."""
    if element.text:
        yield element, "text", element.text
    for child in element:
        classes = (child.get("class") or "").split()
        footnote_call = child.tag == "sup" and (child.get("id") or "").startswith("fnref")
        if LINK_CLASS not in classes and NOTE_CLASS not in classes and not footnote_call:
            yield from _text_slots(child)
        if child.tail:
            yield child, "tail", child.tail


def _find(block: etree._Element, text: str):
    """The text slots of `block` and where `text` (as read: white space folded) lies across them:
    (slots, first slot, offset in it, last slot, offset in it), or None."""
    slots = list(_text_slots(block))
    # Map each character of the whitespace-folded text back to its slot and offset.
    folded, origin = [], []
    for index, (_, _, piece) in enumerate(slots):
        for offset, char in enumerate(piece):
            if char.isspace():
                if folded and folded[-1] == " ":
                    continue
                char = " "
            folded.append(char)
            origin.append((index, offset))
    position = "".join(folded).find(text)
    if position < 0 or not text:
        return None
    return slots, *origin[position], *origin[position + len(text) - 1]


def _wrap_range(found, wrap) -> list[etree._Element]:
    """Wrap the found range, slot by slot, with elements made by `wrap(node, slot, start, end)`;
    return them right to left."""
    slots, first_slot, first_offset, last_slot, last_offset = found
    wrapped = []
    # Right to left, so that offsets to the left stay valid.
    for index in range(last_slot, first_slot - 1, -1):
        node, slot, text = slots[index]
        start = first_offset if index == first_slot else 0
        end = last_offset + 1 if index == last_slot else len(text)
        if start < end:
            wrapped.append(wrap(node, slot, start, end))
    return wrapped


def _mark_passage(block: etree._Element, passage: str, rec_id: str, href: str) -> None:
    wanted = plain_text(passage)
    found = _find(block, wanted)
    if found is None:
        full = "".join(text for _, _, text in _text_slots(block))
        raise AnchoringError(f"passage de {rec_id} introuvable dans son paragraphe : « {wanted} » (texte : « {full} »)")
    marks = _wrap_range(found, lambda node, slot, start, end: _enclose(
        node, slot, start, end, "mark", {"class": PASSAGE_CLASS, "data-recommandation": rec_id}))
    marks[-1].set("id", rec_id)  # the leftmost mark is the anchor
    link = etree.Element("a", {"class": LINK_CLASS, "href": href, "title": f"Voir la recommandation {rec_id}"})
    link.text = rec_id
    last_mark = marks[0]
    link.tail, last_mark.tail = last_mark.tail, None
    last_mark.addnext(link)


def _enclose(node: etree._Element, slot: str, start: int, end: int, tag: str, attributes: dict) -> etree._Element:
    """Put characters [start, end) of one text slot in a new element; return it."""
    text = getattr(node, slot)
    element = etree.Element(tag, attributes)
    element.text, element.tail = text[start:end], text[end:]
    if slot == "text":
        node.text = text[:start]
        node.insert(0, element)
    else:
        node.tail = text[:start]
        node.addnext(element)
    return element


def _mark_correction(block: etree._Element, correction) -> None:
    """The original words struck through (<del>), the correction inserted (<ins>), and a link to
    the note that gives the reason; all built as elements, so escaped."""
    found = _find(block, correction.before)
    if found is None:
        raise AnchoringError(f"texte corrigé introuvable dans son paragraphe : « {correction.before} »")
    deleted = _wrap_range(found, lambda node, slot, start, end: _enclose(
        node, slot, start, end, "del", {"class": CORRECTION_CLASS}))
    deleted[-1].set("id", correction.anchor)  # the leftmost is the anchor
    last = deleted[0]
    tail, last.tail = last.tail, None
    if correction.after:
        inserted = etree.Element("ins", {"class": CORRECTION_CLASS})
        # A space first: the two readings stay two sets of words (for the eye, search and speech),
        # and either one, read without the other, keeps its own spacing.
        inserted.text = " " + correction.after
        last.addnext(inserted)
        last = inserted
    note = etree.Element("a", {"class": NOTE_CLASS, "href": f"#{correction.anchor}-note",
                               "aria-label": f"Correction éditoriale {correction.number}"})
    note.text = f"[{correction.number}]"
    note.tail = tail
    last.addnext(note)


def _number(block: etree._Element, number: int) -> None:
    anchor = paragraph_anchor(number)
    block.set("id", anchor)
    link = etree.Element("a", {"class": PARAGRAPH_CLASS, "href": f"#{anchor}",
                               "aria-label": f"Paragraphe {number}, lien permanent"})
    link.text = f"§\u00a0{number}"
    link.tail, block.text = block.text, None
    block.insert(0, link)


def _mark_turn(block: etree._Element, mark: TurnMark, printed: bool) -> None:
    """A turn's paragraph: its label (the bold words that open it, when it has one printed) carries
    the turn's anchor and links to the speaker's page; a word says the moderator's, the chair's and
    the floor's turns; a link to the turn, to copy."""
    first = block[0] if len(block) and not (block.text or "").strip() else None
    if not mark.turn:
        if first is not None and first.tag == "strong":
            first.set("id", mark.anchor)
        else:
            anchor = etree.Element("span", {"id": mark.anchor})
            anchor.tail, block.text = block.text, None
            block.insert(0, anchor)
        return
    classes = [TURN_CLASS] + ([f"{TURN_CLASS}--{PART_CLASSES[mark.part]}"] if mark.part else [])
    block.set("class", " ".join(filter(None, [block.get("class"), *classes])))
    if printed and first is not None and first.tag == "strong":
        label = first
        label.set("class", LABEL_CLASS)
        if mark.href:
            link = etree.Element("a", {"href": mark.href})
            if mark.speaker:
                link.set("title", f"{mark.speaker}\u00a0: sa page")
            link.text, label.text = label.text, None
            link.extend(list(label))
            label.append(link)
    else:
        label = etree.Element("span", {"class": LABEL_CLASS})
        label.tail, block.text = block.text, None
        block.insert(0, label)
    label.set("id", mark.anchor)
    # Before the label, beside the § number: the label and its separator stay together, as printed.
    link = etree.Element("a", {"class": TURN_LINK_CLASS, "href": f"#{mark.anchor}", "data-actes-lien-tour": ""})
    link.text = "lien vers ce passage"
    link.tail = " "
    label.addprevious(link)
    if mark.part in PART_BADGES:
        badge = etree.Element("span", {"class": PART_CLASS})
        badge.text = PART_BADGES[mark.part]
        badge.tail = " "
        label.addprevious(badge)


def anchor_transcript(html: str, transcript: Transcript, recommendations: Iterable[Anchored],
                      links: dict[str, str], corrections: Iterable = (),
                      turns: Iterable[TurnMark] = ()) -> tuple[str, set[str]]:
    """Return the anchored HTML and the set of ids it defines."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    blocks = _citable_blocks(root)
    expected = len(transcript.paragraphs)
    if len(blocks) != expected:
        raise AnchoringError(f"{len(blocks)} paragraphes rendus, {expected} attendus : la transcription ne correspond plus à sa source")
    anchors = set()
    for rec in sorted(recommendations, key=lambda r: r.id):
        _mark_passage(blocks[rec.paragraph - 1], rec.model.passage, rec.id, links[rec.id])
        anchors.add(rec.id)
    # After the passages (a correction never overlaps one), right to left within a paragraph.
    for correction in sorted(corrections, key=lambda c: (c.model.paragraph, c.start), reverse=True):
        _mark_correction(blocks[correction.model.paragraph - 1], correction)
        anchors.add(correction.anchor)
    for mark in turns:
        _mark_turn(blocks[mark.paragraph - 1], mark, transcript.paragraphs[mark.paragraph - 1].label is not None)
        anchors.add(mark.anchor)
    for number, block in enumerate(blocks, start=1):
        _number(block, number)
        anchors.add(paragraph_anchor(number))
    body = (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return body, anchors


HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def outline_under_title(html: str) -> str:
    """A transcript's headings moved up or down together so that the first level is h2, under the
    page's h1: a section that its source set at level 3 (« Échanges avec la salle » under a round
    table's title) skips no level on its page. The transcript itself is unchanged."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    headings = [element for element in root.iter(*HEADINGS)]
    if not headings:
        return html
    shift = min(int(h.tag[1]) for h in headings) - 2
    if shift == 0:
        return html
    for heading in headings:
        heading.tag = f"h{min(6, int(heading.tag[1]) - shift)}"
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
