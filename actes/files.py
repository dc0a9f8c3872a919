"""Writing files safely: never half-written, several files together or not at all, one writer at a time.

- `write_atomically`: one file, through a temporary file in the same folder and `os.replace`.
- `Transaction`: several files. Each is staged as a hidden temporary file beside its target; the
  commit point is a journal, written atomically, that lists the renames and deletions; then they
  are done and the journal removed. A run killed before the journal leaves only hidden temporary
  files (ignored by `actes check`, removed by the next run); killed after it, the next run under
  the same lock finishes the journal (`recover`), and `actes check` reports it until then.
- `lock`: one editorial command at a time per folder (an advisory lock on the folder itself, which
  the system releases when the process dies, even killed).

Files keep the mode of the file they replace, or the folder's usual mode (the umask) when new.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import stat
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".actes-tmp"
JOURNAL = ".actes-journal.json"
# For the tests only: the process kills itself (SIGKILL, as a power cut or `kill -9` would) at the named
# point of a commit: "staged" (temporary files written), "journal" (commit point passed), "renamed"
# (after the first rename).
FAULT_VARIABLE = "ACTES_TEST_KILL_AT"


def _fault(point: str) -> None:
    if os.environ.get(FAULT_VARIABLE) == point:
        os.kill(os.getpid(), signal.SIGKILL)


class Busy(Exception):
    """Another command holds the lock."""


def default_mode(*, folder: bool = False) -> int:
    """The mode a new file (or folder) gets here: what the user's umask allows."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask


def _temporary_beside(path: Path, data: bytes) -> Path:
    """Write `data` to a hidden temporary file in `path`'s folder, flushed to disk, with the mode
    `path` has (or a new file's usual mode)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = default_mode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write through a temporary file in the same folder, then os.replace: all or nothing."""
    temporary = _temporary_beside(path, content.encode("utf-8") if isinstance(content, str) else content)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Transaction:
    """Files written and removed together, or not at all (see the module's docstring)."""

    def __init__(self, journal_folder: Path):
        self.journal = journal_folder / JOURNAL
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self.removed: list[Path] = []

    def write(self, path: Path, content: str | bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.staged.append((_temporary_beside(path, data), path))

    def remove(self, path: Path) -> None:
        self.removed.append(path)

    def abort(self) -> None:
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged = []

    def commit(self) -> None:
        """The journal is the commit point; after it, `recover` finishes what a kill interrupts."""
        base = self.journal.parent  # paths relative to it: the project may move before a recovery
        plan = {"replace": [[os.path.relpath(t, base), os.path.relpath(p, base)] for t, p in self.staged],
                "remove": [os.path.relpath(p, base) for p in self.removed]}
        _fault("staged")
        try:
            write_atomically(self.journal, json.dumps(plan, ensure_ascii=False, indent=1))
        except BaseException:
            self.abort()
            raise
        _apply(self.journal, plan)


def _apply(journal: Path, plan: dict) -> None:
    _fault("journal")
    base = journal.parent
    for temporary, target in plan["replace"]:
        if (base / temporary).exists():  # else: already renamed by an interrupted run
            os.replace(base / temporary, base / target)
            _fault("renamed")
    for target in plan["remove"]:
        (base / target).unlink(missing_ok=True)
    _sync_folder(journal.parent)
    journal.unlink()


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def pending(folder: Path) -> bool:
    """Whether an interrupted transaction's journal waits in `folder`."""
    return (folder / JOURNAL).is_file()


def recover(folder: Path) -> list[str]:
    """Finish the interrupted transaction of `folder`, if any (call it under the lock); the files it wrote."""
    journal = folder / JOURNAL
    if not journal.is_file():
        return []
    plan = json.loads(journal.read_text(encoding="utf-8"))
    _apply(journal, plan)
    return [str(folder / target) for _, target in plan["replace"]] + [str(folder / t) for t in plan["remove"]]


def remove_stale_temporaries(*folders: Path) -> int:
    """Remove the temporary files a killed run left (call it under the lock, with no journal pending)."""
    count = 0
    for folder in folders:
        for path in folder.glob(f".*{TEMPORARY_SUFFIX}") if folder.is_dir() else []:
            path.unlink(missing_ok=True)
            count += 1
    return count


@contextlib.contextmanager
def lock(folder: Path):
    """Hold `folder`'s lock for the block; Busy if another process holds it."""
    # The folder itself is locked: no lock file to leave behind (flock takes a folder's descriptor).
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy() from None
        yield
    finally:
        os.close(descriptor)


class UnreadableFile(Exception):
    """A data file that cannot be read as one: the message (in French) says what to do; `line`, where."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes.

    A symbolic link (it could reach outside the project and be published), a folder, a pipe or a
    device are refused without being opened (opening a FIFO blocks; /dev/zero has no end), and at
    most `limit` + 1 bytes are ever read, whatever the file says its size is."""
    from actes.limits import size

    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise UnreadableFile("fichier introuvable") from None
    except OSError as error:
        raise UnreadableFile(f"lecture impossible ({error.strerror}) : vérifiez ses droits") from None
    if stat.S_ISLNK(status.st_mode):
        raise UnreadableFile("lien symbolique refusé (il peut mener hors du projet) : copiez le fichier lui-même à sa place")
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableFile("un dossier porte le nom de ce fichier : renommez-le")
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile("ce n'est pas un fichier ordinaire (tube, périphérique…) : remplacez-le par un fichier texte")
    def too_big(byte_count: int) -> UnreadableFile:
        return UnreadableFile(f"fichier trop grand ({size(byte_count)}, au plus {size(limit)}) : un fichier de "
                              "données ne contient que du texte court")

    if status.st_size > limit:
        raise too_big(status.st_size)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise UnreadableFile(f"lecture impossible ({error.strerror}) : vérifiez ses droits") from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # replaced between the two looks
            raise UnreadableFile("ce n'est pas un fichier ordinaire (tube, périphérique…) : remplacez-le par un fichier "
                                 "texte")
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew after the first look
        raise too_big(len(data))
    return data


def decode_utf8(data: bytes) -> str:
    """`data` as UTF-8 text; UnreadableFile naming the line and byte of the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = 1 + data[:error.start].count(b"\n")
        raise UnreadableFile(f"fichier illisible : il doit être encodé en UTF-8 (ligne {line}, octet {error.start + 1} "
                             f"invalide : 0x{data[error.start]:02x}) ; enregistrez-le en UTF-8", line) from None
