"""Kumppanitori: the partner-network referral marketplace."""

import math
import os
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

from marketplace import requestlog
from marketplace.config import DefaultConfig, load_environment
from marketplace.inputs import BoundedIntegerConverter, limit_body_size, refuse_nul_characters

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Create the app: defaults, then instance/config.py, then MARKETPLACE_* variables, then test_config.

    The instance folder (database, config.py) is ./instance unless MARKETPLACE_INSTANCE_PATH says otherwise.
    """
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("MARKETPLACE_INSTANCE_PATH"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(DefaultConfig)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'marketplace.db'}"
    app.config.from_pyfile("config.py", silent=True)
    load_environment(app.config)
    if test_config:
        app.config.update(test_config)
    _require_secret_key(app)
    _secure_cookies(app)
    _trust_proxies(app)
    os.makedirs(app.instance_path, exist_ok=True)
    requestlog.init_app(app)  # first, so it logs each request last
    app.json = JSONProvider(app)
    app.url_map.converters["int"] = BoundedIntegerConverter  # before any route is added

    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)

    from marketplace import errors, ratelimits, search, security, templating
    from marketplace.database import refuse_identity_codes

    refuse_identity_codes()
    app.before_request(limit_body_size)  # first: the next one reads the form
    app.before_request(refuse_nul_characters)
    errors.init_app(app)
    security.init_app(app)
    ratelimits.init_app(app)
    templating.init_app(app)
    search.init_app(app)
    return app


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, but a document nested too deep to parse is bad input (400), not a RecursionError (500)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def _require_secret_key(app: Flask) -> None:
    """Sessions, CSRF tokens and reset links are signed with SECRET_KEY: outside development it must be random."""
    key = app.config.get("SECRET_KEY") or ""
    if not key:
        raise RuntimeError(
            "SECRET_KEY is not set: put SECRET_KEY = '...' in instance/config.py "
            "or set MARKETPLACE_SECRET_KEY (`make run` creates one for development)."
        )
    if not (app.debug or app.testing) and _estimated_bits(key) < MIN_SECRET_KEY_BITS:
        raise RuntimeError(
            "SECRET_KEY is too short or too regular to sign sessions: use at least 32 random bytes, e.g. "
            "MARKETPLACE_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )


MIN_SECRET_KEY_BITS = 192  # secrets.token_hex(32) gives ~250 by this estimate, "dev" * 20 about 95


def _estimated_bits(key: str | bytes) -> float:
    """Length times the bits of its alphabet: a generous estimate of randomness that still refuses "x" * 64."""
    return len(key) * math.log2(max(len(set(key)), 1))


def _secure_cookies(app: Flask) -> None:
    """Cookies go over HTTPS only when the site is served over it (PUBLIC_BASE_URL), unless set explicitly."""
    https = (app.config.get("PUBLIC_BASE_URL") or "").startswith("https://")
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(key) is None:
            app.config[key] = https


def _trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy the client's address and scheme come from its X-Forwarded-* headers."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _init_extensions(app: Flask) -> None:
    from marketplace import extensions, i18n
    from marketplace.accounts.session import init_login
    from marketplace.dbtypes import enable_sqlite_foreign_keys

    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(PROJECT_ROOT / "migrations"))
    extensions.csrf.init_app(app)
    i18n.init_app(app)
    init_login(app)
    with app.app_context():
        enable_sqlite_foreign_keys(extensions.db.engine)


def _register_blueprints(app: Flask) -> None:
    from marketplace import (
        accounts,
        api,
        catalog,
        coaching,
        home,
        learning,
        notifications,
        referrals,
        reports,
        search,
    )
    from marketplace.audit import views as audit
    from marketplace.operations import views as operations

    for blueprint in (home.bp, accounts.bp, catalog.bp, search.bp, referrals.bp, coaching.bp, learning.bp, reports.bp,
                      api.bp, api.docs_bp, notifications.bp, audit.bp, operations.bp):
        app.register_blueprint(blueprint)


def _register_cli(app: Flask) -> None:
    from marketplace.accounts.cli import orgs_cli, tokens_cli, users_cli
    from marketplace.api.cli import hsds_cli
    from marketplace.catalog.cli import catalog_cli
    from marketplace.demo.cli import demo_cli
    from marketplace.learning.cli import qualifications_cli
    from marketplace.notifications.cli import mail_cli
    from marketplace.operations.cli import jobs_cli
    from marketplace.referrals.cli import privacy_cli, referrals_cli
    from marketplace.search.cli import search_cli

    for group in (orgs_cli, users_cli, catalog_cli, search_cli, hsds_cli, tokens_cli, demo_cli, mail_cli,
                  referrals_cli, privacy_cli, qualifications_cli, jobs_cli):
        app.cli.add_command(group)
