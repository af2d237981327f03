"""Who may change an offering, and the history that keeps every change: the base of every catalogue rule."""

from uuid import UUID

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.catalog.models import Offering, OfferingChange, PlaceReason
from marketplace.catalog.permissions import can_edit_offering
from marketplace.clock import utcnow
from marketplace.errors import NotPermitted


def edited_meanwhile() -> str:
    return _("Joku muu on muokannut palvelua sillä välin. Lataa sivu uudelleen ja tee muutokset uudestaan.")


def require_editor(offering: Offering, actor: User) -> None:
    if not can_edit_offering(actor, offering):
        raise NotPermitted(_("Vain palvelun julkaisseen organisaation jäsenet voivat muokata sitä."))


def record_change(offering: Offering, field_name: str, old: str, new: str, actor: User | None,
                  reason: PlaceReason | None = None, referral_uuid: UUID | None = None) -> None:
    offering.changes.append(OfferingChange(field=field_name, old_value=old, new_value=new, changed_by=actor,
                                           reason=reason, referral_uuid=referral_uuid))


def mark_current(offering: Offering, actor: User | None) -> None:
    """An edit by the provider also confirms the information is current."""
    now = utcnow()
    offering.updated_at = offering.confirmed_at = now
    offering.updated_by = actor
    offering.stale_reminder_sent_at = None


def note_edit(offering: Offering, field_name: str, old: str, new: str, actor: User) -> None:
    """An edit made on another domain's page (e.g. the units taught, in learning): into the history, and
    the offering counts as current again. The caller's commit saves it with its own rows."""
    require_editor(offering, actor)
    record_change(offering, field_name, old, new, actor)
    mark_current(offering, actor)
