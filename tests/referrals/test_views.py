"""The referral pages as coaches and providers use them."""

import csv
import io
import re
from datetime import timedelta

from sqlalchemy import select

from marketplace.clock import today
from marketplace.extensions import db
from marketplace.i18n import show_date
from marketplace.referrals import service
from marketplace.referrals.models import Channel, DeclineReason, EventKind, Referral, ReferralStatus
from marketplace.referrals.service import TransitionDetails
from tests.helpers import outbox, referral_views


def form_data(**overrides) -> dict:
    data = {
        "submission_key": "abc123",
        "jobseeker_name": "Liisa Esimerkki",
        "jobseeker_phone": "050 765 4321",
        "jobseeker_email": "",
        "jobseeker_language": "fi",
        "case_reference": "OMA-77",
        "goal": "Kuntouttava työtoiminta kolmena päivänä viikossa.",
        "background": "",
        "wished_start_on": "",
        "eligibility_confirmed": "y",
        "consent_given": "y",
        "consent_version": "2026-11",
    }
    return {**data, **overrides}


def referrals() -> list[Referral]:
    return list(db.session.scalars(select(Referral).order_by(Referral.id)))


def test_coach_sees_refer_button_and_a_form_with_eligibility_places_and_consent(client, login, network):
    login(network.coach)
    offering_page = client.get(f"/offerings/{network.offering.uuid}").get_data(as_text=True)
    assert f"/offerings/{network.offering.uuid}/refer" in offering_page and "Ohjaa asiakas" in offering_page
    page = client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)
    assert "Yli 18-vuotias, työkykyä vähintään 4 tuntia päivässä." in page
    assert "2 paikkaa vapaana" in page
    assert "Asiakas on antanut suostumuksensa" in page and "versio 2026-12" in page


def test_providers_see_no_refer_button(client, login, network):
    login(network.other_provider)
    page = client.get(f"/offerings/{network.offering.uuid}").get_data(as_text=True)
    assert "/refer" not in page
    assert client.get(f"/offerings/{network.offering.uuid}/refer").status_code == 403


def test_sending_a_referral_creates_it_and_tells_the_provider(client, login, network):
    login(network.coach)
    response = client.post(f"/offerings/{network.offering.uuid}/refer", data=form_data())
    assert response.status_code == 302
    [referral] = referrals()
    assert response.headers["Location"] == f"/referrals/{referral.uuid}"
    assert (referral.jobseeker_name, referral.jobseeker_phone) == ("Liisa Esimerkki", "+358507654321")
    assert {e.recipient for e in outbox()} == {"admin@verstas.fi", "ohjaaja@verstas.fi"}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ohjaus lähetetty" in page and "Liisa Esimerkki" in page and "OMA-77" in page


def test_a_double_submitted_form_sends_one_referral(client, login, network):
    login(network.coach)
    first = client.post(f"/offerings/{network.offering.uuid}/refer", data=form_data(submission_key="same"))
    second = client.post(f"/offerings/{network.offering.uuid}/refer", data=form_data(submission_key="same"))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(referrals()) == 1


def test_each_opened_form_has_its_own_key(client, login, network):
    login(network.coach)
    keys = {re.search(r'name="submission_key" type="hidden" value="(\w+)"',
                      client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)).group(1)
            for _ in range(2)}
    assert len(keys) == 2


def test_henkilotunnus_in_the_form_is_refused_and_nothing_is_kept(client, login, network):
    login(network.coach)
    response = client.post(f"/offerings/{network.offering.uuid}/refer",
                           data=form_data(background="Hetu 131052-308T, asuu Salossa."))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Poista henkilötunnus" in page
    assert "Liisa Esimerkki" in page  # what was typed is kept
    assert referrals() == []


def test_consent_is_required(client, login, network):
    login(network.coach)
    data = form_data()
    del data["consent_given"]
    response = client.post(f"/offerings/{network.offering.uuid}/refer", data=data)
    assert response.status_code == 422 and "Tämä tieto on pakollinen" in response.get_data(as_text=True)
    assert referrals() == []


def test_a_full_offering_says_waiting_list(client, login, network):
    network.offering.open_places = 0
    db.session.commit()
    login(network.coach)
    page = client.get(f"/offerings/{network.offering.uuid}").get_data(as_text=True)
    assert "Ohjaus menee jonoon: jonossa on nyt 0 asiakasta." in page
    assert "asiakas merkitään jonoon" in client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)
    client.post(f"/offerings/{network.offering.uuid}/refer", data=form_data())
    assert [(r.status, r.waiting_list, r.queue_rank) for r in referrals()] == [(ReferralStatus.QUEUED, True, 1)]


