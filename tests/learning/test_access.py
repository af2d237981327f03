"""Only the hosting provider writes a record, only the chosen school decides, nobody else sees it. Every route."""

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.learning import service
from marketplace.learning.models import LearningRecord, OfferingUnit, Qualification, RecordEvent
from tests.learning.conftest import confirm_all, unit_of


@pytest.fixture
def world(network, submitted_record, schools, qualification, make_referral):
    record_unit = submitted_record.units[0]
    unit = unit_of(qualification, "105444")
    offered = service.describe_unit(network.offering, unit, "Tilaustyöt", {unit.requirements[0].id},
                                    network.provider_member)
    return {
        "network": network, "schools": schools, "record": submitted_record.uuid, "record_unit": record_unit.id,
        "referral": submitted_record.referral.uuid, "offering": network.offering.uuid, "unit": unit.id,
        "offered": offered.id, "school": schools[0].organisation.uuid, "qualification": qualification.id,
    }


RECORD_ROUTES = [
    ("GET", "/learning/{record}", None),
    ("POST", "/learning/{record}/details", {"hours": "1"}),
    ("POST", "/learning/{record}/units", {"unit": "{unit}"}),
    ("GET", "/learning/{record}/units/{record_unit}", None),
    ("POST", "/learning/{record}/units/{record_unit}", {"tasks": "Kaapattu"}),
    ("POST", "/learning/{record}/units/{record_unit}/remove", {}),
    ("POST", "/learning/{record}/submit", {}),
    ("POST", "/learning/{record}/correct", {}),
    ("POST", "/learning/{record}/review", {"teacher_name": "X", "teacher_title": "Y"}),
    ("POST", "/learning/{record}/return", {"message": "Kaapattu"}),
    ("GET", "/learning/{record}/certificate", None),
]
ENVIRONMENT_ROUTES = [
    ("GET", "/offerings/{offering}/learning", None),
    ("GET", "/offerings/{offering}/learning/describe?unit={unit}", None),
    ("GET", "/offerings/{offering}/learning/units/{unit}", None),
    ("POST", "/offerings/{offering}/learning/units/{unit}", {"tasks": "Kaapattu"}),
    ("POST", "/offerings/{offering}/learning/{offered}/remove", {}),
]
OTHER_ROUTES = [
    ("GET", "/referrals/{referral}/learning/new", None),
    ("POST", "/referrals/{referral}/learning/new", {"qualification": "{qualification}"}),
    ("GET", "/organisations/{school}/recognition", None),
    ("GET", "/coordinator/qualifications", None),
    ("POST", "/coordinator/qualifications", {}),
]


def snapshot():
    return (
        db.session.execute(select(LearningRecord.id, LearningRecord.status, LearningRecord.version)).all(),
        db.session.scalar(select(func.count()).select_from(RecordEvent)),
        db.session.execute(select(OfferingUnit.id, OfferingUnit.tasks)).all(),
        db.session.scalar(select(func.count()).select_from(Qualification)),
    )


def _format(value, world):
    return {key: v.format(**world) for key, v in value.items()} if isinstance(value, dict) else value.format(**world)


def _cases():
    for who in ("other_provider", "other_coach", "other_school"):
        for method, path, data in RECORD_ROUTES:
            yield who, method, path, data, 404
        for method, path, data in ENVIRONMENT_ROUTES:
            yield who, method, path, data, 403
        yield who, "GET", "/referrals/{referral}/learning/new", None, 404  # the referral is not theirs
        yield who, "POST", "/referrals/{referral}/learning/new", {"qualification": "{qualification}"}, 404
        yield who, "GET", "/organisations/{school}/recognition", None, 403
        yield who, "GET", "/coordinator/qualifications", None, 403
        yield who, "POST", "/coordinator/qualifications", {}, 403
    # the referring coach sees the outcome on the referral, not the record; and writes nothing
    for method, path, data in RECORD_ROUTES[:-1]:
        yield "coach", method, path, data, 404
    yield "coach", "GET", "/referrals/{referral}/learning/new", None, 403
    # the school decides but never writes the provider's part (the evidence form sends it back to the record)
    for method, path, data in RECORD_ROUTES[1:8]:
        yield "school", method, path, data, 302 if path.endswith("{record_unit}") else 403
    # the provider never decides for the school
    yield "provider_member", "POST", "/learning/{record}/review", {"teacher_name": "X", "teacher_title": "Y"}, 403
    yield "provider_member", "POST", "/learning/{record}/return", {"message": "X"}, 403
    yield "provider_member", "GET", "/organisations/{school}/recognition", None, 403


def _user(world, who):
    network, schools = world["network"], world["schools"]
    return {"school": schools[0].teacher, "other_school": schools[1].teacher}.get(who) or getattr(network, who)


@pytest.mark.parametrize(("who", "method", "path", "data", "status"), list(_cases()))
def test_nobody_else_sees_or_changes_learning(client, login, world, who, method, path, data, status):
    login(_user(world, who))
    before = snapshot()
    response = client.open(_format(path, world), method=method, data=_format(data or {}, world))
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    if who not in ("school", "provider_member"):  # those two may read the record; the rest see nothing of it
        assert "Valmisti 12 penkkiä" not in response.get_data(as_text=True)
    assert snapshot() == before


ALL_ROUTES = RECORD_ROUTES + ENVIRONMENT_ROUTES + OTHER_ROUTES + [("GET", "/qualifications/{qualification}", None)]


@pytest.mark.parametrize(("method", "path", "data"), ALL_ROUTES)
def test_anonymous_users_are_sent_to_login(client, world, method, path, data):
    before = snapshot()
    response = client.open(_format(path, world), method=method, data=_format(data or {}, world))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert snapshot() == before


def test_verification_is_public_and_shows_only_the_certificate(client, world):
    record = service.get_record(world["record"], world["schools"][0].teacher)
    confirm_all(record, world["schools"][0].teacher)
    page = client.get(f"/verify/{record.verification_code}").get_data(as_text=True)
    assert "Todistus on aito" in page and "Valmisti 12 penkkiä" not in page and "Tiina Nieminen" in page
    assert client.get("/verify").status_code == 200


def test_every_learning_route_is_covered(app, world):
    adapter = app.url_map.bind("localhost")
    tested = {adapter.match(_format(path, world).split("?")[0], method=method)[0] for method, path, _ in ALL_ROUTES}
    public = {"learning.verify", "learning.verify_form"}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("learning.")}
    assert endpoints - tested - public == set()
