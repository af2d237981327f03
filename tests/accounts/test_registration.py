import pytest
from sqlalchemy import select

from marketplace.accounts.models import MemberRole, Organisation, OrganisationStatus, User
from marketplace.extensions import db
from tests.helpers import PASSWORD, link_in, outbox

BUSINESS_ID = "3282107-3"


def registration(**overrides):
    data = {
        "name": "Sastamalan Puutyöpaja ry",
        "kind": "workshop",
        "business_id": BUSINESS_ID,
        "municipality": "Sastamala",
        "email": "paja@example.fi",
        "website": "https://paja.example.fi",
        "description": "Puutöitä ja kiinteistöhuoltoa.",
        "admin_name": "Maija Meikäläinen",
        "admin_email": "maija@example.fi",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    data.update(overrides)
    return data


def test_form_shows_all_fields(client):
    page = client.get("/register").get_data(as_text=True)
    for label in ("Organisaation nimi", "Organisaation tyyppi", "Y-tunnus", "Kotikunta", "Yhteyssähköposti",
                  "Verkkosivut", "Kuvaus", "Nimesi", "Sähköpostiosoitteesi", "Salasana"):
        assert label in page
    assert 'list="municipality-list"' in page and '<option value="Salo">' in page


def test_a_refused_registration_keeps_what_was_typed_but_the_passwords_and_says_so(client):
    response = client.post("/register", data=registration(business_id="1234567-0"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Sastamalan Puutyöpaja ry"' in page and 'value="maija@example.fi"' in page
    assert PASSWORD not in page
    assert "salasanakentät tyhjennettiin turvallisuussyistä" in page
    assert "salasanakentät" not in client.get("/register").get_data(as_text=True)


def test_a_website_without_its_scheme_is_completed(client):
    register_and_confirm(client, registration(website="www.paja.example.fi"))
    assert db.session.scalar(select(Organisation.website)) == "https://www.paja.example.fi"


def register(client, data) -> str:
    """Post the registration form and return the confirmation link sent to the new admin's address."""
    response = client.post("/register", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/register/sent"
    return link_in(outbox(data["admin_email"].lower())[-1])


def register_and_confirm(client, data):
    link = register(client, data)
    assert client.get(link).status_code == 200
    return client.post(link)


def test_registering_confirms_the_address_before_anything_is_created(client, make_user):
    coordinator = make_user(email="koordinaattori@example.fi", coordinator=True)
    link = register(client, registration())
    page = client.get("/register/sent").get_data(as_text=True)
    assert "Tarkista sähköpostisi" in page
    assert db.session.scalar(select(Organisation)) is None
    assert db.session.scalar(select(User).where(User.email == "maija@example.fi")) is None
    assert outbox(coordinator.email) == []

    confirmation = client.get(link)  # opening the link changes nothing: mail scanners open links too
    assert confirmation.status_code == 200 and "Sastamalan Puutyöpaja ry" in confirmation.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None

    response = client.post(link)
    assert response.status_code == 302
    organisation = db.session.scalar(select(Organisation))
    assert organisation.status is OrganisationStatus.PENDING
    assert organisation.business_id == BUSINESS_ID
    assert organisation.municipality_code == "790"
    admin = db.session.scalar(select(User).where(User.email == "maija@example.fi"))
    assert [(m.organisation, m.role) for m in admin.memberships] == [(organisation, MemberRole.ADMIN)]
    assert organisation.status_changes[0].to_status is OrganisationStatus.PENDING

    [email] = outbox(coordinator.email)
    assert "odottaa vahvistusta" in email.subject and organisation.name in email.body

    dashboard = client.get("/").get_data(as_text=True)  # logged in as the new admin
    assert "odottaa vahvistusta" in dashboard and "Maija Meikäläinen" in dashboard


def test_a_confirmation_link_works_once(client):
    link = register(client, registration())
    assert client.post(link).status_code == 302
    client.post("/logout")
    again = client.post(link)
    assert again.status_code == 410
    assert len(db.session.scalars(select(Organisation)).all()) == 1


def test_a_confirmation_link_expires(client, app, monkeypatch):
    from datetime import timedelta

    from marketplace.accounts.models import PendingRegistration
    from marketplace.clock import utcnow

    link = register(client, registration())
    pending = db.session.scalar(select(PendingRegistration))
    pending.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 410 and "vanhentunut" in response.get_data(as_text=True)
    assert client.post(link).status_code == 410
    assert db.session.scalar(select(User)) is None


def test_the_password_is_not_kept_in_plain_text_while_waiting(client):
    from marketplace.accounts.models import PendingRegistration

    register(client, registration())
    row = db.session.execute(select(PendingRegistration.__table__)).mappings().one()
    assert not any(PASSWORD in str(value) for value in row.values())


def test_business_id_without_hyphen_is_normalised(client):
    register_and_confirm(client, registration(business_id=BUSINESS_ID.replace("-", "")))
    assert db.session.scalar(select(Organisation.business_id)) == BUSINESS_ID


@pytest.mark.parametrize(
    ("business_id", "message"),
    [
        ("", "Tämä tieto on pakollinen."),
        ("123", "Y-tunnus on muotoa 1234567-8"),
        ("abcdefg-h", "Y-tunnus on muotoa 1234567-8"),
        ("1234567-8", "tarkistusmerkki ei täsmää"),
        ("0204819-7", "tarkistusmerkki ei täsmää"),
    ],
)
def test_bad_business_id_is_explained_in_finnish(client, business_id, message):
    response = client.post("/register", data=registration(business_id=business_id))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="Sastamalan Puutyöpaja ry"' in page  # what was typed is kept
    assert db.session.scalar(select(Organisation)) is None
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("municipality", "Atlantis", "Kuntaa ei löytynyt"),
        ("kind", "", "Tämä tieto on pakollinen."),
        ("kind", "pirate_ship", "Virheellinen valinta"),
        ("email", "ei-osoite", "Tarkista sähköpostiosoite"),
        ("website", "www", "Kirjoita koko osoite"),
        ("password", "lyhyt", "vähintään 12 merkkiä"),
        ("confirm", "eri-salasana-kokonaan", "Salasanat eivät täsmää"),
        ("name", "x" * 201, "Nimi on liian pitkä"),
    ],
)
def test_invalid_fields_are_reported_beside_the_field(client, field, value, message):
    response = client.post("/register", data=registration(**{field: value}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None


def test_swedish_municipality_name_is_accepted(client):
    register_and_confirm(client, registration(municipality="Helsingfors"))
    assert db.session.scalar(select(Organisation.municipality_code)) == "091"


def test_registering_tells_nobody_whether_an_address_has_an_account(client, make_user):
    make_user(email="maija@example.fi", name="Maija Meikäläinen")
    known = client.post("/register", data=registration(admin_email="Maija@Example.FI"))
    unknown = client.post("/register", data=registration(admin_email="liisa@example.fi"))
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    assert client.get(known.headers["Location"]).get_data(as_text=True).replace("maija", "liisa") == \
        client.get(unknown.headers["Location"]).get_data(as_text=True).replace("maija", "liisa")
    assert db.session.scalar(select(Organisation)) is None

    [explanation] = outbox("maija@example.fi")  # the owner of the address learns what happened, nobody else
    assert "on jo tili" in explanation.body and "/login" in explanation.body
    assert "/register/confirm/" not in explanation.body
    assert "/register/confirm/" in outbox("liisa@example.fi")[0].body


def test_an_account_made_meanwhile_makes_the_link_explain_itself(client, make_user):
    link = register(client, registration())
    make_user(email="maija@example.fi")  # e.g. accepted an invitation before confirming
    response = client.post(link)
    assert response.status_code == 409 and "Kirjaudu sisään" in response.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None


def test_email_is_stored_in_lower_case(client):
    register_and_confirm(client, registration(admin_email="Maija.Meikalainen@Example.FI"))
    assert db.session.scalar(select(User.email)) == "maija.meikalainen@example.fi"


def test_same_name_and_business_id_cannot_be_registered_twice(client, make_org):
    make_org(name="Sastamalan Puutyöpaja ry", business_id=BUSINESS_ID)
    response = client.post("/register", data=registration())
    assert response.status_code == 422
    assert "Samalla nimellä ja Y-tunnuksella" in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None  # the new account was not kept either


def test_units_of_one_municipality_share_a_business_id(client, make_org):
    make_org(name="Sastamalan työllisyyspalvelut", business_id=BUSINESS_ID)
    assert register_and_confirm(client, registration()).status_code == 302
    assert len(db.session.scalars(select(Organisation)).all()) == 2


def test_logged_in_user_registers_a_second_organisation(client, make_org, make_user, login):
    first = make_org()
    user = make_user(org=first, role=MemberRole.ADMIN)
    login(user)
    page = client.get("/register").get_data(as_text=True)
    assert "Sinun tietosi" not in page and user.email in page

    data = {k: v for k, v in registration().items() if not k.startswith(("admin_", "password", "confirm"))}
    assert client.post("/register", data=data).status_code == 302
    db.session.refresh(user)
    assert sorted(m.organisation.name for m in user.memberships) == sorted([first.name, "Sastamalan Puutyöpaja ry"])
    assert all(m.role is MemberRole.ADMIN for m in user.memberships)
    # The header offers a switch between the two organisations.
    assert 'name="organisation"' in client.get("/").get_data(as_text=True)
