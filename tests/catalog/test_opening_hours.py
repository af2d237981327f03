"""Opening hours and accessibility: typed in the form, shown on the offering page, found by search."""

import re
from datetime import timedelta

from sqlalchemy import select

from marketplace.api.hsds import objects
from marketplace.catalog.models import Accessible, Offering
from marketplace.extensions import db
from marketplace.search.query import Filters, SearchRequest, search
from tests.catalog.test_forms import form_data

HOURS = {"hours_mo_opens": "8.30", "hours_mo_closes": "13.30", "hours_tu_opens": "08:30", "hours_tu_closes": "13:30",
         "hours_fr_opens": "9", "hours_fr_closes": "12", "hours_fr_opens2": "16", "hours_fr_closes2": "19"}
ACCESS = {"step_free_access": "yes", "accessible_toilet": "no", "induction_loop": "unknown",
          "public_transport": "yes", "accessibility_notes": "Luiska pihan puolella."}


def test_the_form_stores_hours_breaks_and_accessibility_and_the_page_shows_them(client, org, member):
    data = form_data(**HOURS, **ACCESS, break_1_first="2027-06-28", break_1_last="2027-08-01",
                     break_1_reason="Kesätauko")
    assert client.post(f"/organisations/{org.uuid}/offerings/new", data=data).status_code == 302
    offering = db.session.scalar(select(Offering))
    assert offering.opening_hours == "MO,TU 08:30-13:30\nFR 09:00-12:00\nFR 16:00-19:00"
    assert offering.closures == "2027-06-28 to 2027-08-01 Kesätauko"
    assert (offering.step_free_access, offering.accessible_toilet, offering.induction_loop) == (
        Accessible.YES, Accessible.NO, Accessible.UNKNOWN)

    page = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    rows = dict(re.findall(r'<th scope="row">(\w+)</th>\s*<td>(.*?)</td>', page, re.S))
    assert rows["Maanantai"] == "klo 8.30–13.30" and rows["Perjantai"] == "klo 9.00–12.00, klo 16.00–19.00"
    assert "suljettu" in rows["Sunnuntai"]
    assert "Suljettu 28.6.2027–1.8.2027: Kesätauko" in page
    assert "Esteetön kulku: <strong>Kyllä</strong>" in page and "Esteetön WC: <strong>Ei</strong>" in page
    assert "Induktiosilmukka: <strong>Ei tiedossa</strong>" in page and "Luiska pihan puolella." in page

    edit = client.get(f"/offerings/{offering.uuid}/edit").get_data(as_text=True)
    assert re.search(r'name="hours_fr_opens2"[^>]*value="16:00"', edit)
    assert re.search(r'name="break_1_reason"[^>]*value="Kesätauko"', edit)


def test_closing_before_opening_is_explained_and_nothing_is_saved(client, org, member):
    for bad, message in ((dict(hours_mo_opens="14", hours_mo_closes="8"), "Sulkemisajan pitää olla avautumisajan"),
                         (dict(hours_mo_opens="8"), "Anna sekä avautumis- että sulkemisaika."),
                         (dict(hours_mo_opens="25.00", hours_mo_closes="26"), "Anna kellonaika muodossa"),
                         (dict(hours_mo_opens="8", hours_mo_closes="12", hours_mo_opens2="11", hours_mo_closes2="14"),
                          "Toinen aukioloaika alkaa vasta"),
                         (dict(break_1_first="2027-01-06", break_1_last="2026-12-21"), "ennen ensimmäistä"),
                         (dict(step_free_access="maybe"), "Virheellinen valinta")):
        response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data(**bad))
        assert response.status_code == 422, bad
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Offering)) is None


