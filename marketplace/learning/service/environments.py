"""Learning environments: which units and competence requirements an offering lets people learn and show."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Offering
from marketplace.database import commit_or_conflict
from marketplace.errors import InvalidInput, NotFound
from marketplace.extensions import db
from marketplace.learning.models import OfferingUnit, OfferingUnitRequirement, Qualification, QualificationUnit
from marketplace.validators import free_text


def _units_text(offering: Offering) -> str:
    return ", ".join(ou.unit.label for ou in offering.learning_units)


def describe_unit(offering: Offering, unit: QualificationUnit, tasks: str, requirement_ids: set[int],
                  actor: User) -> OfferingUnit:
    """Add or update one unit of the offering's learning environment, with the tasks that teach it."""
    catalog.require_editor(offering, actor)
    tasks = free_text(tasks, "tasks", required_message=_(
        "Kerro, millaisissa tehtävissä tutkinnon osan osaamista voi oppia ja osoittaa."))
    allowed = {requirement.id for requirement in unit.requirements}
    if requirement_ids - allowed:
        raise InvalidInput(_("Ammattitaitovaatimus ei kuulu tähän tutkinnon osaan."), "requirements")
    if unit.requirements and not requirement_ids:
        raise InvalidInput(_("Valitse vaatimukset, joita tehtävissä voi osoittaa."), "requirements")
    before = _units_text(offering)
    offering_unit = next((ou for ou in offering.learning_units if ou.unit_id == unit.id), None)
    if offering_unit is None:
        offering_unit = OfferingUnit(unit=unit)
        offering.learning_units.append(offering_unit)
    offering_unit.tasks = tasks
    offering_unit.requirements = [OfferingUnitRequirement(requirement_id=rid) for rid in sorted(requirement_ids)]
    catalog.note_edit(offering, "learning_units", before, _units_text(offering), actor)  # and reindexes it
    commit_or_conflict(catalog.edited_meanwhile())
    return offering_unit


def get_offering_unit(offering: Offering, offering_unit_id: int) -> OfferingUnit:
    offering_unit = next((ou for ou in offering.learning_units if ou.id == offering_unit_id), None)
    if offering_unit is None:
        raise NotFound(_("Tutkinnon osaa ei ole kuvattu tälle palvelulle."))
    return offering_unit


def remove_offering_unit(offering: Offering, offering_unit: OfferingUnit, actor: User) -> None:
    catalog.require_editor(offering, actor)
    before = _units_text(offering)
    offering.learning_units.remove(offering_unit)
    catalog.note_edit(offering, "learning_units", before, _units_text(offering), actor)
    commit_or_conflict(catalog.edited_meanwhile())


@dataclass(frozen=True)
class ImportedUnit:
    """A unit an HSDS file says the offering teaches: its qualification, version and code (or #position)."""

    key: str
    version: int
    reference: str
    tasks: str
    requirement_positions: frozenset[int]


def _find_unit(item: ImportedUnit) -> QualificationUnit | None:
    match = (QualificationUnit.position == int(item.reference[1:]) if item.reference.startswith("#")
             else QualificationUnit.code == item.reference)
    return db.session.scalar(select(QualificationUnit).join(Qualification).where(
        Qualification.key == item.key, Qualification.version == item.version, match))


def set_imported_units(offering: Offering, items: list[ImportedUnit]) -> tuple[bool, list[ImportedUnit]]:
    """Make the offering teach exactly these units (a trusted import; no commit): (changed, units not known here).

    A unit this site has not imported (another qualification version, say) is left out and reported.
    """
    wanted: dict[int, tuple[str, set[int]]] = {}
    unknown = []
    for item in items:
        unit = _find_unit(item)
        if unit is None:
            unknown.append(item)
            continue
        wanted[unit.id] = (item.tasks, {r.id for r in unit.requirements if r.position in item.requirement_positions})
    present = {ou.unit_id: (ou.tasks, ou.requirement_ids) for ou in offering.learning_units}
    if present == wanted:
        return False, unknown
    for offering_unit in [ou for ou in offering.learning_units if ou.unit_id not in wanted]:
        offering.learning_units.remove(offering_unit)
    for unit_id, (tasks, requirement_ids) in wanted.items():
        offering_unit = next((ou for ou in offering.learning_units if ou.unit_id == unit_id), None)
        if offering_unit is None:
            offering_unit = OfferingUnit(unit_id=unit_id)
            offering.learning_units.append(offering_unit)
        offering_unit.tasks = tasks
        offering_unit.requirements = [OfferingUnitRequirement(requirement_id=rid) for rid in sorted(requirement_ids)]
    return True, unknown
