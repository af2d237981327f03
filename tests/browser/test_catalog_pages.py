"""The catalogue in a real browser: accessibility, phone widths, the municipality picker with and without JavaScript."""

from tests.browser.test_accessibility import COACH, COORDINATOR, PROVIDER_ADMIN, check_page, first_link, log_in


def test_browse_and_offering_pages(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/offerings")
    assert "palvelua" in page.inner_text(".results-count")
    check_page(page, "catalog-browse", screenshot_dir)
    page.click(".facet a:has-text('Työkokeilu')")
    assert "offering_type=work_trial" in page.url
    check_page(page, "catalog-browse-filtered", screenshot_dir)
    page.fill("#header-q", "kiinteistöhuoltoa Savonlinnassa")
    page.press("#header-q", "Enter")
    assert "kiinteistöhuoltoa" in page.inner_text(".results-count")
    assert page.locator(".offering-card mark").count() > 0
    check_page(page, "search-results", screenshot_dir)
    page.goto(live_server + first_link(page, ".offering-card a"))
    assert "Tiedot päivitetty" in page.inner_text("main")
    check_page(page, "catalog-offering", screenshot_dir)


def test_offering_with_plain_language_summary(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/search?q=puutyöpaja&municipality=Salo")
    page.click("text=Nuorten puutyöpaja")
    page.click("text=Selkokielinen kuvaus")
    assert page.is_visible("text=Teet puutöitä pajalla.")
    check_page(page, "catalog-offering-plain-language", screenshot_dir)


def test_provider_dashboard_form_and_history(page, live_server, screenshot_dir):
    log_in(page, live_server, PROVIDER_ADMIN)
    page.click("nav >> text=Palvelumme")
    assert "tarkista tiedot" in page.inner_text("main")
    check_page(page, "catalog-dashboard", screenshot_dir)

    page.click("text=Lisää palvelu")
    check_page(page, "catalog-new", screenshot_dir)
    page.fill("#title", "Selaintestin palvelu")
    page.fill("#summary", "Lyhyt kuvaus selaintestistä.")
    page.select_option("#offering_type", "coaching")
    page.check("text=Pitkäaikaistyöttömät")
    # With JavaScript, the filter box finds a municipality across regions.
    page.fill("#municipality-filter", "sulka")
    assert not page.is_visible("#municipality-740")  # Savonlinna is filtered out
    page.check("#municipality-768")
    assert "Sulkava" in page.inner_text("[data-selected]")
    page.fill("#municipality-filter", "")
    page.fill("#postal_code", "57130")
    page.fill("#post_office", "Savonlinna")
    page.click("main button[type=submit]")
    assert "Selaintestin palvelu" in page.inner_text("h1")
    assert "Esikatselu" in page.inner_text("main")
    check_page(page, "catalog-preview", screenshot_dir)
    page.get_by_role("button", name="Julkaise", exact=True).click()
    assert "Palvelu on julkaistu." in page.inner_text("main")
    page.click("text=Muutoshistoria")
    check_page(page, "catalog-history", screenshot_dir)


def test_form_errors_in_the_offering_form(page, live_server, screenshot_dir):
    log_in(page, live_server, PROVIDER_ADMIN)
    page.click("nav >> text=Palvelumme")
    page.click("text=Lisää palvelu")
    page.fill("#capacity_total", "2")
    page.fill("#open_places", "5")
    page.click("main button[type=submit]")
    assert page.is_visible(".error-summary")
    assert "Vapaita paikkoja ei voi olla enemmän" in page.inner_text(".error-summary")
    check_page(page, "catalog-form-errors", screenshot_dir)


def test_municipality_picker_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    page = context.new_page()
    log_in(page, live_server, PROVIDER_ADMIN)
    page.click("nav >> text=Palvelumme")
    page.click("text=Lisää palvelu")
    assert not page.is_visible("#municipality-filter")  # the filter needs JavaScript; the checkboxes do not
    page.click("summary:has-text('Etelä-Savo')")
    page.check("#municipality-740")
    page.fill("#title", "Ilman JavaScriptiä")
    page.fill("#summary", "Toimii ilman skriptejä.")
    page.select_option("#offering_type", "coaching")
    page.check("text=Kaikki työnhakijat")
    page.fill("#postal_code", "57130")
    page.fill("#post_office", "Savonlinna")
    page.click("main button[type=submit]")
    assert "Ilman JavaScriptiä" in page.inner_text("h1")
    assert "Savonlinna" in page.inner_text("main")
    context.close()


def test_coach_and_coordinator_views(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    page.click("nav >> text=Palvelut")
    check_page(page, "coach-browse", screenshot_dir)
    page.goto(f"{live_server}/")
    page.click("header >> text=Kirjaudu ulos")
    log_in(page, live_server, COORDINATOR)
    page.click("nav >> text=Tarkistettavat")
    assert "tarkista tiedot" in page.inner_text("main")
    check_page(page, "coordinator-stale", screenshot_dir)
