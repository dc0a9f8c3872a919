"""Where each page and file of the site lives: site paths and absolute URLs (no other dependency)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def page_path(uri: str) -> str:
    """Site path of the page built from Markdown file `uri` (directory URLs): 'a/b.md' → '/a/b/'."""
    path = re.sub(r"(^|/)index\.md$", r"\1", uri)
    return "/" + re.sub(r"\.md$", "/", path)


def page_url(site_url: str, uri: str) -> str:
    """Absolute URL of the page built from Markdown file `uri` (directory URLs)."""
    return site_url.rstrip("/") + page_path(uri)


def containing_page(path: str, listed: Iterable[str]) -> str | None:
    """Of the site paths `listed` (the navigation's), the one `path` belongs to: the longest that
    contains it, the home page aside ('/recommandations/SN2018-03/' → '/recommandations/')."""
    holders = [p for p in listed if p != "/" and p != path and path.startswith(p)]
    return max(holders, key=len, default=None)


def file_url(site_url: str, path: str) -> str:
    """Absolute URL of a file written at `path` under the site ('donnees/journees.csv')."""
    return site_url.rstrip("/") + "/" + path


# The printable proceedings of each day (actes.outputs.pdf), in the open data package's folder.
PROCEEDINGS_FOLDER = "donnees/actes"


def proceedings_path(day_slug: str) -> str:
    """Path under the site of a day's PDF: its URL never changes."""
    return f"{PROCEEDINGS_FOLDER}/{day_slug}.pdf"


# Hosts that are not a public site: this machine, local networks' names, and example domains.
LOCAL_HOSTS = ("localhost", "0.0.0.0", "::1")
LOCAL_SUFFIXES = (".local", ".localhost", ".test", ".example", "example.com", "example.org", "example.fr")


# What an address may hold, written as it is (RFC 3986's unreserved and reserved characters and
# percent-escapes): no space, quote, angle bracket, backslash or control character.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


def site_url_problem(url: str) -> str | None:
    """Why `url` cannot be the site's address in any build (None if it can): http(s), a host, a path
    ending with « / », and only the characters an address holds as written."""
    from urllib.parse import urlsplit

    from actes.characters import visible

    shown = visible(url)
    if not _URL_CHARACTERS.fullmatch(url):
        wrong = next(c for c in url if not _URL_CHARACTERS.fullmatch(c))
        return (f"l'adresse du site ne peut contenir {'une espace' if wrong.isspace() else f'« {visible(wrong)} »'} "
                f"(encodez-le, par exemple %20 pour une espace) : '{shown}'")
    try:
        parts = urlsplit(url)
        parts.port  # a port that is not a number raises here
    except ValueError:
        return f"l'adresse du site n'est pas une adresse valide : '{shown}'"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"l'adresse du site doit commencer par https:// (ou http:// en local) suivi d'un hôte : '{shown}'"
    if parts.query or parts.fragment or not url.endswith("/"):
        return f"l'adresse du site est celle d'un dossier, sans « ? » ni « # », et se termine par « / » : '{shown}'"
    return None


def public_url_problem(url: str | None) -> str | None:
    """Why `url` cannot be the address of a published site (None if it can): https, a public host."""
    from urllib.parse import urlsplit

    if not url:
        return "l'adresse publique du site manque (ACTES_SITE_URL)"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        return f"l'adresse publique doit commencer par https:// : '{url}'"
    if "." not in host or host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(LOCAL_SUFFIXES):
        return f"l'adresse publique doit être celle d'un hôte public, pas d'une machine locale ni d'un exemple : '{url}'"
    if not url.endswith("/"):
        return f"l'adresse publique doit se terminer par « / » : '{url}'"
    return None
