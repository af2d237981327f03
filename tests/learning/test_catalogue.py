"""Importing qualifications: the shipped ePerusteet extract, CSV, versions, and malformed files with line numbers."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.learning import service
from marketplace.learning.models import CompetenceRequirement, Qualification, QualificationUnit
from tests.learning.conftest import SAMPLE

SHIPPED = Path(__file__).resolve().parents[2] / "marketplace" / "reference" / "qualifications.json"
CSV_HEADER = ";".join(service.CSV_COLUMNS)


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Qualification, QualificationUnit, CompetenceRequirement))


def test_the_shipped_file_imports_as_it_is(runner):
    result = runner.invoke(args=["qualifications", "import", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "Created 6" in result.output
    puu = service.current_version("351741")
    assert (puu.name_fi, puu.diaarinumero, len(puu.units)) == ("Puuteollisuuden perustutkinto", "OPH-2455-2017", 43)
    unit = next(u for u in puu.units if u.code == "105444")
    assert (unit.name_fi, unit.points, unit.requirements_intro) == (
        "Puutuotevalmistuksessa toimiminen", 45, "Opiskelija osaa")
    assert unit.requirements[2].text == "valmistaa puuteollisuuden tuotteita"
    assert "Puusepänteollisuuden osaamisala" in unit.mandatory_in
    kaivos = service.current_version("351107")
    assert sum(u.code is None for u in kaivos.units) == 25  # the source gives codes for 2 of 27 units only
    assert service.current_version("381142").units == []  # Ravintola- ja catering-ala: header only
    common = service.current_version("OPH-456-2022")
    assert (common.name_fi == "Ammatillinen perustutkinto 2022"
            and any(r.area for u in common.units for r in u.requirements))
    assert counts()[2] == 232 + 430 + 349 + 36 + 101  # every requirement line of the file


def test_importing_the_same_file_again_changes_nothing(runner):
    runner.invoke(args=["qualifications", "import", str(SAMPLE)])
    before = counts()
    result = runner.invoke(args=["qualifications", "import", str(SAMPLE)])
    assert "unchanged 2" in result.output and counts() == before


def test_a_changed_qualification_becomes_a_new_version_and_the_old_one_stays(app, tmp_path, runner):
    runner.invoke(args=["qualifications", "import", str(SAMPLE)])
    first = service.current_version("351741")
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["qualifications"][0]["units"][0]["requirements"].append("dokumentoida työnsä")
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["qualifications", "import", str(changed)])
    assert "new versions 1" in result.output and "unchanged 1" in result.output
    second = service.current_version("351741")
    assert (second.version, second.is_current) == (2, True)
    db.session.refresh(first)
    assert (first.version, first.is_current, len(first.units)) == (1, False, 3)  # kept for earlier records
    assert [q.version for q in service.qualification_versions("351741")] == [2, 1]


def test_malformed_json_is_rejected_with_its_line(app):
    broken = SAMPLE.read_text(encoding="utf-8").replace('"code": "105426"', '"code": "105426",,', 1)
    line = broken[:broken.index(",,")].count("\n") + 1
    with pytest.raises(InvalidInput) as error:
        service.parse_json(broken)
    assert error.value.errors["file"][0].startswith(f"rivi {line}:")
    assert counts() == (0, 0, 0)


def test_missing_fields_are_reported_with_the_line_of_their_object(app):
    text = SAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    del data["qualifications"][0]["units"][1]["name_fi"]
    data["qualifications"][0]["units"][2]["points"] = "paljon"
    broken = json.dumps(data, ensure_ascii=False, indent=2)
    lines = broken.split("\n")
    unit_lines = [n + 1 for n, line in enumerate(lines) if '"code": "105426"' in line or '"code": "105428"' in line]
    with pytest.raises(InvalidInput) as error:
        service.parse_json(broken)
    messages = error.value.errors["file"]
    assert len(messages) == 2
    assert messages[0].startswith(f"rivi {unit_lines[0] - 1}:") and "nimi" in messages[0]
    assert messages[1].startswith(f"rivi {unit_lines[1] - 1}:") and "Osaamispisteet" in messages[1]
    assert counts() == (0, 0, 0)


def test_csv_with_one_row_per_requirement(app):
    rows = [
        CSV_HEADER,
        "351741;Puuteollisuuden perustutkinto;;OPH-2455-2017;2018-08-01;"
        "105444;Puutuotevalmistuksessa toimiminen;;45;false;;valmistaa puuteollisuuden tuotteita",
        "351741;Puuteollisuuden perustutkinto;;OPH-2455-2017;2018-08-01;"
        "105444;Puutuotevalmistuksessa toimiminen;;45;false;;toimia työyhteisön jäsenenä.",
        "351741;Puuteollisuuden perustutkinto;;OPH-2455-2017;2018-08-01;"
        "400012;Viestintä- ja vuorovaikutusosaaminen;;16;true;;",
    ]
    report = service.import_qualifications(service.parse_file("osat.csv", "\n".join(rows).encode()))
    assert report.created == ["351741"]
    puu = service.current_version("351741")
    assert [(u.code, u.mandatory, len(u.requirements)) for u in puu.units] == [
        ("105444", False, 2), ("400012", True, 0)]


def test_csv_errors_name_their_lines_and_nothing_changes(app):
    service.import_qualifications(service.parse_json(SAMPLE.read_text(encoding="utf-8")))
    before = counts()
    rows = [
        CSV_HEADER,
        "351741;Puuteollisuuden perustutkinto;;;2018-08-01;"
        "105444;Puutuotevalmistuksessa toimiminen;;45;false;;valmistaa",
        "351741;Puuteollisuuden perustutkinto;;;2018-08-01;1054X;Väärä koodi;;x;ehkä;;jotain",
        ";;;;;;;;;;;",
    ]
    with pytest.raises(InvalidInput) as error:
        service.parse_file("osat.csv", "\n".join(rows).encode())
    messages = error.value.errors["file"]
    assert any(m.startswith("rivi 3:") and "koodi" in m for m in messages)
    assert any(m.startswith("rivi 3:") and "Osaamispisteet" in m for m in messages)
    assert any(m.startswith("rivi 4:") for m in messages)
    assert counts() == before


def test_csv_without_the_columns_is_rejected(app):
    with pytest.raises(InvalidInput) as error:
        service.parse_file("osat.csv", b"tutkinto,osa\nPuu,Sahaus\n")
    assert "rivi 1:" in error.value.errors["file"][0] and "qualification_code" in error.value.errors["file"][0]


def test_not_utf8_is_rejected(app):
    with pytest.raises(InvalidInput):
        service.parse_file("osat.csv", "tutkinto;ä".encode("latin-1"))


def test_command_reports_errors_and_exits_1(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"qualifications": [{"name_fi": "Nimetön"}]}', encoding="utf-8")
    result = runner.invoke(args=["qualifications", "import", str(bad)])
    assert result.exit_code == 1 and "rivi 1:" in result.output and "koulutuskoodi" in result.output
    assert counts() == (0, 0, 0)


def test_coordinator_uploads_in_the_browser(client, login, make_user):
    login(make_user(coordinator=True))
    page = client.get("/coordinator/qualifications").get_data(as_text=True)
    assert "Tutkintoja ei ole vielä tuotu" in page and "qualification_code;" in page
    response = client.post("/coordinator/qualifications", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(SAMPLE.read_bytes()), "sample.json")})
    assert response.status_code == 302
    assert "Puuteollisuuden perustutkinto" in client.get("/coordinator/qualifications").get_data(as_text=True)
    bad = client.post("/coordinator/qualifications", content_type="multipart/form-data",
                      data={"file": (io.BytesIO(b'{"qualifications": [{"code": "12a"}]}'), "bad.json")})
    assert bad.status_code == 422 and "rivi 1:" in bad.get_data(as_text=True)
    assert client.post("/coordinator/qualifications", data={}).status_code == 422


def test_only_coordinators_import(client, login, make_user, make_org):
    login(make_user(org=make_org()))
    assert client.get("/coordinator/qualifications").status_code == 403
    response = client.post("/coordinator/qualifications", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(SAMPLE.read_bytes()), "sample.json")})
    assert response.status_code == 403 and counts() == (0, 0, 0)


def test_a_qualification_page_lists_units_and_versions(client, login, make_user, make_org, qualification):
    login(make_user(org=make_org()))
    page = client.get(f"/qualifications/{qualification.id}").get_data(as_text=True)
    assert "Puutuotevalmistuksessa toimiminen" in page and "valmistaa puuteollisuuden tuotteita" in page
    assert client.get("/qualifications/99999").status_code == 404
