"""Two clicks or two retries at the same moment send one referral and answer both without an error."""

import uuid

from sqlalchemy import func, select

from marketplace.accounts.service import create_token
from marketplace.extensions import db
from marketplace.referrals.models import Referral
from marketplace.referrals.service import creation
from tests.helpers import PASSWORD, at_once, meet_at
from tests.referrals.test_api import body
from tests.referrals.test_views import form_data


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Referral))


def test_the_same_idempotency_key_twice_at_once_gives_one_referral(app, client, network, monkeypatch):
    _token, plain = create_token(network.coach, network.coach_org, "Asiakastietojärjestelmä")
    headers = {"Authorization": f"Bearer {plain}", "Idempotency-Key": str(uuid.uuid4())}
    payload = body(network)
    meet_at(monkeypatch, creation, "existing_for_key", 2)  # both find no referral for the key, then both write

    responses = at_once(*[lambda: app.test_client().post("/api/v1/referrals", json=payload, headers=headers)] * 2)
    assert sorted(response.status_code for response in responses) == [200, 201]
    assert len({response.get_json()["id"] for response in responses}) == 1
    assert count() == 1


def test_the_same_key_with_other_content_at_once_is_a_conflict(app, client, network, monkeypatch):
    _token, plain = create_token(network.coach, network.coach_org, "Asiakastietojärjestelmä")
    headers = {"Authorization": f"Bearer {plain}", "Idempotency-Key": str(uuid.uuid4())}
    meet_at(monkeypatch, creation, "existing_for_key", 2)
    responses = at_once(
        lambda: app.test_client().post("/api/v1/referrals", json=body(network, goal="Ensimmäinen"), headers=headers),
        lambda: app.test_client().post("/api/v1/referrals", json=body(network, goal="Toinen"), headers=headers),
    )
    assert sorted(response.status_code for response in responses) == [201, 409]
    assert count() == 1


def test_a_double_clicked_referral_form_answers_both_clicks_with_the_referral(app, client, network, monkeypatch):
    browsers = [app.test_client() for _ in range(2)]
    for browser in browsers:
        assert browser.post("/login", data={"email": network.coach.email, "password": PASSWORD}).status_code == 302
    meet_at(monkeypatch, creation, "existing_for_key", 2)
    url = f"/offerings/{network.offering.uuid}/refer"
    responses = at_once(*[lambda browser=browser: browser.post(url, data=form_data(submission_key="tupla"))
                          for browser in browsers])
    assert [response.status_code for response in responses] == [302, 302]
    assert len({response.headers["Location"] for response in responses}) == 1
    assert count() == 1
