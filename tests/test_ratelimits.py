"""Rate limits: guesses are limited per client, never by locking the address; 429 says when to try again."""

import threading
import time
import types

import flask_limiter._extension
import pytest
from sqlalchemy import select

from marketplace.accounts import service
from marketplace.accounts.models import MemberRole
from marketplace.extensions import db
from marketplace.ratelimits import DatabaseStorage
from tests.accounts.test_registration import registration
from tests.helpers import PASSWORD, outbox

WRONG = "väärin-väärin-väärin"


@pytest.fixture
def user(make_user, make_org):
    return make_user(email="aino@example.fi", org=make_org(), role=MemberRole.ADMIN)


def from_address(app, ip: str):
    """A browser at another IP address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = ip
    return browser


def log_in(browser, email="aino@example.fi", password=PASSWORD):
    return browser.post("/login", data={"email": email, "password": password})


def assert_too_many(response, unit="minuutin"):
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    page = response.get_data(as_text=True)
    assert "Yritä uudelleen" in page and unit in page


def test_an_attackers_guesses_lock_out_the_attacker_not_the_user(app, user):
    attacker = from_address(app, "203.0.113.9")
    for _ in range(5):
        assert log_in(attacker, password=WRONG).status_code == 422
    assert_too_many(log_in(attacker, password=WRONG))
    assert_too_many(log_in(attacker))  # the right password does not help the attacker either
    assert log_in(from_address(app, "198.51.100.7")).status_code == 302  # the user, elsewhere, gets in


def test_one_guess_each_for_many_addresses_is_limited_too(app):
    app.config["LOGIN_LIMIT_PER_CLIENT"] = "10 per 15 minutes"
    attacker = from_address(app, "203.0.113.9")
    statuses = [log_in(attacker, email=f"kayttaja{n}@example.fi", password=WRONG).status_code for n in range(12)]
    assert statuses == [422] * 10 + [429] * 2


def test_logging_in_right_is_never_limited(app, user):
    browser = from_address(app, "198.51.100.7")
    for _ in range(12):
        assert log_in(browser).status_code == 302
        browser.post("/logout")


def test_a_limit_lifts_when_its_window_ends(app, user):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 1 second"
    browser = from_address(app, "203.0.113.9")
    log_in(browser, password=WRONG), log_in(browser, password=WRONG)
    assert_too_many(log_in(browser), unit="sekunnin")
    time.sleep(1.1)
    assert log_in(browser).status_code == 302


def test_the_last_moment_of_a_window_still_says_wait_a_second(app, user, monkeypatch):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 1 second"
    browser = from_address(app, "203.0.113.9")
    log_in(browser, password=WRONG), log_in(browser, password=WRONG)
    late = types.SimpleNamespace(time=lambda: time.time() + 0.999, mktime=time.mktime)
    monkeypatch.setattr(flask_limiter._extension, "time", late)  # Flask-Limiter reads the clock at the window's end
    assert_too_many(log_in(browser), unit="sekunnin")


def test_a_hundred_reset_requests_send_one_mail(app, user):
    for n in range(100):  # from a hundred addresses, so the per-client limit does not hide the rule
        response = from_address(app, f"10.0.{n // 250}.{n % 250}").post("/password/forgot",
                                                                         data={"email": "AINO@example.fi"})
        assert response.status_code == 302
    assert len(outbox("aino@example.fi")) == 1


def test_a_reset_mail_can_be_asked_again_after_the_interval(app, user):
    from sqlalchemy import update

    from marketplace.accounts.models import User
    from marketplace.clock import utcnow
    from marketplace.extensions import db

    service.request_password_reset("aino@example.fi")
    service.request_password_reset("aino@example.fi")
    assert len(outbox("aino@example.fi")) == 1
    db.session.execute(update(User).values(reset_mailed_at=utcnow() - app.config["PASSWORD_RESET_MAIL_INTERVAL"]))
    db.session.commit()
    service.request_password_reset("aino@example.fi")
    assert len(outbox("aino@example.fi")) == 2


def test_reset_requests_from_one_client_are_limited(app, user):
    browser = from_address(app, "203.0.113.9")
    statuses = [browser.post("/password/forgot", data={"email": f"x{n}@example.fi"}).status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]


def test_registrations_from_one_client_are_limited(app):
    browser = from_address(app, "203.0.113.9")
    for n in range(5):
        response = browser.post("/register", data=registration(admin_email=f"maija{n}@example.fi"))
        assert response.status_code == 302
    assert_too_many(browser.post("/register", data=registration(admin_email="maija9@example.fi")))
    assert len(outbox("maija9@example.fi")) == 0


def test_a_mistyped_registration_costs_no_attempt(app):
    browser = from_address(app, "203.0.113.9")
    for _ in range(8):
        assert browser.post("/register", data=registration(business_id="123")).status_code == 422
    assert browser.post("/register", data=registration()).status_code == 302


def test_invitations_per_user_are_limited(app, client, login, user):
    app.config["INVITATION_LIMIT"] = "3 per hour"
    login(user)
    organisation = user.memberships[0].organisation
    url = f"/organisations/{organisation.uuid}/members/invite"
    for n in range(3):
        assert client.post(url, data={"email": f"uusi{n}@example.fi", "role": "member"}).status_code == 302
    assert_too_many(client.post(url, data={"email": "uusi9@example.fi", "role": "member"}))
    assert len(outbox("uusi9@example.fi")) == 0


def test_token_creation_per_user_is_limited(app, client, login, user):
    app.config["TOKEN_LIMIT"] = "2 per hour"
    login(user)
    organisation = user.memberships[0].organisation
    data = {"token-name": "Järjestelmä", "token-organisation": str(organisation.uuid)}
    assert [client.post("/account/tokens", data=data).status_code for _ in range(3)] == [201, 201, 429]


def test_wrong_current_passwords_are_limited(app, client, login, user):
    login(user)
    data = {"current_password": WRONG, "password": "uusi-pitkä-salasana", "confirm": "uusi-pitkä-salasana"}
    statuses = [client.post("/account/password", data=data).status_code for _ in range(6)]
    assert statuses == [422] * 5 + [429]


def test_the_api_is_limited_per_token_and_answers_json(app, user):
    app.config["API_LIMIT_PER_CALLER"] = "3 per minute"
    organisation = user.memberships[0].organisation
    first = {"Authorization": f"Bearer {service.create_token(user, organisation, 'Yksi')[1]}"}
    second = {"Authorization": f"Bearer {service.create_token(user, organisation, 'Kaksi')[1]}"}
    integration = from_address(app, "192.0.2.10")
    assert [integration.get("/api/v1/referrals", headers=first).status_code for _ in range(3)] == [200] * 3
    refused = integration.get("/api/v1/referrals", headers=first)
    assert refused.status_code == 429 and refused.is_json
    assert "Yritä uudelleen" in refused.get_json()["message"] and int(refused.headers["Retry-After"]) > 0
    assert integration.get("/api/v1/referrals", headers=second).status_code == 200
    assert from_address(app, "192.0.2.11").get("/api/v1/services").status_code == 200


def test_the_api_is_limited_per_client_whatever_the_tokens(app, user):
    app.config["API_LIMIT_PER_CLIENT"] = "4 per minute"
    organisation = user.memberships[0].organisation
    client = from_address(app, "192.0.2.10")
    statuses = []
    for n in range(5):
        token = service.create_token(user, organisation, f"Avain {n}")[1]
        statuses.append(client.get("/api/v1/referrals", headers={"Authorization": f"Bearer {token}"}).status_code)
    assert statuses == [200] * 4 + [429]


def test_the_database_storage_counts_hits_from_many_threads_at_once(app):
    storage = DatabaseStorage("database://")
    app_context = app.app_context

    def hit():
        with app_context():
            for _ in range(10):
                storage.incr("kirjautuminen/203.0.113.9", expiry=60)

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert storage.get("kirjautuminen/203.0.113.9") == 40
    assert time.time() < storage.get_expiry("kirjautuminen/203.0.113.9") <= time.time() + 60
    storage.clear("kirjautuminen/203.0.113.9")
    assert storage.get("kirjautuminen/203.0.113.9") == 0


def test_the_database_storage_starts_a_new_window_when_one_ends(app):
    storage = DatabaseStorage("database://")
    assert storage.incr("k", expiry=1) == 1 and storage.incr("k", expiry=1) == 2
    time.sleep(1.05)
    assert storage.get("k") == 0
    assert storage.incr("k", expiry=1) == 1
    assert storage.check() and storage.reset() == 1


def test_the_daily_purge_deletes_counters_whose_window_ended(app):
    from datetime import datetime

    from marketplace.clock import FINLAND
    from marketplace.operations import jobs
    from marketplace.ratelimits import RateLimitCounter

    storage = DatabaseStorage("database://")
    storage.incr("ended", expiry=1)
    storage.incr("running", expiry=3600)
    time.sleep(1.05)
    [purge] = [o for o in jobs.run_due(at=datetime.now(FINLAND).replace(hour=12)) if o.job.name == "privacy-purge"]
    assert purge.succeeded and "rate-limit counters 1" in purge.summary
    assert [row.key for row in db.session.scalars(select(RateLimitCounter))] == ["running"]


def test_the_limits_hold_with_the_database_storage(app_config, tmp_path, user):
    from marketplace import create_app

    shared = create_app({**app_config, "RATELIMIT_STORAGE_URI": "database://"}, instance_path=str(tmp_path / "i"))
    attacker = from_address(shared, "203.0.113.9")
    with shared.app_context():
        statuses = [log_in(attacker, password=WRONG).status_code for _ in range(6)]
        db.session.remove()
        db.engine.dispose()  # this second app's connections, before the test's own teardown
    assert statuses == [422] * 5 + [429]


def test_the_integrators_guide_states_the_configured_limits(app, client):
    app.config["API_LIMIT_PER_CALLER"] = "30 per second; 900 per 5 minutes"
    page = client.get("/developers/api").get_data(as_text=True)
    assert "enintään 30 pyyntöä/s ja 900 pyyntöä/5 min;" in page
    assert "enintään 100 pyyntöä/s ja 3000 pyyntöä/min." in page
