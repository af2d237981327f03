"""The eligibility check before sending: each criterion against the few answers it needs, and a reason when the
jobseeker does not fit."""

import re

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import Fit, Referral
from marketplace.referrals.service import Answers
from tests.referrals.test_views import form_data

SALO, TURKU, MANTYHARJU, PERTUNMAA = "734", "853", "507", "588"


@pytest.fixture
def youth_workshop(network, make_offering):
    """For 18–29-year-olds of Salo and Mäntyharju, young or long unemployed, in Finnish; and a written rule."""
    return make_offering(org=network.provider_org, title="Nuorten metallipaja", min_age=18, max_age=29,
                         municipalities=[SALO, MANTYHARJU], target_groups=["under_30", "long_term_unemployed"],
                         languages=["fi"], eligibility="Työkykyä vähintään neljä tuntia päivässä.")


def results(offering, **answers):
    fit, each = service.eligibility_of(offering, Answers(**answers))
    return fit, {result.criterion.value: result.fit for result in each}


def test_each_criterion_gets_its_own_answer(youth_workshop):
    fit, each = results(youth_workshop, age=24, municipality=SALO, target_groups=("under_30",), language="fi")
    assert each == {"age": Fit.FITS, "municipality": Fit.FITS, "target_group": Fit.FITS, "language": Fit.FITS,
                    "other": Fit.CHECK}  # a written rule is for the coach and the provider to check
    assert fit is Fit.CHECK
    assert results(youth_workshop, age=35, municipality=SALO)[1]["age"] is Fit.DOES_NOT_FIT
    assert results(youth_workshop, age=18)[1]["age"] is Fit.FITS
    assert results(youth_workshop, age=29)[1]["age"] is Fit.FITS
    assert results(youth_workshop)[1]["age"] is Fit.CHECK  # not told: check, never a guess
    assert results(youth_workshop, municipality=TURKU)[0] is Fit.DOES_NOT_FIT
    assert results(youth_workshop, municipality=PERTUNMAA)[1]["municipality"] is Fit.FITS  # now Mäntyharju
    assert results(youth_workshop, language="sv")[1]["language"] is Fit.CHECK


def test_an_offering_without_criteria_fits_everyone(network, make_offering):
    open_to_all = make_offering(org=network.provider_org, title="Avoin paja", municipalities=[SALO],
                                target_groups=["under_30"])
    fit, each = results(open_to_all, age=61, municipality=SALO, target_groups=("under_30",), language="fi")
    assert fit is Fit.FITS and "age" not in each


def test_the_coach_sees_the_check_before_sending_and_nothing_is_sent(client, login, network, youth_workshop):
    login(network.coach)
    form = client.get(f"/offerings/{youth_workshop.uuid}/refer").get_data(as_text=True)
    assert "Ikä vuosina" in form and "ei syntymäaikaa eikä henkilötunnusta" in form
    assert 'value="long_term_unemployed"' in form and 'value="immigrants"' not in form  # the offering's own groups
    checked = client.post(f"/offerings/{youth_workshop.uuid}/refer", data={
        "check": "1", "jobseeker_age": "35", "home_municipality": TURKU, "jobseeker_language": "fi"})
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "Tarkistuksen tulos" in page
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>.*?badge-fit-(\w+)', page, re.S))
    assert rows == {"Ikä": "does_not_fit", "Kotikunta": "does_not_fit", "Kohderyhmä": "check",
                    "Asiointikieli": "fits", "Muut edellytykset": "check"}
    assert "Asiakas ei täytä kaikkia palvelun edellytyksiä." in page
    assert "Tämä tieto on pakollinen" not in page  # a check is not a failed send
    assert db.session.scalar(select(Referral)) is None


def test_sending_one_who_does_not_fit_needs_a_reason_the_provider_sees(client, login, network, youth_workshop):
    login(network.coach)
    data = form_data(jobseeker_age="35", home_municipality=SALO, jobseeker_target_groups="long_term_unemployed")
    refused = client.post(f"/offerings/{youth_workshop.uuid}/refer", data=data)
    assert refused.status_code == 422 and "Kerro palveluntuottajalle, miksi ohjaat hänet silti." in \
        refused.get_data(as_text=True)
    assert db.session.scalar(select(Referral)) is None

    reason = "Ikäraja joustaa palveluntuottajan mukaan pitkäaikaistyöttömille."
    sent = client.post(f"/offerings/{youth_workshop.uuid}/refer", data={**data, "fit_reason": reason})
    assert sent.status_code == 302
    referral = db.session.scalar(select(Referral))
    assert (referral.jobseeker_age, referral.home_municipality, referral.target_groups_told, referral.eligibility_fit,
            referral.fit_reason) == (35, SALO, ("long_term_unemployed",), Fit.DOES_NOT_FIT, reason)

    client.post("/logout")
    login(network.provider_member)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert "Sopivuus palveluun" in page and reason in page and "badge-fit-does_not_fit" in page


def test_a_fitting_referral_keeps_no_reason(client, login, network, youth_workshop):
    login(network.coach)
    client.post(f"/offerings/{youth_workshop.uuid}/refer", data=form_data(
        jobseeker_age="24", home_municipality=SALO, jobseeker_target_groups="under_30", fit_reason="Turha"))
    referral = db.session.scalar(select(Referral))
    assert (referral.eligibility_fit, referral.fit_reason) == (Fit.CHECK, "")


@pytest.mark.parametrize(("field", "value"), [("jobseeker_age", "131052-308T"), ("jobseeker_age", "-4"),
                                              ("fit_reason", "Hetu 131052-308T"), ("home_municipality", "999")])
def test_no_birth_date_or_henkilotunnus_gets_in(client, login, network, youth_workshop, field, value):
    login(network.coach)
    response = client.post(f"/offerings/{youth_workshop.uuid}/refer", data=form_data(**{field: value}))
    assert response.status_code == 422 and "131052-308T" not in str(db.session.execute(select(Referral)).all())
    assert db.session.scalar(select(Referral)) is None


def test_erasing_the_jobseeker_erases_what_the_check_was_told(network, make_referral, youth_workshop):
    referral = make_referral(offering=youth_workshop, jobseeker_age=35, home_municipality=SALO,
                             jobseeker_target_groups=("under_30",), fit_reason="Ikäraja joustaa.")
    service.erase_personal_data(referral, network.coach)
    stored = db.session.get(Referral, referral.id)
    assert (stored.jobseeker_age, stored.home_municipality, stored.jobseeker_target_groups, stored.fit_reason) == (
        None, "", "", "")
    assert stored.eligibility_fit is Fit.DOES_NOT_FIT  # the anonymous fact stays for reports
