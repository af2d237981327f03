"""The referral API: tokens, idempotent creation, reading, provider actions, messages and its errors."""

import uuid

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import ApiToken
from marketplace.accounts.service import create_token
from marketplace.clock import today
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import Channel, Referral, ReferralStatus
from marketplace.referrals.service import TransitionDetails
from tests.helpers import referral_views

pytestmark = pytest.mark.usefixtures("openapi_checked")  # every answer as the OpenAPI document says


def body(network, **overrides) -> dict:
    payload = {
        "offering_id": str(network.offering.uuid),
        "jobseeker": {"name": "Matti Meikäläinen", "phone": "040 123 4567", "email": "matti@example.fi",
                      "language": "fi"},
        "case_reference": "ASIA-2026-0415",
        "goal": "Työkokeilu puualalla.",
        "background": "",
        "eligibility_confirmed": True,
        "consent": {"given": True, "version": "2026-11"},
    }
    return {**payload, **overrides}


@pytest.fixture
def tokens(network):
    """Bearer headers for the coach, the provider and the outsiders."""

    def header(user):
        _token, plain = create_token(user, user.memberships[0].organisation, "Asiakastietojärjestelmä")
        return {"Authorization": f"Bearer {plain}"}

    return {name: header(getattr(network, name))
            for name in ("coach", "provider_member", "other_provider", "other_coach")}


def post_referral(client, headers, payload, key=None):
    return client.post("/api/v1/referrals", json=payload,
                       headers={**headers, "Idempotency-Key": key or str(uuid.uuid4())})


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Referral))


def test_a_case_management_system_sends_a_referral(client, network, tokens):
    response = post_referral(client, tokens["coach"], body(network))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert response.headers["Location"] == f"/api/v1/referrals/{data['id']}"
    assert data["status"] == "sent" and data["jobseeker"]["phone"] == "+358401234567"
    assert data["provider"]["name"] == "Verstas ry" and data["referrer"]["name"] == "Salon työllisyyspalvelut"
    assert data["timeline"][0]["kind"] == "created" and data["timeline"][0]["channel"] == "api"
    assert count() == 1


def test_a_retried_request_returns_the_same_referral(client, network, tokens):
    first = post_referral(client, tokens["coach"], body(network), key="retry-1")
    second = post_referral(client, tokens["coach"], body(network), key="retry-1")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["id"] == second.get_json()["id"] and count() == 1
    changed = post_referral(client, tokens["coach"], body(network, goal="Muu tavoite"), key="retry-1")
    assert changed.status_code == 409 and count() == 1


def test_the_idempotency_key_is_required(client, network, tokens):
    response = client.post("/api/v1/referrals", json=body(network), headers=tokens["coach"])
    assert response.status_code == 400
    assert "Idempotency-Key" in response.get_json()["errors"]
    assert count() == 0


@pytest.mark.parametrize(("payload", "field"), [
    ({"jobseeker": {"name": "Matti", "phone": "131052-308T"}}, "jobseeker.phone"),
    ({"goal": "Hetu 131052-308T"}, "goal"),
    ({"consent": {"given": False, "version": "2026-11"}}, "consent.given"),
    ({"consent": {"given": "yes", "version": "2026-11"}}, "consent.given"),
    ({"eligibility_confirmed": False}, "eligibility_confirmed"),
    ({"wished_start_date": "ensi viikolla"}, "wished_start_date"),
    ({"offering_id": "not-a-uuid"}, "offering_id"),
    ({"offering_id": None}, "offering_id"),
    ({"jobseeker": "Matti"}, "jobseeker"),
    ({"goal": 42}, "goal"),
])
def test_bad_referrals_get_422_with_the_field(client, network, tokens, payload, field):
    response = post_referral(client, tokens["coach"], body(network, **payload))
    assert response.status_code == 422, response.get_json()
    data = response.get_json()
    assert field in data["errors"], data
    assert data["message"]
    assert count() == 0


