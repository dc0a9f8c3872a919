"""Pages that print: in Chromium's print emulation, no navigation, header, search or buttons; the
recommendations' permalinks written after their links; a recommendation and a function page fit on
one A4 page. The PDFs Chromium prints are kept in test-output/impression/ to look at."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import ROOT, SITE_URL

OUTPUT = ROOT / "test-output" / "impression"
HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".actes-evitement", "[data-actes-copier]", "a.actes-pdf"]


def displayed(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).display !== 'none' && e.offsetParent !== null")


@pytest.mark.parametrize("path", ["fonctions/direction-et-strategie/", "recommandations/SN2018-01/",
                                  "journees/2018-10-05-strategie-numerique/"])
def test_print_shows_the_text_alone_with_its_permalinks(page, path):
    page.goto(page.base + path)
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        if page.locator(selector).count():
            assert not displayed(page, selector), (path, selector)
    links = page.locator("a[data-permalien]")
    for index in range(links.count()):
        after = links.nth(index).evaluate("a => getComputedStyle(a, '::after').content")
        assert after.strip('"').startswith(" — " + SITE_URL + "recommandations/SN2018-"), after
    page.emulate_media(media="screen")
    if page.locator("a.actes-pdf").count():  # the day's PDF: a download for the screen, not a line on paper
        assert displayed(page, "a.actes-pdf")
    if links.count():
        assert links.first.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


@pytest.mark.parametrize("path, pages", [("fonctions/direction-et-strategie/", 1), ("recommandations/SN2018-01/", 1)])
def test_a_function_and_a_recommendation_print_on_one_a4_page(page, corpus, path, pages):
    page.goto(page.base + path)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / (path.strip("/").replace("/", "-") + ".pdf")).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == pages
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Rechercher" not in text and "Copier la citation" not in text
    if path.startswith("fonctions/"):
        recommendations = corpus.functions["direction-et-strategie"].recommendations
        assert text.count(SITE_URL + "recommandations/SN2018-") == len(recommendations) == 7  # each one's permalink
