"""The HSDS 3.0 read API: every endpoint of openapi.json, valid to the schemas, with strict parameters,
conditional requests and CORS; what the database holds leaves it."""

import json
import re
from datetime import date, timedelta

import pytest

from marketplace.catalog.models import DeliveryMode, FundingSource, Intake
from marketplace.catalog.service import TranslationData
from marketplace.clock import today
from marketplace.reference import OFFERING_TYPE, find_term
from tests.api.hsds_schemas import errors

pytestmark = pytest.mark.usefixtures("openapi_checked")  # every answer as the OpenAPI document says


@pytest.fixture
def catalogue(make_org, make_offering):
    """A workshop with everything an offering can say, a remote coaching, and a draft nobody may see."""
    salo = make_org(name="Salon Työpajat ry", business_id="2448251-8", municipality_code="734",
                    website="https://salontyopajat.example", description="Työpajoja Salossa.")
    turku = make_org(name="Turun Valmennus Oy", municipality_code="853")
    full = make_offering(
        org=salo, title="Puutyöpaja nuorille", summary="Puutöitä ja valmennusta.", description="Kunnostamme "
        "huonekaluja.", plain_language_summary="Teet puutöitä.", street_address="Tehtaankatu 5", postal_code="24100",
        post_office="Salo", delivery_mode=DeliveryMode.HYBRID, municipalities=["734", "761"], languages=["fi", "sv"],
        schedule="ma–to klo 8.30–14", duration_weeks=12, intake=Intake.START_DATES,
        start_dates=[today() + timedelta(days=20), today() + timedelta(days=50)], capacity_total=10, open_places=3,
        funding_source=FundingSource.STEA, funding_ends_on=date(today().year + 1, 12, 31), free_for_jobseeker=False,
        jobseeker_cost="5 € / päivä (ateria)", municipality_price="45 € / päivä", eligibility="Alle 30-vuotiaat",
        min_age=16, max_age=29, how_to_apply="Ohjaus OMA-valmentajan kautta.", contact_phone="+358401234567",
        translations={"sv": TranslationData("Snickeriverkstad för unga", "Snickeri och coachning.")})
    remote = make_offering(org=turku, title="Etävalmennus työnhakuun", offering_type="coaching",
                           delivery_mode=DeliveryMode.REMOTE, street_address="", municipalities=["853"],
                           target_groups=["immigrants", "all_jobseekers"])
    draft = make_offering(org=turku, title="Luonnos", status="draft")
    return {"full": full, "remote": remote, "draft": draft, "salo": salo, "turku": turku}


def attributes(service: dict, code: str) -> list[str | None]:
    return [a.get("value") for a in service["attributes"] if a["taxonomy_term"]["code"] == code]


def test_a_full_service_carries_everything_and_validates(client, catalogue):
    offering = catalogue["full"]
    service = client.get(f"/api/v1/services/{offering.uuid}").get_json()
    assert errors("service", service) == []
    assert ": null" not in json.dumps(service)
    location = service["service_at_locations"][0]["location"]
    address = location["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"], address["state_province"],
            address["country"]) == ("Tehtaankatu 5", "24100", "Salo", "Varsinais-Suomi", "FI")
    assert (location["latitude"], location["longitude"]) == pytest.approx((60.38, 23.12), abs=0.05)  # Salo's centre
    assert service["schedules"][0]["description"] == "ma–to klo 8.30–14"
    assert service["funding"][0]["source"] == "STEA-avustus"
    assert [a["value"] for a in service["funding"][0]["attributes"] if a.get("value")] == [
        offering.funding_ends_on.isoformat()]
    costs = {option["option"]: option.get("amount_description") for option in service["cost_options"]}
    assert costs == {"Asiakkaalle": "5 € / päivä (ateria)", "Kunnalle tai ostajalle": "45 € / päivä"}
    assert service["assured_date"] == today().isoformat()
    assert attributes(service, "capacity_total") == ["10"] and attributes(service, "open_places") == ["3"]
    assert attributes(service, "duration_weeks") == ["12"]
    assert attributes(service, "start_date") == [day.isoformat() for day in offering.start_date_values]
    assert attributes(service, "plain_language_summary") == ["Teet puutöitä."]
    assert json.loads(attributes(service, "translation")[0])["name"] == "Snickeriverkstad för unga"
    assert [area["name"] for area in service["service_areas"]] == ["Salo", "Somero"]
    assert service["service_areas"][0]["uri"].endswith("/code/734")
    organisation = service["organization"]
    assert organisation["organization_identifiers"] == [{
        "id": organisation["organization_identifiers"][0]["id"], "organization_id": str(catalogue["salo"].uuid),
        "identifier_scheme": "FI-PRO", "identifier_type": "Y-tunnus", "identifier": "2448251-8"}]
    assert {a["taxonomy_term"]["taxonomy"]: a["taxonomy_term"]["code"] for a in organisation["attributes"]} == {
        "organisation-kind": "ngo", "municipality": "734"}


