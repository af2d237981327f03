"""An offering's status (draft, published, paused, archived) and its open places.

TRANSITIONS is the only way an offering's status changes, whoever changes it: its provider, a
coordinator, the daily round or an import. Open places change by the provider's edit, or by a referral
taking or giving back a place (take_place, give_back_place), each kept in the history with who and why.
"""

from uuid import UUID

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.accounts.service import require_verified
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.catalog.models import Offering, OfferingStatus, PlaceReason
from marketplace.catalog.permissions import can_moderate_offerings, is_expired
from marketplace.catalog.service.changes import edited_meanwhile, mark_current, record_change, require_editor
from marketplace.catalog.service.completeness import missing_for_publishing
from marketplace.catalog.signals import places_freed
from marketplace.clock import utcnow
from marketplace.database import commit_or_conflict, lock_row
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.notifications.service import absolute_url, send_email

# The allowed status changes; anything else is a conflict (someone else changed it, or a stale page).
TRANSITIONS = {
    OfferingStatus.DRAFT: {OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED},
    OfferingStatus.PUBLISHED: {OfferingStatus.PAUSED, OfferingStatus.ARCHIVED},
    OfferingStatus.PAUSED: {OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED},
    OfferingStatus.ARCHIVED: {OfferingStatus.DRAFT},
}


def can_change_status(offering: Offering, to: OfferingStatus) -> bool:
    return to in TRANSITIONS[offering.status]


def change_status(offering: Offering, to: OfferingStatus, actor: User | None) -> None:
    """Move the offering along TRANSITIONS and keep the change in its history (not committed)."""
    if not can_change_status(offering, to):
        raise Conflict(_("Palvelun tila on jo muuttunut. Lataa sivu uudelleen."))
    record_change(offering, "status", offering.status.value, to.value, actor)
    offering.status = to
    offering.updated_at = utcnow()
    offering.updated_by = actor
    if to is OfferingStatus.PUBLISHED:
        offering.published_at = utcnow()


def set_imported_status(offering: Offering, wanted: OfferingStatus) -> None:
    """The status an import (HSDS) asks for, through the same table; an inactive new service stays a draft."""
    if offering.status is wanted or (wanted is OfferingStatus.PAUSED and offering.status is OfferingStatus.DRAFT):
        return
    if not can_change_status(offering, wanted):
        raise Conflict(_("Palvelu on arkistoitu, joten tuonti ei voi julkaista sitä. Palauta se ensin luonnokseksi."))
    change_status(offering, wanted, None)


def pause_for_funding_end(offering: Offering) -> None:
    """The daily round: a published offering whose funding ended is paused, and the provider sees why."""
    change_status(offering, OfferingStatus.PAUSED, None)
    offering.moderation_reason = _("Rahoitus päättyi %(date)s.", date=format_date(offering.funding_ends_on, "d.M.yyyy"))


def publish_offering(offering: Offering, actor: User) -> None:
    """Publish (or republish) an offering; only verified organisations publish, and not past their funding."""
    require_editor(offering, actor)
    require_verified(offering.organisation)
    missing = missing_for_publishing(offering)
    if missing:
        raise InvalidInput(_("Palvelua ei voi vielä julkaista. Muokkaa ja täydennä: %(missing)s",
                             missing=" ".join(messages[0] for messages in missing.values())), errors=missing)
    if is_expired(offering):
        raise InvalidInput(
            _("Palvelun rahoitus on päättynyt. Päivitä rahoituksen päättymispäivä ennen julkaisemista."),
            "funding_ends_on",
        )
    change_status(offering, OfferingStatus.PUBLISHED, actor)
    offering.moderation_reason = ""
    commit_or_conflict(edited_meanwhile())


def pause_offering(offering: Offering, actor: User) -> None:
    require_editor(offering, actor)
    change_status(offering, OfferingStatus.PAUSED, actor)
    commit_or_conflict(edited_meanwhile())


def archive_offering(offering: Offering, actor: User) -> None:
    require_editor(offering, actor)
    change_status(offering, OfferingStatus.ARCHIVED, actor)
    commit_or_conflict(edited_meanwhile())


