"""A live server with the demo data, and headless Chromium (Debian's) driven by Playwright."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.demo.service import load_demo
from marketplace.extensions import db
from marketplace.search import indexer
from tests.conftest import base_config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """A SQLite file with the demo data, loaded once (a year of referrals takes seconds): each module copies it."""
    tmp_path = tmp_path_factory.mktemp("demo")
    app = create_app({**base_config(tmp_path), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'demo.db'}"},
                     instance_path=str(tmp_path / "instance"))
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.remove()
        db.engine.dispose()
    return tmp_path / "demo.db"


@pytest.fixture(scope="module")
def live_app(tmp_path_factory, demo_database):
    """The app the live server serves, with its own copy of the demo data (for reading what it sent, e.g.
    emails); its search index is built from the copied change log."""
    tmp_path = tmp_path_factory.mktemp("live")
    shutil.copyfile(demo_database, tmp_path / "live.db")
    return create_app({**base_config(tmp_path), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}"},
                      instance_path=str(tmp_path / "instance"))


@pytest.fixture(scope="module")
def live_server(live_app):
    """Serve the app with demo data on a free port of 127.0.0.1; yields its base URL."""
    app = live_app
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        indexer.close_searchers()
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A browser tab; every test fails if the Content-Security-Policy refused anything on any page it opened."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert refused == [], refused


@pytest.fixture
def screenshot_dir():
    """Where to save screenshots for a human to look at: MARKETPLACE_SCREENSHOTS, if set."""
    target = os.environ.get("MARKETPLACE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
    return Path(target) if target else None
