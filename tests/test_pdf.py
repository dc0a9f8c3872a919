"""The printable proceedings: each day's PDF as the built site publishes it, read with pypdf (its
structure: tags, language, title, bookmarks, links, fonts) and read back through the project's own
reader and converter (every transcript's words, none lost, none added)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from actes.filters import file_size
from actes.outputs import pdf
from actes.pdf_round_trip import read_back
from actes.sources import read_source
from conftest import ROOT, SITE_URL, Site, build, copy_project

DAY = "2018-10-05-strategie-numerique"
PDF_FILE = f"donnees/actes/{DAY}.pdf"


@pytest.fixture(scope="module")
def reader(site) -> PdfReader:
    return PdfReader(site.root / PDF_FILE)


def structure(reader: PdfReader) -> list[tuple[int, str]]:
    """(depth, tag) of every element of the structure tree, in order."""
    found = []

    def walk(node, depth):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid, depth)
            return
        if not hasattr(node, "get") or "/S" not in node:
            return
        found.append((depth, str(node["/S"])))
        kids = node.get("/K")
        if kids is not None:
            walk(kids, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], 0)
    return found


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_the_day_page_links_its_pdf_with_its_size(site):
    page = site.page(f"journees/{DAY}/")
    [link] = page.select("a.actes-pdf")
    assert link["type"] == "application/pdf"
    target, _ = site.resolve(f"journees/{DAY}/index.html", link["href"])
    assert target == PDF_FILE
    size = (site.root / PDF_FILE).stat().st_size
    assert f"(PDF, {file_size(size)})" in link.parent.get_text()
    assert 10_000 < size < 500_000


def test_the_pdf_is_tagged_pdf_ua_with_title_and_language(reader, corpus):
    day = corpus.days_by_slug[DAY]
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - pypdf's BooleanObject
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 - shows the title, not the file name
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    title = reader.metadata.title
    assert title.startswith(day.model.title) and "5\u00a0octobre\u00a02018" in title
    assert reader.xmp_metadata.dc_title["x-default"] == title
    assert reader.metadata.author == day.model.organiser
    assert all(page.get("/Tabs") == "/S" for page in reader.pages)  # tab order follows the structure


def test_the_structure_tree_has_the_headings_lists_and_links(reader, corpus):
    day = corpus.days_by_slug[DAY]
    tags = structure(reader)
    counts = Counter(tag for _, tag in tags)
    assert tags[0] == (0, "/Document")
    assert counts["/H1"] == 1  # the cover's title
    # Contents, presentation, each intervention, recommendations, colophon.
    assert counts["/H2"] == 2 + len(day.transcripts) + 2
    # Each recommendation, and each intervention's corrections.
    assert counts["/H3"] == len(day.recommendations) + sum(bool(e.corrections) for e in day.transcripts)
    paragraphs = sum(len(e.transcript.paragraphs) for e in day.transcripts)
    assert counts["/P"] >= paragraphs
    assert counts["/L"] >= 2 and counts["/LI"] == counts["/LBody"]
    assert counts["/BlockQuote"] == len(day.recommendations)
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    assert counts["/Link"] == len(annotations)  # every link annotation is tagged
    assert all("/StructParent" in a and a.get("/Contents") for a in annotations)


def test_bookmarks_follow_the_headings(reader, corpus):
    day = corpus.days_by_slug[DAY]
    marks = outline(reader)
    top = [title for depth, title, _ in marks if depth == 0]
    assert top == ["Sommaire", "Présentation", *(e.intervention.title for e in day.transcripts),
                   "Recommandations", "Colophon"]
    under_recommendations = [title for depth, title, _ in marks if depth == 1 and title.startswith(day.model.prefix)]
    assert [title.split("\u00a0")[0] for title in under_recommendations] == [rec.id for rec in day.recommendations]
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages) and pages[0] == 2  # the cover is page 1


def test_the_table_of_contents_gives_each_section_s_page(reader):
    entries = re.findall(r"^(\S.*?) (?:\. )+\.? ?(\d+)$", reader.pages[1].extract_text(), flags=re.M)
    bookmarks = {title: page for depth, title, page in outline(reader) if depth == 0}
    assert [title for title, _ in entries] == [title for title in bookmarks if title != "Sommaire"]
    assert all(int(page) == bookmarks[title] for title, page in entries), (entries, bookmarks)


def test_links_are_the_permalinks_and_the_document_s_own_anchors(reader, corpus):
    day = corpus.days_by_slug[DAY]
    uris = [a["/A"]["/URI"] for page in reader.pages for a in (x.get_object() for x in page.get("/Annots") or [])
            if "/A" in a]
    permalinks = {f"{SITE_URL}recommandations/{rec.id}/" for rec in day.recommendations}
    assert permalinks <= set(uris)
    assert f"{SITE_URL}journees/{DAY}/" in uris and f"{SITE_URL}{PDF_FILE}" in uris
    assert all(uri.startswith((SITE_URL, "https://www.etalab.gouv.fr/")) for uri in uris)
    destinations = set(reader.named_destinations)
    internal = [a["/Dest"] for page in reader.pages for a in (x.get_object() for x in page.get("/Annots") or [])
                if "/Dest" in a]
    assert internal and all(name in destinations for name in internal)  # no internal link is broken
    assert {f"recommandation-{rec.id}" for rec in day.recommendations} <= set(internal)


def test_fonts_are_the_free_liberation_fonts_embedded(reader):
    """Every font is embedded (a subset), and each is one of Debian's Liberation 2 fonts, as its
    own name table says (read with fontTools)."""
    families = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            program = next((descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor), None)
            assert program is not None, f"{font['/BaseFont']} is not embedded"
            names = TTFont(io.BytesIO(program.get_object().get_data()))["name"]
            families[str(font["/BaseFont"])] = str(names.getDebugName(1))
    assert set(families.values()) <= {"Liberation Serif", "Liberation Sans"}, families
    assert {"Liberation Serif", "Liberation Sans"} <= set(families.values()), families


def test_pages_are_numbered_under_a_running_header(reader, corpus):
    day = corpus.days_by_slug[DAY]
    total = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    assert day.model.title not in texts[0].splitlines()[0]  # the cover has neither
    assert not re.search(rf"\b1 / {total}\b", texts[0])
    for number, text in enumerate(texts[1:], start=2):
        assert day.model.title in text.replace("\n", " "), number
        assert f"{number} / {total}" in text, number


def test_the_round_trip_gives_every_transcript_s_words(site, corpus):
    """The PDF read back by actes' own reader and converter: each transcript word for word."""
    day = corpus.days_by_slug[DAY]
    results = read_back(site.root / PDF_FILE, day)
    assert [r.intervention for r in results] == [e.intervention.id for e in day.transcripts]
    for result, entry in zip(results, day.transcripts):
        assert result.words > 400
        assert result.lost == [] and result.added == [], result
        assert result.numbers == list(range(1, len(entry.transcript.paragraphs) + 1))
        assert sorted(result.ids) == sorted(rec.id for rec in entry.recommendations)
    # The reader undid the PDF's own layout: running header, page numbers, French hyphenation.
    notes = [what for _, what in read_source(site.root / PDF_FILE).notes]
    assert any("retiré" in note and "trait d'union" in note for note in notes), notes


