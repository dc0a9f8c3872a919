"""Shared fixtures: the real site, built once per session by the real MkDocs."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "http://127.0.0.1:8000/"


# The engines that build the site from the same mkdocs.yml: MkDocs 1.6 (the default build) and
# ProperDocs, its maintained continuation (the compatibility build, tests/test_stack_lifetime.py).
# `ACTES_TEST_ENGINE=properdocs make test` runs the whole suite on ProperDocs.
ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("ACTES_TEST_ENGINE", "mkdocs")
assert ENGINE in ENGINES, f"ACTES_TEST_ENGINE must be one of {ENGINES}: {ENGINE!r}"


def as_written(text: str) -> str:
    """Text as a source or the data writes it: the page's French typography (actes.typography)
    undone, the typographic apostrophe straight. Applied to both sides of a comparison of words."""
    return text.replace("\u2019", "'")


def build(project: Path, site_dir: Path, *, engine: str = ENGINE,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` (never -q or -v: both weaken strict mode)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTES_SITE_URL": SITE_URL, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def actes(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The project's own CLI, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "actes.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def publish_locally(root: Path) -> None:
    """What an editor does once a day's data is in place: `actes permalinks --update`, `actes check`,
    then the strict build into `root/site`; each must succeed."""
    assert actes("permalinks", "--update", cwd=root).returncode == 0
    checked = actes("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = build(root, root / "site")
    assert built.returncode == 0, built.stderr[-3000:]


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, to change freely."""
    for name in ("data", "docs", "overrides", "hooks", "actes"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


@dataclass
class Site:
    """A built site: its pages parsed with BeautifulSoup, and URL resolution."""

    root: Path
    _soups: dict = field(default_factory=dict)

    @cached_property
    def pages(self) -> list[str]:
        """Site-relative paths of every HTML page."""
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*.html")
                      if "assets" not in p.relative_to(self.root).parts)

    def soup(self, path: str) -> BeautifulSoup:
        if path not in self._soups:
            self._soups[path] = BeautifulSoup((self.root / path).read_text(encoding="utf-8"), "lxml")
        return self._soups[path]

    def page(self, url_path: str) -> BeautifulSoup:
        """The page at a site URL path such as 'recommandations/SN2018-01/'."""
        return self.soup(self.file_for(url_path))

    def file_for(self, url_path: str) -> str:
        path = unquote(url_path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path

    def resolve(self, page_path: str, href: str) -> tuple[str, str] | None:
        """(file, fragment) an internal href of `page_path` points to; None if external."""
        page_url = urljoin(SITE_URL, page_path.removesuffix("index.html"))
        target = urlsplit(urljoin(page_url, href))
        if f"{target.scheme}://{target.netloc}/" != SITE_URL:
            return None
        return self.file_for(target.path), unquote(target.fragment)


def broken_links(site: Site) -> list[str]:
    """Every internal href (a and link) of every page whose page or #fragment does not exist."""
    broken = []
    for path in site.pages:
        for tag in site.soup(path).select("a[href], link[href]"):
            target = site.resolve(path, tag["href"])
            if target is None:
                continue
            file, fragment = target
            if not (site.root / file).is_file():
                broken.append(f"{path}: {tag['href']} (no such page)")
            elif fragment and file.endswith(".html") and not site.soup(file).find(id=fragment):
                broken.append(f"{path}: {tag['href']} (no id '{fragment}')")
    return broken


def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port); return (base URL, server to shut down)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session", autouse=True)
def private_disk_cache(tmp_path_factory):
    """Every load and build of the session uses its own, empty disk cache (actes/disk_cache.py):
    no test reads what a developer's builds left, none leaves anything behind."""
    previous = os.environ.get("ACTES_CACHE_DIR")
    os.environ["ACTES_CACHE_DIR"] = str(tmp_path_factory.mktemp("actes-cache"))
    yield
    if previous is None:
        del os.environ["ACTES_CACHE_DIR"]
    else:
        os.environ["ACTES_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return Site(site_dir)


@pytest.fixture(scope="session")
def corpus():
    from actes.publication import load_corpus

    return load_corpus(ROOT)


# --- Browser tests: Debian's Chromium driven by Playwright, against the site served here. ---

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = ROOT / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def served_site(site):
    """The built site over HTTP on 127.0.0.1 (a free port), for as long as the session lasts."""
    base, server = serve(site.root)
    yield base
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Chromium, never skipped: if it is missing, `make test` installs it, and anything else fails."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium)"
    with sync_playwright() as playwright:
        # Each launch runs on a fresh, temporary user-data dir of Playwright's own.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, base: str):
    """A fresh page on `base`, recording every request; `check_requests()` fails if one left 127.0.0.1."""
    context = browser.new_context(locale="fr-FR", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.base = base

    def close_and_check():
        context.close()
        foreign = [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        assert foreign == [], f"requests left 127.0.0.1: {foreign}"

    return page, close_and_check


@pytest.fixture
def page(browser, served_site):
    """A fresh page; at the end, no request may have left 127.0.0.1."""
    page, close_and_check = open_page(browser, served_site)
    yield page
    close_and_check()


def show_every_result(page) -> None:
    """In the search dialog, ask for more results until all are shown, as a reader would."""
    from playwright.sync_api import expect

    links = page.locator("[data-actes-search-list] a")
    more = page.get_by_role("button", name="Afficher plus de résultats")
    while more.is_visible():
        count = links.count()
        more.click()
        expect(links).not_to_have_count(count)
