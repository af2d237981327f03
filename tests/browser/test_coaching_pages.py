"""Shortlists in a real browser: add from the search results, annotate, print the handout, share the link."""

from tests.browser.test_accessibility import COACH, check_page, log_in


def test_a_coach_builds_a_shortlist_and_hands_it_over(browser, page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/search?q=puutyöpaja")
    first = page.locator("main .offering-card").first
    title = first.locator(".card-title").inner_text()
    first.locator("summary", has_text="Lisää listalle").click()
    first.locator("input[name=new_name]").fill("SALO-2026-130")
    first.locator("button", has_text="Lisää").click()
    assert "Lisätty listalle SALO-2026-130" in page.inner_text("main")
    check_page(page, "search-added-to-shortlist", screenshot_dir)
    second = page.locator("main .offering-card").nth(1)
    second.locator("summary", has_text="Lisää listalle").click()
    second.locator("button", has_text="Lisää").click()  # to the list just made, chosen first

    page.click("nav >> text=Valitut palvelut")
    check_page(page, "shortlists", screenshot_dir)
    page.click("main >> text=SALO-2026-130")
    assert page.locator(".shortlist-items > li").count() == 2
    page.locator(".shortlist-items textarea").first.fill("Soita Tiinalle maanantaina.")
    page.locator(".shortlist-items button", has_text="Tallenna huomio").first.click()
    page.locator(".shortlist-items button", has_text="Alemmas").first.click()
    assert page.locator(".shortlist-items h2").nth(1).inner_text() == title
    page.click("main button:has-text('Luo linkki')")
    link = page.input_value("#public-link")
    check_page(page, "shortlist", screenshot_dir)

    page.click("main >> text=Tulostettava lista")
    assert page.locator("main svg.qr-code").count() == 2
    assert "Soita Tiinalle maanantaina." in page.inner_text("main")
    check_page(page, "shortlist-handout", screenshot_dir)
    page.emulate_media(media="print")
    assert not page.locator("nav.main-nav, .site-header").first.is_visible()
    page.emulate_media(media="screen")

    visitor = browser.new_context(locale="fi-FI").new_page()
    visitor.goto(link.replace("https://kumppanitori.test", live_server))
    text = visitor.inner_text("main")
    assert "Palveluita sinulle" in text and "SALO-2026-130" not in text and "Aino" not in text
    check_page(visitor, "shortlist-shared", screenshot_dir)
    visitor.context.close()


def test_a_coach_saves_a_search_and_chooses_how_often_to_hear(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/search?q=kuntouttava")
    page.click("main summary:has-text('Tallenna haku')")
    page.fill("#name", "Kuntouttava työtoiminta")
    page.check("main .save-search input[value=immediately]")
    check_page(page, "search-save-form", screenshot_dir)
    page.click("main .save-search button[type=submit]")
    assert "Haku tallennettu: Kuntouttava työtoiminta" in page.inner_text("main")
    assert page.is_checked("main .saved-searches input[value=immediately]")
    check_page(page, "saved-searches", screenshot_dir)
    page.check("main .saved-searches input[value=weekly]")
    page.click("main .saved-searches button:has-text('Tallenna')")
    assert page.is_checked("main .saved-searches input[value=weekly]")
