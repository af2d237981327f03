"""The learning record pages as a työvalmentaja and a teacher use them."""

from sqlalchemy import select

from marketplace.clock import today
from marketplace.extensions import db
from marketplace.learning.models import LearningRecord, RecordStatus
from tests.learning.conftest import unit_of


def test_provider_writes_and_submits_a_record_through_the_pages(client, login, network, accepted_referral,
                                                               qualification, schools):
    school = schools[0].organisation
    login(network.provider_member)
    referral_page = client.get(f"/referrals/{accepted_referral.uuid}").get_data(as_text=True)
    assert "Aloita osaamisen kuvaus" in referral_page
    form = client.get(f"/referrals/{accepted_referral.uuid}/learning/new").get_data(as_text=True)
    assert "suostumus kattaa" in form and "Koulutuskeskus Pirkanportti" in form
    response = client.post(f"/referrals/{accepted_referral.uuid}/learning/new",
                           data={"qualification": str(qualification.id), "education_provider": str(school.uuid)})
    assert response.status_code == 302
    record = db.session.scalars(select(LearningRecord)).one()
    url = f"/learning/{record.uuid}"
    assert response.headers["Location"] == url
    page = client.get(url).get_data(as_text=True)
    assert "Ennen lähettämistä" in page and "Lisää vähintään yksi tutkinnon osa" in page

    bad = client.post(f"{url}/details", data={"period_start": today().isoformat(), "period_end": "2000-01-01",
                                              "hours": "10", "version": record.version})
    assert bad.status_code == 422 and "Jakso ei voi päättyä ennen kuin se alkaa" in bad.get_data(as_text=True)
    saved = client.post(f"{url}/details", data={
        "period_start": today().isoformat(), "period_end": today().isoformat(), "hours": "6",
        "instructor_name": "Tiina Nieminen", "instructor_assessment": "Oppi nopeasti.",
        "education_provider": str(school.uuid), "version": record.version})
    assert saved.status_code == 302

    unit = unit_of(qualification, "105444")
    added = client.post(f"{url}/units", data={"unit": str(unit.id)})
    record_unit = db.session.get(LearningRecord, record.id).units[0]
    assert added.headers["Location"] == f"{url}/units/{record_unit.id}"
    evidence_page = client.get(added.headers["Location"]).get_data(as_text=True)
    assert "valmistaa puuteollisuuden tuotteita" in evidence_page and "Opiskelija osaa" in evidence_page
    requirement = unit.requirements[2]
    missing_how = client.post(added.headers["Location"], data={f"shown_{requirement.id}": "y"})
    assert missing_how.status_code == 422 and "Kerro, miten vaatimus osoitettiin" in missing_how.get_data(as_text=True)
    client.post(added.headers["Location"], data={"tasks": "Pihakalusteet", f"shown_{requirement.id}": "y",
                                                 f"evidence_{requirement.id}": "Valmisti 12 penkkiä."})
    page = client.get(url).get_data(as_text=True)
    assert "Valmisti 12 penkkiä." in page and "Lähetä tunnustettavaksi" in page
    assert client.post(f"{url}/submit").status_code == 302
    assert db.session.get(LearningRecord, record.id).status is RecordStatus.SUBMITTED


def test_submitting_an_incomplete_record_says_what_is_missing(client, login, network, accepted_referral, qualification):
    from marketplace.learning import service

    record = service.open_record(accepted_referral, qualification, network.provider_member)
    login(network.provider_member)
    response = client.post(f"/learning/{record.uuid}/submit")
    assert response.status_code == 422
    assert "Valitse oppilaitos" in response.get_data(as_text=True)


def test_teacher_reviews_in_the_queue_and_confirms(client, login, network, submitted_record, schools):
    login(schools[0].teacher)
    queue = client.get(f"/organisations/{schools[0].organisation.uuid}/recognition").get_data(as_text=True)
    assert "Puuteollisuuden perustutkinto" in queue and "Verstas ry" in queue
    url = f"/learning/{submitted_record.uuid}"
    page = client.get(url).get_data(as_text=True)
    assert "Päätös osaamisen tunnustamisesta" in page and "Valmisti 12 penkkiä." in page
    record_unit = submitted_record.units[0]
    incomplete = client.post(f"{url}/review", data={"teacher_name": "Päivi Laaksonen", "teacher_title": "Lehtori",
                                                    "version": submitted_record.version})
    assert incomplete.status_code == 422
    response = client.post(f"{url}/review", data={
        f"decision_{record_unit.id}": "recognised", f"comment_{record_unit.id}": "Hyvin osoitettu.",
        "teacher_name": "Päivi Laaksonen", "teacher_title": "Lehtori", "version": submitted_record.version})
    assert response.status_code == 302 and response.headers["Location"] == f"{url}/certificate"
    certificate = client.get(f"{url}/certificate").get_data(as_text=True)
    record = db.session.get(LearningRecord, submitted_record.id)
    assert record.verification_code in certificate and "Tulosta" in certificate
    assert "Tunnustetaan" in certificate and "Päivi Laaksonen, Lehtori" in certificate
    again = client.post(f"{url}/review", data={
        f"decision_{record_unit.id}": "not_recognised", "teacher_name": "X", "teacher_title": "Y",
        "version": record.version})
    assert again.status_code == 409
    assert db.session.get(LearningRecord, record.id).units[0].decision.value == "recognised"


def test_teacher_returns_a_record_with_questions(client, login, network, submitted_record, schools):
    login(schools[0].teacher)
    url = f"/learning/{submitted_record.uuid}"
    assert client.post(f"{url}/return", data={"message": "", "version": submitted_record.version}).status_code == 422
    response = client.post(f"{url}/return", data={"message": "Millä koneilla?", "version": submitted_record.version})
    assert response.status_code == 302
    client.post("/logout")
    login(network.provider_member)
    page = client.get(url).get_data(as_text=True)
    assert "Oppilaitos pyytää täydentämään" in page and "Millä koneilla?" in page and "Tallenna tiedot" in page


def test_a_unit_number_out_of_range_is_refused(client, login, network, accepted_referral, qualification):
    from marketplace.learning import service

    record = service.open_record(accepted_referral, qualification, network.provider_member)
    login(network.provider_member)
    response = client.post(f"/learning/{record.uuid}/units", data={"unit": "99999999999999999999"})
    assert response.status_code == 422 and "Valitse tutkinnon osa" in response.get_data(as_text=True)
