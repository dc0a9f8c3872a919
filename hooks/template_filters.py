"""The Jinja environments of the site's templates, escaping by construction (see actes.filters):
the theme's (overrides/*.html autoescaped), and the project's own for generated pages."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from actes.filters import FILTERS, escape_markdown
from actes.template_cache import bytecode_cache

# Compiling Material's templates costs every build about 0.1 s: Jinja's bytecode cache keeps them,
# in its per-user folder of the system's temporary directory, keyed by name and source. Compiled
# code also depends on the environment's escaping (autoescape, finalize), which that key does not
# hold: one cache per environment kind, and a version to change with those settings.
# A folder Jinja cannot use (another user's, a file in its place, not writable) costs only that time.
HTML_CACHE = bytecode_cache("__actes_html_v2_%s.cache")
MARKDOWN_CACHE = bytecode_cache("__actes_markdown_v2_%s.cache")


def _autoescape_overrides(config: MkDocsConfig):
    """Autoescape every HTML template of the project's overrides/ (Material's own templates print
    only configuration, translations and page titles, which hooks/page_titles.py escapes)."""
    overrides = Path(config.theme.custom_dir or "")

    def autoescape(name: str | None) -> bool:
        return bool(name and config.theme.custom_dir and name.endswith(".html") and (overrides / name).is_file())

    return autoescape


def _html(env: jinja2.Environment, config: MkDocsConfig) -> jinja2.Environment:
    env.autoescape = _autoescape_overrides(config)
    env.bytecode_cache = HTML_CACHE
    env.filters.update(FILTERS)
    return env


def html_environment(config: MkDocsConfig) -> jinja2.Environment:
    """For the project's HTML pages (redirect pages): the theme's loader, autoescaped, strict."""
    env = _html(config.theme.get_env(), config)
    env.undefined = jinja2.StrictUndefined
    return env


def markdown_environment(config: MkDocsConfig) -> jinja2.Environment:
    """For the generated Markdown pages (overrides/pages/*.md): the theme's loader, strict about
    undefined names, every printed value escaped for Markdown unless a filter made it Markup."""
    env = jinja2.Environment(loader=config.theme.get_env().loader, undefined=jinja2.StrictUndefined,
                             finalize=escape_markdown, autoescape=False, auto_reload=False,
                             bytecode_cache=MARKDOWN_CACHE)
    env.filters.update(FILTERS)
    return env


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return _html(env, config)
