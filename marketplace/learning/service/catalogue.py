"""The qualification catalogue: importing ePerusteet extracts (JSON) or spreadsheets (CSV), and finding units.

An import is all or nothing: every problem is reported with its line number and nothing changes.
A qualification whose content changed gets a new version; earlier versions stay for the records
written against them. Nothing is invented: what the file lacks stays empty.
"""

import csv
import hashlib
import io
import json
import json.scanner
from dataclasses import asdict, dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.errors import InvalidInput, NotFound
from marketplace.extensions import db
from marketplace.inputs import OutOfRange, integer
from marketplace.learning.models import CompetenceRequirement, Qualification, QualificationUnit

MAX_ERRORS = 50
CSV_COLUMNS = ("qualification_code", "qualification_name_fi", "qualification_name_sv", "diaarinumero", "valid_from",
               "unit_code", "unit_name_fi", "unit_name_sv", "unit_points", "unit_mandatory", "requirement_area",
               "requirement")


@dataclass
class RequirementSpec:
    text: str
    area: str = ""


@dataclass
class UnitSpec:
    name_fi: str
    code: str | None = None
    name_sv: str = ""
    points: int | None = None
    mandatory: bool = False
    mandatory_in: list[str] = field(default_factory=list)
    common: bool = False
    requirements_intro: str = ""
    requirements: list[RequirementSpec] = field(default_factory=list)


@dataclass
class QualificationSpec:
    name_fi: str
    code: str | None = None
    name_sv: str = ""
    diaarinumero: str = ""
    valid_from: date | None = None
    eperusteet_id: int | None = None
    competence_areas: list[str] = field(default_factory=list)
    note: str = ""
    source: dict = field(default_factory=dict)
    units: list[UnitSpec] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.code or self.diaarinumero

    def content_hash(self) -> str:
        content = asdict(self)
        content["valid_from"] = str(self.valid_from)
        return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)  # first versions
    updated: list[str] = field(default_factory=list)  # new versions
    unchanged: list[str] = field(default_factory=list)


class _Problems:
    """Collects "rivi N: …" messages; raises them all at the end."""

    def __init__(self):
        self.messages: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        if len(self.messages) < MAX_ERRORS:
            self.messages.append(_("rivi %(line)s: %(message)s", line=line, message=message) if line else message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise InvalidInput(_("Tiedostoa ei tuotu, koska siinä on virheitä. Mitään ei muutettu."),
                               errors={"file": self.messages})


class _PositionDecoder(json.JSONDecoder):
    """A JSON decoder that remembers where each object starts, for line-numbered messages."""

    def __init__(self):
        super().__init__()
        self.starts: dict[int, int] = {}
        parse = self.parse_object

        def parse_object(s_and_end, *args):
            obj, end = parse(s_and_end, *args)
            self.starts[id(obj)] = s_and_end[1]
            return obj, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)


def _text(obj: dict, name: str) -> str:
    value = obj.get(name)
    return value.strip() if isinstance(value, str) else ""


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def parse_json(content: str) -> list[QualificationSpec]:
    """The shape of shared/reference/qualifications.json: `qualifications[]` and optionally `common_units_2022`."""
    problems = _Problems()
    decoder = _PositionDecoder()
    try:
        data = decoder.decode(content)
    except json.JSONDecodeError as error:
        problems.add(error.lineno, _("JSON ei ole kelvollista (%(error)s).", error=error.msg))
        problems.raise_if_any()

    def line_of(obj) -> int | None:
        start = decoder.starts.get(id(obj))
        return None if start is None else content.count("\n", 0, start) + 1

    if not isinstance(data, dict) or not isinstance(data.get("qualifications", []), list):
        problems.add(1, _("Odotettiin JSON-oliota, jossa on lista ”qualifications”."))
        problems.raise_if_any()
    items = list(data.get("qualifications", []))
    if isinstance(data.get("common_units_2022"), dict):
        items.append(data["common_units_2022"])
    if not items:
        problems.add(1, _("Tiedostossa ei ole yhtään tutkintoa."))
    specs = [spec for item in items if (spec := _qualification_from_json(item, line_of, problems))]
    _check_duplicates(specs, problems)
    problems.raise_if_any()
    return specs


def _qualification_from_json(item, line_of, problems: _Problems) -> QualificationSpec | None:
    line = line_of(item)
    if not isinstance(item, dict):
        problems.add(line, _("Tutkinnon pitää olla JSON-olio."))
        return None
    spec = QualificationSpec(
        name_fi=_text(item, "name_fi"), code=_text(item, "code") or None, name_sv=_text(item, "name_sv"),
        diaarinumero=_text(item, "diaarinumero"), note=_text(item, "note"),
        competence_areas=[a for a in item.get("competence_areas") or [] if isinstance(a, str)],
        source=item.get("source") if isinstance(item.get("source"), dict) else {},
        eperusteet_id=_optional_id(item.get("eperusteet_id")),
    )
    _check_qualification(spec, _text(item, "valid_from"), line, problems)
    units = item.get("units") or []
    if not isinstance(units, list):
        problems.add(line, _("”units” pitää olla lista."))
        units = []
    for unit in units:
        if not isinstance(unit, dict):
            problems.add(line_of(unit) or line, _("Tutkinnon osan pitää olla JSON-olio."))
            continue
        spec.units.append(_unit_from_json(unit, line_of(unit), problems))
    return spec


