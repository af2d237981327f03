"""One change to several offerings at once (the provider's dashboard): each offering is changed, and kept in
its own history, as if changed alone; one that cannot be is left as it was, with the reason."""

import enum
from dataclasses import dataclass, field
from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Organisation, User
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.permissions import can_manage_offerings
from marketplace.catalog.service.lifecycle import confirm_offering, pause_offering, publish_offering, set_open_places
from marketplace.errors import DomainError, InvalidInput, NotPermitted
from marketplace.extensions import db

MAX_AT_ONCE = 500


class BulkAction(enum.StrEnum):
    CONFIRM = "confirm"  # "tiedot ajan tasalla"
    PAUSE = "pause"
    RESUME = "resume"
    SET_PLACES = "set_places"


# The status an offering must be in for the action, and what the provider is told of one that is not
NEEDS_STATUS = {BulkAction.PAUSE: OfferingStatus.PUBLISHED, BulkAction.RESUME: OfferingStatus.PAUSED}


@dataclass
class BulkOutcome:
    changed: list[Offering] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (title, why)


def _not_in_status(wanted: OfferingStatus) -> str:
    return _("palvelu ei ole julkaistu") if wanted is OfferingStatus.PUBLISHED else _("palvelu ei ole keskeytetty")


def change_many(organisation: Organisation, offering_uuids: list[str], action: BulkAction, actor: User,
                open_places: int | None = None) -> BulkOutcome:
    """Apply `action` to each of the organisation's offerings named; others' offerings are never touched."""
    if not can_manage_offerings(actor, organisation):
        raise NotPermitted(_("Vain organisaation jäsenet voivat muuttaa sen palveluja."))
    keys = {UUID(value) for value in offering_uuids if _is_uuid(value)}
    if not keys:
        raise InvalidInput(_("Valitse vähintään yksi palvelu."), "offerings")
    if len(keys) > MAX_AT_ONCE:
        raise InvalidInput(_("Valitse enintään %(max)s palvelua kerralla.", max=MAX_AT_ONCE), "offerings")
    if action is BulkAction.SET_PLACES and (open_places is None or open_places < 0):
        raise InvalidInput(_("Anna vapaiden paikkojen määrä (0 tai enemmän)."), "open_places")
    offerings = db.session.scalars(select(Offering).where(
        Offering.uuid.in_(keys), Offering.organisation_id == organisation.id).order_by(Offering.title)).all()
    if not offerings:
        raise InvalidInput(_("Valitse vähintään yksi palvelu."), "offerings")
    outcome = BulkOutcome()
    for offering in offerings:
        title, wanted = offering.title, NEEDS_STATUS.get(action)
        if wanted is not None and offering.status is not wanted:
            outcome.skipped.append((title, _not_in_status(wanted)))
            continue
        try:
            _apply(offering, action, actor, open_places)
        except DomainError as error:  # each one commits alone: what is refused leaves the others done
            db.session.rollback()
            outcome.skipped.append((title, error.message))
        else:
            outcome.changed.append(offering)
    return outcome


def _apply(offering: Offering, action: BulkAction, actor: User, open_places: int | None) -> None:
    if action is BulkAction.CONFIRM:
        confirm_offering(offering, actor)
    elif action is BulkAction.PAUSE:
        pause_offering(offering, actor)
    elif action is BulkAction.RESUME:
        publish_offering(offering, actor)
    else:
        set_open_places(offering, open_places, actor)


def _is_uuid(value: str) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
