"""The benchmark runs (at N=1 only: `make bench` runs the real sizes) and reports every measure."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_benchmark_runs_at_one_day(tmp_path):
    output = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench/run.py"), "--days", "1", "--runs", "1", "--small-runs", "1",
                             "--lighthouse-pages", "1",
                             "--output", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    [row] = report["results"]
    assert row["days"] == 1 and report["machine"]["cores"] >= 1
    for name in ("full", "bare"):
        measures = row[name]
        assert measures["pages"] > 30  # 8 texts, 10 recommendations, 11 functions, indexes
        assert measures["build_seconds"] > 0 and measures["peak_rss_bytes"] > 10_000_000
        assert measures["bytes_per_page"] > 1_000 and measures["search_bytes"] > 10_000
        assert measures["first_results_ms"] > 0
    assert row["full"]["pages"] == row["full_cold"]["pages"] == row["bare"]["pages"] == row["bare_pruned"]["pages"]
    assert row["full_cold"]["build_seconds"] > 0 and row["ratio_full_cold_over_bare"] > 0  # empty disk caches
    assert row["bare_pagefind"]["pages"] == row["full"]["pages"] and row["ratio_full_over_bare_pagefind"] > 0
    assert row["full"]["site_bytes_per_page"] > row["full"]["bytes_per_page"]  # assets and search index too
    assert row["check_seconds"]["cold"] > 0 and row["check_seconds"]["warm"] > 0
    assert row["bare_pruned"]["build_seconds"] > 0 and row["ratio_full_over_bare_pruned"] > 0
    kinds = row["full"]["bytes_per_page_by_kind"]
    assert {"transcription", "journée", "recommandation", "fonction"} <= set(kinds)
    assert 1_000 < kinds["recommandation"] <= row["full"]["largest_page"]["bytes"]
    assert "| 1 | bare_pruned |" in result.stdout and "| N | transcription |" in result.stdout
    producers = [p.name for folder in ("sources", "extractions")
                 for p in sorted((ROOT / "tests/fixtures/producteurs" / folder).iterdir())]
    assert [r["file"] for r in report["fidelity"]] == producers and all(r["ms_per_page"] > 0 for r in report["fidelity"])
    whole_days = sorted(p.name for p in (ROOT / "tests/fixtures/journee-entiere/sources").iterdir())
    assert [r["file"] for r in report["whole_day"]] == whole_days and "| Fichier | Interventions |" in result.stdout
    libreoffice = next(r for r in report["whole_day"] if r["file"] == "journee-libreoffice.odt")
    assert libreoffice["turns_right"] == libreoffice["turns"] > 0 and libreoffice["lost"] == libreoffice["added"] == 0
    assert "| Fichier | Mots | Perdus | Ajoutés |" in result.stdout
    assert row["full"]["same_pages_ratio"] == 1.0 and sum(row["full"]["pages_by_kind"].values()) == row["full"]["pages"]
    assert "| 1 | full |" in result.stdout and "| 1 | full_cold |" in result.stdout and "| 1 | bare_pagefind |" in result.stdout
    open_data = row["open_data"]  # the data package and the feeds: weight, and share of the build
    assert open_data["datapackage"]["files"] == 29  # 9 tables × (CSV, JSON, schema), descriptor, catalogue and open_data["datapackage"]["bytes"] > 10_000
    assert open_data["feeds"]["files"] == 2 + 11 and open_data["feeds"]["seconds"] > 0
    assert 0 < open_data["share_of_full_build"] < 1 and "| N | data package files |" in result.stdout
    [(kind, audit)] = row["lighthouse"].items()  # one page type here; `make bench` audits them all
    assert kind == "accueil" and set(audit["scores"]) == {"performance", "accessibility", "best-practices", "seo"}
    assert audit["first_contentful_paint_ms"] > 0 and "| 1 | accueil |" in result.stdout
    cost = row["related"]  # related passages: their cost beside the warm build, their precision on judged pairs
    assert cost["paragraphs"] > 0 and cost["cold_seconds"] > 0 and 0 < cost["share_of_warm_build"] < 1
    [in_use] = [r for r in report["related_precision"] if r["in_use"]]
    assert in_use["judged"] == in_use["shown"] > 0 and 0 < in_use["precision_at_3"] <= 1
    assert "| threshold | passages shown |" in result.stdout and "| N | paragraphs |" in result.stdout
    reload = report["serve_dirty_reload"]  # an editor's preview: the change shows up
    assert reload["days"] == 1 and reload["transcript_reload_seconds"] > 0 and reload["day_page_reload_seconds"] > 0
