"""Which public offerings and organisations an HSDS list endpoint returns, and in what order.

Without `search` the database answers, in a stable order (paging through the whole catalogue never skips or
repeats a service while nothing changes). With `search` the index ranks, as on the search page; filters the
index has (organisation, offering type, target group, municipality) are applied there, and the others
(`modified_after`, `taxonomy_id`, the other taxonomies) by the database on the ranked ids.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Organisation
from marketplace.api.hsds import foreign
from marketplace.api.hsds import vocabulary as v
from marketplace.api.hsds.params import Params
from marketplace.api.models import ForeignTerm, OfferingForeignTerm
from marketplace.catalog import service as catalog
from marketplace.catalog.models import DeliveryMode, Offering, OfferingMunicipality, OfferingTargetGroup
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.learning.models import OfferingUnit, Qualification, QualificationUnit
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP
from marketplace.search.places import Near
from marketplace.search.query import Filters, SearchRequest, SearchResult, search

BATCH = 500


def _parts():
    """What an HSDS service shows: the catalogue's parts and the foreign terms an import brought."""
    return (*catalog.offering_parts(), selectinload(Offering.foreign_terms))


_INDEXED = {OFFERING_TYPE: "type", TARGET_GROUP: "groups", v.MUNICIPALITY: "municipalities"}
_ALWAYS_PRESENT = {OFFERING_TYPE, TARGET_GROUP, v.MUNICIPALITY, v.ORGANISATION_KIND, v.FUNDING_SOURCE, v.DETAIL}


@dataclass
class Page:
    items: list
    total: int
    matches: dict | None = None  # of a text search: how many match every word, how many only some


@dataclass
class _Query:
    """A list request as the index and the database see it."""

    text: str
    index_filters: Filters
    conditions: list  # SQL conditions on Offering (joined with its Organisation)

    @property
    def needs_database(self) -> bool:
        return bool(self.conditions)


def unit_terms() -> list[v.Term]:
    """The terms of the qualification units (and their competence requirements) public offerings teach."""
    rows = db.session.scalars(select(OfferingUnit).where(OfferingUnit.offering_id.in_(_public_ids())).options(
        selectinload(OfferingUnit.unit).selectinload(QualificationUnit.requirements),
        selectinload(OfferingUnit.unit).selectinload(QualificationUnit.qualification),
        selectinload(OfferingUnit.requirements)))
    terms: dict[str, v.Term] = {}
    for offering_unit in rows:
        unit = v.unit_term(offering_unit.unit)
        terms[unit.id] = unit
        for requirement in offering_unit.unit.requirements:
            if requirement.id in offering_unit.requirement_ids:
                child = v.requirement_term(requirement, unit)
                terms[child.id] = child
    return sorted(terms.values(), key=lambda term: (term.taxonomy != v.QUALIFICATION_UNIT, term.code))


def _public_ids():
    return catalog.public_offerings_query().with_only_columns(Offering.id)


def all_terms() -> list[v.Term]:
    """Our taxonomies' terms, the units taught, and other systems' terms that published offerings carry."""
    return [*v.fixed_terms(), *unit_terms(), *foreign.public_terms(_public_ids())]


def find_term(term_id: str) -> v.Term | None:
    return v.fixed_term_by_id(term_id) or next((term for term in all_terms() if term.id == term_id), None)


def _unit_condition(code: str):
    key, version, reference = code.split("/", 2)
    unit_match = QualificationUnit.position == int(reference[1:]) if reference.startswith("#") else (
        QualificationUnit.code == reference)
    return exists().where(
        OfferingUnit.offering_id == Offering.id, OfferingUnit.unit_id == QualificationUnit.id,
        QualificationUnit.qualification_id == Qualification.id, Qualification.key == key,
        Qualification.version == int(version), unit_match)