def test_the_round_trip_catches_a_lost_word(site, corpus, tmp_path):
    """The check can fail: a PDF made from a transcript with one word changed is not the transcript."""
    day = corpus.days_by_slug[DAY]
    entry = day.transcripts[0]
    original = entry.markdown
    entry.markdown = original.replace("riches échanges", "riches débats", 1)
    try:
        assert entry.markdown != original
        document = pdf.day_document(corpus, day, site_info())
    finally:
        entry.markdown = original
    (tmp_path / "changed.pdf").write_bytes(pdf.render_pdf(document))
    [result] = read_back(tmp_path / "changed.pdf", day)
    assert result.lost == ["échanges,"] and result.added == ["débats,"]


def site_info(project: Path = ROOT):
    """The project's SiteInfo, from its mkdocs.yml as MkDocs loads it (as the build's hook makes it)."""
    from mkdocs.config import load_config

    from actes.outputs.site import site_info as from_config

    return from_config(load_config(str(project / "mkdocs.yml"), site_url=SITE_URL))


def test_french_typography_in_the_pdf_text(reader):
    """In the PDF's own text: every space before « : ; ! ? » and inside « » is a no-break one."""
    text = " ".join(page.extract_text() for page in reader.pages)
    assert not re.findall(r" [:;!?»]|« ", text)
    assert re.search(r"\w\u202f[;!?]", text)  # narrow before ; ! ?
    assert re.search(r"\w\u00a0:", text) and "«\u00a0" in text and "\u00a0»" in text