def test_a_body_that_is_not_json_is_400(client, network, tokens):
    response = client.post("/api/v1/referrals", data="nimi=Matti", headers={**tokens["coach"], "Idempotency-Key": "x"},
                           content_type="text/plain")
    assert response.status_code == 400 and "JSON" in response.get_json()["message"]


@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer kt_wrong", "Basic dXNlcjpwYXNz"])
def test_without_a_valid_token_the_api_answers_401(client, network, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/api/v1/referrals", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["status"] == 401


def test_a_revoked_token_stops_working(client, network, tokens):
    assert client.get("/api/v1/referrals", headers=tokens["coach"]).status_code == 200
    for token in db.session.scalars(select(ApiToken)):
        token.revoked_at = token.created_at
    db.session.commit()
    assert client.get("/api/v1/referrals", headers=tokens["coach"]).status_code == 401


def test_a_token_stops_working_when_its_user_leaves_the_organisation(client, network, tokens):
    membership = network.provider_member.memberships[0]
    db.session.delete(membership)
    db.session.commit()
    assert client.get("/api/v1/referrals", headers=tokens["provider_member"]).status_code == 401


def test_a_session_cookie_does_not_open_the_referral_api(client, login, network):
    login(network.coach)
    assert client.get("/api/v1/referrals").status_code == 401


def test_a_token_acts_only_for_its_own_organisation(client, network, make_org, make_user, make_referral):
    """A coach who also belongs to a provider: the token made for the provider cannot see the coach's referrals."""
    referral = make_referral()
    from marketplace.accounts import service as accounts

    accounts.add_member(network.provider_org, network.coach)
    _token, plain = create_token(network.coach, network.provider_org, "Pajan järjestelmä")
    headers = {"Authorization": f"Bearer {plain}"}
    sent = client.get("/api/v1/referrals?role=sent", headers=headers).get_json()
    assert sent["total_items"] == 0  # the provider sent nothing
    received = client.get("/api/v1/referrals?role=received", headers=headers).get_json()
    assert [r["id"] for r in received["contents"]] == [str(referral.uuid)]
    withdraw = client.post(f"/api/v1/referrals/{referral.uuid}/transitions", json={"action": "withdraw"},
                           headers=headers)
    assert withdraw.status_code == 403  # as the provider, it cannot withdraw the coach's referral


def test_the_provider_works_through_the_api_and_every_read_is_logged(client, network, tokens, make_referral):
    referral = make_referral()
    headers = tokens["provider_member"]
    listed = client.get("/api/v1/referrals?status=sent", headers=headers).get_json()
    assert [r["id"] for r in listed["contents"]] == [str(referral.uuid)]
    url = f"/api/v1/referrals/{referral.uuid}"
    steps = [
        {"action": "request_info", "message": "Onko ajokortti?"},
    ]
    for step in steps:
        assert client.post(url + "/transitions", json=step, headers=headers).status_code == 200
    answer = client.post(url + "/transitions", json={"action": "answer", "message": "On."}, headers=tokens["coach"])
    assert answer.status_code == 200
    accepted = client.post(url + "/transitions", json={"action": "accept", "start_date": today().isoformat(),
                                                       "version": answer.get_json()["version"]}, headers=headers)
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    assert client.post(url + "/transitions", json={"action": "start"}, headers=headers).status_code == 200
    done = client.post(url + "/transitions", json={"action": "complete", "outcome": "education"}, headers=headers)
    assert done.get_json()["status"] == "completed" and done.get_json()["outcome"] == "education"
    message = client.post(url + "/messages", json={"body": "Kiitos yhteistyöstä."}, headers=headers)
    assert message.status_code == 201 and message.get_json()["timeline"][-1]["message"] == "Kiitos yhteistyöstä."
    coach_view = client.get(url, headers=tokens["coach"]).get_json()
    assert [e["to_status"] for e in coach_view["timeline"] if e["kind"] == "transition"] == [
        "info_requested", "sent", "accepted", "started", "completed"]
    logged = [view for view in referral_views() if view.detail == Channel.API]
    assert {(a.user_id, a.organisation_id) for a in logged} == {  # both sides' reads are logged
        (network.provider_member.id, network.provider_org.id), (network.coach.id, network.coach_org.id)}


@pytest.mark.parametrize(("step", "status"), [
    ({"action": "complete", "outcome": "education"}, 409),  # not started
    ({"action": "withdraw"}, 403),  # the coach's action
    ({"action": "fly"}, 422),
    ({"action": "decline", "reason": "bored"}, 422),
    ({"action": "accept"}, 422),  # no start date
    ({"action": "accept", "start_date": "2026-12-01", "version": 99}, 409),
    ({"action": "accept", "start_date": "2026-12-01", "version": "1"}, 422),
])
def test_illegal_or_incomplete_transitions(client, network, tokens, make_referral, step, status):
    referral = make_referral()
    response = client.post(f"/api/v1/referrals/{referral.uuid}/transitions", json=step,
                           headers=tokens["provider_member"])
    assert response.status_code == status, response.get_json()
    assert response.get_json()["message"]
    assert db.session.get(Referral, referral.id).status is ReferralStatus.SENT


@pytest.mark.parametrize("outsider", ["other_provider", "other_coach"])
def test_outsiders_get_404_for_every_referral_call(client, network, tokens, make_referral, outsider):
    referral = make_referral()
    headers = tokens[outsider]
    url = f"/api/v1/referrals/{referral.uuid}"
    assert client.get(url, headers=headers).status_code == 404
    assert client.post(url + "/transitions", json={"action": "accept", "start_date": today().isoformat()},
                       headers=headers).status_code == 404
    assert client.post(url + "/messages", json={"body": "Hei"}, headers=headers).status_code == 404
    assert client.get("/api/v1/referrals", headers=headers).get_json()["total_items"] == 0
    assert db.session.get(Referral, referral.id).status is ReferralStatus.SENT
    assert len(db.session.get(Referral, referral.id).events) == 1


def test_providers_cannot_send_referrals(client, network, tokens):
    response = post_referral(client, tokens["other_provider"], body(network))
    assert response.status_code == 403 and count() == 0


def test_list_filters_and_validates(client, network, tokens, make_referral):
    first, second = make_referral(case_reference="A-1"), make_referral(case_reference="B-2")
    service.transition(second, "accept", network.provider_member, TransitionDetails(start_on=today()))
    headers = tokens["coach"]
    assert [r["id"] for r in client.get("/api/v1/referrals?status=accepted",
                                        headers=headers).get_json()["contents"]] == [str(second.uuid)]
    assert [r["id"] for r in client.get("/api/v1/referrals?case_reference=A-1",
                                        headers=headers).get_json()["contents"]] == [str(first.uuid)]
    assert client.get("/api/v1/referrals?status=open", headers=headers).get_json()["total_items"] == 2
    later = client.get("/api/v1/referrals?updated_since=2099-01-01T00:00:00%2B00:00", headers=headers).get_json()
    assert later["total_items"] == 0
    for query in ("status=lost", "role=both", "updated_since=tänään", "updated_since=2026-01-01T00:00:00",
                  "per_page=0"):
        response = client.get(f"/api/v1/referrals?{query}", headers=headers)
        assert response.status_code == 422, query


def test_erased_referrals_show_no_personal_data(client, network, tokens, make_referral):
    referral = make_referral()
    service.erase_personal_data(referral, network.coach)
    data = client.get(f"/api/v1/referrals/{referral.uuid}", headers=tokens["provider_member"]).get_json()
    assert data["jobseeker"] is None and data["goal"] is None and data["status"] == "withdrawn"
    assert "Matti" not in str(data)
