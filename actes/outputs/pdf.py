"""The printable proceedings: one tagged PDF (PDF/UA-1) of each study day, at a fixed URL.

The PDF is laid out by WeasyPrint from an HTML document rendered with overrides/pdf/journee.html,
from the same data and transcripts as the site: each transcript is turned into HTML by the site's
own Markdown settings and marked by actes.anchoring (§ numbers, passages, corrections), as on its
page. Nothing is fetched but the fonts, read from the machine (Debian's fonts-liberation2, SIL
Open Font License) and embedded; any other request stops the build.

Laying out a day takes about a second: the PDF is cached on disk (actes.disk_cache) under a digest
of what it is made of (the day's data and transcripts, the templates, the site's settings, the
fonts, WeasyPrint's version and the package's code), so that a build where the day did not change
renders nothing; the days not found are laid out side by side, one process per core.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
from lxml import etree
from lxml import html as lxml_html

from actes import disk_cache
from actes.anchoring import LINK_CLASS, PARAGRAPH_CLASS, anchor_transcript
from actes.citation import day_reference
from actes.convert import markdown_body, plain_text
from actes.corpus import Corpus, Day, RecommendationEntry, TranscriptEntry
from actes.model import Recommendation
from actes.descriptions import day_summary
from actes.filters import FILTERS
from actes.outputs.site import SiteInfo
from actes.typography import typeset_html
from actes.urls import file_url, page_url, proceedings_path

TEMPLATE = "pdf/journee.html"
# Where the fonts are read from: Debian's fonts-liberation2 (`make system-pdf` installs it).
FONTS_DIR = Path(os.environ.get("ACTES_FONTS_DIR", "/usr/share/fonts/truetype/liberation2"))
FONT_FILES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-Bold.ttf",
              "LiberationSerif-BoldItalic.ttf", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")
REC_ANCHOR = "recommandation-"
LICENCE = {
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


class PdfError(Exception):
    """The PDF cannot be made on this machine (a font missing): said in French, with what to do."""


def pdf_path(day: Day) -> str:
    """The PDF's path under the site (in the open data package's folder): its URL never changes."""
    return proceedings_path(day.slug)


def paths(corpus: Corpus) -> list[str]:
    return [pdf_path(day) for day in corpus.days]


def files(corpus: Corpus, site: SiteInfo, written: dict | None = None) -> dict[str, bytes]:
    """Each day's PDF: from the cache when what it is made of is the same; the others laid out
    side by side, one process per core."""
    if not corpus.days:
        return {}
    keys = _cache_keys(site)
    found = {pdf_path(day): disk_cache.load("pdf", (day_inputs(corpus, day, site), *keys)) for day in corpus.days}
    missing = [day for day in corpus.days if found[pdf_path(day)] is disk_cache.MISSING]
    documents = [day_document(corpus, day, site) for day in missing]
    for day, content in zip(missing, _render_all(documents)):
        disk_cache.store("pdf", (day_inputs(corpus, day, site), *keys), content)
        found[pdf_path(day)] = content
    return found


def day_inputs(corpus: Corpus, day: Day, site: SiteInfo) -> bytes:
    """Everything of the corpus `day_document` reads for a day, as bytes: the cache's key with the
    templates, the site's settings, the fonts, WeasyPrint and the package's code (_cache_keys).
    Cheaper than rendering the document (whose Markdown takes most of the time)."""
    functions = {f for rec in day.recommendations for f in rec.model.functions}
    return json.dumps({
        "day": day.slug,
        "model": day.model.model_dump(mode="json"),
        "transcripts": [{"markdown": entry.markdown, "corrections": [c.model.model_dump(mode="json") for c in entry.corrections]}
                        for entry in day.transcripts],
        "recommendations": [rec.model.model_dump(mode="json") for rec in day.recommendations],
        "functions": {f: corpus.functions[f].model.label for f in sorted(functions) if f in corpus.functions},
    }, ensure_ascii=False, sort_keys=True).encode()


def edition_date(day: Day) -> datetime.date:
    """The date of this edition of the day's proceedings: the newest date of its data (its
    `edition` date, a recommendation's status change, else the day itself)."""
    return max([day.model.date, day.model.edition or day.model.date] + [rec.changed for rec in day.recommendations])