def test_nothing_is_fetched_but_the_fonts():
    """A document that asks for an image or a stylesheet elsewhere is refused, not laid out."""
    from weasyprint.urls import FatalURLFetchingError

    for resource in ('<img src="http://127.0.0.1:9/x.png" alt="x">',
                     '<link rel="stylesheet" href="file:///etc/hostname">'):
        with pytest.raises(FatalURLFetchingError):
            pdf.render_pdf(f'<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>{resource}</body></html>')


def test_a_pdf_is_made_again_only_when_its_day_changes(tmp_path):
    """Cached by content: a build that changes nothing lays out no PDF; a changed title, one."""
    project = copy_project(tmp_path / "projet")
    cache = tmp_path / "cache"
    env = {**os.environ, "ACTES_CACHE_DIR": str(cache)}

    def run():
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                                capture_output=True, text=True, cwd=project,
                                env={**env, "NO_MKDOCS_2_WARNING": "1", "ACTES_SITE_URL": SITE_URL})
        assert result.returncode == 0, result.stderr
        return sorted(cache.glob("pdf-*.pickle")), (tmp_path / "site" / PDF_FILE).read_bytes()

    first, first_pdf = run()
    assert len(first) == 1
    again, again_pdf = run()
    assert again == first and again_pdf == first_pdf and first[0].stat().st_mtime_ns == again[0].stat().st_mtime_ns
    recommendations = project / f"data/journees/{DAY}/recommandations.yml"
    recommendations.write_text(recommendations.read_text(encoding="utf-8").replace(
        "title: Co-construire les projets", "title: Construire les projets ensemble"), encoding="utf-8")
    changed, changed_pdf = run()
    assert len(changed) == 2 and changed_pdf != first_pdf
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "site" / PDF_FILE).pages)
    assert "Construire les projets ensemble" in text and "Co-construire les projets" not in text
    styles = project / "overrides/pdf/styles.html"  # the templates are part of what a PDF is made of
    styles.write_text(styles.read_text(encoding="utf-8").replace("size: A4;", "size: A5;"), encoding="utf-8")
    restyled, restyled_pdf = run()
    assert len(restyled) == 3 and float(PdfReader(io.BytesIO(restyled_pdf)).pages[0].mediabox.width) < 450


def test_missing_fonts_stop_the_build_with_what_to_do(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "ACTES_FONTS_DIR": str(tmp_path / "nulle-part"), "ACTES_CACHE_DIR": "",
                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "police manquante pour le PDF des actes" in result.stderr and "fonts-liberation2" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_round_trip_holds_for_notes_lists_and_sources_laid_out_in_columns(tmp_path):
    """Two more interventions, from the producers' corpus (a two-column PDF with a footnote, a DOCX
    with footnotes and a numbered list): their notes at the foot of the PDF's pages, read back in
    the order of their calls."""
    from actes.publication import load_corpus

    project = copy_project(tmp_path / "projet")
    sources = ROOT / "tests/fixtures/producteurs/sources"
    for name, intervention in (("collections-libreoffice-deux-colonnes.pdf", "collections"),
                               ("mediation-libreoffice.docx", "mediation")):
        ran = subprocess.run([sys.executable, "-m", "actes.cli", "ingest", DAY, str(sources / name), "--as", intervention,
                              "--root", str(project)], capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
    ran = subprocess.run([sys.executable, "-m", "actes.cli", "permalinks", "--update", "--root", str(project)],
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    corpus = load_corpus(project)
    day = corpus.days_by_slug[DAY]
    assert sum(block.kind == "footnote" for e in day.transcripts for block in e.transcript.blocks) >= 3
    document = pdf.day_document(corpus, day, site_info(project))
    assert document.count('class="note"') >= 3 and 'class="footnote"' not in document
    (tmp_path / "journee.pdf").write_bytes(pdf.render_pdf(document))
    results = read_back(tmp_path / "journee.pdf", day)
    assert [r.intervention for r in results] == ["conclusion", "collections", "mediation"]
    for result in results:
        assert result.perfect and result.words > 150, result
