"""Default configuration. Overridden by instance/config.py, then MARKETPLACE_* environment variables."""

import os
from datetime import timedelta
from pathlib import Path

from flask import Config

# Settings that are text even when they look like JSON: MARKETPLACE_SECRET_KEY=123 is the string "123".
TEXT_SETTINGS = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "RATELIMIT_STORAGE_URI", "SEARCH_INDEX_DIR",
                 "PUBLIC_BASE_URL", "MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER",
                 "SMS_BACKEND")


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

    BABEL_DEFAULT_LOCALE = "fi"  # the interface's own language (marketplace.i18n.DEFAULT)
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent.parent / "translations")
    WTF_I18N_ENABLED = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Sessions are rows on the server (accounts.UserSession): logging out ends them there, not only in the browser.
    SESSION_MAX_AGE = timedelta(hours=8)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)  # every member sees someone's personal data, remembered or not
    SESSION_COOKIE_SECURE = None  # None: True when PUBLIC_BASE_URL is https (create_app)
    REMEMBER_COOKIE_SECURE = None
    ALLOW_SQLITE = False  # `make serve` refuses SQLite unless this says a single-worker trial is meant
    PROXY_HOPS = 0  # reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted

    # Request bodies: coordinators upload qualification files; the JSON API needs far less.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    API_MAX_CONTENT_LENGTH = 1024 * 1024

    # Accounts
    PASSWORD_MIN_LENGTH = 12
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default; the tests use a cheaper one
    PASSWORD_RESET_MAX_AGE = timedelta(hours=1)
    INVITATION_MAX_AGE = timedelta(days=7)
    REGISTRATION_MAX_AGE = timedelta(days=2)  # the link that confirms a new organisation's first admin

    # Rate limits (Flask-Limiter's notation). A client is an IP address; with several workers or hosts the
    # counters must be shared: RATELIMIT_STORAGE_URI "database://" or "redis://…" (marketplace/ratelimits.py).
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True  # explicit: Flask-Limiter keeps the last app's value on its shared limiter otherwise
    LOGIN_LIMIT_PER_ADDRESS = "5 per 15 minutes"  # failed logins for one address from one client
    LOGIN_LIMIT_PER_CLIENT = "50 per 15 minutes"  # failed logins from one client, any addresses (an office NAT)
    PASSWORD_CHANGE_LIMIT = "5 per 15 minutes"  # wrong current passwords, per user
    PASSWORD_RESET_LIMIT = "10 per hour"  # reset requests from one client
    PASSWORD_RESET_MAIL_INTERVAL = timedelta(minutes=5)  # at most one reset mail per address, whatever is asked
    REGISTRATION_LIMIT = "5 per hour"  # organisations registered from one client
    INVITATION_LIMIT = "50 per hour"  # invitations sent, per user
    TOKEN_LIMIT = "10 per hour"  # API keys created, per user
    API_LIMIT_PER_CALLER = "50 per second; 1200 per minute"  # per token, or per client without one
    API_LIMIT_PER_CLIENT = "100 per second; 3000 per minute"  # per client, however many tokens it uses

    # Catalogue: offerings not confirmed or edited for this long are marked "tarkista tiedot"
    OFFERING_STALE_AFTER = timedelta(days=180)
    FUNDING_NOTICE_BEFORE = timedelta(days=30)

    # Referrals: the provider answers within this many Finnish working days; personal data is erased
    # this many months after a referral closed (`flask privacy purge`).
    REFERRAL_ANSWER_WORKING_DAYS = 5
    REFERRAL_RETENTION_MONTHS = 12
    # A referral queued this many weeks asks its coach, once, to reconsider other offerings.
    QUEUE_RECONSIDER_WEEKS = 8

    # Audit trail: events are kept this long; the client's IP address is shortened to its network after
    # AUDIT_IP_RETENTION. Views of a referral's personal data go with REFERRAL_RETENTION_MONTHS.
    AUDIT_RETENTION_MONTHS = 24
    AUDIT_IP_RETENTION = timedelta(days=90)

    # Email: without MAIL_SERVER, messages stay in the outbox table.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Kumppanitori <noreply@kumppanitori.example>"
    OUTBOX_RETENTION = timedelta(days=30)  # sent emails and text messages (addresses of jobseekers too) are purged
    SHORTLIST_LINK_CHOICES = (7, 30, 90)  # days a shortlist's public link may work; the form offers these
    SHORTLIST_LINK_DAYS = 30  # the one it suggests
    STATUS_PAGE_DAYS_AFTER_CLOSE = 30  # the jobseeker's status page shows a closed referral this long
    PUBLIC_LINK_MISS_LIMIT = "20 per 10 minutes"  # unknown status-page or shortlist links from one client
    # Text messages: "package.module:Class" of an SmsBackend (marketplace/notifications/sms.py). Without one,
    # messages stay in the outbox table, readable at /dev/outbox.
    SMS_BACKEND = None
    # Absolute links in emails, e.g. "https://kumppanitori.fi"; defaults to the request's host.
    PUBLIC_BASE_URL = None
