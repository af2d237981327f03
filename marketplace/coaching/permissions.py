"""Who may keep, see and change shortlists. Views use these to show buttons; the service to enforce."""

from marketplace.accounts.models import Organisation, OrganisationRole, User
from marketplace.accounts.permissions import is_member
from marketplace.coaching.models import Shortlist


def can_keep_shortlists(user: User, organisation: Organisation | None) -> bool:
    """Coaches of employment services collect offerings for their jobseekers."""
    return organisation is not None and organisation.role is OrganisationRole.COACH and is_member(user, organisation)


def can_view_shortlist(user: User, shortlist: Shortlist) -> bool:
    """The owner, and colleagues of the same organisation once it is shared with the team."""
    if not user.is_authenticated:
        return False
    return shortlist.owner_id == user.id or (shortlist.shared_with_team and is_member(user, shortlist.organisation))


def can_edit_shortlist(user: User, shortlist: Shortlist) -> bool:
    """Only the owner changes a list; a colleague copies it to make it theirs."""
    return user.is_authenticated and shortlist.owner_id == user.id and is_member(user, shortlist.organisation)
