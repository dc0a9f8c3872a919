"""How data reaches a page: the template environments' escaping, and the filters the templates
use, by their French names.

Escaping is by construction, not by filter:

- Markdown templates (the generated pages of overrides/pages/*.md, and the editorial pages that
  opt in to mkdocs-macros) are rendered with `finalize=escape_markdown`: every `{{ … }}` is
  escaped for Markdown, HTML, Jinja and attr_list, unless it is `Markup` — which only the filters
  below make, from values they check or build themselves.
- HTML templates of overrides/ are autoescaped (hooks/template_filters.py).

So a template that forgets a filter prints escaped text; it cannot print live markup.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from urllib.parse import quote

from markupsafe import Markup

from actes.convert import EMPHASIS, escape_characters
from actes.french import long_date, plural


# Line breaks and runs of white space, but not the no-break spaces of French typography.
_BREAKING_SPACE = re.compile(r"(?:(?![\u00a0\u202f])\s)+")


def escape_markdown(value) -> Markup:
    """The finalize function of Markdown templates: anything not already Markup is put on one line
    and escaped, so that it renders verbatim."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(_contained_emphasis(escape_characters(_BREAKING_SPACE.sub(" ", str(value)).strip())))


def _contained_emphasis(text: str) -> str:
    """Keep the stars of emphasis that opens and closes inside this value (a quoted passage may hold
    the sources' `*…*`); escape every other star, so that it cannot pair with a star of the next
    value on the line."""
    kept = {index for match in EMPHASIS.finditer(text) for index in (*range(match.start(1), match.end(1)),
                                                                        *range(match.end(2), match.end()))}
    return "".join("&#42;" if char == "*" and index not in kept else char for index, char in enumerate(text))


# Memoised: a page links to the same few pages many times (every § of a transcript), and
# posixpath.relpath asks the operating system for the current folder on each call.
@functools.lru_cache(maxsize=65536)
def relative_link(target_uri: str, here: str) -> Markup:
    """Relative link from the Markdown file `here` to the Markdown file `target_uri`, URL-quoted:
    safe as a Markdown link destination whatever the path holds."""
    return Markup(quote(posixpath.relpath(str(target_uri), posixpath.dirname(here) or "."), safe="/#"))


IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def identifier(value) -> Markup:
    """An identifier (slug, id, column name) printed as is, where entities would not be decoded:
    in `{ #anchor }`, in a code span. Anything else stops the build."""
    text = str(value)
    if not IDENTIFIER.fullmatch(text):
        raise ValueError(f"not an identifier: {text[:80]!r}")
    return Markup(text)


def absolute_url(value) -> Markup:
    """An absolute http(s) address, URL-quoted: safe in a Markdown link or autolink."""
    text = str(value)
    if not re.fullmatch(r"https?://[^\s<>]+", text):
        raise ValueError(f"not an absolute address: {text[:80]!r}")
    return Markup(quote(text, safe=":/?#[]@!$&'()*+,;=%-._~"))


def readable_url(value) -> Markup:
    """An absolute address as a link's text: escaped like any text, with a line-break opportunity
    (<wbr>) after each « / », so that on a narrow screen it breaks between its parts, never inside a
    name or an identifier (CSS then forbids breaking anywhere else: .actes-adresse)."""
    return Markup(escape_characters(str(absolute_url(value))).replace("/", "/<wbr>"))


# What a line never breaks inside: a recommendation's id (« SN2018-03 »), whose hyphen is otherwise
# a break opportunity.
_UNBREAKABLE = re.compile(r"\b[A-Z]{2,4}[0-9]{4}-[0-9]{2}\b")


def unbreakable_ids(value) -> Markup:
    """For HTML templates: the text, escaped, with each recommendation id in a span that does not
    break (.actes-insecable)."""
    from markupsafe import escape

    text = str(escape(str(value)))
    return Markup(_UNBREAKABLE.sub(lambda m: f'<span class="actes-insecable">{m.group()}</span>', text))


def file_size(size: int) -> str:
    """« 812 octets », « 3 Ko », « 1,2 Mo » (decimal units, French decimal comma, no-break space)."""
    if size < 1000:
        return f"{size}\u00a0octets"
    if size < 1_000_000:
        return f"{round(size / 1000)}\u00a0Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + "\u00a0Mo"


def yaml_string(value) -> Markup:
    """A JSON string is a valid YAML scalar: safe in front matter whatever the value holds."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


FILTERS = {
    "lien": relative_link,
    "ident": identifier,
    "adresse": absolute_url,
    "adresse_lisible": readable_url,
    "insecables": unbreakable_ids,
    "date_longue": long_date,
    "pluriel": plural,
    "taille": file_size,
    "yaml": yaml_string,
}