def test_a_remote_service_has_no_location_and_no_nulls(client, catalogue):
    service = client.get(f"/api/v1/services/{catalogue['remote'].uuid}").get_json()
    assert errors("service", service) == []
    assert service["service_at_locations"] == [] and "website" not in service["organization"]
    assert "alternate_name" not in service and "minimum_age" not in service


LISTS = [
    ("/api/v1/services", "service_list"),
    ("/api/v1/services?full=true", "service"),
    ("/api/v1/services?search=puutyö&full=true", "service"),
    ("/api/v1/services?search=valmennus&modified_after=2020-01-01", "service_list"),
    ("/api/v1/services?taxonomy_id=offering-type&per_page=1&page=2", "service_list"),
    ("/api/v1/organizations", "organization_list"),
    ("/api/v1/organizations?full=true", "organization"),
    ("/api/v1/organizations?full_service=true&search=salon", "organization"),
    ("/api/v1/service_at_locations", "service_at_location"),
    ("/api/v1/service_at_locations?full=true&search=puutyö", "service_at_location"),
    ("/api/v1/taxonomies", "taxonomy"),
    ("/api/v1/taxonomy_terms?per_page=100", "taxonomy_term"),
    ("/api/v1/taxonomy_terms?taxonomy_id=municipality&search=salo", "taxonomy_term"),
]


@pytest.mark.parametrize(("path", "schema"), LISTS)
def test_every_list_is_a_page_of_valid_objects(client, catalogue, path, schema):
    response = client.get(path)
    assert response.status_code == 200, response.get_json()
    page = response.get_json()
    text_searched = "search=" in path and path.startswith(("/api/v1/services", "/api/v1/service_at_locations"))
    searched = {"matches"} if text_searched else set()  # our documented extension (tests/search/test_match_counts)
    assert set(page) == {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                         "contents"} | searched
    assert page["contents"] and page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert errors(schema, item) == []


def test_only_public_services_and_their_organisations_are_listed(client, catalogue, make_org):
    make_org(name="Odottava yhdistys", verified=False)
    services = client.get("/api/v1/services").get_json()["contents"]
    assert {s["name"] for s in services} == {"Puutyöpaja nuorille", "Etävalmennus työnhakuun"}
    organisations = client.get("/api/v1/organizations").get_json()["contents"]
    assert {o["name"] for o in organisations} == {"Salon Työpajat ry", "Turun Valmennus Oy"}
    assert client.get(f"/api/v1/services/{catalogue['draft'].uuid}").status_code == 404


def test_minimal_gives_ids_and_times_only(client, catalogue):
    contents = client.get("/api/v1/services?minimal=true&per_page=100").get_json()["contents"]
    assert all(set(item) == {"id", "last_modified"} for item in contents) and len(contents) == 2


def test_modified_after_returns_what_changed_since(client, catalogue):
    offering = catalogue["full"]
    moment = offering.updated_at
    later = (moment + timedelta(seconds=1)).isoformat()
    assert client.get("/api/v1/services", query_string={"modified_after": later}).get_json()["total_items"] == 0
    page = client.get("/api/v1/services", query_string={"modified_after": moment.isoformat()}).get_json()
    assert str(offering.uuid) in {s["id"] for s in page["contents"]}
    for bad in ("eilen", "2026-13-01", "2026-01-01T25:00"):
        response = client.get("/api/v1/services", query_string={"modified_after": bad})
        assert response.status_code == 422 and "modified_after" in response.get_json()["errors"]


