"""The permalink ledger: every URL and fragment ever published, which must resolve forever.

`data/permaliens.txt` lists them, one per line; `actes permalinks --update` adds the new ones and
never removes one. A URL that stops being a page needs a redirect in `data/redirections.yml`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from actes.files import decode_utf8, read_regular, write_atomically
from actes.limits import MAX_LEDGER_BYTES
from actes.redirects import REDIRECTS_FILE, Redirect
from actes.yamlsource import Problem

LEDGER_FILE = "permaliens.txt"
LEDGER_HEADER = (
    "# Every URL and fragment Actes has published. Each must resolve forever: as a page, or through\n"
    "# a redirect declared in data/redirections.yml. Add new ones with 'actes permalinks --update';\n"
    "# never remove a line.\n"
)
@dataclass(frozen=True)
class LedgerEntry:
    line: int
    url: str

    @property
    def page(self) -> str:
        return self.url.split("#", 1)[0]


def read_ledger(path: Path) -> list[LedgerEntry]:
    """The ledger's entries; UnreadableFile (actes.files) if it is no regular UTF-8 file within its limit."""
    if not os.path.lexists(path):
        return []
    entries = []
    for number, line in enumerate(decode_utf8(read_regular(path, MAX_LEDGER_BYTES)).split("\n"), start=1):
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


# A recommendation's own URLs: its page and its citation downloads.
_RECOMMENDATION_URL = re.compile(r"^/(?:recommandations/([A-Z]{2,4}[0-9]{4}-[0-9]{2})/|citations/([A-Z]{2,4}[0-9]{4}-[0-9]{2})\.[a-z]+)$")


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
        elif match := _RECOMMENDATION_URL.match(entry.url):
            yield Problem(display, entry.line, f"recommandation {match.group(1) or match.group(2)} introuvable ; une "
                                               "recommandation ne se supprime jamais : rétablissez-la dans son fichier "
                                               "recommandations.yml avec 'status: retirée', 'status_date' et 'reason' "
                                               f"(ou 'status: remplacée' et 'replaced_by') : '{entry.url}'")
        elif not entry.url.endswith("/") and "#" not in entry.url:
            yield Problem(display, entry.line, "fichier publié introuvable ; un fichier ne se redirige pas : rétablissez "
                                               "ce qui le produisait (le flux d'une fonction renommée reste servi dès que "
                                               f"la redirection de la page de la fonction est déclarée) : '{entry.url}'")
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