def _unit_from_json(unit: dict, line: int | None, problems: _Problems) -> UnitSpec:
    points = unit.get("points")
    if points is not None:
        try:
            points = integer(points, 0, 1000)
        except OutOfRange:
            problems.add(line, _("Osaamispisteet (points) pitää olla kokonaisluku väliltä 0–1000."))
            points = None
    areas = {text: area.get("title_fi", "") for area in unit.get("requirement_areas") or [] if isinstance(area, dict)
             for text in area.get("requirements") or []}
    requirements = []
    for text in unit.get("requirements") or []:
        if not isinstance(text, str) or not text.strip():
            problems.add(line, _("Ammattitaitovaatimus ei voi olla tyhjä."))
            continue
        requirements.append(RequirementSpec(text=text.strip(), area=areas.get(text, "")))
    spec = UnitSpec(
        name_fi=_text(unit, "name_fi"), code=_text(unit, "code") or None, name_sv=_text(unit, "name_sv"),
        points=points, mandatory=unit.get("mandatory") is True, common=unit.get("common_unit") is True,
        mandatory_in=[a for a in unit.get("mandatory_in_competence_areas") or [] if isinstance(a, str)],
        requirements_intro=_text(unit, "requirements_intro"), requirements=requirements,
    )
    _check_unit(spec, line, problems)
    return spec


def _optional_id(value) -> int | None:
    try:
        return integer(value, 1) if isinstance(value, int) else None
    except OutOfRange:
        return None


def _check_qualification(spec: QualificationSpec, valid_from: str, line: int | None, problems: _Problems) -> None:
    if not spec.name_fi:
        problems.add(line, _("Tutkinnon nimi (name_fi) puuttuu."))
    if not spec.key:
        problems.add(line, _("Tutkinnolta puuttuu sekä koulutuskoodi (code) että diaarinumero."))
    if spec.code and not (spec.code.isascii() and spec.code.isdigit()):
        problems.add(line, _("Koulutuskoodi %(code)s ei ole numero.", code=spec.code))
    try:
        spec.valid_from = _parse_date(valid_from)
    except ValueError:
        problems.add(line, _("Voimaantulopäivä %(date)s ei ole muotoa VVVV-KK-PP.", date=valid_from))


def _check_unit(spec: UnitSpec, line: int | None, problems: _Problems) -> None:
    if not spec.name_fi:
        problems.add(line, _("Tutkinnon osan nimi (name_fi) puuttuu."))
    if spec.code and not (spec.code.isascii() and spec.code.isdigit()):
        problems.add(line, _("Tutkinnon osan koodi %(code)s ei ole numero.", code=spec.code))


def _check_duplicates(specs: list[QualificationSpec], problems: _Problems) -> None:
    keys = [spec.key for spec in specs if spec.key]
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.add(None, _("Tutkinto %(key)s on tiedostossa kahdesti.", key=key))
    for spec in specs:
        codes = [unit.code for unit in spec.units if unit.code]
        for code in {c for c in codes if codes.count(c) > 1}:
            problems.add(None, _("Tutkinnon %(key)s osa %(code)s on tiedostossa kahdesti.", key=spec.key, code=code))


def parse_csv(content: str) -> list[QualificationSpec]:
    """One row per competence requirement (a unit without requirements: one row with it empty); ; or , between."""
    problems = _Problems()
    content = content.lstrip("\ufeff")
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        problems.add(1, _("Sarakkeet puuttuvat: %(columns)s. "
                          "Ensimmäisellä rivillä pitää olla sarakkeiden nimet: %(all)s.",
                          columns=", ".join(missing), all=";".join(CSV_COLUMNS)))
        problems.raise_if_any()
    specs: dict[str, QualificationSpec] = {}
    units: dict[tuple[str, str], UnitSpec] = {}
    for row in reader:
        line = reader.line_num
        row = {name: (value or "").strip() for name, value in row.items() if name}
        key = row["qualification_code"] or row["diaarinumero"]
        spec = specs.get(key)
        if spec is None:
            spec = QualificationSpec(name_fi=row["qualification_name_fi"], code=row["qualification_code"] or None,
                                     name_sv=row["qualification_name_sv"], diaarinumero=row["diaarinumero"])
            _check_qualification(spec, row["valid_from"], line, problems)
            if key:
                specs[key] = spec
        if not row["unit_name_fi"] and not row["unit_code"]:
            continue  # a qualification without units (header only)
        unit_key = (key, row["unit_code"] or row["unit_name_fi"])
        unit = units.get(unit_key)
        if unit is None:
            points = None
            if row["unit_points"]:
                try:
                    points = integer(row["unit_points"], 0, 1000)
                except OutOfRange:
                    problems.add(line, _("Osaamispisteet (unit_points) pitää olla kokonaisluku väliltä 0–1000."))
            if row["unit_mandatory"].lower() not in ("", "true", "false", "kyllä", "ei", "1", "0"):
                problems.add(line, _("unit_mandatory: kirjoita true tai false."))
            unit = units[unit_key] = UnitSpec(
                name_fi=row["unit_name_fi"], code=row["unit_code"] or None, name_sv=row["unit_name_sv"],
                points=points, mandatory=row["unit_mandatory"].lower() in ("true", "kyllä", "1"),
            )
            _check_unit(unit, line, problems)
            spec.units.append(unit)
        if row["requirement"]:
            unit.requirements.append(RequirementSpec(text=row["requirement"], area=row["requirement_area"]))
    if not specs:
        problems.add(None, _("Tiedostossa ei ole yhtään tutkintoa."))
    problems.raise_if_any()
    return list(specs.values())


