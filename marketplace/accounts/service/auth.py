"""Accounts: creating users, logging in, passwords and their reset."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.accounts.models import User
from marketplace.accounts.service.sessions import end_sessions
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.clock import utcnow
from marketplace.errors import Conflict, Gone, InvalidInput
from marketplace.extensions import db
from marketplace.i18n import LANGUAGES, language
from marketplace.notifications.service import absolute_url, send_email
from marketplace.ratelimits import first_in_window
from marketplace.validators import REQUIRED, free_text, phone_number

# Compared against when the email is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")
_RESET_SALT = "password-reset"


class InvalidCredentials(InvalidInput):
    pass


@dataclass
class NewAccount:
    """A person signing up while registering an organisation."""

    email: str
    name: str
    password: str


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def normalise_email(email: str) -> str:
    """Email addresses are unique regardless of case: store and compare them in lower case."""
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_policy(password: str, field: str = "password") -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise InvalidInput(_("Salasanassa on oltava vähintään %(n)s merkkiä.", n=minimum), field)
    if len(password) > 256:
        raise InvalidInput(_("Salasana on liian pitkä (enintään 256 merkkiä)."), field)


def hash_password(password: str, field: str = "password") -> str:
    """The password's hash, once it meets the policy."""
    check_password_policy(password, field)
    return _hash(password)


def add_user(email: str, name: str, password_hash: str) -> User:
    """Add a user to the session without committing, so registration can be one transaction."""
    email = normalise_email(email)
    if user_by_email(email):
        raise Conflict(_("Tällä sähköpostiosoitteella on jo tili. Kirjaudu sisään tai tilaa uusi salasana."), "email")
    user = User(email=email, name=free_text(name, "name", 200, required_message=REQUIRED), password_hash=password_hash)
    db.session.add(user)
    return user


def new_user(email: str, name: str, password: str) -> User:
    """A new user with a password (not committed): invitations, the command line."""
    if user_by_email(email):
        return add_user(email, name, "")  # raises Conflict before the password is looked at
    return add_user(email, name, hash_password(password))


def create_user(email: str, name: str, password: str, *, coordinator: bool = False) -> User:
    """Create and commit a user (command line)."""
    user = new_user(email, name, password)
    user.is_coordinator = coordinator
    db.session.commit()
    return user


def make_coordinator(user: User) -> None:
    """Give a user the regional coordinator's rights (command line only)."""
    user.is_coordinator = True
    db.session.commit()


def authenticate(email: str, password: str) -> User:
    """Return the user for these credentials, or raise. Repeated failures are limited per client (ratelimits.py),
    never by locking the address: an attacker's guesses must not lock the real user out."""
    user = user_by_email(email)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user and valid and user.is_active:
        user.last_login_at = utcnow()
        audit.record(AuditKind.LOGIN, user=user)
        db.session.commit()
        return user
    # Only a known address is named (as its user); what strangers type is not kept.
    audit.record(AuditKind.LOGIN_FAILED, user=user, commit=True,
                 detail="tili poistettu käytöstä" if user and valid else "")
    if user and valid:  # right password, deactivated account
        raise InvalidCredentials(_("Tämä tili on poistettu käytöstä. Ota yhteyttä organisaatiosi ylläpitäjään."))
    raise InvalidCredentials(_("Sähköpostiosoite tai salasana on väärin."))


def note_login_limited(email: str, limit: str) -> None:
    """Audit that a client must wait before logging in again: once per client and address per limit window,
    so a flood of refused guesses does not become a flood of rows."""
    if first_in_window(limit, "login-limited", email.strip().casefold()[:254]):
        audit.record(AuditKind.LOGIN_LIMITED, user=user_by_email(email), detail=limit, commit=True)


def _set_password(user: User, password: str) -> None:
    check_password_policy(password)
    user.password_hash = _hash(password)
    user.password_changed_at = utcnow()
    end_sessions(user, keep=user.session_token)  # every other login ends; a reset (no session) ends them all


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password after checking the current one; other sessions are logged out."""
    if not check_password_hash(user.password_hash, current_password):
        raise InvalidInput(_("Nykyinen salasana on väärin."), "current_password")
    _set_password(user, new_password)
    audit.record(AuditKind.PASSWORD_CHANGED, user=user)
    send_email(user, _l("Salasanasi on vaihdettu"), "accounts/email/password_changed.txt", user=user,
               language=language())
    db.session.commit()


def update_profile(user: User, *, name: str, title: str, phone: str, language: str | None = None) -> None:
    """The user's own name, title and phone number, as colleagues and partners see them, and their language."""
    name = free_text(name, "name", 200, required_message=REQUIRED)
    title = free_text(title, "title", 200)
    user.name, user.title, user.phone = name, title, phone_number(phone, "phone")
    if language is not None:
        user.language = _known_language(language)
    db.session.commit()


def choose_language(user: User, language: str) -> None:
    """The language of the user's pages and emails, from the switch on every page."""
    user.language = _known_language(language)
    db.session.commit()


def _known_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput(_("Valitse jokin tarjolla olevista kielistä."), "language")
    return language


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def _password_fingerprint(user: User) -> str:
    # Part of the token: once the password changes, the token no longer matches (single use).
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def password_reset_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "fp": _password_fingerprint(user)})


def request_password_reset(email: str) -> None:
    """Email a reset link if the address has an active account; answer the same either way.

    At most one link per PASSWORD_RESET_MAIL_INTERVAL, however many requests come, from however many workers:
    the conditional update lets exactly one of them through.
    """
    user = user_by_email(email)
    if user is None or not user.is_active:
        return
    now = utcnow()
    not_since = now - current_app.config["PASSWORD_RESET_MAIL_INTERVAL"]
    claimed = db.session.execute(update(User).where(
        User.id == user.id, or_(User.reset_mailed_at.is_(None), User.reset_mailed_at <= not_since),
    ).values(reset_mailed_at=now).execution_options(synchronize_session=False)).rowcount
    if not claimed:
        db.session.rollback()
        return
    audit.record(AuditKind.PASSWORD_RESET_REQUESTED, user=user)
    max_age: timedelta = current_app.config["PASSWORD_RESET_MAX_AGE"]
    send_email(
        user,
        _l("Salasanan vaihtaminen"),
        "accounts/email/password_reset.txt",
        user=user,
        link=absolute_url("accounts.reset_password", token=password_reset_token(user)),
        valid_minutes=int(max_age.total_seconds() // 60),
        language=language(),  # the page the request came from, unless the user chose
    )
    db.session.commit()


def user_for_reset_token(token: str) -> User:
    """Return the user a reset token belongs to, or raise Gone if it has expired or been used."""
    max_age: timedelta = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        payload = _serializer().loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired:
        raise Gone(_("Salasanan vaihtolinkki on vanhentunut. Tilaa uusi linkki.")) from None
    except BadSignature:
        raise Gone(_("Salasanan vaihtolinkki on virheellinen. Tilaa uusi linkki.")) from None
    user = db.session.get(User, payload.get("user")) if isinstance(payload, dict) else None
    if user is None or not user.is_active or payload.get("fp") != _password_fingerprint(user):
        raise Gone(_("Salasanan vaihtolinkki on jo käytetty. Tilaa tarvittaessa uusi linkki."))
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password with a reset token; the token then stops working."""
    user = user_for_reset_token(token)
    _set_password(user, new_password)
    audit.record(AuditKind.PASSWORD_RESET, user=user)
    send_email(user, _l("Salasanasi on vaihdettu"), "accounts/email/password_changed.txt", user=user,
               language=language())
    db.session.commit()
    return user
