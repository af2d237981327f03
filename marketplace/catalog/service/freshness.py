"""The daily round (`flask catalog daily`): stale reminders, funding notices, and taking down offerings whose
funding ended."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.service.lifecycle import pause_for_funding_end
from marketplace.catalog.service.queries import group_by_organisation, stale_offerings
from marketplace.clock import today, utcnow
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email


@dataclass
class DailyReport:
    stale_reminders: int = 0
    funding_notices: int = 0
    expired: int = 0


def _notify_members(offerings: list[Offering], subject: str, template: str, sent_at_field: str, **context) -> int:
    """Send each organisation's active members one email about its offerings, and mark them as told."""
    queued = 0
    for organisation, own in group_by_organisation(offerings).items():
        recipients = organisation.active_members
        queued += len(send_email(
            recipients, subject, template, kind=NotificationKind.STALE_OFFERING, organisation=organisation,
            offerings=own,
            link=absolute_url("catalog.dashboard", organisation_uuid=organisation.uuid), **context,
        ))
        for offering in own:
            setattr(offering, sent_at_field, utcnow())
    db.session.commit()
    return queued


def send_stale_reminders() -> int:
    """Remind once about offerings that need checking; return the number of emails queued."""
    unreminded = [o for own in stale_offerings().values() for o in own if o.stale_reminder_sent_at is None]
    return _notify_members(
        unreminded, _l("Tarkista palvelujesi tiedot Kumppanitorilla"), "catalog/email/stale_reminder.txt",
        "stale_reminder_sent_at", days=current_app.config["OFFERING_STALE_AFTER"].days,
    )


def send_funding_notices() -> int:
    """Tell organisations, in advance, which published offerings leave the site when their funding ends."""
    horizon = today() + current_app.config["FUNDING_NOTICE_BEFORE"]
    ending = db.session.scalars(
        select(Offering)
        .where(Offering.status == OfferingStatus.PUBLISHED, Offering.funding_notice_sent_at.is_(None),
               Offering.funding_ends_on.is_not(None), Offering.funding_ends_on <= horizon,
               Offering.funding_ends_on >= today())
        .order_by(Offering.funding_ends_on)
        .options(selectinload(Offering.organisation))
    ).all()
    return _notify_members(
        ending, _l("Palvelujen rahoitus päättyy pian"), "catalog/email/funding_ending.txt", "funding_notice_sent_at"
    )


def pause_expired_offerings() -> int:
    """Pause published offerings whose funding has ended (they are already hidden from that day on)."""
    expired = db.session.scalars(
        select(Offering).where(Offering.status == OfferingStatus.PUBLISHED, Offering.funding_ends_on < today())
    ).all()
    for offering in expired:
        pause_for_funding_end(offering)
    db.session.commit()
    return len(expired)


def run_daily() -> DailyReport:
    return DailyReport(
        stale_reminders=send_stale_reminders(),
        funding_notices=send_funding_notices(),
        expired=pause_expired_offerings(),
    )
