"""The results page in a real browser: a place in the query, the distance filter, chips, and a new query."""

from urllib.parse import parse_qs, urlsplit

from tests.browser.test_accessibility import COORDINATOR, check_page, log_in


def test_a_coach_searches_near_a_place_and_narrows_with_chips(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/search?q=työkokeilu+nuorille+salossa")
    main = page.inner_text("main")
    assert "Haettiin kunnasta Salo." in main and "Kunta haussa: Salo" in main
    check_page(page, "search-place-in-query", screenshot_dir)

    page.fill("#near", "24100")
    page.select_option("#km", "50")
    page.click(".near-form button[type=submit]")
    assert "Enintään 50 km: Salo" in page.inner_text(".chips")
    assert page.locator(".offering-card .distance").first.inner_text().startswith("n. ")
    check_page(page, "search-near", screenshot_dir)

    page.locator(".offering-card .card-title a").first.click()
    page.click("text=← Takaisin hakutuloksiin")
    assert parse_qs(urlsplit(page.url).query)["near"] == ["24100"]

    page.fill("#search-q", "paja")
    page.check("#search-keep")
    page.click(".search-form button[type=submit]")
    assert "Enintään 50 km: Salo" in page.inner_text(".chips")
    page.fill("#header-q", "paja")
    page.click(".header-search button[type=submit]")  # the header box without the choice: a fresh search
    assert parse_qs(urlsplit(page.url).query) == {"q": ["paja"]}
    assert page.locator(".chips").count() == 0


def test_a_coordinator_adds_a_word_family_and_search_uses_it(page, live_server, screenshot_dir):
    log_in(page, live_server, COORDINATOR)
    page.click("main >> text=Haun sanaperheet")
    assert "kuntoutus, kuntouttava, kuntoutuja" in page.inner_text("main")
    check_page(page, "coordinator-word-families", screenshot_dir)
    page.fill("#words", "vaatehuolto, ompelimo")
    page.click(".stack-form button[type=submit]")
    assert "Sanaperhe tallennettu" in page.inner_text("main")
    page.goto(f"{live_server}/search?q=vaatehuolto")
    assert page.locator(".offering-card").count() > 0
