"""Who may see and act on referrals. Views use these to show buttons; services to enforce.

Only the two organisations of a referral see it: the one that referred the jobseeker and the provider.
`acting_for` narrows a user to one organisation: an API token works for its own organisation only.
"""

from marketplace.accounts.models import Organisation, OrganisationRole, User
from marketplace.accounts.permissions import is_member
from marketplace.catalog.models import Offering
from marketplace.catalog.permissions import is_public
from marketplace.referrals.models import Referral


def acts_for(user: User, organisation: Organisation, acting_for: Organisation | None = None) -> bool:
    if acting_for is not None and acting_for.id != organisation.id:
        return False
    return is_member(user, organisation)


def is_referrer(user: User, referral: Referral, acting_for: Organisation | None = None) -> bool:
    """A member of the organisation that sent the referral: the coach and their team."""
    return acts_for(user, referral.referrer, acting_for)


def is_provider(user: User, referral: Referral, acting_for: Organisation | None = None) -> bool:
    return acts_for(user, referral.provider, acting_for)


def can_view_referral(user: User, referral: Referral, acting_for: Organisation | None = None) -> bool:
    return is_referrer(user, referral, acting_for) or is_provider(user, referral, acting_for)


def can_refer_from(organisation: Organisation | None) -> bool:
    """Verified employment-services organisations refer jobseekers."""
    return organisation is not None and organisation.role is OrganisationRole.COACH and organisation.is_verified


def can_refer(user: User, organisation: Organisation | None, offering: Offering) -> bool:
    return (
        organisation is not None
        and is_member(user, organisation)
        and can_refer_from(organisation)
        and is_public(offering)
    )


def can_erase(user: User, referral: Referral, acting_for: Organisation | None = None) -> bool:
    """The referring side erases the jobseeker's details when the jobseeker withdraws consent."""
    return is_referrer(user, referral, acting_for) and not referral.is_erased
