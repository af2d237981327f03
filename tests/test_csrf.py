"""CSRF protection: every POST form carries a token, and every POST route refuses a request without one."""

import re

import pytest

from marketplace.accounts import service
from marketplace.accounts.models import MemberRole
from tests.helpers import PASSWORD, link_in, outbox


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def world(make_org, make_user, make_offering):
    from marketplace.accounts.models import OrganisationKind
    from marketplace.accounts.service import create_token
    from marketplace.referrals import service as referrals
    from tests.referral_fixtures import referral_data

    coach_org = make_org(name="Työllisyyspalvelut", kind=OrganisationKind.EMPLOYMENT_SERVICES)
    org = make_org(name="Lomakeyhdistys ry")
    admin = make_user(email="admin@example.fi", org=org, role=MemberRole.ADMIN, coordinator=True)
    offering = make_offering(org=org)
    member = make_user(email="jasen@example.fi", org=org)
    invitation = service.invite_member(org, "kutsuttu@example.fi", MemberRole.MEMBER, admin)
    service.request_password_reset("jasen@example.fi")
    service.add_member(coach_org, admin, MemberRole.MEMBER)
    referral, _ = referrals.create_referral(offering, referral_data(), admin, coach_org)
    token, _plain = create_token(admin, org, "Järjestelmä")
    return {
        "referral_uuid": referral.uuid,
        "status_token": referral.status_token,
        ("referrals.act", "action"): "accept",
        "token_id": token.id,
        # CSRF is checked before the view runs, so these need not exist
        "unit_id": 1, "offering_unit_id": 1, "record_uuid": "x", "record_unit_id": 1,
        "shortlist_uuid": "x", "item_id": 1, "saved_uuid": "x", ("coaching.item", "operation"): "note",
        ("coaching.manage", "operation"): "share",
        "referral_id": referral.uuid,
        "organisation_uuid": org.uuid,
        "group_uuid": "00000000-0000-0000-0000-000000000000",
        "membership_id": member.membership_in(org).id,
        "invitation_id": invitation.id,
        "token": "x",
        "offering_uuid": offering.uuid,
        "action": "pause",
        "admin": admin,
        "invitation_link": link_in(outbox("kutsuttu@example.fi")[0]),
        "reset_link": link_in(outbox("jasen@example.fi")[0]),
    }


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login_with_form(client, email="admin@example.fi"):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_every_post_route_refuses_a_request_without_token(app, client, world):
    login_with_form(client)
    post_rules = [rule for rule in app.url_map.iter_rules()
                  if "POST" in rule.methods and not rule.rule.startswith("/api/")]  # the API takes no cookies
    assert len(post_rules) >= 20
    for rule in post_rules:
        url = app.url_map.bind("localhost").build(
            rule.endpoint, {arg: world.get((rule.endpoint, arg), world.get(arg)) for arg in rule.arguments})
        response = client.post(url, data={"email": "x@example.fi"})
        assert response.status_code == 400, url
        assert "Lomakkeen tarkiste puuttui tai vanheni" in response.get_data(as_text=True), url


def test_wrong_token_is_refused(client, world):
    response = client.post("/login", data={"email": "admin@example.fi", "password": PASSWORD, "csrf_token": "väärä"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/login", "/register", "/password/forgot", "{reset_link}", "/account", "/account/password",
     "/organisations/{organisation_uuid}/edit", "/organisations/{organisation_uuid}/members",
     "/coordinator/organisations/{organisation_uuid}", "{invitation_link}",
     "/organisations/{organisation_uuid}/offerings", "/organisations/{organisation_uuid}/offerings/new",
     "/offerings/{offering_uuid}", "/offerings/{offering_uuid}/edit", "/referrals/{referral_uuid}",
     "/coordinator/qualifications", "/shortlists", "/account/notifications", "/status/{status_token}"],
)
def test_every_form_carries_a_token(client, world, path):
    if path not in ("/login", "/register", "/password/forgot", "{reset_link}", "{invitation_link}"):
        login_with_form(client)
    page = client.get(path.format(**world)).get_data(as_text=True)
    forms = re.findall(r'<form[^>]*method="post".*?</form>', page, re.S)
    assert forms, path
    for form in forms:
        assert re.search(r'name="csrf_token" value="[^"]{20,}"', form), form


def test_forms_work_with_their_token(client, world):
    login_with_form(client)
    page = client.get("/account").get_data(as_text=True)
    response = client.post("/account",
                           data={"name": "Uusi Nimi", "title": "", "phone": "", "csrf_token": csrf_token(page)})
    assert response.status_code == 302


def test_the_api_needs_a_token_not_a_csrf_token(client, world):
    """A logged-in browser cannot post to the API (no cookie authentication), so CSRF cannot reach it."""
    login_with_form(client)
    response = client.post(f"/api/v1/referrals/{world['referral_uuid']}/messages", json={"body": "Hei"})
    assert response.status_code == 401
