"""Read an ODT (OpenDocument text, as LibreOffice saves it): the body only (never the page's
headers and footers, which live in styles.xml), headings by outline level, lists with their
numbers, italics, footnotes and endnotes; a table of contents or any other index is left out and
reported.

The XML is read with the same care as a DOCX: the archive's size is bounded before it is opened,
and content.xml is parsed with no DTD, no entities and no network (lxml, `resolve_entities=False`).
The result is the text the converter reads (actes.convert), with the same marks as the other
readers: `## ` headings, `- N. ` numbered points, footnote calls and texts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from actes.convert import BOLD_LEAD_END, LITERAL_STAR, NOTE_CALL_MARK, NOTE_TEXT_MARK, READER_MARKERS

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Indexes: their text repeats the document's (titles and page numbers).
INDEXES = {f"{TEXT}{name}" for name in ("table-of-content", "illustration-index", "table-index", "object-index",
                                       "user-index", "alphabetical-index", "bibliography")}
SKIPPED = {f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}tracked-changes", f"{TEXT}note-citation",
           f"{TEXT}bookmark", f"{TEXT}bookmark-start", f"{TEXT}bookmark-end", f"{TEXT}soft-page-break",
           f"{TEXT}sequence-decls", f"{TEXT}variable-decls", f"{TEXT}user-field-decls"}


class OdtError(Exception):
    """An ODT that cannot be read; the message says why, in French."""


@dataclass
class OdtReading:
    text: str
    paragraphs: int
    notes: list[tuple[str, str]] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)  # the lines of an index left out


def _styles(*roots) -> tuple[set[str], set[str], dict[str, str]]:
    """Italic text styles and strong ones (bold or small capitals), through their parents, and each
    list style's kind of first level."""
    parents, italic, strong = {}, set(), set()
    lists = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{STYLE}style"):
            name = style.get(f"{STYLE}name")
            parents[name] = style.get(f"{STYLE}parent-style-name")
            properties = style.find(f"{STYLE}text-properties")
            if properties is not None and properties.get(f"{FO}font-style") in ("italic", "oblique"):
                italic.add(name)
            if properties is not None and (properties.get(f"{FO}font-weight") in ("bold", "600", "700", "800", "900")
                                           or properties.get(f"{FO}font-variant") == "small-caps"):
                strong.add(name)
        for list_style in root.iter(f"{TEXT}list-style"):
            first = next(iter(list_style), None)
            lists[list_style.get(f"{STYLE}name")] = (
                "number" if first is not None and first.tag == f"{TEXT}list-level-style-number" else "bullet")
    for kind in (italic, strong):
        for name in list(parents):
            seen, current = 0, parents.get(name)
            while current and seen < 20:
                if current in kind:
                    kind.add(name)
                    break
                current, seen = parents.get(current), seen + 1
    return italic, strong, lists


