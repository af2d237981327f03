"""Who opens which report and whose figures they see: every report route, its CSV and its XLSX, per role."""

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from marketplace.accounts.models import MemberRole, OrganisationKind
from marketplace.clock import today
from marketplace.reports.permissions import REPORTS_BY_ROLE, Report
from marketplace.reports.service import groups, save_group

FIRST_TABLE = {Report.REFERRALS: "summary", Report.OUTCOMES: "outcomes", Report.CAPACITY: "open_by_type",
               Report.LEARNING: "by_school", Report.SEARCHES: "searches"}


@pytest.fixture
def readers(network, make_org, make_user):
    school = make_org(name="Opisto", kind=OrganisationKind.EDUCATION_PROVIDER)
    pending = make_org(name="Odottava ry", verified=False)
    return {
        "coordinator": make_user(email="koordinaattori@example.fi", coordinator=True),
        "provider": network.provider_member,
        "coach": network.coach,
        "education": make_user(email="opettaja@example.fi", org=school, role=MemberRole.ADMIN),
        "pending": make_user(email="odottava@example.fi", org=pending),
        "nobody": make_user(email="ei-organisaatiota@example.fi"),
    }


def report_urls(app, group_uuid: str) -> list[tuple[str, str | None]]:
    """Every GET route of the reports blueprint, each report it serves: (path, report name or None)."""
    urls = []
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("reports.") or "GET" not in rule.methods:
            continue
        names = sorted(rule._converters["report_name"].items) if "report_name" in rule.arguments else [None]
        for name in names:
            values = {"report_name": name, "group_uuid": group_uuid} if name else {"group_uuid": group_uuid}
            if "table_key" in rule.arguments:
                values["table_key"] = FIRST_TABLE[Report(name)]
            urls.append((adapter.build(rule.endpoint, {k: v for k, v in values.items() if k in rule.arguments}),
                         name))
    return urls


def expected(role: str, path: str, report: str | None) -> int:
    if role in ("pending", "nobody"):
        return 403
    if path.startswith("/reports/groups/"):
        return 200 if role == "coordinator" else 403
    if report is None or role == "coordinator":
        return 200
    return 200 if Report(report) in REPORTS_BY_ROLE[{"provider": "provider", "coach": "coach",
                                                      "education": "education"}[role]] else 403


@pytest.mark.parametrize("role", ["coordinator", "provider", "coach", "education", "pending", "nobody"])
def test_every_report_route_answers_each_role_as_its_permissions_say(app, client, login, readers, role):
    group = save_group("Salon seutu", ["734", "284"], readers["coordinator"])
    urls = report_urls(app, str(group.uuid))
    assert len(urls) >= 5 * 3 + 3  # five reports × (page, CSV, XLSX), the index and the groups
    login(readers[role])
    wrong = []
    for path, report in urls:
        response = client.get(path)
        if response.status_code != expected(role, path, report):
            wrong.append((path, response.status_code))
    assert wrong == []


def test_a_provider_cannot_narrow_to_another_organisation(client, login, network):
    login(network.provider_member)
    response = client.get(f"/reports/referrals?organisation={network.coach_org.uuid}")
    assert response.status_code == 403
    assert "Vain alueen koordinaattori" in response.get_data(as_text=True)


def _sent(client, query="period=2025-12") -> str:
    page = client.get(f"/reports/referrals.xlsx?{query}")
    assert page.status_code == 200
    sheet = load_workbook(io.BytesIO(page.data))["Tunnusluvut"]
    return {row[0].value: [cell.value for cell in row[1:]] for row in sheet.iter_rows(min_row=4)}[
        "Lähetetyt ohjaukset"]


def test_a_provider_sees_its_own_referrals_and_the_network_s_shares_beside_them(client, login, network, send,
                                                                               make_offering, act):
    others = make_offering(org=network.other_provider.memberships[0].organisation, title="Muu paja")
    for day in range(1, 6):
        send(f"2025-12-{day:02} 09:00")
    for day in range(1, 8):
        send(f"2025-12-{day:02} 10:00", offering=others)
    login(network.provider_member)
    assert _sent(client) == [5, None]  # own; the network's count is not shown (12 − 5 would tell the others')
    client.post("/logout")
    login(network.other_provider)
    assert _sent(client) == [7, None]


def test_a_coach_team_sees_only_the_referrals_it_sent(client, login, network, send):
    for day in range(1, 6):
        send(f"2025-12-{day:02} 09:00")
    login(network.other_coach)
    page = client.get("/reports/referrals?period=2025-12").get_data(as_text=True)
    assert "Tampereen työllisyyspalvelut" in page
    assert _sent(client) == [0, None]
    client.post("/logout")
    login(network.coach)
    assert _sent(client) == [5, None]


def test_csv_is_semicolon_utf8_with_bom_and_hides_small_counts(client, login, readers, network, send, act):
    send("2025-12-01 09:00")
    act(send("2025-12-02 09:00"), "decline", "2025-12-03 09:00", network.provider_member, decline_reason="full")
    login(readers["coordinator"])
    response = client.get("/reports/referrals/declines.csv?period=2025-12")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffSyy;Ohjauksia\r\n")
    assert "Ei vapaita paikkoja;<5\r\n" in text
    assert "Yhteensä;<5" in text
    assert client.get("/reports/referrals/nonexistent.csv").status_code == 404


