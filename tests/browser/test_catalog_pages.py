"""The catalogue in a real browser: accessibility, phone widths, the municipality picker with and without JavaScript."""

from tests.browser.test_accessibility import (
    COACH,
    COORDINATOR,
    PHONE,
    PROVIDER_ADMIN,
    check_page,
    first_link,
    log_in,
)


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
    page.goto(f"{live_server}/search?q=puutyöpaja&access=step_free_access")
    card = page.locator(".offering-card", has_text="Nuorten puutyöpaja")
    assert "Avoinna ma–to" in card.inner_text() and "Esteetön kulku" in card.inner_text()
    check_page(page, "search-results-access", screenshot_dir)


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


def test_the_hours_table_stacks_with_its_labels_on_a_phone(page, live_server, screenshot_dir):
    log_in(page, live_server, PROVIDER_ADMIN)
    page.set_viewport_size(PHONE)
    page.click("nav >> text=Palvelumme")
    page.click("text=Lisää palvelu")
    monday = page.locator("table.hours-form tbody tr").first
    opens, closes = (monday.locator("td").nth(n) for n in (0, 1))
    assert closes.bounding_box()["y"] >= opens.bounding_box()["y"] + opens.bounding_box()["height"] - 1  # stacked
    shown = opens.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert "Avautuu" in shown  # the column heading travels with the cell
    assert page.get_by_label("maanantai avautuu", exact=True).count() == 1  # and the input keeps its own name
    page.fill("#hours_mo_opens", "08:30")  # a time input: the browser's own picker
    page.fill("#hours_mo_closes", "07:00")
    page.click("main button[type=submit]")
    assert "Sulkemisajan pitää olla avautumisajan" in page.inner_text(".error-summary")
    page.set_viewport_size(PHONE)
    assert page.locator("#hours_mo_closes").get_attribute("aria-invalid") == "true"
    check_page(page, "catalog-hours-phone", screenshot_dir)