def _term_condition(term_id: str, query: _Query) -> None:
    term = find_term(term_id)
    if term is None:
        raise InvalidInput(_("taxonomy_term_id: tuntematon luokituksen termi."), "taxonomy_term_id")
    if term.taxonomy in _INDEXED:
        setattr(query.index_filters, _INDEXED[term.taxonomy], (term.code,))
    elif term.taxonomy == v.ORGANISATION_KIND:
        query.conditions.append(Organisation.kind == term.code)
    elif term.taxonomy == v.FUNDING_SOURCE:
        query.conditions.append(Offering.funding_source == term.code)
    elif term.taxonomy == v.QUALIFICATION_UNIT:
        query.conditions.append(_unit_condition(term.code))
    elif v.find_taxonomy(term.taxonomy) is None:  # another system's term an import brought
        query.conditions.append(exists().where(
            OfferingForeignTerm.offering_id == Offering.id, OfferingForeignTerm.term_id == ForeignTerm.id,
            ForeignTerm.taxonomy == term.taxonomy, ForeignTerm.code == term.code))
    else:
        raise InvalidInput(_("taxonomy_term_id: tämän luokituksen termeillä ei voi rajata palveluja."),
                           "taxonomy_term_id")


def _query(params: Params, located_only: bool = False) -> _Query:
    query = _Query(params.search, Filters(organisation_id=params.organization_id), [])
    if params.taxonomy_term_id:
        _term_condition(params.taxonomy_term_id, query)
    if params.taxonomy_id:
        taxonomy = v.find_taxonomy(params.taxonomy_id)
        if taxonomy is None:
            raise InvalidInput(_("taxonomy_id: tuntematon luokitus."), "taxonomy_id")
        if taxonomy.name not in _ALWAYS_PRESENT:  # every service has a type, a target group, a municipality…
            query.conditions.append(exists().where(OfferingUnit.offering_id == Offering.id))
    if params.modified_after:
        query.conditions.append(Offering.updated_at >= params.modified_after)
    if params.postcode and params.proximity:  # HSDS: within `proximity` metres of the postcode's centroid
        query.index_filters.near = Near(params.postcode, round(params.proximity / 1000, 1))
    elif params.postcode:  # HSDS: services whose service area holds the postcode
        query.conditions.append(exists().where(OfferingMunicipality.offering_id == Offering.id,
                                               OfferingMunicipality.code == params.postcode))
    if located_only:
        query.conditions.append(and_(Offering.delivery_mode != DeliveryMode.REMOTE, Offering.street_address != "",
                                     Offering.postal_code != "", Offering.post_office != ""))
    return query


def _sql(query: _Query):
    """Every condition, the index's ones too, in SQL (for the database path)."""
    statement = catalog.public_offerings_query().where(*query.conditions)
    filters = query.index_filters
    if filters.organisation_id:
        statement = statement.where(Organisation.uuid == UUID(filters.organisation_id))
    if filters.type:
        statement = statement.where(Offering.offering_type.in_(filters.type))
    if filters.groups:
        statement = statement.where(exists().where(OfferingTargetGroup.offering_id == Offering.id,
                                                   OfferingTargetGroup.code.in_(filters.groups)))
    if filters.municipalities:
        statement = statement.where(exists().where(OfferingMunicipality.offering_id == Offering.id,
                                                   OfferingMunicipality.code.in_(filters.municipalities)))
    if filters.near:  # offerings one goes to, near the point (remote ones "exist" nowhere)
        statement = statement.where(Offering.delivery_mode != DeliveryMode.REMOTE, exists().where(
            OfferingMunicipality.offering_id == Offering.id, OfferingMunicipality.code.in_(filters.near.codes())))
    return statement


def _ranked(query: _Query) -> SearchResult:
    """Every match of the search, best first (those matching every word before the rest)."""
    first = search(SearchRequest(text=query.text, filters=query.index_filters, per_page=1, with_facets=False))
    if not first.total:
        return first
    return search(SearchRequest(text=query.text, filters=query.index_filters, per_page=first.total,
                                with_facets=False))


def _matches(all_words: int, total: int) -> dict:
    return {"all_words": all_words, "some_words": total - all_words}


def _kept(ids: list[str], query: _Query) -> list[str]:
    """The ranked ids that also meet the database's conditions, in rank order."""
    kept: set[UUID] = set()
    for start in range(0, len(ids), BATCH):
        chunk = [UUID(value) for value in ids[start:start + BATCH]]
        kept.update(db.session.scalars(_sql(query).where(Offering.uuid.in_(chunk)).with_only_columns(Offering.uuid)))
    return [value for value in ids if UUID(value) in kept]


