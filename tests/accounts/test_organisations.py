"""Coordinator verification, the verification gate, and the organisation's own page and profile."""

import re

import pytest
from sqlalchemy import select

from marketplace.accounts import service
from marketplace.accounts.models import (
    MemberRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    OrganisationStatusChange,
)
from marketplace.errors import Conflict, NotPermitted
from marketplace.extensions import db
from tests.helpers import outbox


@pytest.fixture
def coordinator(make_user):
    return make_user(email="koordinaattori@example.fi", name="Kaisa Koordinaattori", coordinator=True)


@pytest.fixture
def pending(make_org):
    return make_org(name="Vammalan Työnhakijat ry", verified=False)


@pytest.fixture
def pending_admin(make_user, pending):
    return make_user(email="eeva@example.fi", org=pending, role=MemberRole.ADMIN)


def set_status(client, org, status, reason=""):
    return client.post(f"/coordinator/organisations/{org.uuid}/status", data={"status": status, "reason": reason})


def test_coordinator_lists_organisations_by_status(client, login, coordinator, pending, make_org):
    verified = make_org(name="Vahvistettu Paja ry")
    login(coordinator)
    page = client.get("/coordinator/organisations").get_data(as_text=True)  # pending by default
    assert pending.name in page and verified.name not in page
    assert "Odottaa vahvistusta (1)" in page and "Vahvistettu (1)" in page
    page = client.get("/coordinator/organisations?status=verified").get_data(as_text=True)
    assert verified.name in page and pending.name not in page
    page = client.get("/coordinator/organisations?status=all").get_data(as_text=True)
    assert verified.name in page and pending.name in page
    assert "1 organisaatio odottaa vahvistusta" in client.get("/").get_data(as_text=True)


def test_coordinator_verifies_and_admins_are_told(client, login, coordinator, pending, pending_admin):
    login(coordinator)
    assert pending.name in client.get(f"/coordinator/organisations/{pending.uuid}").get_data(as_text=True)
    response = set_status(client, pending, "verified", "Tarkistettu YTJ:stä.")
    assert response.status_code == 302
    organisation = db.session.get(Organisation, pending.id)
    assert organisation.status is OrganisationStatus.VERIFIED
    change = organisation.status_changes[0]
    assert (change.from_status, change.to_status, change.changed_by_id, change.reason) == (
        OrganisationStatus.PENDING, OrganisationStatus.VERIFIED, coordinator.id, "Tarkistettu YTJ:stä."
    )
    [email] = outbox("eeva@example.fi")
    assert "vahvistettu" in email.subject and "Tarkistettu YTJ:stä." in email.body


def test_suspension_needs_a_reason_that_is_kept_and_sent(client, login, coordinator, make_org, make_user):
    organisation = make_org()
    make_user(email="admin@example.fi", org=organisation, role=MemberRole.ADMIN)
    make_user(email="jasen@example.fi", org=organisation)
    login(coordinator)

    response = set_status(client, organisation, "suspended", "   ")
    assert response.status_code == 422
    assert "Kerro jäädyttämisen syy" in response.get_data(as_text=True)
    assert db.session.get(Organisation, organisation.id).status is OrganisationStatus.VERIFIED

    assert set_status(client, organisation, "suspended", "Toiminta päättynyt.").status_code == 302
    assert db.session.get(Organisation, organisation.id).status is OrganisationStatus.SUSPENDED
    assert "Toiminta päättynyt." in outbox("admin@example.fi")[0].body
    assert outbox("jasen@example.fi") == []  # admins are told, not every member
    history = client.get(f"/coordinator/organisations/{organisation.uuid}").get_data(as_text=True)
    assert "Toiminta päättynyt." in history and "Kaisa Koordinaattori" in history

    assert set_status(client, organisation, "verified", "Uusi sopimus.").status_code == 302  # reinstated
    assert len(db.session.scalars(select(OrganisationStatusChange).where(
        OrganisationStatusChange.organisation_id == organisation.id)).all()) == 3


def test_repeating_a_status_change_is_a_conflict(client, login, coordinator, make_org):
    organisation = make_org()
    login(coordinator)
    response = set_status(client, organisation, "verified")
    assert response.status_code == 409
    assert "tila on jo muuttunut" in response.get_data(as_text=True)


def test_unknown_status_is_refused(client, login, coordinator, pending):
    login(coordinator)
    assert set_status(client, pending, "deleted").status_code == 422
    assert db.session.get(Organisation, pending.id).status is OrganisationStatus.PENDING


@pytest.mark.parametrize("path", ["/coordinator/organisations", "/coordinator/organisations/{uuid}"])
def test_coordinator_pages_are_for_coordinators_only(client, login, pending_admin, pending, path):
    login(pending_admin)
    assert client.get(path.format(uuid=pending.uuid)).status_code == 403


def test_non_coordinator_cannot_verify_their_own_organisation(client, login, pending_admin, pending):
    login(pending_admin)
    assert set_status(client, pending, "verified").status_code == 403
    assert db.session.get(Organisation, pending.id).status is OrganisationStatus.PENDING
    with pytest.raises(NotPermitted):
        service.set_organisation_status(pending, OrganisationStatus.VERIFIED, pending_admin)


def test_only_verified_organisations_may_operate(make_org, coordinator):
    service.require_verified(make_org())  # verified: no error
    pending = make_org(verified=False)
    with pytest.raises(NotPermitted, match="ei ole vielä vahvistettu"):
        service.require_verified(pending)
    suspended = make_org()
    service.set_organisation_status(suspended, OrganisationStatus.SUSPENDED, coordinator, "Syy")
    with pytest.raises(NotPermitted, match="jäädytetty"):
        service.require_verified(suspended)
    with pytest.raises(Conflict):
        service.set_organisation_status(suspended, OrganisationStatus.SUSPENDED, coordinator, "Uudestaan")


