"""Permalinks in a real browser: the passage is in view and highlighted; the citation is copied."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from actes.french import long_date

TRANSCRIPT = "journees/2018-10-05-strategie-numerique/conclusion/"
TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


def background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


@pytest.mark.parametrize("anchor", ["SN2018-06", "SN2018-08", "p7"])
def test_a_transcript_anchor_shows_its_passage_in_view_and_highlighted(page, anchor):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(page.base + TRANSCRIPT + "#" + anchor)
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_be_in_viewport()
    assert background(target) not in TRANSPARENT
    other = page.locator("[id='SN2018-01']")
    assert background(other) in TRANSPARENT  # only the target is highlighted


def test_a_recommendation_page_links_to_its_highlighted_passage(page):
    page.goto(page.base + "recommandations/SN2018-08/")
    page.get_by_role("link", name="Conclusion de la journée, § 6").click()
    expect(page).to_have_url(page.base + TRANSCRIPT + "#SN2018-08")
    expect(page.locator("#SN2018-08")).to_be_in_viewport()


def test_copy_button_puts_the_citation_with_todays_date_on_the_clipboard(page):
    page.goto(page.base + "recommandations/SN2018-03/")
    page.get_by_role("button", name="Copier la citation").click()
    expect(page.locator("[data-actes-copier-etat]")).to_have_text("Citation copiée.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("CHAVANNE, Blandine. «\u00a0SN2018-03\u00a0: Penser le numérique dans toutes les fonctions du musée\u00a0».")
    assert copied.endswith(f"recommandations/SN2018-03/ (consulté le {long_date(datetime.date.today())}).")
