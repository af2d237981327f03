"""Notification settings: each kind of event at once, in the daily digest, or not at all; honoured by every sender."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.clock import today, utcnow
from marketplace.extensions import db
from marketplace.learning import service as learning
from marketplace.notifications import preferences
from marketplace.notifications.models import Delivery, DigestItem, NotificationKind
from marketplace.notifications.service import send_daily_digests
from marketplace.referrals import service as referrals
from marketplace.referrals.service import TransitionDetails
from tests.helpers import at_once, meet_at, outbox
from tests.learning.conftest import fill, import_sample


def choose(user, **choices):
    """Set some kinds for a user, the rest at once."""
    preferences.save_settings(user, {kind: Delivery(choices.get(kind.value, "immediate")) for kind in NotificationKind})


def new_referral(network, make_referral, **_):
    make_referral()
    return network.provider_member


def referral_update(network, make_referral, **_):
    referral = make_referral()
    referrals.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    return network.coach


def message(network, make_referral, **_):
    referral = make_referral()
    referrals.post_message(referral, "Tuleeko asiakas maanantaina?", network.provider_member)
    return network.coach


def overdue(network, make_referral, **_):
    referral = make_referral()
    referral.due_on = today() - timedelta(days=10)
    db.session.commit()
    referrals.send_overdue_reminders()
    return network.provider_admin


def learning_decision(network, make_referral, make_org, make_user, **_):
    from marketplace.accounts.models import OrganisationKind

    school = make_org(name="Koulutuskeskus", kind=OrganisationKind.EDUCATION_PROVIDER)
    teacher = make_user(email="opettaja@koulu.fi", org=school)
    make_user(email="rehtori@koulu.fi", org=school)  # so the teacher may turn it off
    referral = make_referral()
    referrals.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    record = learning.open_record(referral, import_sample(), network.provider_member, school)
    fill(record, network.provider_member, school)
    learning.submit_record(record, network.provider_member)
    return teacher


def stale_offering(network, **_):
    network.offering.confirmed_at = utcnow() - timedelta(days=200)
    db.session.commit()
    from marketplace.catalog.service.freshness import send_stale_reminders

    send_stale_reminders()
    return network.provider_member


TRIGGERS = {  # the event, and the email it sends
    NotificationKind.NEW_REFERRAL: (new_referral, "referrals/email/new_referral.txt"),
    NotificationKind.REFERRAL_UPDATE: (referral_update, "referrals/email/changed.txt"),
    NotificationKind.MESSAGE: (message, "referrals/email/changed.txt"),
    NotificationKind.OVERDUE: (overdue, "referrals/email/overdue.txt"),
    NotificationKind.LEARNING: (learning_decision, "learning/email/submitted.txt"),
    NotificationKind.STALE_OFFERING: (stale_offering, "catalog/email/stale_reminder.txt"),
}


def test_every_kind_has_a_trigger_here_or_in_its_own_domain():
    tested_elsewhere = {NotificationKind.SAVED_SEARCH}  # tests/search/test_saved_searches.py (digest, immediate)
    assert set(TRIGGERS) | tested_elsewhere == set(NotificationKind)


@pytest.mark.parametrize("delivery", list(Delivery))
@pytest.mark.parametrize("kind", list(TRIGGERS))
def test_each_kind_honours_the_receivers_choice(kind, delivery, network, make_referral, make_org, make_user,
                                                 monkeypatch):
    receiver = {
        NotificationKind.NEW_REFERRAL: network.provider_member, NotificationKind.REFERRAL_UPDATE: network.coach,
        NotificationKind.MESSAGE: network.coach, NotificationKind.OVERDUE: network.provider_admin,
        NotificationKind.STALE_OFFERING: network.provider_member,
    }.get(kind)
    if receiver is not None:
        choose(receiver, **{kind.value: delivery.value})
    else:  # the teacher only exists once the trigger made the school: choose just before it sends
        original = learning.submit_record

        def submit_after_choosing(record, actor):
            teacher = next(m for m in record.education_provider.active_members if m.email == "opettaja@koulu.fi")
            choose(teacher, **{kind.value: delivery.value})
            return original(record, actor)

        monkeypatch.setattr(learning, "submit_record", submit_after_choosing)
    before = len(outbox())
    trigger, template = TRIGGERS[kind]
    receiver = trigger(network=network, make_referral=make_referral, make_org=make_org, make_user=make_user)
    mine = [email for email in outbox()[before:] if email.recipient == receiver.email and email.template == template]
    items = db.session.scalars(select(DigestItem).where(DigestItem.user_id == receiver.id,
                                                        DigestItem.kind == kind)).all()
    if delivery is Delivery.IMMEDIATE:
        assert len(mine) == 1 and not items
    elif delivery is Delivery.DIGEST:
        assert not mine and len(items) == 1
        assert send_daily_digests() == 1
        digest = outbox(receiver.email)[-1]
        assert "Päivän kooste" in digest.subject and items[0].subject in digest.body
        assert "/account/notifications" in digest.body
        assert not db.session.scalars(select(DigestItem)).all()
    else:
        assert not mine and not items


def test_the_digest_gathers_a_day_in_the_readers_language_and_goes_once(network, make_referral):
    network.coach.language = "en"
    choose(network.coach, referral_update="digest", message="digest")
    referral = make_referral()
    referrals.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    referrals.post_message(referral, "Ja toinen kysymys", network.provider_member)
    referrals.post_message(referral, "Ja kolmas", network.provider_member)
    assert not outbox(network.coach.email)
    assert send_daily_digests() == 1
    [digest] = outbox(network.coach.email)
    assert digest.subject.startswith("Your daily digest") and digest.body.count("Puutyöpaja") == 3
    assert f"/referrals/{referral.uuid}" in digest.body and "Kysymys" not in digest.body  # links, no content
    assert send_daily_digests() == 0


def test_two_hosts_sending_digests_at_once_send_each_item_once(network, make_referral, monkeypatch):
    choose(network.coach, message="digest")
    referral = make_referral()
    referrals.post_message(referral, "Kysymys", network.provider_member)
    from marketplace.notifications import service

    meet_at(monkeypatch, service, "_waiting_users", 2)  # both list the waiting users before either takes them
    results = at_once(send_daily_digests, send_daily_digests)
    assert sorted(results) == [0, 1]
    assert len(outbox(network.coach.email)) == 1


def test_a_provider_cannot_leave_its_organisation_without_new_referral_emails(network, client, login):
    login(network.provider_member)
    off = {kind.value: "immediate" for kind in NotificationKind} | {"new_referral": "off"}
    assert client.post("/account/notifications", data=off).status_code == 302
    client.post("/logout")
    login(network.provider_admin)
    page = client.post("/account/notifications", data=off)
    assert page.status_code == 422
    assert "kukaan muu ei saa ilmoitusta" in page.get_data(as_text=True)
    assert preferences.settings_of(network.provider_admin)[NotificationKind.NEW_REFERRAL] is Delivery.IMMEDIATE
    digest = off | {"new_referral": "digest"}
    assert client.post("/account/notifications", data=digest).status_code == 302  # a digest still reaches them
    # A coach has nobody's new referrals to answer: they may turn them off freely.
    client.post("/logout")
    login(network.coach)
    assert client.post("/account/notifications", data=off).status_code == 302


def test_should_everyone_be_off_at_once_they_all_still_hear(network, make_referral):
    for member in (network.provider_admin, network.provider_member):  # as two members saving at the same moment
        db.session.add(preferences.NotificationSetting(user_id=member.id, kind=NotificationKind.NEW_REFERRAL,
                                                       delivery=Delivery.OFF))
    db.session.commit()
    make_referral()
    assert {e.recipient for e in outbox() if "Uusi ohjaus" in e.subject} == {"admin@verstas.fi", "ohjaaja@verstas.fi"}


def test_settings_page_shows_the_choices_and_saves_them(network, client, login):
    login(network.coach)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "Ilmoitusasetukset" in page and page.count('value="digest"') == 4  # what a coach's organisation hears
    assert "Tallennetun haun uudet osumat" in page and "Uusi ohjaus organisaatiosi palveluun" not in page
    data = {kind.value: "immediate" for kind in NotificationKind} | {"message": "off", "saved_search": "digest"}
    assert client.post("/account/notifications", data=data).headers["Location"] == "/account/notifications"
    assert preferences.settings_of(network.coach)[NotificationKind.MESSAGE] is Delivery.OFF
    page = client.get("/account/notifications").get_data(as_text=True)
    assert 'checked id="message-2" name="message" required type="radio" value="off"' in page
    assert db.session.scalar(select(func.count()).select_from(preferences.NotificationSetting)) == 2
    bad = client.post("/account/notifications", data=data | {"message": "sometimes"})
    assert bad.status_code == 422
    assert "Ilmoitusasetukset" in client.get("/account").get_data(as_text=True)
