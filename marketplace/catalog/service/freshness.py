"""The daily round (`flask catalog daily`): stale reminders, funding notices, and taking down offerings whose funding ended."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.service.editing import record_change
from marketplace.catalog.service.queries import stale_offerings
from marketplace.clock import today, utcnow
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url, send_email


@dataclass
class DailyReport:
    stale_reminders: int = 0
    funding_notices: int = 0
    expired: int = 0


def _member_emails(organisation: Organisation) -> list[str]:
    return [m.user.email for m in organisation.memberships if m.user.is_active]


def send_stale_reminders() -> int:
    """Email each organisation's members once about its offerings that need checking; return emails queued."""
    queued = 0
    for organisation, offerings in stale_offerings().items():
        unreminded = [o for o in offerings if o.stale_reminder_sent_at is None]
        if not unreminded:
            continue
        queued += len(send_email(
            _member_emails(organisation),
            _("Tarkista palvelujesi tiedot Kumppanitorilla"),
            "catalog/email/stale_reminder.txt",
            organisation=organisation,
            offerings=unreminded,
            days=current_app.config["OFFERING_STALE_AFTER"].days,
            link=absolute_url("catalog.dashboard", organisation_uuid=organisation.uuid),
        ))
        for offering in unreminded:
            offering.stale_reminder_sent_at = utcnow()
    db.session.commit()
    return queued


def send_funding_notices() -> int:
    """Tell organisations, in advance, which published offerings leave the site when their funding ends."""
    horizon = today() + current_app.config["FUNDING_NOTICE_BEFORE"]
    query = (
        select(Offering)
        .where(Offering.status == OfferingStatus.PUBLISHED, Offering.funding_notice_sent_at.is_(None),
               Offering.funding_ends_on.is_not(None), Offering.funding_ends_on <= horizon,
               Offering.funding_ends_on >= today())
        .order_by(Offering.funding_ends_on)
        .options(selectinload(Offering.organisation))
    )
    by_organisation: dict[Organisation, list[Offering]] = {}
    for offering in db.session.scalars(query):
        by_organisation.setdefault(offering.organisation, []).append(offering)
    queued = 0
    for organisation, offerings in by_organisation.items():
        queued += len(send_email(
            _member_emails(organisation),
            _("Palvelujen rahoitus päättyy pian"),
            "catalog/email/funding_ending.txt",
            organisation=organisation,
            offerings=offerings,
            link=absolute_url("catalog.dashboard", organisation_uuid=organisation.uuid),
        ))
        for offering in offerings:
            offering.funding_notice_sent_at = utcnow()
    db.session.commit()
    return queued


def pause_expired_offerings() -> int:
    """Pause published offerings whose funding has ended (they are already hidden from that day on)."""
    expired = db.session.scalars(
        select(Offering).where(Offering.status == OfferingStatus.PUBLISHED, Offering.funding_ends_on < today())
    ).all()
    for offering in expired:
        record_change(offering, "status", offering.status.value, OfferingStatus.PAUSED.value, None)
        offering.status = OfferingStatus.PAUSED
        offering.moderation_reason = _("Rahoitus päättyi %(date)s.", date=format_date(offering.funding_ends_on, "d.M.yyyy"))
    db.session.commit()
    return len(expired)


def run_daily() -> DailyReport:
    return DailyReport(
        stale_reminders=send_stale_reminders(),
        funding_notices=send_funding_notices(),
        expired=pause_expired_offerings(),
    )
