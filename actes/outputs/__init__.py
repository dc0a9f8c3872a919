"""The files derived from the corpus besides its pages: one module per output, each a pure function
from the corpus to files (`files(corpus, site, written) -> {path: content}`, where `written` holds
the files of the outputs before it) with the list of the paths it
writes (`paths(corpus)`, which the permalink ledger reads). hooks/outputs.py writes them into the site.
"""

from __future__ import annotations

from actes.corpus import Corpus
from actes.outputs import citations, datapackage, feeds, pdf
from actes.outputs.site import SiteInfo

# Every output, in one place: the build writes them, the ledger lists their paths.
OUTPUTS = (citations, feeds, pdf, datapackage)  # the data package lists the PDFs: after them


def output_files(corpus: Corpus, site: SiteInfo) -> dict[str, str | bytes]:
    """Path (under the site) → content of every output file."""
    written: dict[str, str] = {}
    for output in OUTPUTS:
        written.update(output.files(corpus, site, written))
    return written


def output_paths(corpus: Corpus) -> list[str]:
    """The paths of every output file, from the corpus alone (no rendering)."""
    return [path for output in OUTPUTS for path in output.paths(corpus)]


def colliding_paths(corpus: Corpus) -> list[str]:
    """The output paths that two items would both write (a day 'x' with an intervention 'conclusion'
    and a day 'x-conclusion' share 'citations/x-conclusion.bib'): the registry refuses them."""
    seen: set[str] = set()
    return sorted({path for path in output_paths(corpus) if path in seen or seen.add(path)})


__all__ = ["OUTPUTS", "SiteInfo", "colliding_paths", "output_files", "output_paths"]
