"""The referral flow in a real browser: a coach refers, the provider answers, both read the timeline."""

from datetime import timedelta

from marketplace.clock import today
from tests.browser.test_accessibility import COACH, PROVIDER_ADMIN, check_page, log_in

VERSTAS_ADMIN = "tiina.nieminen@salo.example"
SEND = "main button:has-text('Lähetä ohjaus')"  # not the fit check, the form's other button


def test_coach_refers_a_jobseeker(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/search?q=puutyöpaja")
    page.click("main >> text=Nuorten puutyöpaja")
    page.click("main >> text=Ohjaa asiakas")
    assert "Asiakas on antanut suostumuksensa" in page.inner_text("main")
    assert "Aukioloajat" in page.inner_text("main") and "Esteetön kulku: Kyllä" in page.inner_text("main")
    page.click(SEND)  # empty: every error is listed and tied to its field
    assert page.locator(".error-summary").is_visible()
    check_page(page, "refer-errors", screenshot_dir)
    page.fill("#jobseeker_name", "Selain Testinen")
    page.fill("#jobseeker_phone", "040 555 1234")
    page.fill("#goal", "Puutyöpajan jakso ja jatkosuunnitelma.")
    page.fill("#background", "Henkilötunnus 131052-308T")
    page.check("#eligibility_confirmed")
    page.check("#consent_given")
    page.click(SEND)
    assert "Poista henkilötunnus" in page.inner_text("#background-error")
    page.fill("#background", "Kiinnostunut puutöistä.")
    page.click(SEND)
    assert "Ohjaus lähetetty" in page.inner_text("main")
    check_page(page, "referral-coach", screenshot_dir)


def test_coach_lists(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.click("nav >> text=Ohjaukset")
    assert "Eetu Virtanen" in page.inner_text("main")
    check_page(page, "referrals-sent", screenshot_dir)
    page.click("text=Koko tiimin ohjaukset")
    assert "Jenna Mäkinen" in page.inner_text("main")  # Mikko's overdue referral comes first
    assert page.locator("main tbody tr").first.inner_text().count("Myöhässä") == 1


def test_provider_answers_from_the_inbox(page, live_server, screenshot_dir):
    log_in(page, live_server, VERSTAS_ADMIN)
    page.click("nav >> text=Saapuneet ohjaukset")
    assert "Jenna Mäkinen" in page.inner_text("main")
    check_page(page, "referrals-inbox", screenshot_dir)
    page.click("main >> text=Eetu Virtanen")
    check_page(page, "referral-provider", screenshot_dir)
    page.click("main summary >> text=Hyväksy")
    page.fill("#start_on", (today() + timedelta(days=7)).isoformat())
    page.click("main form[action$='/accept'] button[type=submit]")
    assert "Ohjaus hyväksytty" in page.inner_text("main")
    page.fill("#body", "Aloitus maanantaina klo 8.30, ota mukaan turvakengät.")
    page.click("main form[action$='/messages'] button[type=submit]")
    assert "turvakengät" in page.inner_text("#timeline")


def test_provider_sees_a_request_for_information(page, live_server, screenshot_dir):
    log_in(page, live_server, PROVIDER_ADMIN)
    page.click("nav >> text=Saapuneet ohjaukset")
    page.click("text=Hyväksytyt ja aloittaneet")
    assert "Mika Lehtonen" in page.inner_text("main")
    page.click("main >> text=Mika Lehtonen")
    check_page(page, "referral-started", screenshot_dir)


def test_api_docs_and_tokens(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/account")
    page.fill("#token-name", "Asiakastietojärjestelmä")
    page.click("form[action*='/account/tokens'] button[type=submit]")
    assert page.input_value("#new-token").startswith("kt_")
    check_page(page, "profile-token", screenshot_dir)
    page.goto(f"{live_server}/developers/api")
    check_page(page, "api-docs", screenshot_dir)


SCHOOL = "paivi.laaksonen@pirkanportti.example"


def test_learning_record_pages(page, live_server, screenshot_dir):
    log_in(page, live_server, VERSTAS_ADMIN)
    page.goto(f"{live_server}/organisations")  # any page; then the returned record from the referral
    page.click("nav >> text=Saapuneet ohjaukset")
    page.click("text=Hyväksytyt ja aloittaneet")
    page.click("main >> text=Emilia Hakala")
    page.click("main >> text=Avaa kuvaus")
    assert "Oppilaitos pyytää täydentämään" in page.inner_text("main")
    check_page(page, "learning-record-returned", screenshot_dir)
    page.click("main >> text=Kirjaa osaaminen")
    check_page(page, "learning-evidence", screenshot_dir)
    page.goto(f"{live_server}/search?q=puutyöjakso")
    page.click("main >> text=Opinnollistettu puutyöjakso")
    assert "Opinnollistaminen: opittavat tutkinnon osat" in page.inner_text("main")
    page.click("main >> a:has-text('Opinnollistaminen')")
    check_page(page, "learning-environment", screenshot_dir)


def test_teacher_queue_review_and_certificate(page, live_server, screenshot_dir):
    log_in(page, live_server, SCHOOL)
    page.click("nav >> text=Tunnustettavat")
    check_page(page, "learning-queue", screenshot_dir)
    page.click("main tbody a")
    assert "Päätös osaamisen tunnustamisesta" in page.inner_text("main")
    check_page(page, "learning-review", screenshot_dir)
    page.go_back()
    page.click("text=Vahvistetut")
    page.click("main tbody a")
    page.click("main >> text=Näytä todistus")
    code = page.inner_text(".certificate .code")
    check_page(page, "learning-certificate", screenshot_dir)
    page.evaluate("window.print = () => { window.printed = true; }")  # no dialog in a headless test
    page.click("text=Tulosta tai tallenna PDF:nä")
    assert page.evaluate("window.printed") is True  # the button works from /static/js/print.js, no inline code
    page.goto(f"{live_server}/verify/{code}")
    assert "Todistus on aito ja muuttumaton" in page.inner_text("main")
    check_page(page, "learning-verify", screenshot_dir)


def test_provider_reorders_the_queue_with_a_reason(page, live_server, screenshot_dir):
    log_in(page, live_server, VERSTAS_ADMIN)
    page.click("nav >> text=Saapuneet ohjaukset")
    page.click("main .tabs >> text=Jonossa")
    assert "Niko Laaksonen" in page.inner_text("main")
    page.click("main >> text=sija 2")
    check_page(page, "referrals-queue", screenshot_dir)
    assert [name.strip() for name in page.locator("main .queue-name a").all_inner_texts()] == [
        "Janne Virtanen", "Niko Laaksonen"]
    entry = page.locator("main .queue-entry").nth(1)
    entry.locator("summary").click()
    entry.locator("input[name$='-position']").fill("1")
    entry.locator("textarea[name$='-reason']").fill("Hitsauskoulutuksen haku sulkeutuu helmikuussa.")
    entry.locator("button[type=submit]").click()
    assert "Jonon järjestys muutettu." in page.inner_text("main")
    assert [name.strip() for name in page.locator("main .queue-name a").all_inner_texts()] == [
        "Niko Laaksonen", "Janne Virtanen"]


def test_the_coach_checks_the_fit_before_sending(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.goto(f"{live_server}/search?q=puutyöpaja")
    page.click("main >> text=Nuorten puutyöpaja")
    page.click("main >> text=Ohjaa asiakas")
    page.fill("#jobseeker_age", "34")
    page.select_option("#home_municipality", label="Salo")
    page.click("main button[name=check]")
    assert "Tarkistuksen tulos" in page.inner_text("#eligibility")
    assert "Ei sovi" in page.inner_text("#eligibility")  # the workshop is for 16–29-year-olds
    check_page(page, "refer-eligibility", screenshot_dir)


def test_the_school_sorts_its_queue(page, live_server, screenshot_dir):
    log_in(page, live_server, SCHOOL)
    page.click("nav >> text=Tunnustettavat")
    page.click("main th >> text=Oppija")
    assert page.get_attribute("main th[aria-sort]", "aria-sort") == "ascending"
    check_page(page, "recognition-queue", screenshot_dir)


def test_the_provider_changes_several_offerings_at_once(page, live_server, screenshot_dir):
    log_in(page, live_server, VERSTAS_ADMIN)
    page.click("nav >> text=Palvelumme")
    boxes = page.locator("main input[form=bulk]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    check_page(page, "offerings-bulk", screenshot_dir)
    page.select_option("#action", "confirm")
    page.click("#bulk button[type=submit]")
    assert "Merkitty ajan tasalla oleviksi" in page.inner_text("main")
