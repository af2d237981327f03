"""The base layout: Finnish pages, navigation for each role, and Finnish error pages."""

import re

import pytest

from marketplace.accounts.models import MemberRole, OrganisationKind


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def app(app):
    @app.get("/test-crash")
    def crash():
        raise RuntimeError("boom")

    return app


def test_pages_are_finnish_and_usable_on_a_phone(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fi">' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert 'href="#main"' in page and "Siirry pääsisältöön" in page
    # works without JavaScript: the only script is the deferred focus-the-errors helper, never inline code
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/forms.js" defer>']


@pytest.mark.parametrize(
    ("kind", "role_label"),
    [
        (OrganisationKind.EMPLOYMENT_SERVICES, "Valmentaja"),
        (OrganisationKind.WORKSHOP, "Palveluntuottaja"),
        (OrganisationKind.EDUCATION_PROVIDER, "Oppilaitos"),
    ],
)
def test_navigation_shows_the_role_and_organisation(client, login, make_org, make_user, kind, role_label):
    org = make_org(name="Roolin Organisaatio", kind=kind)
    login(make_user(org=org, role=MemberRole.ADMIN))
    page = client.get("/").get_data(as_text=True)
    assert f"{role_label} · Roolin Organisaatio" in page
    assert f'href="/organisations/{org.uuid}/members"' in page
    assert "/coordinator/organisations" not in page


def test_coordinator_navigation(client, login, make_user):
    login(make_user(coordinator=True))
    page = client.get("/").get_data(as_text=True)
    assert "Alueen koordinaattori" in page and 'href="/coordinator/organisations"' in page


def test_anonymous_navigation(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/login"' in page and 'href="/register"' in page and "Kirjaudu ulos" not in page


def test_flash_messages_are_announced(client, login, make_user):
    login(make_user(name="Flash Testaaja"))
    page = client.get("/").get_data(as_text=True)
    assert 'role="status">Tervetuloa, Flash Testaaja!' in page


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("GET", "/ei-tallaista-sivua", 404, "Sivua ei löytynyt"),
        ("GET", "/logout", 405, "Toiminto ei ole sallittu"),
        ("GET", "/test-crash", 500, "Palvelussa tapahtui virhe"),
    ],
)
def test_error_pages_are_finnish(client, method, path, status, title):
    response = client.open(path, method=method)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert title in page and '<html lang="fi">' in page and "boom" not in page
