from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Invitation, MemberRole, Membership, User
from marketplace.clock import utcnow
from marketplace.extensions import db
from tests.helpers import PASSWORD, link_in, outbox


@pytest.fixture
def org(make_org):
    return make_org(name="Saimaan Toimintakeskus ry")


@pytest.fixture
def admin(make_user, org):
    return make_user(email="heli@example.fi", name="Heli Ylläpitäjä", org=org, role=MemberRole.ADMIN)


def members_url(org, suffix=""):
    return f"/organisations/{org.uuid}/members{suffix}"


def invite(client, org, email="uusi@example.fi", role="member"):
    return client.post(members_url(org, "/invite"), data={"email": email, "role": role})


def test_members_page_lists_members_and_invite_form(client, login, admin, org, make_user):
    make_user(name="Jussi Jäsen", org=org)
    login(admin)
    page = client.get(members_url(org)).get_data(as_text=True)
    assert "Heli Ylläpitäjä" in page and "Jussi Jäsen" in page and "Kutsu kollega" in page


def test_member_sees_colleagues_but_cannot_manage(client, login, admin, org, make_user):
    member = make_user(org=org)
    login(member)
    page = client.get(members_url(org)).get_data(as_text=True)
    assert "Heli Ylläpitäjä" in page and "Kutsu kollega" not in page
    assert invite(client, org).status_code == 403
    assert db.session.scalar(select(Invitation)) is None


