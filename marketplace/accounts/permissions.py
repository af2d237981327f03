"""Who may do what with organisations and their members; used by views (to show) and services (to enforce)."""

from marketplace.accounts.models import Membership, Organisation, User


def is_member(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and user.membership_in(organisation) is not None


def can_view_members(user: User, organisation: Organisation) -> bool:
    return is_member(user, organisation) or (user.is_authenticated and user.is_coordinator)


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and user.is_admin_of(organisation)


def can_manage_members(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and user.is_admin_of(organisation)


def can_remove_member(user: User, membership: Membership) -> bool:
    """Admins remove anyone in their organisation; everyone may leave by themselves."""
    return can_manage_members(user, membership.organisation) or membership.user_id == user.id


def can_moderate(user: User) -> bool:
    """Regional coordinators verify and suspend organisations."""
    return user.is_authenticated and user.is_coordinator


def can_view_organisation(user: User, organisation: Organisation) -> bool:
    """Verified organisations are public; others only to their members and coordinators."""
    return organisation.is_verified or can_view_members(user, organisation)
