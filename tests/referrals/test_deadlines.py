"""Five Finnish working days to answer: weekends and public holidays do not count."""

from datetime import date, datetime, timedelta

import pytest

from marketplace.clock import FINLAND, today
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import EventKind, ReferralStatus
from marketplace.referrals.service import TransitionDetails, add_working_days, working_days_between
from tests.helpers import outbox


@pytest.mark.parametrize(("sent", "due"), [
    (date(2026, 11, 30), date(2026, 12, 7)),  # Monday → next Monday
    (date(2026, 11, 27), date(2026, 12, 4)),  # Friday → next Friday
    (date(2026, 11, 28), date(2026, 12, 4)),  # sent on Saturday: the week starts on Monday
    (date(2026, 12, 4), date(2026, 12, 11)),  # Independence Day is a Sunday in 2026: no effect
    (date(2027, 12, 3), date(2027, 12, 13)),  # Independence Day on Monday 6.12.2027 is skipped
    (date(2026, 12, 21), date(2026, 12, 30)),  # Christmas Eve and Christmas Day (Thu, Fri) are skipped
    (date(2027, 3, 24), date(2027, 4, 2)),  # Good Friday 26.3. and Easter Monday 29.3.2027
    (date(2027, 6, 21), date(2027, 6, 29)),  # Midsummer Eve 25.6.2027 (Friday) is not a working day
])
def test_answer_deadline_counts_working_days(sent, due):
    assert add_working_days(sent, 5) == due


def test_waiting_time_counts_working_days_only():
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1  # Friday → Monday
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 28)) == 1  # over Christmas
    assert working_days_between(date(2026, 12, 7), date(2026, 12, 7)) == 0


def _sent_days_ago(referral, days):
    sent = datetime.combine(today() - timedelta(days=days), datetime.min.time(), tzinfo=FINLAND)
    referral.sent_at = sent
    referral.due_on = add_working_days(sent.date(), 5)
    db.session.commit()


def test_overdue_when_the_deadline_has_passed(network, make_referral):
    referral = make_referral()
    assert referral.due_on == add_working_days(today(), 5)
    assert not service.is_overdue(referral)
    _sent_days_ago(referral, 30)
    assert service.is_overdue(referral)
    service.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    assert not service.is_overdue(referral)  # now it waits for the coach


def test_answering_a_question_restarts_the_providers_clock(network, make_referral):
    referral = make_referral()
    _sent_days_ago(referral, 30)
    service.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    service.transition(referral, "answer", network.coach, TransitionDetails(message="Vastaus"))
    assert referral.status is ReferralStatus.SENT
    assert referral.due_on == add_working_days(today(), 5) and not service.is_overdue(referral)


def test_overdue_reminder_goes_once_to_the_providers_admins(network, make_referral):
    late, fresh = make_referral(), make_referral()
    _sent_days_ago(late, 30)
    before = len(outbox())
    assert service.send_overdue_reminders() == 1
    reminders = outbox()[before:]
    assert [e.recipient for e in reminders] == ["admin@verstas.fi"]  # admins only, not every member
    assert "Puutyöpaja" in reminders[0].subject and "Matti" not in reminders[0].body
    assert late.events[-1].kind is EventKind.REMINDER
    assert service.send_overdue_reminders() == 0  # not again
    assert fresh.events[-1].kind is EventKind.CREATED


def test_daily_command_sends_the_reminders(runner, network, make_referral):
    _sent_days_ago(make_referral(), 30)
    result = runner.invoke(args=["referrals", "daily"])
    assert result.exit_code == 0 and "1" in result.output
    assert len(outbox("admin@verstas.fi")) == 2  # the new referral, then the reminder


def test_coach_sees_overdue_referrals_first(network, make_referral):
    newest, late = make_referral(jobseeker_name="Uusi Asiakas"), make_referral(jobseeker_name="Odottava Asiakas")
    _sent_days_ago(late, 30)
    waiting = make_referral(jobseeker_name="Kysytty Asiakas")
    service.transition(waiting, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    rows = service.all_of(service.sent_referrals(network.coach_org, network.coach))
    assert [r.jobseeker_name for r in rows][:2] == ["Odottava Asiakas", "Kysytty Asiakas"]
    assert newest in rows


def test_time_to_first_response_is_kept_for_reports(network, make_referral):
    referral = make_referral()
    _sent_days_ago(referral, 3)
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    assert referral.first_response_at - referral.sent_at >= timedelta(days=3)
