"""Citation downloads: BibTeX, RIS and CSL-JSON for every citable item, and for the whole corpus,
at /citations/<key>.<format>."""

from __future__ import annotations

import json

from actes.citation import Reference, intervention_key, references_by_page
from actes.corpus import Corpus
from actes.outputs.site import SiteInfo

FOLDER = "citations"
CORPUS_KEY = "actes"

# How each download format renders a list of references.
RENDERERS = {
    "bib": lambda refs: "\n".join(ref.bibtex() for ref in refs),
    "ris": lambda refs: "".join(ref.ris() for ref in refs),
    "json": lambda refs: json.dumps([ref.csl() for ref in refs], ensure_ascii=False, indent=2) + "\n",
}


def _keys(corpus: Corpus) -> list[str]:
    keys = []
    for day in corpus.days:
        keys += [day.slug, *(intervention_key(day, entry) for entry in day.transcripts),
                 *(rec.id for rec in day.recommendations)]
    return keys


def files(corpus: Corpus, site: SiteInfo, written: dict | None = None) -> dict[str, str]:
    """Path (under the site) → content: one file per item and format, and the whole corpus."""
    references: list[Reference] = list(references_by_page(corpus, site.url).values())
    written = {}
    for extension, render in RENDERERS.items():
        for ref in references:
            written[f"{FOLDER}/{ref.key}.{extension}"] = render([ref])
        written[f"{FOLDER}/{CORPUS_KEY}.{extension}"] = render(references)
    return written


def paths(corpus: Corpus) -> list[str]:
    """The paths `files` writes, from the keys alone (for the permalink ledger)."""
    return [f"{FOLDER}/{key}.{extension}" for key in [CORPUS_KEY, *_keys(corpus)] for extension in RENDERERS]
