"""French typography of each page at render time (actes.typography): the text between the tags;
the words, and everything in tags, scripts, styles and code, as they are. Spaces as each page is
written; apostrophes in the pages this build wrote, once Pagefind has indexed them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from actes.files import write_atomically
from actes.typography import typeset_apostrophes, typeset_html


def on_pre_build(*, config: MkDocsConfig) -> None:
    config.extra["actes_typeset_pages"] = []


# After the toggles are made valid (hooks/valid_html.py, -90), before the page is compacted (-100).
@event_priority(-95)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    config.extra["actes_typeset_pages"].append(page.file.abs_dest_path)
    return typeset_html(output)


@event_priority(-95)
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    config.extra["actes_typeset_pages"].append(str(Path(config.site_dir) / template_name))
    return typeset_html(output)


# After hooks/search_index.py has run Pagefind (priority 0).
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    for path in map(Path, config.extra.pop("actes_typeset_pages", [])):
        html = path.read_text(encoding="utf-8")
        typeset = typeset_html(html, typeset_apostrophes)
        if typeset != html:
            write_atomically(path, typeset)
