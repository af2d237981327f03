"""Who may see and change offerings. Views use these to show buttons; services to enforce."""

from marketplace.accounts.models import Organisation, User
from marketplace.accounts.permissions import can_moderate, is_member
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.clock import today


def can_manage_offerings(user: User, organisation: Organisation) -> bool:
    """Every member of an organisation maintains its offerings."""
    return is_member(user, organisation)


def can_edit_offering(user: User, offering: Offering) -> bool:
    return can_manage_offerings(user, offering.organisation)


def can_moderate_offerings(user: User) -> bool:
    return can_moderate(user)


def is_expired(offering: Offering) -> bool:
    """Project funding has ended: the offering is no longer public from that day on."""
    return offering.funding_ends_on is not None and offering.funding_ends_on < today()


def is_public(offering: Offering) -> bool:
    return (
        offering.status is OfferingStatus.PUBLISHED
        and offering.organisation.is_verified
        and not is_expired(offering)
    )


def can_view_offering(user: User, offering: Offering) -> bool:
    return is_public(offering) or can_edit_offering(user, offering) or can_moderate_offerings(user)
