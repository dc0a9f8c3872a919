"""Load and validate the data once per build; any problem stops the build with its file and line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from actes.corpus import CorpusError, load_corpus


# First of all on_config handlers: the other hooks and the macros module read the corpus.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        config.extra["actes"] = load_corpus(root)
    except CorpusError as error:
        raise PluginError(f"Données invalides ({len(error.problems)} problème(s)) :\n{error}") from None
    return config
