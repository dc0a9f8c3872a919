"""The corpus as published: every URL and fragment the site gives, checked against the permalink
ledger and the redirects. What the build, `actes check` and `actes permalinks` load."""

from __future__ import annotations

import datetime
from pathlib import Path

from actes import permalinks
from actes.corpus import Corpus, CorpusError, display_path, read_corpus, recommendations_year_uri
from actes.outputs import colliding_paths, datapackage, output_paths
from actes.people import PEOPLE_INDEX, turn_anchor, turn_paragraphs
from actes.redirects import check_redirects
from actes.files import UnreadableFile
from actes.urls import page_path
from actes.yamlsource import Problem

# The index pages generated beside those of each day, recommendation and function.
INDEX_PAGES = ("journees/index.md", "recommandations/index.md", "fonctions/index.md", PEOPLE_INDEX,
               datapackage.PAGE_URI)


def published_urls(corpus: Corpus, docs_dir: Path) -> list[str]:
    """Every URL and fragment the site publishes, from the data and docs/ alone (no build)."""
    uris = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    uris |= set(INDEX_PAGES)
    uris |= {day.index_uri for day in corpus.days}
    uris |= {rec.uri for rec in corpus.recommendations.values()}
    uris |= {recommendations_year_uri(year) for year in corpus.recommendations_by_year}
    uris |= {function.uri for function in corpus.functions.values()}
    uris |= {person.uri for person in corpus.people.values()}
    uris |= {function.year_uri(year) for function in corpus.functions.values() for year in function.mentions_by_year}
    urls = {page_path(uri) for uri in uris}
    for day in corpus.days:
        for entry in day.transcripts:
            page = page_path(entry.docs_uri)
            urls |= {f"{page}#p{n}" for n in range(1, len(entry.transcript.paragraphs) + 1)}
            urls |= {f"{page}#{rec.id}" for rec in entry.recommendations}
            urls |= {f"{page}#{turn_anchor(n)}" for n in turn_paragraphs(entry)}
    urls |= {f"/{path}" for path in output_paths(corpus)}
    return sorted(urls)


def _collisions(corpus: Corpus, root: Path):
    """Two items that would write one output file: named by the day whose folder name is in it."""
    for path in colliding_paths(corpus):
        key = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        day = corpus.days_by_slug.get(key)
        if day:
            yield Problem(display_path(root / "data" / "journees" / day.slug / "journee.yml", root), 1,
                          f"deux éléments publieraient le même fichier '{path}' : la journée '{key}' et une "
                          "intervention d'une autre journée (dossier et identifiant mis bout à bout) ; renommez le "
                          "dossier de la journée ou l'identifiant de l'intervention")
        else:
            yield Problem("data/journees", 1, f"deux interventions de journées différentes publieraient le même "
                                              f"fichier '{path}' (dossier et identifiant mis bout à bout) : renommez "
                                              "l'une des deux")


def load_corpus(root: Path) -> Corpus:
    """Load `root`/data and `root`/docs, then check the published URLs against the ledger and the
    redirects; raise CorpusError listing every problem found.

    New URLs missing from the permalink ledger are not errors here: they are in `corpus.unregistered`.
    """
    root = Path(root)
    corpus = read_corpus(root)
    data_dir = root / "data"
    # Permalinks last: a data problem would otherwise show again as a missing URL.
    corpus.published = published = published_urls(corpus, root / "docs")
    problems = list(_collisions(corpus, root))
    if corpus.redirects_document is not None:
        problems += check_redirects(corpus.redirects, corpus.redirects_document, set(published))
    ledger = data_dir / permalinks.LEDGER_FILE
    try:
        entries = permalinks.read_ledger(ledger)
    except UnreadableFile as error:
        raise CorpusError(problems + [Problem(display_path(ledger, root), error.line, str(error))]) from None
    problems += permalinks.check_ledger(entries, display_path(ledger, root), published, corpus.redirects)
    corpus.unregistered = permalinks.unregistered(entries, display_path(ledger, root), published)
    if problems:
        raise CorpusError(problems)
    return corpus


def page_dates(corpus: Corpus) -> dict[str, datetime.date]:
    """When each page built from the data last changed, from the data alone (never the build's
    date): a recommendation, its status change or its day; a day or a transcript, the newest of its
    date and its recommendations' changes; a list, its newest item; an index, the newest date of
    all. The sitemap gives them as lastmod."""
    newest = corpus.newest_date
    dates = {uri: newest for uri in INDEX_PAGES}
    for day in corpus.days:
        dates[day.index_uri] = max([day.model.date] + [rec.updated for rec in day.recommendations])
        for entry in day.transcripts:
            dates[entry.docs_uri] = max([day.model.date] + [rec.updated for rec in entry.recommendations])
    for rec in corpus.recommendations.values():
        dates[rec.uri] = rec.updated
    for year, recommendations in corpus.recommendations_by_year.items():
        dates[recommendations_year_uri(year)] = max(rec.updated for rec in recommendations)
    for function in corpus.functions.values():
        dates[function.uri] = max([rec.updated for rec in function.recommendations]
                                  + [mention.day.model.date for mention in function.mentions], default=newest)
        for year, mentions in function.mentions_by_year.items():
            dates[function.year_uri(year)] = max(mention.day.model.date for mention in mentions)
    for person in corpus.people.values():
        dates[person.uri] = max([part.day.model.date for part in person.parts]
                                + [rec.updated for rec in person.recommendations])
    return dates
