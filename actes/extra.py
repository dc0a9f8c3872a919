"""What the hooks keep in MkDocs' config.extra between events."""

from __future__ import annotations


class ByPage(dict):
    """A dict (by page URI or file path) with a short repr: mkdocs-macros serialises config.extra for
    its debug log, where a whole corpus's worth of values would only be noise."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} entries)"
