"""Finding referrals: one by its UUID, the coach's lists, the provider's inbox; and logging who saw what."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Organisation, OrganisationRole, User
from marketplace.audit import service as audit
from marketplace.audit.service import AuditEvent, AuditKind
from marketplace.catalog.models import Offering
from marketplace.clock import day_start
from marketplace.database import by_uuid
from marketplace.errors import NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.referrals.models import (
    CLOSED_STATUSES,
    Channel,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from marketplace.referrals.permissions import acts_for, can_view_referral, is_provider, is_referrer
from marketplace.referrals.service.deadlines import overdue_condition
from marketplace.sorting import Sort, order_by

# The provider's inbox, in three views
INBOX_VIEWS = {
    "new": (ReferralStatus.SENT, ReferralStatus.INFO_REQUESTED),
    "queued": (ReferralStatus.QUEUED,),
    "active": (ReferralStatus.ACCEPTED, ReferralStatus.STARTED),
    "closed": tuple(CLOSED_STATUSES),
}


def _name_of(organisation_id):
    return select(func.lower(Organisation.name)).where(Organisation.id == organisation_id).scalar_subquery()


# The columns the referral lists sort by (?sort=), besides their own default orders
SORT_COLUMNS = {
    "name": func.lower(Referral.jobseeker_name), "status": Referral.status, "sent": Referral.sent_at,
    "due": Referral.due_on, "start": Referral.start_on,
    "offering": select(func.lower(Offering.title)).where(Offering.id == Referral.offering_id).scalar_subquery(),
    "provider": _name_of(Referral.provider_id), "referrer": _name_of(Referral.referrer_id),
    "coach": select(func.lower(User.name)).where(User.id == Referral.coach_id).scalar_subquery(),
}


def get_referral(referral_uuid, actor: User, acting_for: Organisation | None = None) -> Referral:
    """The referral, if `actor` is on one of its two sides; otherwise it does not exist for them."""
    referral = by_uuid(Referral, referral_uuid)
    if referral is None or not can_view_referral(actor, referral, acting_for):
        raise NotFound(_("Ohjausta ei löytynyt. Ohjauksen näkevät vain ohjaava organisaatio ja palveluntuottaja."))
    return referral


def record_access(referrals: Iterable[Referral], actor: User, channel: Channel,
                  acting_for: Organisation | None = None) -> None:
    """Log each view of a referral's personal data, on either side, in the audit trail: who, for which
    organisation, how. A CSV is also one export event."""
    seen = []
    for referral in referrals:
        if referral.is_erased:
            continue
        side = referral.provider if is_provider(actor, referral, acting_for) else (
            referral.referrer if is_referrer(actor, referral, acting_for) else None)
        if side is not None:
            seen.append(("referral", referral.uuid, side))
    if not seen:
        return
    audit.record_many(AuditKind.REFERRAL_VIEWED, seen, user=actor, detail=channel.value)
    if channel is Channel.CSV:
        audit.record(AuditKind.REFERRALS_EXPORTED, user=actor, organisation=seen[0][2], object_type="referral",
                     detail=f"{len(seen)} riviä")
    db.session.commit()


def access_log(referral: Referral, limit: int = 50) -> list[AuditEvent]:
    """Who saw the referral's personal data, newest first."""
    return audit.events_about("referral", referral.uuid, AuditKind.REFERRAL_VIEWED, limit)


@dataclass
class ReferralFilters:
    """Filters of the referral lists; empty values filter nothing."""

    status: str = ""  # a ReferralStatus value, or "open", "closed", "overdue"
    offering: str = ""  # offering UUID
    counterpart: str = ""  # the provider (coach's list) or referring organisation (inbox), by UUID
    sent_from: date | None = None
    sent_to: date | None = None
    text: str = ""  # jobseeker's name or the coach's case reference
    mine: bool = False  # only the acting coach's own referrals
    case_reference: str = ""  # exactly this case reference (the API's lookup by the coach's own case number)
    updated_since: datetime | None = None  # changed, or written on, since then (the API's polling)


def _require_member(actor: User, organisation: Organisation, acting_for: Organisation | None) -> None:
    if not acts_for(actor, organisation, acting_for):
        raise NotPermitted(_("Vain organisaation jäsenet näkevät sen ohjaukset."))


def _filtered(query: Select, filters: ReferralFilters, counterpart_column, actor: User) -> Select:
    status = filters.status
    if status == "open":
        query = query.where(Referral.status.not_in(CLOSED_STATUSES))
    elif status == "closed":
        query = query.where(Referral.status.in_(CLOSED_STATUSES))
    elif status == "overdue":
        query = query.where(overdue_condition())
    elif status in {s.value for s in ReferralStatus}:
        query = query.where(Referral.status == ReferralStatus(status))
    if filters.offering:
        offering = by_uuid(Offering, filters.offering)
        query = query.where(Referral.offering_id == (offering.id if offering else -1))
    if filters.counterpart:
        organisation = by_uuid(Organisation, filters.counterpart)
        query = query.where(counterpart_column == (organisation.id if organisation else -1))
    if filters.sent_from:
        query = query.where(Referral.sent_at >= day_start(filters.sent_from))
    if filters.sent_to:
        query = query.where(Referral.sent_at < day_start(filters.sent_to + timedelta(days=1)))
    if filters.text.strip():
        pattern = f"%{filters.text.strip().lower()}%"
        query = query.where(or_(func.lower(Referral.jobseeker_name).like(pattern),
                                func.lower(Referral.case_reference).like(pattern)))
    if filters.mine:
        query = query.where(Referral.coach_id == actor.id)
    if filters.case_reference:
        query = query.where(Referral.case_reference == filters.case_reference)
    if filters.updated_since:
        written = select(ReferralEvent.id).where(ReferralEvent.referral_id == Referral.id,
                                                 ReferralEvent.created_at >= filters.updated_since)
        query = query.where(or_(Referral.updated_at >= filters.updated_since, written.exists()))
    return query


