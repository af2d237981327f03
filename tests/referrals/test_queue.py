"""The waiting list of a full offering: order, moves with a reason, offering a freed place, long waits, estimates."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.accounts.service import create_token
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Intake, Offering, OfferingStartDate
from marketplace.clock import today, utcnow
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.i18n import show_week
from marketplace.referrals import service
from marketplace.referrals.models import DeclineReason, EventKind, Outcome, Referral, ReferralStatus
from marketplace.referrals.service import TransitionDetails
from tests.helpers import at_once, outbox

S = ReferralStatus


@pytest.fixture
def full(network):
    """The network's offering with every place taken (capacity 3, 0 open, 8 weeks long)."""
    network.offering.open_places = 0
    network.offering.duration_weeks = 8
    db.session.commit()
    return network.offering


def positions(offering) -> list[tuple[str, int]]:
    db.session.expire_all()
    return [(r.jobseeker_name, service.queue_position(r)) for r in db.session.scalars(
        select(Referral).where(Referral.offering_id == offering.id, Referral.status == S.QUEUED).order_by(Referral.id))]


def queue_three(make_referral):
    return [make_referral(jobseeker_name=name) for name in ("Anna Ensimmäinen", "Bertta Toinen", "Cecilia Kolmas")]


def test_referrals_to_a_full_offering_wait_in_the_order_they_were_sent(client, login, network, full,
                                                                       make_referral):
    first, second, third = queue_three(make_referral)
    assert positions(full) == [("Anna Ensimmäinen", 1), ("Bertta Toinen", 2), ("Cecilia Kolmas", 3)]
    assert second.status is S.QUEUED and second.waiting_list and second.queued_at is not None
    assert second.events[0].to_status is S.QUEUED

    login(network.coach)
    page = client.get(f"/referrals/{second.uuid}").get_data(as_text=True)
    assert "Asiakas on jonossa sijalla 2." in page and "Jonossa" in page
    _token, plain = create_token(network.coach, network.coach_org, "Asiakastietojärjestelmä")
    api = client.get(f"/api/v1/referrals/{second.uuid}", headers={"Authorization": f"Bearer {plain}"}).json
    assert (api["status"], api["queue_position"], api["waiting_list"]) == ("queued", 2, True)
    assert api["estimated_start"] == service.estimated_start(second).isoformat()
    offering_page = client.get(f"/offerings/{full.uuid}").get_data(as_text=True)
    assert "Ohjaus menee jonoon: jonossa on nyt 3 asiakasta." in offering_page


def test_nobody_jumps_the_queue_when_a_place_frees(network, full, make_referral):
    waiting = make_referral(jobseeker_name="Anna Ensimmäinen")
    full.open_places = 1  # freed, not yet offered to the one waiting
    db.session.commit()
    newcomer = make_referral(jobseeker_name="Bertta Toinen")
    assert newcomer.status is S.QUEUED
    assert positions(full) == [("Anna Ensimmäinen", 1), ("Bertta Toinen", 2)]
    assert waiting.status is S.QUEUED


def test_an_offering_with_places_and_no_queue_takes_referrals_as_before(network, make_referral):
    referral = make_referral()
    assert (referral.status, referral.queue_rank, referral.waiting_list) == (S.SENT, None, False)


def test_the_provider_may_queue_a_referral_it_cannot_take_yet(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/queue", data={"version": referral.version})
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Referral, referral.id)
    assert (stored.status, service.queue_position(stored), stored.first_response_at is not None) == (S.QUEUED, 1, True)
    assert "Ohjaus siirretty jonon viimeiseksi." in client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)


def test_the_provider_moves_someone_with_a_reason_the_coach_sees(client, login, network, full, make_referral):
    first, second, third = queue_three(make_referral)
    versions = {r.id: r.version for r in (first, second, third)}
    login(network.provider_member)
    queue_page = client.get(f"/offerings/{full.uuid}/queue").get_data(as_text=True)
    assert [m for m in re.findall(r"(Anna|Bertta|Cecilia) \w+</a>", queue_page)] == ["Anna", "Bertta", "Cecilia"]
    prefix = f"move-{third.uuid.hex[:12]}"

    missing = client.post(f"/referrals/{third.uuid}/queue/position", data={f"{prefix}-position": "1"})
    assert missing.status_code == 422 and "Tämä tieto on pakollinen" in missing.get_data(as_text=True)
    beyond = client.post(f"/referrals/{third.uuid}/queue/position",
                         data={f"{prefix}-position": "9", f"{prefix}-reason": "Kiire"})
    assert beyond.status_code == 422 and "Valitse sija väliltä 1–3." in beyond.get_data(as_text=True)

    moved = client.post(f"/referrals/{third.uuid}/queue/position",
                        data={f"{prefix}-position": "1", f"{prefix}-reason": "Kuntoutussuunnitelma alkaa tammikuussa."})
    assert moved.status_code == 302
    assert positions(full) == [("Anna Ensimmäinen", 2), ("Bertta Toinen", 3), ("Cecilia Kolmas", 1)]
    # the others' open pages stay valid: moving them is no edit of their referral
    assert {r.id: db.session.get(Referral, r.id).version for r in (first, second, third)} == versions
    event = db.session.get(Referral, third.id).events[-1]
    assert (event.kind, event.action, event.body) == (EventKind.QUEUE_MOVED, "1",
                                                      "Kuntoutussuunnitelma alkaa tammikuussa.")
    assert any("Jonopaikka muuttui" in m.subject for m in outbox(network.coach.email))

    client.post("/logout")
    login(network.coach)
    page = client.get(f"/referrals/{third.uuid}").get_data(as_text=True)
    assert "Siirretty jonossa sijalle 1" in page and "Kuntoutussuunnitelma alkaa tammikuussa." in page


