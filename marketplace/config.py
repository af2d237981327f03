"""Default configuration. Overridden by instance/config.py, then MARKETPLACE_* environment variables."""

from datetime import timedelta


class DefaultConfig:
    # SQLALCHEMY_DATABASE_URI defaults to SQLite in the instance folder (set in create_app).
    SEARCH_INDEX_DIR = "search_index"

    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    WTF_I18N_ENABLED = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    # Accounts
    PASSWORD_MIN_LENGTH = 12
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default; the tests use a cheaper one
    PASSWORD_RESET_MAX_AGE = timedelta(hours=1)
    INVITATION_MAX_AGE = timedelta(days=7)
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
