"""A teacher deciding records before the end of term: who and what each row is, plausible periods, signing."""

import re
from datetime import timedelta

import pytest

from marketplace.clock import today
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.learning import service
from marketplace.learning.models import LearningRecord, RecordStatus
from marketplace.referrals import service as referrals
from marketplace.referrals.service import TransitionDetails
from tests.learning.conftest import confirm_all, fill


def details(record, **changes) -> service.RecordDetails:
    values = {"period_start": record.period_start, "period_end": record.period_end, "hours": record.hours,
              "instructor_name": record.instructor_name, "instructor_assessment": record.instructor_assessment,
              "education_provider": record.education_provider}
    return service.RecordDetails(**{**values, **changes})


def test_a_decision_waits_until_the_learning_period_has_ended(client, login, network, submitted_record, schools):
    submitted_record.period_end = today() + timedelta(days=18)  # as 2.–20.12. decided on 1.12.
    db.session.commit()
    with pytest.raises(InvalidInput, match="aikaisintaan oppimisjakson viimeisenä päivänä"):
        confirm_all(submitted_record, schools[0].teacher)
    db.session.rollback()
    assert db.session.get(LearningRecord, submitted_record.id).status is RecordStatus.SUBMITTED

    login(schools[0].teacher)
    page = client.get(f"/learning/{submitted_record.uuid}").get_data(as_text=True)
    assert 'id="decide-later"' in page and "Vahvista päätös</button>" not in page
    assert "Palauta täydennettäväksi" in page  # returning it still works

    submitted_record.period_end = today()  # its last day: the decision may be dated today
    db.session.commit()
    confirm_all(db.session.get(LearningRecord, submitted_record.id), schools[0].teacher)
    assert db.session.get(LearningRecord, submitted_record.id).status is RecordStatus.CONFIRMED


def test_hours_must_fit_the_period(client, login, network, accepted_referral, qualification, schools):
    record = service.open_record(accepted_referral, qualification, network.provider_member, schools[0].organisation)
    with pytest.raises(InvalidInput, match="80 tuntia on enemmän kuin 12 tuntia päivässä 1 päivän jaksolle"):
        service.update_record(record, details(record, period_start=today(), period_end=today(), hours=80),
                              network.provider_member)
    db.session.rollback()
    login(network.provider_member)
    response = client.post(f"/learning/{record.uuid}/details", data={
        "period_start": today().isoformat(), "period_end": today().isoformat(), "hours": "80",
        "version": record.version})
    assert response.status_code == 422 and "12 tuntia päivässä" in response.get_data(as_text=True)
    assert db.session.get(LearningRecord, record.id).hours is None


@pytest.mark.parametrize(("hours", "warned"), [(10, True), (8, False)])
def test_more_than_eight_hours_a_day_is_shown_as_worth_checking(client, login, network, submitted_record, schools,
                                                                hours, warned):
    submitted_record.hours = hours  # one day
    db.session.commit()
    login(schools[0].teacher)
    page = client.get(f"/learning/{submitted_record.uuid}").get_data(as_text=True)
    assert ('id="hours-warning"' in page) is warned
    if warned:
        assert "keskimäärin 10 tuntia jokaista kalenteripäivää kohden" in page


def test_the_teachers_name_and_title_come_from_their_profile(client, login, submitted_record, schools):
    teacher = schools[0].teacher
    teacher.title = "Lehtori, puuala"
    db.session.commit()
    login(teacher)
    page = client.get(f"/learning/{submitted_record.uuid}").get_data(as_text=True)
    assert re.search(r'id="teacher_name"[^>]*value="Päivi Laaksonen"', page)
    assert re.search(r'id="teacher_title"[^>]*value="Lehtori, puuala"', page)


def test_the_queue_tells_the_rows_apart_counts_its_tabs_and_sorts(client, login, network, submitted_record, schools,
                                                                   make_referral, qualification):
    second = make_referral(jobseeker_name="Aapo Aaltonen")
    referrals.transition(second, "accept", network.provider_member, TransitionDetails(start_on=today()))
    other = service.open_record(second, qualification, network.provider_member, schools[0].organisation)
    fill(other, network.provider_member, schools[0].organisation)
    service.submit_record(other, network.provider_member)

    login(schools[0].teacher)
    queue = f"/organisations/{schools[0].organisation.uuid}/recognition"
    page = client.get(queue).get_data(as_text=True)
    assert "Odottaa päätöstä (2)" in page and "Palautettu täydennettäväksi (0)" in page and "Vahvistetut (0)" in page
    rows = re.findall(r'data-label="Oppija"><a [^>]*>([^<]+)</a>', page)
    assert rows == ["Matti Meikäläinen", "Aapo Aaltonen"]  # the longest waiting first
    assert "Verstas ry" in page and "Puutyöpaja" in page and "lähetetty tänään" in page
    assert re.findall(r'data-label="Oppija"><a [^>]*>([^<]+)</a>',
                      client.get(f"{queue}?sort=learner").get_data(as_text=True)) == ["Aapo Aaltonen",
                                                                                       "Matti Meikäläinen"]
    for key in service.QUEUE_COLUMNS:
        assert client.get(f"{queue}?sort=-{key}&view=confirmed").status_code == 200