def restore_offering(offering: Offering, actor: User) -> None:
    """Bring an archived offering back as a draft."""
    require_editor(offering, actor)
    change_status(offering, OfferingStatus.DRAFT, actor)
    commit_or_conflict(edited_meanwhile())


def unpublish_offering(offering: Offering, actor: User, reason: str) -> None:
    """A coordinator takes a published offering down; the provider sees why and can fix and republish."""
    if not can_moderate_offerings(actor):
        raise NotPermitted(_("Vain alueen koordinaattori voi poistaa toisen organisaation palvelun julkaisusta."))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Kerro syy. Se näytetään palveluntuottajalle."), "reason")
    if offering.status is not OfferingStatus.PUBLISHED:
        raise Conflict(_("Palvelu ei ole julkaistu."))
    change_status(offering, OfferingStatus.PAUSED, actor)
    record_change(offering, "moderation_reason", offering.moderation_reason, reason, actor)
    offering.moderation_reason = reason
    audit.record(AuditKind.OFFERING_TAKEN_DOWN, user=actor, organisation=offering.organisation,
                 object_type="offering", object_id=offering.uuid, detail=reason)
    send_email(
        offering.organisation.active_members,
        _l("Koordinaattori poisti palvelun julkaisusta: %(title)s", title=offering.title),
        "catalog/email/unpublished.txt",
        offering=offering,
        reason=reason,
        link=absolute_url("catalog.offering", offering_uuid=offering.uuid),
    )
    commit_or_conflict(edited_meanwhile())


def _check_places(offering: Offering, open_places: int) -> None:
    """Never below zero, never above the offering's capacity: for the provider's edit and for referrals."""
    if open_places < 0:
        raise InvalidInput(_("Vapaiden paikkojen määrä ei voi olla negatiivinen."), "open_places")
    if offering.capacity_total is not None and open_places > offering.capacity_total:
        raise InvalidInput(
            _("Vapaita paikkoja voi olla enintään %(total)s (paikkoja yhteensä).", total=offering.capacity_total),
            "open_places",
        )


def _change_places(offering: Offering, open_places: int, actor: User | None, reason: PlaceReason | None = None,
                   referral_uuid: UUID | None = None) -> None:
    _check_places(offering, open_places)
    before = offering.open_places
    if open_places != before:
        record_change(offering, "open_places", "" if before is None else str(before),
                      str(open_places), actor, reason, referral_uuid)
        offering.open_places = open_places
        offering.updated_at = utcnow()  # what the open data's last_modified and modified_after follow
        if before is not None and open_places > before:
            places_freed.send(offering, by=actor)


def set_open_places(offering: Offering, open_places: int, actor: User) -> None:
    """Update how many places are free now; an update also confirms the offering is current."""
    require_editor(offering, actor)
    _change_places(offering, open_places, actor)
    mark_current(offering, actor)
    commit_or_conflict(edited_meanwhile())


def lock_places(offering: Offering) -> None:
    """Hold the offering's places (and what is counted against them, such as a queue) until the commit."""
    lock_row(offering)


def take_place(offering: Offering, by: User, referral_uuid: UUID) -> bool:
    """An accepted referral takes one open place; False when none is free or places are not counted.

    The offering's row is locked first, so two accepts at once each see the other's place (the caller commits).
    """
    lock_row(offering)
    if offering.open_places is None or offering.open_places <= 0:
        return False
    _change_places(offering, offering.open_places - 1, by, PlaceReason.REFERRAL_ACCEPTED, referral_uuid)
    return True


def give_back_place(offering: Offering, by: User | None, referral_uuid: UUID) -> None:
    """A referral that held a place ended: the place is free again, never above capacity (the caller commits)."""
    lock_row(offering)
    if offering.open_places is None or (
            offering.capacity_total is not None and offering.open_places >= offering.capacity_total):
        return
    _change_places(offering, offering.open_places + 1, by, PlaceReason.REFERRAL_ENDED, referral_uuid)


def confirm_offering(offering: Offering, actor: User) -> None:
    """The provider checked the offering and it is still current ("Tiedot ajan tasalla")."""
    require_editor(offering, actor)
    record_change(offering, "confirmed", "", utcnow().date().isoformat(), actor)
    mark_current(offering, actor)
    commit_or_conflict(edited_meanwhile())
