"""Redirects of pages that moved (data/redirections.yml): their shape and their rules."""

from __future__ import annotations

import os

import re
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from actes.yamlsource import Problem, YamlDocument, read_yaml, validate

REDIRECTS_FILE = "redirections.yml"
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


def load_redirects(data_dir: Path, display: str) -> tuple[list[Redirect], YamlDocument | None, list[Problem]]:
    path = data_dir / REDIRECTS_FILE
    if not os.path.lexists(path):
        return [], None, []
    document, problems = read_yaml(path, display)
    if document is None:
        return [], None, problems
    model, found = validate(document, RedirectsFile)
    return (list(model.redirects) if model else []), document, problems + found


def _published_file_on_the_way(source: str, live: set[str]) -> str | None:
    """The published file (a download, a feed) whose path the folder of a redirect page would need."""
    parts = source.strip("/").split("/")
    return next((path for path in ("/" + "/".join(parts[:end]) for end in range(1, len(parts) + 1))
                 if path in live), None)


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
        elif file := _published_file_on_the_way(redirect.source, live):
            yield Problem(document.path, line, f"la source d'une redirection passe par un fichier publié ('{file}') : "
                                               "sa page de redirection ne peut pas s'écrire ; une redirection part "
                                               f"d'une ancienne page : '{redirect.source}'")
    for index, redirect in enumerate(redirects):
        line = document.line_of(("redirects", index, "to"))
        if redirect.target in sources:
            yield Problem(document.path, line, "chaîne de redirections : faites pointer la redirection directement vers "
                                               f"la page finale : '{redirect.target}'")
        elif redirect.target not in live:
            yield Problem(document.path, line, f"cible de redirection introuvable : '{redirect.target}'")
