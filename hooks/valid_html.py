"""Valid HTML where Material's base.html cannot be overridden by a block: its two hidden toggles
(#__drawer, #__search) carry autocomplete="off", which the W3C checker refuses on a checkbox.

The exact strings are replaced, and a page without them stops the build: a new Material release
that changes them is noticed here, not shipped.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

TOGGLES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
]


def valid_toggles(html: str, where: str) -> str:
    for material, valid in TOGGLES:
        if material not in html:
            raise PluginError(f"{where}: la bascule de Material a changé ; mettez à jour hooks/valid_html.py : {material}")
        html = html.replace(material, valid, 1)
    return html


# Before compact_html.py (-100), on the page as the theme wrote it.
@event_priority(-90)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return valid_toggles(output, page.file.src_uri)


@event_priority(-90)
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    return valid_toggles(output, template_name) if template_name == "404.html" else output
