import time

import pytest
from sqlalchemy import inspect, select

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.helpers import PASSWORD, link_in, outbox


@pytest.fixture
def user(make_user, make_org):
    return make_user(email="aino@example.fi", name="Aino Valmentaja", org=make_org())


def login_form(email="aino@example.fi", password=PASSWORD, **extra):
    return {"email": email, "password": password, **extra}


def test_login_and_logout(client, user):
    response = client.post("/login", data=login_form())
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Hei, Aino Valmentaja" in client.get("/").get_data(as_text=True)
    assert db.session.get(User, user.id).last_login_at is not None

    assert client.get("/logout").status_code == 405  # logging out changes state: POST only
    response = client.post("/logout")
    assert response.status_code == 302
    assert "Kirjaudu sisään" in client.get("/").get_data(as_text=True)


def test_email_is_case_insensitive_at_login(client, user):
    assert client.post("/login", data=login_form(email="  AINO@Example.fi ")).status_code == 302


def test_remember_me_sets_a_long_lived_cookie_only_when_asked(client, user):
    client.post("/login", data=login_form())
    assert client.get_cookie("remember_token") is None
    client.post("/logout")
    client.post("/login", data=login_form(remember="y"))
    assert client.get_cookie("remember_token") is not None


@pytest.mark.parametrize("email", ["aino@example.fi", "tuntematon@example.fi"])
def test_wrong_credentials_get_the_same_message(client, user, email):
    response = client.post("/login", data=login_form(email=email, password="väärä salasana tässä"))
    assert response.status_code == 422
    assert "Sähköpostiosoite tai salasana on väärin." in response.get_data(as_text=True)


def test_next_parameter_only_redirects_within_the_site(client, user):
    assert client.post("/login?next=/account", data=login_form()).headers["Location"] == "/account"
    client.post("/logout")
    assert client.post("/login?next=//evil.example/", data=login_form()).headers["Location"] == "/"


def test_login_required_pages_redirect_to_login(client):
    response = client.get("/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_deactivated_user_cannot_log_in(client, user):
    user.active = False
    db.session.commit()
    response = client.post("/login", data=login_form())
    assert response.status_code == 422
    assert "poistettu käytöstä" in response.get_data(as_text=True)


def test_passwords_are_stored_hashed_with_scrypt(app, make_user):
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"  # the production default
    user = make_user(password=PASSWORD)
    assert user.password_hash.startswith("scrypt:")
    row = db.session.execute(select(User.__table__).where(User.id == user.id)).mappings().one()
    assert not any(PASSWORD in str(value) for value in row.values())
    assert all(PASSWORD not in str(column) for column in inspect(User).columns)


def test_password_reset_by_email_link_works_once(client, user):
    response = client.post("/password/forgot", data={"email": "AINO@example.fi"})
    assert response.status_code == 302
    [email] = outbox("aino@example.fi")
    assert email.subject == "Salasanan vaihtaminen"
    link = link_in(email)
    assert client.get(link).status_code == 200

    new_password = "uusi-pitkä-salasana-2026"
    assert client.post(link, data={"password": new_password, "confirm": new_password}).status_code == 302
    assert client.post("/login", data=login_form()).status_code == 422
    assert client.post("/login", data=login_form(password=new_password)).status_code == 302

    client.post("/logout")
    reused = client.get(link)
    assert reused.status_code == 410
    assert "jo käytetty" in reused.get_data(as_text=True)
    assert client.post(link, data={"password": "kolmas-salasana-123",
                                   "confirm": "kolmas-salasana-123"}).status_code == 410


def test_password_reset_link_expires(client, app, user, monkeypatch):
    client.post("/password/forgot", data={"email": "aino@example.fi"})
    link = link_in(outbox("aino@example.fi")[0])
    later = time.time() + app.config["PASSWORD_RESET_MAX_AGE"].total_seconds() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(link)
    assert response.status_code == 410
    assert "vanhentunut" in response.get_data(as_text=True)


def test_tampered_reset_link_is_refused(client, user):
    client.post("/password/forgot", data={"email": "aino@example.fi"})
    link = link_in(outbox("aino@example.fi")[0])
    assert client.get(link[:-3] + "xyz").status_code == 410


def test_reset_for_unknown_address_answers_the_same_and_sends_nothing(client, user):
    response = client.post("/password/forgot", data={"email": "ei-ole@example.fi"}, follow_redirects=True)
    assert "Jos osoitteella on tili" in response.get_data(as_text=True)
    assert outbox() == []


def test_reset_password_must_meet_the_policy(client, user):
    client.post("/password/forgot", data={"email": "aino@example.fi"})
    link = link_in(outbox("aino@example.fi")[0])
    response = client.post(link, data={"password": "lyhyt", "confirm": "lyhyt"})
    assert response.status_code == 422
    assert "vähintään 12 merkkiä" in response.get_data(as_text=True)


def test_change_password_logs_out_other_sessions(app, client, user, login):
    other_device = client.application.test_client()
    other_device.post("/login", data=login_form(remember="y"))
    login(user)

    wrong = client.post("/account/password",
                        data={"current_password": "väärä", "password": "x" * 12, "confirm": "x" * 12})
    assert wrong.status_code == 422 and "Nykyinen salasana on väärin." in wrong.get_data(as_text=True)

    new_password = "vaihdettu-salasana-2026"
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "password": new_password, "confirm": new_password}
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200  # this session stays
    assert other_device.get("/account").status_code == 302  # the other is logged out, remember cookie too
    assert outbox("aino@example.fi")[-1].subject == "Salasanasi on vaihdettu"


def test_profile_can_be_updated(client, user, login):
    login(user)
    response = client.post("/account",
                           data={"name": "Aino Uusinimi", "title": "OMA-valmentaja", "phone": "040 123 4567"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.title, user.phone) == ("Aino Uusinimi", "OMA-valmentaja", "+358401234567")
    assert client.post("/account", data={"name": ""}).status_code == 422


@pytest.mark.parametrize("phone", ["vaihde", "-1", "123"])
def test_the_profile_refuses_a_phone_number_that_is_not_one(client, user, login, phone):
    login(user)
    response = client.post("/account", data={"name": "Aino", "title": "", "phone": phone})
    assert response.status_code == 422 and "Tarkista puhelinnumero" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).phone == ""


def test_the_profile_service_checks_the_phone_number_too(user):
    from marketplace.accounts import service
    from marketplace.errors import InvalidInput

    with pytest.raises(InvalidInput) as error:
        service.update_profile(user, name="Aino", title="", phone="vaihde")
    assert error.value.field == "phone"
