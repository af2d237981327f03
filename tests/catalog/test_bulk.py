"""Several offerings changed at once from the dashboard, each in its own history."""

import re

from sqlalchemy import select

from marketplace.catalog.models import Offering, OfferingChange, OfferingStatus
from marketplace.extensions import db


def history(offering) -> list[tuple[str, str, str]]:
    return [(c.field, c.old_value, c.new_value) for c in db.session.scalars(
        select(OfferingChange).where(OfferingChange.offering_id == offering.id).order_by(OfferingChange.id))]


def bulk(client, org, offerings, action, **extra):
    return client.post(f"/organisations/{org.uuid}/offerings/bulk", follow_redirects=True,
                       data={"action": action, "offerings": [str(o.uuid) for o in offerings], **extra})


def test_confirming_many_confirms_each_in_its_history(client, org, member, make_offering):
    offerings = [make_offering(org=org, title=f"Paja {n}") for n in (1, 2, 3)]
    page = client.get(f"/organisations/{org.uuid}/offerings").get_data(as_text=True)
    assert page.count('form="bulk"') == 3 and 'id="bulk"' in page
    response = bulk(client, org, offerings[:2], "confirm")
    assert response.status_code == 200
    assert "Merkitty ajan tasalla oleviksi: Paja 1, Paja 2." in response.get_data(as_text=True)
    assert [h[0] for h in history(offerings[0])][-1] == "confirmed"
    assert "confirmed" not in [h[0] for h in history(offerings[2])]


def test_pausing_many_skips_what_cannot_be_paused_and_says_why(client, org, member, make_offering):
    published = make_offering(org=org, title="Julkaistu paja")
    draft = make_offering(org=org, title="Luonnospaja", status="draft")
    page = bulk(client, org, [published, draft], "pause").get_data(as_text=True)
    assert "Keskeytetty: Julkaistu paja." in page
    assert "Ei muutettu: Luonnospaja (palvelu ei ole julkaistu)." in page
    db.session.expire_all()
    assert (db.session.get(Offering, published.id).status, db.session.get(Offering, draft.id).status) == (
        OfferingStatus.PAUSED, OfferingStatus.DRAFT)
    assert ("status", "published", "paused") in history(published)
    page = bulk(client, org, [published, draft], "resume").get_data(as_text=True)
    assert "Julkaistu uudelleen: Julkaistu paja." in page and "palvelu ei ole keskeytetty" in page


def test_setting_places_for_many_keeps_each_within_its_capacity(client, org, member, make_offering):
    roomy = make_offering(org=org, title="Iso paja", capacity_total=10, open_places=1)
    small = make_offering(org=org, title="Pieni paja", capacity_total=2, open_places=1)
    page = bulk(client, org, [roomy, small], "set_places", open_places="5").get_data(as_text=True)
    assert "Vapaat paikat päivitetty: Iso paja." in page
    assert re.search(r"Ei muutettu: Pieni paja \(Vapaita paikkoja voi olla enintään 2", page)
    db.session.expire_all()
    assert (db.session.get(Offering, roomy.id).open_places, db.session.get(Offering, small.id).open_places) == (5, 1)
    assert ("open_places", "1", "5") in history(roomy)


def test_nothing_ticked_or_no_number_is_explained(client, org, member, make_offering):
    offering = make_offering(org=org)
    nothing = client.post(f"/organisations/{org.uuid}/offerings/bulk", data={"action": "confirm"})
    assert nothing.status_code == 422 and "Valitse vähintään yksi palvelu." in nothing.get_data(as_text=True)
    no_number = client.post(f"/organisations/{org.uuid}/offerings/bulk",
                            data={"action": "set_places", "offerings": [str(offering.uuid)]})
    assert no_number.status_code == 422 and "Anna vapaiden paikkojen määrä" in no_number.get_data(as_text=True)
    unknown = client.post(f"/organisations/{org.uuid}/offerings/bulk",
                          data={"action": "delete", "offerings": [str(offering.uuid)]})
    assert unknown.status_code == 422


def test_another_organisations_offerings_are_never_touched(client, org, member, make_org, make_offering):
    theirs = make_offering(org=make_org(name="Muu ry"), title="Muiden paja")
    before = history(theirs)
    response = client.post(f"/organisations/{org.uuid}/offerings/bulk",
                           data={"action": "pause", "offerings": [str(theirs.uuid)]})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Offering, theirs.id).status is OfferingStatus.PUBLISHED and history(theirs) == before


def test_the_dashboard_sorts_by_any_column(client, org, member, make_offering):
    make_offering(org=org, title="Bertan paja", open_places=1, capacity_total=5)
    make_offering(org=org, title="aamupaja", open_places=4, capacity_total=5)
    make_offering(org=org, title="Cafe-paja", open_places=None)

    def order(query: str) -> list[str]:
        page = client.get(f"/organisations/{org.uuid}/offerings?{query}").get_data(as_text=True)
        return re.findall(r'<a href="/offerings/[^"]+" dir="auto">([^<]+)</a>', page)

    assert order("") == ["aamupaja", "Bertan paja", "Cafe-paja"]
    assert order("sort=-title") == ["Cafe-paja", "Bertan paja", "aamupaja"]
    assert order("sort=places") == ["Bertan paja", "aamupaja", "Cafe-paja"]  # not counted: last either way
    assert order("sort=-places") == ["aamupaja", "Bertan paja", "Cafe-paja"]
