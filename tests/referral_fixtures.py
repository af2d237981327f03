"""A small referral network: a coach team, a provider with an offering, and outsiders on both sides."""

from dataclasses import dataclass

import pytest

from marketplace.accounts.models import MemberRole, Organisation, OrganisationKind, User
from marketplace.catalog.models import Offering
from marketplace.referrals import service
from marketplace.referrals.consent import CURRENT_CONSENT_VERSION
from marketplace.referrals.models import Referral
from marketplace.referrals.service import ReferralData


@dataclass
class Network:
    coach_org: Organisation
    coach: User
    teammate: User
    provider_org: Organisation
    provider_admin: User
    provider_member: User
    offering: Offering
    other_provider: User
    other_coach: User


def referral_data(**overrides) -> ReferralData:
    """A valid referral as a coach would fill it in."""
    values = {
        "jobseeker_name": "Matti Meikäläinen",
        "jobseeker_phone": "040 123 4567",
        "jobseeker_email": "matti@example.fi",
        "goal": "Työkokeilu puualalla, tavoitteena oppisopimus.",
        "background": "Kolme vuotta rakennustöissä.",
        "case_reference": "ASIA-2026-0415",
        "eligibility_confirmed": True,
        "consent_given": True,
        "consent_version": CURRENT_CONSENT_VERSION,
    }
    return ReferralData(**{**values, **overrides})


@pytest.fixture
def network(make_org, make_user, make_offering) -> Network:
    coach_org = make_org(name="Salon työllisyyspalvelut", kind=OrganisationKind.EMPLOYMENT_SERVICES)
    provider_org = make_org(name="Verstas ry", kind=OrganisationKind.WORKSHOP)
    other_provider_org = make_org(name="Toinen paja ry", kind=OrganisationKind.WORKSHOP)
    other_coach_org = make_org(name="Tampereen työllisyyspalvelut", kind=OrganisationKind.EMPLOYMENT_SERVICES)
    coach = make_user(email="coach@salo.fi", name="Aino Valmentaja", org=coach_org, role=MemberRole.ADMIN)
    teammate = make_user(email="team@salo.fi", name="Mikko Tiimiläinen", org=coach_org)
    provider_admin = make_user(email="admin@verstas.fi", name="Heli Ylläpitäjä", org=provider_org,
                               role=MemberRole.ADMIN)
    provider_member = make_user(email="ohjaaja@verstas.fi", name="Jussi Työvalmentaja", org=provider_org)
    offering = make_offering(org=provider_org, by=provider_admin, title="Puutyöpaja", capacity_total=3, open_places=2,
                             eligibility="Yli 18-vuotias, työkykyä vähintään 4 tuntia päivässä.")
    return Network(
        coach_org=coach_org, coach=coach, teammate=teammate, provider_org=provider_org,
        provider_admin=provider_admin, provider_member=provider_member, offering=offering,
        other_provider=make_user(email="muu@paja.fi", org=other_provider_org),
        other_coach=make_user(email="coach@tampere.fi", org=other_coach_org),
    )


@pytest.fixture
def make_referral(network):
    """Send a referral from the network's coach to its offering."""

    def make(by: User | None = None, offering: Offering | None = None, **overrides) -> Referral:
        referral, _ = service.create_referral(offering or network.offering, referral_data(**overrides),
                                              by or network.coach, network.coach_org)
        return referral

    return make
