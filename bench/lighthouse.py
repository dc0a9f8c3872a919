"""Lighthouse (mobile, its default throttling) on one page of each type of a built site, served
here with gzip as any production server would: the four category scores, and the paint and
blocking times behind the performance score.

Lighthouse and Debian's Chromium come from `make bench` (tests/clients, the Makefile's system
packages); nothing is downloaded.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE.parent / "tests/clients/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".atom", ".csv")
# One page of each type: fixed paths, then the first built page of each repeating kind.
FIXED_PAGES = {"accueil": "", "journees": "journees/", "recommandations": "recommandations/",
               "fonctions": "fonctions/", "donnees": "donnees/", "a-propos": "a-propos/",
               "accessibilite": "accessibilite/"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as nginx's gzip on does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not ("gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def page_types(site_dir: Path, kinds: dict[str, re.Pattern]) -> dict[str, str]:
    """Type → site path of one page of that type."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                   if "assets" not in p.parts and "pagefind" not in p.parts)
    chosen = dict(FIXED_PAGES)
    for kind, pattern in kinds.items():
        match = next((path for path in pages if pattern.match(path)), None)
        if match:
            chosen[kind] = match.removesuffix("index.html")
    return chosen


def audit(base: str, path: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    below = [f"{category['id']}: {ref['id']}" for category in data["categories"].values() if category["id"] != "performance"
             for ref in category["auditRefs"] if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 1) < 1]
    return {
        "scores": {name: round(100 * category["score"]) for name, category in data["categories"].items()},
        "first_contentful_paint_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transferred_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "failed_audits": below,
    }


def lighthouse_scores(site_dir: Path, kinds: dict, limit: int | None = None) -> dict[str, dict]:
    """Type → Lighthouse's measures of one page of that type (`limit` types at most)."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        chosen = list(page_types(site_dir, kinds).items())[:limit]
        return {kind: {"path": path, **audit(base, path)} for kind, path in chosen}
    finally:
        server.shutdown()
