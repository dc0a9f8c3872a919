"""Anchor a transcript's rendered HTML: § numbers on paragraphs, marks on quoted passages.

The paragraph numbers follow the converter's blocks (`Transcript.paragraphs`), so a § number
depends only on the transcript, never on the site's code.
"""

from __future__ import annotations

from typing import Iterable, Protocol

from lxml import etree
from lxml import html as lxml_html

from actes.convert import Transcript, plain_text

PARAGRAPH_CLASS = "actes-paragraphe"
PASSAGE_CLASS = "actes-passage"
LINK_CLASS = "actes-renvoi"


class AnchoringError(Exception):
    """The rendered HTML does not match the transcript it was made from."""


class Anchored(Protocol):
    id: str
    paragraph: int
    model: object  # has .passage


def paragraph_anchor(number: int) -> str:
    return f"p{number}"


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
        if LINK_CLASS not in (child.get("class") or ""):
            yield from _text_slots(child)
        if child.tail:
            yield child, "tail", child.tail


def _wrap(node: etree._Element, slot: str, start: int, end: int, rec_id: str, first: bool) -> etree._Element:
    """Wrap characters [start, end) of one text slot in a <mark>; return the mark."""
    text = getattr(node, slot)
    mark = etree.Element("mark", {"class": PASSAGE_CLASS, "data-recommandation": rec_id})
    if first:
        mark.set("id", rec_id)
    mark.text, mark.tail = text[start:end], text[end:]
    if slot == "text":
        node.text = text[:start]
        node.insert(0, mark)
    else:
        node.tail = text[:start]
        node.addnext(mark)
    return mark


def _mark_passage(block: etree._Element, passage: str, rec_id: str, href: str) -> None:
    slots = list(_text_slots(block))
    full = "".join(text for _, _, text in slots)
    # Map each character of the whitespace-folded text back to its slot and offset.
    folded, origin = [], []
    for index, (_, _, text) in enumerate(slots):
        for offset, char in enumerate(text):
            if char.isspace():
                if folded and folded[-1] == " ":
                    continue
                char = " "
            folded.append(char)
            origin.append((index, offset))
    folded_text = "".join(folded)
    wanted = plain_text(passage)
    position = folded_text.find(wanted)
    if position < 0:
        raise AnchoringError(f"passage de {rec_id} introuvable dans son paragraphe : « {wanted} » (texte : « {full} »)")
    first_slot, first_offset = origin[position]
    last_slot, last_offset = origin[position + len(wanted) - 1]
    marks = []
    # Right to left, so that offsets to the left stay valid.
    for index in range(last_slot, first_slot - 1, -1):
        node, slot, text = slots[index]
        start = first_offset if index == first_slot else 0
        end = last_offset + 1 if index == last_slot else len(text)
        if start < end:
            marks.append(_wrap(node, slot, start, end, rec_id, first=False))
    marks[-1].set("id", rec_id)  # the leftmost mark is the anchor
    link = etree.Element("a", {"class": LINK_CLASS, "href": href, "title": f"Voir la recommandation {rec_id}"})
    link.text = rec_id
    last_mark = marks[0]
    link.tail, last_mark.tail = last_mark.tail, None
    last_mark.addnext(link)


def _number(block: etree._Element, number: int) -> None:
    anchor = paragraph_anchor(number)
    block.set("id", anchor)
    link = etree.Element("a", {"class": PARAGRAPH_CLASS, "href": f"#{anchor}",
                               "aria-label": f"Paragraphe {number}, lien permanent"})
    link.text = f"§\u00a0{number}"
    link.tail, block.text = block.text, None
    block.insert(0, link)


def anchor_transcript(html: str, transcript: Transcript, recommendations: Iterable[Anchored],
                      links: dict[str, str]) -> tuple[str, set[str]]:
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
    for number, block in enumerate(blocks, start=1):
        _number(block, number)
        anchors.add(paragraph_anchor(number))
    body = (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return body, anchors
