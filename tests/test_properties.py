"""Property-based tests (Hypothesis): arbitrary text, unicode, huge values and malformed JSON at every form,
the search and the API. Never a 500, and nothing stored that the validators would refuse."""

import json
import os
import re
from urllib.parse import urlencode

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import String, select
from stdnum.fi import ytunnus
from wtforms.fields.core import UnboundField

from marketplace.accounts.models import Organisation, User
from marketplace.accounts.service import create_token
from marketplace.extensions import db
from marketplace.validators import contains_identity_code
from tests.referrals.test_api import body

# HYPOTHESIS_EXAMPLES=500 for a longer hunt than the suite's.
CHECKS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "40")), deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text as people and attackers type it: any unicode (lone surrogates too), controls, markup, formulas, huge.
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "\ud800", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "010203-123A",
                     "x" * 100_000, "٣٣٣", "../../etc/passwd", "' OR 1=1 --", "9" * 40, "2026-02-30"]),
)


def form_field_names() -> list[str]:
    """Every field name of every form in the app (with its prefix), so each form gets all its inputs."""
    from flask_wtf import FlaskForm

    import marketplace.accounts.forms  # noqa: F401 (each module defines forms)
    import marketplace.catalog.forms
    import marketplace.learning.forms
    import marketplace.referrals.forms  # noqa: F401

    names, pending = set(), list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        prefix = "token-" if form.__name__ == "TokenForm" else ""
        names |= {prefix + name for name, value in vars(form).items() if isinstance(value, UnboundField)}
    return sorted(names)


def post_routes(app, values: dict) -> list[str]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/") and "logout" not in rule.rule \
                and "end-all" not in rule.rule:
            try:
                urls.append(adapter.build(rule.endpoint, {arg: values.get(arg, 1) for arg in rule.arguments}))
            except Exception:  # noqa: BLE001 (an argument these values cannot fill)
                continue
    return urls


def assert_stored_rows_are_valid() -> None:
    """What the validators promise of stored data, checked row by row in every table."""
    db.session.rollback()
    for table in db.metadata.sorted_tables:
        texts = [column for column in table.columns if isinstance(column.type, String)]
        for row in db.session.execute(select(*texts)).all() if texts else []:
            for column, value in zip(texts, row, strict=True):
                if not isinstance(value, str):
                    continue
                assert "\x00" not in value and not re.search("[\ud800-\udfff]", value), (table.name, column.name)
                assert column.type.length is None or len(value) <= column.type.length, (table.name, column.name)
                if not column.info.get("opaque"):
                    assert not contains_identity_code(value), (table.name, column.name, value)
    for phone in db.session.scalars(select(User.phone)):
        assert phone == "" or phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
    for business_id in db.session.scalars(select(Organisation.business_id)):
        assert business_id is None or ytunnus.is_valid(business_id), business_id


@pytest.fixture
def signed_in(client, login, network, make_referral):
    """The provider's admin, who reaches the most forms; the values fill every route's arguments."""
    referral = make_referral()
    login(network.provider_admin)
    return {"organisation_uuid": network.provider_org.uuid, "offering_uuid": network.offering.uuid,
            "referral_uuid": referral.uuid, "referral_id": referral.uuid, "token": "x", "record_uuid": "x",
            "action": "accept", "membership_id": network.provider_member.membership_in(network.provider_org).id}


@CHECKS
@given(data=st.data())
def test_every_form_takes_any_text_without_a_server_error(app, client, signed_in, data):
    urls = post_routes(app, signed_in)
    fields = form_field_names()
    assert len(urls) > 25 and len(fields) > 40
    url = data.draw(st.sampled_from(urls))
    form = data.draw(st.fixed_dictionaries({}, optional={name: TEXT for name in fields}))
    # Encoded by hand: a lone surrogate becomes the invalid UTF-8 an attacker (not a browser) would send.
    encoded = urlencode(form, encoding="utf-8", errors="surrogatepass")
    response = client.post(url, data=encoded, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500, (url, response.status_code)
    assert_stored_rows_are_valid()


@CHECKS
@given(query=st.dictionaries(st.sampled_from(["q", "municipality", "type", "target", "language", "page", "sort",
                                              "open_only", "delivery", "intake"]), TEXT, max_size=5))
def test_search_takes_any_query(client, query):
    response = client.get("/search?" + urlencode(query, encoding="utf-8", errors="surrogatepass"))
    assert response.status_code in (200, 400, 422), response.status_code


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
                    max_leaves=20)


@CHECKS
@given(payload=st.one_of(JSON, st.fixed_dictionaries({}, optional={
    "offering_id": JSON, "jobseeker": st.fixed_dictionaries({}, optional={"name": TEXT, "phone": TEXT,
                                                                          "email": TEXT, "language": TEXT}),
    "case_reference": TEXT, "goal": TEXT, "background": TEXT, "eligibility_confirmed": JSON,
    "consent": st.fixed_dictionaries({}, optional={"given": JSON, "version": TEXT}),
    "wished_start_date": TEXT})), raw=st.binary(max_size=200))
def test_the_api_takes_any_json_and_any_bytes(client, network, payload, raw):
    _token, plain = create_token(network.coach, network.coach_org, "Ominaisuustesti")
    headers = {"Authorization": f"Bearer {plain}", "Idempotency-Key": "k" + str(abs(hash(repr(payload))))}
    for response in (
        client.post("/api/v1/referrals", json=payload, headers=headers),
        client.post("/api/v1/referrals", json={**body(network), **payload} if isinstance(payload, dict) else payload,
                    headers={**headers, "Idempotency-Key": headers["Idempotency-Key"] + "b"}),
        client.post("/api/v1/referrals", data=raw, content_type="application/json", headers=headers),
        client.get("/api/v1/services?" + urlencode({"search": raw.decode("latin-1")})),
    ):
        assert response.status_code < 500 and response.is_json, (response.status_code, response.get_data()[:200])
        json.loads(response.get_data(as_text=True))
    assert_stored_rows_are_valid()
