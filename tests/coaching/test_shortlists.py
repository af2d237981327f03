"""Shortlists: a coach collects offerings, orders and annotates them, and hands them over printed, pasted or linked."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.catalog.models import OfferingStatus
from marketplace.clock import utcnow
from marketplace.coaching import service
from marketplace.coaching.models import Shortlist, ShortlistItem
from marketplace.errors import Conflict, NotFound, NotPermitted
from marketplace.extensions import db
from tests.helpers import at_once, decode_qr


@pytest.fixture
def offerings(network, make_offering):
    second = make_offering(org=network.provider_org, by=network.provider_admin, title="Kahvilatyö",
                           plain_language_summary="Teet töitä kahvilassa. Ohjaaja auttaa.",
                           contact_phone="+358201234567")
    third = make_offering(org=network.provider_org, by=network.provider_admin, title="Digitaidot")
    return [network.offering, second, third]


@pytest.fixture
def shortlist(network, offerings):
    made = service.create_shortlist(network.coach, network.coach_org, "ASIA-2026-0415")
    for offering in offerings:
        service.add_offering(network.coach, network.coach_org, offering, str(made.uuid))
    return made


def titles(shortlist):
    db.session.refresh(shortlist)
    return [item.offering.title for item in shortlist.items]


def test_a_coach_adds_from_the_offering_page_to_a_new_list_then_to_it_again(client, login, network):
    login(network.coach)
    page = client.get(f"/offerings/{network.offering.uuid}").get_data(as_text=True)
    assert "Lisää listalle" in page
    response = client.post("/shortlists/add", data={"offering": str(network.offering.uuid), "shortlist": "",
                                                    "new_name": "Nuori 7", "next": "/search?q=puu"})
    assert response.status_code == 302 and response.headers["Location"] == "/search?q=puu"
    made = db.session.scalar(select(Shortlist))
    assert made.name == "Nuori 7" and titles(made) == ["Puutyöpaja"]
    again = client.post("/shortlists/add", data={"offering": str(network.offering.uuid), "shortlist": str(made.uuid),
                                                 "next": "https://evil.example/"})
    assert again.headers["Location"] == f"/offerings/{network.offering.uuid}"  # never away from the site
    assert titles(made) == ["Puutyöpaja"]
    assert "on jo listalla" in client.get("/").get_data(as_text=True)


def test_search_results_offer_the_form_to_coaches_only(client, login, network):
    assert "Lisää listalle" not in client.get("/offerings").get_data(as_text=True)
    login(network.provider_admin)
    assert "Lisää listalle" not in client.get("/offerings").get_data(as_text=True)
    client.post("/logout")
    login(network.coach)
    assert "Lisää listalle" in client.get("/offerings").get_data(as_text=True)


def test_reorder_note_and_remove(network, shortlist):
    items = {item.offering.title: item for item in shortlist.items}
    service.move_item(str(shortlist.uuid), items["Digitaidot"].id, "up", network.coach)
    assert titles(shortlist) == ["Puutyöpaja", "Digitaidot", "Kahvilatyö"]
    service.move_item(str(shortlist.uuid), items["Puutyöpaja"].id, "up", network.coach)  # already first
    assert titles(shortlist) == ["Puutyöpaja", "Digitaidot", "Kahvilatyö"]
    service.set_note(str(shortlist.uuid), items["Kahvilatyö"].id, "Soita Tiinalle maanantaina.", network.coach)
    service.remove_item(str(shortlist.uuid), items["Digitaidot"].id, network.coach)
    assert titles(shortlist) == ["Puutyöpaja", "Kahvilatyö"]
    assert shortlist.items[1].note == "Soita Tiinalle maanantaina."


def test_a_stale_page_cannot_reorder_a_changed_list(client, login, network, shortlist):
    login(network.coach)
    shown = shortlist.version
    first = shortlist.items[0]
    service.set_note(str(shortlist.uuid), first.id, "Toisessa ikkunassa", network.coach)
    response = client.post(f"/shortlists/{shortlist.uuid}/items/{shortlist.items[1].id}/up", data={"version": shown})
    assert response.status_code == 409 and "Lataa sivu uudelleen" in response.get_data(as_text=True)
    assert titles(shortlist) == ["Puutyöpaja", "Kahvilatyö", "Digitaidot"]


def test_adding_the_same_offering_twice_at_once_keeps_one(app, network, make_offering):
    made = service.create_shortlist(network.coach, network.coach_org, "Kaksoisklikkaus")
    offering_id, uuid = network.offering.id, str(made.uuid)

    def add():
        from marketplace.accounts.models import Organisation, User
        from marketplace.catalog.models import Offering

        coach = db.session.get(User, network.coach.id)
        return service.add_offering(coach, db.session.get(Organisation, network.coach_org.id),
                                    db.session.get(Offering, offering_id), uuid)[1]

    results = at_once(add, add)
    assert not any(isinstance(result, Exception) for result in results), results
    assert db.session.scalars(select(ShortlistItem.offering_id)).all() == [offering_id]


def test_team_lists_are_seen_by_colleagues_and_copied_not_edited(network, shortlist):
    with pytest.raises(NotFound):
        service.get_shortlist(str(shortlist.uuid), network.teammate)
    service.update_shortlist(str(shortlist.uuid), "ASIA-2026-0415", True, network.coach)
    assert service.get_shortlist(str(shortlist.uuid), network.teammate) == shortlist
    with pytest.raises(NotPermitted):
        service.set_note(str(shortlist.uuid), shortlist.items[0].id, "Ei saa", network.teammate)
    with pytest.raises(NotFound):
        service.get_shortlist(str(shortlist.uuid), network.other_coach)  # another organisation never
    copy = service.copy_shortlist(str(shortlist.uuid), network.teammate, network.coach_org)
    assert copy.owner == network.teammate and titles(copy) == titles(shortlist)
    assert service.team_shortlists(network.teammate, network.coach_org) == [shortlist]


def test_only_coaches_keep_lists(network):
    with pytest.raises(NotPermitted):
        service.create_shortlist(network.provider_admin, network.provider_org, "Oma")


def test_the_public_page_shows_offerings_and_notes_but_no_names_and_expires(client, network, shortlist, offerings):
    service.set_note(str(shortlist.uuid), shortlist.items[0].id, "Soita Tiinalle.", network.coach)
    service.share_shortlist(str(shortlist.uuid), 7, network.coach)
    offerings[2].status = OfferingStatus.PAUSED  # no longer public: not on the page
    db.session.commit()
    path = f"/s/{shortlist.share_token}"
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["X-Robots-Tag"] == "noindex"
    assert "Puutyöpaja" in page and "Kahvilatyö" in page and "Soita Tiinalle." in page and "Digitaidot" not in page
    for personal in ("ASIA-2026-0415", "Aino Valmentaja", "coach@salo.fi"):
        assert personal not in page
    shortlist.share_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(path).status_code == 404
    service.share_shortlist(str(shortlist.uuid), 30, network.coach)
    assert client.get(path).status_code == 404  # a new link replaces the old one
    assert client.get(f"/s/{shortlist.share_token}").status_code == 200
    service.stop_sharing(str(shortlist.uuid), network.coach)
    assert client.get(path).status_code == 404


def test_guessing_list_links_is_404_then_429(client, network):
    for attempt in range(20):
        assert client.get(f"/s/arvaus-{attempt}").status_code == 404
    assert client.get("/s/arvaus").status_code == 429


def test_the_handout_is_plain_with_contacts_and_a_qr_code_to_each_offering(client, login, network, shortlist):
    login(network.coach)
    page = client.get(f"/shortlists/{shortlist.uuid}/handout").get_data(as_text=True)
    assert "Teet töitä kahvilassa. Ohjaaja auttaa." in page  # the plain-language summary where there is one
    assert "020 1234567" in page and page.count('class="qr-code"') == 3
    assert decode_qr(page) == f"https://kumppanitori.test/offerings/{shortlist.items[0].offering.uuid}"
    assert "ASIA-2026-0415" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        f"← {shortlist.name}", "")  # the list's name only on the back link, never on the paper


def test_the_text_to_paste_has_names_contacts_and_links(client, login, network, shortlist):
    login(network.coach)
    page = client.get(f"/shortlists/{shortlist.uuid}").get_data(as_text=True)
    text = page.split('id="paste-text"', 1)[1].split("</textarea>")[0]
    assert "1. Puutyöpaja" in text and "2. Kahvilatyö" in text and "020 1234567" in text
    assert f"https://kumppanitori.test/offerings/{shortlist.items[1].offering.uuid}" in text


def test_a_list_name_with_a_henkilotunnus_is_refused(client, login, network):
    login(network.coach)
    response = client.post("/shortlists", data={"name": "Matti 131052-308T"})
    assert response.status_code == 422 and db.session.scalar(select(Shortlist)) is None


def test_deleting_a_list(client, login, network, shortlist):
    login(network.coach)
    assert client.post(f"/shortlists/{shortlist.uuid}/delete").headers["Location"] == "/shortlists"
    assert db.session.scalar(select(Shortlist)) is None and db.session.scalar(select(ShortlistItem)) is None


def test_sharing_needs_an_offered_duration(network, shortlist):
    with pytest.raises(Exception) as error:
        service.share_shortlist(str(shortlist.uuid), 365, network.coach)
    assert error.value.status_code == 422


def test_a_conflict_is_raised_for_a_stale_version(network, shortlist):
    with pytest.raises(Conflict):
        service.move_item(str(shortlist.uuid), shortlist.items[1].id, "up", network.coach,
                          expected_version=shortlist.version - 1)


def test_a_refused_add_says_why_on_the_page_it_came_from(client, login, network):
    login(network.coach)
    response = client.post("/shortlists/add", data={"offering": str(network.offering.uuid), "new_name": "x" * 200,
                                                    "next": "/offerings"})
    assert response.status_code == 302 and response.headers["Location"] == "/offerings"
    assert "100" in client.get("/offerings").get_data(as_text=True)  # the length the name may have
