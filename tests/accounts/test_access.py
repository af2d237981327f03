"""Nobody sees or changes another organisation's data: every route of the accounts domain, checked."""

import pytest
from sqlalchemy import func, select

from marketplace.accounts import service
from marketplace.accounts.models import Invitation, MemberRole, Membership, Organisation
from marketplace.extensions import db

PUBLIC_ENDPOINTS = {
    "static", "home.index", "home.accessibility", "api_docs.docs", "accounts.login", "accounts.logout",
    "accounts.register",
    "accounts.forgot_password", "accounts.reset_password", "accounts.invitation", "accounts.registration_sent",
    "accounts.confirm_registration", "accounts.choose_language",
}
DOMAINS = ("static", "home.", "accounts.", "notifications.")  # tests/catalog/test_access.py covers the catalogue
# tokens: tests/referrals/test_access.py  # only ever the logged-in user's own
OWN_ACCOUNT_ENDPOINTS = {"accounts.profile", "accounts.change_password", "accounts.end_all_sessions",
                         "accounts.create_token", "accounts.revoke_token", "notifications.settings"}


@pytest.fixture
def world(make_org, make_user):
    """Two organisations: A's admin is the one who tries; B holds what must stay out of reach."""
    org_a = make_org(name="Organisaatio A")
    org_b = make_org(name="Organisaatio B", verified=False)
    admin_a = make_user(email="admin-a@example.fi", org=org_a, role=MemberRole.ADMIN)
    admin_b = make_user(email="admin-b@example.fi", org=org_b, role=MemberRole.ADMIN)
    member_b = make_user(email="member-b@example.fi", org=org_b)
    invitation_b = service.invite_member(org_b, "kutsuttu-b@example.fi", MemberRole.MEMBER, admin_b)
    return {
        "a": org_a.uuid, "b": org_b.uuid, "admin_a": admin_a, "org_b_id": org_b.id,
        "admin_b_membership": admin_b.membership_in(org_b).id,
        "member_b_membership": member_b.membership_in(org_b).id,
        "invitation_b": invitation_b.id,
    }


# (method, path, data, expected status) for A's admin reaching into B.
CROSS_ORGANISATION = [
    ("GET", "/organisations/{b}/edit", None, 404),
    ("POST", "/organisations/{b}/edit", {"name": "Kaapattu", "kind": "ngo", "business_id": "0204819-8",
                                         "municipality": "Salo", "email": "x@example.fi"}, 404),
    ("GET", "/organisations/{b}/members", None, 404),
    ("POST", "/organisations/{b}/members/invite", {"email": "soluttautuja@example.fi", "role": "admin"}, 404),
    ("POST", "/organisations/{b}/members/{member_b_membership}/role", {"role": "admin"}, 404),
    ("POST", "/organisations/{b}/members/{admin_b_membership}/remove", {}, 404),
    ("POST", "/organisations/{b}/invitations/{invitation_b}/revoke", {}, 404),
    # A's own URL with B's ids
    ("POST", "/organisations/{a}/members/{member_b_membership}/role", {"role": "admin"}, 404),
    ("POST", "/organisations/{a}/members/{admin_b_membership}/remove", {}, 404),
    ("POST", "/organisations/{a}/invitations/{invitation_b}/revoke", {}, 404),
    ("POST", "/organisations/switch", {"organisation": "{b}"}, 404),
    ("GET", "/coordinator/organisations", None, 403),
    ("GET", "/coordinator/organisations/{b}", None, 403),
    ("POST", "/coordinator/organisations/{b}/status", {"status": "verified", "reason": "itse"}, 403),
    ("GET", "/dev/outbox", None, 404),  # not in debug mode: does not exist
]


def snapshot():
    """Everything the attempts could have changed."""
    return (
        db.session.execute(select(Organisation.id, Organisation.name, Organisation.status, Organisation.email)).all(),
        db.session.execute(select(Membership.id, Membership.organisation_id, Membership.role)).all(),
        db.session.execute(select(Invitation.id, Invitation.revoked_at)).all(),
        db.session.scalar(select(func.count()).select_from(Invitation)),
    )


@pytest.mark.parametrize(("method", "path", "data", "status"), CROSS_ORGANISATION)
def test_admin_of_one_organisation_cannot_reach_another(client, login, world, method, path, data, status):
    login(world["admin_a"])
    before = snapshot()
    url = path.format(**world)
    form = {key: value.format(**world) for key, value in (data or {}).items()}
    response = client.open(url, method=method, data=form)
    assert response.status_code == status
    assert snapshot() == before


def test_verified_organisation_page_is_public_but_its_management_is_not(client, login, world, make_org):
    verified_c = make_org(name="Organisaatio C")
    login(world["admin_a"])
    assert client.get(f"/organisations/{verified_c.uuid}").status_code == 200
    for path in ("/edit", "/members"):
        assert client.get(f"/organisations/{verified_c.uuid}{path}").status_code == 403


@pytest.mark.parametrize("method_path", [(m, p) for m, p, _, _ in CROSS_ORGANISATION if "coordinator" not in p]
                         + [("GET", "/account"), ("POST", "/account"), ("GET", "/account/password"),
                            ("POST", "/account/sessions/end-all")])
def test_anonymous_users_are_sent_to_login(client, world, method_path):
    method, path = method_path
    response = client.open(path.format(**world), method=method, data={})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_every_route_is_covered_by_these_checks(app):
    """A new route must be added here, to the public list or to the cross-organisation table."""
    tested = {app.url_map.bind("localhost").match(path.split("?")[0].replace("{a}", "x").replace("{b}", "x")
                                                  .replace("{member_b_membership}", "1")
                                                  .replace("{admin_b_membership}", "1")
                                                  .replace("{invitation_b}", "1"), method=method)[0]
              for method, path, _, _ in CROSS_ORGANISATION}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith(DOMAINS)}
    assert endpoints - tested - PUBLIC_ENDPOINTS - OWN_ACCOUNT_ENDPOINTS == set()
