"""mkdocs-macros module: what editorial pages (opted in with `render_macros: true`) may use.

Loaded by the macros plugin (`module_name: hooks/macros_site`), not as a MkDocs hook.
Data reaches the page only through the `texte` filter, which escapes it.
"""

from __future__ import annotations

from actes.convert import escape_inline
from actes.french import long_date, plural


def define_env(env) -> None:
    env.filter(escape_inline, name="texte")
    env.filter(long_date, name="date_longue")
    env.filter(plural, name="pluriel")

    @env.macro
    def journees():
        """The study days, newest first (loaded and validated by hooks/corpus_loader.py)."""
        return env.conf.extra["actes"].days

    @env.macro
    def nombre_recommandations() -> int:
        return len(env.conf.extra["actes"].recommendations)
