"""Only the referring organisation and the provider see a referral. Every referral route and its API calls."""

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import ApiToken
from marketplace.accounts.service import create_token
from marketplace.extensions import db
from marketplace.referrals.models import Referral, ReferralEvent
from marketplace.referrals.service import ACTIONS
from tests.helpers import referral_views


@pytest.fixture
def world(network, make_referral):
    referral = make_referral()
    token, _plain = create_token(network.coach, network.coach_org, "Asiakastietojärjestelmä")
    return {
        "network": network, "referral": referral.uuid, "token": token.id, "offering": network.offering.uuid,
        "coach_org": network.coach_org.uuid, "provider_org": network.provider_org.uuid,
    }


# (method, path, data) of every route that shows or changes a referral
REFERRAL_ROUTES = [
    ("GET", "/referrals/{referral}", None),
    ("GET", "/referrals/{referral}/confirmation", None),
    *[("POST", f"/referrals/{{referral}}/{action}", {"message": "Kaapattu", "start_on": "2026-12-14",
                                                    "decline_reason": "full", "outcome": "education"})
      for action in ACTIONS],
    ("POST", "/referrals/{referral}/messages", {"body": "Kaapattu"}),
    ("POST", "/referrals/{referral}/erase", {"confirm": "y"}),
    ("POST", "/referrals/{referral}/queue/offer", {"start_on": "2026-12-14"}),
    ("POST", "/referrals/{referral}/queue/position", {"position": "1", "reason": "Kaapattu"}),
]
# The queue names the jobseekers who wait: the provider's members only, not even the referring coach.
QUEUE_ROUTES = [("GET", "/offerings/{offering}/queue", None)]
COACH_ORG_ROUTES = [("GET", "/organisations/{coach_org}/referrals", None),
                    ("GET", "/organisations/{coach_org}/referrals.csv", None)]
PROVIDER_ORG_ROUTES = [("GET", "/organisations/{provider_org}/inbox", None),
                       ("GET", "/organisations/{provider_org}/inbox.csv", None)]
OWN_ACCOUNT_ROUTES = [("POST", "/account/tokens/{token}/revoke", {})]


def snapshot():
    return (
        db.session.execute(select(Referral.id, Referral.status, Referral.version, Referral.jobseeker_name)).all(),
        db.session.scalar(select(func.count()).select_from(ReferralEvent)),
        len(referral_views()),
        db.session.execute(select(ApiToken.id, ApiToken.revoked_at)).all(),
    )


def _outsider_cases():
    for who in ("other_provider", "other_coach"):
        for method, path, data in REFERRAL_ROUTES:
            yield who, method, path, data, 404  # a referral of others does not exist for them
        for method, path, data in COACH_ORG_ROUTES + PROVIDER_ORG_ROUTES:
            yield who, method, path, data, 403
        for method, path, data in OWN_ACCOUNT_ROUTES:
            yield who, method, path, data, 404  # someone else's token
    for method, path, data in COACH_ORG_ROUTES:
        yield "provider_member", method, path, data, 403  # the provider sees its inbox, not the coach's lists
    for method, path, data in PROVIDER_ORG_ROUTES + QUEUE_ROUTES:
        yield "coach", method, path, data, 403
    for who in ("other_provider", "other_coach"):
        for method, path, data in QUEUE_ROUTES:
            yield who, method, path, data, 403
    yield "other_provider", "GET", "/offerings/{offering}/refer", None, 403  # only employment services refer
    yield "other_provider", "POST", "/offerings/{offering}/refer", {"jobseeker_name": "X"}, 403


@pytest.mark.parametrize(("who", "method", "path", "data", "status"), list(_outsider_cases()))
def test_outsiders_cannot_see_or_change_referrals(client, login, world, who, method, path, data, status):
    login(getattr(world["network"], who))
    before = snapshot()
    response = client.open(path.format(**world), method=method, data=data or {})
    assert response.status_code == status
    assert "Matti" not in response.get_data(as_text=True)
    assert snapshot() == before


ALL_ROUTES = REFERRAL_ROUTES + COACH_ORG_ROUTES + PROVIDER_ORG_ROUTES + OWN_ACCOUNT_ROUTES + QUEUE_ROUTES + [
    ("GET", "/offerings/{offering}/refer", None), ("POST", "/offerings/{offering}/refer", {}),
    ("GET", "/referrals", None), ("POST", "/account/tokens", {"name": "X"}),
]


@pytest.mark.parametrize(("method", "path", "data"), ALL_ROUTES)
def test_anonymous_users_are_sent_to_login(client, world, method, path, data):
    before = snapshot()
    response = client.open(path.format(**world), method=method, data=data or {})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert snapshot() == before


API_CALLS = [
    ("GET", "/api/v1/referrals/{referral}", None),
    ("POST", "/api/v1/referrals/{referral}/transitions", {"action": "accept", "start_date": "2026-12-14"}),
    ("POST", "/api/v1/referrals/{referral}/messages", {"body": "Kaapattu"}),
]


@pytest.mark.parametrize("who", ["other_provider", "other_coach"])
@pytest.mark.parametrize(("method", "path", "data"), API_CALLS)
def test_outsiders_tokens_cannot_reach_the_referral(client, world, who, method, path, data):
    user = getattr(world["network"], who)
    _token, plain = create_token(user, user.memberships[0].organisation, "Toinen järjestelmä")
    before = snapshot()
    response = client.open(path.format(**world), method=method, json=data, headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 404 and "Matti" not in response.get_data(as_text=True)
    assert snapshot()[:3] == before[:3]


@pytest.mark.parametrize(("method", "path", "data"), API_CALLS + [
    ("GET", "/api/v1/referrals", None), ("POST", "/api/v1/referrals", {"goal": "x"})])
def test_api_without_token_is_401(client, world, method, path, data):
    before = snapshot()
    response = client.open(path.format(**world), method=method, json=data)
    assert response.status_code == 401 and response.is_json
    assert snapshot() == before


def test_every_referral_route_is_covered(app):
    adapter = app.url_map.bind("localhost")
    values = {"referral": "x", "coach_org": "x", "provider_org": "x", "token": "1", "offering": "x"}
    tested = {adapter.match(path.format(**values), method=method)[0] for method, path, _ in ALL_ROUTES + API_CALLS}
    tested |= {"api.referrals", "api.create_referral"}  # tested above and in test_api.py
    public = {"api_docs.docs", "referrals.status_page"}  # the jobseeker's link: tests/referrals/test_jobseeker.py
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith(("referrals.", "accounts.create_token", "accounts.revoke_token",
                                              "api.referral", "api.create_referral",
                                              "api.transition", "api.message"))}
    assert endpoints - tested - public == set()
