"""The production entry point: `gunicorn -c deploy/gunicorn.conf.py marketplace.wsgi:app` (what `make serve` runs).

Configured only through MARKETPLACE_* variables (and instance/config.py). Several workers and hosts need
PostgreSQL, so SQLite is refused unless MARKETPLACE_ALLOW_SQLITE=true says one worker on one host is meant.
"""

from marketplace import create_app
from marketplace.requestlog import configure_logging

configure_logging()
app = create_app()

if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and not app.config["ALLOW_SQLITE"]:
    raise RuntimeError(
        "The production server runs on PostgreSQL: set MARKETPLACE_SQLALCHEMY_DATABASE_URI="
        "postgresql+psycopg://user:password@host/kumppanitori. For a single-worker trial on SQLite set "
        "MARKETPLACE_ALLOW_SQLITE=true (README: Production)."
    )