def test_only_the_provider_moves_people_in_its_queue(network, full, make_referral):
    first, second, _third = queue_three(make_referral)
    with pytest.raises(NotPermitted):
        service.move_in_queue(second, 1, "Minun asiakkaani ensin", network.coach)
    db.session.rollback()
    with pytest.raises(InvalidInput):
        service.move_in_queue(db.session.get(Referral, second.id), 2, "Sama paikka", network.provider_member)
    db.session.rollback()
    assert positions(full)[:2] == [("Anna Ensimmäinen", 1), ("Bertta Toinen", 2)]


def test_a_freed_place_prompts_the_provider_and_goes_to_the_first_in_line(client, login, network, full,
                                                                         make_referral):
    holder = make_referral(jobseeker_name="Paikan Haltija")
    holder.offering.open_places = 1
    db.session.commit()
    service.transition(holder, "accept", network.provider_member, TransitionDetails(start_on=today()))
    service.transition(holder, "start", network.provider_member)
    first, second, _third = queue_three(make_referral)
    outbox_before = len(outbox())

    service.transition(holder, "complete", network.provider_member, TransitionDetails(outcome=Outcome.EDUCATION))
    prompts = [m for m in outbox()[outbox_before:] if m.subject.startswith("Paikka vapautui")]
    # everyone of the provider but the one who freed it; the link goes to the queue
    assert {m.recipient for m in prompts} == {network.provider_admin.email}
    assert "Paikka vapautui – jonossa 3: Puutyöpaja" == prompts[0].subject
    assert f"/offerings/{full.uuid}/queue" in prompts[0].body

    login(network.provider_member)
    page = client.get(f"/offerings/{full.uuid}/queue").get_data(as_text=True)
    assert "Paikka on vapaana. Tarjoa se jonon ensimmäiselle" in page
    assert page.count("Tarjoa paikkaa</button>") == 1  # one free place: one offer, to the first
    prefix = f"offer-{first.uuid.hex[:12]}"
    no_date = client.post(f"/referrals/{first.uuid}/queue/offer", data={f"{prefix}-version": first.version})
    assert no_date.status_code == 422
    start = (today() + timedelta(days=3)).isoformat()
    offered = client.post(f"/referrals/{first.uuid}/queue/offer",
                          data={f"{prefix}-version": first.version, f"{prefix}-start_on": start})
    assert offered.status_code == 302
    db.session.expire_all()
    accepted = db.session.get(Referral, first.id)
    assert (accepted.status, accepted.start_on.isoformat(), accepted.holds_place, accepted.queue_rank) == (
        S.ACCEPTED, start, True, None)
    assert db.session.get(Offering, full.id).open_places == 0
    assert positions(full) == [("Bertta Toinen", 1), ("Cecilia Kolmas", 2)]


def test_adding_places_prompts_the_other_members(network, full, make_referral):
    make_referral()
    catalog.set_open_places(full, 2, network.provider_admin)
    prompts = [m for m in outbox() if m.subject.startswith("Paikka vapautui")]
    assert [m.recipient for m in prompts] == [network.provider_member.email]


def test_no_prompt_when_nobody_waits(network, make_referral):
    catalog.set_open_places(network.offering, 3, network.provider_admin)
    assert not [m for m in outbox() if m.subject.startswith("Paikka vapautui")]


def _in_own_context(action, referral_id, user_id, **details):
    referral = db.session.get(Referral, referral_id)
    service.transition(referral, action, db.session.get(User, user_id), TransitionDetails(**details),
                       expected_version=referral.version)
    return action


def test_two_places_freed_at_once_are_both_counted_and_both_prompt(network, make_referral):
    network.offering.capacity_total = 2
    network.offering.open_places = 2
    db.session.commit()
    holders = [make_referral(jobseeker_name=f"Haltija {n}") for n in (1, 2)]
    for holder in holders:
        service.transition(holder, "accept", network.provider_member, TransitionDetails(start_on=today()))
    queue_three(make_referral)
    results = at_once(*[lambda h=h: _in_own_context("withdraw", h.id, network.coach.id) for h in holders])
    assert results == ["withdraw", "withdraw"]
    db.session.expire_all()
    assert db.session.get(Offering, network.offering.id).open_places == 2
    prompts = [m for m in outbox(network.provider_admin.email) if m.subject.startswith("Paikka vapautui")]
    assert len(prompts) == 2


