"""Terms of other systems' taxonomies that imports bring: kept with the offerings that carry them (and
exported again), listed for coordinators, and once mapped read as the offering type or target group they mean."""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, select

from marketplace.api.hsds import vocabulary as v
from marketplace.api.models import ForeignTerm, HeldService, OfferingForeignTerm
from marketplace.extensions import db
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, find_term

MAPPABLE = (OFFERING_TYPE, TARGET_GROUP)


@dataclass(frozen=True)
class Found:
    """A foreign term on an imported object, as the file names it."""

    taxonomy: str
    code: str
    name: str
    source_id: str
    value: str


def term_of(found: Found) -> ForeignTerm:
    """The stored term (created on first sight; not committed)."""
    with db.session.no_autoflush:
        term = db.session.scalar(select(ForeignTerm).where(ForeignTerm.taxonomy == found.taxonomy,
                                                           ForeignTerm.code == found.code))
    if term is None:
        term = ForeignTerm(taxonomy=found.taxonomy, code=found.code, name=found.name, source_id=found.source_id)
        db.session.add(term)
        db.session.flush()
    return term


def mapping(found: Found) -> tuple[str, str] | None:
    """(our taxonomy, our code) a coordinator said this term means, if any."""
    term = term_of(found)
    if term.mapped_taxonomy and find_term(term.mapped_taxonomy, term.mapped_code or ""):
        return term.mapped_taxonomy, term.mapped_code
    return None


def keep_terms(offering, found: list[Found]) -> bool:
    """The offering carries exactly these foreign terms; True if that changed anything."""
    wanted = {term_of(item).id: item.value for item in found}
    present = {row.term_id: row.value for row in offering.foreign_terms}
    if wanted == present:
        return False
    offering.foreign_terms[:] = [OfferingForeignTerm(term_id=term_id, value=value) for term_id, value in wanted.items()]
    return True


@dataclass(frozen=True)
class TermUse:
    term: ForeignTerm
    offerings: int
    held: int


def terms_in_use() -> list[TermUse]:
    """Every foreign term, how many offerings carry it and how many held services name it; unmapped first."""
    carried = dict(db.session.execute(select(OfferingForeignTerm.term_id, func.count()).group_by(
        OfferingForeignTerm.term_id)).all())
    held = held_services()
    uses = [TermUse(term, carried.get(term.id, 0), sum([term.taxonomy, term.code] in h.terms for h in held))
            for term in db.session.scalars(select(ForeignTerm).order_by(ForeignTerm.taxonomy, ForeignTerm.code))]
    return sorted(uses, key=lambda use: (use.term.mapped_code is not None, -use.held, -use.offerings))


def held_services() -> list[HeldService]:
    return list(db.session.scalars(select(HeldService).order_by(HeldService.held_at, HeldService.id)))


def as_term(term: ForeignTerm) -> v.Term:
    """The term as HSDS shows it again: its own taxonomy and code, and its own id where that was a UUID."""
    try:
        source_id = str(UUID(term.source_id))
    except ValueError:
        source_id = ""
    return v.Term(term.taxonomy, term.code, term.name or term.code, term.name or term.code, id=source_id)


def public_terms(public_offering_ids) -> list[v.Term]:
    """The foreign terms that published offerings carry (`public_offering_ids`: a subquery of their ids)."""
    carried = select(OfferingForeignTerm.term_id).where(OfferingForeignTerm.offering_id.in_(public_offering_ids))
    return [as_term(term) for term in db.session.scalars(
        select(ForeignTerm).where(ForeignTerm.id.in_(carried)).order_by(ForeignTerm.taxonomy, ForeignTerm.code))]
