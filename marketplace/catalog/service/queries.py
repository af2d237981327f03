"""Finding offerings: one by its UUID, an organisation's, the public browse list, the stale ones."""

from uuid import UUID

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import Organisation, OrganisationStatus, User
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.permissions import can_edit_offering, can_view_offering
from marketplace.clock import today, utcnow
from marketplace.database import by_uuid
from marketplace.errors import NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.sorting import Sort, order_by


def offering_parts():
    """Loader options for an offering and what its card and its index document show (a function: the mappers
    are configured only after every model is imported)."""
    return (
        joinedload(Offering.organisation),
        selectinload(Offering.target_groups),
        selectinload(Offering.languages),
        selectinload(Offering.municipalities),
        selectinload(Offering.learning_units),
        selectinload(Offering.translations),
    )



def get_offering(offering_uuid: UUID | str, viewer: User) -> Offering:
    """The offering, if the viewer may see it: public ones to all, others to their organisation and coordinators."""
    offering = by_uuid(Offering, offering_uuid)
    if offering is None or not can_view_offering(viewer, offering):
        raise NotFound(_("Palvelua ei löytynyt. Se on ehkä poistettu julkaisusta."))
    return offering


def get_editable_offering(offering_uuid: UUID | str, actor: User) -> Offering:
    offering = get_offering(offering_uuid, actor)
    if not can_edit_offering(actor, offering):
        raise NotPermitted(_("Vain palvelun julkaisseen organisaation jäsenet voivat muokata sitä."))
    return offering


def public_offerings_query() -> Select:
    """Published offerings of verified organisations whose funding has not ended."""
    return (
        select(Offering)
        .join(Offering.organisation)
        .where(
            Offering.status == OfferingStatus.PUBLISHED,
            Organisation.status == OrganisationStatus.VERIFIED,
            or_(Offering.funding_ends_on.is_(None), Offering.funding_ends_on >= today()),
        )
    )


# The dashboard's columns a provider sorts by (?sort=)
DASHBOARD_COLUMNS = {"title": func.lower(Offering.title), "status": Offering.status, "places": Offering.open_places,
                     "confirmed": Offering.confirmed_at}


def organisation_offerings(organisation: Organisation, *, archived: bool = False,
                           sort: Sort | None = None) -> list[Offering]:
    """An organisation's own offerings for its dashboard: the active ones, or the archived ones; by name unless
    `sort` says otherwise."""
    status = Offering.status == OfferingStatus.ARCHIVED if archived else Offering.status != OfferingStatus.ARCHIVED
    query = (
        select(Offering)
        .where(Offering.organisation_id == organisation.id, status)
        .order_by(*order_by(sort or Sort("title"), DASHBOARD_COLUMNS, Offering.id))
        .options(*offering_parts())
    )
    return list(db.session.scalars(query))


def public_offerings_of(organisation: Organisation) -> list[Offering]:
    query = public_offerings_query().where(Offering.organisation_id == organisation.id).order_by(Offering.title)
    return list(db.session.scalars(query.options(*offering_parts())))


def stale_before():
    return utcnow() - current_app.config["OFFERING_STALE_AFTER"]


def is_stale(offering: Offering) -> bool:
    """Not confirmed or edited for OFFERING_STALE_AFTER (180 days): "tarkista tiedot"."""
    return (offering.status in (OfferingStatus.PUBLISHED, OfferingStatus.PAUSED)
            and offering.confirmed_at < stale_before())


def stale_offerings() -> dict[Organisation, list[Offering]]:
    """Published and paused offerings that need checking, by organisation, oldest first."""
    query = (
        select(Offering)
        .where(Offering.status.in_([OfferingStatus.PUBLISHED, OfferingStatus.PAUSED]),
               Offering.confirmed_at < stale_before())
        .order_by(Offering.confirmed_at)
        .options(selectinload(Offering.organisation))
    )
    return group_by_organisation(db.session.scalars(query))


def group_by_organisation(offerings) -> dict[Organisation, list[Offering]]:
    grouped: dict[Organisation, list[Offering]] = {}
    for offering in offerings:
        grouped.setdefault(offering.organisation, []).append(offering)
    return grouped



def offering_summary(organisation: Organisation) -> dict[str, int]:
    """How many of the organisation's offerings are in each status, and how many need checking."""
    offerings = organisation_offerings(organisation)
    summary = {status.value: 0 for status in OfferingStatus if status is not OfferingStatus.ARCHIVED}
    for offering in offerings:
        summary[offering.status.value] += 1
    summary["stale"] = sum(is_stale(offering) for offering in offerings)
    return summary


def offerings_by_uuids(uuids: list[str]) -> list[Offering]:
    """Offerings in the order given (search results), skipping any that no longer exist."""
    if not uuids:
        return []
    keys = [UUID(value) for value in uuids]
    found = {
        o.uuid: o
        for o in db.session.scalars(select(Offering).where(Offering.uuid.in_(keys)).options(*offering_parts()))
    }
    return [found[key] for key in keys if key in found]
