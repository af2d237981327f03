"""GET /api/v1/services: the HSDS 3.0 Page shape, ranked by the same search, with JSON errors."""

import pytest

from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, find_term

pytestmark = pytest.mark.usefixtures("openapi_checked")  # every answer as the OpenAPI document says


@pytest.fixture
def offerings(make_org, make_offering):
    salo, tampere = make_org(name="Salon paja"), make_org(name="Tampereen säätiö")
    return [
        make_offering(org=salo, title="Nuorten puutyöpaja", offering_type="workshop", target_groups=["under_30"]),
        make_offering(org=salo, title="Työkokeilu kiinteistöhuollossa", offering_type="work_trial",
                      target_groups=["long_term_unemployed"], contact_phone="+358401234567"),
        make_offering(org=tampere, title="Työkokeilu kaupassa", offering_type="work_trial",
                      target_groups=["immigrants"]),
        make_offering(org=tampere, title="Luonnos", status="draft"),
    ]


def test_page_shape_and_ranked_contents(client, offerings):
    page = client.get("/api/v1/services?search=työkokeiluun&per_page=1&full=true").get_json()
    assert {k: page[k] for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page",
                                 "empty")} == {
        "total_items": 2, "total_pages": 2, "page_number": 1, "size": 1, "first_page": True, "last_page": False,
        "empty": False}
    service = page["contents"][0]
    assert service["name"].startswith("Työkokeilu")
    assert service["organization"]["name"] in ("Salon paja", "Tampereen säätiö")
    assert service["status"] == "active" and service["service_areas"][0]["name"] == "Salo"
    assert {OFFERING_TYPE, TARGET_GROUP} <= {a["taxonomy_term"]["taxonomy"] for a in service["attributes"]}
    assert service["languages"][0]["code"] == "fi"
    second = client.get("/api/v1/services?search=työkokeiluun&per_page=1&page=2").get_json()
    assert second["last_page"] and second["contents"][0]["id"] != service["id"]


def test_all_public_services_without_a_search(client, offerings):
    page = client.get("/api/v1/services").get_json()
    assert page["total_items"] == 3 and "Luonnos" not in [s["name"] for s in page["contents"]]


def test_taxonomy_term_and_organization_filters(client, offerings):
    trial = find_term(OFFERING_TYPE, "work_trial").id
    page = client.get(f"/api/v1/services?taxonomy_term_id={trial}").get_json()
    assert {s["name"] for s in page["contents"]} == {"Työkokeilu kiinteistöhuollossa", "Työkokeilu kaupassa"}
    youth = find_term(TARGET_GROUP, "under_30").id
    assert [s["name"] for s in client.get(f"/api/v1/services?taxonomy_term_id={youth}").get_json()["contents"]] == [
        "Nuorten puutyöpaja"]
    organisation = offerings[2].organisation.uuid
    page = client.get(f"/api/v1/services?organization_id={organisation}").get_json()
    assert {s["name"] for s in page["contents"]} == {"Työkokeilu kaupassa"}


def test_empty_result(client, offerings):
    page = client.get("/api/v1/services?search=avaruusmatka").get_json()
    assert page["total_items"] == 0 and page["empty"] and page["contents"] == [] and page["total_pages"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("per_page=0", "per_page"), ("per_page=1000", "per_page"), ("page=abc", "page"), ("page=0", "page"),
     ("taxonomy_term_id=xyz", "taxonomy_term_id"),
     ("taxonomy_term_id=00000000-0000-0000-0000-000000000000", "taxonomy_term_id"),
     ("organization_id=nope", "organization_id")],
)
def test_bad_parameters_answer_422_json(client, offerings, query, field):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 422 and response.is_json
    body = response.get_json()
    assert body["message"] and field in body["errors"]


def test_hostile_search_answers_200(client, offerings):
    for query in ['"', "*", "AND OR NOT", "x" * 5000, "työ\u200b"]:
        assert client.get("/api/v1/services", query_string={"search": query}).status_code == 200
    nul = client.get("/api/v1/services", query_string={"search": "\x00"})  # nobody types one: a 400, like everywhere
    assert nul.status_code == 400 and nul.is_json


def test_one_service_and_404_json(client, offerings):
    service = client.get(f"/api/v1/services/{offerings[0].uuid}").get_json()
    assert service["id"] == str(offerings[0].uuid) and service["name"] == "Nuorten puutyöpaja"
    for missing in (offerings[3].uuid, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        response = client.get(f"/api/v1/services/{missing}")
        assert response.status_code == 404 and response.is_json and response.get_json()["message"]
    unknown_route = client.get("/api/v1/nothing-here")
    assert unknown_route.status_code == 404 and unknown_route.is_json
