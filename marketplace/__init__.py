"""Kumppanitori: the partner-network referral marketplace."""

import os
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider

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
    os.makedirs(app.instance_path, exist_ok=True)
    app.json = JSONProvider(app)
    app.url_map.converters["int"] = BoundedIntegerConverter  # before any route is added

    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)

    from marketplace import errors, search, templating
    from marketplace.database import refuse_identity_codes

    refuse_identity_codes()
    app.before_request(limit_body_size)  # first: the next one reads the form
    app.before_request(refuse_nul_characters)
    errors.init_app(app)
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
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set: put SECRET_KEY = '...' in instance/config.py "
            "or set MARKETPLACE_SECRET_KEY (`make run` creates one for development)."
        )


def _init_extensions(app: Flask) -> None:
    from marketplace import extensions
    from marketplace.accounts.session import init_login
    from marketplace.dbtypes import enable_sqlite_foreign_keys

    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(PROJECT_ROOT / "migrations"))
    extensions.csrf.init_app(app)
    extensions.babel.init_app(app)
    init_login(app)
    with app.app_context():
        enable_sqlite_foreign_keys(extensions.db.engine)


def _register_blueprints(app: Flask) -> None:
    from marketplace import accounts, api, catalog, home, learning, notifications, referrals, search

    for blueprint in (home.bp, accounts.bp, catalog.bp, search.bp, referrals.bp, learning.bp, api.bp, api.docs_bp,
                      notifications.bp):
        app.register_blueprint(blueprint)


def _register_cli(app: Flask) -> None:
    from marketplace.accounts.cli import orgs_cli, tokens_cli, users_cli
    from marketplace.api.cli import hsds_cli
    from marketplace.catalog.cli import catalog_cli
    from marketplace.demo.cli import demo_cli
    from marketplace.learning.cli import qualifications_cli
    from marketplace.notifications.cli import mail_cli
    from marketplace.referrals.cli import privacy_cli, referrals_cli
    from marketplace.search.cli import search_cli

    for group in (orgs_cli, users_cli, catalog_cli, search_cli, hsds_cli, tokens_cli, demo_cli, mail_cli,
                  referrals_cli, privacy_cli, qualifications_cli):
        app.cli.add_command(group)
