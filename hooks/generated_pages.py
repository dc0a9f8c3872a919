"""Generate the pages that come from data (days, recommendations, functions, people, indexes) as virtual files.

Each page is Markdown rendered from a template in overrides/pages/; data strings go through
the `texte` filter, which escapes them so that they render verbatim.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from actes.urls import page_url
from actes.corpus import Corpus, recommendations_year_uri
from actes.disk_cache import private_folder
from actes.files import write_atomically
from actes.outputs import SiteInfo, datapackage, feeds, pdf
from actes.outputs.site import site_info
from actes.citation import turn_reference
from actes.people import PEOPLE_INDEX
from template_filters import markdown_environment

# The French names of Table Schema's types, on the open data page.
TYPE_LABELS = {"string": "texte", "integer": "entier", "date": "date (AAAA-MM-JJ)"}


def _size(content: str | bytes) -> int:
    return len(content if isinstance(content, bytes) else content.encode("utf-8"))


def _open_data_page(corpus: Corpus, site: SiteInfo, outputs: dict[str, str]) -> dict:
    """The context of the open data page: its tables, their files' sizes, an example."""
    _, modified = datapackage.data_dates(corpus)
    links = next(table for table in datapackage.TABLES if table.name == "recommandations_fonctions")
    return {
        "tables": datapackage.TABLES, "types": TYPE_LABELS, "licence": datapackage.LICENCE,
        "sizes": {path: _size(content) for path, content in outputs.items() if path.startswith(datapackage.FOLDER + "/")},
        "version": datapackage.SCHEMA_VERSION, "modified": modified, "title": datapackage.PACKAGE_TITLE,
        "publisher": site.publisher, "page_url": page_url(site.url, datapackage.PAGE_URI), "site_url": site.url,
        "example": list(links.rows(corpus, site))[:5],
        "feeds": {"days": feeds.DAYS_FEED, "recommendations": feeds.RECOMMENDATIONS_FEED},
    }


def _pages(corpus: Corpus, site_url: str, open_data: dict, outputs: dict):
    """(src_uri, template, context, in_nav) of every generated page."""
    yield "journees/index.md", "journees.md", {"days": corpus.days}, True
    for day in corpus.days:
        document = pdf.pdf_path(day)
        yield day.index_uri, "journee.md", {"day": day, "pdf": {"path": document, "size": _size(outputs[document])}}, True
    yield "recommandations/index.md", "recommandations.md", {
        "years": corpus.recommendations_by_year, "year_uri": recommendations_year_uri}, True
    for year, recommendations in corpus.recommendations_by_year.items():
        yield recommendations_year_uri(year), "recommandations-annee.md", {
            "year": year, "recommendations": recommendations, "functions": corpus.functions}, False
    for rec in (rec for day in corpus.days for rec in day.recommendations):
        yield rec.uri, "recommandation.md", {"rec": rec, "functions": corpus.functions,
                                              "permalink": page_url(site_url, rec.uri),
                                              "related": corpus.related.get(rec.id, []),
                                              "other_days": len(corpus.days) > 1}, False
    yield "fonctions/index.md", "fonctions.md", {"functions": corpus.functions.values()}, True
    for function in corpus.functions.values():
        yield function.uri, "fonction.md", {"function": function, "feed": feeds.function_feed(function.id)}, True
        for year, mentions in function.mentions_by_year.items():
            yield function.year_uri(year), "fonction-annee.md", {"function": function, "year": year, "mentions": mentions}, False
    yield PEOPLE_INDEX, "intervenants.md", {"people": corpus.people.values()}, True
    for person in corpus.people.values():
        yield person.uri, "intervenant.md", {"person": person, "permalink": page_url(site_url, person.uri),
                                             "cite": lambda turn: turn_reference(turn, site_url).iso690()}, False
    yield datapackage.PAGE_URI, "donnees.md", open_data, True


def _incremental_dir(config: MkDocsConfig) -> Path | None:
    """With ACTES_INCREMENTAL=1 (`make serve`), generated pages are backed by files, rewritten only
    when their content changes, so that `mkdocs serve --dirty` rebuilds only the pages that changed.
    The folder is outside docs/: a build never writes into docs/. None, too, when the folder is not
    private (see actes.disk_cache.private_folder): the pages then stay in memory, as in a build."""
    if os.environ.get("ACTES_INCREMENTAL") != "1":
        return None
    key = hashlib.sha256(config.config_file_path.encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"actes-pages-{key}"
    # Its pages are built into the site: never from a folder another user could have prepared.
    return folder if private_folder(folder) else None


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    corpus: Corpus = config.extra["actes"]
    env = markdown_environment(config)
    incremental = _incremental_dir(config)
    open_data = _open_data_page(corpus, site_info(config), config.extra["actes_outputs"])

    def permalink(uri: str) -> str:
        """The absolute permalink of a page, printed after its link on paper (docs/stylesheets/actes.css)."""
        return page_url(config.site_url or "", uri)

    for src_uri, template, context, in_nav in _pages(corpus, config.site_url or "", open_data, config.extra["actes_outputs"]):
        content = env.get_template(f"pages/{template}").render(here=src_uri, permalien=permalink, **context)
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        if incremental is None:
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
            continue
        path = incremental / src_uri
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, content)
        files.append(File.generated(config, src_uri, abs_src_path=str(path), inclusion=inclusion))
    return files
