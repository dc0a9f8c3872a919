"""The Jinja side of the site's templates: the shared filters in the theme's environment, and
the environment of the project's own templates (generated pages, redirect pages)."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from actes.filters import FILTERS
from template_cache import BYTECODE_CACHE


def project_environment(config: MkDocsConfig) -> jinja2.Environment:
    """The theme's loader (overrides/ first), strict about undefined names, with the shared filters."""
    env = config.theme.get_env()
    env.undefined = jinja2.StrictUndefined
    env.bytecode_cache = BYTECODE_CACHE
    env.filters.update(FILTERS)
    return env


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.filters.update(FILTERS)
    return env
