"""Out-of-range numbers, dates and sizes are answered with a clear 4xx, never a 500: every GET route, every role.
Every answer carries the security headers, and no page has inline code the Content-Security-Policy would block.

The routes come from `app.url_map`, so a new route is covered without touching this file.
"""

import json
from urllib.parse import urlencode

import pytest
from sqlalchemy import or_, select

from marketplace import create_app
from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering
from marketplace.demo.data import DEMO_PASSWORD
from marketplace.extensions import db
from marketplace.learning.models import LearningRecord
from marketplace.referrals.models import Referral
from tests.conftest import IsolatedClient, base_config
from tests.test_security import inline_code_in

HUGE = "99999999999999999999"
HOSTILE_TEXT = {
    "view": HUGE, "status": HUGE, "scope": HUGE, "q": "työ" * 3000, "municipality": HUGE, "archived": HUGE,
    "code": HUGE, "sort": HUGE, "open_only": HUGE, "language": HUGE, "organization_id": HUGE, "taxonomy_term_id": HUGE,
    "search": "x" * 5000, "role": HUGE, "case_reference": HUGE, "offering": HUGE, "counterpart": HUGE,
}
# Each group alone too: one bad value can hide another (a form that fails on one field ignores the rest).
HOSTILE_QUERIES = [
    {"page": HUGE, "per_page": HUGE, "unit": HUGE, "qualification": HUGE},
    {"sent_from": "0001-01-01", "sent_to": "9999-12-31", "updated_since": "9999-12-31T23:59:59-12:00"},
    {"page": "-1", "per_page": "0", "sent_from": "9999-12-31", "updated_since": "0001-01-01T00:00:00+14:00"},
    HOSTILE_TEXT,
    {"q": "\x00", "sent_from": "\x00", "page": "\x00", "case_reference": "a\x00b", "municipality": "\x00"},
    {"page": "²", "per_page": "٣", "unit": "¹²", "sent_to": "２０２６-０１-０１"},
]
ROLES = {
    "anonymous": None,
    "coordinator": "koordinaattori@kumppanitori.example",
    "coach": "aino.lehtinen@salo.example",
    "workshop": "tiina.nieminen@salo.example",
    "provider": "heli.rautiainen@saimaantoimintakeskus.example",
    "teacher": "paivi.laaksonen@pirkanportti.example",
}


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The demo network, loaded once for this module's many read-only requests."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    # Hundreds of API requests in a row: above the rate limit, so each one reaches its view.
    config = {**base_config(tmp_path), "API_LIMIT_PER_CALLER": "10000 per second",
              "API_LIMIT_PER_CLIENT": "10000 per second"}
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    with app.app_context():
        db.drop_all()
        db.create_all()
        assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
        app.test_client_class = IsolatedClient
        yield app
        from marketplace.search import indexer

        indexer.close_searchers()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _values_for(email: str | None) -> dict[str, str]:
    """Real argument values that the user may see, so each page is reached past its lookups."""
    organisation = None
    if email:
        from marketplace.accounts.service import user_by_email

        user = user_by_email(email)
        organisation = user.memberships[0].organisation if user.memberships else None
    org_id = organisation.id if organisation else -1
    referral = db.session.scalar(
        select(Referral).where(or_(Referral.provider_id == org_id, Referral.referrer_id == org_id)))
    record = db.session.scalar(select(LearningRecord).limit(1))
    offering = db.session.scalar(select(Offering).where(Offering.organisation_id == org_id)) or db.session.scalar(
        select(Offering).limit(1))
    any_org = organisation or db.session.scalar(select(Organisation).limit(1))
    return {
        "organisation_uuid": str(any_org.uuid), "offering_uuid": str(offering.uuid), "service_id": str(offering.uuid),
        "referral_uuid": str(referral.uuid) if referral else "x",
        "referral_id": str(referral.uuid) if referral else "x",
        "record_uuid": str(record.uuid), "code": "ABCD-EFGH", "token": "x", "filename": "style.css",
    }


def _token_of(email: str) -> str:
    from marketplace.accounts.service import create_token, user_by_email

    user = user_by_email(email)
    if not user.memberships:
        return "kt_none"
    return create_token(user, user.memberships[0].organisation, "Vihamielinen testi")[1]


def _get_urls(app, values: dict[str, str]):
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        converters = rule._converters
        real = {arg: values.get(arg, "1") for arg in rule.arguments}
        for arg, converter in converters.items():
            if type(converter).__name__ in ("IntegerConverter", "BoundedIntegerConverter"):
                real[arg] = 1
        try:
            path = adapter.build(rule.endpoint, real)
        except Exception:  # noqa: BLE001 (an argument the map cannot build with these values)
            continue
        for query in HOSTILE_QUERIES:
            yield f"{path}?{urlencode(query)}"
        for arg, converter in converters.items():
            if type(converter).__name__ in ("IntegerConverter", "BoundedIntegerConverter"):
                yield adapter.build(rule.endpoint, {**real, arg: 7}).replace("/7", f"/{HUGE}", 1)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_get_route_answers_hostile_numbers_and_dates_without_a_server_error(demo_app, role):
    client = demo_app.test_client()
    email = ROLES[role]
    headers = {}
    if email:
        assert client.post("/login", data={"email": email, "password": DEMO_PASSWORD}).status_code == 302
        headers = {"Authorization": f"Bearer {_token_of(email)}"}  # the API routes too
    urls = list(_get_urls(demo_app, _values_for(email)))
    assert len(urls) > 50
    failures = []
    for url in urls:
        if "/logout" in url:
            continue
        try:
            with client.get(url, headers=headers) as response:
                status = response.status_code
                if "Content-Security-Policy" not in response.headers:
                    failures.append(("no security headers", url[:120]))
                if response.mimetype == "text/html" and inline_code_in(response.get_data(as_text=True)):
                    failures.append(("inline code", url[:120]))
        except Exception as error:  # noqa: BLE001 (the test client re-raises what would be a 500)
            status = type(error).__name__
        if not isinstance(status, int) or status >= 500:
            failures.append((status, url[:120]))
        db.session.rollback()
    assert failures == []


