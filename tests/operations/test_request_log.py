"""One structured line per request, without query strings, tokens or personal data; the id on error pages."""

import json
import logging

from marketplace.requestlog import JSONFormatter
from tests.helpers import link_in, outbox


def request_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "marketplace.request"]


def test_each_request_is_one_line_with_its_id_status_time_and_user(client, login, network, caplog):
    login(network.coach)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="marketplace.request"):
        response = client.get("/search?q=Matti+Meikäläinen&municipality=734")
    [record] = request_lines(caplog)
    assert (record.method, record.path, record.status, record.user) == ("GET", "/search", 200, network.coach.id)
    assert record.request_id == response.headers["X-Request-ID"] and record.ms > 0
    line = JSONFormatter().format(record)
    assert json.loads(line)["path"] == "/search" and "Matti" not in line and "734" not in line


def test_tokens_in_paths_are_not_logged(client, network, caplog):
    client.post("/password/forgot", data={"email": "coach@salo.fi"})
    link = link_in(outbox("coach@salo.fi")[-1])
    token = link.rsplit("/", 1)[1]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="marketplace.request"):
        client.get(link)
    [record] = request_lines(caplog)
    assert record.path == "/password/reset/…" and token not in JSONFormatter().format(record)


def test_the_proxys_request_id_is_kept_and_a_strange_one_replaced(client, caplog):
    assert client.get("/", headers={"X-Request-ID": "lb-0123456789abcdef"}).headers["X-Request-ID"] == \
        "lb-0123456789abcdef"
    replaced = client.get("/", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 16


def test_error_pages_show_the_request_id_to_quote(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert f"Pyynnön tunniste {response.headers['X-Request-ID']}" in response.get_data(as_text=True)
    api = client.get("/api/v1/services/not-a-uuid")
    assert api.get_json()["request_id"] == api.headers["X-Request-ID"]
