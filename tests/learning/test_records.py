"""A learning record from the first unit to the confirmed certificate, and every rule on the way."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.clock import today
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.learning import service
from marketplace.learning.models import Decision, LearningRecord, RecordStatus
from marketplace.referrals import service as referrals
from marketplace.referrals.models import EventKind, Referral
from tests.helpers import outbox
from tests.learning.conftest import SAMPLE, confirm_all, fill, unit_of


def test_a_record_needs_an_accepted_referral(network, make_referral, qualification):
    sent = make_referral()
    with pytest.raises(Conflict):
        service.open_record(sent, qualification, network.provider_member)
    assert db.session.scalars(select(LearningRecord)).all() == []


def test_only_the_hosting_provider_opens_a_record(network, accepted_referral, qualification):
    for outsider in (network.other_provider, network.coach):
        with pytest.raises(NotPermitted):
            service.open_record(accepted_referral, qualification, outsider)


def test_opening_fills_in_the_units_the_offering_teaches(network, accepted_referral, qualification, schools):
    unit = unit_of(qualification, "105444")
    service.describe_unit(network.offering, unit, "Tilaustyöt", {unit.requirements[0].id}, network.provider_member)
    record = service.open_record(accepted_referral, qualification, network.provider_member, schools[0].organisation)
    assert [(ru.unit, ru.tasks) for ru in record.units] == [(unit, "Tilaustyöt")]
    assert record.period_start == accepted_referral.start_on


def test_units_of_another_qualification_version_are_refused(network, accepted_referral, qualification, tmp_path):
    record = service.open_record(accepted_referral, qualification, network.provider_member)
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["qualifications"][0]["name_fi"] = "Puuteollisuuden perustutkinto (päivitetty)"
    service.import_qualifications(service.parse_json(json.dumps(data, ensure_ascii=False)))
    newer = service.current_version("351741")
    assert newer.version == 2
    with pytest.raises(InvalidInput):
        service.add_unit(record, unit_of(newer, "105444"), network.provider_member)
    with pytest.raises(InvalidInput):  # and a new record must use the current version
        service.open_record(accepted_referral, qualification, network.provider_member)
    assert record.units == []


def test_submitting_needs_a_complete_record(network, accepted_referral, qualification):
    record = service.open_record(accepted_referral, qualification, network.provider_member)
    with pytest.raises(InvalidInput) as error:
        service.submit_record(record, network.provider_member)
    assert len(error.value.errors["submit"]) == 5
    assert record.status is RecordStatus.DRAFT


def test_evidence_needs_a_description_and_no_identity_code(network, accepted_referral, qualification):
    record = service.open_record(accepted_referral, qualification, network.provider_member)
    record_unit = service.add_unit(record, unit_of(qualification, "105444"), network.provider_member)
    first = record_unit.unit.requirements[0]
    with pytest.raises(InvalidInput):
        service.save_evidence(record, record_unit, "", {first.id: service.Evidence(True, "")}, network.provider_member)
    with pytest.raises(InvalidInput):
        service.save_evidence(record, record_unit, "", {first.id: service.Evidence(True, "131052-308T")},
                              network.provider_member)
    other = unit_of(qualification, "105426").requirements[0]
    with pytest.raises(InvalidInput):
        service.save_evidence(record, record_unit, "", {other.id: service.Evidence(True, "x")}, network.provider_member)


def test_submission_reaches_the_school_and_the_coachs_timeline(network, submitted_record, schools):
    assert submitted_record.status is RecordStatus.SUBMITTED and submitted_record.submitted_at
    [email] = outbox("opettaja@pirkanportti.fi")
    assert "Puuteollisuuden perustutkinto" in email.subject and "Matti" not in email.body
    note = submitted_record.referral.events[-1]
    assert note.kind is EventKind.LEARNING and "Koulutuskeskus Pirkanportti" in note.body
    with pytest.raises(Conflict):  # in the school's hands: the provider cannot change it now
        service.update_record(submitted_record, service.RecordDetails(None, None, 1, "X", "Y", None),
                              network.provider_member)


def test_the_school_confirms_per_unit_and_a_certificate_is_made(network, submitted_record, schools):
    school = schools[0]
    record_unit = submitted_record.units[0]
    remaining = record_unit.unit.requirements[1].id
    with pytest.raises(InvalidInput):  # partial needs the requirements that remain
        service.confirm_record(submitted_record, {record_unit.id: service.UnitDecision(Decision.PARTIAL)},
                               "Päivi Laaksonen", "Lehtori", school.teacher)
    with pytest.raises(InvalidInput):  # the teacher's name and title are part of the decision
        service.confirm_record(submitted_record, {record_unit.id: service.UnitDecision(Decision.RECOGNISED)},
                               "", "", school.teacher)
    service.confirm_record(submitted_record, {record_unit.id: service.UnitDecision(
        Decision.PARTIAL, "Osa vaatimuksista osoitettu.", frozenset({remaining}))}, "Päivi Laaksonen", "Lehtori",
        school.teacher)
    record = db.session.get(LearningRecord, submitted_record.id)
    assert record.status is RecordStatus.CONFIRMED and record.decided_by == school.teacher
    assert len(record.verification_code) == 39 and record.certificate["teacher"]["name"] == "Päivi Laaksonen"
    assert record.certificate["units"][0]["remaining"] == [record_unit.unit.requirements[1].text]
    assert record.certificate["jobseeker"] == "Matti Meikäläinen"
    told = {e.recipient for e in outbox() if "Osaaminen on tunnustettu" in e.subject}
    assert told == {"admin@verstas.fi", "ohjaaja@verstas.fi", "coach@salo.fi"}


def test_only_the_chosen_school_confirms(network, submitted_record, schools):
    decisions = {ru.id: service.UnitDecision(Decision.RECOGNISED) for ru in submitted_record.units}
    for outsider in (schools[1].teacher, network.provider_member, network.coach):
        with pytest.raises(NotPermitted):
            service.confirm_record(submitted_record, decisions, "X", "Y", outsider)
    assert submitted_record.status is RecordStatus.SUBMITTED


def test_a_record_cannot_be_confirmed_twice_or_changed_afterwards(network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    with pytest.raises(Conflict):
        confirm_all(submitted_record, schools[0].teacher)
    with pytest.raises(Conflict):
        service.update_record(submitted_record, service.RecordDetails(None, None, 1, "X", "Y", None),
                              network.provider_member)
    with pytest.raises(Conflict):
        service.return_record(submitted_record, "Kysymys", schools[0].teacher)


def test_the_database_itself_refuses_changes_to_a_confirmed_record(network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    code = submitted_record.verification_code
    submitted_record.hours = 999  # whatever the code path
    with pytest.raises(Conflict):
        db.session.commit()
    db.session.rollback()
    submitted_record.units[0].decision_comment = "muutettu"
    with pytest.raises(Conflict):
        db.session.commit()
    db.session.rollback()
    record = db.session.get(LearningRecord, submitted_record.id)
    assert (record.hours, record.verification_code, record.units[0].decision_comment) == (6, code, "")


def test_returned_records_are_edited_and_submitted_again(network, submitted_record, schools):
    with pytest.raises(InvalidInput):
        service.return_record(submitted_record, "  ", schools[0].teacher)
    service.return_record(submitted_record, "Kuvatkaa koneet, joita käytettiin.", schools[0].teacher)
    assert submitted_record.status is RecordStatus.RETURNED
    assert any("täydentämään" in e.subject for e in outbox("ohjaaja@verstas.fi"))
    service.update_record(submitted_record, service.RecordDetails(
        today(), today(), 7, "Tiina Nieminen", "Käytti vannesahaa ja oikohöylää.", schools[0].organisation),
        network.provider_member)
    service.submit_record(submitted_record, network.provider_member)
    assert submitted_record.status is RecordStatus.SUBMITTED
    assert [e.action for e in submitted_record.events] == ["created", "submitted", "returned", "submitted"]


def test_a_correction_is_a_new_version_and_the_old_one_stays(network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    old_code, old_certificate = submitted_record.verification_code, dict(submitted_record.certificate)
    correction = service.start_correction(submitted_record, network.provider_member)
    assert (correction.status, correction.supersedes) == (RecordStatus.DRAFT, submitted_record)
    assert [ru.unit for ru in correction.units] == [ru.unit for ru in submitted_record.units]
    with pytest.raises(Conflict):
        service.start_correction(submitted_record, network.provider_member)
    assert not service.verify(old_code).replaced  # not until the correction is confirmed
    service.update_record(correction, service.RecordDetails(
        today(), today(), 8, "Tiina Nieminen", "Korjattu tuntimäärä.", schools[0].organisation),
        network.provider_member)
    service.submit_record(correction, network.provider_member)
    confirm_all(correction, schools[0].teacher)
    old = db.session.get(LearningRecord, submitted_record.id)
    assert (old.status, old.certificate, old.verification_code) == (RecordStatus.CONFIRMED, old_certificate, old_code)
    verification = service.verify(old_code)
    assert verification.replaced and verification.unchanged
    assert correction.certificate["replaces"] == old_code and correction.certificate["hours"] == 8


def test_verification_by_code(client, network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    code = submitted_record.verification_code
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "Todistus on aito ja muuttumaton" in page and "Matti Meikäläinen" in page
    assert "Puutuotevalmistuksessa toimiminen" in page and "Päivi Laaksonen" in page
    assert "Valmisti 12 penkkiä" not in page  # only what the certificate shows
    assert client.get(f"/verify/{code.lower().replace('-', '')}").status_code == 200
    assert client.get("/verify?code=" + code).headers["Location"].endswith(code)
    wrong = client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    assert wrong.status_code == 404 and "Tällä koodilla ei löytynyt todistusta" in wrong.get_data(as_text=True)
    assert 'value="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"' in wrong.get_data(as_text=True)  # kept for correcting
    assert client.get("/verify/lyhyt").status_code == 404
    assert client.get("/verify?code=").status_code == 422


def test_a_tampered_certificate_does_not_verify(client, network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    db.session.execute(LearningRecord.__table__.update().where(LearningRecord.id == submitted_record.id)
                       .values(certificate={**submitted_record.certificate, "hours": 2000}))
    db.session.commit()
    page = client.get(f"/verify/{submitted_record.verification_code}").get_data(as_text=True)
    assert "eivät vastaa vahvistettua sisältöä" in page


def test_the_coach_sees_the_outcome_on_the_referral(client, login, network, submitted_record, schools):
    confirm_all(submitted_record, schools[0].teacher)
    login(network.coach)
    page = client.get(f"/referrals/{submitted_record.referral.uuid}").get_data(as_text=True)
    assert "Tunnustettu 1 tutkinnon osa, 45 osaamispistettä" in page
    assert "Puutuotevalmistuksessa toimiminen" in page and "tunnusti osaamista" in page
    assert f"/learning/{submitted_record.uuid}/certificate" in page
    assert f'href="/learning/{submitted_record.uuid}"' not in page  # the record itself is not the coach's
    certificate = client.get(f"/learning/{submitted_record.uuid}/certificate").get_data(as_text=True)
    assert submitted_record.verification_code in certificate


def test_erasing_the_referral_drops_unconfirmed_records_and_keeps_confirmed(network, accepted_referral, qualification,
                                                                          schools):
    confirmed = service.open_record(accepted_referral, qualification, network.provider_member, schools[0].organisation)
    fill(confirmed, network.provider_member, schools[0].organisation)
    service.submit_record(confirmed, network.provider_member)
    confirm_all(confirmed, schools[0].teacher)
    draft = service.start_correction(confirmed, network.provider_member)
    other = service.open_record(accepted_referral, qualification, network.provider_member)
    draft_id, other_id = draft.id, other.id
    referrals.erase_personal_data(accepted_referral, network.coach)
    assert db.session.get(LearningRecord, draft_id) is None and db.session.get(LearningRecord, other_id) is None
    assert db.session.get(LearningRecord, confirmed.id).certificate["jobseeker"] == "Matti Meikäläinen"
    assert db.session.get(Referral, accepted_referral.id).jobseeker_name == ""


def test_the_coach_suggests_the_school_and_the_record_starts_with_it(client, login, network, qualification, schools):
    school = schools[0].organisation
    login(network.coach)
    form = client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)
    assert "Oppilaitos osaamisen tunnustamiseen" in form and "Koulutuskeskus Pirkanportti" in form
    client.post(f"/offerings/{network.offering.uuid}/refer", data={
        "submission_key": "k", "jobseeker_name": "Liisa Esimerkki", "jobseeker_phone": "050 765 4321",
        "jobseeker_language": "fi", "goal": "Puualan tutkinnon osat.", "education_provider": str(school.uuid),
        "eligibility_confirmed": "y", "consent_given": "y", "consent_version": "2026-11"})
    referral = db.session.scalars(select(Referral)).one()
    assert referral.education_provider == school
    referrals.transition(referral, "accept", network.provider_member, referrals.TransitionDetails(start_on=today()))
    record = service.open_record(referral, qualification, network.provider_member)
    assert record.education_provider == school


def test_only_verified_education_providers_can_be_suggested(network, make_org):
    from marketplace.accounts.models import OrganisationKind
    from tests.referral_fixtures import referral_data

    pending = make_org(kind=OrganisationKind.EDUCATION_PROVIDER, verified=False)
    with pytest.raises(InvalidInput) as error:
        referrals.create_referral(network.offering, referral_data(education_provider_uuid=str(pending.uuid)),
                                  network.coach, network.coach_org)
    assert "education_provider_uuid" in error.value.errors
    with pytest.raises(InvalidInput):  # a workshop is no school
        referrals.create_referral(network.offering,
                                  referral_data(education_provider_uuid=str(network.provider_org.uuid)),
                                  network.coach, network.coach_org)


def test_the_period_cannot_start_before_the_referral(network, accepted_referral, qualification):
    record = service.open_record(accepted_referral, qualification, network.provider_member)
    with pytest.raises(InvalidInput) as error:
        service.update_record(record, service.RecordDetails(
            today() - timedelta(days=1), today(), 10, "Tiina", "Arvio", None),
            network.provider_member)
    assert error.value.field == "period_start"
