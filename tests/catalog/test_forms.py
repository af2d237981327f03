"""The offering form: every field validated with a Finnish message beside it, values kept on errors."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import DeliveryMode, FundingSource, Intake, Offering, OfferingStatus
from marketplace.extensions import db


def form_data(**overrides):
    data = {
        "title": "Puutyöpaja nuorille",
        "summary": "Oikeita asiakastöitä puusepänverstaalla.",
        "offering_type": "workshop",
        "description": "Kunnostamme huonekaluja.\n\n- käsityökalut\n- koneet",
        "plain_language_summary": "Teet puutöitä. Opit uutta.",
        "target_groups": ["under_30", "long_term_unemployed"],
        "eligibility": "Alle 30-vuotiaat salolaiset.",
        "min_age": "16",
        "max_age": "29",
        "languages": ["fi", "en"],
        "delivery_mode": "on_site",
        "municipalities": ["734", "480"],
        "street_address": "Verstaskatu 3",
        "postal_code": "24100",
        "post_office": "Salo",
        "schedule": "ma–to klo 8.30–14",
        "duration_weeks": "12",
        "intake": "start_dates",
        "start_dates": "12.1.2027, 2.3.2027",
        "how_to_apply": "OMA-valmentajan kautta.",
        "free_for_jobseeker": "y",
        "municipality_price": "45 €/päivä",
        "contact_name": "Tiina Työvalmentaja",
        "contact_email": "Tiina@Example.fi",
        "contact_phone": "040 123 4567",
        "capacity_total": "8",
        "open_places": "3",
        "funding_source": "stea",
        "funding_ends_on": "2027-12-31",
    }
    data.update(overrides)
    return data


def test_new_offering_is_saved_as_a_draft_with_every_field(client, org, member):
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data())
    assert response.status_code == 302
    offering = db.session.scalar(select(Offering))
    assert response.headers["Location"] == f"/offerings/{offering.uuid}"
    assert offering.status is OfferingStatus.DRAFT
    assert (offering.title, offering.offering_type, offering.delivery_mode, offering.intake) == (
        "Puutyöpaja nuorille", "workshop", DeliveryMode.ON_SITE, Intake.START_DATES)
    assert offering.target_group_codes == ["long_term_unemployed", "under_30"]
    assert offering.language_codes == ["en", "fi"]
    assert offering.municipality_codes == ["480", "734"]
    assert [d.isoformat() for d in offering.start_date_values] == ["2027-01-12", "2027-03-02"]
    assert (offering.min_age, offering.max_age, offering.duration_weeks) == (16, 29, 12)
    assert (offering.capacity_total, offering.open_places) == (8, 3)
    assert offering.contact_email == "tiina@example.fi" and offering.contact_phone == "+358401234567"
    assert offering.funding_source is FundingSource.STEA and offering.funding_ends_on.isoformat() == "2027-12-31"
    assert offering.created_by_id == member.id and offering.updated_by_id == member.id
    assert [change.field for change in offering.changes] == ["created"]


def test_new_form_offers_sections_and_prefills_the_contact(client, org, member):
    page = client.get(f"/organisations/{org.uuid}/offerings/new").get_data(as_text=True)
    for legend in ("Perustiedot", "Kenelle", "Missä", "Milloin", "Hakeminen ja hinta", "Yhteyshenkilö", "Paikat",
                   "Rahoitus"):
        assert f"<legend>{legend}</legend>" in page
    assert f'value="{member.email}"' in page
    assert 'type="checkbox" name="municipalities" value="734"' in page  # the picker works without JavaScript
    assert page.count('name="municipalities"') == 308  # Pertunmaa merged into Mäntyharju in 2025


def test_remote_offering_needs_no_address(client, org, member):
    data = form_data(delivery_mode="remote", street_address="", postal_code="", post_office="", intake="continuous",
                     start_dates="")
    assert client.post(f"/organisations/{org.uuid}/offerings/new", data=data).status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Tämä tieto on pakollinen."),
        ("title", "x" * 201, "enintään 200 merkkiä"),
        ("summary", "x" * 301, "enintään 300 merkkiä"),
        ("description", "x" * 10001, "enintään 10000 merkkiä"),
        ("offering_type", "pirate_ship", "Virheellinen valinta"),
        ("target_groups", ["aliens"], "Virheellinen valinta"),
        ("municipalities", ["999"], "Virheellinen valinta"),
        ("postal_code", "241", "Postinumero on viisi numeroa"),
        ("contact_email", "ei-osoite", "Tarkista sähköpostiosoite"),
        ("contact_phone", "12345", "Tarkista puhelinnumero"),
        ("capacity_total", "-1", "Paikkamäärä ei voi olla negatiivinen."),
        ("open_places", "9", "Vapaita paikkoja ei voi olla enemmän kuin paikkoja yhteensä."),
        ("open_places", "-2", "ei voi olla negatiivinen"),
        ("max_age", "12", "Yläikäraja ei voi olla pienempi kuin alaikäraja."),
        ("min_age", "200", "Anna ikä väliltä 0–120."),
        ("duration_weeks", "0", "Anna kesto viikkoina väliltä 1–520."),
        ("duration_weeks", "kolme", "Ei ole kelvollinen kokonaisluku"),
        ("start_dates", "31.2.2027", "Tarkista päivämäärä 31.2.2027"),
        ("start_dates", "", "Anna vähintään yksi aloituspäivä"),
        ("funding_ends_on", "huomenna", "Ei ole kelvollinen päivämäärä"),
        ("delivery_mode", "teleport", "Virheellinen valinta"),
        ("content_language", "xx", "Virheellinen valinta"),
    ],
)
def test_invalid_field_is_explained_and_nothing_is_saved(client, org, member, field, value, message):
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data(**{field: value}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(Offering)) is None


NEEDED_TO_PUBLISH = [
    ("summary", "", "Tämä tieto on pakollinen."),
    ("offering_type", "", "Tämä tieto on pakollinen."),
    ("target_groups", [], "Valitse vähintään yksi kohderyhmä."),
    ("languages", [], "Valitse vähintään yksi kieli."),
    ("municipalities", [], "Valitse vähintään yksi kunta."),
    ("post_office", "", "Kerro, missä palvelu järjestetään"),
    ("contact_name", "", "Tämä tieto on pakollinen."),
    ("contact_email", "", "Tämä tieto on pakollinen."),
]


@pytest.mark.parametrize(("field", "value", "message"), NEEDED_TO_PUBLISH)
def test_a_published_offering_keeps_what_publishing_needs(client, org, member, make_offering, field, value,
                                                          message):
    offering = make_offering(org=org, by=member)
    data = form_data(**{field: value}, version=offering.version)
    response = client.post(f"/offerings/{offering.uuid}/edit", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Offering, offering.id).version == offering.version


def test_a_draft_saves_with_only_a_name_and_publishing_says_what_is_missing(client, org, member):
    data = {"title": "Uusi paja, tiedot tulossa", "offering_type": "", "contact_email": "",
            "delivery_mode": "on_site", "content_language": "fi",
            "funding_source": "own_funds", "intake": "continuous"}
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=data)
    assert response.status_code == 302
    draft = db.session.scalar(select(Offering))
    assert (draft.title, draft.status, draft.summary, draft.target_group_codes) == (
        "Uusi paja, tiedot tulossa", OfferingStatus.DRAFT, "", [])
    page = client.get(f"/offerings/{draft.uuid}/edit").get_data(as_text=True)
    assert "Luonnoksen voi tallentaa pelkällä nimellä." in page
    refused = client.post(f"/offerings/{draft.uuid}/publish")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Palvelua ei voi vielä julkaista." in text
    assert "Kirjoita lyhyt kuvaus" in text and "Valitse vähintään yksi kohderyhmä." in text
    db.session.expire_all()
    assert db.session.get(Offering, draft.id).status is OfferingStatus.DRAFT


def test_values_are_kept_when_validation_fails(client, org, member):
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data(title=""))
    page = response.get_data(as_text=True)
    assert "Oikeita asiakastöitä puusepänverstaalla.</textarea>" in page
    assert '<input checked id="target_groups-0" name="target_groups" type="checkbox" value="under_30">' in page
    assert 'value="734" id="municipality-734" checked' in page
    assert 'value="12.1.2027, 2.3.2027"' in page


def test_edit_form_shows_current_values(client, member, make_offering, org):
    offering = make_offering(org=org, title="Muokattava palvelu", municipalities=["734", "284"], capacity_total=5,
                             open_places=2)
    page = client.get(f"/offerings/{offering.uuid}/edit").get_data(as_text=True)
    assert 'value="Muokattava palvelu"' in page
    assert 'value="284" id="municipality-284" checked' in page
    assert f'name="version" type="hidden" value="{offering.version}"' in page


def test_the_service_refuses_a_contact_phone_that_is_not_one(org, member):
    from marketplace.catalog import service
    from marketplace.catalog.service import OfferingData
    from marketplace.errors import InvalidInput
    from tests.conftest import OFFERING_DEFAULTS

    with pytest.raises(InvalidInput) as error:
        service.create_offering(org, OfferingData(**{**OFFERING_DEFAULTS, "contact_phone": "vaihde"}), member)
    assert error.value.field == "contact_phone"
    assert db.session.scalar(select(Offering)) is None