def _with_parts(query: Select) -> Select:
    return query.options(selectinload(Referral.offering).selectinload(Offering.translations),  # titles per language
                         selectinload(Referral.provider),
                         selectinload(Referral.referrer), selectinload(Referral.coach))


def sent_referrals(organisation: Organisation, actor: User, filters: ReferralFilters | None = None,
                   acting_for: Organisation | None = None, sort: Sort | None = None) -> Select:
    """The referrals an organisation sent: overdue first, then those waiting for the coach, then the latest
    (or as `sort` chose)."""
    _require_member(actor, organisation, acting_for)
    query = select(Referral).where(Referral.referrer_id == organisation.id)
    query = _filtered(query, filters or ReferralFilters(), Referral.provider_id, actor)
    urgency = case((overdue_condition(), 0), (Referral.status == ReferralStatus.INFO_REQUESTED, 1), else_=2)
    order = order_by(sort, SORT_COLUMNS, Referral.id) if sort else (urgency, Referral.updated_at.desc(),
                                                                     Referral.id.desc())
    return _with_parts(query.order_by(*order))


def received_referrals(organisation: Organisation, actor: User, view: str = "new",
                       filters: ReferralFilters | None = None, acting_for: Organisation | None = None,
                       sort: Sort | None = None) -> Select:
    """A provider's inbox: new ones oldest first (the most urgent), queued in line, active by start date,
    closed latest first (or as `sort` chose)."""
    _require_member(actor, organisation, acting_for)
    query = select(Referral).where(Referral.provider_id == organisation.id,
                                   Referral.status.in_(INBOX_VIEWS.get(view, INBOX_VIEWS["new"])))
    query = _filtered(query, filters or ReferralFilters(), Referral.referrer_id, actor)
    order = {
        "new": (Referral.sent_at, Referral.id),
        "queued": (Referral.offering_id, Referral.queue_rank, Referral.id),
        "active": (Referral.start_on, Referral.id),
        "closed": (Referral.closed_at.desc(), Referral.id.desc()),
    }[view if view in INBOX_VIEWS else "new"]
    if sort:
        order = order_by(sort, SORT_COLUMNS, Referral.id)
    return _with_parts(query.order_by(*order))


def referrals_for(organisation: Organisation, actor: User, role: str = "", filters: ReferralFilters | None = None,
                  acting_for: Organisation | None = None) -> Select:
    """The API's list: what the organisation sent, received, or both; the latest change first."""
    _require_member(actor, organisation, acting_for)
    sides = {"sent": Referral.referrer_id == organisation.id, "received": Referral.provider_id == organisation.id}
    query = select(Referral).where(sides.get(role, or_(*sides.values())))
    query = _filtered(query, filters or ReferralFilters(), Referral.provider_id, actor)
    query = query.options(selectinload(Referral.events))  # every item carries its timeline
    return _with_parts(query.order_by(Referral.updated_at.desc(), Referral.id.desc()))


def inbox_counts(organisation: Organisation) -> dict[str, int]:
    """How many referrals each inbox view holds, and how many new ones are overdue."""
    rows = dict(db.session.execute(
        select(Referral.status, func.count()).where(Referral.provider_id == organisation.id).group_by(Referral.status)
    ).all())
    counts = {view: sum(rows.get(status, 0) for status in statuses) for view, statuses in INBOX_VIEWS.items()}
    counts["overdue"] = db.session.scalar(
        select(func.count()).select_from(Referral).where(Referral.provider_id == organisation.id, overdue_condition())
    )
    return counts


def sent_counts(organisation: Organisation) -> dict[str, int]:
    """Open, overdue and waiting-for-the-coach referrals of an organisation, for its dashboard."""
    base = select(func.count()).select_from(Referral).where(Referral.referrer_id == organisation.id)
    return {
        "open": db.session.scalar(base.where(Referral.status.not_in(CLOSED_STATUSES))),
        "overdue": db.session.scalar(base.where(overdue_condition())),
        "info_requested": db.session.scalar(base.where(Referral.status == ReferralStatus.INFO_REQUESTED)),
    }


def dashboard_counts(organisation: Organisation) -> dict[str, dict[str, int]]:
    """What the organisation's dashboard shows: its inbox, and its sent referrals if it refers jobseekers."""
    counts = {"received": inbox_counts(organisation)}
    if organisation.role is OrganisationRole.COACH:
        counts["sent"] = sent_counts(organisation)
    return counts


def filter_choices(organisation: Organisation, side: str) -> dict[str, list]:
    """The offerings and counterpart organisations that appear in an organisation's referrals."""
    own, other = ((Referral.referrer_id, Referral.provider_id) if side == "sent"
                  else (Referral.provider_id, Referral.referrer_id))
    offerings = db.session.scalars(
        select(Offering).where(Offering.id.in_(select(Referral.offering_id).where(own == organisation.id)))
        .order_by(Offering.title)
    ).all()
    counterparts = db.session.scalars(
        select(Organisation).where(Organisation.id.in_(select(other).where(own == organisation.id)))
        .order_by(Organisation.name)
    ).all()
    return {"offerings": offerings, "counterparts": counterparts}


def page_of(query: Select, page: int, per_page: int):
    """One page of a list query (an empty page past the end, never an error)."""
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)


def all_of(query: Select) -> list[Referral]:
    return list(db.session.scalars(query))
