"""An editor previewing with `mkdocs serve --dirty`: seconds from saving a change to the served
page showing it, for a transcript (re-ingested) and for a recommendation (its generated pages)."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from actes.cli import main as actes

TIMEOUT = 900


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, token: str | None, timeout: float = TIMEOUT, server=None) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if token is None or token in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {token!r}")


def measure_reload(project: Path) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    day = sorted((project / "data/journees").iterdir())[0].name
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                   "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(project / "mkdocs.yml")],
                                  stdout=log, stderr=log,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTES_INCREMENTAL": "1"})
        try:
            startup = _wait_for(base, None, server=server)
            time.sleep(2)  # let the watcher settle
            # 1. A transcript: the editor saves a corrected source and ingests it.
            source = project / "data/journees" / day / "sources/texte-1.txt"
            edited = project / "texte-1-corrige.txt"
            edited.write_text(source.read_text(encoding="utf-8") + "\n\nParagraphe ajouté pour mesurer.\n",
                              encoding="utf-8")
            with contextlib.redirect_stdout(io.StringIO()):
                assert actes(["ingest", day, str(edited), "--as", "texte-1", "--force", "--root", str(project)]) == 0
            transcript = _wait_for(base + f"journees/{day}/texte-1/", "Paragraphe ajouté pour mesurer.", server=server)
            time.sleep(2)
            # 2. A recommendation's title: its page and its day's page are generated.
            recs = project / "data/journees" / day / "recommandations.yml"
            text = recs.read_text(encoding="utf-8")
            title_line = next(line for line in text.split("\n") if line.strip().startswith("title:"))
            recs.write_text(text.replace(title_line, "  title: Titre corrigé pour mesurer", 1), encoding="utf-8")
            rec_id = next(line.split(":", 1)[1].strip() for line in text.split("\n") if line.strip().startswith("- id:"))
            recommendation = _wait_for(base + f"recommandations/{rec_id}/", "Titre corrigé pour mesurer", server=server)
            day_page = _wait_for(base + f"journees/{day}/", "Titre corrigé pour mesurer", server=server)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"startup_seconds": round(startup, 1), "transcript_reload_seconds": round(transcript, 2),
            "recommendation_reload_seconds": round(recommendation, 2),
            "day_page_reload_seconds": round(recommendation + day_page, 2)}
