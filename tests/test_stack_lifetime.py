"""The stack's lifetime (README, « Durée de vie de la pile »): the site builds the same on ProperDocs,
the maintained continuation of MkDocs 1.x, as on MkDocs 1.6; and the domain package never imports MkDocs,
so that moving off it stays cheap."""

from __future__ import annotations

import ast
import difflib
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from conftest import ENGINE, ROOT, build

# The one line an engine may write differently: Material's generator meta names it and its version.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# Pagefind's files start with this signature, then CBOR (pagefind/pagefind_web/src/lib.rs).
PAGEFIND_SIGNATURE = b"pagefind_dcd"
OTHER_ENGINE = "properdocs" if ENGINE == "mkdocs" else "mkdocs"


def _pagefind_record(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(PAGEFIND_SIGNATURE), path
    return cbor2.loads(data[len(PAGEFIND_SIGNATURE):])


def pagefind_index(site_root: Path) -> dict[str, bytes]:
    """Pagefind's index with the order of its hash maps taken out.

    Pagefind writes each filter's values in the order of a Rust HashMap, which changes from one run to
    the next (two MkDocs builds of the same site differ there), and names the filter and metadata
    files after their bytes. Every other file of the index is compared byte for byte; the filter
    files by their content, values sorted, and the metadata with the filter files named by filter."""
    folder = site_root / "pagefind"
    index: dict[str, bytes] = {}
    filter_names: dict[str, str] = {}
    for path in sorted((folder / "filter").glob("*.pf_filter")):
        name, values = _pagefind_record(path)
        filter_names[path.name.removesuffix(".pf_filter")] = name
        index[f"filter/{name}"] = json.dumps(sorted(values), ensure_ascii=False).encode()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or relative.startswith("filter/"):
            continue
        if relative.endswith(".pf_meta"):
            version, pages, words, filters, *rest = _pagefind_record(path)
            filters = sorted([name, filter_names[hash_]] for name, hash_ in filters)
            index["meta"] = json.dumps([version, pages, words, filters, *rest], ensure_ascii=False).encode()
        elif relative == "pagefind-entry.json":
            entry = json.loads(path.read_bytes())
            for language in entry["languages"].values():
                language.pop("hash")  # the metadata file's name
            index[relative] = json.dumps(entry, sort_keys=True).encode()
        else:
            index[relative] = path.read_bytes()
    return index


def site_files(site_root: Path) -> dict[str, bytes]:
    """Every file of a built site, as compared: the generator meta blanked, Pagefind's index normalised."""
    files = {}
    for path in site_root.rglob("*"):
        relative = path.relative_to(site_root).as_posix()
        if path.is_file() and not relative.startswith("pagefind/"):
            content = path.read_bytes()
            files[relative] = GENERATOR.sub(b'<meta name="generator">', content) if relative.endswith(".html") else content
    files.update({f"pagefind/{name}": content for name, content in pagefind_index(site_root).items()})
    return files


def differences(first: dict[str, bytes], second: dict[str, bytes], *, names=("mkdocs", "properdocs")) -> list[str]:
    """Each file only one side has, and each that differs with its first differing lines."""
    report = [f"{path}: only in the {names[0]} build" for path in sorted(first.keys() - second.keys())]
    report += [f"{path}: only in the {names[1]} build" for path in sorted(second.keys() - first.keys())]
    for path in sorted(first.keys() & second.keys()):
        if first[path] != second[path]:
            before = first[path].decode("utf-8", "replace").splitlines()
            after = second[path].decode("utf-8", "replace").splitlines()
            diff = list(difflib.unified_diff(before, after, *names, n=0, lineterm=""))[2:8]
            report.append(f"{path} differs:\n  " + "\n  ".join(line[:200] for line in diff))
    return report


@pytest.fixture(scope="module")
def other_engine_site(tmp_path_factory):
    """The same project built by the other engine, with its own empty cache: every output made again."""
    work = tmp_path_factory.mktemp(OTHER_ENGINE)
    result = build(ROOT, work / "site", engine=OTHER_ENGINE, env={"ACTES_CACHE_DIR": str(work / "cache")})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return work / "site"


def test_properdocs_builds_the_same_site_as_mkdocs(site, other_engine_site):
    names = (ENGINE, OTHER_ENGINE)
    first, second = site_files(site.root), site_files(other_engine_site)
    assert len(first) > 150
    assert differences(first, second, names=names) == []


def test_the_engines_name_themselves_in_the_generator_meta(site, other_engine_site):
    """The only difference blanked above is real: each build says which engine made it."""
    generators = {}
    for name, root in ((ENGINE, site.root), (OTHER_ENGINE, other_engine_site)):
        generators[name] = GENERATOR.search((root / "index.html").read_bytes()).group()
    assert b"ProperDocs" in generators["properdocs"] and b"ProperDocs" not in generators["mkdocs"]


def test_a_difference_is_reported_with_its_file_and_first_lines(site, tmp_path):
    """The comparison can fail, and says where."""
    first = site_files(site.root)
    second = dict(first)
    second["a-propos/index.html"] = first["a-propos/index.html"].replace(b"<h1", b"<h2", 1)
    second["extra.txt"] = b"x"
    del second["robots.txt"]
    report = differences(first, second)
    assert report[0] == "robots.txt: only in the mkdocs build"
    assert report[1] == "extra.txt: only in the properdocs build"
    heading = next(line for line in first["a-propos/index.html"].decode().splitlines() if line.startswith("<h1"))
    number = first["a-propos/index.html"].decode().splitlines().index(heading) + 1
    assert report[2] == (f"a-propos/index.html differs:\n  @@ -{number} +{number} @@\n  -{heading}\n  "
                         f"+{heading.replace('<h1', '<h2', 1)}")
    assert len(report) == 3


def test_pagefind_normalisation_keeps_what_the_index_says(site):
    """Sorting a filter's values hides their order only: a changed value still shows."""
    index = pagefind_index(site.root)
    filters = [name for name in index if name.startswith("filter/")]
    assert filters, "no Pagefind filter found"
    values = json.loads(index[filters[0]])
    assert values and all(len(pages) >= 1 for _, pages in values)
    assert json.loads(index["meta"])[3] == sorted([name.removeprefix("filter/"), name.removeprefix("filter/")]
                                                  for name in filters)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_package_never_imports_mkdocs():
    """Not in its source (any module, any function), and not once loaded: every module of actes/ imported."""
    engines = {"mkdocs", "properdocs", "material", "mkdocs_macros"}
    modules = sorted((ROOT / "actes").rglob("*.py"))
    assert len(modules) > 20
    assert {str(path.relative_to(ROOT)): _imports(path) & engines for path in modules
            if _imports(path) & engines} == {}
    names = [".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__") for path in modules]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(engines)!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
