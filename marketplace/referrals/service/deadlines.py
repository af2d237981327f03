"""Answer deadlines in Finnish working days, and the reminders sent when a provider misses one."""

from datetime import date, datetime, timedelta
from functools import cache

import holidays
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.clock import local_date, today, utcnow
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.referrals.models import Channel, EventKind, Referral, ReferralEvent, ReferralStatus


@cache
def _finnish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Finland(years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, except Finnish public holidays (and Midsummer and Christmas Eve)."""
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start`: sent on a Friday, 5 working days is the next Friday."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; how long a referral has waited."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def stamp_first_response(referral: Referral, moment: datetime) -> None:
    """Record the provider's first answer and how many working days it took (what reports count)."""
    referral.first_response_at = moment
    referral.response_working_days = working_days_between(local_date(referral.sent_at), local_date(moment))


def answer_due_on(sent_on: date) -> date:
    return add_working_days(sent_on, current_app.config["REFERRAL_ANSWER_WORKING_DAYS"])


def is_overdue(referral: Referral) -> bool:
    """Waiting for the provider past its deadline."""
    return referral.status is ReferralStatus.SENT and referral.due_on < today()


def overdue_condition():
    return (Referral.status == ReferralStatus.SENT) & (Referral.due_on < today())


def send_overdue_reminders() -> int:
    """Remind the provider's admins once about each overdue referral; return how many were reminded."""
    overdue = db.session.scalars(
        select(Referral).where(overdue_condition(), Referral.overdue_reminder_sent_at.is_(None)).order_by(Referral.id)
    ).all()
    for referral in overdue:
        waited = working_days_between(local_date(referral.sent_at), today())
        send_email(
            referral.provider.admins,
            _l("Ohjaus odottaa vastaustanne: %(title)s", title=referral.offering.title),
            "referrals/email/overdue.txt",
            kind=NotificationKind.OVERDUE,
            referral=referral,
            waited=waited,
            link=absolute_url("referrals.referral", referral_uuid=referral.uuid),
        )
        referral.overdue_reminder_sent_at = utcnow()
        referral.events.append(ReferralEvent(
            kind=EventKind.REMINDER, channel=Channel.SYSTEM,
            body=_("Ohjaukseen ei ole vastattu %(days)s työpäivässä. "
                   "Palveluntuottajan ylläpitäjille lähetettiin muistutus.",
                   days=waited),
        ))
    db.session.commit()
    return len(overdue)
