"""The whitespace the theme's templates leave is dropped; whitespace that means something is kept."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from compact_html import compact  # noqa: E402

KEPT_ELEMENTS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)


def test_blank_lines_and_indentation_become_one_line_break():
    assert compact("<ul>\n\n    <li>a</li>\n      \n  <li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_preformatted_scripts_and_styles_are_kept_verbatim():
    kept = "<pre>x\n\n    y</pre>", "<TEXTAREA>\n  a\n</TEXTAREA>", "<script>\n  var s = `\n\n  `;\n</script>", "<style>\n  a {}\n</style>"
    for element in kept:
        assert compact(f"<p>\n   a</p>\n   {element}\n   <p>b</p>") == f"<p>\na</p>\n{element}\n<p>b</p>"


def test_a_script_that_names_another_kept_element_is_kept_whole():
    script = "<script>\n  let t = '</pre>';\n\n  f();\n</script>"
    assert compact(script) == script


def test_no_break_spaces_are_content():
    assert compact("<p>\n\u00a0: oui\u202f;</p>") == "<p>\n\u00a0: oui\u202f;</p>"


def test_built_pages_carry_no_blank_line_or_indentation(site):
    for path in site.pages:
        html = KEPT_ELEMENTS.sub("<kept/>", (site.root / path).read_text(encoding="utf-8"))
        assert not re.search(r"\n[ \t\r\n]", html), path
