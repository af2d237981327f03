"""Flask-Login wiring and the organisation the user is acting for."""

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from marketplace.accounts.models import Membership, User
from marketplace.extensions import db, login_manager

ACTIVE_ORGANISATION_KEY = "organisation"


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Kirjaudu sisään nähdäksesi sivun.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Users are identified by a token that changes with the password, not by their id."""
    return db.session.scalar(select(User).where(User.session_token == session_token, User.active))


def active_membership() -> Membership | None:
    """The membership the user is acting in: the one chosen in the header, else the first."""
    if not current_user.is_authenticated or not current_user.memberships:
        return None
    chosen = session.get(ACTIVE_ORGANISATION_KEY)
    for membership in current_user.memberships:
        if str(membership.organisation.uuid) == chosen:
            return membership
    return current_user.memberships[0]


def choose_organisation(organisation_uuid: str) -> bool:
    """Switch the active organisation, if the user is a member of it."""
    for membership in current_user.memberships:
        if str(membership.organisation.uuid) == organisation_uuid:
            session[ACTIVE_ORGANISATION_KEY] = organisation_uuid
            return True
    return False
