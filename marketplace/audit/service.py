"""Recording audit events, reading them back with filters, and pruning them on time."""

import ipaddress
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, has_request_context, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, delete, false, select, update

from marketplace.accounts.models import Organisation, User
from marketplace.audit.labels import KIND_LABELS
from marketplace.audit.models import AuditEvent, AuditKind
from marketplace.audit.permissions import can_view_network_audit, can_view_organisation_audit
from marketplace.clock import day_start, utcnow
from marketplace.database import by_uuid
from marketplace.errors import NotPermitted
from marketplace.extensions import db
from marketplace.spreadsheet import csv_text


def _acting_user() -> User | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def _client_address() -> str:
    return (request.remote_addr or "") if has_request_context() else ""


def record(kind: AuditKind, *, user: User | None = None, organisation: Organisation | None = None,
           object_type: str = "", object_id: object = "", detail: str = "", commit: bool = False) -> AuditEvent:
    """Add an event to the session, in the same transaction as the change it records (the caller commits).

    `user` defaults to the signed-in user. `commit=True` for events with no change of their own, such as a
    failed login, whose request writes nothing else.
    """
    event = AuditEvent(kind=kind, user=user or _acting_user(), organisation=organisation, object_type=object_type,
                       object_id=str(object_id), detail=detail[:300], ip_address=_client_address()[:45])
    db.session.add(event)
    if commit:
        db.session.commit()
    return event


def record_many(kind: AuditKind, objects: list[tuple[str, object, Organisation | None]], *, user: User,
                detail: str = "") -> None:
    """One event per object (object_type, object_id, organisation), e.g. every referral on a list page."""
    ip = _client_address()[:45]
    db.session.add_all(AuditEvent(kind=kind, user=user, organisation=organisation, object_type=object_type,
                                  object_id=str(object_id), detail=detail, ip_address=ip)
                       for object_type, object_id, organisation in objects)


def events_about(object_type: str, object_id: object, kind: AuditKind, limit: int = 50) -> list[AuditEvent]:
    """The latest events of one kind about one object, newest first (e.g. who viewed a referral)."""
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id),
                                 AuditEvent.kind == kind)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(limit)))


@dataclass
class AuditFilters:
    """The filters of the audit page; empty values filter nothing."""

    since: date | None = None
    until: date | None = None
    kind: str = ""
    user: str = ""  # an email address, or part of one
    organisation: str = ""  # an organisation's UUID (coordinators only)


def events(viewer: User, filters: AuditFilters, organisation: Organisation | None = None) -> Select:
    """The events `viewer` may see, newest first: the whole network for coordinators, else one organisation's."""
    if organisation is None:
        if not can_view_network_audit(viewer):
            raise NotPermitted(_("Vain alueen koordinaattori näkee koko verkoston tapahtumat."))
    elif not can_view_organisation_audit(viewer, organisation):
        raise NotPermitted(_("Vain organisaation ylläpitäjä näkee sen tapahtumat."))
    query = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if organisation is not None:
        query = query.where(AuditEvent.organisation_id == organisation.id)
    elif filters.organisation:
        chosen = by_uuid(Organisation, filters.organisation)
        query = query.where(AuditEvent.organisation_id == chosen.id if chosen else false())
    if filters.since:
        query = query.where(AuditEvent.occurred_at >= day_start(filters.since))
    if filters.until:
        query = query.where(AuditEvent.occurred_at < day_start(filters.until + timedelta(days=1)))
    if filters.kind in AuditKind.__members__.values():
        query = query.where(AuditEvent.kind == AuditKind(filters.kind))
    if filters.user:
        query = query.join(User, AuditEvent.user_id == User.id).where(User.email.contains(filters.user.lower()))
    return query


def page_of(query: Select, page: int, per_page: int = 100):
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)


def events_csv(query: Select) -> str:
    header = [_("Aika"), _("Tapahtuma"), _("Käyttäjä"), _("Organisaatio"), _("Kohde"), _("Tunniste"), _("Lisätieto"),
              _("IP-osoite")]
    rows = ([format_datetime(e.occurred_at, "d.M.yyyy H.mm.ss"), KIND_LABELS[e.kind], e.user.email if e.user else "",
             e.organisation.name if e.organisation else "", e.object_type, e.object_id, e.detail, e.ip_address]
            for e in db.session.scalars(query))
    return csv_text(header, rows)


def shorten_address(address: str) -> str:
    """The network, not the machine: 203.0.113.9 → 203.0.113.0, 2001:db8:1:2::5 → 2001:db8:1::."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def purge(now: datetime | None = None) -> tuple[int, int, int]:
    """Delete events past AUDIT_RETENTION_MONTHS and referral views past REFERRAL_RETENTION_MONTHS; shorten IP
    addresses older than AUDIT_IP_RETENTION. Return (deleted events, deleted views, shortened addresses)."""
    now = now or utcnow()
    config = current_app.config
    deleted = db.session.execute(delete(AuditEvent).where(
        AuditEvent.occurred_at < now - timedelta(days=30.44 * config["AUDIT_RETENTION_MONTHS"]))).rowcount
    views = db.session.execute(delete(AuditEvent).where(
        AuditEvent.kind == AuditKind.REFERRAL_VIEWED,
        AuditEvent.occurred_at < now - timedelta(days=30.44 * config["REFERRAL_RETENTION_MONTHS"]))).rowcount
    shortened = 0
    old = db.session.execute(select(AuditEvent.id, AuditEvent.ip_address).where(
        AuditEvent.occurred_at < now - config["AUDIT_IP_RETENTION"], AuditEvent.ip_address != "",
        ~AuditEvent.ip_address.endswith(".0"), ~AuditEvent.ip_address.endswith("::"))).all()
    for event_id, address in old:
        db.session.execute(update(AuditEvent).where(AuditEvent.id == event_id)
                           .values(ip_address=shorten_address(address)))
        shortened += 1
    db.session.commit()
    return deleted, views, shortened
