"""French typography of a built page, at render time: the page's look, never the words.

The transcripts keep their sources' characters (actes.convert), and the data its editors'. What a
French typesetter does to them on the page is done here, on the text between the tags of the HTML
(never in a tag, an attribute, a script, a style, code or preformatted text):

- a no-break space where the text has a space before « : » and « » », after « « », and a narrow
  one before « ; ! ? » (actes.french.french_spacing);
- the typographic apostrophe « ’ » for a straight one between two letters (« l’établissement »).

No character is added or removed but those spaces and apostrophes: the words and their order stay.
The spaces are set as each page is written; the apostrophes once the search index is made, since
Pagefind splits words at a straight apostrophe only (« l'établissement » is found by
« établissement », « l’établissement » would not be): the search shows its excerpts with them."""

from __future__ import annotations

import re

from actes.french import french_spacing

# Text between tags, and the elements whose text is left as it is.
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(/?)(script|style|pre|code|kbd|samp|textarea)\b", re.I)
# A straight apostrophe between two letters, as the HTML writes it.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(?:'|&#39;|&#x27;|&apos;)(?=[^\W\d_])")


def typeset_apostrophes(text: str) -> str:
    """Typographic apostrophes in one run of HTML text."""
    return _APOSTROPHE.sub("\u2019", text)


def typeset_html(html: str, typeset=french_spacing) -> str:
    """The page with `typeset` applied to each run of text of its body, outside tags and the
    elements left verbatim."""
    body = html.find("<body")
    if body < 0:
        return html
    parts = _TAG.split(html[body:])
    verbatim = 0  # depth of elements left as they are
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = _VERBATIM.match(part)
            if match and not part.endswith("/>"):
                verbatim = max(0, verbatim + (-1 if match.group(1) else 1))
        elif part and not verbatim:
            parts[index] = typeset(part)
    return html[:body] + "".join(parts)
