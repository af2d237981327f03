import pytest
from sqlalchemy import select

from marketplace.accounts.models import MemberRole, Organisation, OrganisationStatus, User
from marketplace.extensions import db
from tests.helpers import PASSWORD, outbox


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


def test_registering_creates_pending_organisation_with_first_admin(client, make_user):
    coordinator = make_user(email="koordinaattori@example.fi", coordinator=True)
    response = client.post("/register", data=registration())
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


def test_business_id_without_hyphen_is_normalised(client):
    response = client.post("/register", data=registration(business_id=BUSINESS_ID.replace("-", "")))
    assert response.status_code == 302
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
    client.post("/register", data=registration(municipality="Helsingfors"))
    assert db.session.scalar(select(Organisation.municipality_code)) == "091"


def test_email_is_unique_regardless_of_case(client, make_user):
    make_user(email="maija@example.fi")
    response = client.post("/register", data=registration(admin_email="Maija@Example.FI"))
    assert response.status_code == 422
    assert "Tällä sähköpostiosoitteella on jo tili" in response.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None


def test_email_is_stored_in_lower_case(client):
    client.post("/register", data=registration(admin_email="Maija.Meikalainen@Example.FI"))
    assert db.session.scalar(select(User.email)) == "maija.meikalainen@example.fi"


def test_same_name_and_business_id_cannot_be_registered_twice(client, make_org):
    make_org(name="Sastamalan Puutyöpaja ry", business_id=BUSINESS_ID)
    response = client.post("/register", data=registration())
    assert response.status_code == 422
    assert "Samalla nimellä ja Y-tunnuksella" in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None  # the new account was not kept either


def test_units_of_one_municipality_share_a_business_id(client, make_org):
    make_org(name="Sastamalan työllisyyspalvelut", business_id=BUSINESS_ID)
    response = client.post("/register", data=registration())
    assert response.status_code == 302
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
