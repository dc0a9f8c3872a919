"""Read a raw source as text, whatever it came as: .txt or .md (UTF-8, UTF-8 with BOM, cp1252),
.pdf (text extraction, pages separated by form feeds) or .docx (paragraphs, headings, italics)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from actes.characters import remove_from_source
from actes.convert import READER_MARKERS
from actes.limits import (MAX_DOCX_UNZIPPED_BYTES, MAX_LINE_CHARS, MAX_PDF_CONTENT_BYTES, MAX_PDF_PAGES,
                          MAX_SOURCE_BYTES, MAX_TEXT_CHARS, MAX_TEXT_LINES, size)

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".odt")
# Formats whose reader gives the text with its structure (headings, lists, notes) marked.
LAID_OUT = (".pdf", ".docx", ".odt")


class SourceError(Exception):
    """A source that cannot be read; the message says what to do."""


@dataclass(frozen=True)
class SourceText:
    text: str
    found: str  # what was detected, said to the editor: « UTF-8 », « PDF, 3 pages »…
    # What reading the layout did (PDF, DOCX, ODT), as (where, what): `actes convert --explain`.
    notes: list = field(default_factory=list)
    # The lines of a table of contents the reader left out (a DOCX field or control, an ODT index).
    contents: list = field(default_factory=list)


def _decode(raw: bytes) -> SourceText:
    for bom, codec, label in ((b"\xff\xfe", "utf-16-le", "UTF-16 LE"), (b"\xfe\xff", "utf-16-be", "UTF-16 BE")):
        if raw.startswith(bom):
            try:
                return SourceText(raw[2:].decode(codec), f"{label} avec BOM")
            except UnicodeDecodeError:
                raise SourceError(f"texte {label} invalide : enregistrez le texte en UTF-8") from None
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
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are noise to an editor; errors are ours
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    encrypted = SourceError("PDF chiffré (protégé par un mot de passe) : demandez à son auteur une version sans "
                            "protection, ou exportez-le de nouveau")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise encrypted
        if len(reader.pages) > MAX_PDF_PAGES:
            raise SourceError(f"PDF trop long ({len(reader.pages)} pages, au plus {MAX_PDF_PAGES}) : découpez-le en "
                              "plusieurs interventions")
        # What the pages' content streams weigh once decompressed, read by pypdf under its own limits:
        # a small file that inflates to gigabytes (a « bomb ») stops here, before the layout is read.
        content = sum(len(page.get_contents().get_data()) for page in reader.pages if page.get_contents() is not None)
        if content > MAX_PDF_CONTENT_BYTES:
            raise SourceError(f"PDF trop lourd une fois décompressé ({size(content)} de contenu, au plus "
                              f"{size(MAX_PDF_CONTENT_BYTES)}) : exportez-le de nouveau, ou fournissez le texte")
        from actes.pdf_reader import read_pdf_layout

        reading = read_pdf_layout(path)
    except (FileNotDecryptedError, DependencyError):
        raise encrypted from None
    except LimitReachedError:
        raise SourceError("PDF trop lourd une fois décompressé (une page dépasse les limites de lecture) : "
                          "exportez-le de nouveau, ou fournissez le texte") from None
    except SourceError:
        raise
    except Exception as error:  # pypdf and pdfminer raise many kinds on a damaged file
        raise SourceError(f"PDF illisible ou endommagé ({type(error).__name__}) : vérifiez le fichier, ou "
                          "exportez-le de nouveau") from None
    if not reading.text.strip():
        raise SourceError("PDF sans texte (une image numérisée ?) : il faut d'abord en reconnaître le texte (OCR), "
                          "puis fournir le texte ou un PDF qui le contient")
    return SourceText(reading.text, f"PDF, {reading.pages} page{'s' if reading.pages > 1 else ''}", reading.notes)


def _check_archive(path: Path, kind: str, what: str) -> None:
    """A word processor's file is a zip archive: refused if it is not one, or if it unzips to more than
    the bound (a zip bomb), before any XML of it is read."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SourceError(f"{kind} illisible (ce n'est pas une archive {what} valide) : vérifiez le fichier") from None
    if unzipped > MAX_DOCX_UNZIPPED_BYTES:
        raise SourceError(f"{kind} trop grand une fois décompressé ({size(unzipped)}, au plus "
                          f"{size(MAX_DOCX_UNZIPPED_BYTES)}) : retirez-en les images, ou fournissez le texte")


def _read_docx(path: Path) -> SourceText:
    import docx

    _check_archive(path, "DOCX", "Word")
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise SourceError(f"DOCX illisible ({type(error).__name__}) : vérifiez le fichier, ou "
                          "enregistrez-le de nouveau depuis le traitement de texte") from None
    from actes.docx_reader import read_docx_layout

    try:
        reading = read_docx_layout(document)
    except Exception as error:  # a damaged part
        raise SourceError(f"DOCX illisible ({type(error).__name__}) : vérifiez le fichier, ou "
                          "enregistrez-le de nouveau depuis le traitement de texte") from None
    return SourceText(reading.text, f"DOCX, {reading.paragraphs} paragraphes", reading.notes, reading.contents)


def _read_odt(path: Path) -> SourceText:
    from actes.odt_reader import OdtError, read_odt_layout

    _check_archive(path, "ODT", "OpenDocument")
    try:
        reading = read_odt_layout(path)
    except OdtError as error:
        raise SourceError(f"ODT illisible : {error}") from None
    except Exception as error:  # lxml and zipfile raise many kinds on a damaged file
        raise SourceError(f"ODT illisible ({type(error).__name__}) : vérifiez le fichier, ou "
                          "enregistrez-le de nouveau depuis le traitement de texte") from None
    return SourceText(reading.text, f"ODT, {reading.paragraphs} paragraphes", reading.notes, reading.contents)


def read_source(path: Path) -> SourceText:
    """The text of a source file, and what was found; SourceError if it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceError(f"extension non prise en charge '{suffix or '(aucune)'}' : formats acceptés "
                          f"{', '.join(SUPPORTED)}")
    if path.is_dir():
        raise SourceError("c'est un dossier : donnez le fichier source lui-même")
    if path.exists() and not path.is_file():
        raise SourceError("ce n'est pas un fichier ordinaire (périphérique, tube…) : donnez le fichier source lui-même")
    if not path.is_file():
        raise SourceError("fichier introuvable")
    byte_count = path.stat().st_size
    if byte_count == 0:
        raise SourceError("source vide")
    if byte_count > MAX_SOURCE_BYTES:
        raise SourceError(f"fichier trop grand ({size(byte_count)}, au plus {size(MAX_SOURCE_BYTES)}) : "
                          "découpez la source, ou retirez-en les images")
    if suffix == ".pdf":
        source = _read_pdf(path)
    elif suffix == ".docx":
        source = _read_docx(path)
    elif suffix == ".odt":
        source = _read_odt(path)
    else:
        source = _decode(path.read_bytes())
    if suffix not in LAID_OUT and _is_converted(source.text):
        raise SourceError("ce fichier est une transcription déjà convertie par actes (son en-tête le dit) : importez "
                          "la source telle que reçue (texte, PDF, DOCX), jamais un fichier de docs/")
    if suffix not in LAID_OUT:  # the readers' footnote marks never come from a source's text
        text, removed = remove_from_source(source.text, READER_MARKERS)
        notes = [(f"ligne {line}", f"caractère retiré {character} : marque interne du convertisseur")
                 for line, character in removed]
        source = SourceText(text, source.found, source.notes + notes, source.contents)
    text, removed = remove_from_source(source.text)
    if removed:  # control characters, noncharacters: no output can carry them (actes.characters)
        notes = [(f"ligne {line}", f"caractère retiré {character} : aucune sortie (page, flux, PDF) ne peut le porter")
                 for line, character in removed]
        source = SourceText(text, source.found, source.notes + notes, source.contents)
    if not source.text.split():
        raise SourceError("source vide : aucun texte à convertir")
    _check_text_size(source.text)
    return source


def _is_converted(text: str) -> bool:
    """A transcript that `actes convert` wrote: front matter holding its generator line."""
    from actes.convert import GENERATOR_LINE

    text = text.removeprefix("\ufeff")
    if not text.startswith("---\n"):
        return False
    front_matter = text[4:].split("\n---\n", 1)[0]
    return GENERATOR_LINE in front_matter.split("\n")


def _check_text_size(text: str) -> None:
    """The text of a source stays within limits: conversion and build time grow with it."""
    if len(text) > MAX_TEXT_CHARS:
        raise SourceError(f"texte trop long ({len(text)} caractères, au plus {MAX_TEXT_CHARS}) : découpez la source "
                          "en plusieurs interventions")
    lines = text.splitlines()
    if len(lines) > MAX_TEXT_LINES:
        raise SourceError(f"texte trop long ({len(lines)} lignes, au plus {MAX_TEXT_LINES}) : découpez la source "
                          "en plusieurs interventions")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SourceError(f"ligne {number} trop longue ({len(line)} caractères, au plus {MAX_LINE_CHARS}) : "
                              "un paragraphe aussi long n'est pas du texte d'actes ; vérifiez la source")
