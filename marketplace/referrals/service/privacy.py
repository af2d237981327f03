"""Erasing a jobseeker's details: at once when consent is withdrawn, or when the retention time has passed.

What remains is anonymous: the offering, the two organisations, the states and their times, the decline
reason and the outcome. Those are what the network's reports count.
"""

import calendar
from datetime import date, datetime, time

import click
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Organisation, User
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.clock import FINLAND, today, utcnow
from marketplace.database import commit_or_conflict
from marketplace.errors import NotPermitted
from marketplace.extensions import db
from marketplace.referrals.models import CLOSED_STATUSES, Channel, EventKind, Referral, ReferralAction, ReferralEvent
from marketplace.referrals.permissions import can_erase
from marketplace.referrals.service.workflow import CHANGED_MEANWHILE, take_action
from marketplace.referrals.signals import referral_erased


def _erase(referral: Referral) -> None:
    referral_erased.send(referral)  # e.g. learning drops the records not yet confirmed
    referral.jobseeker_name = ""
    referral.jobseeker_phone = ""
    referral.jobseeker_email = ""
    referral.case_reference = ""
    referral.goal = ""
    referral.background = ""
    referral.jobseeker_age = None
    referral.home_municipality = referral.jobseeker_target_groups = referral.fit_reason = ""
    referral.closing_note = ""
    referral.status_token = None  # the jobseeker's page shows nothing from now on
    referral.jobseeker_channels = ""
    for event in referral.events:
        event.body = ""
    referral.personal_data_erased_at = utcnow()


def erase_personal_data(referral: Referral, actor: User, acting_for: Organisation | None = None,
                        channel: Channel = Channel.WEB) -> None:
    """The jobseeker withdrew consent: withdraw the referral if it is still open, then erase their details.

    One transaction: if any step fails, the referral is neither withdrawn nor half erased.
    """
    if not can_erase(actor, referral, acting_for):
        raise NotPermitted(_("Asiakkaan tiedot voi poistaa ohjauksen lähettänyt organisaatio."))
    if not referral.status.is_closed:
        take_action(referral, ReferralAction.WITHDRAW, actor, acting_for=acting_for, channel=channel)
    _erase(referral)
    referral.events.append(ReferralEvent(
        kind=EventKind.ERASED, actor=actor, organisation=referral.referrer, channel=channel,
        body="",
    ))
    audit.record(AuditKind.REFERRAL_ERASED, user=actor, organisation=referral.referrer, object_type="referral",
                 object_id=referral.uuid, detail=channel.value)
    commit_or_conflict(CHANGED_MEANWHILE)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def purge_cutoff() -> datetime:
    months = current_app.config["REFERRAL_RETENTION_MONTHS"]
    return datetime.combine(months_before(today(), months), time.min, tzinfo=FINLAND)


def purge_personal_data(show_progress: bool = False) -> int:
    """Erase the details of referrals closed longer ago than the retention time; return how many."""
    ids = db.session.scalars(
        select(Referral.id).where(
            Referral.status.in_(CLOSED_STATUSES),
            Referral.closed_at < purge_cutoff(),
            Referral.personal_data_erased_at.is_(None),
        ).order_by(Referral.id)
    ).all()
    with click.progressbar(ids, label=_("Poistetaan henkilötietoja"), hidden=not show_progress) as bar:
        for referral_id in bar:
            referral = db.session.get(Referral, referral_id)
            _erase(referral)
            referral.events.append(ReferralEvent(kind=EventKind.ERASED, channel=Channel.SYSTEM, body=""))
            db.session.commit()
    if ids:
        audit.record(AuditKind.PRIVACY_PURGED, object_type="referral", detail=f"{len(ids)} ohjausta", commit=True)
    return len(ids)