def test_invited_person_creates_account_and_joins(client, login, admin, org):
    login(admin)
    response = invite(client, org, email="Uusi.Kollega@Example.fi")
    assert response.status_code == 302
    [email] = outbox("uusi.kollega@example.fi")
    assert org.name in email.subject and "Heli Ylläpitäjä" in email.body
    link = link_in(email)
    client.post("/logout")

    page = client.get(link).get_data(as_text=True)
    assert "Luo tunnus" in page and "uusi.kollega@example.fi" in page
    response = client.post(link, data={"name": "Uusi Kollega", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302

    user = db.session.scalar(select(User).where(User.email == "uusi.kollega@example.fi"))
    assert [(m.organisation_id, m.role) for m in user.memberships] == [(org.id, MemberRole.MEMBER)]
    assert "Tervetuloa organisaatioon" in client.get("/").get_data(as_text=True)


def test_existing_user_logs_in_and_accepts(client, login, admin, org, make_org, make_user):
    other = make_user(email="monessa@example.fi", org=make_org())
    login(admin)
    invite(client, org, email="monessa@example.fi", role="admin")
    link = link_in(outbox("monessa@example.fi")[0])
    client.post("/logout")

    assert "Kirjaudu sisään, niin voit hyväksyä kutsun" in client.get(link).get_data(as_text=True)
    login(other)
    assert client.post(link).status_code == 302
    db.session.refresh(other)
    assert {m.organisation_id: m.role for m in other.memberships}[org.id] is MemberRole.ADMIN
    assert len(other.memberships) == 2


def test_invitation_for_another_address_is_refused(client, login, admin, org, make_user):
    stranger = make_user(email="joku-muu@example.fi")
    login(admin)
    invite(client, org, email="oikea@example.fi")
    link = link_in(outbox("oikea@example.fi")[0])
    client.post("/logout")
    login(stranger)
    assert "Kutsu on lähetetty osoitteeseen oikea@example.fi" in client.get(link).get_data(as_text=True)
    assert client.post(link).status_code == 403
    assert db.session.scalar(select(Membership).where(Membership.user_id == stranger.id)) is None


def test_expired_invitation_is_refused(client, login, admin, org):
    login(admin)
    invite(client, org)
    link = link_in(outbox("uusi@example.fi")[0])
    invitation = db.session.scalar(select(Invitation))
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client.post("/logout")
    response = client.get(link)
    assert response.status_code == 410 and "Kutsu on vanhentunut" in response.get_data(as_text=True)
    assert client.post(link, data={"name": "X", "password": PASSWORD, "confirm": PASSWORD}).status_code == 410
    assert db.session.scalar(select(User).where(User.email == "uusi@example.fi")) is None


def test_invitation_works_once(client, login, admin, org):
    login(admin)
    invite(client, org)
    link = link_in(outbox("uusi@example.fi")[0])
    client.post("/logout")
    client.post(link, data={"name": "Uusi", "password": PASSWORD, "confirm": PASSWORD})
    client.post("/logout")
    response = client.get(link)
    assert response.status_code == 409 and "jo käytetty" in response.get_data(as_text=True)


def test_unknown_invitation_token_is_404(client):
    assert client.get("/invitations/ei-tallainen").status_code == 404


def test_inviting_again_replaces_the_earlier_link(client, login, admin, org):
    login(admin)
    invite(client, org)
    invite(client, org)
    first, second = (link_in(email) for email in outbox("uusi@example.fi"))
    client.post("/logout")
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_admin_revokes_invitation(client, login, admin, org):
    login(admin)
    invite(client, org)
    invitation = db.session.scalar(select(Invitation))
    assert "uusi@example.fi" in client.get(members_url(org)).get_data(as_text=True)
    assert client.post(f"/organisations/{org.uuid}/invitations/{invitation.id}/revoke").status_code == 302
    client.post("/logout")
    assert client.get(link_in(outbox("uusi@example.fi")[0])).status_code == 410


def test_inviting_an_existing_member_is_refused(client, login, admin, org):
    login(admin)
    response = invite(client, org, email="HELI@example.fi")
    assert response.status_code == 422
    assert "on jo organisaation jäsen" in response.get_data(as_text=True)


def test_invalid_invitation_email_is_explained(client, login, admin, org):
    login(admin)
    response = invite(client, org, email="ei-osoite")
    assert response.status_code == 422 and "Tarkista sähköpostiosoite" in response.get_data(as_text=True)


def test_admin_changes_roles_but_the_last_admin_stays(client, login, admin, org, make_user):
    member = make_user(org=org)
    login(admin)
    own = admin.membership_in(org)
    response = client.post(members_url(org, f"/{own.id}/role"), data={"role": "member"})
    assert response.status_code == 409
    assert "vähintään yksi ylläpitäjä" in response.get_data(as_text=True)

    membership = member.membership_in(org)
    assert client.post(members_url(org, f"/{membership.id}/role"), data={"role": "admin"}).status_code == 302
    assert db.session.get(Membership, membership.id).role is MemberRole.ADMIN
    # With a second admin, the first may step down.
    assert client.post(members_url(org, f"/{own.id}/role"), data={"role": "member"}).status_code == 302
    assert db.session.get(Membership, own.id).role is MemberRole.MEMBER


def test_invalid_role_is_refused(client, login, admin, org, make_user):
    membership = make_user(org=org).membership_in(org)
    login(admin)
    assert client.post(members_url(org, f"/{membership.id}/role"), data={"role": "owner"}).status_code == 422
    assert db.session.get(Membership, membership.id).role is MemberRole.MEMBER


def test_admin_removes_member_and_they_are_told(client, login, admin, org, make_user):
    member = make_user(email="poistuva@example.fi", org=org)
    membership_id = member.membership_in(org).id
    login(admin)
    assert client.post(members_url(org, f"/{membership_id}/remove")).status_code == 302
    assert db.session.get(Membership, membership_id) is None
    assert db.session.get(User, member.id) is not None  # the account stays
    assert org.name in outbox("poistuva@example.fi")[0].subject


def test_last_admin_cannot_remove_themselves(client, login, admin, org):
    login(admin)
    own = admin.membership_in(org)
    response = client.post(members_url(org, f"/{own.id}/remove"))
    assert response.status_code == 409
    assert "ainoaa ylläpitäjää" in response.get_data(as_text=True)
    assert db.session.get(Membership, own.id) is not None


def test_member_may_leave_but_not_remove_others(client, login, admin, org, make_user):
    member = make_user(org=org)
    login(member)
    assert client.post(members_url(org, f"/{admin.membership_in(org).id}/remove")).status_code == 403
    own_id = member.membership_in(org).id
    assert client.post(members_url(org, f"/{own_id}/remove")).status_code == 302
    assert db.session.get(Membership, own_id) is None