def test_two_people_offering_the_same_place_at_once_give_one_answer(network, full, make_referral):
    first = make_referral()
    full.open_places = 1
    db.session.commit()
    results = at_once(*[lambda u=u: _in_own_context("accept", first.id, u.id, start_on=today())
                        for u in (network.provider_member, network.provider_admin)])
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "str"]
    db.session.expire_all()
    assert db.session.get(Referral, first.id).status is S.ACCEPTED
    assert db.session.get(Offering, full.id).open_places == 0
    accepted = [e for e in db.session.get(Referral, first.id).events if e.action == "accept"]
    assert len(accepted) == 1


def test_a_long_wait_asks_the_coach_once_to_reconsider(app, client, login, network, full, make_referral):
    waiting = make_referral()
    recent = make_referral(jobseeker_name="Tuore Jonottaja")
    weeks = app.config["QUEUE_RECONSIDER_WEEKS"]
    waiting.queued_at = utcnow() - timedelta(weeks=weeks, days=1)
    db.session.commit()
    assert service.send_queue_reminders() == 1
    assert service.send_queue_reminders() == 0
    mail = [m for m in outbox(network.coach.email) if "odottanut jonossa" in m.subject]
    assert len(mail) == 1 and f"yli {weeks} viikkoa" in mail[0].subject and "Jonopaikka nyt: 1." in mail[0].body
    assert "Tuore" not in mail[0].body and "Matti" not in mail[0].body  # no personal data in email
    assert db.session.get(Referral, waiting.id).events[-1].kind is EventKind.REMINDER
    assert db.session.get(Referral, recent.id).queue_reminder_sent_at is None

    login(network.coach)
    page = client.get(f"/referrals/{waiting.uuid}").get_data(as_text=True)
    assert "Harkitse yhdessä asiakkaan kanssa, sopisiko jokin toinen palvelu." in page
    assert f"/search?type={full.offering_type}" in page
    assert "Harkitse" not in client.get(f"/referrals/{recent.uuid}").get_data(as_text=True)


def test_the_estimate_follows_when_the_places_held_now_free(network, full, make_referral):
    full.open_places = 2
    db.session.commit()
    started = [make_referral(jobseeker_name=f"Aloittanut {n}") for n in (1, 2)]
    for weeks_ago, referral in zip((6, 2), started, strict=True):
        service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
        referral.start_on = today() - timedelta(weeks=weeks_ago)  # as if accepted weeks ago
    db.session.commit()
    queue_three(make_referral)
    # places free 2 and 6 weeks from now (8-week periods), then again a period later
    assert service.estimated_starts(db.session.get(Offering, full.id), 3) == [
        today() + timedelta(weeks=2), today() + timedelta(weeks=6), today() + timedelta(weeks=10)]


def test_the_estimate_uses_the_next_start_dates_a_group_at_a_time(network, full, make_referral):
    full.intake = Intake.START_DATES
    full.start_dates = [OfferingStartDate(starts_on=today() + timedelta(days=days)) for days in (-3, 20, 60)]
    db.session.commit()  # capacity 3: three people per start date
    assert service.estimated_starts(full, 7) == [today() + timedelta(days=20)] * 3 + \
        [today() + timedelta(days=60)] * 3 + [None]


def test_without_duration_or_history_there_is_no_estimate(client, login, network, full, make_referral):
    full.duration_weeks = None
    db.session.commit()
    referral = make_referral()
    assert service.estimated_start(referral) is None
    login(network.provider_member)
    assert "ei arviota" in client.get(f"/offerings/{full.uuid}/queue").get_data(as_text=True)


def test_the_coach_and_the_jobseeker_see_the_week(client, login, network, full, make_referral):
    referral = make_referral()
    week = show_week(service.estimated_start(referral))
    assert week  # 3 places, nobody holding one: a period from now
    login(network.coach)
    assert f"Arvioitu aloitus viikolla {week}." in client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    client.post("/logout")
    status = client.get(f"/status/{referral.status_token}").get_data(as_text=True)
    assert "olet jonossa" in status and f"viikolla {week}" in status


def test_leaving_the_queue_closes_the_gap(network, full, make_referral):
    first, second, third = queue_three(make_referral)
    service.transition(second, "withdraw", network.coach)
    service.transition(first, "decline", network.provider_member,
                       TransitionDetails(decline_reason=DeclineReason.NOT_ELIGIBLE))
    assert positions(full) == [("Cecilia Kolmas", 1)]
    assert db.session.get(Referral, second.id).queue_rank is None


def test_a_stale_move_is_refused_when_the_person_already_left(network, full, make_referral):
    first, _second, _third = queue_three(make_referral)
    service.transition(first, "withdraw", network.coach)
    with pytest.raises(Conflict):
        service.move_in_queue(db.session.get(Referral, first.id), 2, "Vanha sivu", network.provider_member)
