"""`make bench`: build synthetic corpora of N study days with the project's full configuration and
with a bare Material configuration on the same Markdown, and measure time, memory, size, search.

    python bench/run.py [--days 1 10 50 100] [--runs 3] [--small-runs 9] [--output bench/results.json]

For each N: the synthetic project is made through the CLI (bench/synthetic.py); its Markdown, as
the full build sees it (generated pages included), is dumped for the bare build; then full and
bare builds alternate, --runs times each (--small-runs times up to N=10, where a build takes
seconds and the machine's noise weighs most), and medians are reported. A first search is timed in
Chromium on each site. Nothing here runs in `make test` (a test runs it at N=1 only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fidelity import fidelity_rows, fidelity_table  # noqa: E402
from whole_day import whole_day_rows, whole_day_table  # noqa: E402
from related import cost as related_cost, cost_table as related_cost_table  # noqa: E402
from related import precision_rows as related_precision_rows, precision_table as related_precision_table  # noqa: E402
from lighthouse import lighthouse_scores  # noqa: E402
from serve_reload import measure_reload  # noqa: E402
from synthetic import make_project  # noqa: E402

HERE = Path(__file__).resolve().parent
SEARCH_QUERY = "musées"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BARE_CONFIG = {
    "site_name": "Bench: bare Material",
    "site_url": "http://127.0.0.1:8000/",
    "theme": {"name": "material", "language": "fr", "font": False},
    "plugins": ["search"],
    "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", "toc"],
}
# The same with navigation.prune, as the project has: its overhead measured against a build whose
# navigation grows alike (bare Material embeds the whole navigation in every page: quadratic).
BARE_PRUNED_CONFIG = {**BARE_CONFIG, "theme": {**BARE_CONFIG["theme"], "features": ["navigation.prune"]}}
# Bare Material with Pagefind instead of its own search, run by the project's own hook: the project's
# search costs the same as this; the rest of full/bare_pagefind is the other hooks and the macros.
BARE_PAGEFIND_CONFIG = {**BARE_CONFIG, "plugins": [], "hooks": [str(HERE.parent / "hooks/search_index.py")]}
# "full" is a rebuild as an editor runs it: the disk caches (Jinja's compiled templates, the parsed
# transcripts of actes/disk_cache.py) hold what earlier builds left. "full_cold" is the same build
# with both caches empty, as on a fresh machine or in CI.
CONFIGS = ("full", "full_cold", "bare", "bare_pruned", "bare_pagefind")
# Pages of a kind, by their path: the kinds that repeat with each day are compared across N.
PAGE_KINDS = [
    ("transcription", re.compile(r"^journees/[^/]+/[^/]+/index\.html$")),
    ("journée", re.compile(r"^journees/[^/]+/index\.html$")),
    ("recommandation", re.compile(r"^recommandations/[A-Z]+\d{4}-\d+/index\.html$")),
    ("recommandations d'une année", re.compile(r"^recommandations/\d{4}/index\.html$")),
    ("fonction, une année", re.compile(r"^fonctions/[^/]+/\d{4}/index\.html$")),
    ("fonction", re.compile(r"^fonctions/[^/]+/index\.html$")),
    ("intervenant", re.compile(r"^intervenants/[^/]+/index\.html$")),
]


def timed_build(config_file: Path, site_dir: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one `mkdocs build`, search index included."""
    shutil.rmtree(site_dir, ignore_errors=True)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block the build
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
                                    "--site-dir", str(site_dir)], stdout=subprocess.DEVNULL, stderr=log, env=environment)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"build failed: {config_file}\n{log.read().decode()}")
    return elapsed, usage.ru_maxrss * 1024


def page_kind(path: str) -> str:
    return next((kind for kind, pattern in PAGE_KINDS if pattern.match(path)), path)


def site_sizes(site_dir: Path) -> dict:
    pages = {p.relative_to(site_dir).as_posix(): p.stat().st_size for p in site_dir.rglob("*.html")
             if "assets" not in p.parts and "pagefind" not in p.parts}
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    kinds: dict[str, list[int]] = {}
    for path, size in pages.items():
        kinds.setdefault(page_kind(path), []).append(size)
    largest = max(pages, key=pages.get)
    return {"pages": len(pages), "site_bytes": total, "bytes_per_page": round(statistics.mean(pages.values())),
            "site_bytes_per_page": round(total / len(pages)),  # the issue's « bytes per page »: the whole site's
            "largest_page": {"path": largest, "bytes": pages[largest]},
            "pages_by_kind": {kind: len(sizes) for kind, sizes in sorted(kinds.items())},
            "bytes_per_page_by_kind": {kind: round(statistics.mean(sizes)) for kind, sizes in sorted(kinds.items())}}


