"""The referrals report against figures worked out by hand: working days over Christmas, acceptance rate,
small cells hidden with their complements, and the employment-area filter."""

from datetime import date

import pytest

from marketplace.reports.periods import parse_period
from marketplace.reports.permissions import Scope
from marketplace.reports.service import ReportFilters, referrals_report
from marketplace.reports.service.filters import _with_merged

DECEMBER = parse_period("2025-12")


def _figures(table) -> dict[str, list[str]]:
    return {row.label: [cell.text.replace("\xa0", " ") for cell in row.cells] for row in table.rows}


@pytest.fixture
def answered(network, send, act):
    """Five referrals answered 1, 1, 6, 4 and 5 working days after they were sent."""
    provider = network.provider_member
    cases = [
        ("2025-12-01 10:00", "2025-12-02 09:00"),  # Monday → Tuesday: 1
        ("2025-12-23 15:00", "2025-12-29 08:00"),  # 24.–26.12. are holidays, then a weekend: 1
        ("2025-12-19 12:00", "2026-01-02 12:00"),  # 22, 23, 29, 30, 31.12. and 2.1. (1.1. a holiday): 6, late
        ("2025-12-15 09:00", "2025-12-19 16:00"),  # Monday → Friday: 4
        ("2025-12-08 09:00", "2025-12-15 16:00"),  # Monday → next Monday: 5, just in time
    ]
    return [act(send(sent), "accept", answer, provider, start_on=date(2026, 1, 12), confirm_full=True)
            for sent, answer in cases]


def test_response_time_counts_finnish_working_days(answered):
    assert [r.response_working_days for r in answered] == [1, 1, 6, 4, 5]


def test_median_and_ninetieth_percentile_and_share_in_time(answered, network):
    figures = _figures(referrals_report(ReportFilters(DECEMBER), Scope(None)).table("summary"))
    assert figures["Lähetetyt ohjaukset"] == ["5"]
    assert figures["Vastausaika, mediaani (työpäivää)"] == ["4"]  # 1, 1, 4, 5, 6
    assert figures["Vastausaika, 90 % vastasi tässä ajassa (työpäivää)"] == ["6"]  # 90 % of 5 is 4.5: the 5th
    assert figures["Vastattu määräajassa (5 työpäivää)"] == ["–"]  # 4 of 5 would tell the one late answer
    by_provider = _figures(referrals_report(ReportFilters(DECEMBER), Scope(None)).table("response_by_provider"))
    assert by_provider[network.provider_org.name] == ["5", "4", "6", "–", "0"]  # 4 of 5 in time: 1 late


def _six_accepted_five_declined(network, send, act) -> None:
    provider = network.provider_member
    for day in range(1, 7):
        act(send(f"2025-12-{day:02} 09:00"), "accept", f"2025-12-{day + 1:02} 09:00", provider,
            start_on=date(2026, 1, 12), confirm_full=True)
    for day in range(10, 15):
        act(send(f"2025-12-{day} 09:00"), "decline", f"2025-12-{day + 1} 09:00", provider, decline_reason="full")


def test_acceptance_rate_over_decisions(network, send, act):
    _six_accepted_five_declined(network, send, act)
    for day in range(20, 25):
        send(f"2025-12-{day} 09:00")  # not answered: not part of the rate
    figures = _figures(referrals_report(ReportFilters(DECEMBER), Scope(None)).table("summary"))
    assert figures["Lähetetyt ohjaukset"] == ["16"]
    assert figures["Hyväksymisaste"] == ["55 %"]  # 6 / 11
    declines = _figures(referrals_report(ReportFilters(DECEMBER), Scope(None)).table("declines"))
    assert declines["Ei vapaita paikkoja"] == ["5"]
    assert declines["Yhteensä"] == ["5"]


def test_small_counts_show_as_under_five_and_the_rate_they_give_is_hidden(network, send, act):
    provider = network.provider_member
    for day in range(1, 8):
        act(send(f"2025-12-{day:02} 09:00"), "accept", f"2025-12-{day + 1:02} 09:00", provider,
            start_on=date(2026, 1, 12), confirm_full=True)
    act(send("2025-12-10 09:00"), "decline", "2025-12-11 09:00", provider, decline_reason="not_eligible")
    report = referrals_report(ReportFilters(DECEMBER), Scope(None))
    figures = _figures(report.table("summary"))
    assert figures["Lähetetyt ohjaukset"] == ["8"]
    assert figures["Hyväksymisaste"] == ["–"]  # 7 / 8 would tell the one decline
    declines = _figures(report.table("declines"))
    assert declines["Asiakas ei täytä palvelun edellytyksiä"] == ["<5"]
    assert declines["Yhteensä"] == ["<5"]  # the total of a single small cell is hidden too
    # accepted 7, declined 1, total 8: the 7 is hidden too, or 8 − 7 would tell the one decline
    months = _figures(report.table("sent_by_month"))
    assert months["joulu 2025"] == ["0", "–", "0", "0", "<5", "0", "8"]
    assert months["Yhteensä"] == ["0", "–", "0", "0", "<5", "0", "8"]
    table = report.table("sent_by_month")
    for line in [r.cells for r in table.rows] + [[r.cells[i] for r in table.rows] for i in range(7)]:
        assert sum(cell.hidden for cell in line) != 1


def test_the_employment_area_filter_counts_offerings_serving_its_municipalities(network, send, make_offering):
    tampere = make_offering(org=network.provider_org, title="Tampereen paja", municipalities=["837"])
    for day in range(1, 6):
        send(f"2025-12-{day:02} 09:00")
    for day in range(1, 8):
        send(f"2025-12-{day:02} 10:00", offering=tampere)
    salo_area = frozenset({"284", "480", "734", "761"})  # Salo, Koski Tl, Marttila, Somero
    tampere_area = frozenset({"837", "211"})

    def sent(codes):
        table = referrals_report(ReportFilters(DECEMBER, municipality_codes=codes), Scope(None)).table("summary")
        return _figures(table)["Lähetetyt ohjaukset"]

    assert sent(None) == ["12"]
    assert sent(salo_area) == ["5"]
    assert sent(tampere_area) == ["7"]


def test_a_merged_municipality_counts_in_its_successors_area():
    assert "588" in _with_merged(frozenset({"507"}))  # Pertunmaa → Mäntyharju
    assert _with_merged(None) is None


def test_a_figure_hidden_in_one_table_is_hidden_in_every_table_that_shows_it(network, send, act):
    """One unanswered referral beside 6 accepted and 5 declined: the month row hides the 5 so that 12 − 6 − 5
    cannot tell the one; the declines table, whose total is the same 5, must not show it either."""
    _six_accepted_five_declined(network, send, act)
    send("2025-12-20 09:00")
    report = referrals_report(ReportFilters(DECEMBER), Scope(None))
    assert _figures(report.table("sent_by_month"))["joulu 2025"] == ["<5", "6", "0", "0", "–", "0", "12"]
    declines = _figures(report.table("declines"))
    assert declines["Ei vapaita paikkoja"] == ["–"]
    assert declines["Yhteensä"] == ["–"]
    assert _figures(report.table("summary"))["Lähetetyt ohjaukset"] == ["12"]