def test_the_xlsx_has_a_sheet_per_table_and_no_small_count(client, login, readers, network, send):
    for day in range(1, 4):
        send(f"2025-12-{day:02} 09:00")
    login(readers["coordinator"])
    response = client.get("/reports/referrals.xlsx?period=2025-12")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "Tiedot"
    assert {"Tunnusluvut", "Hylätyt ohjaukset syyn mukaan"} <= set(book.sheetnames)
    numbers = [cell.value for sheet in book.worksheets[1:] for row in sheet.iter_rows(min_row=4) for cell in row
               if isinstance(cell.value, int | float) and not isinstance(cell.value, bool)]
    assert not [n for n in numbers if 0 < n < 5 and float(n).is_integer()], numbers
    summary = {row[0].value: row[1].value for row in book["Tunnusluvut"].iter_rows(min_row=4)}
    assert summary["Lähetetyt ohjaukset"] == "<5"


def test_a_bad_period_is_a_clear_422(client, login, readers):
    login(readers["coordinator"])
    response = client.get("/reports/referrals?period=custom&start=2026-05-01&end=2026-01-01")
    assert response.status_code == 422
    assert "loppupäivä ei voi olla ennen alkua" in response.get_data(as_text=True)
    assert client.get("/reports/referrals?period=1999-13").status_code == 422
    assert client.get("/reports/referrals?area=area-999").status_code == 422
    assert client.get("/reports/referrals.xlsx?period=x").status_code == 422


def test_coordinators_define_groups_that_filter_reports(client, login, readers, network, send):
    login(readers["coordinator"])
    response = client.post("/reports/groups/new", data={"name": "Salon seutu", "municipalities": ["734", "284"]})
    assert response.status_code == 302
    group = groups()[0]
    assert (group.name, group.municipality_codes) == ("Salon seutu", ["284", "734"])
    again = client.post("/reports/groups/new", data={"name": "salon seutu", "municipalities": ["734"]})
    assert again.status_code == 422
    assert "Samanniminen alue on jo olemassa" in again.get_data(as_text=True)
    stale = client.post("/reports/groups/new", data={"name": "Vanha", "municipalities": ["588"]})
    assert stale.status_code == 422  # Pertunmaa no longer exists
    for day in range(1, 6):
        send(f"2025-12-{day:02} 09:00")
    page = client.get(f"/reports/referrals?period=2025-12&area=group-{group.uuid}")
    assert page.status_code == 200
    assert "Oma alue: Salon seutu" in page.get_data(as_text=True)
    assert client.post(f"/reports/groups/{group.uuid}/delete").status_code == 302
    assert groups() == []


def test_only_coordinators_change_groups(client, login, readers):
    group = save_group("Salon seutu", ["734"], readers["coordinator"])
    login(readers["provider"])
    assert client.post("/reports/groups/new", data={"name": "X", "municipalities": ["734"]}).status_code == 403
    assert client.post(f"/reports/groups/{group.uuid}/delete").status_code == 403
    assert client.get("/reports/groups").status_code == 200
    assert [g.name for g in groups()] == ["Salon seutu"]


def test_the_navigation_and_home_page_lead_to_reports(client, login, readers):
    login(readers["coordinator"])
    page = client.get("/").get_data(as_text=True)
    assert 'href="/reports"' in page
    index = client.get("/reports").get_data(as_text=True)
    for title in ("Ohjaukset", "Tulokset", "Paikat ja palvelut", "Opinnollistaminen", "Haut ilman osumia"):
        assert title in index


@pytest.mark.parametrize("query", [
    "period=custom", "period=custom&start=2026-01-01", "period=2023", "period=2026-Q5", "period=abc",
    "area=area-34&municipality=837",  # Tampere is not in the Salo area
    "municipality=588",  # merged: not offered any more
])
def test_filters_that_cannot_be_met_are_a_clear_422(client, login, readers, query):
    login(readers["coordinator"])
    response = client.get(f"/reports/referrals?{query}")
    assert response.status_code == 422
    assert "Tarkista rajaukset" in response.get_data(as_text=True)


def test_unknown_parameters_and_old_periods_work_and_links_keep_only_the_filters(client, login, readers, network):
    login(readers["coordinator"])
    page = client.get("/reports/referrals?period=2024-03&report_name=x&table_key=y&_anchor=z&_external=1")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    exports = re.findall(r'href="(/reports/referrals[^"]*\.(?:csv|xlsx)[^"]*)"', text)
    assert "/reports/referrals/summary.csv?period=2024-03" in exports
    assert len(exports) == 6  # the XLSX and a CSV per table with rows
    assert not [link for link in exports if "report_name" in link or "_anchor" in link]
    assert "maalis 2024" in text


def test_a_coordinator_narrows_to_one_organisation(client, login, readers, network, send):
    for day in range(1, 6):
        send(f"2025-12-{day:02} 09:00")
    login(readers["coordinator"])
    assert _sent(client, f"period=2025-12&organisation={network.provider_org.uuid}") == [5]
    other = network.other_provider.memberships[0].organisation
    assert _sent(client, f"period=2025-12&organisation={other.uuid}") == [0]


def test_the_coordinator_s_home_page_shows_the_network_now(client, login, readers, network, send):
    long_ago = today().toordinal() - 30
    for n in range(6):
        sent = date.fromordinal(long_ago + n)
        send(f"{sent.isoformat()} 09:00")
    login(readers["coordinator"])
    page = client.get("/").get_data(as_text=True)
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd><a href=\"[^\"]+\">([^<]+)</a></dd>", page))
    assert figures["Ohjauksia myöhässä nyt"] == "6"
    assert figures["Vapaita paikkoja nyt"] == "2"  # the network's Puutyöpaja
    assert "Vastattu määräajassa tällä neljänneksellä" in figures