def same_pages_ratio(sizes: dict, first: dict) -> float | None:
    """How much heavier the pages of this N are than the same kinds of pages at the first N: each
    kind weighted by its number of pages here (the mean over all pages also moves with the mix:
    one day has 18 fixed pages for 27 of its own, 100 days have 18 for 2,000)."""
    kinds = sizes["pages_by_kind"]
    if not all(kind in first["bytes_per_page_by_kind"] for kind in kinds):
        return None
    here = sum(count * sizes["bytes_per_page_by_kind"][kind] for kind, count in kinds.items())
    then = sum(count * first["bytes_per_page_by_kind"][kind] for kind, count in kinds.items())
    return round(here / then, 2)


def cold_caches(work: Path) -> dict:
    """An environment in which the build finds both disk caches empty (each call, new folders)."""
    folder = Path(tempfile.mkdtemp(prefix="caches-", dir=work))
    (folder / "tmp").mkdir()
    return {"ACTES_CACHE_DIR": str(folder / "actes"), "TMPDIR": str(folder / "tmp")}


def dump_markdown(project: Path, dump_dir: Path) -> None:
    """Build once with an extra hook that writes each page's Markdown, as the full build sees it."""
    class IgnoreTags(yaml.SafeLoader):
        pass

    IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
    hooks = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)["hooks"]
    config = project / "mkdocs-dump.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "strict": False,
                                      "hooks": hooks + [str(HERE / "dump_markdown.py")]}), encoding="utf-8")
    timed_build(config, project / "site-dump", env={"ACTES_BENCH_DUMP": str(dump_dir)})
    shutil.rmtree(project / "site-dump")


def first_search(site_dir: Path, full: bool) -> dict:
    """Bytes fetched for search and milliseconds to the first results, for a first query in Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request))
            page.goto(base)
            page.wait_for_load_state("networkidle")
            search_assets = ("pagefind/",) if full else ("search/search_index.json", "workers/search", "lunr/")
            start = time.perf_counter()
            page.keyboard.press("/")
            field = page.locator("#actes-recherche" if full else "input.md-search__input")
            field.press_sequentially(SEARCH_QUERY, delay=0)
            meta = "[data-actes-search-meta]" if full else ".md-search-result__meta"
            page.wait_for_function(f"document.querySelector('{meta}') && /\\d/.test(document.querySelector('{meta}').textContent)",
                                   timeout=120_000)
            elapsed_ms = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            total = 0
            for request in fetched:
                if any(part in request.url for part in search_assets):
                    response = request.response()
                    total += len(response.body()) if response else 0
            browser.close()
    finally:
        server.shutdown()
    return {"search_bytes": total, "first_results_ms": round(elapsed_ms)}


def open_data_cost(project: Path, site_dir: Path, repeats: int = 3) -> dict:
    """What the data package and the feeds add: their files' bytes in the built site, and the time
    to make them (actes.outputs, in this process, on the loaded corpus) and write them, median of
    `repeats`. The build itself cannot be timed without them, as they are part of the project."""
    from actes.outputs import datapackage, feeds
    from actes.publication import load_corpus

    corpus = load_corpus(project)
    site = project_site(project)
    report = {}
    for name, output in (("datapackage", datapackage), ("feeds", feeds)):
        times = []
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                for path, content in output.files(corpus, site).items():
                    target = Path(folder) / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(content, encoding="utf-8")
                times.append(time.perf_counter() - start)
        built = [site_dir / path for path in output.paths(corpus)]
        report[name] = {"seconds": round(statistics.median(times), 3), "files": len(built),
                        "bytes": sum(p.stat().st_size for p in built)}
    return report


def project_site(project: Path):
    """The project's SiteInfo, from its mkdocs.yml as MkDocs loads it."""
    from mkdocs.config import load_config

    from actes.outputs.site import site_info

    os.environ.setdefault("ACTES_SITE_URL", "http://127.0.0.1:8000/")
    return site_info(load_config(str(project / "mkdocs.yml")))


