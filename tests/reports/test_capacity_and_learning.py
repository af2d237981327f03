"""Capacity (today's places, full, stale, ending, coverage), learning and unmet-search reports."""

from datetime import timedelta

import pytest

from marketplace.accounts.models import MemberRole, OrganisationKind
from marketplace.catalog.models import OfferingChange
from marketplace.clock import today, utcnow
from marketplace.extensions import db
from marketplace.learning import service as learning
from marketplace.referrals import service as referrals
from marketplace.reports.periods import default_period
from marketplace.reports.permissions import Scope
from marketplace.reports.service import ReportFilters, capacity_report, learning_report, searches_report
from marketplace.search.demand import normalise_query, record_unmet_search
from marketplace.search.models import SearchDemand
from tests.helpers import at_once
from tests.learning.conftest import School, confirm_all, fill, import_sample


def _rows(table) -> dict[str, list[str]]:
    return {row.label: [cell.text.replace("\xa0", " ") for cell in row.cells] for row in table.rows}


def test_open_places_by_type_and_municipality_are_today_s(network, make_offering):
    make_offering(org=network.provider_org, title="Työkokeilu Salossa", offering_type="work_trial",
                  capacity_total=4, open_places=3, municipalities=["734", "284"])
    make_offering(org=network.provider_org, title="Luonnos", offering_type="work_trial", open_places=9,
                  status="draft")
    report = capacity_report(ReportFilters(default_period()), Scope(None), None)
    by_type = _rows(report.table("open_by_type"))
    assert by_type["Työkokeilu"] == ["1", "3", "0"]  # the draft does not count; places are not people
    assert by_type["Työpajatoiminta"] == ["1", "2", "0"]  # the network's Puutyöpaja: 2 open places
    by_municipality = _rows(report.table("open_by_municipality"))
    assert by_municipality["Koski Tl"] == ["3", "0"]
    assert by_municipality["Salo"] == ["3", "2"]


def test_full_stale_and_ending_offerings_are_listed(network, make_offering):
    full = make_offering(org=network.provider_org, title="Täysi paja", capacity_total=5, open_places=0)
    full.created_at = utcnow() - timedelta(weeks=6)
    recently_full = make_offering(org=network.provider_org, title="Juuri täyttynyt", capacity_total=5,
                                  open_places=0)
    recently_full.created_at = utcnow() - timedelta(weeks=8)
    db.session.add(OfferingChange(offering=recently_full, field="open_places", old_value="1", new_value="0",
                                  changed_at=utcnow() - timedelta(days=3)))
    stale = make_offering(org=network.provider_org, title="Vanha tieto")
    stale.confirmed_at = utcnow() - timedelta(days=200)
    make_offering(org=network.provider_org, title="Hanke päättyy", funding_source="esr_plus",
                  funding_ends_on=today() + timedelta(days=40))
    make_offering(org=network.provider_org, title="Hanke jatkuu", funding_source="esr_plus",
                  funding_ends_on=today() + timedelta(days=200))
    db.session.commit()
    report = capacity_report(ReportFilters(default_period()), Scope(None), None)
    assert list(_rows(report.table("full"))) == ["Täysi paja"]
    assert list(_rows(report.table("stale"))) == ["Vanha tieto"]
    assert list(_rows(report.table("funding"))) == ["Hanke päättyy"]


def test_coverage_shows_the_municipalities_of_an_area_without_an_offering_of_a_type(network):
    salo_area = frozenset({"284", "480", "734", "761"})
    report = capacity_report(ReportFilters(default_period(), municipality_codes=salo_area), Scope(None), salo_area)
    coverage = report.table("coverage")
    workshop = coverage.columns.index("Työpajatoiminta") - 1
    by_municipality = {row.label: row.cells[workshop].text for row in coverage.rows}
    assert by_municipality == {"Koski Tl": "0", "Marttila": "0", "Salo": "1", "Somero": "0"}
    overall = capacity_report(ReportFilters(default_period()), Scope(None), None).table("coverage")
    salo = next(row for row in overall.rows if row.label == "Salo")
    assert salo.cells[workshop].text == "3"  # three of the Salo area's four municipalities lack a workshop


