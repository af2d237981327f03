"""Coordinators' own groups of municipalities, offered beside the employment areas in every report's filters."""

from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import User
from marketplace.clock import utcnow
from marketplace.errors import InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.reference import find_municipality
from marketplace.reports.models import MunicipalityGroup, MunicipalityGroupMember
from marketplace.reports.permissions import can_manage_groups


def groups() -> list[MunicipalityGroup]:
    return list(db.session.scalars(select(MunicipalityGroup).order_by(func.lower(MunicipalityGroup.name))))


def get_group(group_uuid: UUID | str) -> MunicipalityGroup:
    try:
        key = group_uuid if isinstance(group_uuid, UUID) else UUID(str(group_uuid))
    except ValueError:
        raise NotFound(_("Aluetta ei löytynyt.")) from None
    group = db.session.scalar(select(MunicipalityGroup).where(MunicipalityGroup.uuid == key))
    if group is None:
        raise NotFound(_("Aluetta ei löytynyt."))
    return group


def _require_manager(actor: User) -> None:
    if not can_manage_groups(actor):
        raise NotPermitted(_("Omia alueita voi muokata vain alueen koordinaattori."))


def save_group(name: str, codes: list[str], actor: User, group: MunicipalityGroup | None = None) -> MunicipalityGroup:
    """Create a group, or rename it and replace its municipalities; names are unique, ignoring case."""
    _require_manager(actor)
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Anna alueelle nimi."), "name")
    found = [find_municipality(code) for code in codes]
    if not codes or any(m is None or not m.is_current for m in found):
        raise InvalidInput(_("Valitse kunnat luettelosta."), "municipalities")
    taken = db.session.scalar(select(MunicipalityGroup).where(
        func.lower(MunicipalityGroup.name) == name.lower(),
        MunicipalityGroup.id != (group.id if group else -1)))
    if taken is not None:
        raise InvalidInput(_("Samanniminen alue on jo olemassa."), "name")
    group = group or MunicipalityGroup(created_by_id=actor.id)
    group.name = name
    group.updated_at = utcnow()
    wanted = sorted({m.code for m in found})
    group.members = [member for member in group.members if member.code in wanted] + [
        MunicipalityGroupMember(code=code) for code in wanted if code not in group.municipality_codes]
    db.session.add(group)
    try:
        db.session.commit()
    except IntegrityError:  # the same name saved by someone else at the same moment
        db.session.rollback()
        raise InvalidInput(_("Samanniminen alue on jo olemassa."), "name") from None
    return group


def delete_group(group: MunicipalityGroup, actor: User) -> None:
    _require_manager(actor)
    db.session.delete(group)
    db.session.commit()
