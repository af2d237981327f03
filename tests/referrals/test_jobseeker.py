"""The jobseeker in the loop: a confirmation by the channels agreed, news, and a status page behind a link."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.clock import today, utcnow
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.notifications.models import OutboxSms
from marketplace.referrals import service
from marketplace.referrals.models import EventKind, Referral, ReferralStatus
from marketplace.referrals.service import TransitionDetails
from tests.helpers import decode_qr, link_in, outbox
from tests.referrals.test_workflow import bring_to


def texts() -> list[OutboxSms]:
    return list(db.session.scalars(select(OutboxSms).order_by(OutboxSms.id)))


def status_path(referral: Referral) -> str:
    return f"/status/{referral.status_token}"


@pytest.fixture
def referred(network, make_referral):
    """A referral whose jobseeker asked for email and a text message."""
    network.offering.contact_phone, network.offering.contact_email = "+358201234567", "paja@verstas.fi"
    network.offering.street_address, network.offering.postal_code = "Verstaankatu 3", "24100"
    network.offering.post_office = "Salo"
    network.coach.phone = "+358401112223"
    db.session.commit()
    return make_referral(jobseeker_channels=("email", "sms"))


def test_the_confirmation_goes_by_email_and_text_message_and_is_on_the_timeline(network, referred):
    [email] = outbox("matti@example.fi")
    assert "Puutyöpaja" in email.subject
    body = email.body
    assert link_in(email) == status_path(referred)
    assert referred.due_on.strftime("%-d.%-m.%Y") in body  # when the provider answers at the latest
    assert "020 1234567" in body and "paja@verstas.fi" in body  # the provider's contact
    assert "Aino Valmentaja" in body and "040 1112223" in body  # the coach's
    assert "Kolme vuotta" not in body and "Työkokeilu puualalla" not in body  # nothing of the background or goal
    [sms] = texts()
    assert sms.recipient == "+358401234567" and status_path(referred) in sms.body and len(sms.body) <= 320
    [logged] = [e for e in referred.events if e.kind is EventKind.JOBSEEKER_NOTIFIED]
    assert "sähköposti" in logged.body and "tekstiviesti" in logged.body
    assert "matti@example.fi" not in logged.body and "+358" not in logged.body


def test_the_confirmation_is_in_the_jobseekers_language(network, make_referral):
    make_referral(jobseeker_language="en", jobseeker_channels=("email",))
    [email] = outbox("matti@example.fi")
    assert email.subject.startswith("You have been referred") and "What happens next" in email.body


def test_no_channel_chosen_sends_the_jobseeker_nothing(network, make_referral):
    referral = make_referral()
    assert not outbox("matti@example.fi") and not texts()
    assert not [e for e in referral.events if e.kind is EventKind.JOBSEEKER_NOTIFIED]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"jobseeker_channels": ("email",), "jobseeker_email": ""}, "ilman sähköpostiosoitetta"),
    ({"jobseeker_channels": ("sms",), "jobseeker_phone": ""}, "ilman puhelinnumeroa"),
    ({"jobseeker_channels": ("email",), "consent_version": "2026-11"}, "ei lähetetä viestejä"),
    ({"jobseeker_channels": ("pigeon",)}, "luettelosta"),
])
def test_a_channel_needs_its_contact_and_a_consent_that_covers_it(network, make_referral, overrides, message):
    with pytest.raises(InvalidInput) as error:
        make_referral(**overrides)
    assert message in " ".join(error.value.errors["jobseeker_channels"])
    assert db.session.scalar(select(Referral.id)) is None


def test_the_older_consent_stays_valid_for_referrals_without_messages(network, make_referral):
    referral = make_referral(consent_version="2026-11", jobseeker_channels=("print",))
    assert referral.consent_version == "2026-11" and referral.status_token
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    assert not outbox("matti@example.fi") and not texts()


def test_acceptance_and_decline_are_news_for_the_jobseeker(network, referred, make_referral):
    service.transition(referred, "accept", network.provider_member,
                       TransitionDetails(start_on=today() + timedelta(days=3)))
    news = outbox("matti@example.fi")[-1]
    assert (today() + timedelta(days=3)).strftime("%-d.%-m.%Y") in news.body and "Verstaankatu 3" in news.body
    assert "hyväksytty" in texts()[-1].body
    assert len([e for e in referred.events if e.kind is EventKind.JOBSEEKER_NOTIFIED]) == 2
    service.transition(referred, "start", network.provider_member)
    assert len(outbox("matti@example.fi")) == 2  # starting is no news to the one who started


STATES = {
    ReferralStatus.SENT: "vastaavat viimeistään",
    ReferralStatus.INFO_REQUESTED: "kysyi valmentajaltasi lisätietoja",
    ReferralStatus.ACCEPTED: "Sinut on hyväksytty palveluun",
    ReferralStatus.STARTED: "Olet aloittanut palvelussa",
    ReferralStatus.COMPLETED: "Palvelu on päättynyt",
    ReferralStatus.DECLINED: "ei tällä kertaa päässyt",
    ReferralStatus.WITHDRAWN: "Ohjaus on peruttu",
}


@pytest.mark.parametrize("state", list(STATES))
def test_the_status_page_says_where_the_referral_is_in_plain_language(client, network, referred, state):
    service.post_message(referred, "Sisäinen viesti: asiakkaalla on selkäkipuja.", network.provider_member)
    bring_to(network, referred, state)
    response = client.get(status_path(referred))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = response.get_data(as_text=True)
    assert STATES[state] in page
    assert "Verstas ry" in page and "020 1234567" in page and "Aino Valmentaja" in page
    for secret in ("Matti", "selkäkipuja", "Kolme vuotta", "Työkokeilu puualalla", "ASIA-2026-0415", "turvakengät"):
        assert secret not in page
    if state is ReferralStatus.ACCEPTED:
        assert referred.start_on.strftime("%-d.%-m.%Y") in page and "Verstaankatu 3" in page
    assert ('value="cannot_come"' in page) is (not state.is_closed)


def test_the_page_speaks_the_jobseekers_language_unless_the_browser_chose(client, network, make_referral):
    referral = make_referral(jobseeker_language="sv")
    assert '<html lang="sv">' in client.get(status_path(referral)).get_data(as_text=True)
    client.set_cookie("kieli", "en")
    assert '<html lang="en">' in client.get(status_path(referral)).get_data(as_text=True)


@pytest.mark.parametrize(("action", "label"), [("cannot_come", "ettei pääse tulemaan"),
                                               ("contact_me", "pyytää ottamaan yhteyttä")])
def test_the_jobseeker_answers_both_sides_on_the_timeline(client, login, network, referred, action, label):
    before = len(outbox())
    response = client.post(status_path(referred), data={"action": action, "message": "Soittakaa iltapäivällä"})
    assert response.status_code == 303
    page = client.get(status_path(referred)).get_data(as_text=True)
    assert "välitetty valmentajallesi" in page
    again = client.post(status_path(referred), data={"action": action})  # a double click
    assert again.status_code == 303
    said = [e for e in referred.events if e.kind is EventKind.JOBSEEKER]
    assert [(e.action, e.body) for e in said] == [(action, "Soittakaa iltapäivällä")]
    told = {e.recipient for e in outbox()[before:]}
    assert told == {"coach@salo.fi", "admin@verstas.fi", "ohjaaja@verstas.fi"}
    login(network.provider_member)
    timeline = client.get(f"/referrals/{referred.uuid}").get_data(as_text=True)
    assert label in timeline and "Soittakaa iltapäivällä" in timeline and "Asiakas tilasivultaan" in timeline


def test_withdrawing_consent_asks_the_coach_to_erase(client, login, network, referred):
    refused = client.post(status_path(referred), data={"action": "withdraw_consent"})
    assert refused.status_code == 422 and referred.consent_withdrawn_at is None
    before = len(outbox())
    assert client.post(status_path(referred), data={"action": "withdraw_consent", "confirm": "y"}).status_code == 303
    db.session.refresh(referred)
    assert referred.consent_withdrawn_at is not None
    assert [e.recipient for e in outbox()[before:]] == ["coach@salo.fi"]
    page = client.get(status_path(referred)).get_data(as_text=True)
    assert "Perit suostumuksesi" in page and 'value="cannot_come"' not in page
    assert client.post(status_path(referred), data={"action": "contact_me"}).status_code == 409
    login(network.coach)
    coach_page = client.get(f"/referrals/{referred.uuid}").get_data(as_text=True)
    assert "Asiakas perui suostumuksensa" in coach_page
    client.post(f"/referrals/{referred.uuid}/erase", data={"confirm": "y"})
    client.post("/logout")
    assert client.get(status_path(referred)).status_code == 404  # nothing after erasure


def test_the_page_closes_thirty_days_after_the_referral(client, network, referred):
    path = status_path(referred)
    bring_to(network, referred, ReferralStatus.COMPLETED)
    referred.closed_at = utcnow() - timedelta(days=29)
    db.session.commit()
    assert client.get(path).status_code == 200
    referred.closed_at = utcnow() - timedelta(days=30, minutes=1)
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 404 and "Puutyöpaja" not in response.get_data(as_text=True)


def test_guessing_tokens_is_404_then_429_and_a_real_link_works_from_elsewhere(app, client, referred):
    for attempt in range(20):
        assert client.get(f"/status/arvaus-{attempt}").status_code == 404
    assert client.get("/status/arvaus-21").status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.9"
    assert elsewhere.get(status_path(referred)).status_code == 200


def test_the_printed_confirmation_carries_the_link_as_a_qr_code(client, login, network, referred):
    login(network.coach)
    page = client.get(f"/referrals/{referred.uuid}").get_data(as_text=True)
    assert f"/referrals/{referred.uuid}/confirmation" in page
    sheet = client.get(f"/referrals/{referred.uuid}/confirmation").get_data(as_text=True)
    link = f"https://kumppanitori.test{status_path(referred)}"
    assert decode_qr(sheet) == link and link in sheet
    assert "Verstas ry" in sheet and "Aino Valmentaja" in sheet and "Matti" not in sheet
    client.post("/logout")
    login(network.provider_member)  # the provider sees the referral but does not hand the sheet over
    assert client.get(f"/referrals/{referred.uuid}/confirmation").status_code == 403


def test_the_referral_form_offers_the_channels(client, login, network):
    login(network.coach)
    form = client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)
    assert 'name="jobseeker_channels" type="checkbox" value="sms"' in form or 'value="sms"' in form
    data = {"jobseeker_name": "Maija Mallikas", "jobseeker_phone": "040 765 4321", "goal": "Työkokeilu",
            "jobseeker_language": "fi", "eligibility_confirmed": "y", "consent_given": "y",
            "consent_version": "2026-12", "jobseeker_channels": ["sms", "print"], "submission_key": "k1"}
    response = client.post(f"/offerings/{network.offering.uuid}/refer", data=data)
    assert response.status_code == 302
    [sms] = texts()
    assert sms.recipient == "+358407654321"
    email_only = client.post(f"/offerings/{network.offering.uuid}/refer",
                             data=data | {"jobseeker_channels": ["email"], "submission_key": "k2"})
    assert email_only.status_code == 422 and "ilman sähköpostiosoitetta" in email_only.get_data(as_text=True)
