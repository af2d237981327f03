"""Every report in a real browser: WCAG 2.1 AA by axe-core at phone and desktop widths, charts with their
tables, for the coordinator, a provider, a coach team and a school."""

import pytest

from tests.browser.test_accessibility import COACH, COORDINATOR, PROVIDER_ADMIN, check_page, log_in

SCHOOL = "paivi.laaksonen@pirkanportti.example"


@pytest.mark.parametrize(("email", "name"), [(COORDINATOR, "coordinator"), (PROVIDER_ADMIN, "provider"),
                                              (COACH, "coach"), (SCHOOL, "school")])
def test_every_report_a_role_opens_is_accessible(page, live_server, screenshot_dir, email, name):
    log_in(page, live_server, email)
    page.goto(f"{live_server}/reports")
    check_page(page, f"reports-{name}-index", screenshot_dir)
    links = page.locator("main .report-list h2 a")
    paths = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert paths
    for path in paths:
        page.goto(f"{live_server}{path}")
        assert page.locator("h1").count() == 1
        check_page(page, f"reports-{name}{path.replace('/', '-')}", screenshot_dir)


def test_the_coordinator_reads_a_chart_and_its_table(page, live_server, screenshot_dir):
    log_in(page, live_server, COORDINATOR)
    page.goto(f"{live_server}/reports/referrals?period=2026")
    chart = page.locator("#sent_by_month-heading ~ figure svg[role=img]").first
    assert chart.is_visible()
    assert page.locator("#sent_by_month-desc").text_content().startswith("Suurimmat:")
    table = page.locator("section[aria-labelledby=sent_by_month-heading] table")
    assert not table.is_visible()  # on demand
    page.locator("section[aria-labelledby=sent_by_month-heading] details summary").click()
    assert table.is_visible()
    assert table.locator("tfoot th").inner_text() == "Yhteensä"
    page.select_option("#area", label="Salo")
    page.click("main form.list-filters button[type=submit]")
    assert "area=area-34" in page.url
    check_page(page, "reports-coordinator-referrals-salo", screenshot_dir)
