"""Organisations: registration, profile, and verification by regional coordinators."""

from dataclasses import dataclass
from uuid import UUID

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.accounts.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    OrganisationStatusChange,
    User,
)
from marketplace.accounts.permissions import can_edit_organisation, can_moderate, can_view_organisation
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.database import by_uuid, check_texts
from marketplace.errors import Conflict, DomainError, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url, send_email
from marketplace.sorting import Sort, order_by

# Which status changes a coordinator can make; the same status again is a conflict.
ALLOWED_STATUS_CHANGES = {
    OrganisationStatus.PENDING: {OrganisationStatus.VERIFIED, OrganisationStatus.SUSPENDED},
    OrganisationStatus.VERIFIED: {OrganisationStatus.SUSPENDED},
    OrganisationStatus.SUSPENDED: {OrganisationStatus.VERIFIED},
}


@dataclass
class OrganisationProfile:
    """What an organisation tells about itself; validated by the form or the command line."""

    name: str
    kind: OrganisationKind
    business_id: str | None  # normalised, "1234567-8"; None only for imported organisations
    municipality_code: str | None
    email: str = ""
    website: str | None = None
    description: str = ""


def get_organisation(organisation_uuid: UUID | str, viewer: User) -> Organisation:
    """Return the organisation if the viewer may see it; unknown and hidden ones are both 404."""
    organisation = by_uuid(Organisation, organisation_uuid)
    if organisation is None or not can_view_organisation(viewer, organisation):
        raise NotFound(_("Organisaatiota ei löytynyt."))
    return organisation



def get_membership(organisation: Organisation, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("Jäsentä ei löytynyt."))
    return membership