def test_pending_organisation_sees_why_and_can_edit_its_profile(client, login, pending_admin, pending):
    login(pending_admin)
    assert "odottaa vahvistusta" in client.get("/").get_data(as_text=True)
    response = client.post(
        f"/organisations/{pending.uuid}/edit",
        data={"name": "Vammalan Seudun Työnhakijat ry", "kind": "ngo", "business_id": pending.business_id,
              "municipality": "Sastamala", "email": "uusi@example.fi", "website": "", "description": "Vertaistukea."},
    )
    assert response.status_code == 302
    organisation = db.session.get(Organisation, pending.id)
    assert (organisation.name, organisation.email, organisation.municipality_code) == (
        "Vammalan Seudun Työnhakijat ry", "uusi@example.fi", "790")


def test_suspended_organisation_sees_the_reason(client, login, make_org, make_user, coordinator):
    organisation = make_org()
    admin = make_user(org=organisation, role=MemberRole.ADMIN)
    service.set_organisation_status(organisation, OrganisationStatus.SUSPENDED, coordinator, "Sopimus päättyi.")
    login(admin)
    page = client.get("/").get_data(as_text=True)
    assert "on jäädytetty" in page and "Sopimus päättyi." in page


def test_edit_form_is_prefilled_and_validates(client, login, make_org, make_user):
    organisation = make_org(name="Kylätalo ry", municipality_code="619")
    admin = make_user(org=organisation, role=MemberRole.ADMIN)
    login(admin)
    page = client.get(f"/organisations/{organisation.uuid}/edit").get_data(as_text=True)
    assert 'value="Kylätalo ry"' in page and 'value="Punkalaidun"' in page and "readonly" in page
    response = client.post(f"/organisations/{organisation.uuid}/edit", data={"name": "", "kind": "ngo",
                           "business_id": organisation.business_id, "municipality": "Punkalaidun",
                           "email": "a@example.fi"})
    assert response.status_code == 422 and "Tämä tieto on pakollinen." in response.get_data(as_text=True)


def test_verified_business_id_cannot_be_changed(client, login, make_org, make_user):
    organisation = make_org()
    admin = make_user(org=organisation, role=MemberRole.ADMIN)
    login(admin)
    response = client.post(f"/organisations/{organisation.uuid}/edit", data={
        "name": organisation.name, "kind": "ngo", "business_id": "0204819-8", "municipality": "Salo",
        "email": "a@example.fi"})
    assert response.status_code == 422
    assert "Y-tunnusta ei voi muuttaa" in response.get_data(as_text=True)
    assert db.session.get(Organisation, organisation.id).business_id != "0204819-8"


def test_member_who_is_not_admin_cannot_edit(client, login, make_org, make_user):
    organisation = make_org()
    login(make_user(org=organisation))
    assert client.get(f"/organisations/{organisation.uuid}/edit").status_code == 403


@pytest.mark.parametrize(
    ("status", "anonymous", "member"),
    [("verified", 200, 200), ("pending", 404, 200), ("suspended", 404, 200)],
)
def test_organisation_page_is_public_only_when_verified(client, login, make_org, make_user, coordinator, status,
                                                        anonymous, member):
    organisation = make_org(name="Näkyvyys ry", verified=status != "pending")
    user = make_user(org=organisation)
    if status == "suspended":
        service.set_organisation_status(organisation, OrganisationStatus.SUSPENDED, coordinator, "Syy")
    assert client.get(f"/organisations/{organisation.uuid}").status_code == anonymous
    login(user)
    response = client.get(f"/organisations/{organisation.uuid}")
    assert response.status_code == member and "Näkyvyys ry" in response.get_data(as_text=True)


def test_unknown_and_malformed_organisation_ids_are_404(client):
    assert client.get("/organisations/00000000-0000-0000-0000-000000000000").status_code == 404
    response = client.get("/organisations/ei-uuid")
    assert response.status_code == 404 and "Organisaatiota ei löytynyt" in response.get_data(as_text=True)


def test_coordinator_sees_other_units_with_the_same_business_id(client, login, coordinator, make_org):
    city = make_org(name="Salon työllisyyspalvelut", business_id="0204819-8", kind=OrganisationKind.EMPLOYMENT_SERVICES)
    workshop = make_org(name="Salon työpaja", business_id="0204819-8", verified=False)
    login(coordinator)
    page = client.get(f"/coordinator/organisations/{workshop.uuid}").get_data(as_text=True)
    assert "Samalla Y-tunnuksella" in page and city.name in page


def test_the_coordinators_list_sorts_by_any_column(client, login, make_org, make_user):
    for name in ("Bertan ry", "aamun ry", "Cedar Oy"):
        make_org(name=name)
    login(make_user(coordinator=True))

    def order(query: str) -> list[str]:
        page = client.get(f"/coordinator/organisations?status=all&{query}").get_data(as_text=True)
        return re.findall(r'<a href="/coordinator/organisations/[^"]+">([^<]+)</a>', page)

    assert order("sort=name") == ["aamun ry", "Bertan ry", "Cedar Oy"]
    assert order("sort=-name") == ["Cedar Oy", "Bertan ry", "aamun ry"]
    assert order("")[:1] == ["Cedar Oy"]  # newest first, as before
    for key in ("kind", "business_id", "status", "registered", "-registered"):
        assert client.get(f"/coordinator/organisations?status=all&sort={key}").status_code == 200
