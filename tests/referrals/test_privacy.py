"""The jobseeker's details: erased at once when consent is withdrawn, or after the retention time."""

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from marketplace.clock import FINLAND, today
from marketplace.errors import NotPermitted
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import Channel, DeclineReason, EventKind, Referral, ReferralStatus
from marketplace.referrals.service import TransitionDetails, months_before
from tests.helpers import referral_views

PERSONAL = ("jobseeker_name", "jobseeker_phone", "jobseeker_email", "case_reference", "goal", "background",
            "closing_note")


def closed_months_ago(network, referral, months):
    service.transition(referral, "decline", network.provider_member,
                       TransitionDetails(decline_reason=DeclineReason.OTHER, message="Asiakas muutti Ouluun."))
    referral.closed_at = datetime.combine(months_before(today(), months), time(12), tzinfo=FINLAND)
    db.session.commit()


def assert_erased(referral):
    db.session.refresh(referral)
    assert all(getattr(referral, field) == "" for field in PERSONAL)
    assert all(event.body == "" for event in referral.events)
    assert referral.personal_data_erased_at is not None
    # the anonymous facts stay for the reports
    assert referral.offering_id and referral.provider_id and referral.referrer_id and referral.sent_at
    assert referral.decline_reason is DeclineReason.OTHER or referral.status is ReferralStatus.WITHDRAWN


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 30), 12, date(2025, 11, 30)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2026, 1, 15), 13, date(2024, 12, 15)),
])
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_purge_erases_referrals_closed_longer_ago_than_the_retention_time(runner, network, make_referral):
    old, recent, still_open = make_referral(), make_referral(), make_referral()
    closed_months_ago(network, old, 13)
    closed_months_ago(network, recent, 11)
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 ohjauksesta" in result.output
    assert_erased(old)
    assert old.events[-1].kind is EventKind.ERASED
    for kept in (recent, still_open):
        db.session.refresh(kept)
        assert kept.jobseeker_name == "Matti Meikäläinen" and kept.personal_data_erased_at is None
    assert "poistettu 0 ohjauksesta." in runner.invoke(args=["privacy", "purge"]).output


def test_the_retention_time_is_configurable(app, runner, network, make_referral):
    app.config["REFERRAL_RETENTION_MONTHS"] = 6
    referral = make_referral()
    closed_months_ago(network, referral, 7)
    runner.invoke(args=["privacy", "purge"])
    assert_erased(referral)


def test_coach_erases_at_once_when_consent_is_withdrawn(network, make_referral):
    referral = make_referral()
    service.post_message(referral, "Matti soittaa maanantaina.", network.provider_member)
    service.erase_personal_data(referral, network.teammate)
    assert referral.status is ReferralStatus.WITHDRAWN  # an open referral cannot go on without consent
    assert_erased(referral)
    assert [e.kind for e in referral.events][-2:] == [EventKind.TRANSITION, EventKind.ERASED]


def test_provider_cannot_erase(network, make_referral):
    referral = make_referral()
    with pytest.raises(NotPermitted):
        service.erase_personal_data(referral, network.provider_admin)
    assert db.session.get(Referral, referral.id).jobseeker_name == "Matti Meikäläinen"


def test_erased_referral_page_shows_no_personal_data_and_takes_no_actions(client, login, network, make_referral):
    referral = make_referral()
    login(network.coach)
    response = client.post(f"/referrals/{referral.uuid}/erase", data={"confirm": "y"})
    assert response.status_code == 302
    client.post("/logout")
    login(network.provider_member)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert "Matti" not in page and "tiedot poistettiin" in page
    assert client.post(f"/referrals/{referral.uuid}/messages", data={"body": "Hei"}).status_code == 409
    assert db.session.scalars(select(Referral.jobseeker_name)).all() == [""]


def test_erasing_needs_confirmation(client, login, network, make_referral):
    referral = make_referral()
    login(network.coach)
    assert client.post(f"/referrals/{referral.uuid}/erase", data={}).status_code == 422
    assert db.session.get(Referral, referral.id).jobseeker_name == "Matti Meikäläinen"


def test_referral_page_shows_who_looked_on_both_sides(client, login, network, make_referral):
    referral = make_referral()
    login(network.provider_member)
    client.get(f"/referrals/{referral.uuid}")
    client.post("/logout")
    login(network.coach)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    log = page[page.index("Katselukerrat"):]
    assert "Jussi Työvalmentaja" in log and "Verstas ry" in log and "verkkosivulla" in log
    assert "Aino Valmentaja" in log and "Salon työllisyyspalvelut" in log


def accesses(referral, user) -> list:
    return [view.detail for view in referral_views(referral, user)]


def test_the_coach_sides_views_are_logged_like_the_providers(client, login, network, make_referral):
    referral = make_referral()
    login(network.teammate)
    assert client.get(f"/organisations/{network.coach_org.uuid}/referrals").status_code == 200
    assert client.get(f"/referrals/{referral.uuid}").status_code == 200
    assert client.get(f"/organisations/{network.coach_org.uuid}/referrals.csv").status_code == 200
    assert accesses(referral, network.teammate) == [Channel.LIST, Channel.WEB, Channel.CSV]
    assert {view.organisation_id for view in referral_views(user=network.teammate)} == {network.coach_org.id}


def test_the_coach_sides_api_reads_are_logged(client, network, make_referral):
    from marketplace.accounts.service import create_token

    referral = make_referral()
    _token, plain = create_token(network.coach, network.coach_org, "Järjestelmä")
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.get("/api/v1/referrals", headers=headers).status_code == 200
    assert client.get(f"/api/v1/referrals/{referral.uuid}", headers=headers).status_code == 200
    assert accesses(referral, network.coach) == [Channel.API, Channel.API]

def test_erasing_is_one_transaction_a_failing_step_leaves_nothing_half_done(network, make_referral):
    from marketplace.referrals.signals import referral_erased

    referral = make_referral()
    events_before = len(referral.events)

    def fail(sender, **_):
        raise RuntimeError("a receiver failed")

    referral_erased.connect(fail)
    try:
        with pytest.raises(RuntimeError):
            service.erase_personal_data(referral, network.coach)
    finally:
        referral_erased.disconnect(fail)
    db.session.rollback()
    kept = db.session.get(Referral, referral.id)
    assert kept.status is ReferralStatus.SENT  # not withdrawn either
    assert kept.jobseeker_name == "Matti Meikäläinen" and kept.personal_data_erased_at is None
    assert len(kept.events) == events_before
