"""Transcript pages: never through Jinja; a citable § anchor on every paragraph; each
recommendation's passage marked, given the recommendation's id as anchor, and linked to it; each
editorial correction shown (actes.corrections); each speaker turn anchored, its label linked to the
speaker's page (actes.people)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from actes.anchoring import AnchoringError, anchor_transcript, outline_under_title
from actes.corpus import Corpus, TranscriptEntry
from actes.people import turn_marks


def _entry(page: Page, config: MkDocsConfig) -> TranscriptEntry | None:
    corpus: Corpus = config.extra["actes"]
    return corpus.transcripts_by_uri.get(page.file.src_uri)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    entry = _entry(page, config)
    if entry is None:
        return markdown
    if page.meta.get("render_macros"):
        raise PluginError(f"{page.file.src_uri}: une transcription n'est jamais rendue par Jinja : retirez 'render_macros'")
    page.meta["template"] = "transcription.html"
    page.meta["actes_transcript"] = entry
    page.meta["actes_day"] = config.extra["actes"].days_by_slug[entry.day_slug]
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    entry = _entry(page, config)
    if entry is None:
        return html
    links = {
        rec.id: get_relative_url(files.get_file_from_path(rec.uri).url, page.url)
        for rec in entry.recommendations
    }
    marks = turn_marks(entry, lambda person: get_relative_url(files.get_file_from_path(person.uri).url, page.url))
    try:
        content, anchors = anchor_transcript(html, entry.transcript, entry.recommendations, links, entry.corrections,
                                             marks)
    except AnchoringError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors
    return outline_under_title(content)
