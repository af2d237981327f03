"""Rate limits (Flask-Limiter): how often one client may try logins, resets, registrations and API calls.

Counters live in memory by default, which is right for one worker. With several workers or hosts set
MARKETPLACE_RATELIMIT_STORAGE_URI to "database://" (a table in the app's own database, nothing else to run)
or to a Redis URL ("redis://host:6379"), so that all of them count together.
"""

import hashlib
import math
import time

from flask import Flask, Response, current_app, make_response, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter, RateLimitExceeded
from flask_login import current_user
from limits import parse, parse_many
from limits.storage import Storage
from sqlalchemy import Float, Integer, String, case, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.dbtypes import OPAQUE
from marketplace.errors import render_error
from marketplace.extensions import db


def client_address() -> str:
    """The client's IP address (behind a reverse proxy, as PROXY_HOPS trusts it to say)."""
    return request.remote_addr or "unknown"


def address_from_this_client() -> str:
    """Login attempts for one address from one client: an attacker's guesses never lock out the real user.

    The address is a digest: whatever was typed into the field never reaches the limiter's storage.
    """
    return f"{client_address()}|{digest((request.form.get('email') or '').strip().casefold())}"


def signed_in_user() -> str:
    return f"user:{getattr(current_user, 'id', None) or client_address()}"


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16, person=b"ratelimit").hexdigest()


def api_client() -> str:
    """An API caller by its token (a digest: the token never reaches the limiter's storage), else by IP."""
    credentials = request.authorization
    if credentials and credentials.type == "bearer" and credentials.token:
        return "token:" + digest(credentials.token)
    return f"ip:{client_address()}"


def configured(name: str):
    """A limit read from the configuration when the request comes, so each deployment can tune it."""
    return lambda: current_app.config[name]


_UNITS = {"second": _l("s"), "minute": _l("min"), "hour": _l("h"), "day": _l("vrk")}


def described(name: str) -> str:
    """A configured limit for the integrators' guide: "50 pyyntöä/s ja 1200 pyyntöä/min"."""
    parts = [_("%(amount)s pyyntöä/%(period)s", amount=item.amount,
               period=f"{item.multiples} {_UNITS[item.GRANULARITY.name]}" if item.multiples > 1
               else _UNITS[item.GRANULARITY.name])
             for item in parse_many(current_app.config[name])]
    return _(" ja ").join(parts)


def failed(response: Response) -> bool:
    """A login or password form that did not succeed (success redirects)."""
    return response.status_code != 302


def succeeded(response: Response) -> bool:
    """A registration, invitation or token that was made: trying again after a typo costs nothing."""
    return response.status_code in (201, 302)


limiter = Limiter(key_func=client_address, headers_enabled=True, key_prefix="kumppanitori")


def first_in_window(limit: str, *identifiers: str) -> bool:
    """True the first time in `limit`'s window for this client and these identifiers (e.g. an audit event)."""
    window = parse(limit)
    once = type(window)(1, window.multiples)
    return limiter.limiter.hit(once, *map(digest, identifiers), client_address())


class RateLimitCounter(db.Model):
    """One fixed-window counter of the database storage: the key names the limit, the client and the window."""

    key: Mapped[str] = mapped_column(String(500), primary_key=True, info=OPAQUE)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch


class DatabaseStorage(Storage):
    """Counters in the app's database ("database://"), in their own short transactions so a view's rollback
    never undoes a count. An atomic upsert per hit: two workers or hosts at once both count."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def _table(self):
        return RateLimitCounter.__table__

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        table, now = self._table(), time.time()
        with db.engine.begin() as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            if dialect is postgresql:  # a counter lost in a crash costs nothing: don't wait for the disk
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            insert = dialect.insert(table).values(key=key, count=amount, expires_at=now + expiry)
            expired = table.c.expires_at <= now
            statement = insert.on_conflict_do_update(index_elements=["key"], set_={
                "count": case((expired, amount), else_=table.c.count + amount),
                "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
            }).returning(table.c.count)
            return connection.execute(statement).scalar_one()

    def _row(self, key: str):
        with db.engine.connect() as connection:
            return connection.execute(select(self._table()).where(self._table().c.key == key)).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row is not None and row.expires_at > time.time() else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row is not None and row.expires_at > time.time() else time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as connection:
                connection.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            return connection.execute(delete(self._table())).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(delete(self._table()).where(self._table().c.key == key))


def _too_many(error: RateLimitExceeded):
    """429 with when to try again, in the user's language; Flask-Limiter adds the Retry-After header."""
    current = limiter.current_limit
    wait = max(1, math.ceil(current.reset_at - time.time())) if current else 60
    message = _("Liian monta yritystä lyhyessä ajassa. Yritä uudelleen %(minutes)s minuutin kuluttua.",
                minutes=math.ceil(wait / 60)) if wait >= 60 else _(
        "Liian monta pyyntöä lyhyessä ajassa. Yritä uudelleen %(seconds)s sekunnin kuluttua.", seconds=wait)
    response = make_response(render_error(429, message))
    response.headers["Retry-After"] = str(wait)
    return response


def purge_expired_counters() -> int:
    """Delete the database storage's counters whose window ended (the daily privacy purge); return how many.

    Not while counting: deleting rows other requests hold locked would make them wait on each other.
    """
    with db.engine.begin() as connection:
        return connection.execute(delete(RateLimitCounter.__table__).where(
            RateLimitCounter.__table__.c.expires_at < time.time())).rowcount


def _retry_after_at_least_a_second(response):
    """Flask-Limiter rewrites Retry-After by truncating the seconds left, which says 0 in a window's last second."""
    if response.status_code == 429 and response.headers.get("Retry-After", "1").isdigit() \
            and int(response.headers["Retry-After"]) < 1:
        response.headers["Retry-After"] = "1"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_retry_after_at_least_a_second)  # registered first, so it runs after Flask-Limiter's
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _too_many)