def offerings_page(params: Params, located_only: bool = False) -> Page:
    query = _query(params, located_only)
    start = (params.page - 1) * params.per_page
    if not query.text:
        statement = _sql(query)
        total = db.session.scalar(statement.with_only_columns(func.count(Offering.id)).order_by(None))
        rows = db.session.scalars(statement.order_by(Offering.id).offset(start).limit(params.per_page)
                                  .options(*_parts()))
        return Page(list(rows), total)
    if not query.needs_database:
        result = search(SearchRequest(text=query.text, filters=query.index_filters, page=params.page,
                                      per_page=params.per_page, with_facets=False))
        return Page(catalog.offerings_by_uuids(result.ids), result.total,
                    _matches(result.total - result.partial_matches, result.total))
    ranked = _ranked(query)
    ids = _kept(ranked.ids, query)
    every_word = set(ranked.ids[:ranked.total - ranked.partial_matches])
    return Page(catalog.offerings_by_uuids(ids[start:start + params.per_page]), len(ids),
                _matches(sum(value in every_word for value in ids), len(ids)))


def all_offerings(params: Params, located_only: bool = False) -> Iterator[Offering]:
    """Every match, in the list's order, a batch at a time (ndjson and exports: flat memory)."""
    query = _query(params, located_only)
    if query.text:
        ids = _ranked(query).ids
        ids = _kept(ids, query) if query.needs_database else ids
        for start in range(0, len(ids), BATCH):
            yield from catalog.offerings_by_uuids(ids[start:start + BATCH])
            db.session.expunge_all()
        return
    last = 0
    while True:
        batch = list(db.session.scalars(_sql(query).where(Offering.id > last).order_by(Offering.id).limit(BATCH)
                                        .options(*_parts())))
        if not batch:
            return
        last = batch[-1].id
        yield from batch
        db.session.expunge_all()


# -- organisations: the verified ones that publish at least one public offering

def _organisations(params: Params):
    publishing = catalog.public_offerings_query().with_only_columns(Offering.organisation_id)
    statement = select(Organisation).where(Organisation.id.in_(publishing))
    if params.search:
        pattern = f"%{params.search.lower()}%"
        statement = statement.where(or_(func.lower(Organisation.name).like(pattern),
                                        func.lower(Organisation.description).like(pattern)))
    return statement


def organisations_page(params: Params) -> Page:
    statement = _organisations(params)
    total = db.session.scalar(statement.with_only_columns(func.count(Organisation.id)).order_by(None))
    rows = db.session.scalars(statement.order_by(Organisation.name, Organisation.id)
                              .offset((params.page - 1) * params.per_page).limit(params.per_page))
    return Page(list(rows), total)


def all_organisations(params: Params) -> Iterator[Organisation]:
    yield from db.session.scalars(_organisations(params).order_by(Organisation.name, Organisation.id)
                                  .execution_options(yield_per=BATCH))


def public_organisation(organisation_uuid: str) -> Organisation | None:
    try:
        key = UUID(organisation_uuid)
    except ValueError:
        return None
    return db.session.scalar(_organisations(Params()).where(Organisation.uuid == key))


def offerings_of(organisation: Organisation) -> list[Offering]:
    return list(db.session.scalars(catalog.public_offerings_query().where(Offering.organisation_id == organisation.id)
                                   .order_by(Offering.id).options(*_parts())))


def located_offering(service_at_location_id: str) -> Offering | None:
    """The public offering of a service_at_location id, if it has a location."""
    offering_uuid = v.offering_of_service_at_location(service_at_location_id)
    if offering_uuid is None:
        return None
    query = _query(Params(), located_only=True)
    return db.session.scalar(_sql(query).where(Offering.uuid == offering_uuid).options(*_parts()))


def catalogue_changed_at():
    """When any offering or organisation last changed: the Last-Modified of every HSDS response."""
    moments = [db.session.scalar(select(func.max(Offering.updated_at))),
               db.session.scalar(select(func.max(Organisation.updated_at)))]
    return max((moment for moment in moments if moment), default=None)
