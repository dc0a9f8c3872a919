"""Accessibility in a real browser (RGAA 4.1 = WCAG 2.1 AA): axe-core, keyboard, screenshots."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import ROOT, SCREENSHOTS

PAGE_TYPES = {
    "accueil": "",
    "journees": "journees/",
    "journee": "journees/2018-10-05-strategie-numerique/",
    "transcription": "journees/2018-10-05-strategie-numerique/conclusion/",
    "recommandation": "recommandations/SN2018-03/",
    "recommandations": "recommandations/",
    "recommandations-annee": "recommandations/2018/",
    "fonction": "fonctions/billetterie/",
    "fonction-annee": "fonctions/billetterie/2018/",
    "fonctions": "fonctions/",
    "intervenants": "intervenants/",
    "intervenant": "intervenants/blandine-chavanne/",
    "donnees": "donnees/",
    "accessibilite": "accessibilite/",
    "erreur-404": "404.html",
}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best practices too: landmarks with unique names, among others.
RULES = WCAG_21_AA + ["best-practice"]
# The current axe-core, pinned in tests/clients (`make test` installs it), not the older one
# axe-playwright-python bundles.
AXE_CORE = ROOT / "tests/clients/node_modules/axe-core/axe.min.js"


@pytest.fixture(params=["light", "dark"])
def palette_page(request, browser, served_site):
    context = browser.new_context(color_scheme=request.param, locale="fr-FR")
    page = context.new_page()
    page.base = served_site
    page.scheme = {"light": "default", "dark": "slate"}[request.param]
    yield page
    context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violation_in_either_palette(palette_page, name):
    page = palette_page
    page.goto(page.base + PAGE_TYPES[name])
    assert page.locator("body").get_attribute("data-md-color-scheme") == page.scheme
    assert AXE_CORE.is_file(), f"{AXE_CORE} is missing: run 'make test' (it installs axe-core)"
    axe = Axe.from_file(str(AXE_CORE))
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": RULES},
                                    "resultTypes": ["violations", "passes"]}).response
    assert len(result["passes"]) > 10  # axe really checked the page
    assert result["testEngine"]["version"] == "4.14.1"
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violation_on_a_phone(page, name):
    """390 px wide: wide tables scroll in regions a keyboard can reach (axe scrollable-region-focusable)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + PAGE_TYPES[name])
    axe = Axe.from_file(str(AXE_CORE))
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": RULES}}).response
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_screenshot_of_each_page_type_and_no_sideways_scrolling(page, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base + PAGE_TYPES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def focus_ring(locator) -> bool:
    return locator.evaluate(
        "e => { const s = getComputedStyle(e); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
        " || s.boxShadow !== 'none'; }")


def test_skip_link_comes_first_and_moves_focus_to_the_content(page):
    page.goto(page.base + PAGE_TYPES["transcription"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_ring(skip)
    page.keyboard.press("Enter")
    expect(page.locator("#contenu")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#contenu') !== null")


def test_focus_is_visible_on_every_element_reached_by_tab(page):
    page.goto(page.base + PAGE_TYPES["recommandation"])
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if focused.count() == 0:
            continue
        label = focused.evaluate("e => e.tagName + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)")
        seen.append(label)
        assert focus_ring(focused), f"no visible focus on {label}"
    assert any("Recommandations" in label for label in seen)  # the navigation is reachable
    assert any("Copier la citation" in label for label in seen)


def test_search_is_opened_used_and_closed_by_keyboard_alone(page):
    page.goto(page.base)
    page.keyboard.press("/")
    field = page.locator("#actes-recherche")
    expect(field).to_be_focused()
    field.press_sequentially("billetterie", delay=20)
    expect(page.locator("[data-actes-search-meta]")).to_have_attribute("data-actes-query", "billetterie", timeout=10_000)
    expect(page.locator("[data-actes-search-meta]")).to_have_text(re.compile(r"^\d+ résultats?$"))
    page.keyboard.press("ArrowDown")
    first = page.locator("[data-actes-search-list] a").first
    expect(first).to_be_focused()
    assert focus_ring(first)
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(page.base)
    page.keyboard.press("/")
    expect(page.locator("#actes-recherche")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("#actes-recherche")).not_to_be_focused()


def test_a_correction_says_which_words_are_original_and_which_corrected(page):
    """del and ins are not announced by screen readers: hidden words say it (docs/stylesheets/actes.css)."""
    page.goto(page.base + "journees/2018-10-05-strategie-numerique/conclusion/")
    style = "(e, part) => { const s = getComputedStyle(e, part); return [s.content, s.position, s.width]; }"
    for selector, before in (("del.actes-correction", "\" [texte d'origine : \""), ("ins.actes-correction", '" [correction : "')):
        element = page.locator(selector).first
        assert element.evaluate(style, "::before") == [before, "absolute", "1px"]
        assert element.evaluate(style, "::after") == ['"] "', "absolute", "1px"]


def test_no_axe_violation_with_the_search_open_in_either_palette(palette_page):
    """The result count, the results and « Afficher plus de résultats », in both palettes."""
    page = palette_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base)
    page.keyboard.press("/")
    page.locator("#actes-recherche").press_sequentially("musée", delay=20)
    expect(page.locator("[data-actes-search-meta]")).to_have_attribute("data-actes-query", "musée", timeout=10_000)
    expect(page.get_by_role("button", name="Afficher plus de résultats")).to_be_visible()
    axe = Axe.from_file(str(AXE_CORE))
    result = axe.run(page, context={"include": [["[data-actes-search]"]]},
                     options={"runOnly": {"type": "tag", "values": RULES}}).response
    assert [(v["id"], [(n["target"], n["failureSummary"][-160:]) for n in v["nodes"]]) for v in result["violations"]] == []


@pytest.mark.parametrize(("width", "said"), [(1280, True), (390, False)])
def test_the_404_page_names_the_search_key_only_where_there_is_a_keyboard(page, width, said):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base + PAGE_TYPES["erreur-404"])
    text = page.locator("#contenu").inner_text()
    assert ("touche" in text) is said
    assert "recherche en haut de page" in text


# Identifiers, field names and format names: read as one word, never broken at a line's end.
UNBREAKABLE = r"[A-Z]{2,4}\d{4}-\d{2}|CSL-JSON|\b(?:identifiant|recommandation|nombre_recommandations|url_passage)\b"
LINES_OF_EACH = """pattern => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("article") || document.body, NodeFilter.SHOW_TEXT);
  const regex = new RegExp(pattern, "g");
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.getClientRects().length) continue;  // not shown
    for (const match of node.textContent.matchAll(regex)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      found.push([match[0], tops.size, node.parentElement.tagName + ": " + node.textContent.slice(0, 70)]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("name", ["donnees", "recommandation", "recommandations-annee", "journee", "fonction"])
def test_identifiers_are_never_broken_mid_word_on_a_phone(page, name):
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(page.base + PAGE_TYPES[name])
    found = page.evaluate(LINES_OF_EACH, UNBREAKABLE)
    assert found, "no identifier on the page: the test would prove nothing"
    assert [(word, where) for word, lines, where in found if lines > 1] == []
