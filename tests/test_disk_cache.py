"""The disk cache of parsed transcripts and function mentions (actes/disk_cache.py): a warm load
gives what a cold one gives, never hides a hand edit or a changed source, and survives damage."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from actes import corpus as corpus_module
from actes import disk_cache
from actes.corpus import CorpusError
from actes.publication import load_corpus
from conftest import ROOT

DAY = "2018-10-05-strategie-numerique"
SOURCE = f"data/journees/{DAY}/sources/conclusion.txt"
CONVERTED = f"docs/journees/{DAY}/conclusion.md"


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / "projet" / name)
    return tmp_path / "projet"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own; the in-memory memos emptied before each load."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACTES_CACHE_DIR", str(folder))
    monkeypatch.setattr(corpus_module, "_PARSED", {})
    monkeypatch.setattr(corpus_module, "_MENTIONED", {})
    return folder


def fresh_load(project: Path):
    """Load as a new process would: nothing in memory, only what the disk cache holds."""
    corpus_module._PARSED.clear()
    corpus_module._MENTIONED.clear()
    return load_corpus(project)


def transcripts(corpus) -> dict:
    return {entry.docs_uri: (entry.transcript, entry.markdown, entry.source_digest)
            for day in corpus.days for entry in day.transcripts}


def mentions(corpus) -> dict:
    return {f.id: [(m.transcript.docs_uri, m.paragraphs) for m in f.mentions] for f in corpus.functions.values()}


def refuse_to_parse(monkeypatch) -> None:
    def parse(text):
        raise AssertionError("parsed again: the disk cache was not read")
    monkeypatch.setattr(corpus_module, "parse_transcript", parse)


def test_a_warm_load_reads_from_disk_what_a_cold_load_computed(project, cache, monkeypatch):
    cold = fresh_load(project)
    stored = sorted(p.name.split("-")[0] for p in cache.iterdir())
    assert stored == ["mentions", "transcript"]  # one transcript in the real data
    refuse_to_parse(monkeypatch)
    warm = fresh_load(project)
    assert transcripts(warm) == transcripts(cold)
    assert mentions(warm) == mentions(cold) and any(mentions(cold).values())


def test_a_hand_edited_transcript_is_reported_with_a_warm_cache(project, cache, monkeypatch):
    fresh_load(project)
    converted = project / CONVERTED
    converted.write_text(converted.read_text(encoding="utf-8").replace("numérique", "numériques", 1), encoding="utf-8")
    refuse_to_parse(monkeypatch)  # the source did not change: its conversion comes from the cache
    with pytest.raises(CorpusError) as error:
        fresh_load(project)
    assert [p.message for p in error.value.problems if "ne correspond plus à sa source" in p.message]


def test_an_edited_source_is_converted_afresh(project, cache):
    fresh_load(project)
    source = project / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("numérique", "numériques", 1), encoding="utf-8")
    with pytest.raises(CorpusError) as error:  # the committed Markdown is now behind its source
        fresh_load(project)
    assert [p for p in error.value.problems if "ne correspond plus à sa source" in p.message]
    assert len(list(cache.glob("transcript-*"))) == 2, "the new source's conversion is stored beside the old"


def test_a_damaged_value_is_computed_again_and_rewritten(project, cache):
    cold = fresh_load(project)
    for stored in cache.iterdir():
        stored.write_bytes(b"\x80\x05 not a pickle")
    warm = fresh_load(project)
    assert transcripts(warm) == transcripts(cold) and mentions(warm) == mentions(cold)
    for stored in cache.iterdir():
        pickle.loads(stored.read_bytes())


def test_a_folder_others_can_write_to_is_never_read(project, cache, monkeypatch):
    fresh_load(project)
    os.chmod(cache, 0o777)
    refuse_to_parse(monkeypatch)
    with pytest.raises(AssertionError, match="the disk cache was not read"):
        fresh_load(project)


def test_an_empty_cache_setting_turns_the_cache_off(project, cache, monkeypatch):
    monkeypatch.setenv("ACTES_CACHE_DIR", "")
    assert disk_cache.cache_dir() is None
    fresh_load(project)
    assert not cache.exists()


def test_the_key_follows_the_domain_code(tmp_path):
    copy = tmp_path / "actes"
    shutil.copytree(disk_cache.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert disk_cache.code_digest(copy) == disk_cache.code_digest(disk_cache.PACKAGE_DIR)
    convert = copy / "convert.py"
    convert.write_text(convert.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    disk_cache.code_digest.cache_clear()
    assert disk_cache.code_digest(copy) != disk_cache.code_digest(disk_cache.PACKAGE_DIR)
