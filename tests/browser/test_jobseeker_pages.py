"""The jobseeker's side in a real browser: the coach prints the confirmation, the jobseeker opens the link."""

from tests.browser.test_accessibility import COACH, check_page, log_in


def test_the_coach_prints_a_confirmation_and_the_jobseeker_answers_on_the_status_page(
        browser, page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.click("nav >> text=Ohjaukset")
    page.click("main >> text=Eetu Virtanen")
    page.click("main >> text=Tulosta asiakkaalle vahvistus")
    assert "Mitä seuraavaksi tapahtuu" in page.inner_text("main")
    assert page.locator("main svg.qr-code").count() == 1
    check_page(page, "referral-confirmation", screenshot_dir)
    link = page.inner_text("main .link-text")
    assert "/status/" in link

    jobseeker = browser.new_context(locale="fi-FI").new_page()  # no login, another browser
    jobseeker.goto(link.replace("https://kumppanitori.test", live_server))
    text = jobseeker.inner_text("main")
    assert "Ohjauksesi" in text and "Eetu" not in text and "Valmentajasi" in text
    check_page(jobseeker, "status-page", screenshot_dir)
    jobseeker.fill("#message", "Soittakaa iltapäivällä.")
    jobseeker.click("main button[value=contact_me]")
    assert "välitetty valmentajallesi" in jobseeker.inner_text("main")
    check_page(jobseeker, "status-page-answered", screenshot_dir)
    jobseeker.context.close()

    page.go_back()
    page.reload()
    assert "Asiakas pyytää ottamaan yhteyttä" in page.inner_text("#timeline")


def test_notification_settings(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/account/notifications")
    page.check("#message-1")
    page.click("main button[type=submit]")
    assert "Ilmoitusasetukset tallennettu" in page.inner_text("main")
    assert page.is_checked("#message-1")
    check_page(page, "notification-settings", screenshot_dir)
