"""mkdocs-macros module: what editorial pages (opted in with `render_macros: true`) may use.

Loaded by the macros plugin (`module_name: hooks/macros_site`), not as a MkDocs hook.
Its environment escapes every printed value for Markdown, as the generated pages' does
(actes.filters.escape_markdown): data cannot reach the page as markup.
"""

from __future__ import annotations

from actes.filters import FILTERS, escape_markdown


def define_env(env) -> None:
    for name, function in FILTERS.items():
        env.filter(function, name=name)

    @env.macro
    def journees():
        """The study days, newest first (loaded and validated by hooks/corpus_loader.py)."""
        return env.conf.extra["actes"].days

    @env.macro
    def nombre_recommandations() -> int:
        return len(env.conf.extra["actes"].recommendations)


def on_pre_page_macros(env) -> None:
    """Before each page is rendered (and compiled; the environment exists only by then)."""
    env.env.finalize = escape_markdown
