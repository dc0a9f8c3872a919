"""Redirect pages for every URL that moved (data/redirections.yml, validated in actes.permalinks):
a meta refresh, a canonical link and a visible link, rendered from overrides/pages/redirection.html."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from template_filters import html_environment


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    template = html_environment(config).get_template("pages/redirection.html")
    for redirect in config.extra["actes"].redirects:
        source_dir = redirect.source.strip("/")
        # Both are pages ('/a/b/', validated in actes.permalinks): a relative link between folders.
        target = posixpath.relpath(redirect.target.strip("/") or ".", source_dir or ".") + "/"
        content = template.render(
            target=target,
            canonical=(config.site_url or "/").rstrip("/") + redirect.target,
            reason=redirect.reason,
            site_name=config.site_name,
        )
        files.append(File.generated(config, posixpath.join(source_dir, "index.html"), content=content))
    return files
