"""Sessions live on the server: logging out, changing the password or losing membership ends them for good."""

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from marketplace.accounts import service
from marketplace.accounts.models import MemberRole, UserSession
from marketplace.clock import utcnow
from marketplace.extensions import db
from tests.helpers import PASSWORD


@pytest.fixture
def org(make_org):
    return make_org()


@pytest.fixture
def user(make_user, org):
    return make_user(email="aino@example.fi", org=org)


def log_in(client, email="aino@example.fi", remember=False):
    data = {"email": email, "password": PASSWORD, **({"remember": "y"} if remember else {})}
    assert client.post("/login", data=data).status_code == 302


def cookies(client) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token") if client.get_cookie(name)}


def replay(app, saved: dict[str, str]):
    """Another browser that copied the cookies."""
    thief = app.test_client()
    for name, value in saved.items():
        thief.set_cookie(name, value)
    return thief


def is_logged_in(browser) -> bool:
    return browser.get("/account").status_code == 200


def test_a_session_cookie_copied_before_logout_no_longer_opens_pages(app, client, user):
    log_in(client)
    saved = cookies(client)
    assert is_logged_in(replay(app, saved))
    client.post("/logout")
    assert not is_logged_in(replay(app, saved))
    assert not is_logged_in(client)


def test_a_remember_cookie_copied_before_logout_no_longer_logs_in(app, client, user):
    log_in(client, remember=True)
    saved = {"remember_token": client.get_cookie("remember_token").value}
    assert is_logged_in(replay(app, saved))
    client.post("/logout")
    assert not is_logged_in(replay(app, saved))


def test_logging_out_ends_only_this_session(app, client, user):
    phone = app.test_client()
    log_in(phone)
    log_in(client)
    client.post("/logout")
    assert is_logged_in(phone)


def test_logging_out_everywhere_ends_every_session(app, client, user):
    phone = app.test_client()
    log_in(phone, remember=True)
    remembered = {"remember_token": phone.get_cookie("remember_token").value}
    log_in(client)
    response = client.post("/account/sessions/end-all")
    assert response.status_code == 302
    assert not is_logged_in(phone) and not is_logged_in(replay(app, remembered)) and not is_logged_in(client)


def test_a_password_reset_ends_every_session(app, client, user):
    log_in(client, remember=True)
    saved = cookies(client)
    from marketplace.accounts.service.auth import password_reset_token

    other = app.test_client()
    link = f"/password/reset/{password_reset_token(user)}"
    assert other.post(link, data={"password": "uusi-pitkä-salasana-2026",
                                  "confirm": "uusi-pitkä-salasana-2026"}).status_code == 302
    assert not is_logged_in(replay(app, saved))


def test_removing_a_member_ends_their_sessions(app, client, login, make_user, org, user):
    admin = make_user(org=org, role=MemberRole.ADMIN)
    member_browser = app.test_client()
    log_in(member_browser, remember=True)
    saved = cookies(member_browser)
    service.remove_member(user.membership_in(org), admin)
    assert not is_logged_in(member_browser)
    assert not is_logged_in(replay(app, saved))


def test_a_deactivated_user_is_logged_out(app, client, user):
    log_in(client)
    user.active = False
    db.session.commit()
    assert not is_logged_in(client)


@pytest.mark.parametrize("remember", [False, True])
def test_sessions_expire_on_the_server(app, client, user, remember):
    log_in(client, remember=remember)
    saved = cookies(client)
    db.session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert not is_logged_in(client)
    assert not is_logged_in(replay(app, saved))


def test_a_session_lasts_its_configured_time(app, client, user):
    log_in(client)
    session = db.session.scalar(select(UserSession))
    assert session.expires_at - session.created_at == app.config["SESSION_MAX_AGE"]
    log_in(app.test_client(), remember=True)
    remembered = db.session.scalar(select(UserSession).where(UserSession.remember))
    assert remembered.expires_at - remembered.created_at == app.config["REMEMBER_COOKIE_DURATION"]


def test_only_a_hash_of_the_session_token_is_stored(app, client, user):
    log_in(client)
    token = app.session_interface.get_signing_serializer(app).loads(client.get_cookie("session").value)["_user_id"]
    stored = db.session.execute(select(UserSession.__table__)).mappings().one()
    assert token not in [str(value) for value in stored.values()]
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()


def test_privacy_purge_deletes_sessions_long_over(app, client, runner, user):
    log_in(client)
    log_in(app.test_client())
    db.session.execute(update(UserSession).where(UserSession.id == 1).values(expires_at=utcnow() - timedelta(days=31)))
    db.session.commit()
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0 and "Vanhoja kirjautumisia poistettu: 1." in result.output
    assert [session.id for session in db.session.scalars(select(UserSession))] == [2]


@pytest.mark.parametrize("remember", [False, True])
def test_a_session_left_idle_ends_even_when_remembered(app, client, user, remember):
    log_in(client, remember=remember)
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    db.session.execute(update(UserSession).values(last_seen_at=utcnow() - idle - timedelta(seconds=1)))
    db.session.commit()
    assert not is_logged_in(client)
    assert db.session.scalar(select(UserSession)).ended_at is not None


def test_a_session_in_use_stays_open_past_the_idle_timeout(app, client, user):
    log_in(client)
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    db.session.execute(update(UserSession).values(last_seen_at=utcnow() - idle + timedelta(minutes=1),
                                                  created_at=utcnow() - 2 * idle))
    db.session.commit()
    assert is_logged_in(client)  # the visit counts as activity
    assert utcnow() - db.session.scalar(select(UserSession)).last_seen_at < timedelta(minutes=1)