class _Reader:
    def __init__(self, italic: set[str], strong: set[str], lists: dict[str, str]):
        self.italic = italic
        self.strong = strong
        self.lead = None  # the span a paragraph opens with in bold or small capitals
        self.lists = lists
        self.blocks: list[str] = []
        self.notes: list[tuple[str, str]] = []
        self.contents: list[str] = []
        self.note_texts: list[str] = []
        self.paragraphs = 0
        self.counters: dict[str, int] = {}

    def inline(self, element, italic: bool = False) -> str:
        out = [READER_MARKERS.sub("", element.text or "").replace("*", LITERAL_STAR)]
        for child in element:
            if child.tag in SKIPPED:
                pass
            elif child.tag == f"{TEXT}s":
                out.append(" ")
            elif child.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
                out.append(" ")
            elif child.tag == f"{TEXT}note":
                body = child.find(f"{TEXT}note-body")
                text = " ".join(" ".join(self.inline(p).split()) for p in body.iter(f"{TEXT}p", f"{TEXT}h")) \
                    if body is not None else ""
                self.note_texts.append(text)
                number = len(self.note_texts)
                out.append(NOTE_CALL_MARK.format(number))
                self.notes.append((f"paragraphe {self.paragraphs}", f"appel de la note {number} ; son texte est placé "
                                                                    "en fin de transcription"))
            elif child.tag == f"{TEXT}span":
                inner_italic = child.get(f"{TEXT}style-name") in self.italic
                inner = self.inline(child, italic or inner_italic)
                if inner_italic and not italic and inner.strip():
                    lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
                    inner = f"{lead}*{inner.strip()}*{trail}"
                out.append(inner)
                if child is self.lead:
                    out.append(BOLD_LEAD_END)  # a speaker's label, as proceedings set it
            elif child.tag in (f"{DRAW}frame", f"{DRAW}text-box"):
                pass  # a frame's text is placed apart from the flow
            else:  # links, fields, ruby: their text
                out.append(self.inline(child, italic))
            out.append(READER_MARKERS.sub("", child.tail or "").replace("*", LITERAL_STAR))
        return "".join(out).replace("**", "")

    def paragraph(self, element, prefix: str = "") -> None:
        self.paragraphs += 1
        first = next(iter(element), None)
        self.lead = first if (not prefix and not (element.text or "").strip() and first is not None
                              and first.tag == f"{TEXT}span" and first.get(f"{TEXT}style-name") in self.strong
                              and "".join(first.itertext()).strip()) else None
        text = " ".join(self.inline(element).split())
        self.lead = None
        text = text.removesuffix(BOLD_LEAD_END)  # the whole paragraph in bold: no words after a label
        if text:
            self.blocks.append(prefix + text)

    def walk(self, element, depth: int = 0) -> None:
        if depth > 50:
            raise OdtError("imbrication trop profonde (plus de 50 niveaux)")
        for child in element:
            if child.tag == f"{TEXT}p":
                self.paragraph(child)
            elif child.tag == f"{TEXT}h":
                level = int(child.get(f"{TEXT}outline-level", "1") or 1)
                self.paragraph(child, "#" * min(level + 1, 6) + " ")
            elif child.tag == f"{TEXT}list":
                self.list(child, depth)
            elif child.tag in INDEXES:
                body = child.find(f"{TEXT}index-body")
                lines = [" ".join(self.inline(p).split()) for p in (body.iter(f"{TEXT}p") if body is not None else [])]
                self.contents += [line for line in lines if line]
                self.notes.append(("sommaire", f"table des matières retirée ({len(lines)} ligne(s)) : "
                                               + " / ".join(line for line in lines if line)))
            elif child.tag in (f"{TEXT}section", f"{TABLE}table", f"{TABLE}table-row", f"{TABLE}table-cell",
                               f"{TABLE}table-rows", f"{TABLE}table-header-rows", f"{TEXT}soft-page-break"):
                self.walk(child, depth + 1)

    def list(self, element, depth: int, style: str | None = None) -> None:
        style = element.get(f"{TEXT}style-name") or style
        numbered = self.lists.get(style) == "number"
        key = element.get(f"{TEXT}continue-list") or style or ""
        if element.get(f"{TEXT}continue-numbering") != "true" and not element.get(f"{TEXT}continue-list"):
            self.counters[key] = 0
        for item in element:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            if item.get(f"{TEXT}start-value"):
                self.counters[key] = int(item.get(f"{TEXT}start-value")) - 1
            first = True
            for child in item:
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    if first and item.tag == f"{TEXT}list-item":
                        if numbered:
                            self.counters[key] = self.counters.get(key, 0) + 1
                            self.paragraph(child, f"- {self.counters[key]}. ")
                            self.notes.append((f"paragraphe {self.paragraphs}",
                                               f"numérotation automatique gardée : {self.counters[key]}."))
                        else:
                            self.paragraph(child, "- ")
                        first = False
                    else:
                        self.paragraph(child)
                elif child.tag == f"{TEXT}list":
                    if depth > 50:
                        raise OdtError("imbrication trop profonde (plus de 50 niveaux)")
                    self.list(child, depth + 1, style)


def _parse(archive: zipfile.ZipFile, name: str):
    from lxml import etree

    try:
        data = archive.read(name)
    except KeyError:
        return None
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise OdtError(f"{name} déclare des entités XML, refusées : enregistrez le document de nouveau")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def read_odt_layout(path) -> OdtReading:
    with zipfile.ZipFile(path) as archive:
        if "mimetype" in archive.namelist() and archive.read("mimetype").strip() != MIMETYPE:
            raise OdtError("ce n'est pas un document texte OpenDocument (.odt)")
        content = _parse(archive, "content.xml")
        if content is None:
            raise OdtError("content.xml manquant : ce n'est pas un document OpenDocument")
        styles = _parse(archive, "styles.xml")
    italic, strong, lists = _styles(styles, content)
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise OdtError("le document ne contient pas de texte (ni office:body ni office:text)")
    reader = _Reader(italic, strong, lists)
    reader.walk(body)
    for number, text in enumerate(reader.note_texts, start=1):
        reader.blocks.append(f"{NOTE_TEXT_MARK.format(number)}{text}")
    return OdtReading("\n\n".join(reader.blocks) + "\n", reader.paragraphs, reader.notes, reader.contents)
