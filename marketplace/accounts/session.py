"""Flask-Login wiring and the organisation the user is acting for."""

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from marketplace.accounts.models import Membership, User
from marketplace.accounts.service import sessions
from marketplace.extensions import login_manager

ACTIVE_ORGANISATION_KEY = "organisation"


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Kirjaudu sisään nähdäksesi sivun.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """The cookie (or remember-me cookie) carries a session's token, never the user's id: see UserSession."""
    return sessions.session_user(session_token)


def log_in(user: User, remember: bool = False) -> None:
    """Start a new server-side session for `user` in this browser."""
    sessions.open_session(user, remember)
    login_user(user, remember=remember)


def log_out() -> None:
    """End this browser's session on the server, then forget it in the browser."""
    if current_user.is_authenticated:
        sessions.end_session(current_user.session_token)
    logout_user()


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
