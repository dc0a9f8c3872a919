"""Every built page is valid HTML for the W3C Nu HTML Checker (vnu.jar, from tests/clients, which
`make test` installs with a Java runtime)."""

from __future__ import annotations

import json
import subprocess

from conftest import ROOT

VNU = ROOT / "tests/clients/node_modules/vnu-jar/build/dist/vnu.jar"


def nu_checker(*paths) -> list[dict]:
    """The checker's errors and warnings on the given files or folders (HTML files only)."""
    assert VNU.is_file(), f"{VNU} is missing: run 'make test' (it installs the checker)"
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
                            capture_output=True, text=True)
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_for_the_nu_html_checker(site):
    messages = nu_checker(site.root)
    problems = [f"{m['url'].rsplit(str(site.root), 1)[-1]}: {m['type']}: {m['message']}" for m in messages]
    assert problems == []
    assert len(site.pages) > 40  # every page was there to be checked


def test_the_checker_reports_what_material_left(tmp_path):
    """The check above can fail: a page with Material's own toggles and search label is refused."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>'
                    '<input type="checkbox" id="__search" autocomplete="off">'
                    '<label for="__search" aria-label="Rechercher">x</label></body></html>', encoding="utf-8")
    messages = [m["message"] for m in nu_checker(page)]
    assert any("autocomplete" in m for m in messages) and any("aria-label" in m for m in messages)


def test_every_aria_reference_names_an_element_of_its_page(site):
    """aria-labelledby and aria-describedby point at elements that exist (axe skips hidden ones)."""
    broken = []
    for path in site.pages:
        soup = site.soup(path)
        for element in soup.select("[aria-labelledby], [aria-describedby]"):
            for attribute in ("aria-labelledby", "aria-describedby"):
                for target in element.get(attribute, "").split():
                    named = soup.find(id=target)
                    if named is None or not named.get_text(strip=True):
                        broken.append(f"{path}: {attribute}={target}")
    assert broken == []
