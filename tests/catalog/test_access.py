"""Only members of the owning organisation change its offerings; coordinators moderate. Every catalogue route."""

import pytest
from sqlalchemy import func, select

from marketplace.api.views import HSDS_ENDPOINTS
from marketplace.catalog.models import Offering, OfferingChange
from marketplace.extensions import db
from tests.catalog.test_forms import form_data
from tests.search.test_saved_searches import SAVED_SEARCH_ENDPOINTS

# Public pages and the read-only API show published offerings of verified organisations only.
PUBLIC_ENDPOINTS = {"catalog.offering", "catalog.organisation", "search.search", "search.browse", *HSDS_ENDPOINTS}


@pytest.fixture
def world(make_org, make_user, make_offering):
    org_a, org_b = make_org(name="A ry"), make_org(name="B ry")
    member_a = make_user(org=org_a)
    published = make_offering(org=org_b, title="B:n julkaistu", capacity_total=3, open_places=1)
    draft = make_offering(org=org_b, title="B:n luonnos", status="draft")
    return {"member_a": member_a, "a": org_a.uuid, "b": org_b.uuid, "published": published.uuid, "draft": draft.uuid}


# (method, path, data, status) for a member of A reaching into B's offerings
CROSS_ORGANISATION = [
    ("GET", "/offerings/{draft}", None, 404),
    ("GET", "/offerings/{published}/edit", None, 403),
    ("POST", "/offerings/{published}/edit", form_data(title="Kaapattu"), 403),
    ("GET", "/offerings/{draft}/edit", None, 404),
    ("GET", "/offerings/{published}/history", None, 403),
    ("POST", "/offerings/{published}/publish", {}, 403),
    ("POST", "/offerings/{published}/pause", {}, 403),
    ("POST", "/offerings/{published}/archive", {}, 403),
    ("POST", "/offerings/{published}/restore", {}, 403),
    ("POST", "/offerings/{published}/confirm", {}, 403),
    ("POST", "/offerings/{draft}/publish", {}, 404),
    ("POST", "/offerings/{published}/duplicate", {}, 403),
    ("POST", "/offerings/{published}/places", {"open_places": "0"}, 403),
    ("POST", "/offerings/{published}/unpublish", {"reason": "Kilpailija"}, 403),
    ("GET", "/organisations/{b}/offerings", None, 403),
    ("GET", "/organisations/{b}/offerings/new", None, 403),
    ("POST", "/organisations/{b}/offerings/new", form_data(title="Soluttautuja"), 403),
    ("POST", "/organisations/{b}/offerings/bulk", {"action": "pause"}, 403),
    ("GET", "/coordinator/offerings/stale", None, 403),
    ("GET", "/coordinator/word-families", None, 403),
    ("POST", "/coordinator/word-families", {"words": "ompelu, ompelimo"}, 403),
    ("POST", "/coordinator/word-families/switch", {"shipped_key": "kuntoutus", "active": "0"}, 403),
    ("POST", "/coordinator/word-families/restore", {"shipped_key": "kuntoutus"}, 403),
]


def snapshot():
    return (
        db.session.execute(select(Offering.id, Offering.title, Offering.status, Offering.open_places,
                                  Offering.confirmed_at, Offering.version)).all(),
        db.session.scalar(select(func.count()).select_from(OfferingChange)),
    )


@pytest.mark.parametrize(("method", "path", "data", "status"), CROSS_ORGANISATION)
def test_member_of_another_organisation_cannot_reach_them(client, login, world, method, path, data, status):
    login(world["member_a"])
    before = snapshot()
    response = client.open(path.format(**world), method=method, data=data or {})
    assert response.status_code == status
    assert snapshot() == before


def test_drafts_stay_out_of_search_and_the_api_for_everyone(client, login, world):
    login(world["member_a"])
    assert "B:n luonnos" not in client.get("/search?q=luonnos").get_data(as_text=True)
    assert "B:n luonnos" not in str(client.get("/api/v1/services?search=luonnos").get_json())
    assert client.get("/api/v1/services/{draft}".format(**world)).status_code == 404


def test_public_offering_shows_no_tools_to_another_organisation(client, login, world):
    login(world["member_a"])
    page = client.get("/offerings/{published}".format(**world)).get_data(as_text=True)
    assert "B:n julkaistu" in page and "/edit" not in page and "Muutoshistoria" not in page


@pytest.mark.parametrize(("method", "path", "data", "_"), [row for row in CROSS_ORGANISATION if row[3] == 403])
def test_anonymous_users_are_sent_to_login(client, world, method, path, data, _):
    before = snapshot()
    response = client.open(path.format(**world), method=method, data=data or {})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert snapshot() == before


def test_every_catalogue_route_is_covered(app):
    adapter = app.url_map.bind("localhost")
    tested = set()
    for method, path, _, _ in CROSS_ORGANISATION:
        url = path.format(draft="x", published="x", b="x")
        tested.add(adapter.match(url, method=method)[0])
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith(("catalog.", "search.", "api.service"))}
    assert endpoints - tested - PUBLIC_ENDPOINTS - SAVED_SEARCH_ENDPOINTS == set()