def test_filters_by_any_taxonomy_the_services_carry(client, catalogue):
    def names(**query):
        return {s["name"] for s in client.get("/api/v1/services", query_string=query).get_json()["contents"]}

    coaching = find_term(OFFERING_TYPE, "coaching").id
    assert names(taxonomy_term_id=coaching) == {"Etävalmennus työnhakuun"}
    terms = client.get("/api/v1/taxonomy_terms?taxonomy_id=municipality&search=Somero").get_json()["contents"]
    assert names(taxonomy_term_id=terms[0]["id"]) == {"Puutyöpaja nuorille"}
    stea = client.get("/api/v1/taxonomy_terms?taxonomy_id=funding-source&search=STEA").get_json()["contents"][0]
    assert names(taxonomy_term_id=stea["id"]) == {"Puutyöpaja nuorille"}
    assert names(taxonomy_term_id=coaching, search="valmennus") == {"Etävalmennus työnhakuun"}
    assert names(organization_id=str(catalogue["turku"].uuid)) == {"Etävalmennus työnhakuun"}
    assert names(taxonomy_id="qualification-unit") == set()  # nobody teaches a unit here


@pytest.mark.parametrize("query", ["foo=1", "postcode=00001", "postcode=salo", "proximity=5000", "per_page=101",
                                   "postcode=24100&proximity=0", "postcode=24100&proximity=far", "page=0",
                                   "format=xml", "minimal=maybe", "taxonomy_id=nope", "format=ndjson&page=2"])
def test_unknown_or_wrong_parameters_answer_422(client, catalogue, query):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 422 and response.is_json
    name = query.split("&")[-1].split("=")[0]
    assert name in response.get_json()["errors"] or "format" in response.get_json()["errors"]


def test_postcode_and_proximity_find_services_by_area_and_distance(client, catalogue):
    def names(path, **query):
        return {item["name"] for item in client.get(path, query_string=query).get_json()["contents"]}

    # Somero (31400) is in the workshop's service area; Turku's (20100) is the remote coaching's
    assert names("/api/v1/services", postcode="31400") == {"Puutyöpaja nuorille"}
    assert names("/api/v1/services", postcode="20100") == {"Etävalmennus työnhakuun"}
    # within 30 km of Paimio (21530) is Salo's workshop; a remote service is near nobody
    assert names("/api/v1/services", postcode="21530", proximity="30000") == {"Puutyöpaja nuorille"}
    assert names("/api/v1/services", postcode="21530", proximity="10000") == set()
    assert names("/api/v1/services", postcode="20100", proximity="60000", search="puutyöpaja") == {
        "Puutyöpaja nuorille"}
    located = client.get("/api/v1/service_at_locations?postcode=21530&proximity=30000").get_json()
    assert located["total_items"] == 1
    assert "postinumero" in client.get("/api/v1/services?postcode=00001").get_json()["errors"]["postcode"][0]


def test_ndjson_streams_every_match(client, catalogue):
    response = client.get("/api/v1/services?format=ndjson&full=true")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 2 and all(errors("service", line) == [] for line in lines)
    assert response.headers["ETag"].startswith('W/"')


def test_paging_edges(client, catalogue):
    last = client.get("/api/v1/services?per_page=1&page=2").get_json()
    assert (last["size"], last["first_page"], last["last_page"], last["total_pages"]) == (1, False, True, 2)
    beyond = client.get("/api/v1/services?per_page=1&page=3").get_json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]
    ids = [client.get(f"/api/v1/services?per_page=1&page={n}").get_json()["contents"][0]["id"] for n in (1, 2)]
    assert len(set(ids)) == 2  # paging the whole catalogue never repeats a service