@pytest.fixture
def coach_token(network):
    from marketplace.accounts.service import create_token

    _token, plain = create_token(network.coach, network.coach_org, "Järjestelmä")
    return {"Authorization": f"Bearer {plain}"}


def test_a_huge_page_number_of_the_api_is_a_422(client, coach_token):
    response = client.get(f"/api/v1/referrals?page={HUGE}", headers=coach_token)
    assert response.status_code == 422 and "page" in response.get_json()["errors"]


def test_a_huge_page_number_of_a_list_shows_the_list(client, login, network):
    login(network.coach)
    response = client.get(f"/organisations/{network.coach_org.uuid}/referrals?page={HUGE}")
    assert response.status_code == 422
    assert "Tarkista sivunumero" in response.get_data(as_text=True)


@pytest.mark.parametrize(("day", "message"), [
    ("9999-12-31", "Tarkista päivämäärä"), ("0001-01-01", "Tarkista päivämäärä"),
    ("2026-02-30", "Ei ole kelvollinen päivämäärä"), ("20261-01-01", "Ei ole kelvollinen päivämäärä"),
])
def test_a_date_out_of_range_in_the_list_filters_is_explained(client, login, network, day, message):
    login(network.coach)
    response = client.get(f"/organisations/{network.coach_org.uuid}/referrals?sent_to={day}")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_wished_start_far_in_the_future_is_refused(client, network, coach_token):
    from tests.referrals.test_api import body, post_referral

    response = post_referral(client, coach_token, body(network, wished_start_date="9999-12-31"))
    assert response.status_code == 422 and "wished_start_date" in response.get_json()["errors"]


def test_json_nested_five_thousand_levels_is_a_400(client, coach_token):
    nested = "[" * 5000 + "]" * 5000
    response = client.post("/api/v1/referrals", data=nested, content_type="application/json",
                           headers={**coach_token, "Idempotency-Key": "syva"})
    assert response.status_code == 400 and response.is_json


def test_a_body_over_the_limit_is_a_413(app, client, coach_token):
    response = client.post("/api/v1/referrals", data=json.dumps({"goal": "x" * app.config["API_MAX_CONTENT_LENGTH"]}),
                           content_type="application/json", headers={**coach_token, "Idempotency-Key": "iso"})
    assert response.status_code == 413 and response.is_json


def test_a_large_upload_is_refused_on_a_page_too(client, app, login, make_user):
    login(make_user(coordinator=True))
    big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/coordinator/qualifications", data=big, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "liian suuri" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["123", "1e5", "true", "null", '["a"]'])
def test_a_secret_key_that_looks_like_json_stays_a_string(monkeypatch, tmp_path, value):
    monkeypatch.setenv("MARKETPLACE_SECRET_KEY", value)
    config = {key: item for key, item in base_config(tmp_path).items() if key != "SECRET_KEY"}
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    assert app.config["SECRET_KEY"] == value
    with app.app_context():
        db.create_all()
        assert app.test_client().get("/login").status_code == 200
        db.drop_all()
        db.engine.dispose()


def test_a_write_that_waited_too_long_for_another_is_a_503_with_retry_after(app, client, login, make_user, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from marketplace.accounts import service

    user = make_user()
    login(user)

    def locked(*args, **kwargs):
        raise OperationalError("UPDATE user_account", {}, Exception("database is locked"))

    monkeypatch.setattr(service.auth, "free_text", locked)
    response = client.post("/account", data={"name": "Uusi", "title": "", "phone": ""})
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "yritä muutaman sekunnin kuluttua" in response.get_data(as_text=True)


def test_durations_from_the_environment_are_seconds(monkeypatch, tmp_path):
    from datetime import timedelta

    monkeypatch.setenv("MARKETPLACE_SESSION_MAX_AGE", "3600")
    app = create_app(base_config(tmp_path), instance_path=str(tmp_path / "instance"))
    assert app.config["SESSION_MAX_AGE"] == timedelta(hours=1)



@pytest.mark.parametrize("text", ["\ud800", "a\x00b", "\udfff\ud800"])
def test_text_no_database_can_keep_is_refused_by_the_api(client, network, coach_token, text):
    from tests.referrals.test_api import body, post_referral

    response = post_referral(client, coach_token, body(network, goal=f"Tavoite {text}"))
    assert response.status_code == 422 and "goal" in response.get_json()["errors"]


def test_a_nul_character_in_a_form_or_query_is_a_400(client, login, network):
    login(network.coach)
    assert client.get(f"/organisations/{network.coach_org.uuid}/referrals?q=a%00b").status_code == 400
    assert client.post("/account", data={"name": "A\x00", "title": "", "phone": ""}).status_code == 400


def test_a_tampered_version_or_consent_field_is_answered_not_a_500(client, login, network, make_referral):
    from tests.referrals.test_views import form_data

    login(network.coach)
    response = client.post(f"/offerings/{network.offering.uuid}/refer", data=form_data(consent_version="null"))
    assert response.status_code == 422 and "Tuntematon suostumustekstin versio" in response.get_data(as_text=True)
    referral = make_referral()
    client.post("/logout")
    login(network.provider_member)
    response = client.post(f"/referrals/{referral.uuid}/request_info", data={"message": "Kysymys", "version": "²"})
    assert response.status_code == 302
