"""Default configuration. Overridden by instance/config.py, then MARKETPLACE_* environment variables."""

import os
from datetime import timedelta

from flask import Config

# Settings that are text even when they look like JSON: MARKETPLACE_SECRET_KEY=123 is the string "123".
TEXT_SETTINGS = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SEARCH_INDEX_DIR", "PUBLIC_BASE_URL", "MAIL_SERVER",
                 "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER")


def load_environment(config: Config, prefix: str = "MARKETPLACE") -> None:
    """MARKETPLACE_* variables, parsed as JSON where that makes sense (numbers, booleans), secrets kept as text.

    Durations are given in seconds: MARKETPLACE_SESSION_MAX_AGE=28800 is eight hours.
    """
    config.from_prefixed_env(prefix)
    for key in TEXT_SETTINGS:
        raw = os.environ.get(f"{prefix}_{key}")
        if raw is not None:
            config[key] = raw
    for key, default in vars(DefaultConfig).items():
        if isinstance(default, timedelta) and isinstance(config.get(key), int | float) and \
                not isinstance(config.get(key), bool):
            config[key] = timedelta(seconds=config[key])


class DefaultConfig:
    # SQLALCHEMY_DATABASE_URI defaults to SQLite in the instance folder (set in create_app).
    SEARCH_INDEX_DIR = "search_index"
    SEARCH_PARALLEL_ABOVE = 5000  # offerings above which `search reindex` analyses in a process per core

    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    WTF_I18N_ENABLED = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Sessions are rows on the server (accounts.UserSession): logging out ends them there, not only in the browser.
    SESSION_MAX_AGE = timedelta(hours=8)

    # Request bodies: coordinators upload qualification files; the JSON API needs far less.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    API_MAX_CONTENT_LENGTH = 1024 * 1024

    # Accounts
    PASSWORD_MIN_LENGTH = 12
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default; the tests use a cheaper one
    PASSWORD_RESET_MAX_AGE = timedelta(hours=1)
    INVITATION_MAX_AGE = timedelta(days=7)
    REGISTRATION_MAX_AGE = timedelta(days=2)  # the link that confirms a new organisation's first admin
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_DURATION = timedelta(minutes=15)

    # Catalogue: offerings not confirmed or edited for this long are marked "tarkista tiedot"
    OFFERING_STALE_AFTER = timedelta(days=180)
    FUNDING_NOTICE_BEFORE = timedelta(days=30)

    # Referrals: the provider answers within this many Finnish working days; personal data is erased
    # this many months after a referral closed (`flask privacy purge`).
    REFERRAL_ANSWER_WORKING_DAYS = 5
    REFERRAL_RETENTION_MONTHS = 12

    # Email: without MAIL_SERVER, messages stay in the outbox table.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Kumppanitori <noreply@kumppanitori.example>"
    # Absolute links in emails, e.g. "https://kumppanitori.fi"; defaults to the request's host.
    PUBLIC_BASE_URL = None
