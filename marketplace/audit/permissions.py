"""Who may read the audit trail: coordinators the whole network's, an organisation's admins their own."""

from marketplace.accounts.models import Organisation, User


def can_view_network_audit(user: User) -> bool:
    return user.is_authenticated and user.is_coordinator


def can_view_organisation_audit(user: User, organisation: Organisation) -> bool:
    return can_view_network_audit(user) or (user.is_authenticated and user.is_admin_of(organisation))
