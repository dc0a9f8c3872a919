"""Write the files derived from the corpus (actes.outputs: citation downloads, the open data
package, the Atom feeds, each day's PDF) into the site, and give the open data page its schema.org Dataset."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from actes.extra import ByPage
from actes.outputs import datapackage, feeds, output_files
from actes.outputs.pdf import PdfError
from actes.outputs.site import site_info


# After the corpus is loaded (hooks/corpus_loader.py, priority -10). The generated pages read the
# files' sizes (the open data page gives them).
@event_priority(-20)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.extra["actes_outputs"] = ByPage(output_files(config.extra["actes"], site_info(config)))
    except PdfError as error:
        raise PluginError(str(error)) from None
    return config


# Material's language selector fetches sitemap.xml beside every <link rel="alternate">, the feeds'
# too: an empty sitemap in their folder, so that no page load ends in a failed request.
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for path, content in config.extra["actes_outputs"].items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, f"{feeds.FOLDER}/sitemap.xml", content=EMPTY_SITEMAP))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == datapackage.PAGE_URI:
        page.meta["actes_jsonld"] = datapackage.dataset_jsonld(site_info(config), config.extra["actes"])
    return markdown
