"""Real pages in headless Chromium: WCAG 2.1 AA by axe-core, and no sideways scrolling on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from marketplace.demo.data import DEMO_PASSWORD

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

COACH = "aino.lehtinen@salo.example"
PROVIDER_ADMIN = "heli.rautiainen@saimaantoimintakeskus.example"
COORDINATOR = "koordinaattori@kumppanitori.example"
PENDING_ADMIN = "eeva.salmi@vammala.example"


def log_in(page, base_url, email):
    page.goto(f"{base_url}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def first_link(page, selector):
    return page.locator(selector).first.get_attribute("href")


def check_page(page, name, screenshot_dir):
    """Assert axe finds no WCAG 2.1 AA violations and nothing overflows sideways at phone and desktop widths."""
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {label} width"
        if screenshot_dir:
            page.screenshot(path=str(screenshot_dir / f"{name}-{label}.png"), full_page=True)


@pytest.mark.parametrize("path", ["/", "/login", "/register", "/password/forgot", "/accessibility", "/no-such-page",
                                  "/developers/api", "/developers/api/reference"])
def test_public_pages(page, live_server, screenshot_dir, path):
    page.goto(live_server + path)
    check_page(page, "public" + (path.replace("/", "-") if path != "/" else "-home"), screenshot_dir)


def test_form_errors_are_accessible(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/register")
    page.fill("#business_id", "1234567-8")
    page.fill("#admin_email", "ei-osoite")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.className") == "error-summary"  # where to start fixing
    assert "tarkistusmerkki ei täsmää" in page.inner_text("#business_id-error")
    page.fill("#website", "www.paja.example.fi")  # typed as people type it: not refused
    page.click("main button[type=submit]")
    assert not page.locator("#website-error").count()
    assert page.get_attribute("#business_id", "aria-describedby") == "business_id-hint business_id-error"
    check_page(page, "register-errors", screenshot_dir)


def test_registering_an_organisation_confirms_the_address(page, live_app, live_server, screenshot_dir):
    from tests.helpers import link_in, outbox

    page.goto(f"{live_server}/register")
    for selector, value in (("#name", "Selaintestin Paja ry"), ("#business_id", "3282107-3"), ("#municipality", "Salo"),
                            ("#email", "paja@selain.example"), ("#admin_name", "Selma Selain"),
                            ("#admin_email", "selma@selain.example"), ("#password", "selaintestin-salasana"),
                            ("#confirm", "selaintestin-salasana")):
        page.fill(selector, value)
    page.select_option("#kind", "workshop")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server}/register/sent")
    assert "Tarkista sähköpostisi" in page.inner_text("main")
    check_page(page, "register-sent", screenshot_dir)
    with live_app.app_context():
        link = link_in(outbox("selma@selain.example")[-1])
    page.goto(live_server + link)
    assert "Selaintestin Paja ry" in page.inner_text("main")
    check_page(page, "register-confirm", screenshot_dir)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    assert "Selma Selain" in page.inner_text("body") and "odottaa vahvistusta" in page.inner_text("main")


def test_coach_dashboard_and_members(page, live_server, screenshot_dir):
    log_in(page, live_server, COACH)
    assert "Valmentaja · Salon työllisyyspalvelut" in page.inner_text("header")
    check_page(page, "coach-dashboard", screenshot_dir)
    page.click("nav >> text=Jäsenet")
    assert "Mikko Salonen" in page.inner_text("main")
    check_page(page, "coach-members", screenshot_dir)
    page.goto(f"{live_server}/account")
    check_page(page, "coach-profile", screenshot_dir)


def test_provider_admin_edits_organisation(page, live_server, screenshot_dir):
    log_in(page, live_server, PROVIDER_ADMIN)
    page.click("nav >> text=Organisaatio")
    check_page(page, "provider-organisation", screenshot_dir)
    page.click("text=Muokkaa tietoja")
    check_page(page, "provider-edit", screenshot_dir)
    page.fill("#description", "Päivitetty kuvaus selaintestissä.")
    page.click("main button[type=submit]")
    assert "Päivitetty kuvaus selaintestissä." in page.inner_text("main")


def test_pending_organisation_dashboard(page, live_server, screenshot_dir):
    log_in(page, live_server, PENDING_ADMIN)
    assert "odottaa vahvistusta" in page.inner_text("main")
    check_page(page, "pending-dashboard", screenshot_dir)


def test_coordinator_pages(page, live_server, screenshot_dir):
    log_in(page, live_server, COORDINATOR)
    check_page(page, "coordinator-dashboard", screenshot_dir)
    page.goto(f"{live_server}/coordinator/organisations?status=all")
    check_page(page, "coordinator-organisations", screenshot_dir)
    page.goto(f"{live_server}/coordinator/organisations?status=pending")
    page.goto(live_server + first_link(page, "main table a"))
    check_page(page, "coordinator-organisation", screenshot_dir)
    page.click("nav >> text=Tapahtumaloki")
    assert "Kirjautuminen" in page.inner_text("main tbody")
    page.click("summary")  # the filters, open
    check_page(page, "coordinator-audit", screenshot_dir)
