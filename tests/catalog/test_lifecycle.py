"""Publishing, pausing, archiving, duplicating, open places, moderation, and concurrent edits."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.accounts import service as accounts
from marketplace.accounts.models import MemberRole, OrganisationStatus
from marketplace.catalog import service
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.clock import today
from marketplace.extensions import db
from tests.catalog.test_forms import form_data
from tests.helpers import outbox


@pytest.fixture
def org(make_org):
    return make_org(name="Saimaan Toimintakeskus ry")


@pytest.fixture
def member(make_user, org, login):
    user = make_user(email="heli@example.fi", org=org, role=MemberRole.ADMIN)
    login(user)
    return user


def post(client, offering, action, **data):
    return client.post(f"/offerings/{offering.uuid}/{action}", data=data)


def status_of(offering):
    return db.session.get(Offering, offering.id).status


def test_publish_makes_the_offering_public(client, member, org, make_offering):
    offering = make_offering(org=org, status="draft")
    assert client.application.test_client().get(f"/offerings/{offering.uuid}").status_code == 404
    assert post(client, offering, "publish").status_code == 302
    assert status_of(offering) is OfferingStatus.PUBLISHED
    anonymous = client.application.test_client()
    assert anonymous.get(f"/offerings/{offering.uuid}").status_code == 200
    assert offering.title in anonymous.get("/offerings").get_data(as_text=True)


@pytest.mark.parametrize("org_status", ["pending", "suspended"])
def test_unverified_organisation_prepares_drafts_but_cannot_publish(client, login, make_org, make_user, make_offering,
                                                                     org_status):
    organisation = make_org(verified=org_status != "pending")
    if org_status == "suspended":
        accounts.set_organisation_status(organisation, OrganisationStatus.SUSPENDED,
                                         make_user(coordinator=True), "Sopimus päättyi.")
    user = make_user(org=organisation)
    login(user)
    assert client.post(f"/organisations/{organisation.uuid}/offerings/new", data=form_data()).status_code == 302
    offering = db.session.scalar(select(Offering))
    assert offering.status is OfferingStatus.DRAFT
    preview = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)  # why, instead of a failing button
    assert 'id="cannot-publish"' in preview and "/publish" not in preview
    assert ("kun alueen koordinaattori on vahvistanut" if org_status == "pending" else "jäädytetty") in preview

    response = post(client, offering, "publish")  # a stale page, or a hand-made request
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert ("ei ole vielä vahvistettu" if org_status == "pending" else "jäädytetty") in page
    assert status_of(offering) is OfferingStatus.DRAFT


def test_pause_hides_and_republish_shows_again(client, member, org, make_offering):
    offering = make_offering(org=org)
    assert post(client, offering, "pause").status_code == 302
    assert status_of(offering) is OfferingStatus.PAUSED
    assert client.application.test_client().get(f"/offerings/{offering.uuid}").status_code == 404
    # the provider still sees it
    assert "Keskeytetty" in client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert post(client, offering, "publish").status_code == 302
    assert status_of(offering) is OfferingStatus.PUBLISHED


def test_archive_and_restore(client, member, org, make_offering):
    offering = make_offering(org=org)
    assert post(client, offering, "archive").status_code == 302
    dashboard = client.get(f"/organisations/{org.uuid}/offerings").get_data(as_text=True)
    assert offering.title not in dashboard
    assert offering.title in client.get(f"/organisations/{org.uuid}/offerings?archived=1").get_data(as_text=True)
    assert post(client, offering, "restore").status_code == 302
    assert status_of(offering) is OfferingStatus.DRAFT


@pytest.mark.parametrize(
    ("status", "action"),
    [("draft", "pause"), ("draft", "restore"), ("published", "publish"), ("published", "restore"),
     ("paused", "pause"), ("archived", "publish"), ("archived", "pause"), ("archived", "archive")],
)
def test_impossible_status_changes_are_conflicts(client, member, org, make_offering, status, action):
    offering = make_offering(org=org, status=status)
    response = post(client, offering, action)
    assert response.status_code == 409
    assert "tila on jo muuttunut" in response.get_data(as_text=True)
    assert status_of(offering) == status


def test_offering_past_its_funding_cannot_be_published(client, member, org, make_offering):
    offering = make_offering(org=org, status="draft", funding_ends_on=today() - timedelta(days=1))
    response = post(client, offering, "publish")
    assert response.status_code == 422 and "rahoitus on päättynyt" in response.get_data(as_text=True)


def test_duplicate_makes_a_draft_copy(client, member, org, make_offering):
    offering = make_offering(org=org, title="Työkokeilu kierrätyskeskuksessa", municipalities=["837", "790"],
                             capacity_total=4, open_places=1)
    response = post(client, offering, "duplicate")
    assert response.status_code == 302
    copy = db.session.scalar(select(Offering).where(Offering.id != offering.id))
    assert response.headers["Location"] == f"/offerings/{copy.uuid}/edit"
    assert copy.title == "Työkokeilu kierrätyskeskuksessa (kopio)" and copy.status is OfferingStatus.DRAFT
    assert copy.municipality_codes == ["790", "837"] and (copy.capacity_total, copy.open_places) == (4, 1)
    assert copy.uuid != offering.uuid


def test_open_places_in_one_click(client, member, org, make_offering):
    offering = make_offering(org=org, capacity_total=5, open_places=2)
    assert post(client, offering, "places", delta="-1").status_code == 302
    assert db.session.get(Offering, offering.id).open_places == 1
    assert post(client, offering, "places", delta="1").status_code == 302
    assert post(client, offering, "places", open_places="5").status_code == 302
    assert db.session.get(Offering, offering.id).open_places == 5
    page = client.get(f"/organisations/{org.uuid}/offerings", follow_redirects=True).get_data(as_text=True)
    assert 'value="5"' in page


@pytest.mark.parametrize(("data", "message"), [
    ({"open_places": "6"}, "enintään 5"),
    ({"open_places": "-1"}, "ei voi olla negatiivinen"),
    ({"open_places": ""}, "Tämä tieto on pakollinen."),
    ({"delta": "7"}, "Paikkoja voi muuttaa yhdellä kerrallaan."),
])
def test_impossible_open_places_are_refused(client, member, org, make_offering, data, message):
    offering = make_offering(org=org, capacity_total=5, open_places=0)
    response = post(client, offering, "places", **data)
    assert response.status_code == 422
    assert db.session.get(Offering, offering.id).open_places == 0
    page = response.get_data(as_text=True)
    assert message in page


def test_minus_at_zero_is_refused(client, member, org, make_offering):
    offering = make_offering(org=org, capacity_total=5, open_places=0)
    assert post(client, offering, "places", delta="-1").status_code == 422
    assert db.session.get(Offering, offering.id).open_places == 0


def test_coordinator_unpublishes_with_a_reason_the_provider_sees(client, login, org, make_user, make_offering):
    member = make_user(email="jasen@example.fi", org=org)
    offering = make_offering(org=org, by=member)
    login(make_user(coordinator=True))
    response = post(client, offering, "unpublish", reason="")
    assert response.status_code == 422 and "Tämä tieto on pakollinen." in response.get_data(as_text=True)
    assert status_of(offering) is OfferingStatus.PUBLISHED

    assert post(client, offering, "unpublish", reason="Palvelu on päättynyt keväällä.").status_code == 302
    assert status_of(offering) is OfferingStatus.PAUSED
    assert "Palvelu on päättynyt keväällä." in outbox("jasen@example.fi")[0].body
    client.post("/logout")
    login(member)
    assert "Palvelu on päättynyt keväällä." in client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert "Palvelu on päättynyt keväällä." in client.get(f"/organisations/{org.uuid}/offerings").get_data(as_text=True)
    # Fixed and republished, the reason goes away (it stays in the history).
    assert post(client, offering, "publish").status_code == 302
    assert db.session.get(Offering, offering.id).moderation_reason == ""


def test_providers_cannot_unpublish_through_the_coordinator_route(client, member, org, make_offering):
    offering = make_offering(org=org)
    assert post(client, offering, "unpublish", reason="Itse").status_code == 403
    assert status_of(offering) is OfferingStatus.PUBLISHED


def test_an_edit_made_meanwhile_is_not_overwritten(client, member, org, make_offering, make_user):
    offering = make_offering(org=org, title="Alkuperäinen")
    version = offering.version
    colleague = make_user(org=org)
    service.update_offering(offering, service.OfferingData.of(offering), colleague)  # a colleague saves first
    data = service.OfferingData.of(db.session.get(Offering, offering.id))
    data.title = "Kollegan muutos"
    service.update_offering(db.session.get(Offering, offering.id), data, colleague)

    response = client.post(f"/offerings/{offering.uuid}/edit",
                           data=form_data(title="Minun muutokseni", version=version))
    assert response.status_code == 409
    assert "Joku muu on muokannut palvelua sillä välin" in response.get_data(as_text=True)
    assert db.session.get(Offering, offering.id).title == "Kollegan muutos"

