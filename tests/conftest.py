"""Fixtures: a fresh app, database and search index per test, and small factories."""

import itertools
import os
import shutil

import pytest
from flask.testing import FlaskClient
from sqlalchemy import MetaData, inspect, text
from stdnum.fi import ytunnus

from marketplace import create_app
from marketplace.accounts import service as accounts
from marketplace.accounts.models import MemberRole, OrganisationKind, User
from marketplace.extensions import db
from marketplace.search import docsets, indexer
from tests.helpers import PASSWORD

pytest_plugins = ["tests.referral_fixtures"]  # the referral network, shared by referral and learning tests

_counter = itertools.count(1)


def database_uri(tmp_path) -> str:
    """SQLite in tmp_path, or a fresh PostgreSQL schema when MARKETPLACE_TEST_POSTGRES_URL is set."""
    return os.environ.get("MARKETPLACE_TEST_POSTGRES_URL") or f"sqlite:///{tmp_path / 'test.db'}"


def base_config(tmp_path) -> dict:
    """Safe by construction: a throwaway database and index, email only to the outbox."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri(tmp_path),
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "WTF_CSRF_ENABLED": False,
        "MAIL_SERVER": None,
        "PUBLIC_BASE_URL": "https://kumppanitori.test",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast; production uses scrypt
    }


@pytest.fixture
def app_config(tmp_path):
    """Configuration for the test app; override in a test module to change it."""
    return base_config(tmp_path)


_schema_current = False  # PostgreSQL: the schema was compared with the models once in this run


def _schema_matches(engine) -> bool:
    """Every table of the models with exactly its columns, and no other table (a run of another branch's code
    may have left its own schema behind)."""
    inspector = inspect(engine)
    if set(inspector.get_table_names()) != {table.name for table in db.metadata.sorted_tables}:
        return False
    return all({column["name"] for column in inspector.get_columns(table.name)} == set(table.columns.keys())
               for table in db.metadata.sorted_tables)


def empty_tables() -> None:
    """Every table empty, ids from 1. A SQLite file is new for each test; PostgreSQL keeps its schema between
    tests and truncates it (creating thirty tables with their constraints costs more than most tests)."""
    global _schema_current
    engine = db.engine
    if engine.dialect.name != "postgresql":
        db.drop_all()
        db.create_all()
        return
    tables = db.metadata.sorted_tables
    present = set(inspect(engine).get_table_names()) >= {table.name for table in tables}
    if present and (_schema_current or _schema_matches(engine)):
        names = ", ".join(engine.dialect.identifier_preparer.quote(table.name) for table in tables)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        found = MetaData()
        found.reflect(engine)
        found.drop_all(engine)
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
    _schema_current = True


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An empty SQLite database with the whole schema, made once: each test copies it (a millisecond) instead
    of creating thirty tables (a tenth of a second). None on PostgreSQL."""
    if os.environ.get("MARKETPLACE_TEST_POSTGRES_URL"):
        return None
    folder = tmp_path_factory.mktemp("schema")
    app = create_app(base_config(folder), instance_path=str(folder / "instance"))
    with app.app_context():
        db.create_all()
        db.session.remove()
        db.engine.dispose()
    return folder / "test.db"


@pytest.fixture
def app(app_config, tmp_path, sqlite_template):
    """The app with empty tables, inside an app context."""
    copied = sqlite_template is not None and app_config["SQLALCHEMY_DATABASE_URI"] == database_uri(tmp_path)
    if copied:
        shutil.copyfile(sqlite_template, tmp_path / "test.db")
    app = create_app(app_config, instance_path=str(tmp_path / "instance"))
    docsets.clear()  # a fresh index: no sets of another test's segments that happen to share an id
    with app.app_context():
        if not copied:
            empty_tables()
        yield app
        indexer.close_searchers()
        db.session.remove()
        db.engine.dispose()


class IsolatedClient(FlaskClient):
    """Run each request in its own app context, as in production: its own `g` and database session.

    The test's app context stays open for factories and assertions; its session is expired after
    every request so that the test reads what the request committed.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _valid_business_ids():
    """Invented business IDs with a correct check digit (a few bases have none)."""
    for base in itertools.count(3300000):
        yield from (f"{base}-{d}" for d in "0123456789" if ytunnus.is_valid(f"{base}-{d}"))


_business_ids = _valid_business_ids()


@pytest.fixture
def make_org(app):
    """Create an organisation (verified unless status says otherwise)."""

    def make(name=None, kind=OrganisationKind.NGO, verified=True, municipality_code="734", **kw):
        n = next(_counter)
        profile = accounts.OrganisationProfile(
            name=name or f"Testiyhdistys {n} ry",
            kind=kind,
            business_id=kw.pop("business_id", None) or next(_business_ids),
            municipality_code=municipality_code,
            email=kw.pop("email", f"org{n}@example.fi"),
            **kw,
        )
        return accounts.create_organisation(profile, verified=verified)

    return make


@pytest.fixture
def make_user(app):
    """Create a user, optionally a member of `org` with `role`."""

    def make(email=None, name=None, org=None, role=MemberRole.MEMBER, coordinator=False, password=PASSWORD) -> User:
        n = next(_counter)
        user = accounts.create_user(email or f"user{n}@example.fi", name or f"Käyttäjä {n}", password,
                                    coordinator=coordinator)
        if org is not None:
            accounts.add_member(org, user, role)
        return user

    return make


@pytest.fixture
def login(client):
    """Log the test client in as `user`."""

    def do_login(user: User, password: str = PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do_login


OFFERING_DEFAULTS = {
    "title": "Puutyöpaja nuorille",
    "summary": "Työpajajakso puutöiden parissa.",
    "offering_type": "workshop",
    "target_groups": ["under_30"],
    "languages": ["fi"],
    "municipalities": ["734"],
    "postal_code": "24100",
    "post_office": "Salo",
    "contact_name": "Tiina Työvalmentaja",
    "contact_email": "tiina@example.fi",
}


@pytest.fixture
def make_offering(make_org, make_user):
    """Create an offering (published unless status says otherwise) of `org`, by one of its members."""
    from marketplace.catalog import service as catalog
    from marketplace.catalog.models import OfferingStatus
    from marketplace.catalog.service import OfferingData

    def make(org=None, status=OfferingStatus.PUBLISHED, by=None, **overrides):
        org = org or make_org()
        by = by or next((m.user for m in org.memberships), None) or make_user(org=org)
        offering = catalog.create_offering(org, OfferingData(**{**OFFERING_DEFAULTS, **overrides}), by)
        offering.status = OfferingStatus(status)
        db.session.commit()
        return offering

    return make


@pytest.fixture
def openapi_checked(app, client, monkeypatch):
    """Check every answer under /api/v1 of the test against our OpenAPI document (its status and its body)."""
    import json

    from marketplace.api import openapi
    from tests.api.openapi_check import check

    with app.test_request_context():
        document = openapi.document()
    document_json = json.dumps(document)
    problems = []
    original = client.open

    def open_and_check(*args, **kwargs):
        response = original(*args, **kwargs)
        if response.request.path.startswith("/api/v1"):
            problems.extend(check(document_json, document, response.request.method, response.request.path,
                                  response.status_code, response))
        return response

    monkeypatch.setattr(client, "open", open_and_check)
    yield
    assert problems == []