def test_single_objects_and_their_404s(client, catalogue):
    organisation = client.get(f"/api/v1/organizations/{catalogue['salo'].uuid}").get_json()
    assert errors("organization", organisation) == [] and [s["name"] for s in organisation["services"]] == [
        "Puutyöpaja nuorille"]
    located = client.get("/api/v1/service_at_locations").get_json()["contents"]
    assert len(located) == 1  # the remote coaching has no address
    one = client.get(f"/api/v1/service_at_locations/{located[0]['id']}").get_json()
    assert errors("service_at_location", one) == [] and one["service"]["id"] == str(catalogue["full"].uuid)
    taxonomies = client.get("/api/v1/taxonomies").get_json()["contents"]
    assert client.get(f"/api/v1/taxonomies/{taxonomies[0]['id']}").get_json() == taxonomies[0]
    term = client.get("/api/v1/taxonomy_terms").get_json()["contents"][0]
    assert client.get(f"/api/v1/taxonomy_terms/{term['id']}").get_json()["code"] == term["code"]
    for path in (f"/api/v1/organizations/{catalogue['turku'].uuid}x", "/api/v1/organizations/nope",
                 f"/api/v1/service_at_locations/{catalogue['remote'].uuid}", "/api/v1/taxonomies/offering-type",
                 "/api/v1/taxonomy_terms/00000000-0000-0000-0000-000000000000"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json, path


def test_api_info_names_the_version_and_the_profile(client, catalogue):
    info = client.get("/api/v1/").get_json()
    assert info["version"] == "3.0"
    profile = client.get(info["profile"].replace("http://localhost", "")).get_json()
    assert profile["hsds_version"] == "3.0" and "organization.organization_identifiers" in profile["fields"]
    assert {t["name"] for t in profile["taxonomies"]} >= {"offering-type", "municipality", "qualification-unit"}


def test_conditional_requests_get_304(client, catalogue):
    first = client.get("/api/v1/services?full=true")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/api/v1/services?full=true", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/api/v1/services?full=true", headers={"If-Modified-Since": modified}).status_code == 304
    swedish = client.get("/api/v1/services?full=true", headers={"If-None-Match": etag, "Accept-Language": "sv"})
    assert swedish.status_code == 200  # another language is another representation
    assert "Accept-Language" in first.headers["Vary"]


def test_an_edit_changes_the_etag(client, catalogue, make_offering):
    etag = client.get("/api/v1/services").headers["ETag"]
    make_offering(org=catalogue["turku"], title="Uusi työkokeilu", offering_type="work_trial")
    assert client.get("/api/v1/services", headers={"If-None-Match": etag}).status_code == 200


def test_any_origin_may_read_the_open_data_but_not_the_referrals(client, catalogue):
    response = client.get("/api/v1/services", headers={"Origin": "https://palveluhakemisto.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/services", headers={"Origin": "https://x.example",
                                                            "Access-Control-Request-Method": "GET"})
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/referrals").headers


def test_only_a_coordinator_downloads_the_whole_catalogue(client, catalogue, make_user, login):
    login(make_user(org=catalogue["salo"]))
    response = client.get("/coordinator/export")
    assert response.status_code == 403 and "koordinaattori" in response.get_data(as_text=True)


def test_a_coordinator_downloads_the_catalogue_as_a_data_package(client, catalogue, make_user, login):
    import io
    import zipfile

    login(make_user(coordinator=True))
    response = client.get("/coordinator/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()  # as the server does once it is sent: the temporary file goes
    descriptor = json.loads(archive.read("datapackage.json"))
    counts = {resource["path"]: resource["count"] for resource in descriptor["resources"]}
    assert counts["services.csv"] == 2 and counts["organizations.csv"] == 2 and counts["taxonomies.csv"] == 8
    assert set(counts) <= set(archive.namelist())
    services = archive.read("services.csv").decode()
    assert "Puutyöpaja nuorille" in services and "Luonnos" not in services


def test_the_openapi_document_names_every_route_under_api_v1(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0" and document["info"]["title"]
    documented = {(re.sub(r"\{[^}]+\}", "{}", path), method.upper()) for path, item in document["paths"].items()
                  for method in item if method != "parameters"}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        shape = re.sub(r"<[^>]+>", "{}", rule.rule.removeprefix("/api/v1")) or "/"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (shape, method) in documented, (rule.rule, method)
    page = client.get("/developers/api/reference").get_data(as_text=True)
    assert "GET /services/{id}" in page and "POST /referrals/{referral_id}/transitions" in page


def test_the_schemas_the_document_refers_to_are_served(client):
    document = client.get("/api/v1/openapi.json").get_json()
    references = set(re.findall(r'"\$ref": "(schema/[^"#]+)"', json.dumps(document)))
    assert references
    for reference in references:
        response = client.get(f"/api/v1/{reference}")
        assert response.status_code == 200 and response.get_json()["properties"], reference
    for missing in ("schema/openapi.json", "schema/../config.py", "schema/compiled/nope.json", "schema/x.txt"):
        assert client.get(f"/api/v1/{missing}").status_code == 404
