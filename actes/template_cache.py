"""Jinja's bytecode cache, when the system's temporary folder lets it be one.

Jinja keeps compiled templates in a per-user folder of the temporary directory and refuses (with
RuntimeError or OSError) a folder that another user owns, that is a file, or that cannot be written.
A build must not stop for a cache: without one, the templates are compiled again."""

from __future__ import annotations

import jinja2


class _TolerantCache(jinja2.FileSystemBytecodeCache):
    """A cache entry that cannot be read or written is a miss, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(pattern: str) -> jinja2.BytecodeCache | None:
    """A file-system cache named by `pattern`, or None (no cache) if its folder cannot be used."""
    try:
        return _TolerantCache(pattern=pattern)
    except (OSError, RuntimeError):
        return None
