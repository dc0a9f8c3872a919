"""Load and validate the data once per build; any problem stops the build with its file and line."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from actes.corpus import CorpusError
from actes.publication import load_corpus

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


# After the macros plugin's on_config (priority 0): it copies config.extra into its variables and
# serialises them all to JSON for its debug log, which with the corpus in it grows with the data.
# The other hooks (priority -20) and the macros module (at render time) read it from config.extra.
@event_priority(-10)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        corpus = load_corpus(root)
    except CorpusError as error:
        raise PluginError(f"Données invalides ({len(error.problems)} problème(s)) :\n{error}") from None
    # New pages or anchors not yet in the ledger: a strict build fails on these warnings; a preview shows them.
    for problem in corpus.unregistered:
        log.warning(str(problem))
    config.extra["actes"] = corpus
    return config