def pdf_cost(project: Path, work: Path, round_trips: int | None = None) -> dict:
    """Each day's PDF (actes.outputs.pdf): the time to make them all with an empty disk cache
    (cold: laid out, one process per core) and with the cache they left (warm: only their HTML is
    rendered and looked up), per day and in total; their sizes and pages; and the round trip
    (actes.pdf_round_trip) on the first `round_trips` days (all when None)."""
    from pypdf import PdfReader

    from actes.outputs import pdf
    from actes.pdf_round_trip import read_back
    from actes.publication import load_corpus

    corpus = load_corpus(project)
    site = project_site(project)
    previous = os.environ.get("ACTES_CACHE_DIR")
    os.environ["ACTES_CACHE_DIR"] = cold_caches(work)["ACTES_CACHE_DIR"]
    try:
        seconds = {}
        for state in ("cold", "warm"):
            start = time.perf_counter()
            made = pdf.files(corpus, site)
            seconds[state] = time.perf_counter() - start
    finally:
        if previous is None:
            del os.environ["ACTES_CACHE_DIR"]
        else:
            os.environ["ACTES_CACHE_DIR"] = previous
    days = len(corpus.days)
    sizes = [len(content) for content in made.values()]
    pages, perfect, words, lost, added = [], 0, 0, 0, 0
    checked = corpus.days[:round_trips] if round_trips else corpus.days
    with tempfile.TemporaryDirectory() as folder:
        for day in checked:
            path = Path(folder) / f"{day.slug}.pdf"
            path.write_bytes(made[pdf.pdf_path(day)])
            pages.append(len(PdfReader(path).pages))
            for result in read_back(path, day):
                perfect += result.perfect
                words += result.words
                lost += len(result.lost)
                added += len(result.added)
    return {
        "days": days,
        "cold_seconds": round(seconds["cold"], 2), "warm_seconds": round(seconds["warm"], 2),
        "cold_ms_per_day": round(1000 * seconds["cold"] / days, 1), "warm_ms_per_day": round(1000 * seconds["warm"] / days, 1),
        "bytes_mean": int(statistics.mean(sizes)), "bytes_max": max(sizes), "pages_mean": round(statistics.mean(pages), 1),
        "round_trip": {"days": len(checked), "transcripts_perfect": perfect,
                       "transcripts": sum(len(day.transcripts) for day in checked),
                       "words": words, "lost": lost, "added": added},
    }