def test_provider_inbox_lists_new_referrals_and_logs_the_view(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    page = client.get(f"/organisations/{network.provider_org.uuid}/inbox").get_data(as_text=True)
    assert "Matti Meikäläinen" in page and "Puutyöpaja" in page and "Salon työllisyyspalvelut" in page
    assert "Uudet (1)" in page
    assert [(a.object_id, a.user_id, a.detail) for a in referral_views()] == [
        (str(referral.uuid), network.provider_member.id, Channel.LIST)]


def test_provider_accepts_on_the_referral_page(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert "Matti Meikäläinen" in page and "Hyväksy" in page and "Peru ohjaus" not in page
    start = (today() + timedelta(days=7)).isoformat()
    response = client.post(f"/referrals/{referral.uuid}/accept", data={"start_on": start, "version": referral.version})
    assert response.status_code == 302
    assert db.session.get(Referral, referral.id).status is ReferralStatus.ACCEPTED
    assert network.offering.open_places == 1
    viewed = [view.detail for view in referral_views(referral)]
    assert Channel.WEB in viewed


def test_a_stale_page_answers_409(client, login, network, make_referral):
    referral = make_referral()
    version = referral.version
    service.transition(referral, "request_info", network.provider_admin, TransitionDetails(message="Kysymys"))
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/decline",
                           data={"decline_reason": "full", "version": version})
    assert response.status_code == 409
    assert "Joku muu ehti käsitellä ohjauksen" in response.get_data(as_text=True)
    assert db.session.get(Referral, referral.id).status is ReferralStatus.INFO_REQUESTED


def test_declining_without_a_reason_shows_the_form_again(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/decline", data={"version": referral.version})
    assert response.status_code == 422 and "Tämä tieto on pakollinen" in response.get_data(as_text=True)
    other = client.post(f"/referrals/{referral.uuid}/decline",
                        data={"decline_reason": "other", "message": "", "version": referral.version})
    assert other.status_code == 422 and "Kerro syy valmentajalle" in other.get_data(as_text=True)
    assert db.session.get(Referral, referral.id).status is ReferralStatus.SENT


def test_accepting_into_a_full_offering_asks_for_confirmation(client, login, network, make_referral):
    referral = make_referral()
    network.offering.open_places = 0
    db.session.commit()
    login(network.provider_member)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    label = "Otan asiakkaan vastaan, vaikka vapaita paikkoja ei ole."
    assert label in page
    start = today().isoformat()
    refused = client.post(f"/referrals/{referral.uuid}/accept", data={"start_on": start, "version": referral.version})
    assert refused.status_code == 422
    refusal = refused.get_data(as_text=True)  # the message points at the box instead of repeating its label
    assert '<p class="error-message" id="confirm_full-error">' in refusal
    assert "Vahvista valintaruudulla, että otat asiakkaan vastaan." in refusal
    assert "Vahvista, että otat asiakkaan silti vastaan" not in refusal
    accepted = client.post(f"/referrals/{referral.uuid}/accept",
                           data={"start_on": start, "confirm_full": "y", "version": referral.version})
    assert accepted.status_code == 302
    assert network.offering.open_places == 0


def test_both_sides_write_messages_on_one_timeline(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    assert client.post(f"/referrals/{referral.uuid}/messages",
                       data={"body": "Soitin, ei vastannut."}).status_code == 302
    client.post("/logout")
    login(network.coach)
    assert client.post(f"/referrals/{referral.uuid}/messages",
                       data={"body": "Kokeile iltapäivällä."}).status_code == 302
    bad = client.post(f"/referrals/{referral.uuid}/messages", data={"body": "Hänen hetunsa on 131052-308T"})
    assert bad.status_code == 422
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert page.index("Soitin, ei vastannut.") < page.index("Kokeile iltapäivällä.")
    assert "Jussi Työvalmentaja, Verstas ry" in page and "131052-308T" not in page


def test_coach_answers_a_question_and_withdraws(client, login, network, make_referral):
    referral = make_referral()
    service.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys?"))
    login(network.coach)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert "Palveluntuottaja pyytää lisätietoja" in page and "Kysymys?" in page
    assert client.post(f"/referrals/{referral.uuid}/answer",
                       data={"message": "Vastaus.", "version": referral.version}).status_code == 302
    db.session.refresh(referral)
    assert client.post(f"/referrals/{referral.uuid}/withdraw",
                       data={"message": "", "version": referral.version}).status_code == 302
    assert db.session.get(Referral, referral.id).status is ReferralStatus.WITHDRAWN


def test_coach_lists_filter_by_state_and_scope(client, login, network, make_referral):
    mine = make_referral(jobseeker_name="Oma Asiakas")
    teams = make_referral(by=network.teammate, jobseeker_name="Tiimin Asiakas")
    service.transition(teams, "decline", network.provider_member, TransitionDetails(decline_reason=DeclineReason.FULL))
    login(network.coach)
    url = f"/organisations/{network.coach_org.uuid}/referrals"
    team_page = client.get(url).get_data(as_text=True)
    assert "Oma Asiakas" in team_page and "Tiimin Asiakas" in team_page
    mine_page = client.get(url + "?scope=mine").get_data(as_text=True)
    assert "Oma Asiakas" in mine_page and "Tiimin Asiakas" not in mine_page
    declined = client.get(url + "?status=declined").get_data(as_text=True)
    assert "Tiimin Asiakas" in declined and "Oma Asiakas" not in declined
    assert "Oma Asiakas" in client.get(url + "?q=oma").get_data(as_text=True)
    assert "Oma Asiakas" not in client.get(url + "?q=tiimin").get_data(as_text=True)
    bad_date = client.get(url + "?sent_from=eilen")
    assert bad_date.status_code == 422 and "Oma Asiakas" in bad_date.get_data(as_text=True)
    assert mine.status is ReferralStatus.SENT


def test_coach_csv_export_has_their_referrals(client, login, network, make_referral):
    make_referral(jobseeker_name="=HYPERLINK(\"http://x\")")
    make_referral(jobseeker_name="Oma Asiakas")
    login(network.coach)
    response = client.get(f"/organisations/{network.coach_org.uuid}/referrals.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Tunnus", "Lähetetty", "Tila"]
    names = {row[5] for row in rows[1:]}
    assert names == {"Oma Asiakas", "'=HYPERLINK(\"http://x\")"}  # formulas are neutralised


def test_provider_csv_export_is_logged(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_admin)
    response = client.get(f"/organisations/{network.provider_org.uuid}/inbox.csv")
    assert ("Matti Meikäläinen" in response.get_data(as_text=True)
            and "+358401234567" not in response.get_data(as_text=True))
    assert "040 1234567" in response.get_data(as_text=True)
    assert [view.detail for view in referral_views(referral)].count(Channel.CSV) == 1


def test_dashboard_shows_referral_counts(client, login, network, make_referral):
    make_referral()
    login(network.provider_admin)
    assert "1 uusi" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login(network.coach)
    page = client.get("/").get_data(as_text=True)
    assert "1 avoin" in page
    assert client.get("/referrals").headers["Location"].endswith(f"/organisations/{network.coach_org.uuid}/referrals")


def test_the_timeline_shows_each_step_with_actor_and_organisation(client, login, network, make_referral):
    referral = make_referral()
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    service.transition(referral, "start", network.provider_member, TransitionDetails())
    login(network.coach)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    timeline = page[page.index('id="timeline-heading"'):]
    assert timeline.index("Ohjaus lähetetty") < timeline.index("Hyväksytty") < timeline.index("Aloittanut")
    assert "Aino Valmentaja, Salon työllisyyspalvelut" in timeline
    assert "Jussi Työvalmentaja, Verstas ry" in timeline
    assert [e.kind for e in referral.events] == [EventKind.CREATED, EventKind.TRANSITION, EventKind.TRANSITION]


def test_a_stored_phone_number_that_is_not_one_breaks_no_page(client, login, network, make_referral):
    """Numbers saved before every form checked them (e.g. "vaihde") are shown as text, never a 500."""
    referral = make_referral()
    network.coach.phone = "vaihde"
    db.session.commit()
    for user in (network.coach, network.provider_member):
        login(user)
        page = client.get(f"/referrals/{referral.uuid}")
        assert page.status_code == 200
        assert "vaihde" in page.get_data(as_text=True) and 'href="tel:vaihde"' not in page.get_data(as_text=True)
        assert client.get(f"/organisations/{user.memberships[0].organisation.uuid}/"
                          f"{'referrals' if user is network.coach else 'inbox'}").status_code == 200
        client.post("/logout")
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/accept", data={"start_on": today().isoformat(), "version": "1"})
    assert response.status_code == 302


def test_a_list_longer_than_a_page_shows_its_pages(client, login, network, make_referral, monkeypatch):
    from marketplace.referrals import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    for _ in range(5):
        make_referral()
    login(network.coach)
    for query in ("", "?page=2", "?page=3&status=open"):
        page = client.get(f"/organisations/{network.coach_org.uuid}/referrals{query}")
        assert page.status_code == 200, query
        assert 'aria-label="Sivut"' in page.get_data(as_text=True)
    client.post("/logout")
    login(network.provider_member)
    assert client.get(f"/organisations/{network.provider_org.uuid}/inbox?page=2").status_code == 200


def test_completing_says_the_clients_period_ended_not_the_offering(client, login, network, make_referral):
    referral = make_referral()
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    service.transition(referral, "start", network.provider_member)
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/complete",
                           data={"outcome": "education", "version": referral.version}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Asiakkaan jakso merkitty päättyneeksi. Palvelu jatkuu muille." in page
    assert "Palvelu merkitty päättyneeksi" not in page


def test_the_status_filter_tells_all_closed_from_completed(client, login, network, make_referral):
    make_referral()
    login(network.provider_member)
    page = client.get(f"/organisations/{network.provider_org.uuid}/inbox").get_data(as_text=True)
    status_select = re.search(r'<select[^>]*id="status".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option[^>]*value="(\w*)"[^>]*>([^<]+)</option>', status_select)
    labels = dict(options)
    assert labels["completed"] == "Päättynyt" and labels["closed"] == "Kaikki suljetut"
    assert len({label for _value, label in options}) == len(options)  # no two choices read alike


def test_the_inbox_says_by_when_each_new_referral_is_answered(client, login, network, make_referral):
    waiting = make_referral()
    asked = make_referral(jobseeker_name="Kysytty Asiakas")
    service.transition(asked, "request_info", network.provider_member, TransitionDetails(message="Kengänkoko?"))
    login(network.provider_member)
    page = client.get(f"/organisations/{network.provider_org.uuid}/inbox").get_data(as_text=True)
    assert re.search(r'<th scope="col"\s+class="sortable">\s*<a href="[^"]*sort=due">Vastattava viimeistään', page)
    cells = re.findall(r'data-label="Vastattava viimeistään">(.*?)</td>', page, re.S)
    assert show_date(waiting.due_on) in cells[0] and "valmentajan vuoro" in cells[1]


def test_every_column_of_the_inbox_sorts_it_both_ways_with_plain_links(client, login, network, make_referral):
    for name in ("Bertta Bäck", "aino Aalto", "Cecilia Cedergren"):
        make_referral(jobseeker_name=name)
    login(network.provider_member)
    inbox = f"/organisations/{network.provider_org.uuid}/inbox"

    def names(query: str) -> list[str]:
        page = client.get(f"{inbox}?{query}").get_data(as_text=True)
        return re.findall(r'data-label="Asiakas"><a [^>]*>([^<]+)</a>', page)

    assert names("sort=name") == ["aino Aalto", "Bertta Bäck", "Cecilia Cedergren"]  # case does not decide
    assert names("sort=-name") == ["Cecilia Cedergren", "Bertta Bäck", "aino Aalto"]
    page = client.get(f"{inbox}?sort=name").get_data(as_text=True)
    assert 'aria-sort="ascending"' in page and "sort=-name" in page  # the same heading turns the order
    assert names("sort=nonsense") == names("")  # an unknown column keeps the inbox's own order
    for key in service.SORT_COLUMNS:
        assert client.get(f"{inbox}?sort=-{key}").status_code == 200
    client.post("/logout")
    login(network.coach)
    sent = f"/organisations/{network.coach_org.uuid}/referrals"
    for key in service.SORT_COLUMNS:
        assert client.get(f"{sent}?sort={key}").status_code == 200
    page = client.get(f"{sent}?sort=-name").get_data(as_text=True)
    assert re.findall(r'data-label="Asiakas">\s*<a [^>]*>([^<]+)</a>', page)[:3] == [
        "Cecilia Cedergren", "Bertta Bäck", "aino Aalto"]
