"""Freshness: 180 days without a check marks an offering "tarkista tiedot"; one reminder; funding ends on time."""

from datetime import timedelta

import pytest

from marketplace.accounts.models import MemberRole
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.clock import today, utcnow
from marketplace.extensions import db
from tests.helpers import outbox


@pytest.fixture
def org(make_org):
    return make_org(name="Punkalaitumen Kylätalo ry")


@pytest.fixture
def members(make_user, org):
    return [make_user(email="marja@example.fi", org=org, role=MemberRole.ADMIN),
            make_user(email="pekka@example.fi", org=org)]


def age(offering, days):
    offering.confirmed_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_offering_unchecked_for_180_days_is_marked_for_the_provider(client, login, org, members, make_offering):
    old = make_offering(org=org, title="Vanha palvelu")
    fresh = make_offering(org=org, title="Tuore palvelu")
    age(old, 181)
    age(fresh, 179)
    login(members[0])
    dashboard = client.get(f"/organisations/{org.uuid}/offerings").get_data(as_text=True)
    assert dashboard.count("tarkista tiedot") == 1
    assert "Tarkista tiedot." in client.get(f"/offerings/{old.uuid}").get_data(as_text=True)
    assert "Tarkista tiedot." not in client.get(f"/offerings/{fresh.uuid}").get_data(as_text=True)
    assert "1 tarkista tiedot" in client.get("/").get_data(as_text=True)


def test_one_click_confirms_it_is_current(client, login, org, members, make_offering):
    offering = make_offering(org=org)
    age(offering, 200)
    login(members[1])
    response = client.post(f"/offerings/{offering.uuid}/confirm", data={"next": f"/organisations/{org.uuid}/offerings"})
    assert response.status_code == 302 and response.headers["Location"] == f"/organisations/{org.uuid}/offerings"
    assert "tarkista tiedot" not in client.get(f"/organisations/{org.uuid}/offerings").get_data(as_text=True)
    assert utcnow() - db.session.get(Offering, offering.id).confirmed_at < timedelta(minutes=1)


def test_coordinator_sees_stale_offerings_by_organisation(client, login, org, make_user, make_org, make_offering):
    old = make_offering(org=org, title="Vanha palvelu")
    age(old, 365)
    other = make_offering(org=make_org(name="Toinen ry"), title="Toisen vanha", status="paused")
    age(other, 200)
    draft = make_offering(org=org, title="Vanha luonnos", status="draft")
    age(draft, 400)
    login(make_user(coordinator=True))
    page = client.get("/coordinator/offerings/stale").get_data(as_text=True)
    assert "Punkalaitumen Kylätalo ry" in page and "Vanha palvelu" in page
    assert "Toinen ry" in page and "Toisen vanha" in page
    assert "Vanha luonnos" not in page  # drafts are not shown to anyone, so they cannot mislead


def test_members_get_one_reminder(runner, org, members, make_offering):
    first = make_offering(org=org, title="Vanha palvelu")
    second = make_offering(org=org, title="Toinen vanha")
    for offering in (first, second):
        age(offering, 181)
    result = runner.invoke(args=["catalog", "daily"])
    assert result.exit_code == 0 and "Stale reminders: 2 emails" in result.output
    for member in members:
        [email] = outbox(member.email)
        assert "Vanha palvelu" in email.body and "Toinen vanha" in email.body
    assert "Stale reminders: 0 emails" in runner.invoke(args=["catalog", "daily"]).output
    assert len(outbox()) == 2

    # Confirmed, then stale again after another 180 days: a new reminder.
    db.session.get(Offering, first.id).stale_reminder_sent_at = None
    db.session.commit()
    assert "Stale reminders: 2 emails" in runner.invoke(args=["catalog", "daily"]).output


def test_funding_notice_in_advance_once_then_offering_leaves_on_the_end_date(runner, org, members, make_offering):
    ending = make_offering(org=org, title="ESR-hankkeen valmennus", funding_ends_on=today() + timedelta(days=20))
    later = make_offering(org=org, title="Myöhemmin päättyvä", funding_ends_on=today() + timedelta(days=90))
    result = runner.invoke(args=["catalog", "daily"])
    assert "Funding notices: 2 emails" in result.output
    body = outbox("marja@example.fi")[0].body
    assert "ESR-hankkeen valmennus" in body and "Myöhemmin päättyvä" not in body
    assert "Funding notices: 0 emails" in runner.invoke(args=["catalog", "daily"]).output

    db.session.get(Offering, ending.id).funding_ends_on = today() - timedelta(days=1)
    db.session.commit()
    result = runner.invoke(args=["catalog", "daily"])
    assert "Paused because funding ended: 1 offerings" in result.output
    paused = db.session.get(Offering, ending.id)
    assert paused.status is OfferingStatus.PAUSED and "Rahoitus päättyi" in paused.moderation_reason
    assert paused.changes[0].field == "status" and paused.changes[0].changed_by_id is None
    assert db.session.get(Offering, later.id).status is OfferingStatus.PUBLISHED


def test_changing_the_funding_end_date_allows_a_new_notice(client, login, org, members, make_offering, runner):
    offering = make_offering(org=org, funding_ends_on=today() + timedelta(days=10))
    runner.invoke(args=["catalog", "daily"])
    assert db.session.get(Offering, offering.id).funding_notice_sent_at is not None
    from marketplace.catalog import service

    data = service.OfferingData.of(offering)
    data.funding_ends_on = today() + timedelta(days=25)
    service.update_offering(offering, data, members[0])
    assert db.session.get(Offering, offering.id).funding_notice_sent_at is None
