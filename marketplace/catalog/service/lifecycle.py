"""An offering's status (draft, published, paused, archived), its open places and its freshness."""

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.accounts.service import require_verified
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.permissions import can_moderate_offerings, is_expired
from marketplace.catalog.service.editing import edited_meanwhile, mark_current, record_change, require_editor
from marketplace.clock import utcnow
from marketplace.database import commit_or_conflict
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


def _set_status(offering: Offering, to: OfferingStatus, actor: User | None) -> None:
    if not can_change_status(offering, to):
        raise Conflict(_("Palvelun tila on jo muuttunut. Lataa sivu uudelleen."))
    record_change(offering, "status", offering.status.value, to.value, actor)
    offering.status = to
    offering.updated_at = utcnow()
    offering.updated_by = actor


def publish_offering(offering: Offering, actor: User) -> None:
    """Publish (or republish) an offering; only verified organisations publish, and not past their funding."""
    require_editor(offering, actor)
    require_verified(offering.organisation)
    if is_expired(offering):
        raise InvalidInput(
            _("Palvelun rahoitus on päättynyt. Päivitä rahoituksen päättymispäivä ennen julkaisemista."), "funding_ends_on"
        )
    _set_status(offering, OfferingStatus.PUBLISHED, actor)
    offering.published_at = utcnow()
    offering.moderation_reason = ""
    commit_or_conflict(edited_meanwhile())


def pause_offering(offering: Offering, actor: User) -> None:
    require_editor(offering, actor)
    _set_status(offering, OfferingStatus.PAUSED, actor)
    commit_or_conflict(edited_meanwhile())


def archive_offering(offering: Offering, actor: User) -> None:
    require_editor(offering, actor)
    _set_status(offering, OfferingStatus.ARCHIVED, actor)
    commit_or_conflict(edited_meanwhile())


def restore_offering(offering: Offering, actor: User) -> None:
    """Bring an archived offering back as a draft."""
    require_editor(offering, actor)
    _set_status(offering, OfferingStatus.DRAFT, actor)
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
    _set_status(offering, OfferingStatus.PAUSED, actor)
    record_change(offering, "moderation_reason", offering.moderation_reason, reason, actor)
    offering.moderation_reason = reason
    send_email(
        offering.organisation.member_emails,
        _("Koordinaattori poisti palvelun julkaisusta: %(title)s", title=offering.title),
        "catalog/email/unpublished.txt",
        offering=offering,
        reason=reason,
        link=absolute_url("catalog.offering", offering_uuid=offering.uuid),
    )
    commit_or_conflict(edited_meanwhile())


def set_open_places(offering: Offering, open_places: int, actor: User) -> None:
    """Update how many places are free now; an update also confirms the offering is current."""
    require_editor(offering, actor)
    if open_places < 0:
        raise InvalidInput(_("Vapaiden paikkojen määrä ei voi olla negatiivinen."), "open_places")
    if offering.capacity_total is not None and open_places > offering.capacity_total:
        raise InvalidInput(
            _("Vapaita paikkoja voi olla enintään %(total)s (paikkoja yhteensä).", total=offering.capacity_total),
            "open_places",
        )
    if open_places != offering.open_places:
        record_change(offering, "open_places", "" if offering.open_places is None else str(offering.open_places),
                      str(open_places), actor)
        offering.open_places = open_places
    mark_current(offering, actor)
    commit_or_conflict(edited_meanwhile())


def confirm_offering(offering: Offering, actor: User) -> None:
    """The provider checked the offering and it is still current ("Tiedot ajan tasalla")."""
    require_editor(offering, actor)
    record_change(offering, "confirmed", "", utcnow().date().isoformat(), actor)
    mark_current(offering, actor)
    commit_or_conflict(edited_meanwhile())
