"""The audit trail: each security-relevant event leaves one row; coordinators see the network, admins their own."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from marketplace.accounts import service as accounts
from marketplace.accounts.models import MemberRole, OrganisationStatus
from marketplace.audit.models import AuditEvent, AuditKind
from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.referrals import service as referrals
from tests.helpers import PASSWORD, link_in, outbox

SHIPPED_QUALIFICATIONS = Path(__file__).resolve().parents[2] / "marketplace" / "reference" / "qualifications.json"


def events(kind: AuditKind | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if kind is not None:
        query = query.where(AuditEvent.kind == kind)
    return list(db.session.scalars(query))


def table(page) -> str:
    """The events table of an audit page (the filter's list of kinds names them all)."""
    html = page.get_data(as_text=True)
    return html[html.index("<tbody>"):] if "<tbody>" in html else ""


def the_event(kind: AuditKind) -> AuditEvent:
    found = events(kind)
    assert len(found) == 1, [event.kind for event in events()]
    return found[0]


@pytest.fixture
def coordinator(make_user):
    return make_user(email="koordinaattori@example.fi", coordinator=True)


def test_logins_failures_and_limits_are_recorded_with_the_address(app, client, network):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    assert browser.post("/login", data={"email": "coach@salo.fi", "password": PASSWORD}).status_code == 302
    login = the_event(AuditKind.LOGIN)
    assert (login.user_id, login.ip_address) == (network.coach.id, "203.0.113.9")
    browser.post("/logout")
    for _ in range(7):
        browser.post("/login", data={"email": "coach@salo.fi", "password": "väärin-väärin-väärin"})
    browser.post("/login", data={"email": "ei-tilia@example.fi", "password": "väärin-väärin-väärin"})
    failures = events(AuditKind.LOGIN_FAILED)
    # five guesses, then limited (no more guesses tried); a stranger's address is one more failure, unnamed
    assert [event.user_id for event in failures] == [network.coach.id] * 5 + [None]
    limited = the_event(AuditKind.LOGIN_LIMITED)  # once per window, not once per refused request
    assert limited.user_id == network.coach.id and "15 minute" in limited.detail


def test_an_unknown_address_is_not_kept(client):
    client.post("/login", data={"email": "salaisuus@example.fi", "password": "väärin-väärin-väärin"})
    failure = the_event(AuditKind.LOGIN_FAILED)
    assert failure.user_id is None and "salaisuus" not in failure.detail


def test_password_events(app, client, login, network):
    client.post("/password/forgot", data={"email": "coach@salo.fi"})
    assert the_event(AuditKind.PASSWORD_RESET_REQUESTED).user_id == network.coach.id
    new = "uusi-pitkä-salasana-2026"
    client.post(link_in(outbox("coach@salo.fi")[-1]), data={"password": new, "confirm": new})
    assert the_event(AuditKind.PASSWORD_RESET).user_id == network.coach.id
    login(network.coach, password=new)
    client.post("/account/password", data={"current_password": new, "password": PASSWORD, "confirm": PASSWORD})
    assert the_event(AuditKind.PASSWORD_CHANGED).user_id == network.coach.id
    client.post("/account/sessions/end-all")
    assert the_event(AuditKind.LOGOUT_EVERYWHERE).user_id == network.coach.id


def test_membership_events_name_the_organisation_and_the_member(client, login, network):
    login(network.provider_admin)
    org = network.provider_org
    client.post(f"/organisations/{org.uuid}/members/invite", data={"email": "uusi@verstas.fi", "role": "member"})
    sent = the_event(AuditKind.INVITATION_SENT)
    assert (sent.organisation_id, sent.user_id, sent.detail) == (org.id, network.provider_admin.id,
                                                                 "uusi@verstas.fi (member)")
    membership = network.provider_member.membership_in(org)
    client.post(f"/organisations/{org.uuid}/members/{membership.id}/role", data={"role": "admin"})
    changed = the_event(AuditKind.MEMBER_ROLE_CHANGED)
    assert (changed.object_id, changed.detail) == (str(network.provider_member.id), "member → admin")
    client.post(f"/organisations/{org.uuid}/members/{membership.id}/remove")
    assert the_event(AuditKind.MEMBER_REMOVED).object_id == str(network.provider_member.id)
    client.post(f"/organisations/{org.uuid}/invitations/{sent.object_id}/revoke")
    assert the_event(AuditKind.INVITATION_REVOKED).detail == "uusi@verstas.fi"


def test_joining_by_invitation_is_recorded(client, network):
    accounts.invite_member(network.provider_org, "uusi@verstas.fi", MemberRole.MEMBER, network.provider_admin)
    client.post(link_in(outbox("uusi@verstas.fi")[-1]), data={"name": "Uusi Jäsen", "password": PASSWORD,
                                                              "confirm": PASSWORD})
    joined = the_event(AuditKind.MEMBER_JOINED)
    assert joined.organisation_id == network.provider_org.id and joined.user.email == "uusi@verstas.fi"


def test_organisation_registration_and_status_changes(coordinator, make_user):
    from marketplace.accounts.models import OrganisationKind

    admin = make_user(email="uusi@paja.fi")
    profile = accounts.OrganisationProfile(name="Uusi Paja ry", kind=OrganisationKind.WORKSHOP,
                                           business_id="3282107-3", municipality_code="734", email="paja@example.fi")
    organisation = accounts.register_organisation(profile, admin)
    assert the_event(AuditKind.ORGANISATION_REGISTERED).organisation_id == organisation.id
    accounts.set_organisation_status(organisation, OrganisationStatus.VERIFIED, coordinator)
    changed = the_event(AuditKind.ORGANISATION_STATUS_CHANGED)
    assert (changed.user_id, changed.detail) == (coordinator.id, "pending → verified")


def test_tokens_are_recorded_without_the_token(network):
    token, plain = accounts.create_token(network.coach, network.coach_org, "Asiakastietojärjestelmä")
    accounts.revoke_token(token.id, network.coach)
    created, revoked = the_event(AuditKind.TOKEN_CREATED), the_event(AuditKind.TOKEN_REVOKED)
    assert created.object_id == revoked.object_id == str(token.id)
    assert token.prefix in created.detail and plain not in created.detail


def test_referral_views_exports_and_erasures(client, login, network, make_referral):
    referral = make_referral()
    login(network.coach)
    client.get(f"/referrals/{referral.uuid}")
    client.get(f"/organisations/{network.coach_org.uuid}/referrals.csv")
    viewed = events(AuditKind.REFERRAL_VIEWED)
    assert [(event.object_id, event.detail) for event in viewed] == [(str(referral.uuid), "web"),
                                                                     (str(referral.uuid), "csv")]
    assert the_event(AuditKind.REFERRALS_EXPORTED).detail == "1 riviä"
    referrals.erase_personal_data(referral, network.coach, network.coach_org)
    erased = the_event(AuditKind.REFERRAL_ERASED)
    assert (erased.object_id, erased.organisation_id) == (str(referral.uuid), network.coach_org.id)


def test_purges_imports_and_take_downs(app, runner, coordinator, network, make_referral):
    from marketplace.catalog import service as catalog
    from tests.referrals.test_privacy import closed_months_ago

    closed_months_ago(network, make_referral(), 13)
    assert runner.invoke(args=["privacy", "purge"]).exit_code == 0
    assert the_event(AuditKind.PRIVACY_PURGED).detail == "1 ohjausta"
    assert runner.invoke(args=["qualifications", "import", str(SHIPPED_QUALIFICATIONS)]).exit_code == 0
    assert the_event(AuditKind.QUALIFICATIONS_IMPORTED).detail == "uusia 6, päivitettyjä 0"
    catalog.unpublish_offering(network.offering, coordinator, "Palvelu on päättynyt.")
    db.session.commit()
    taken_down = the_event(AuditKind.OFFERING_TAKEN_DOWN)
    assert (taken_down.user_id, taken_down.object_id) == (coordinator.id, str(network.offering.uuid))


def test_no_event_holds_a_password_a_token_or_a_jobseekers_details(client, login, network, make_referral):
    referral = make_referral()
    _token, plain = accounts.create_token(network.coach, network.coach_org, "Järjestelmä")
    client.post("/login", data={"email": "coach@salo.fi", "password": "väärin-väärin-väärin"})
    login(network.coach)
    client.get(f"/referrals/{referral.uuid}")
    client.get("/api/v1/referrals", headers={"Authorization": f"Bearer {plain}"})
    rows = db.session.execute(select(AuditEvent.__table__)).mappings().all()
    assert len(rows) >= 5
    text = " ".join(str(value) for row in rows for value in row.values())
    for secret in (PASSWORD, "väärin-väärin-väärin", plain, referral.jobseeker_name, referral.jobseeker_email):
        assert secret not in text


def test_the_coordinator_sees_and_filters_the_network(client, login, coordinator, network):
    accounts.create_token(network.coach, network.coach_org, "Järjestelmä")
    accounts.invite_member(network.provider_org, "uusi@verstas.fi", MemberRole.MEMBER, network.provider_admin)
    login(coordinator)
    page = table(client.get("/coordinator/audit"))
    assert "Rajapinta-avain luotu" in page and "Kutsu lähetetty" in page and "Kirjautuminen" in page
    only_tokens = table(client.get("/coordinator/audit?kind=token_created"))
    assert "Rajapinta-avain luotu" in only_tokens and "Kutsu lähetetty" not in only_tokens
    by_org = table(client.get(f"/coordinator/audit?organisation={network.provider_org.uuid}"))
    assert "Kutsu lähetetty" in by_org and "Rajapinta-avain luotu" not in by_org
    assert "Ei tapahtumia" in client.get("/coordinator/audit?organisation=x").get_data(as_text=True)
    by_user = table(client.get("/coordinator/audit?user=coach@salo"))
    assert "Rajapinta-avain luotu" in by_user and "Kutsu lähetetty" not in by_user
    tomorrow = (utcnow() + timedelta(days=2)).date().isoformat()
    assert "Ei tapahtumia" in client.get(f"/coordinator/audit?since={tomorrow}").get_data(as_text=True)
    assert client.get("/coordinator/audit?since=9999-99-99").status_code == 422
    csv = client.get("/coordinator/audit.csv?kind=token_created")
    assert csv.status_code == 200 and csv.mimetype == "text/csv" and csv.headers["Cache-Control"] == "no-store"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Aika;Tapahtuma;Käyttäjä;Organisaatio") and len(lines) == 2
    assert "coach@salo.fi" in lines[1] and "Salon työllisyyspalvelut" in lines[1]


def test_an_admin_sees_their_own_organisations_events_only(client, login, network):
    accounts.create_token(network.coach, network.coach_org, "Järjestelmä")
    accounts.invite_member(network.provider_org, "uusi@verstas.fi", MemberRole.MEMBER, network.provider_admin)
    login(network.provider_admin)
    page = table(client.get(f"/organisations/{network.provider_org.uuid}/audit"))
    assert "Kutsu lähetetty" in page and "Rajapinta-avain luotu" not in page
    csv = client.get(f"/organisations/{network.provider_org.uuid}/audit.csv?organisation={network.coach_org.uuid}")
    assert "uusi@verstas.fi" in csv.get_data(as_text=True) and "Järjestelmä" not in csv.get_data(as_text=True)
    for url in ("/coordinator/audit", "/coordinator/audit.csv", f"/organisations/{network.coach_org.uuid}/audit",
                f"/organisations/{network.coach_org.uuid}/audit.csv"):
        assert client.get(url).status_code in (403, 404), url


def test_members_who_are_not_admins_and_visitors_see_no_events(app, client, login, network):
    login(network.provider_member)
    for url in (f"/organisations/{network.provider_org.uuid}/audit", "/coordinator/audit"):
        response = client.get(url)
        assert response.status_code == 403 and "ylläpitäjä" in response.get_data(as_text=True) or \
            "koordinaattori" in response.get_data(as_text=True)
    anonymous = app.test_client()
    for url in (f"/organisations/{network.provider_org.uuid}/audit", "/coordinator/audit.csv"):
        assert anonymous.get(url).status_code == 302


def test_purge_keeps_events_their_time_and_shortens_old_addresses(app, runner, network):
    from marketplace.audit import service as audit

    now = utcnow()
    ages = {"old": timedelta(days=30.44 * 25), "view": timedelta(days=30.44 * 13), "ip": timedelta(days=91),
            "new": timedelta(days=1)}
    rows = {}
    for name, age in ages.items():
        kind = AuditKind.REFERRAL_VIEWED if name == "view" else AuditKind.LOGIN
        event = audit.record(kind, user=network.coach, commit=True)
        ip = "2001:db8:1:2::5" if name == "ip" else "203.0.113.9"
        db.session.execute(update(AuditEvent).where(AuditEvent.id == event.id).values(
            occurred_at=now - age, ip_address=ip))
        rows[name] = event.id
    db.session.commit()
    result = runner.invoke(args=["privacy", "purge"])
    assert "poistettu 1 vanhaa tapahtumaa ja 1 vanhaa katselukertaa; IP-osoite lyhennetty 1" in result.output
    kept = {event.id: event.ip_address for event in events()}
    assert kept == {rows["ip"]: "2001:db8:1::", rows["new"]: "203.0.113.9"}
    assert audit.shorten_address("203.0.113.9") == "203.0.113.0" and audit.shorten_address("x") == ""
