"""Search in a real browser: French stemming, accents, ids, French labels, keyboard, landing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import show_every_result

TRANSCRIPT = "journees/2018-10-05-strategie-numerique/conclusion/"


def search(page, query: str):
    """Open the search from the keyboard and type like a person."""
    page.goto(page.base)
    page.keyboard.press("/")
    field = page.locator("#actes-recherche")
    expect(field).to_be_focused()
    field.press_sequentially(query, delay=20)
    meta = page.locator("[data-actes-search-meta]")
    # The count of the whole query, not of a prefix typed on the way (a slow machine pauses between keys).
    expect(meta).to_have_attribute("data-actes-query", query.strip(), timeout=10_000)
    expect(meta).to_have_text(re.compile(r"^(Aucun résultat|\d+ résultats?)$"))
    return meta, page.locator("[data-actes-search-list] a")


def result_paths(page, links) -> list[str]:
    return [href.replace(page.base, "/") for href in links.evaluate_all("links => links.map(a => a.href)")]


def every_result(page, links) -> list[str]:
    show_every_result(page)
    return result_paths(page, links)


def test_a_function_name_finds_the_conclusion(page):
    meta, links = search(page, "billetterie")
    assert "/" + TRANSCRIPT in every_result(page, links)
    assert re.fullmatch(r"\d+ résultats?", meta.inner_text())


@pytest.mark.parametrize("query", ["stratégies", "strategie", "STRATÉGIE"])
def test_plural_unaccented_and_capitalised_forms_find_strategie(page, query):
    meta, links = search(page, query)
    assert "/recommandations/SN2018-01/" in every_result(page, links)


@pytest.mark.parametrize("query", ["sn2018-03", "SN2018-03"])
def test_a_recommendation_id_finds_that_recommendation_first(page, query):
    meta, links = search(page, query)
    assert result_paths(page, links)[0] == "/recommandations/SN2018-03/"


def test_elided_and_plain_forms_find_each_other(page):
    meta, links = search(page, "l'établissement")
    with_elision = (meta.inner_text(), every_result(page, links))
    meta, links = search(page, "établissement")
    plain = (meta.inner_text(), every_result(page, links))
    assert with_elision == plain
    assert "/recommandations/SN2018-02/" in plain[1]


def test_no_result_is_said_in_french(page):
    meta, links = search(page, "zzyzxqwv")
    assert meta.inner_text() == "Aucun résultat"
    assert links.count() == 0


def test_clicking_a_result_lands_on_its_page(page):
    _, links = search(page, "SN2018-06")
    links.first.click()
    expect(page).to_have_url(page.base + "recommandations/SN2018-06/")
    expect(page.locator("article h1")).to_have_text("Conduire les projets de façon incrémentale et itérative")


def test_search_opens_moves_and_closes_by_keyboard(page):
    _, links = search(page, "billetterie")
    page.keyboard.press("ArrowDown")
    expect(links.first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("/")
    expect(page.locator("#actes-recherche")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_more_results_are_shown_on_request_and_focused(page):
    meta, links = search(page, "musée")
    total = int(meta.inner_text().split()[0])
    assert total > 6 and links.count() == 6
    page.get_by_role("button", name="Afficher plus de résultats").click()
    expect(links).to_have_count(min(12, total))
    expect(links.nth(6)).to_be_focused()
