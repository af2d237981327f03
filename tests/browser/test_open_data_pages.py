"""The coordinator's open-data page in a real browser: imported terms mapped, the waiting service let in."""

import io
import json

from marketplace.api.hsds.importer import import_services
from marketplace.extensions import db
from tests.browser.test_accessibility import COORDINATOR, check_page, log_in

FOREIGN_SERVICE = {
    "id": "0d4c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a", "name": "Työhönvalmennus Salossa", "status": "active",
    "description": "Yksilöllistä työhönvalmennusta työnhakijoille.",
    "organization": {"id": "1e5d3c2b-0a9f-4e8d-9c7b-6a5f4e3d2c1b", "name": "Salon Tukiyhdistys ry"},
    "service_areas": [{"id": "2f6e4d3c-1b0a-4f9e-8d8c-7b6a5f4e3d2c", "name": "Salo"}],
    "attributes": [{"id": "3a7f5e4d-2c1b-4a0f-9e9d-8c7b6a5f4e3d",
                    "taxonomy_term": {"id": "4b8a6f5e-3d2c-4b1a-8f0e-9d8c7b6a5f4e", "taxonomy": "tmt-palvelut",
                                      "code": "T-17", "name": "Työhönvalmennus"}}],
}


def test_a_coordinator_maps_an_imported_term(page, live_app, live_server, screenshot_dir):
    with live_app.app_context():
        report = import_services(io.BytesIO(json.dumps([FOREIGN_SERVICE]).encode()))
        db.session.remove()
    assert report.held == 1
    log_in(page, live_server, COORDINATOR)
    page.click("main >> text=Tuotujen palvelujen luokitukset")
    assert "Työhönvalmennus Salossa" in page.inner_text("main")
    check_page(page, "coordinator-imported-terms", screenshot_dir)
    page.select_option("main select", "offering-type:coaching")
    page.click("main button[type=submit]")
    assert "Tuotiin 1 odottanutta palvelua" in page.inner_text("main")
    assert "Ei odottavia palveluja." in page.inner_text("main")