def test_a_provider_s_capacity_report_is_its_own_offerings(network, make_offering):
    make_offering(org=network.other_provider.memberships[0].organisation, title="Muu", open_places=7)
    own = capacity_report(ReportFilters(default_period()), Scope(network.provider_org), None)
    assert _rows(own.table("open_by_type"))["Työpajatoiminta"] == ["1", "2", "0"]


@pytest.fixture
def recognised(network, make_referral, schools_pair):
    """Six referrals whose learning records the school confirmed."""
    qualification = import_sample()
    school = schools_pair
    records = []
    for n in range(6):
        referral = make_referral(jobseeker_name=f"Oppija {n}")
        referrals.transition(referral, "accept", network.provider_member,
                             referrals.TransitionDetails(start_on=today(), confirm_full=True))
        record = learning.open_record(referral, qualification, network.provider_member, school.organisation)
        fill(record, network.provider_member, school.organisation)
        learning.submit_record(record, network.provider_member)
        confirm_all(record, school.teacher)
        records.append(record)
    return records


@pytest.fixture
def schools_pair(make_org, make_user):
    org = make_org(name="Koulutuskeskus Pirkanportti", kind=OrganisationKind.EDUCATION_PROVIDER)
    return School(org, make_user(email="opettaja@pirkanportti.fi", org=org, role=MemberRole.ADMIN))


def test_learning_report_counts_records_points_and_units(recognised, network, schools_pair):
    report = learning_report(ReportFilters(default_period()), Scope(None))
    by_school = _rows(report.table("by_school"))
    assert by_school["Koulutuskeskus Pirkanportti"] == ["6", "0", "6", "0"]
    points = _rows(report.table("points"))
    unit_points = recognised[0].units[0].unit.points
    assert points["Koulutuskeskus Pirkanportti"] == ["6", str(6 * unit_points), "6"]
    units = _rows(report.table("units"))
    assert list(units.values())[0][-1] == "6"
    school_view = learning_report(ReportFilters(default_period()), Scope(schools_pair.organisation))
    assert "Koulutuskeskus Pirkanportti" in _rows(school_view.table("by_school"))


@pytest.mark.parametrize(("typed", "stored"), [
    ("Työkokeilu  Salossa!", "työkokeilu salossa"),
    ("Matti 010190-123A työpaja", "matti työpaja"),  # a henkilötunnus is dropped
    ("soita 040 123 4567", "soita"),
    ("matti.m@example.fi ompelu", "ompelu"),
    ("12345", ""),
])
def test_unmet_searches_keep_words_without_digits(typed, stored):
    assert normalise_query(typed) == stored


def test_unmet_searches_are_counted_per_month_and_shown_from_five(app):
    for _ in range(5):
        record_unmet_search("Kitaransoitto nuorille", total=0, full_matches=0, broadened=False)
    for _ in range(4):
        record_unmet_search("harvinainen haku", total=0, full_matches=0, broadened=False)
    record_unmet_search("työpaja", total=3, full_matches=3, broadened=False)  # found: not counted
    rows = db.session.scalars(db.select(SearchDemand).order_by(SearchDemand.query)).all()
    assert [(r.query, r.count) for r in rows] == [("harvinainen haku", 4), ("kitaransoitto nuorille", 5)]
    table = searches_report(ReportFilters(default_period())).tables[0]
    assert list(_rows(table)) == ["kitaransoitto nuorille"]
    assert _rows(table)["kitaransoitto nuorille"][-1] == "5"


def test_a_search_page_that_finds_nothing_is_counted(client):
    assert client.get("/search?q=avaruuslentäjä").status_code == 200
    assert client.get("/search?q=avaruuslentäjä&page=2").status_code == 200  # paging is not a new search
    assert db.session.scalar(db.select(SearchDemand.count)) == 1


def test_two_workers_counting_the_same_search_at_once_both_count(app):
    results = at_once(*[lambda: record_unmet_search("sirkuskoulu", total=0, full_matches=0, broadened=False)] * 2)
    assert results == [None, None]
    assert db.session.scalar(db.select(SearchDemand.count)) == 2
