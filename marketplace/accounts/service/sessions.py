"""Logins as rows on the server: a copied cookie stops working once its session is ended here."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from marketplace.accounts.models import User, UserSession
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.clock import utcnow
from marketplace.extensions import db

LAST_SEEN_PRECISION = timedelta(minutes=5)  # don't write on every request
KEEP_ENDED = timedelta(days=30)  # ended and expired sessions are deleted by `privacy purge` after this


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User, remember: bool = False) -> str:
    """Start a session for `user` and return its token (kept by the browser only); sets user.session_token."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    lifetime = current_app.config["REMEMBER_COOKIE_DURATION" if remember else "SESSION_MAX_AGE"]
    db.session.add(UserSession(user=user, token_hash=_hash(token), remember=remember, created_at=now,
                               last_seen_at=now, expires_at=now + lifetime))
    db.session.commit()
    user.session_token = token
    return token


def session_user(token: str) -> User | None:
    """The active user of a session that has neither ended nor expired, or None."""
    now = utcnow()
    row = db.session.scalar(select(UserSession).where(
        UserSession.token_hash == _hash(token), UserSession.ended_at.is_(None), UserSession.expires_at > now))
    if row is None or not row.user.active:
        return None
    idle_timeout = current_app.config["SESSION_IDLE_TIMEOUT"]
    if now - row.last_seen_at > idle_timeout:
        row.ended_at = now  # left open and unattended: the next visitor of that browser must log in again
        db.session.commit()
        return None
    if now - row.last_seen_at > min(LAST_SEEN_PRECISION, idle_timeout / 6):
        row.last_seen_at = now
        db.session.commit()
    row.user.session_token = token
    return row.user


def end_session(token: str | None) -> None:
    """Log out this session: its cookie and remember-me cookie no longer open anything."""
    if token:
        db.session.execute(update(UserSession).where(UserSession.token_hash == _hash(token),
                                                     UserSession.ended_at.is_(None)).values(ended_at=utcnow()))
        db.session.commit()


def end_sessions(user: User, keep: str | None = None) -> None:
    """End every session of `user` (but `keep`, the one acting now); the caller commits."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep:
        query = query.where(UserSession.token_hash != _hash(keep))
    db.session.execute(query.values(ended_at=utcnow()))


def log_out_everywhere(user: User) -> None:
    """End every session of `user`, the current one too."""
    end_sessions(user)
    audit.record(AuditKind.LOGOUT_EVERYWHERE, user=user)
    db.session.commit()


def active_session_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None), UserSession.expires_at > utcnow()))


def purge_sessions() -> int:
    """Delete sessions that ended or expired more than KEEP_ENDED ago; return how many."""
    cutoff = utcnow() - KEEP_ENDED
    result = db.session.execute(delete(UserSession).where(
        (UserSession.expires_at < cutoff) | (UserSession.ended_at < cutoff)))
    db.session.commit()
    return result.rowcount
