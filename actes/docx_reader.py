"""Read a DOCX (python-docx): the body only (never headers or footers), heading styles, automatic
list numbering (the numbers kept, computed as Word does), italics, footnotes and endnotes.

The result is the text the converter reads (actes.convert), with the same markers as the PDF
reader (actes.pdf_reader): `## ` headings, `- N. ` numbered points, footnote calls and texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actes.convert import BOLD_LEAD_END, LITERAL_STAR, NOTE_CALL_MARK, NOTE_TEXT_MARK, READER_MARKERS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class DocxReading:
    text: str
    paragraphs: int
    notes: list[tuple[str, str]] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)  # the lines of a table of contents left out


def _levels(document) -> dict[str, dict[int, tuple[int, str]]]:
    """numId → {level: (start, format)} from the numbering part (empty if there is none)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in numbering.iter(f"{W}abstractNum"):
        levels = {}
        for level in node.iter(f"{W}lvl"):
            start = level.find(f"{W}start")
            fmt = level.find(f"{W}numFmt")
            levels[int(level.get(f"{W}ilvl"))] = (int(start.get(f"{W}val")) if start is not None else 1,
                                                   fmt.get(f"{W}val") if fmt is not None else "decimal")
        abstract[node.get(f"{W}abstractNumId")] = levels
    numbers = {}
    for node in numbering.iter(f"{W}num"):
        reference = node.find(f"{W}abstractNumId")
        if reference is not None:
            numbers[node.get(f"{W}numId")] = abstract.get(reference.get(f"{W}val"), {})
    return numbers


