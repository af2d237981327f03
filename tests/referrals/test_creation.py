"""Sending a referral: only what the provider needs, with consent, never a henkilötunnus, and only once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import OrganisationKind, OrganisationStatus
from marketplace.clock import today
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import Referral, ReferralStatus
from marketplace.validators import contains_identity_code
from tests.referral_fixtures import referral_data


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Referral))


@pytest.mark.parametrize("text", [
    "131052-308T", "131052-308U",  # valid, and with a wrong check character: both look like one
    "Hetu 010101A123B tässä", "290200a9876", "311299+123X", "Asiakas 010190-123A.",
])
def test_identity_codes_are_recognised(text):
    assert contains_identity_code(text)


@pytest.mark.parametrize("text", [
    "040 123 4567", "+358401234567", "ASIA-2026-0415", "Asiakasnumero 1234567-8", "2026-11-30",
    "Aloitus 13.10.2026 klo 9", "321052-308T",  # day 32 is not a date
])
def test_ordinary_text_is_not_an_identity_code(text):
    assert not contains_identity_code(text)


@pytest.mark.parametrize("field", ["jobseeker_name", "case_reference", "goal", "background", "jobseeker_phone"])
def test_identity_code_in_any_field_is_refused(network, field):
    with pytest.raises(InvalidInput) as error:
        service.create_referral(network.offering, referral_data(**{field: "Matti 131052-308T"}),
                                network.coach, network.coach_org)
    assert field in error.value.errors
    assert "henkilötunnus" in error.value.errors[field][0]
    assert count() == 0


@pytest.mark.parametrize(("overrides", "field"), [
    ({"consent_given": False}, "consent_given"),
    ({"consent_version": "1999-01"}, "consent_version"),
    ({"eligibility_confirmed": False}, "eligibility_confirmed"),
    ({"jobseeker_name": "  "}, "jobseeker_name"),
    ({"goal": ""}, "goal"),
    ({"jobseeker_phone": "", "jobseeker_email": ""}, "jobseeker_phone"),
    ({"jobseeker_phone": "123"}, "jobseeker_phone"),
    ({"jobseeker_email": "matti@"}, "jobseeker_email"),
    ({"jobseeker_language": "xx"}, "jobseeker_language"),
    ({"wished_start_on": today() - timedelta(days=1)}, "wished_start_on"),
    ({"goal": "x" * 4001}, "goal"),
])
def test_incomplete_referrals_are_refused_with_the_field(network, overrides, field):
    with pytest.raises(InvalidInput) as error:
        service.create_referral(network.offering, referral_data(**overrides), network.coach, network.coach_org)
    assert field in error.value.errors
    assert count() == 0


def test_a_referral_records_consent_and_the_deadline(network, make_referral):
    referral = make_referral(jobseeker_phone="040 123 4567")
    assert referral.status is ReferralStatus.SENT
    assert referral.jobseeker_phone == "+358401234567"
    assert referral.consent_version == "2026-12" and referral.consent_recorded_at is not None
    assert (referral.provider, referral.referrer, referral.coach) == (
        network.provider_org, network.coach_org, network.coach)
    assert referral.due_on == service.add_working_days(today(), 5)
    assert not referral.waiting_list


def test_the_same_key_sends_one_referral(network):
    first, created = service.create_referral(network.offering, referral_data(), network.coach, network.coach_org,
                                             client_key="form-123")
    again, created_again = service.create_referral(network.offering, referral_data(), network.coach,
                                                   network.coach_org, client_key="form-123")
    assert created and not created_again and again.id == first.id and count() == 1


def test_the_same_key_with_different_content_is_a_conflict(network):
    service.create_referral(network.offering, referral_data(), network.coach, network.coach_org, client_key="k1")
    with pytest.raises(Conflict):
        service.create_referral(network.offering, referral_data(goal="Jotain muuta"), network.coach,
                                network.coach_org, client_key="k1")
    assert count() == 1


def test_another_organisation_may_use_the_same_key(network, make_org, make_user):
    other_org = network.other_coach.memberships[0].organisation
    service.create_referral(network.offering, referral_data(), network.coach, network.coach_org, client_key="k1")
    service.create_referral(network.offering, referral_data(), network.other_coach, other_org, client_key="k1")
    assert count() == 2


def test_only_employment_services_refer(network):
    with pytest.raises(NotPermitted):
        service.create_referral(network.offering, referral_data(), network.other_provider,
                                network.other_provider.memberships[0].organisation)
    with pytest.raises(NotPermitted):  # not a member of the organisation it claims to act for
        service.create_referral(network.offering, referral_data(), network.other_coach, network.coach_org)
    assert count() == 0


def test_an_unverified_employment_services_organisation_cannot_refer(network, make_org, make_user):
    pending = make_org(kind=OrganisationKind.EMPLOYMENT_SERVICES, verified=False)
    coach = make_user(org=pending)
    with pytest.raises(NotPermitted) as error:
        service.create_referral(network.offering, referral_data(), coach, pending)
    assert "vahvistettu" in error.value.message
    assert pending.status is OrganisationStatus.PENDING


@pytest.mark.parametrize("status", ["draft", "paused", "archived"])
def test_only_public_offerings_take_referrals(network, make_offering, status):
    hidden = make_offering(org=network.provider_org, status=status)
    with pytest.raises(NotFound):
        service.create_referral(hidden, referral_data(), network.coach, network.coach_org)


def test_a_wished_start_more_than_a_year_ahead_is_refused(network):
    with pytest.raises(InvalidInput) as error:
        service.create_referral(network.offering, referral_data(wished_start_on=today() + timedelta(days=367)),
                                network.coach, network.coach_org)
    assert "enintään vuoden päässä" in error.value.errors["wished_start_on"][0]
