"""Related passages (actes/related.py): their precision on pairs judged by reading, and their cost.

    python bench/related.py [--days 100]     (also part of `make bench`)

Precision: the three fixture days of tests/test_follow_ups.py (2018's, the 2028 day imported from
its pandoc DOCX, the 2030 day from its LibreOffice ODT) are made in a temporary project through the
CLI; for several thresholds, the passages the site would show (at most 3 per recommendation) are
compared with tests/fixtures/suites/pertinence.yml. Precision at 3 is relevant shown / judged shown;
a shown pair nobody judged is counted apart, never as relevant.

Cost: on a synthetic project (bench/synthetic.py), the time related_passages takes in a build that
finds nothing cached (the index computed and stored), in a build that finds the index in the disk
cache (a warm build: a new process), in a preview's reload where nothing changed, and after a
recommendation's edit (its query alone computed again, over the index kept in memory); the warm
figure is compared with the warm full build of the same project (bench/run.py passes it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests/fixtures/suites"
WHOLE_DAY = ROOT / "tests/fixtures/journee-entiere"
THRESHOLDS = (0.05, 0.10, 0.15, 0.20, 0.25)

from actes import related  # noqa: E402
from actes.corpus import read_corpus  # noqa: E402


def _actes(*args: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "actes.cli", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"actes {' '.join(args)}: {done.stdout}{done.stderr}")


def fixture_project(destination: Path) -> Path:
    """The three days of tests/test_follow_ups.py, made the same way."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_follow_ups import DAY_2028, DAY_2030, recommendations_2030  # the test's own data

    for name in ("data", "docs", "overrides", "hooks", "actes"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    _actes("new-day", "--from", str(FIXTURES / "sources/dix-ans-de-numerique-pandoc.docx"), "--prefix", "DN2028",
           cwd=destination)
    shutil.copy(FIXTURES / "recommandations.yml", destination / f"data/journees/{DAY_2028}/recommandations.yml")
    _actes("new-day", "--from", str(WHOLE_DAY / "sources/journee-libreoffice.odt"), cwd=destination)
    (destination / f"data/journees/{DAY_2030}/recommandations.yml").write_text(recommendations_2030(), encoding="utf-8")
    return destination


def precision_rows() -> list[dict]:
    judged = {rec_id: {**{p: True for p in pairs["pertinents"]}, **{p: False for p in pairs["non-pertinents"]}}
              for rec_id, pairs in yaml.safe_load((FIXTURES / "pertinence.yml").read_text(encoding="utf-8")).items()}
    with tempfile.TemporaryDirectory(prefix="actes-related-") as work:
        corpus = read_corpus(fixture_project(Path(work)))
        index = related.build_index(related.documents(corpus))
        queries = related.queries(corpus)
        rows = []
        for threshold in THRESHOLDS:
            found = related.nearest(index, queries, min_score=threshold)
            shown = [(rec_id, f"{day}/{intervention}#p{number}")
                     for rec_id, hits in found.items() for (day, intervention, number), _ in hits]
            verdicts = [judged.get(rec_id, {}).get(passage) for rec_id, passage in shown]
            relevant = sum(verdict is True for verdict in verdicts)
            rated = sum(verdict is not None for verdict in verdicts)
            rows.append({
                "threshold": threshold, "shown": len(shown), "judged": rated, "relevant": relevant,
                "precision_at_3": round(relevant / rated, 2) if rated else None,
                "recommendations_with_passages": sum(1 for hits in found.values() if hits),
                "recommendations": len(found),
                "relevant_pairs_found": f"{relevant} / {sum(sum(v.values()) for v in judged.values())}",
                "in_use": threshold == related.MIN_SCORE,
            })
    return rows


def _timed(compute) -> float:
    start = time.perf_counter()
    compute()
    return time.perf_counter() - start


def cost(project: Path, warm_build_seconds: float | None = None) -> dict:
    """The time related_passages takes on `project`: cold, warm (index in the disk cache), reload."""
    corpus = read_corpus(project)
    previous = os.environ.get("ACTES_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="actes-related-cache-") as cache:
        os.environ["ACTES_CACHE_DIR"] = cache
        try:
            related._INDEXES.clear(), related._ANSWERS.clear()
            cold = _timed(lambda: related.related_passages(corpus))
            related._INDEXES.clear(), related._ANSWERS.clear()  # a new build process: only the disk cache
            warm = _timed(lambda: related.related_passages(corpus))
            reload = _timed(lambda: related.related_passages(corpus))  # the same process, nothing changed
            # A recommendation edited, as the preview reloads it: its query alone is computed again.
            edited = next(iter(corpus.recommendations.values()))
            edited.model = edited.model.model_copy(update={"statement": edited.model.statement + " Modifiée."})
            edit = _timed(lambda: related.related_passages(corpus))
        finally:
            if previous is None:
                del os.environ["ACTES_CACHE_DIR"]
            else:
                os.environ["ACTES_CACHE_DIR"] = previous
    documents = related.documents(corpus)
    row = {"days": len(corpus.days), "paragraphs": len(documents), "recommendations": len(corpus.recommendations),
           "cold_seconds": round(cold, 4), "warm_seconds": round(warm, 4), "reload_seconds": round(reload, 4),
           "recommendation_edit_seconds": round(edit, 4)}
    if warm_build_seconds:
        row["warm_build_seconds"] = warm_build_seconds
        row["share_of_warm_build"] = round(warm / warm_build_seconds, 6)  # a few ms of a minute: not 0
    return row


def precision_table(rows: list[dict]) -> str:
    lines = ["| threshold | passages shown | judged | relevant | precision at 3 | recommendations with passages | relevant pairs found |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        mark = " (in use)" if row["in_use"] else ""
        lines.append(f"| {row['threshold']:.2f}{mark} | {row['shown']} | {row['judged']} | {row['relevant']} | "
                     f"{row['precision_at_3'] if row['precision_at_3'] is not None else '-'} | "
                     f"{row['recommendations_with_passages']} / {row['recommendations']} | {row['relevant_pairs_found']} |")
    return "\n".join(lines)


def cost_table(rows: list[dict]) -> str:
    lines = ["| N | paragraphs | recommendations | cold s | warm s | reload s | after a recommendation edit s | warm build s | share of warm build |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        share = f"{100 * row['share_of_warm_build']:.2f} %" if "share_of_warm_build" in row else "-"
        lines.append(f"| {row['days']} | {row['paragraphs']} | {row['recommendations']} | {row['cold_seconds']} | "
                     f"{row['warm_seconds']} | {row['reload_seconds']} | {row['recommendation_edit_seconds']} | {row.get('warm_build_seconds', '-')} | {share} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=100, help="days of the synthetic project whose cost is measured")
    parser.add_argument("--build", action="store_true",
                        help="also build the project twice (cold, then warm) to compare with the warm build")
    args = parser.parse_args(argv)
    print(precision_table(precision_rows()))
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_project

    with tempfile.TemporaryDirectory(prefix="actes-related-") as work:
        project = make_project(Path(work) / "projet", args.days)
        warm_build = None
        if args.build:
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(Path(work) / "site")]
            environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTES_CACHE_DIR": str(Path(work) / "cache")}
            for _ in range(2):  # the first fills the caches
                warm_build = round(_timed(lambda: subprocess.run(command, cwd=project, env=environment, check=True,
                                                                  capture_output=True)), 2)
        print(cost_table([cost(project, warm_build)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
