"""Bench only: write each page's Markdown, as the full build sees it, for the bare reference build."""

from __future__ import annotations

import os
from pathlib import Path

import yaml


def on_page_markdown(markdown, *, page, config, files):
    target = Path(os.environ["ACTES_BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    title = {"title": str(page.meta.get("title") or page.title or "")}
    target.write_text(f"---\n{yaml.safe_dump(title, allow_unicode=True)}---\n\n{markdown}", encoding="utf-8")
    return markdown
