"""Finnish, Swedish or English: the user's choice, else the visitor's cookie, else the browser's, else Finnish."""

from datetime import date, datetime

import pytest
from flask_babel import force_locale

from marketplace.accounts import service as accounts
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.i18n import COOKIE, show_date, show_datetime
from marketplace.referrals import service as referrals
from tests.helpers import PASSWORD, outbox


def html_lang(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(("header", "lang", "login_text"), [
    (None, "fi", "Kirjaudu sisään"),
    ("sv-FI,sv;q=0.9", "sv", "Logga in"),
    ("en-GB,en;q=0.8", "en", "Sign in"),
    ("de-DE,de;q=0.9", "fi", "Kirjaudu sisään"),  # a language we do not have: Finnish
    ("de,en;q=0.5,sv;q=0.7", "sv", "Logga in"),  # the best of those we have
])
def test_the_browser_language_chooses_the_page_language(client, header, lang, login_text):
    response = client.get("/login", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 200 and html_lang(response) == lang
    assert login_text in response.get_data(as_text=True)
    assert "Accept-Language" in response.headers["Vary"]


def test_a_visitor_switches_language_and_the_cookie_remembers_it(client):
    response = client.post("/language", data={"language": "sv", "next": "/offerings?q=paja"})
    assert response.status_code == 302 and response.headers["Location"] == "/offerings?q=paja"
    assert client.get_cookie(COOKIE).value == "sv"
    page = client.get("/login", headers={"Accept-Language": "en"})  # the choice beats the browser's language
    assert html_lang(page) == "sv" and "Hoppa till huvudinnehållet" in page.get_data(as_text=True)


def test_the_switch_is_on_every_page_and_offers_the_other_languages(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    switch = page.split('class="language-switch"', 1)[1].split("</form>", 1)[0]
    assert 'name="language" value="fi" lang="fi"' in switch and ">Suomi<" in switch
    assert 'name="language" value="sv" lang="sv"' in switch and ">Svenska<" in switch
    assert '<span lang="en" aria-current="true">English</span>' in switch


@pytest.mark.parametrize("data", [{"language": "de"}, {"language": ""}, {}])
def test_an_unknown_language_is_refused(client, data):
    assert client.post("/language", data=data).status_code == 400
    assert client.get_cookie(COOKIE) is None


def test_the_switch_never_sends_anyone_off_the_site(client):
    response = client.post("/language", data={"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_a_signed_in_users_choice_is_kept_in_the_profile_and_follows_them(app, client, login, make_user):
    user = make_user(email="anna@example.fi")
    login(user)
    client.post("/language", data={"language": "sv", "next": "/"})
    assert db.session.get(type(user), user.id).language == "sv"
    elsewhere = app.test_client()  # another browser, no cookie, an English browser
    elsewhere.post("/login", data={"email": "anna@example.fi", "password": PASSWORD})
    page = elsewhere.get("/account", headers={"Accept-Language": "en"})
    assert html_lang(page) == "sv" and "Kontaktspråk" in page.get_data(as_text=True)


def test_the_profile_form_sets_the_language(client, login, make_user):
    user = make_user()
    login(user)
    form = client.get("/account").get_data(as_text=True)
    assert '<option lang="fi" selected value="fi">Suomi</option>' in form  # not chosen yet: the page's language
    response = client.post("/account", data={"name": user.name, "language": "en"})
    assert response.status_code == 302
    assert html_lang(client.get("/account")) == "en" and user.language == "en"
    assert client.post("/account", data={"name": user.name, "language": "xx"}).status_code == 422
    assert user.language == "en"


def test_emails_go_out_in_each_readers_language(app, network, make_referral):
    network.provider_admin.language = "sv"
    network.provider_member.language = "en"
    db.session.commit()
    make_referral()
    swedish, english = outbox(network.provider_admin.email)[-1], outbox(network.provider_member.email)[-1]
    assert swedish.subject == "Ny hänvisning till tjänsten Puutyöpaja"
    assert swedish.body.startswith("Hej,") and "Kumppanitori" in swedish.body and "Palvelu" not in swedish.body
    assert english.subject.startswith("New referral") and english.body.startswith("Hello,")
    assert "Puutyöpaja" in english.body


def test_an_email_to_a_user_who_never_chose_is_in_the_language_of_the_page_that_sent_it(app, client, make_user):
    make_user(email="aino@example.fi")
    client.post("/password/forgot", data={"email": "aino@example.fi"}, headers={"Accept-Language": "en"})
    (email,) = outbox("aino@example.fi")
    assert email.subject == "Reset your password" and email.body.startswith("Hello")


def test_a_status_change_tells_the_coach_in_their_language(app, network, make_referral):
    network.coach.language = "en"
    db.session.commit()
    referral = make_referral()
    referrals.transition(referral, "request_info", network.provider_admin,
                         referrals.TransitionDetails(message="Onko asiakkaalla ajokortti?"))
    email = outbox(network.coach.email)[-1]
    assert email.subject == "Referral status changed: More information requested – Puutyöpaja"
    assert email.body.startswith("Hello,\n\nReferral status changed: More information requested.")


@pytest.mark.parametrize(("code", "day", "moment"), [
    ("fi", "1.12.2026", "1.12.2026 klo 14.05"),
    ("sv", "1.12.2026", "1.12.2026 kl. 14.05"),
    ("en", "1 Dec 2026", "1 Dec 2026, 14:05"),
])
def test_dates_are_written_the_way_each_language_writes_them(app, code, day, moment):
    with app.test_request_context(), force_locale(code):
        assert show_date(date(2026, 12, 1)) == day
        assert show_datetime(datetime(2026, 12, 1, 12, 5)) == moment  # stored in UTC, shown in Finnish time


def test_plurals_follow_each_language(app, client, make_offering):
    make_offering(title="Puutyöpaja", duration_weeks=1)
    make_offering(title="Metallipaja", duration_weeks=12)
    english = client.get("/offerings", headers={"Accept-Language": "en"}).get_data(as_text=True)
    swedish = client.get("/offerings", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "2 services" in english and "2 tjänster" in swedish
    with app.test_request_context(), force_locale("en"):
        from flask_babel import ngettext
        assert ngettext("%(num)s viikko", "%(num)s viikkoa", 1) == "1 week"
        assert ngettext("%(num)s viikko", "%(num)s viikkoa", 12) == "12 weeks"


def test_validation_messages_follow_the_language(client, make_user):
    make_user(email="aino@example.fi")
    page = client.post("/login", data={"email": "aino@example.fi", "password": "väärin"},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The email address or password is incorrect." in page and "väärin" not in page


def test_choose_language_refuses_what_is_not_offered(make_user):
    user = make_user()
    with pytest.raises(InvalidInput):
        accounts.choose_language(user, "de")
    assert user.language is None


def test_taxonomy_municipality_and_language_names_follow_the_page(client, make_offering):
    offering = make_offering(offering_type="work_trial", target_groups=["long_term_unemployed"],
                             municipalities=["710"], languages=["fi", "sv"])
    swedish = client.get(f"/offerings/{offering.uuid}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    english = client.get(f"/offerings/{offering.uuid}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    finnish = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert "Arbetsprövning" in swedish and "Långtidsarbetslösa" in swedish and "Raseborg" in swedish
    assert "finska" in swedish and "svenska" in swedish
    assert "Work trial" in english and "Long-term unemployed" in english and "Finnish" in english
    assert "Työkokeilu" in finnish and "Raasepori" in finnish and "ruotsi" in finnish


def test_a_swedish_query_finds_finnish_offerings_through_the_taxonomy(client, make_offering):
    make_offering(title="Työkokeilu kiinteistöhuollossa", offering_type="work_trial")
    make_offering(title="Puutyöpaja", offering_type="workshop")
    page = client.get("/search?q=arbetspr%C3%B6vning", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Työkokeilu kiinteistöhuollossa" in page and "Puutyöpaja" not in page


def test_the_coach_can_read_the_consent_to_a_jobseeker_in_their_language(client, login, network, make_referral):
    login(network.coach)
    form = client.get(f"/offerings/{network.offering.uuid}/refer").get_data(as_text=True)
    assert '<p lang="sv">Klienten har samtyckt till att hens namn' in form
    assert '<p lang="en">' in form and '<p lang="fi">' not in form  # the page's own language is the main text
    referral = make_referral(jobseeker_language="sv")
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    assert '<p lang="sv">Klienten har samtyckt till att hens namn' in page


def test_a_member_who_never_chose_gets_finnish_whatever_the_senders_browser(app, client, login, network):
    login(network.coach)
    client.post(f"/offerings/{network.offering.uuid}/refer", headers={"Accept-Language": "en"},
                data={"submission_key": "k1", "jobseeker_name": "Liisa Esimerkki", "jobseeker_phone": "050 765 4321",
                      "jobseeker_language": "fi", "goal": "Työkokeilu.", "eligibility_confirmed": "y",
                      "consent_given": "y", "consent_version": "2026-11"})
    (email,) = outbox(network.provider_member.email)
    assert email.subject == "Uusi ohjaus palveluun Puutyöpaja" and email.body.startswith("Hei,")


def test_the_daily_reminders_are_in_each_members_language(app, runner, make_org, make_user, make_offering):
    from datetime import timedelta

    from marketplace.clock import utcnow

    org = make_org()
    swedish, finnish = make_user(org=org), make_user(org=org)
    swedish.language = "sv"
    offering = make_offering(org=org, title="Vanha palvelu")
    offering.confirmed_at = utcnow() - timedelta(days=200)
    db.session.commit()
    assert runner.invoke(args=["catalog", "daily"]).exit_code == 0
    (sv,), (fi,) = outbox(swedish.email), outbox(finnish.email)
    assert sv.subject.startswith(("Kontrollera", "Granska")) and sv.body.startswith("Hej,")
    assert fi.subject == "Tarkista palvelujesi tiedot Kumppanitorilla" and fi.body.startswith("Hei,")


def test_the_app_refuses_to_start_without_compiled_catalogues(app_config, tmp_path):
    from marketplace import create_app

    (tmp_path / "translations" / "sv" / "LC_MESSAGES").mkdir(parents=True)
    with pytest.raises(RuntimeError, match="Translations not compiled for sv, en"):
        create_app({**app_config, "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations")},
                   instance_path=str(tmp_path / "instance"))


def test_referral_pages_show_the_offering_in_the_readers_language(client, login, network, make_referral):
    from marketplace.catalog import service as catalog

    data = catalog.OfferingData.of(network.offering)
    data.translations = {"sv": catalog.TranslationData(title="Träverkstad", summary="Träarbeten.")}
    catalog.update_offering(network.offering, data, network.provider_admin)
    referral = make_referral()
    network.coach.language = "sv"
    db.session.commit()
    login(network.coach)
    sent = client.get(f"/organisations/{network.coach_org.uuid}/referrals").get_data(as_text=True)
    page = client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
    rows = sent.split("<tbody", 1)[1]
    assert '<span dir="auto" >Träverkstad</span>' in rows and "Puutyöpaja" not in rows
    assert '<span dir="auto" >Träverkstad</span></h1>' in page