# --- The HTML document ------------------------------------------------------------------------

@dataclass(frozen=True)
class TranscriptView:
    anchor: str  # the intervention's id: every id of its transcript is prefixed with it
    title: str
    speakers: list  # actes.model.Speaker
    html: str
    corrections: list


@dataclass(frozen=True)
class RecommendationView:
    id: str
    anchor: str
    model: Recommendation
    intervention: str
    paragraph: int
    passage: str
    passage_anchor: str
    functions: list[str]
    permalink: str


def _for_print(html: str, prefix: str) -> str:
    """Every id of a transcript's HTML, and every link to one, prefixed with its intervention's id:
    the ids of several transcripts live in one document (links to recommendations are left). A
    space after each § number and before each recommendation's id, where the site has only a
    margin: in a PDF's text, which readers and screen readers take, they stay words apart. Each
    § number is plain text, as its link to itself means nothing on paper."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    _notes_at_page_foot(root)
    for element in root.iter():
        classes = (element.get("class") or "").split()
        if PARAGRAPH_CLASS in classes:  # on paper, the number is no link to itself
            element.tag = "span"
            del element.attrib["href"]
            element.tail = " " + (element.tail or "")
        elif LINK_CLASS in classes:
            previous = element.getprevious()
            previous.tail = (previous.tail or "") + " "
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        href = element.get("href")
        if href and href.startswith("#") and not href.startswith(f"#{REC_ANCHOR}"):
            element.set("href", f"#{prefix}-{href[1:]}")
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _notes_at_page_foot(root: etree._Element) -> None:
    """The transcript's notes, which the site lists after the text, as footnotes on paper: each
    note's text takes the place of its call, and CSS (`float: footnote`) sets it at the foot of the
    page with a numbered call."""
    notes = {item.get("id"): item for item in root.iter("li") if (item.get("id") or "").startswith("fn:")}
    for call in [sup for sup in root.iter("sup") if (sup.get("id") or "").startswith("fnref")]:
        link = call.find("a")
        item = notes.get((link.get("href") or "#")[1:]) if link is not None else None
        if item is None:
            raise PdfError(f"note sans texte dans la transcription : {lxml_html.tostring(call, encoding='unicode')}")
        for backref in item.xpath('.//a[contains(concat(" ", @class, " "), " footnote-backref ")]'):
            backref.drop_tree()
        note = etree.Element("span", {"class": "note"})
        for index, paragraph in enumerate(item):  # its paragraphs, run in, a space between
            text = (" " if index else "") + (paragraph.text or "")
            if len(note):
                note[-1].tail = (note[-1].tail or "") + text
            else:
                note.text = (note.text or "") + text
            note.extend(list(paragraph))
        note.tail = call.tail
        call.getparent().replace(call, note)
        item.drop_tree()
    for listing in root.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        if listing.xpath(".//li"):
            raise PdfError("note sans appel dans la transcription")
        listing.drop_tree()


def transcript_html(entry: TranscriptEntry, markdown_settings: tuple) -> str:
    """The transcript as its page shows it: the site's Markdown, then § numbers, passages, corrections."""
    extensions, configs = markdown_settings
    body = markdown.Markdown(extensions=list(extensions), extension_configs=configs).convert(markdown_body(entry.markdown))
    links = {rec.id: f"#{REC_ANCHOR}{rec.id}" for rec in entry.recommendations}
    anchored, _ = anchor_transcript(body, entry.transcript, entry.recommendations, links, entry.corrections)
    return _for_print(anchored, entry.intervention.id)


def _recommendation_view(rec: RecommendationEntry, corpus: Corpus, site: SiteInfo) -> RecommendationView:
    model = rec.model
    return RecommendationView(
        id=rec.id, anchor=f"{REC_ANCHOR}{rec.id}", model=model, intervention=rec.transcript.intervention.title, paragraph=rec.paragraph,
        passage=plain_text(model.passage), passage_anchor=f"{rec.transcript.intervention.id}-{rec.id}",
        functions=[corpus.functions[f].model.label for f in model.functions if f in corpus.functions],
        permalink=page_url(site.url, rec.uri),
    )


