"""Referrals sent and answered at chosen Finnish times, through the referral service, for known-answer reports."""

from datetime import datetime

import pytest

from marketplace.clock import FINLAND
from marketplace.extensions import db
from marketplace.referrals import service as referrals
from marketplace.referrals.service import TransitionDetails, add_working_days


def at(text: str) -> datetime:
    """A Finnish local time, "2025-12-23 10:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=FINLAND)


@pytest.fixture
def send(make_referral):
    """Send a referral as if at `sent` (Finnish time)."""

    def do_send(sent: str, **kw):
        referral = make_referral(jobseeker_name=f"Asiakas {sent}", **kw)
        moment = at(sent)
        referral.sent_at = referral.updated_at = referral.events[0].created_at = moment
        referral.due_on = add_working_days(moment.date(), 5)
        db.session.commit()
        return referral

    return do_send


@pytest.fixture
def act(monkeypatch):
    """Take an action on a referral as if at `when` (Finnish time)."""

    def do_act(referral, action: str, when: str, actor, **details):
        monkeypatch.setattr("marketplace.referrals.service.workflow.utcnow", lambda: at(when))
        referrals.transition(referral, action, actor, TransitionDetails(**details))
        monkeypatch.undo()
        return referral

    return do_act
