"""A henkilötunnus is never stored: not in any field, not in any spelling, whichever way it arrives."""

import uuid

import pytest
from sqlalchemy import Enum, String, Text, func, select

from marketplace.accounts.models import MemberRole, Organisation, User
from marketplace.catalog.models import Offering
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.referrals.models import Referral, ReferralEvent
from tests.catalog.test_forms import form_data as offering_form
from tests.referrals.test_api import body, post_referral, tokens  # noqa: F401 (fixture)
from tests.test_validators import IDENTITY_CODE_SPELLINGS

FOUND = "henkilötunnus"


@pytest.fixture
def app_config(app_config):
    """The spelling loops call the API ninety times in a row: faster than its rate limit allows one client."""
    return {**app_config, "API_LIMIT_PER_CALLER": "10000 per second", "API_LIMIT_PER_CLIENT": "10000 per second"}


def test_no_spelling_gets_into_a_referral_through_the_api(client, network, tokens):  # noqa: F811
    accepted = []
    for spelling in IDENTITY_CODE_SPELLINGS:
        response = post_referral(client, tokens["coach"], body(network, goal=f"Tavoite, asiakas {spelling}"))
        if response.status_code != 422 or FOUND not in response.get_json()["errors"]["goal"][0]:
            accepted.append(spelling)
    assert accepted == []
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 0


def test_no_spelling_gets_into_a_message(client, network, tokens, make_referral):  # noqa: F811
    referral = make_referral()
    before = db.session.scalar(select(func.count()).select_from(ReferralEvent))
    accepted = [spelling for spelling in IDENTITY_CODE_SPELLINGS if client.post(
        f"/api/v1/referrals/{referral.uuid}/messages", json={"body": f"Tunnus {spelling}"},
        headers=tokens["coach"]).status_code != 422]
    assert accepted == []
    assert db.session.scalar(select(func.count()).select_from(ReferralEvent)) == before


@pytest.mark.parametrize("field", ["title", "summary", "description", "plain_language_summary", "eligibility",
                                   "street_address", "post_office", "schedule", "how_to_apply", "municipality_price",
                                   "contact_name"])
def test_an_offering_field_refuses_it_beside_the_field(client, login, make_org, make_user, field):
    org = make_org()
    login(make_user(org=org))
    response = client.post(f"/organisations/{org.uuid}/offerings/new",
                           data=offering_form(**{field: "Mikko 010190–123A"}))
    assert response.status_code == 422
    assert FOUND in response.get_data(as_text=True)
    assert db.session.scalar(select(Offering)) is None


@pytest.mark.parametrize("field", ["name", "description", "admin_name"])
def test_registration_refuses_it(client, field):
    from tests.accounts.test_registration import registration

    response = client.post("/register", data=registration(**{field: "Yhdistys 010190-123A"}))
    assert response.status_code == 422 and FOUND in response.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None and db.session.scalar(select(User)) is None


def test_the_organisation_profile_refuses_it(client, login, make_org, make_user):
    org = make_org()
    login(make_user(org=org, role=MemberRole.ADMIN))
    page = client.get(f"/organisations/{org.uuid}/edit")
    assert page.status_code == 200
    response = client.post(f"/organisations/{org.uuid}/edit", data={
        "name": org.name, "kind": org.kind.value, "business_id": org.business_id, "municipality": "Salo",
        "email": org.email, "description": "Puheenjohtaja 010190‐123A"})
    assert response.status_code == 422 and FOUND in response.get_data(as_text=True)
    assert "010190" not in db.session.get(Organisation, org.id).description


@pytest.mark.parametrize("field", ["name", "title"])
def test_the_user_profile_refuses_it(client, login, make_user, field):
    user = make_user()
    login(user)
    data = {"name": "Aino", "title": "", "phone": "", field: "Aino 010190 123A"}
    response = client.post("/account", data=data)
    assert response.status_code == 422 and FOUND in response.get_data(as_text=True)
    assert "010190" not in db.session.get(User, user.id).name + db.session.get(User, user.id).title


def _text_columns(model):
    return [column for column in model.__table__.columns
            if isinstance(column.type, String | Text) and not isinstance(column.type, Enum)
            and not column.info.get("opaque")]


def test_no_text_column_of_any_table_stores_one_whatever_the_code_path(app, runner):
    """The last line of defence: a flush that would store a henkilötunnus in any text column is refused."""
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    checked = 0
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        row = db.session.scalar(select(model).limit(1))
        if row is None:
            continue
        for column in _text_columns(model):
            attribute = mapper.get_property_by_column(column).key
            setattr(row, attribute, "Asiakas 010190–123A")
            with pytest.raises(InvalidInput) as error:
                db.session.flush()
            assert FOUND in error.value.message and error.value.field == attribute, (model, attribute)
            db.session.rollback()
            row = db.session.scalar(select(model).limit(1))
            checked += 1
    assert checked >= 70  # the text columns of every table the demo fills


def test_a_link_with_a_uuid_is_not_mistaken_for_one():
    from marketplace.validators import contains_identity_code

    assert not any(contains_identity_code(f"Katso https://kumppanitori.fi/offerings/{uuid.uuid4()} "
                                          f"ja {uuid.uuid4().hex}")
                   for _ in range(5000))


def test_only_generated_values_are_left_out_of_the_guard():
    opaque = {(column.table.name, column.name) for mapper in db.Model.registry.mappers
              for column in mapper.class_.__table__.columns if column.info.get("opaque")}
    assert opaque <= {
        ("user_account", "password_hash"), ("user_session", "token_hash"), ("invitation", "token_hash"),
        ("api_token", "token_hash"), ("api_token", "prefix"), ("referral", "request_fingerprint"),
        ("search_change", "key"), ("qualification", "content_hash"), ("learning_record", "verification_code"),
        ("learning_record", "certificate_hash"), ("pending_registration", "token_hash"),
        ("pending_registration", "password_hash"), ("rate_limit_counter", "key"), ("audit_event", "ip_address"),
        ("audit_event", "object_id"), ("referral", "status_token"),
        ("shortlist", "share_token"),
    }
