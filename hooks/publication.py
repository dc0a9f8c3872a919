"""Publication: a build for the public (ACTES_PUBLICATION=1, `make publish`) needs a public https
address; every build writes robots.txt with its sitemap, and gives each page its sitemap date from
the data (actes.publication.page_dates) or its front matter (`updated:`), never the build's date."""

from __future__ import annotations

import datetime
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from actes.extra import ByPage
from actes.publication import page_dates
from actes.urls import public_url_problem, site_url_problem


# After the corpus is loaded (hooks/corpus_loader.py, priority -10).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problem = site_url_problem(config.site_url or "")
    if problem:
        raise PluginError(f"Construction refusée : {problem}. Corrigez ACTES_SITE_URL (ou site_url dans mkdocs.yml) ; "
                          "rien n'a été écrit dans site/.")
    if os.environ.get("ACTES_PUBLICATION") == "1":
        problem = public_url_problem(os.environ.get("ACTES_SITE_URL"))
        if problem:
            raise PluginError(f"Publication refusée : {problem}. Relancez avec l'adresse du site public, par exemple "
                              "ACTES_SITE_URL=https://actes.culture.gouv.fr/ make publish ; rien n'a été écrit dans site/.")
    config.extra["actes_page_dates"] = ByPage(page_dates(config.extra["actes"]))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {(config.site_url or '/').rstrip('/')}/sitemap.xml\n"
    files.append(File.generated(config, "robots.txt", content=robots))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    corpus = config.extra["actes"]
    date = config.extra["actes_page_dates"].get(page.file.src_uri)
    if date is None:  # an editorial page: its own date, and the home page follows the data too
        written = page.meta.get("updated")
        if written is not None and not isinstance(written, datetime.date):
            raise PluginError(f"{page.file.src_uri}: 'updated' doit être une date AAAA-MM-JJ : '{written}'")
        date = max(filter(None, [written, corpus.newest_date if page.is_homepage else None]), default=corpus.newest_date)
    page.update_date = date.isoformat()
    return markdown