def measure(days: int, runs: int, work: Path, browser: bool, lighthouse_pages: int | None = 0) -> dict:
    project = work / f"projet-{days}"
    started = time.perf_counter()
    make_project(project, days)
    generation = time.perf_counter() - started
    check_seconds = {}
    # Warm: the cache holds what make_project's own commands (`permalinks --update`) stored.
    for state, env in (("cold", cold_caches(work)), ("warm", {})):
        check_start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "actes.cli", "check", "--root", str(project)], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, **env})
        check_seconds[state] = round(time.perf_counter() - check_start, 2)

    bare = work / f"bare-{days}"
    dump_markdown(project, bare / "docs")
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(BARE_CONFIG, allow_unicode=True), encoding="utf-8")
    (bare / "mkdocs-pruned.yml").write_text(yaml.safe_dump(BARE_PRUNED_CONFIG, allow_unicode=True), encoding="utf-8")
    (bare / "mkdocs-pagefind.yml").write_text(yaml.safe_dump(BARE_PAGEFIND_CONFIG, allow_unicode=True), encoding="utf-8")
    configs = {"full": project / "mkdocs.yml", "full_cold": project / "mkdocs.yml", "bare": bare / "mkdocs.yml",
               "bare_pruned": bare / "mkdocs-pruned.yml", "bare_pagefind": bare / "mkdocs-pagefind.yml"}

    results = {name: {"seconds": [], "rss": []} for name in CONFIGS}
    for _ in range(runs):  # alternate, so that a slower moment of the machine hits all alike
        for name in CONFIGS:
            seconds, rss = timed_build(configs[name], work / f"site-{name}-{days}",
                                       env=cold_caches(work) if name == "full_cold" else None)
            results[name]["seconds"].append(seconds)
            results[name]["rss"].append(rss)
    row = {"days": days, "generation_seconds": round(generation, 1), "check_seconds": check_seconds}
    for name in CONFIGS:
        site = work / f"site-{name}-{days}"
        seconds = statistics.median(results[name]["seconds"])
        sizes = site_sizes(site)
        row[name] = {
            "build_seconds": round(seconds, 2),
            "runs": [round(s, 2) for s in results[name]["seconds"]],
            "ms_per_page": round(1000 * seconds / sizes["pages"], 2),
            "peak_rss_bytes": int(statistics.median(results[name]["rss"])),
            **sizes,
        }
        if browser and name in ("full", "bare"):  # bare_pruned's search is bare's, full_cold's is full's
            row[name].update(first_search(site, full=(name == "full")))
    row["ratio_full_over_bare"] = round(row["full"]["build_seconds"] / row["bare"]["build_seconds"], 2)
    row["ratio_full_over_bare_pruned"] = round(row["full"]["build_seconds"] / row["bare_pruned"]["build_seconds"], 2)
    row["ratio_full_cold_over_bare"] = round(row["full_cold"]["build_seconds"] / row["bare"]["build_seconds"], 2)
    row["ratio_full_over_bare_pagefind"] = round(row["full"]["build_seconds"] / row["bare_pagefind"]["build_seconds"], 2)
    row["open_data"] = open_data_cost(project, work / f"site-full-{days}")
    row["pdf"] = pdf_cost(project, work)
    row["related"] = related_cost(project, row["full"]["build_seconds"])
    if lighthouse_pages != 0:
        kinds = {kind: pattern for kind, pattern in PAGE_KINDS}
        row["lighthouse"] = lighthouse_scores(work / f"site-full-{days}", kinds, limit=lighthouse_pages)
    row["open_data"]["share_of_full_build"] = round(
        (row["open_data"]["datapackage"]["seconds"] + row["open_data"]["feeds"]["seconds"]) / row["full"]["build_seconds"], 3)
    for name in CONFIGS:
        shutil.rmtree(work / f"site-{name}-{days}", ignore_errors=True)
    return row


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(int(memory) / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def table(rows: list[dict]) -> str:
    """One line per N and configuration. « HTML KB/page » is the mean page; « site KB/page » is the
    issue's own « bytes per page »: the whole site (assets and search index too) over its pages."""
    head = ("| N | config | pages | build s | ms/page | peak RSS MB | site MB | HTML KB/page | site KB/page | largest page KB |"
            " search KB | first results ms | full/bare | full/bare pruned | full/bare+Pagefind |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for row in rows:
        for name in CONFIGS:
            r = row[name]
            full = name == "full"
            over_bare = {"full": row["ratio_full_over_bare"], "full_cold": row["ratio_full_cold_over_bare"]}.get(name, "")
            search = f"{r['search_bytes'] / 1e3:.0f}" if "search_bytes" in r else "-"
            lines.append(f"| {row['days']} | {name} | {r['pages']} | {r['build_seconds']} | {r['ms_per_page']} | "
                         f"{r['peak_rss_bytes'] / 1e6:.0f} | {r['site_bytes'] / 1e6:.1f} | {r['bytes_per_page'] / 1e3:.0f} | "
                         f"{r['site_bytes_per_page'] / 1e3:.0f} | {r['largest_page']['bytes'] / 1e3:.0f} | {search} | "
                         f"{r.get('first_results_ms', '-')} | {over_bare} | {row['ratio_full_over_bare_pruned'] if full else ''} | "
                         f"{row['ratio_full_over_bare_pagefind'] if full else ''} |")
    return "\n".join(lines)


def kinds_table(rows: list[dict]) -> str:
    """Bytes per page of each kind that repeats with the days, in the full build, against the first N;
    then the mean over all pages and over the same pages (see same_pages_ratio)."""
    first = rows[0]["full"]["bytes_per_page_by_kind"]
    kinds = [kind for kind, _ in PAGE_KINDS if kind in first]
    lines = ["| N | " + " | ".join(kinds) + " | all pages | same pages |", "|---|" + "---|" * (len(kinds) + 2)]
    for row in rows:
        sizes = row["full"]["bytes_per_page_by_kind"]
        mean_ratio = row["full"]["bytes_per_page"] / rows[0]["full"]["bytes_per_page"]
        lines.append(f"| {row['days']} | " + " | ".join(
            f"{sizes[k] / 1e3:.1f} KB ({sizes[k] / first[k]:.2f}×)" if k in sizes else "-" for k in kinds)
            + f" | {mean_ratio:.2f}× | {row['full'].get('same_pages_ratio') or '-'}× |")
    return "\n".join(lines)


def open_data_table(rows: list[dict]) -> str:
    """The data package and the feeds: their weight and the share of the full build they take."""
    lines = ["| N | data package files | data package KB | feeds files | feeds KB | seconds to make and write | share of the full build |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        data, feeds = row["open_data"]["datapackage"], row["open_data"]["feeds"]
        lines.append(f"| {row['days']} | {data['files']} | {data['bytes'] / 1e3:.0f} | {feeds['files']} | "
                     f"{feeds['bytes'] / 1e3:.0f} | {data['seconds'] + feeds['seconds']:.3f} | "
                     f"{100 * row['open_data']['share_of_full_build']:.1f} % |")
    return "\n".join(lines)


def pdf_table(rows: list[dict]) -> str:
    """Each day's PDF: time to make them all, cold (empty cache) and warm; size; round trip."""
    lines = ["| N | cold s (ms per day) | warm s (ms per day) | KB per PDF (largest) | pages per PDF | round trip: transcripts without loss | words lost / added |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        made = row["pdf"]
        trip = made["round_trip"]
        lines.append(f"| {row['days']} | {made['cold_seconds']} ({made['cold_ms_per_day']}) | {made['warm_seconds']} "
                     f"({made['warm_ms_per_day']}) | {made['bytes_mean'] / 1e3:.0f} ({made['bytes_max'] / 1e3:.0f}) | "
                     f"{made['pages_mean']} | {trip['transcripts_perfect']} / {trip['transcripts']} | "
                     f"{trip['lost']} / {trip['added']} of {trip['words']} |")
    return "\n".join(lines)


def lighthouse_table(rows: list[dict]) -> str:
    """Lighthouse, mobile, on one page of each type (the first N's full site, served with gzip)."""
    lines = ["| N | page type | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | KB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        for kind, audit in row.get("lighthouse", {}).items():
            scores = audit["scores"]
            lines.append(f"| {row['days']} | {kind} | {scores['performance']} | {scores['accessibility']} | "
                         f"{scores['best-practices']} | {scores['seo']} | {audit['first_contentful_paint_ms']} | "
                         f"{audit['largest_contentful_paint_ms']} | {audit['total_blocking_time_ms']} | "
                         f"{audit['transferred_bytes'] / 1e3:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, nargs="+", default=[1, 10, 50, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small-runs", type=int, default=9, help="runs for N up to 10 (builds of seconds)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measures in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve --dirty` reload measure")
    parser.add_argument("--lighthouse-pages", type=int, default=None,
                        help="Lighthouse on this many page types of the first N's full site (default: all; 0: none)")
    args = parser.parse_args(argv)
    rows, reload = [], None
    with tempfile.TemporaryDirectory(prefix="actes-bench-") as work:
        for days in args.days:
            runs = args.small_runs if days <= 10 else args.runs
            lighthouse = args.lighthouse_pages if days == args.days[0] and not args.no_browser else 0
            rows.append(measure(days, runs, Path(work), browser=not args.no_browser, lighthouse_pages=lighthouse))
            rows[-1]["full"]["same_pages_ratio"] = same_pages_ratio(rows[-1]["full"], rows[0]["full"])
            print(table(rows[-1:]).split("\n", 2)[2], flush=True)
        if not args.no_serve:
            reload = {"days": max(args.days), **measure_reload(Path(work) / f"projet-{max(args.days)}")}
            print(f"mkdocs serve --dirty at N={reload['days']}: {reload}", flush=True)
    fidelity = fidelity_rows()
    whole_day = whole_day_rows()
    related_precision = related_precision_rows()
    report = {"machine": machine(), "runs": args.runs, "small_runs": args.small_runs, "query": SEARCH_QUERY,
              "results": rows, "serve_dirty_reload": reload, "fidelity": fidelity,
              "whole_day": whole_day, "related_precision": related_precision}
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(kinds_table(rows))
    print(open_data_table(rows))
    print(pdf_table(rows))
    print(lighthouse_table(rows))
    print(fidelity_table(fidelity))
    print(whole_day_table(whole_day))
    print(related_precision_table(related_precision))
    print(related_cost_table([row["related"] for row in rows]))
    print(f"Written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
