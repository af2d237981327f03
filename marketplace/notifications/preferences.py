"""Who hears about what, and how: each user's choice per kind of event, and the rule that an organisation never
goes deaf to what it must answer."""

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from sqlalchemy import delete, select

from marketplace.accounts.models import OrganisationRole, User
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.notifications.labels import KIND_LABELS
from marketplace.notifications.models import Delivery, NotificationKind, NotificationSetting

# Who hears of what: the roles of the organisations whose members receive each kind.
ROLES_HEARING = {
    NotificationKind.NEW_REFERRAL: {OrganisationRole.PROVIDER},
    NotificationKind.REFERRAL_UPDATE: {OrganisationRole.COACH, OrganisationRole.PROVIDER},
    NotificationKind.MESSAGE: {OrganisationRole.COACH, OrganisationRole.PROVIDER},
    NotificationKind.OVERDUE: {OrganisationRole.PROVIDER},
    NotificationKind.LEARNING: {OrganisationRole.COACH, OrganisationRole.PROVIDER, OrganisationRole.EDUCATION},
    NotificationKind.STALE_OFFERING: {OrganisationRole.PROVIDER},
    NotificationKind.SAVED_SEARCH: {OrganisationRole.COACH},
}
# An organisation of this role must keep at least one member who hears about this kind of event.
REQUIRED_FOR = {
    NotificationKind.NEW_REFERRAL: OrganisationRole.PROVIDER,
    NotificationKind.LEARNING: OrganisationRole.EDUCATION,
}


def kinds_for(user: User) -> tuple[NotificationKind, ...]:
    """The kinds a user's organisations receive; every kind for someone in none (a coordinator)."""
    roles = {membership.organisation.role for membership in user.memberships}
    return tuple(kind for kind in NotificationKind if not roles or roles & ROLES_HEARING[kind])


def settings_of(user: User) -> dict[NotificationKind, Delivery]:
    """Every kind with the user's choice; a kind never chosen arrives at once."""
    chosen = dict(db.session.execute(
        select(NotificationSetting.kind, NotificationSetting.delivery).where(NotificationSetting.user_id == user.id)
    ).all())
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in NotificationKind}


def deliveries(user_ids: Iterable[int], kind: NotificationKind) -> dict[int, Delivery]:
    """How each of these users hears about `kind`."""
    ids = list(user_ids)
    chosen = dict(db.session.execute(
        select(NotificationSetting.user_id, NotificationSetting.delivery)
        .where(NotificationSetting.kind == kind, NotificationSetting.user_id.in_(ids))
    ).all()) if ids else {}
    return {user_id: chosen.get(user_id, Delivery.IMMEDIATE) for user_id in ids}


def route(user_ids: Mapping[str, int], kind: NotificationKind) -> dict[str, Delivery]:
    """How each address of a user hears about `kind`. Should everyone have turned off a kind their organisation
    must hear about (two members at once, or the last receiver left), they all get it at once."""
    chosen = deliveries(user_ids.values(), kind)
    routes = {address: chosen[user_id] for address, user_id in user_ids.items()}
    if kind in REQUIRED_FOR and routes and all(delivery is Delivery.OFF for delivery in routes.values()):
        return dict.fromkeys(routes, Delivery.IMMEDIATE)
    return routes


def save_settings(user: User, choices: Mapping[NotificationKind, Delivery]) -> None:
    """Store the user's choices; refuse to leave an organisation with nobody who hears what it must answer."""
    for kind, delivery in choices.items():
        if delivery is Delivery.OFF and kind in REQUIRED_FOR:
            _require_another_receiver(user, kind)
    db.session.execute(delete(NotificationSetting).where(NotificationSetting.user_id == user.id,
                                                         NotificationSetting.kind.in_(list(choices))))
    db.session.add_all(NotificationSetting(user_id=user.id, kind=kind, delivery=delivery)
                       for kind, delivery in choices.items() if delivery is not Delivery.IMMEDIATE)
    db.session.commit()


def _require_another_receiver(user: User, kind: NotificationKind) -> None:
    for membership in user.memberships:
        organisation = membership.organisation
        if organisation.role is not REQUIRED_FOR[kind]:
            continue
        others = [member.id for member in organisation.active_members if member.id != user.id]
        if not any(delivery is not Delivery.OFF for delivery in deliveries(others, kind).values()):
            raise InvalidInput(
                _("Organisaatiossa %(organisation)s kukaan muu ei saa ilmoitusta aiheesta ”%(kind)s”. "
                  "Valitse heti tai päivän kooste, tai pyydä ensin joku toinen jäsen vastaanottamaan ne.",
                  organisation=organisation.name, kind=KIND_LABELS[kind]),
                field=kind.value,
            )
