"""Every shortlist route against every kind of outsider; a new route without a row here fails the last test."""

import pytest
from sqlalchemy import func, select

from marketplace.coaching import service
from marketplace.coaching.models import Shortlist, ShortlistItem
from marketplace.extensions import db


@pytest.fixture
def world(network):
    private = service.create_shortlist(network.coach, network.coach_org, "ASIA-1")
    service.add_offering(network.coach, network.coach_org, network.offering, str(private.uuid))
    team = service.create_shortlist(network.coach, network.coach_org, "ASIA-2")
    service.add_offering(network.coach, network.coach_org, network.offering, str(team.uuid))
    service.update_shortlist(str(team.uuid), "ASIA-2", True, network.coach)
    return {"network": network, "private": private.uuid, "team": team.uuid, "offering": network.offering.uuid,
            "private_item": private.items[0].id, "team_item": team.items[0].id}


def _routes(list_key: str, item_key: str):
    return [
        ("GET", f"/shortlists/{{{list_key}}}", None),
        ("POST", f"/shortlists/{{{list_key}}}", {"name": "Kaapattu"}),
        *[("POST", f"/shortlists/{{{list_key}}}/items/{{{item_key}}}/{op}", {"note": "Kaapattu"})
          for op in ("up", "down", "note", "remove")],
        *[("POST", f"/shortlists/{{{list_key}}}/{op}", {"days": "30"}) for op in ("share", "unshare", "delete")],
        ("GET", f"/shortlists/{{{list_key}}}/handout", None),
    ]


WRITES = [route for route in _routes("team", "team_item")
          if route[0] == "POST" and not route[1].endswith("/copy")]
ATTEMPTS = (
    # another organisation's coach: neither list exists for them
    [("other_coach", *route, 404) for route in _routes("private", "private_item") + _routes("team", "team_item")]
    # a colleague: the private list does not exist for them; the team list they read and copy, never change
    + [("teammate", *route, 404) for route in _routes("private", "private_item")]
    + [("teammate", *route, 403) for route in WRITES]
    + [("teammate", "GET", "/shortlists/{team}", None, 200),
       ("teammate", "GET", "/shortlists/{team}/handout", None, 200)]
    + [("other_coach", "POST", "/shortlists/{private}/copy", {}, 404),
       ("teammate", "POST", "/shortlists/{private}/copy", {}, 404)]
    # a provider keeps no lists
    + [("provider_admin", "POST", "/shortlists", {"name": "Oma"}, 403),
       ("provider_admin", "POST", "/shortlists/add", {"offering": "{offering}", "new_name": "Oma"}, 403),
       ("provider_admin", "GET", "/shortlists/{private}", None, 404)]
)


def snapshot():
    return (db.session.execute(select(Shortlist.id, Shortlist.name, Shortlist.version, Shortlist.share_token,
                                      Shortlist.shared_with_team)).all(),
            db.session.execute(select(ShortlistItem.id, ShortlistItem.note, ShortlistItem.position)).all())


@pytest.mark.parametrize(("who", "method", "path", "data", "status"), ATTEMPTS)
def test_others_cannot_reach_or_change_a_coachs_lists(client, login, world, who, method, path, data, status):
    login(getattr(world["network"], who))
    before = snapshot()
    data = {key: value.format(**world) for key, value in (data or {}).items()}
    response = client.open(path.format(**world), method=method, data=data)
    assert response.status_code == status
    if status != 200:
        assert "ASIA-1" not in response.get_data(as_text=True)
    assert snapshot() == before


ANONYMOUS = [*_routes("private", "private_item"), ("POST", "/shortlists/{private}/copy", {}),
             ("GET", "/shortlists", None), ("POST", "/shortlists", {"name": "X"}),
             ("POST", "/shortlists/add", {"offering": "{offering}"})]


@pytest.mark.parametrize(("method", "path", "data"), ANONYMOUS)
def test_anonymous_users_are_sent_to_login(client, world, method, path, data):
    before = snapshot()
    response = client.open(path.format(**world), method=method, data=data or {})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert snapshot() == before


def test_a_colleague_copies_a_team_list(client, login, world):
    login(world["network"].teammate)
    response = client.post(f"/shortlists/{world['team']}/copy")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Shortlist)) == 3


def test_every_coaching_route_is_covered(app):
    adapter = app.url_map.bind("localhost")
    values = {"private": "x", "team": "x", "private_item": "1", "team_item": "1", "offering": "x"}
    tested = {adapter.match(path.format(**values), method=method)[0] for method, path, _ in ANONYMOUS}
    tested |= {"coaching.shared"}  # public: tests/coaching/test_shortlists.py (expiry, no personal data, 429)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("coaching.")}
    assert endpoints - tested == set()
