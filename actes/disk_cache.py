"""A cache on disk of what loading the corpus derives from transcripts, shared by every build.

Parsing each raw source again (and searching it for the functions it mentions) is the largest
part of loading the corpus: about 40 ms for one study day, seconds for a hundred. A value is
stored under a digest of what it is made of, and of the domain package's own code: a changed
source, a changed list of terms or a changed converter is a new key, never a stale value. A
committed transcript is still compared with its source's conversion on every load, so a
hand-edited file is reported whether the conversion came from here or not.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/actes`, else `~/.cache/actes`);
`ACTES_CACHE_DIR` names another folder, and `ACTES_CACHE_DIR=` (empty) turns it off. A folder
that is not the user's own is never read (its values are pickles). Values are written
atomically, so builds running side by side share it safely; an unreadable value is computed
again and rewritten; a folder that cannot be written only makes loading slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The folder in use, or None when the cache is off."""
    configured = os.environ.get("ACTES_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: loading works, only slower
            return None
    return Path(base) / "actes"


@cache
def code_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """A digest of every module of the domain package, and of the Python that pickles the values."""
    digest = hashlib.sha256(f"{sys.version}\n{pickle.HIGHEST_PROTOCOL}\n".encode())
    for module in sorted(package_dir.rglob("*.py")):
        digest.update(module.relative_to(package_dir).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def private_folder(folder: Path) -> bool:
    """The folder exists (created private if missing), it is the user's, and only they can write to it:
    what another user could have put there is never read."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _entry(kind: str, parts: tuple[bytes, ...]) -> tuple[Path, Path] | None:
    """(folder, file) where the value for (`kind`, `parts`, the package's code) lives; None when
    the cache is off or its folder is not private."""
    folder = cache_dir()
    if folder is None or not private_folder(folder):
        return None
    digest = hashlib.sha256(f"{kind}\0{code_digest()}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return folder, folder / f"{kind}-{digest.hexdigest()}.pickle"


MISSING = object()


def load(kind: str, parts: tuple[bytes, ...]):
    """The value stored for (`kind`, `parts`), or MISSING."""
    entry = _entry(kind, parts)
    if entry is None:
        return MISSING
    try:
        with entry[1].open("rb") as stored:
            return pickle.load(stored)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: only a miss
        return MISSING


def store(kind: str, parts: tuple[bytes, ...], value: object) -> None:
    entry = _entry(kind, parts)
    if entry is not None:
        _store(*entry, value)


def cached(kind: str, parts: tuple[bytes, ...], compute: Callable[[], T]) -> T:
    """The value stored for (`kind`, `parts`, the package's code), or `compute()` stored now.

    An exception from `compute` propagates and nothing is stored.
    """
    value = load(kind, parts)
    if value is MISSING:
        value = compute()
        store(kind, parts, value)
    return value


def _store(folder: Path, path: Path, value: object) -> None:
    """Write `value` at `path` atomically; a folder that cannot be written is left as it is."""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
