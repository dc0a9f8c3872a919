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


def search_is_open(page) -> bool:
    return page.locator("#__search").is_checked()


def focus_in_dialog(page) -> bool:
    return page.evaluate("() => !!document.activeElement.closest('[data-actes-search]')")


def test_focus_never_walks_the_page_behind_an_open_search_dialog(page):
    """Tab onto the field opens the dialog; Tab past its last element closes it, never leaving it open."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + TRANSCRIPT)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "actes-recherche":
            break
    assert search_is_open(page)
    page.locator("#actes-recherche").press_sequentially("numérique", delay=20)
    expect(page.locator("[data-actes-search-meta]")).to_have_attribute("data-actes-query", "numérique", timeout=10_000)
    left = False
    for _ in range(30):
        page.keyboard.press("Tab")
        if not focus_in_dialog(page):
            left = True
            assert not search_is_open(page), page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            break
    assert left


def test_after_escape_tab_reaches_nothing_hidden(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base)
    page.keyboard.press("/")
    page.locator("#actes-recherche").press_sequentially("musée", delay=20)
    page.keyboard.press("Escape")
    assert not search_is_open(page)
    for _ in range(3):
        page.keyboard.press("Tab")
        hidden = page.evaluate("() => !!document.activeElement.closest('.md-search__output')")
        assert not hidden, page.evaluate("() => document.activeElement.className")


@pytest.mark.parametrize(("width", "shown"), [(1280, "magnifier"), (390, "arrow")])
def test_the_search_label_shows_one_icon(page, width, shown):
    """The magnifier on a wide screen, the back arrow (to close) on a phone: never both, no stray « ← »."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base)
    if width < 700:
        page.keyboard.press("/")
    icons = page.locator('.md-search__icon[for="__search"] svg')
    assert [icon.is_visible() for icon in icons.all()] == ([True, False] if shown == "magnifier" else [False, True])


def test_the_search_field_has_one_clear_button_and_a_readable_more_button(page):
    meta, links = search(page, "musée")
    field = page.locator("#actes-recherche")
    assert field.get_attribute("type") == "text" and field.get_attribute("role") == "searchbox"
    assert page.get_by_role("searchbox", name="Rechercher dans les actes").count() == 1
    assert page.get_by_role("button", name="Effacer la recherche").count() == 1
    more = page.get_by_role("button", name="Afficher plus de résultats")
    expect(more).to_be_visible()
    box = more.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    assert float(more.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12


@pytest.mark.parametrize("query", ["billetterie", "médiation", "numérique"])
def test_the_transcript_that_says_a_word_is_among_the_first_results(page, query):
    """The transcript holds each of these words; lists that repeat other pages' titles do not push it
    down (they are left out of the index), and its length does not count against it."""
    meta, links = search(page, query)
    assert "/" + TRANSCRIPT in result_paths(page, links)[:6]


def test_an_excerpt_does_not_repeat_its_results_title_and_a_match_is_not_styled_as_a_link(page):
    meta, links = search(page, "billetterie")
    items = page.locator("[data-actes-search-list] li")
    assert items.count() > 0
    for index in range(items.count()):
        title = " ".join(items.nth(index).locator("[data-actes-result-title]").inner_text().split())
        excerpt = " ".join(items.nth(index).locator("[data-actes-result-excerpt]").inner_text().split())
        assert excerpt and not excerpt.startswith(title), (title, excerpt)
    mark = page.locator("[data-actes-search-list] mark").first
    style = mark.evaluate("m => { const s = getComputedStyle(m), p = getComputedStyle(m.parentElement);"
                          " return [s.textDecorationLine, s.color === p.color, s.backgroundColor]; }")
    assert style[0] == "none" and style[1] and style[2] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_searching_a_person_s_name_puts_their_page_first(page):
    meta, links = search(page, "Chavanne")
    assert result_paths(page, links)[0] == "/intervenants/blandine-chavanne/"


def test_the_filters_by_speaker_day_and_function_narrow_the_results_and_say_who_speaks(page):
    page.goto(page.base)
    page.keyboard.press("/")
    speaker = page.get_by_label("Intervenant")
    expect(speaker.locator("option")).to_have_count(2)  # « Toutes les personnes », and the 2018 speaker
    speaker.select_option(label="Blandine Chavanne")
    meta = page.locator("[data-actes-search-meta]")
    expect(meta).to_have_text(re.compile(r"^\d+ résultats?$"), timeout=10_000)
    links = page.locator("[data-actes-search-list] a")
    paths = every_result(page, links)
    assert {"/intervenants/blandine-chavanne/", "/" + TRANSCRIPT, "/recommandations/SN2018-03/"} <= set(paths)
    assert "/fonctions/billetterie/" not in paths  # a page where no one speaks
    said = page.locator("[data-actes-search-list] [data-actes-result-speakers]").first
    expect(said).to_have_text("Prise de parole\u00a0: Blandine Chavanne")
    # A word and a function: only what concerns that function.
    page.get_by_label("Fonction du musée").select_option(label="Billetterie")
    page.locator("#actes-recherche").press_sequentially("billetterie", delay=20)
    expect(meta).to_have_attribute("data-actes-query", "billetterie", timeout=10_000)
    found = every_result(page, links)
    assert found and "/" + TRANSCRIPT in found
    assert all(path.startswith(("/recommandations/", "/" + TRANSCRIPT)) for path in found), found
