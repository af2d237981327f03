"""Accounts: creating users, logging in with throttling, passwords and their reset."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import format_datetime
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.accounts.models import LoginThrottle, User
from marketplace.accounts.service.sessions import end_sessions
from marketplace.clock import utcnow
from marketplace.database import insert_or_update
from marketplace.errors import Conflict, Gone, InvalidInput, TooManyAttempts
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url, send_email
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
    """Return the user for these credentials, or raise; repeated failures lock the address for a while."""
    email = normalise_email(email)
    throttle = db.session.get(LoginThrottle, email)
    now = utcnow()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        raise TooManyAttempts(_locked_message(throttle))

    user = user_by_email(email)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user and valid and user.is_active:
        if throttle:
            db.session.delete(throttle)
        user.last_login_at = now
        db.session.commit()
        return user

    _record_failure(email, now)
    if user and valid:  # right password, deactivated account
        raise InvalidCredentials(_("Tämä tili on poistettu käytöstä. Ota yhteyttä organisaatiosi ylläpitäjään."))
    raise InvalidCredentials(_("Sähköpostiosoite tai salasana on väärin."))


def _record_failure(email: str, now) -> None:
    """Count a failed login for the address (an upsert: parallel failures are all counted); lock at the limit."""
    insert_or_update(LoginThrottle, {"email": email, "failures": 1, "last_failure_at": now}, key=["email"],
                     update={"failures": LoginThrottle.failures + 1, "last_failure_at": now})
    throttle = db.session.get(LoginThrottle, email, populate_existing=True)
    locked = throttle.failures >= current_app.config["LOGIN_MAX_FAILURES"]
    if locked:
        throttle.failures = 0
        throttle.locked_until = now + current_app.config["LOGIN_LOCK_DURATION"]
    db.session.commit()
    if locked:
        raise TooManyAttempts(_locked_message(throttle))


def _locked_message(throttle: LoginThrottle) -> str:
    return _(
        "Liian monta epäonnistunutta kirjautumisyritystä. Tili on lukittu klo %(time)s asti. "
        "Voit myös tilata uuden salasanan.",
        time=format_datetime(throttle.locked_until, "H.mm"),
    )


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
    send_email(user.email, _("Salasanasi on vaihdettu"), "accounts/email/password_changed.txt", user=user)
    db.session.commit()


def update_profile(user: User, *, name: str, title: str, phone: str) -> None:
    """The user's own name, title and phone number, as colleagues and partners see them."""
    name = free_text(name, "name", 200, required_message=REQUIRED)
    title = free_text(title, "title", 200)
    user.name, user.title, user.phone = name, title, phone_number(phone, "phone")
    db.session.commit()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def _password_fingerprint(user: User) -> str:
    # Part of the token: once the password changes, the token no longer matches (single use).
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def password_reset_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "fp": _password_fingerprint(user)})


def request_password_reset(email: str) -> None:
    """Email a reset link if the address has an active account; answer the same either way."""
    user = user_by_email(email)
    if user is None or not user.is_active:
        return
    max_age: timedelta = current_app.config["PASSWORD_RESET_MAX_AGE"]
    send_email(
        user.email,
        _("Salasanan vaihtaminen"),
        "accounts/email/password_reset.txt",
        user=user,
        link=absolute_url("accounts.reset_password", token=password_reset_token(user)),
        valid_minutes=int(max_age.total_seconds() // 60),
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
    """Set a new password with a reset token; the token then stops working. Unlocks the account."""
    user = user_for_reset_token(token)
    _set_password(user, new_password)
    throttle = db.session.get(LoginThrottle, user.email)
    if throttle:
        db.session.delete(throttle)
    send_email(user.email, _("Salasanasi on vaihdettu"), "accounts/email/password_changed.txt", user=user)
    db.session.commit()
    return user