def parse_file(filename: str, raw: bytes) -> list[QualificationSpec]:
    """JSON or CSV by the file's name (or its first character)."""
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(_("Tiedoston merkistö ei ole UTF-8. Tallenna se UTF-8-muodossa."), "file") from None
    if filename.lower().endswith(".json") or content.lstrip("\ufeff \n\r\t").startswith("{"):
        return parse_json(content)
    return parse_csv(content)


def import_qualifications(specs: list[QualificationSpec], progress=iter) -> ImportReport:
    """Store the parsed qualifications: a first version, a new version when the content changed, or nothing."""
    report = ImportReport()
    for spec in progress(specs):
        digest = spec.content_hash()
        current = current_version(spec.key)
        if current is not None and current.content_hash == digest:
            report.unchanged.append(spec.key)
            continue
        if current is not None:
            current.is_current = False
        db.session.add(_build(spec, digest, version=current.version + 1 if current else 1))
        (report.updated if current else report.created).append(spec.key)
    if report.created or report.updated:
        audit.record(AuditKind.QUALIFICATIONS_IMPORTED, object_type="qualification",
                     detail=f"uusia {len(report.created)}, päivitettyjä {len(report.updated)}")
    db.session.commit()
    return report


def _build(spec: QualificationSpec, digest: str, version: int) -> Qualification:
    qualification = Qualification(
        key=spec.key, version=version, code=spec.code, name_fi=spec.name_fi, name_sv=spec.name_sv,
        diaarinumero=spec.diaarinumero, valid_from=spec.valid_from, eperusteet_id=spec.eperusteet_id,
        competence_areas=spec.competence_areas, note=spec.note, source=spec.source, content_hash=digest,
    )
    for position, unit in enumerate(spec.units):
        row = QualificationUnit(
            position=position, code=unit.code, name_fi=unit.name_fi, name_sv=unit.name_sv, points=unit.points,
            mandatory=unit.mandatory, mandatory_in=unit.mandatory_in, common=unit.common,
            requirements_intro=unit.requirements_intro,
        )
        row.requirements = [CompetenceRequirement(position=n, text=r.text, area=r.area)
                            for n, r in enumerate(unit.requirements)]
        qualification.units.append(row)
    return qualification


def current_version(key: str) -> Qualification | None:
    return db.session.scalar(select(Qualification).where(Qualification.key == key, Qualification.is_current))


def current_qualifications() -> list[Qualification]:
    return list(db.session.scalars(
        select(Qualification).where(Qualification.is_current).order_by(Qualification.name_fi)
    ))


def qualification_versions(key: str) -> list[Qualification]:
    return list(db.session.scalars(
        select(Qualification).where(Qualification.key == key).order_by(Qualification.version.desc())
    ))


def get_qualification(qualification_id: int) -> Qualification:
    qualification = db.session.get(Qualification, qualification_id)
    if qualification is None:
        raise NotFound(_("Tutkintoa ei löytynyt."))
    return qualification


def get_unit(unit_id: int) -> QualificationUnit:
    unit = db.session.get(QualificationUnit, unit_id)
    if unit is None:
        raise NotFound(_("Tutkinnon osaa ei löytynyt."))
    return unit


def qualification_name(key: str) -> str | None:
    """The current name of a qualification by its key, for search facets; None if unknown."""
    return db.session.scalar(select(Qualification.name_fi).where(Qualification.key == key, Qualification.is_current))


def unit_name(code: str) -> str | None:
    """The name of a unit by its code (the newest import wins), for search facets."""
    return db.session.scalar(
        select(QualificationUnit.name_fi).join(Qualification).where(QualificationUnit.code == code)
        .order_by(Qualification.is_current.desc(), Qualification.version.desc()).limit(1)
    )
