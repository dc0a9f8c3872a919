"""Read a raw source as text, whatever it came as: .txt or .md (UTF-8, UTF-8 with BOM, cp1252),
.pdf (text extraction, pages separated by form feeds) or .docx (paragraphs, headings, italics)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (".txt", ".md", ".pdf", ".docx")


class SourceError(Exception):
    """A source that cannot be read; the message says what to do."""


@dataclass(frozen=True)
class SourceText:
    text: str
    found: str  # what was detected, said to the editor: « UTF-8 », « PDF, 3 pages »…


def _decode(raw: bytes) -> SourceText:
    if b"\x00" in raw:
        raise SourceError("fichier binaire (il contient des octets nuls) : fournissez le texte extrait, un PDF ou un DOCX")
    if raw.startswith(b"\xef\xbb\xbf"):
        return SourceText(raw[3:].decode("utf-8"), "UTF-8 avec BOM")
    try:
        return SourceText(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SourceError(f"encodage inconnu (ni UTF-8 ni Windows-1252, octet {error.start}) : "
                          "enregistrez le texte en UTF-8") from None
    control = [c for c in text if ord(c) < 32 and c not in "\t\n\r\f"]
    if control:
        raise SourceError("fichier binaire (caractères de contrôle) : fournissez le texte extrait, un PDF ou un DOCX")
    return SourceText(text, "Windows-1252 (cp1252)")


def _read_pdf(path: Path) -> SourceText:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are noise to an editor; errors are ours
    try:
        reader = PdfReader(path)
        # Layout mode keeps the blank lines between paragraphs, which plain extraction loses.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as error:
        raise SourceError(f"PDF illisible ({error}) : vérifiez le fichier") from None
    return SourceText("\n\f\n".join(pages), f"PDF, {len(pages)} page{'s' if len(pages) > 1 else ''}")


def _read_docx(path: Path) -> SourceText:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise SourceError(f"DOCX illisible ({error}) : vérifiez le fichier") from None
    lines = []
    for paragraph in document.paragraphs:
        text = "".join(f"*{run.text}*" if run.italic and run.text.strip() else run.text for run in paragraph.runs)
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading") and style[-1:].isdigit():
            text = "#" * (int(style[-1]) + 1) + " " + text
        lines.append(text)
    return SourceText("\n\n".join(lines), f"DOCX, {len(document.paragraphs)} paragraphes")


def read_source(path: Path) -> SourceText:
    """The text of a source file, and what was found; SourceError if it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceError(f"extension non prise en charge '{suffix or '(aucune)'}' : formats acceptés "
                          f"{', '.join(SUPPORTED)}")
    if not path.is_file():
        raise SourceError("fichier introuvable")
    if path.stat().st_size == 0:
        raise SourceError("source vide")
    if suffix == ".pdf":
        source = _read_pdf(path)
    elif suffix == ".docx":
        source = _read_docx(path)
    else:
        source = _decode(path.read_bytes())
    if not source.text.split():
        raise SourceError("source vide : aucun texte à convertir")
    return source
