"""Saved searches: save what the results page shows, hear of new offerings and reopened places, unsubscribe."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from marketplace.catalog import service as catalog
from marketplace.catalog.models import OfferingStatus
from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.notifications import preferences
from marketplace.notifications.models import Delivery, DigestItem, NotificationKind
from marketplace.search import indexer, saved
from marketplace.search.models import AlertFrequency, SavedSearch
from tests.helpers import at_once, link_in, meet_at, outbox


def run_alerts(now=None) -> int:
    indexer.sync()
    return saved.send_saved_search_alerts(now)


def alerts_to(user):
    return [email for email in outbox(user.email) if email.template == "search/email/saved_search.txt"]


@pytest.fixture
def workshop(network, make_offering):
    """The network's provider with a full woodwork offering besides the open one."""
    full = make_offering(org=network.provider_org, by=network.provider_admin, title="Puusepän verstas",
                         summary="Puutöitä ja huonekalujen korjausta.", capacity_total=4, open_places=0)
    indexer.sync()
    return full


@pytest.fixture
def weekly(network, workshop):
    indexer.sync()
    return saved.save_search(network.coach, "Puutyöt Salossa", MultiDict({"q": "puutyö", "page": "3"}),
                             "immediately")


def test_saving_from_the_results_page_keeps_the_search_not_its_page(client, login, network, workshop):
    login(network.coach)
    page = client.get("/search?q=puutyö&municipality=734&page=1&sort=newest").get_data(as_text=True)
    assert "Tallenna haku" in page
    response = client.post("/saved-searches", data={"q": "puutyö", "municipality": "734", "page": "1",
                                                   "sort": "newest", "name": "", "frequency": "weekly"})
    assert response.headers["Location"] == "/saved-searches"
    [made] = db.session.scalars(select(SavedSearch)).all()
    assert (made.name, made.query_string, made.frequency) == ("puutyö", "q=puuty%C3%B6&municipality=734",
                                                             AlertFrequency.WEEKLY)
    listing = client.get("/saved-searches").get_data(as_text=True)
    assert "puutyö" in listing and f"/search?{made.query_string}".replace("&", "&amp;") in listing
    results = client.get(f"/search?{made.query_string}").get_data(as_text=True)
    assert "Puusepän verstas" in results


def test_the_alert_lists_exactly_the_new_and_the_reopened(network, make_offering, workshop, weekly):
    assert run_alerts() == 0  # what it found when saved is known already
    bench = make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö ja penkit",
                          summary="Puutyö ulkona.")
    boat = make_offering(org=network.provider_org, by=network.provider_admin, title="Veneiden puutyö",
                         summary="Puutyö veneveistämöllä.")
    make_offering(org=network.provider_org, by=network.provider_admin, title="Kahvila", summary="Asiakaspalvelua.",
                  offering_type="coaching")
    make_offering(org=network.provider_org, by=network.provider_admin, title="Luonnos: puutyö",
                  summary="Puutyö, ei vielä julki.", status=OfferingStatus.DRAFT)
    catalog.set_open_places(workshop, 2, network.provider_admin)
    assert run_alerts() == 1
    [email] = alerts_to(network.coach)
    body = email.body
    assert "Puutyöt Salossa" in email.subject
    for shown in ("Puutyö ja penkit", "Veneiden puutyö", "Puusepän verstas", str(bench.uuid), str(boat.uuid)):
        assert shown in body
    assert "Kahvila" not in body and "Luonnos" not in body and "Puutyöpaja" not in body  # not new, not matching
    assert body.index("Paikkoja vapautunut") < body.index("Puusepän verstas")
    assert run_alerts() == 0  # told once


def test_weekly_waits_a_week_and_off_sends_nothing(network, make_offering, weekly):
    saved.set_frequency(str(weekly.uuid), "weekly", network.coach)
    make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö uusi", summary="Puutyö.")
    assert run_alerts() == 0
    assert run_alerts(utcnow() + timedelta(days=7, minutes=1)) == 1
    saved.set_frequency(str(weekly.uuid), "off", network.coach)
    make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö toinen", summary="Puutyö.")
    assert run_alerts(utcnow() + timedelta(days=30)) == 0