def check_profile(profile: OrganisationProfile, exclude_id: int | None = None) -> None:
    """The profile's texts are sound, and no other organisation has its name and business ID."""
    check_texts(Organisation, profile)
    query = select(Organisation.id).where(
        Organisation.business_id == profile.business_id,
        func.lower(Organisation.name) == profile.name.strip().lower(),
    )
    if exclude_id is not None:
        query = query.where(Organisation.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise Conflict(
            _("Samalla nimellä ja Y-tunnuksella on jo rekisteröity organisaatio. Pyydä sen ylläpitäjältä kutsu."),
            "name",
        )


def _apply(organisation: Organisation, profile: OrganisationProfile) -> None:
    organisation.name = profile.name.strip()
    organisation.kind = profile.kind
    organisation.business_id = profile.business_id
    organisation.municipality_code = profile.municipality_code
    organisation.email = (profile.email or "").strip().lower()
    organisation.website = profile.website or None
    organisation.description = profile.description.strip()


def _new_organisation(profile: OrganisationProfile, *, verified: bool, actor: User | None) -> Organisation:
    """Add an organisation with its first status history row (not committed)."""
    check_profile(profile)
    organisation = Organisation()
    _apply(organisation, profile)
    organisation.status = OrganisationStatus.VERIFIED if verified else OrganisationStatus.PENDING
    organisation.status_changes.append(
        OrganisationStatusChange(
            from_status=None,
            to_status=organisation.status,
            reason=_("Rekisteröity"),
            changed_by=actor,
        )
    )
    db.session.add(organisation)
    return organisation


def create_organisation(profile: OrganisationProfile, *, verified: bool = False) -> Organisation:
    """Create an organisation without an admin (command line, demo data, imports)."""
    organisation = _new_organisation(profile, verified=verified, actor=None)
    db.session.commit()
    return organisation


def upsert_imported_organisation(organisation_uuid: UUID, profile: OrganisationProfile) -> Organisation:
    """Create or update an organisation from a trusted data exchange (HSDS), keyed by its HSDS id; verified.

    No commit: the importer commits the whole file at once.
    """
    organisation = by_uuid(Organisation, organisation_uuid)
    if organisation is None:
        organisation = Organisation(uuid=organisation_uuid, status=OrganisationStatus.VERIFIED)
        organisation.status_changes.append(OrganisationStatusChange(
            from_status=None, to_status=OrganisationStatus.VERIFIED, reason=_("Tuotu HSDS-tiedostosta")))
        db.session.add(organisation)
    elif profile.business_id is None:
        profile.business_id = organisation.business_id
    check_texts(Organisation, profile)
    _apply(organisation, profile)
    return organisation


def register_organisation(profile: OrganisationProfile, admin: User) -> Organisation:
    """Register an organisation as pending with `admin` as its first admin; tell the coordinators.

    `admin` is a user who is logged in, or one just confirmed by registration.confirm_registration.
    """
    try:
        organisation = _new_organisation(profile, verified=False, actor=admin)
    except DomainError:
        db.session.rollback()
        raise
    organisation.memberships.append(Membership(user=admin, role=MemberRole.ADMIN))
    db.session.flush()
    audit.record(AuditKind.ORGANISATION_REGISTERED, user=admin, organisation=organisation, object_type="organisation",
                 object_id=organisation.uuid, detail=organisation.business_id or "")
    send_email(
        coordinators(),
        _l("Uusi organisaatio odottaa vahvistusta: %(name)s", name=organisation.name),
        "accounts/email/organisation_registered.txt",
        organisation=organisation,
        admin=admin,
        link=absolute_url("accounts.coordinator_organisation", organisation_uuid=organisation.uuid),
    )
    db.session.commit()
    return organisation


def update_organisation(organisation: Organisation, profile: OrganisationProfile, actor: User) -> None:
    """Save the profile; a verified organisation's business ID is fixed, since it was what was verified."""
    if not can_edit_organisation(actor, organisation):
        raise NotPermitted(_("Vain organisaation ylläpitäjä voi muokata sen tietoja."))
    if organisation.is_verified and profile.business_id != organisation.business_id:
        raise InvalidInput(
            _("Vahvistetun organisaation Y-tunnusta ei voi muuttaa. Ota yhteyttä alueen koordinaattoriin."),
            "business_id",
        )
    check_profile(profile, exclude_id=organisation.id)
    _apply(organisation, profile)
    db.session.commit()


def set_organisation_status(
    organisation: Organisation, status: OrganisationStatus, actor: User, reason: str = ""
) -> OrganisationStatusChange:
    """Verify, suspend or reinstate an organisation; keep the reason in history and tell its admins."""
    if not can_moderate(actor):
        raise NotPermitted(_("Vain alueen koordinaattori voi vahvistaa tai jäädyttää organisaatioita."))
    if status not in ALLOWED_STATUS_CHANGES[organisation.status]:
        raise Conflict(_("Organisaation tila on jo muuttunut. Lataa sivu uudelleen."))
    reason = reason.strip()
    if status is OrganisationStatus.SUSPENDED and not reason:
        raise InvalidInput(_("Kerro jäädyttämisen syy. Se näytetään organisaation ylläpitäjille."), "reason")
    change = OrganisationStatusChange(
        from_status=organisation.status, to_status=status, reason=reason, changed_by=actor
    )
    organisation.status_changes.append(change)
    audit.record(AuditKind.ORGANISATION_STATUS_CHANGED, user=actor, organisation=organisation,
                 object_type="organisation", object_id=organisation.uuid,
                 detail=f"{organisation.status.value} → {status.value}")
    organisation.status = status
    send_email(
        organisation.admins,
        _status_subject(organisation, status),
        "accounts/email/organisation_status.txt",
        organisation=organisation,
        change=change,
        link=absolute_url("home.index"),
    )
    db.session.commit()
    return change


def _status_subject(organisation: Organisation, status: OrganisationStatus) -> str:
    if status is OrganisationStatus.VERIFIED:
        return _l("%(name)s on vahvistettu Kumppanitorilla", name=organisation.name)
    return _l("%(name)s on jäädytetty Kumppanitorilla", name=organisation.name)


def require_verified(organisation: Organisation) -> None:
    """Only verified organisations publish offerings and send or receive referrals."""
    if organisation.status is OrganisationStatus.PENDING:
        raise NotPermitted(
            _("Organisaatiota ei ole vielä vahvistettu. Alueen koordinaattori tarkistaa tiedot pian; "
              "sillä välin voit muokata profiilia ja kutsua kollegoita.")
        )
    if organisation.status is OrganisationStatus.SUSPENDED:
        raise NotPermitted(
            _("Organisaation toiminta Kumppanitorilla on jäädytetty. Ota yhteyttä alueen koordinaattoriin.")
        )


# The coordinator's list sorts by these (?sort=)
ORGANISATION_COLUMNS = {"name": func.lower(Organisation.name), "kind": Organisation.kind,
                        "business_id": Organisation.business_id, "status": Organisation.status,
                        "registered": Organisation.created_at}


def list_organisations(viewer: User, status: OrganisationStatus | None = None,
                       sort: Sort | None = None) -> list[Organisation]:
    """Organisations for the coordinator's list, newest first unless `sort` says otherwise."""
    if not can_moderate(viewer):
        raise NotPermitted(_("Vain alueen koordinaattori näkee kaikki organisaatiot."))
    return organisations_by_status(status, sort)


def organisations_by_status(status: OrganisationStatus | None = None, sort: Sort | None = None) -> list[Organisation]:
    order = order_by(sort, ORGANISATION_COLUMNS, Organisation.id) if sort else (Organisation.created_at.desc(),
                                                                                 Organisation.id.desc())
    query = select(Organisation).order_by(*order)
    if status is not None:
        query = query.where(Organisation.status == status)
    return list(db.session.scalars(query))


def status_counts() -> dict[OrganisationStatus, int]:
    rows = db.session.execute(select(Organisation.status, func.count()).group_by(Organisation.status))
    counts = {status: 0 for status in OrganisationStatus}
    counts.update({status: count for status, count in rows})
    return counts


def same_business_id(organisation: Organisation) -> list[Organisation]:
    """Other organisations with this business ID, e.g. other units of the same municipality."""
    if not organisation.business_id:
        return []
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.business_id == organisation.business_id, Organisation.id != organisation.id)
            .order_by(Organisation.name)
        )
    )


def coordinators() -> list[User]:
    return list(db.session.scalars(select(User).where(User.is_coordinator, User.active)))
