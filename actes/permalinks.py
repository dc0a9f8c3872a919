"""The permalink ledger: every URL and fragment ever published, which must resolve forever.

`data/permaliens.txt` lists them, one per line; `actes permalinks --update` adds the new ones and
never removes one. A URL that stops being a page needs a redirect in `data/redirections.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from pydantic import BaseModel, ConfigDict, Field

from actes.files import write_atomically
from actes.yamlsource import Problem, YamlDocument, read_yaml, validate

if TYPE_CHECKING:
    from actes.corpus import Corpus

LEDGER_FILE = "permaliens.txt"
REDIRECTS_FILE = "redirections.yml"
LEDGER_HEADER = (
    "# Every URL and fragment Actes has published. Each must resolve forever: as a page, or through\n"
    "# a redirect declared in data/redirections.yml. Add new ones with 'actes permalinks --update';\n"
    "# never remove a line.\n"
)
# A page's site path: '/', '/fonctions/edition/'. Only pages can be redirected (a static host
# cannot redirect a download such as '/citations/SN2018-01.bib').
PAGE_PATH = re.compile(r"^/(?:[A-Za-z0-9._-]+/)*$")


class Redirect(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="from", pattern=PAGE_PATH.pattern)
    target: str = Field(alias="to", pattern=PAGE_PATH.pattern)
    reason: str = Field(min_length=1)


class RedirectsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    redirects: list[Redirect] = []


@dataclass(frozen=True)
class LedgerEntry:
    line: int
    url: str

    @property
    def page(self) -> str:
        return self.url.split("#", 1)[0]


def page_path(uri: str) -> str:
    """Site path of the page built from Markdown file `uri` (directory URLs): 'a/b.md' → '/a/b/'."""
    path = re.sub(r"(^|/)index\.md$", r"\1", uri)
    return "/" + re.sub(r"\.md$", "/", path)


def published_urls(corpus: "Corpus", docs_dir: Path) -> list[str]:
    """Every URL and fragment the site publishes, from the data and docs/ alone (no build)."""
    from actes.citation import download_paths
    from actes.corpus import recommendations_year_uri

    uris = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    uris |= {"journees/index.md", "recommandations/index.md", "fonctions/index.md"}
    uris |= {day.index_uri for day in corpus.days}
    uris |= {rec.uri for rec in corpus.recommendations.values()}
    uris |= {recommendations_year_uri(year) for year in corpus.recommendations_by_year}
    uris |= {function.uri for function in corpus.functions.values()}
    uris |= {function.year_uri(year) for function in corpus.functions.values() for year in function.mentions_by_year}
    urls = {page_path(uri) for uri in uris}
    for day in corpus.days:
        for entry in day.transcripts:
            page = page_path(entry.docs_uri)
            urls |= {f"{page}#p{n}" for n in range(1, len(entry.transcript.paragraphs) + 1)}
            urls |= {f"{page}#{rec.id}" for rec in entry.recommendations}
    urls |= {f"/{path}" for path in download_paths(corpus)}
    return sorted(urls)


def read_ledger(path: Path) -> list[LedgerEntry]:
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        line = line.strip()
        if line and not line.startswith("# "):
            entries.append(LedgerEntry(number, line))
    return entries


def update_ledger(path: Path, published: list[str]) -> list[str]:
    """Add the published URLs the ledger lacks; never remove one. Return those added."""
    known = [entry.url for entry in read_ledger(path)]
    added = sorted(set(published) - set(known))
    if added or not path.is_file():
        write_atomically(path, LEDGER_HEADER + "".join(f"{url}\n" for url in sorted(set(known) | set(added))))
    return added


def load_redirects(data_dir: Path, display: str) -> tuple[list[Redirect], YamlDocument | None, list[Problem]]:
    path = data_dir / REDIRECTS_FILE
    if not path.is_file():
        return [], None, []
    document, problems = read_yaml(path, display)
    if document is None:
        return [], None, problems
    model, found = validate(document, RedirectsFile)
    return (list(model.redirects) if model else []), document, problems + found


def check_redirects(redirects: list[Redirect], document: YamlDocument, live: set[str]) -> Iterator[Problem]:
    """A redirect goes from a page that is gone to a live page: no chain, no loop, no live source."""
    sources: dict[str, int] = {}
    for index, redirect in enumerate(redirects):
        line = document.line_of(("redirects", index, "from"))
        if redirect.source in sources:
            yield Problem(document.path, line, f"redirection en double (déjà ligne {sources[redirect.source]}) : '{redirect.source}'")
        sources.setdefault(redirect.source, line)
        if redirect.source in live:
            yield Problem(document.path, line, "la source d'une redirection est une page publiée ; une page vivante ne "
                                               f"se redirige pas : '{redirect.source}'")
    for index, redirect in enumerate(redirects):
        line = document.line_of(("redirects", index, "to"))
        if redirect.target in sources:
            yield Problem(document.path, line, "chaîne de redirections : faites pointer la redirection directement vers "
                                               f"la page finale : '{redirect.target}'")
        elif redirect.target not in live:
            yield Problem(document.path, line, f"cible de redirection introuvable : '{redirect.target}'")


def check_ledger(entries: list[LedgerEntry], display: str, published: list[str],
                 redirects: list[Redirect]) -> Iterator[Problem]:
    """Every ledger entry resolves (directly or through a redirect)."""
    live = set(published)
    moved = {r.source: r.target for r in redirects}
    for entry in entries:
        if entry.url in live:
            continue
        if entry.page in moved:
            target = moved[entry.page] + entry.url[len(entry.page):]
            if target in live:
                continue
            yield Problem(display, entry.line, f"permalien redirigé vers '{moved[entry.page]}', où l'ancre manque : '{entry.url}'")
        elif entry.page in live:
            yield Problem(display, entry.line, "ancre publiée disparue de sa page ; rétablissez le paragraphe ou la "
                                               f"recommandation : '{entry.url}'")
        else:
            yield Problem(display, entry.line, "permalien publié introuvable ; rétablissez la page ou déclarez dans "
                                               f"data/{REDIRECTS_FILE} une redirection (from: {entry.page}, to: <page "
                                               f"qui la remplace>, reason: …) : '{entry.url}'")


def unregistered(entries: list[LedgerEntry], display: str, published: list[str]) -> list[Problem]:
    """Published URLs not yet in the ledger: a warning while previewing, an error for `actes check`
    and for strict builds (MkDocs fails on warnings)."""
    missing = sorted(set(published) - {entry.url for entry in entries})
    return [Problem(display, 1, f"permalien publié absent du registre ; lancez 'actes permalinks --update' : '{url}'")
            for url in missing]