@functools.cache
def _environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                             undefined=jinja2.StrictUndefined, auto_reload=False)
    env.filters.update(FILTERS)
    return env


def day_document(corpus: Corpus, day: Day, site: SiteInfo) -> str:
    """The HTML document WeasyPrint lays out, French spacing applied to its text."""
    transcripts = [TranscriptView(anchor=entry.intervention.id, title=entry.intervention.title,
                                  speakers=entry.intervention.speakers, html=transcript_html(entry, site.markdown),
                                  corrections=entry.corrections)
                   for entry in day.transcripts]
    reference = day_reference(day, site.url, ())
    keywords = list(dict.fromkeys(k for rec in day.recommendations for k in rec.model.keywords))
    html = _environment(site.templates).get_template(TEMPLATE).render(
        day=day, transcripts=transcripts, edition=edition_date(day), summary=day_summary(day), keywords=keywords,
        recommendations=[_recommendation_view(rec, corpus, site) for rec in day.recommendations],
        citation=reference.iso690(), permalink=page_url(site.url, day.index_uri),
        pdf_url=file_url(site.url, pdf_path(day)), publisher=site.publisher, licence=LICENCE,
        fonts=FONTS_DIR.as_uri(),
    )
    return _typeset(html)


def _typeset(html: str) -> str:
    """French spacing in every text of the document's body, as on the site (actes.typography); its
    apostrophes stay the sources'."""
    return typeset_html(html)


# --- The PDF ----------------------------------------------------------------------------------

def _fonts() -> list[Path]:
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    if missing:
        raise PdfError(f"police manquante pour le PDF des actes : {', '.join(missing)} dans {FONTS_DIR} ; "
                       f"installez le paquet Debian fonts-liberation2 (make system-pdf)")
    return [FONTS_DIR / name for name in FONT_FILES]


def _cache_keys(site: SiteInfo) -> tuple[bytes, ...]:
    """What a PDF depends on besides its day's data and the package's code: the site's settings,
    the document's templates, WeasyPrint and the fonts."""
    settings = json.dumps([site.url, site.name, site.publisher, repr(site.markdown)]).encode()
    templates = [path.read_bytes() for path in sorted((site.templates / "pdf").glob("*"))]
    return (settings, *templates, importlib.metadata.version("weasyprint").encode(),
            *(hashlib.sha256(font.read_bytes()).digest() for font in _fonts()))


def _check_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401, PLC0415 - loads Pango and HarfBuzz
    except OSError as error:
        raise PdfError(f"WeasyPrint ne trouve pas ses bibliothèques ({error}) ; installez les paquets Debian "
                       f"libpango-1.0-0, libpangoft2-1.0-0 et libharfbuzz-subset0 (make system-pdf)") from None


def _render_all(documents: list[str]) -> list[bytes]:
    if not documents:
        return []
    _check_weasyprint()
    workers = min(len(documents), os.cpu_count() or 1)
    if workers <= 1:
        return [render_pdf(document) for document in documents]
    # Fresh processes (not forks of a build that may run threads, as `mkdocs serve` does).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(render_pdf, documents))


def _local_fonts_fetcher():
    """WeasyPrint's URL fetcher: the font files, nothing else (no request leaves the machine)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher  # noqa: PLC0415

    allowed = {font.as_uri() for font in _fonts()}

    class LocalFonts(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise FatalURLFetchingError(f"le PDF des actes ne charge que ses polices, pas {url[:200]}")
            return super().fetch(url, headers)

    return LocalFonts(allowed_protocols=("file",))


def render_pdf(document: str) -> bytes:
    """Lay out `document` as a tagged PDF/UA-1 (title, language, structure tree, bookmarks, links)."""
    import weasyprint  # noqa: PLC0415

    html = weasyprint.HTML(string=document, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=_local_fonts_fetcher())
    # The identifier derives from the content (not the time): two builds give the same bytes.
    identifier = hashlib.sha256(document.encode()).hexdigest()[:32].encode()
    return html.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