def test_one_click_unsubscribes_without_login_and_can_be_undone(client, network, make_offering, weekly):
    make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö uusi", summary="Puutyö.")
    run_alerts()
    [email] = alerts_to(network.coach)
    path = [line for line in email.body.splitlines() if "/unsubscribe/" in line][0].replace(
        "https://kumppanitori.test", "")
    page = client.get(path)
    assert page.status_code == 200 and "Et saa enää sähköpostia tästä hausta" in page.get_data(as_text=True)
    db.session.refresh(weekly)
    assert weekly.frequency is AlertFrequency.OFF
    assert client.get(path).status_code == 200  # a second click changes nothing
    undone = client.post(path, data={"frequency": "immediately"})
    assert "Saat taas tiedon" in undone.get_data(as_text=True)
    db.session.refresh(weekly)
    assert weekly.frequency is AlertFrequency.IMMEDIATELY
    assert client.get(path[:-3] + "xyz").status_code == 404
    assert link_in(email).startswith("/offerings/")


def test_the_users_notification_setting_decides_how_the_alert_arrives(network, make_offering, weekly):
    preferences.save_settings(network.coach, {NotificationKind.SAVED_SEARCH: Delivery.DIGEST})
    make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö uusi", summary="Puutyö.")
    assert run_alerts() == 1
    assert not alerts_to(network.coach)
    [item] = db.session.scalars(select(DigestItem)).all()
    assert item.kind is NotificationKind.SAVED_SEARCH and "/search?" in item.link


def test_two_hosts_at_once_send_one_alert(app, network, make_offering, weekly, monkeypatch):
    make_offering(org=network.provider_org, by=network.provider_admin, title="Puutyö uusi", summary="Puutyö.")
    indexer.sync()
    meet_at(monkeypatch, saved, "_due", 2)  # both have read the due searches before either claims
    results = at_once(saved.send_saved_search_alerts, saved.send_saved_search_alerts)
    assert sorted(results) == [0, 1]
    assert len(alerts_to(network.coach)) == 1


ROUTES = [("GET", "/saved-searches", None), ("POST", "/saved-searches", {"q": "x", "frequency": "weekly"}),
          ("POST", "/saved-searches/{uuid}/frequency", {"frequency": "off"}),
          ("POST", "/saved-searches/{uuid}/delete", {})]


@pytest.mark.parametrize(("method", "path", "data"), ROUTES[2:])
def test_another_coachs_saved_search_does_not_exist_for_them(client, login, network, weekly, method, path, data):
    login(network.other_coach)
    response = client.open(path.format(uuid=weekly.uuid), method=method, data=data)
    assert response.status_code == 404
    db.session.refresh(weekly)
    assert weekly.frequency is AlertFrequency.IMMEDIATELY


@pytest.mark.parametrize(("method", "path", "data"), ROUTES)
def test_anonymous_visitors_are_sent_to_login(client, weekly, method, path, data):
    response = client.open(path.format(uuid=weekly.uuid), method=method, data=data)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


# Covered here (tests/catalog/test_access.py checks every other search route)
SAVED_SEARCH_ENDPOINTS = {"search.saved_searches", "search.save_search", "search.saved_search_frequency",
                          "search.delete_saved_search", "search.unsubscribe"}


def test_every_saved_search_route_is_covered(app):
    adapter = app.url_map.bind("localhost")
    tested = {adapter.match(path.format(uuid="x"), method=method)[0] for method, path, _ in ROUTES}
    tested |= {"search.unsubscribe"}  # public: the signed link, tested above
    assert tested == SAVED_SEARCH_ENDPOINTS
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/saved-searches")}
    assert endpoints == SAVED_SEARCH_ENDPOINTS


def test_searches_are_not_run_again_while_nothing_changes(network, weekly, monkeypatch):
    from marketplace.search.models import SearchChange

    runs = []
    monkeypatch.setattr(saved, "matching_offerings", lambda s: runs.append(s.id) or [])
    first, second = utcnow() + timedelta(hours=1), utcnow() + timedelta(hours=2)
    run_alerts(first)  # changes near the time it was saved: looked at
    run_alerts(second)  # nothing since: not searched again
    assert runs == [weekly.id]
    network.offering.summary = "Puutyö ja uusi kuvaus."
    db.session.commit()
    db.session.execute(SearchChange.__table__.update().where(SearchChange.created_at > utcnow() - timedelta(
        seconds=5)).values(created_at=second + timedelta(minutes=1)))
    db.session.commit()
    run_alerts(second + timedelta(minutes=2))
    assert runs == [weekly.id, weekly.id]


def test_a_refused_save_says_why(client, login, network):
    login(network.coach)
    response = client.post("/saved-searches", data={"q": "puutyö", "frequency": "joskus"})
    assert response.status_code == 302
    assert "flash-error" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(SavedSearch)) is None
