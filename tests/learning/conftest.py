"""Qualifications from a real subset, a workshop that teaches a unit, an accepted referral, two schools."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from marketplace.accounts.models import MemberRole, Organisation, OrganisationKind, User
from marketplace.clock import today
from marketplace.learning import service
from marketplace.learning.models import Decision, LearningRecord, Qualification, QualificationUnit
from marketplace.referrals import service as referrals
from marketplace.referrals.models import Referral
from marketplace.referrals.service import TransitionDetails

SAMPLE = Path(__file__).parent / "data" / "sample.json"


def import_sample() -> Qualification:
    service.import_qualifications(service.parse_json(SAMPLE.read_text(encoding="utf-8")))
    return service.current_version("351741")


def unit_of(qualification: Qualification, code: str) -> QualificationUnit:
    return next(unit for unit in qualification.units if unit.code == code)


@dataclass
class School:
    organisation: Organisation
    teacher: User


@pytest.fixture
def qualification(app) -> Qualification:
    return import_sample()


@pytest.fixture
def schools(make_org, make_user):
    """Two verified education providers: the chosen one and another."""
    chosen = make_org(name="Koulutuskeskus Pirkanportti", kind=OrganisationKind.EDUCATION_PROVIDER)
    other = make_org(name="Toinen opisto", kind=OrganisationKind.EDUCATION_PROVIDER)
    return (School(chosen, make_user(email="opettaja@pirkanportti.fi", name="Päivi Laaksonen", org=chosen,
                                     role=MemberRole.ADMIN)),
            School(other, make_user(email="opettaja@toinen.fi", org=other)))


@pytest.fixture
def accepted_referral(network, make_referral) -> Referral:
    referral = make_referral()
    referrals.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    return referral


def fill(record: LearningRecord, user: User, school: Organisation) -> LearningRecord:
    """Complete a record so that it can be submitted: details and evidence for its first unit."""
    service.update_record(record, service.RecordDetails(
        period_start=today(), period_end=today(), hours=6, instructor_name="Tiina Nieminen",
        instructor_assessment="Työskenteli itsenäisesti.", education_provider=school), user)
    if not record.units:
        service.add_unit(record, unit_of(record.qualification, "105444"), user)
    record_unit = record.units[0]
    first = record_unit.unit.requirements[0]
    service.save_evidence(record, record_unit, "Pihakalusteiden valmistus",
                          {first.id: service.Evidence(shown=True, text="Valmisti 12 penkkiä.")}, user)
    return record


@pytest.fixture
def submitted_record(network, accepted_referral, qualification, schools) -> LearningRecord:
    school = schools[0]
    record = service.open_record(accepted_referral, qualification, network.provider_member, school.organisation)
    fill(record, network.provider_member, school.organisation)
    service.submit_record(record, network.provider_member)
    return record


def confirm_all(record: LearningRecord, teacher: User) -> None:
    decisions = {ru.id: service.UnitDecision(decision=Decision.RECOGNISED) for ru in record.units}
    service.confirm_record(record, decisions, teacher.name, "Lehtori", teacher)