def test_search_finds_by_day_evening_and_accessibility(client, make_offering):
    friday = make_offering(title="Perjantain puutyöpaja", opening_hours="FR 09:00-14:00",
                           step_free_access=Accessible.YES, accessible_toilet=Accessible.YES)
    evening = make_offering(title="Iltapaja", opening_hours="TU,TH 16:00-19:00", step_free_access=Accessible.YES)
    make_offering(title="Aamupaja", opening_hours="MO 08:00-12:00")

    def found(**filters):
        return set(search(SearchRequest(filters=Filters(**filters))).ids)

    assert found(open_on=("fr",)) == {str(friday.uuid)}
    assert found(open_on=("evening",)) == {str(evening.uuid)}
    assert found(access=("step_free_access",)) == {str(friday.uuid), str(evening.uuid)}
    assert found(access=("step_free_access", "accessible_toilet")) == {str(friday.uuid)}  # every feature chosen

    response = client.get("/search?q=paja+avoinna+perjantaisin")
    assert response.status_code == 302 and "open_on=fr" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Perjantain puutyöpaja" in page and "Aamupaja" not in page
    assert "Avoinna: perjantaisin" in page  # the chip that removes the filter


def test_hsds_carries_weekly_hours_breaks_and_accessibility(app, make_offering):
    offering = make_offering(street_address="Verstaskatu 3", opening_hours="MO,TU 08:30-13:30",
                             closures="2027-06-28 to 2027-08-01 Kesätauko",
                             step_free_access=Accessible.YES, induction_loop=Accessible.NO,
                             accessibility_notes="Luiska.")
    service = objects.service(offering)
    weekly = [s for s in service["schedules"] if s.get("freq")]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [("MO,TU", "08:30", "13:30")]
    closed = [s for s in service["schedules"] if s.get("valid_from")]
    assert [(s["valid_from"], s["valid_to"], s["description"]) for s in closed] == [
        ("2027-06-28", "2027-08-01", "Kesätauko")]
    access = service["service_at_locations"][0]["location"]["accessibility"]
    assert [entry["description"] for entry in access] == ["Esteetön kulku: Kyllä", "Induktiosilmukka: Ei", "Luiska."]


def test_search_cards_say_when_it_is_open_and_what_the_premises_have(client, make_offering):
    from marketplace.clock import today

    now = today()
    make_offering(title="Puutyöpaja arkisin", opening_hours="MO,TU,WE,TH,FR 08:00-15:00\nSU 16:00-19:00",
                  closures=f"{now - timedelta(days=3)} to {now + timedelta(days=9)} Joulutauko",
                  step_free_access=Accessible.YES, induction_loop=Accessible.YES, accessible_toilet=Accessible.NO)
    make_offering(title="Puutyöpaja etänä", delivery_mode="remote", opening_hours="MO,WE 09:00-12:00",
                  step_free_access=Accessible.YES)
    page = client.get("/search?q=puutyöpaja").get_data(as_text=True)
    cards = dict(re.findall(r'<article class="offering-card">.*?>Puutyöpaja (\w+)</a>(.*?)</article>', page, re.S))
    local = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cards["arkisin"]))
    assert "Avoinna ma–pe, su, myös iltaisin" in local
    assert f"Tauolla {(now + timedelta(days=9)):%-d.%-m.%Y} asti" in local
    assert "✓ Esteetön kulku" in local and "✓ Induktiosilmukka" in local and "Esteetön WC" not in local
    remote = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cards["etänä"]))
    assert "Avoinna ma, ke" in remote and "iltaisin" not in remote
    assert "Esteetön kulku" not in remote  # premises mean nothing for a remote offering


def test_the_refer_form_shows_the_hours_breaks_and_accessibility(client, login, network, make_offering):
    offering = make_offering(org=network.provider_org, opening_hours="TU 16:00-18:00",
                             closures="2099-06-28 to 2099-08-01 Kesätauko", public_transport=Accessible.YES,
                             accessibility_notes="Hissi B-ovesta.")
    login(network.coach)
    form = client.get(f"/offerings/{offering.uuid}/refer").get_data(as_text=True)
    assert "<dt>Aukioloajat</dt><dd>ti klo 16.00–18.00</dd>" in form
    assert "Suljettu 28.6.2099–1.8.2099: Kesätauko" in form
    assert "Julkinen liikenne lähellä: <strong>Kyllä</strong>" in form
    assert "Esteetön kulku: <strong>Ei tiedossa</strong>" in form and "Hissi B-ovesta." in form
