"""Every change is kept: who changed which field, when, the old and the new value."""

import pytest

from marketplace.accounts.models import MemberRole
from marketplace.catalog.models import Offering
from marketplace.extensions import db
from tests.catalog.test_forms import form_data


@pytest.fixture
def org(make_org):
    return make_org()


@pytest.fixture
def editor(make_user, org, login):
    user = make_user(name="Tiina Työvalmentaja", org=org, role=MemberRole.MEMBER)
    login(user)
    return user


def test_edits_are_recorded_field_by_field(client, editor, org, make_offering):
    offering = make_offering(org=org, title="Vanha nimi", target_groups=["under_30"], municipalities=["734"],
                             capacity_total=8, open_places=3, contact_email="tiina@example.fi",
                             contact_name="Tiina Työvalmentaja", post_office="Salo")
    data = form_data(title="Uusi nimi", target_groups=["under_30", "immigrants"], municipalities=["734"],
                     intake="continuous", start_dates="", funding_ends_on="", funding_source="own_funds",
                     description="", plain_language_summary="", eligibility="", min_age="", max_age="",
                     languages=["fi"], street_address="", schedule="", duration_weeks="", how_to_apply="",
                     municipality_price="", contact_phone="", summary=offering.summary, free_for_jobseeker="y",
                     version=offering.version)
    assert client.post(f"/offerings/{offering.uuid}/edit", data=data).status_code == 302

    changes = {c.field: (c.old_value, c.new_value, c.changed_by_id)
               for c in db.session.get(Offering, offering.id).changes}
    assert changes["title"] == ("Vanha nimi", "Uusi nimi", editor.id)
    assert changes["target_groups"] == ("under_30", "immigrants,under_30", editor.id)
    assert "municipalities" not in changes and "capacity_total" not in changes

    page = client.get(f"/offerings/{offering.uuid}/history").get_data(as_text=True)
    assert "Palvelun nimi" in page and "Vanha nimi" in page and "Uusi nimi" in page
    assert "Maahanmuuttajat ja vieraskieliset, Alle 30-vuotiaat" in page  # codes shown as names
    assert "Tiina Työvalmentaja" in page


def test_status_and_places_changes_are_recorded(client, editor, org, make_offering):
    offering = make_offering(org=org, status="draft", capacity_total=5, open_places=2)
    client.post(f"/offerings/{offering.uuid}/publish")
    client.post(f"/offerings/{offering.uuid}/places", data={"delta": "-1"})
    client.post(f"/offerings/{offering.uuid}/confirm")
    fields = [c.field for c in db.session.get(Offering, offering.id).changes]
    assert fields[:3] == ["confirmed", "open_places", "status"]
    page = client.get(f"/offerings/{offering.uuid}/history").get_data(as_text=True)
    assert "Luonnos" in page and "Julkaistu" in page and "Tiedot vahvistettu ajantasaisiksi" in page


def test_history_is_for_the_organisation_and_coordinators(client, login, org, make_offering, make_user, make_org):
    offering = make_offering(org=org)
    login(make_user(org=make_org()))
    assert client.get(f"/offerings/{offering.uuid}/history").status_code == 403
    client.post("/logout")
    login(make_user(coordinator=True))
    assert client.get(f"/offerings/{offering.uuid}/history").status_code == 200