def _notes(document, italic_styles: set) -> dict[str, str]:
    """Footnote and endnote ids (« f3 », « e2 ») → their text (italics as `*…*`)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    notes = {}
    for kind, relationship, tag in (("f", RT.FOOTNOTES, "footnote"), ("e", RT.ENDNOTES, "endnote")):
        try:
            part = document.part.part_related_by(relationship)
        except KeyError:
            continue
        for note in etree.fromstring(part.blob).iter(f"{W}{tag}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = [" ".join(_runs_text(p, {}, [], italic_styles).split()) for p in note.iter(f"{W}p")]
            notes[kind + note.get(f"{W}id")] = " ".join(p for p in paragraphs if p)
    return notes


def _has(properties, tag: str, styles: set) -> bool:
    """A run property (italics `i`, bold `b`, small capitals `smallCaps`) by direct formatting, or by
    its character style (as LibreOffice writes it)."""
    if properties is None:
        return False
    direct = properties.find(f"{W}{tag}")
    if direct is not None:
        return direct.get(f"{W}val", "true") not in ("0", "false")
    style = properties.find(f"{W}rStyle")
    return style is not None and style.get(f"{W}val") in styles


def _italic(properties, italic_styles: set) -> bool:
    return _has(properties, "i", italic_styles)


def _character_styles(document, attribute: str) -> set:
    """The ids of the character styles that set this font attribute (italic, bold, small_caps)."""
    from docx.enum.style import WD_STYLE_TYPE

    return {style.style_id for style in document.styles
            if style.type == WD_STYLE_TYPE.CHARACTER and style.font is not None and getattr(style.font, attribute)}


def _italic_styles(document) -> set:
    return _character_styles(document, "italic")


def _symbol_code(symbol) -> int:
    """The code point a w:sym names; 0xF000 (a symbol font's own, dropped) when it names none."""
    try:
        return int(symbol.get(f"{W}char", "F000"), 16)
    except ValueError:
        return 0xF000


def _runs_text(paragraph, footnote_numbers: dict, calls: list, italic_styles: set = frozenset(),
               strong_styles: tuple[set, set] | None = None) -> str:
    """A paragraph's text from its runs: italics between stars, footnote references as calls; with
    `strong_styles` (bold and small-capitals character styles), the words it opens with in bold or
    small capitals marked at their end (convert.BOLD_LEAD_END: a speaker's label)."""
    out = []
    lead = "before" if strong_styles is not None else "done"  # before, in (bold words read), done
    for run in paragraph.iter(f"{W}r"):
        if any(ancestor.tag == FALLBACK for ancestor in run.iterancestors()):
            continue  # the same text box again, for older readers
        properties = run.find(f"{W}rPr")
        italic = _italic(properties, italic_styles)
        strong = lead != "done" and (_has(properties, "b", strong_styles[0]) or
                                     _has(properties, "smallCaps", strong_styles[1]))
        text = ""
        for child in run:
            if child.tag == f"{W}t":
                text += READER_MARKERS.sub("", child.text or "").replace("*", LITERAL_STAR)
            elif child.tag == f"{W}tab":
                text += " "
            elif child.tag in (f"{W}br", f"{W}cr"):
                text += " "
            elif child.tag == f"{W}noBreakHyphen":
                text += "-"
            elif child.tag == f"{W}sym" and _symbol_code(child) < 0xE000:
                text += chr(_symbol_code(child))  # a character (a symbol font's own codes are not)
            elif child.tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                note_id = ("f" if child.tag == f"{W}footnoteReference" else "e") + child.get(f"{W}id")
                footnote_numbers.setdefault(note_id, len(footnote_numbers) + 1)
                calls.append(note_id)
                text += NOTE_CALL_MARK.format(footnote_numbers[note_id])
        if text.strip() and lead == "before":
            lead = "in" if strong else "done"
        elif text.strip() and lead == "in" and not strong:
            out.append(BOLD_LEAD_END)
            lead = "done"
        if italic and text.strip():
            before, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{before}*{text.strip()}*{trail}"
        out.append(text)
    return "".join(out).replace("**", "")  # adjacent italic runs make one


def _is_contents_control(element) -> bool:
    """A content control that holds a table of contents (Word, LibreOffice and pandoc write one)."""
    gallery = element.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and (gallery.get(f"{W}val") or "").lower() == "table of contents"


def _field_instructions(paragraph) -> str:
    return " ".join(node.text or "" for node in paragraph.iter(f"{W}instrText"))


def _body_paragraphs(document, dropped: list):
    """Every paragraph of the body in reading order: those of tables (cell by cell, row by row) and
    of content controls too, which python-docx's `document.paragraphs` leaves out. A table of
    contents (a content control, or a TOC field's paragraphs) is left out, its text in `dropped`."""
    from docx.text.paragraph import Paragraph

    open_fields = 0  # inside a TOC field: the fields it opened and has not closed yet

    def balance(paragraph) -> int:
        kinds = [mark.get(f"{W}fldCharType") for mark in paragraph.iter(f"{W}fldChar")]
        return kinds.count("begin") - kinds.count("end")

    def walk(element):
        nonlocal open_fields
        for child in element:
            if child.tag == f"{W}p":
                if open_fields > 0 or _field_instructions(child).strip().startswith("TOC"):
                    open_fields = max(open_fields + balance(child), 0)
                    dropped.append(" ".join(_runs_text(child, {}, []).split()))
                    continue
                yield Paragraph(child, document._body)
            elif child.tag == f"{W}sdt" and _is_contents_control(child):
                dropped.extend(" ".join(_runs_text(p, {}, []).split()) for p in child.iter(f"{W}p"))
            elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                yield from walk(child)

    yield from walk(document.element.body)


def _style_chain(paragraph):
    """The paragraph's style, then the styles it is based on (a chain bounded at ten)."""
    style = paragraph.style
    for _ in range(10):
        if style is None:
            return
        yield style
        style = style.base_style


def _outline_value(properties) -> int | None:
    """The level (1, 2…) an outline level in paragraph properties gives, or None (body text: 9)."""
    node = properties.find(f"{W}outlineLvl") if properties is not None else None
    if node is None:
        return None
    value = int(node.get(f"{W}val", "9"))
    return value + 1 if value < 9 else None


def _outline_level(paragraph) -> int | None:
    """A heading's level (1, 2…): the paragraph's outline level, its style's (through the styles it
    is based on), or a style named « Heading N » / « Titre N »."""
    properties = paragraph._p.pPr
    if properties is not None and properties.find(f"{W}outlineLvl") is not None:
        return _outline_value(properties)
    for style in _style_chain(paragraph):
        name = style.name or ""
        if (name.startswith("Heading") or name.startswith("Titre")) and name[-1:].isdigit() and name[-2:-1] in (" ", "e", "g"):
            return int(name[-1])
        if style.element.pPr is not None and style.element.pPr.find(f"{W}outlineLvl") is not None:
            return _outline_value(style.element.pPr)
    return None


def _numbering(paragraph) -> tuple[str, int] | None:
    """The list a paragraph belongs to (numbering id, level): set on the paragraph, or inherited from
    its style chain (Word's « List Number »); None when it has none or its numbering is switched off."""
    properties = paragraph._p.pPr
    number_id = level = None
    for numbering in [properties.numPr if properties is not None else None,
                      *(style.element.pPr.numPr if style.element.pPr is not None else None
                        for style in _style_chain(paragraph))]:
        if numbering is None:
            continue
        if level is None and numbering.ilvl is not None:
            level = numbering.ilvl.val
        if number_id is None and numbering.numId is not None:
            number_id = numbering.numId.val
    if number_id is None or number_id == 0:
        return None
    return str(number_id), level or 0


def read_docx_layout(document) -> DocxReading:
    levels = _levels(document)
    italic_styles = _italic_styles(document)
    strong_styles = (_character_styles(document, "bold"), _character_styles(document, "small_caps"))
    footnote_texts = _notes(document, italic_styles)
    footnote_numbers: dict[str, int] = {}
    counters: dict[tuple[str, int], int] = {}
    notes: list[tuple[str, str]] = []
    blocks = []
    dropped: list[str] = []
    paragraphs = list(_body_paragraphs(document, dropped))
    if dropped:
        notes.append(("sommaire", f"table des matières retirée ({len(dropped)} ligne(s)) : "
                                  + " / ".join(line for line in dropped if line)))
    for index, paragraph in enumerate(paragraphs, start=1):
        calls: list = []
        text = " ".join(_runs_text(paragraph._p, footnote_numbers, calls, italic_styles, strong_styles).split())
        for note_id in calls:
            notes.append((f"paragraphe {index}", f"appel de la note {footnote_numbers[note_id]} ; son texte est "
                                                 "placé en fin de transcription"))
        if not text:
            continue
        level = _outline_level(paragraph)
        numbering = _numbering(paragraph) if level is None else None
        if level is not None:
            blocks.append("#" * min(level + 1, 6) + " " + text)
        elif numbering is not None:
            number_id, level = numbering
            start, fmt = levels.get(number_id, {}).get(level, (1, "decimal"))
            for key in [k for k in counters if k[0] == number_id and k[1] > level]:
                del counters[key]  # a deeper list starts again
            counters[(number_id, level)] = counters.get((number_id, level), start - 1) + 1
            if fmt == "bullet":
                blocks.append(f"- {text}")
            else:
                number = counters[(number_id, level)]
                blocks.append(f"- {number}. {text}")
                notes.append((f"paragraphe {index}", f"numérotation automatique gardée : {number}."))
        else:
            blocks.append(text)
    for note_id, number in footnote_numbers.items():
        blocks.append(f"{NOTE_TEXT_MARK.format(number)}{footnote_texts.get(note_id, '')}")
    return DocxReading("\n\n".join(blocks) + "\n", len(paragraphs), notes, [line for line in dropped if line])
