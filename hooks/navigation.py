"""Build the navigation from the data: days grouped by year (newest first), then the indexes.
Titles are raw text: overrides/partials/nav-item.html is autoescaped, and hooks/page_titles.py
escapes the titles Material prints."""

from __future__ import annotations

from itertools import groupby

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from actes.corpus import Corpus
from actes.people import PEOPLE_INDEX
from actes.urls import containing_page, page_path


def _day_section(day) -> dict:
    pages = [day.index_uri] + [{t.intervention.title: t.docs_uri} for t in day.transcripts]
    return {day.model.title: pages}


def navigation(corpus: Corpus) -> list:
    years = [
        {str(year): [_day_section(day) for day in days]}
        for year, days in groupby(corpus.days, key=lambda d: d.model.date.year)
    ]
    return [
        {"Accueil": "index.md"},
        {"Journées": ["journees/index.md", *years]},
        # Recommendation pages are listed on their index, day and function pages.
        {"Recommandations": "recommandations/index.md"},
        {"Fonctions du musée": ["fonctions/index.md", *(f.uri for f in corpus.functions.values())]},
        # Each person's page is listed on this index, and on the pages of their interventions.
        {"Intervenants": PEOPLE_INDEX},
        {"Données ouvertes": "donnees/index.md"},
        {"À propos": "a-propos.md"},
        {"Accessibilité": "accessibilite.md"},
    ]


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.nav = navigation(config.extra["actes"])
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
    """The site path of every page the navigation lists, once per build."""
    config.extra["actes_nav_paths"] = {page_path(p.file.src_uri): p for p in nav.pages}
    return nav


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """A page the navigation does not list (a recommendation, a year's page) marks the entry it
    belongs to, as a listed page marks itself and its sections."""
    listed = config.extra["actes_nav_paths"]
    path = page_path(page.file.src_uri)
    holder = None if path in listed else containing_page(path, listed)
    if holder is not None:
        listed[holder].active = True  # its sections too; undone once the page is written
        config.extra["actes_marked_entry"] = listed[holder]
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    entry = config.extra.pop("actes_marked_entry", None)
    if entry is not None:
        entry.active = False
    return output
