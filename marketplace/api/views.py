"""GET /api/v1/services (HSDS Page, ranked by the same search as the HTML page) and GET /api/v1/services/{id}."""

from uuid import UUID

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin

from marketplace.api import bp, hsds
from marketplace.catalog import service as catalog
from marketplace.errors import InvalidInput
from marketplace.inputs import MAX_PAGE, query_integer
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, taxonomy_terms
from marketplace.search.query import Filters, SearchRequest, search

MAX_PER_PAGE = 100


def _uuid(name: str) -> str:
    raw = request.args.get(name, "")
    if not raw:
        return ""
    try:
        return str(UUID(raw))
    except ValueError:
        raise InvalidInput(_("%(name)s: ei kelvollinen UUID.", name=name), name) from None


def _filters() -> Filters:
    filters = Filters(organisation_id=_uuid("organization_id"))
    term_id = _uuid("taxonomy_term_id")
    if term_id:
        term = next((t for t in taxonomy_terms() if t.id == term_id), None)
        if term is None:
            raise InvalidInput(_("taxonomy_term_id: tuntematon luokituksen termi."), "taxonomy_term_id")
        if term.taxonomy == OFFERING_TYPE:
            filters.type = term.code
        elif term.taxonomy == TARGET_GROUP:
            filters.groups = term.code
    return filters


@bp.get("/services")
def services():
    per_page = query_integer("per_page", 20, 1, MAX_PER_PAGE)
    page = query_integer("page", 1, 1, MAX_PAGE)
    result = search(SearchRequest(text=request.args.get("search", ""), filters=_filters(), page=page,
                                  per_page=per_page, with_facets=False))
    offerings = catalog.offerings_by_uuids(result.ids)
    total_pages = result.pages if result.total else 0
    return jsonify({
        "total_items": result.total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(offerings),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not offerings,
        "contents": [hsds.service(offering) for offering in offerings],
    })


@bp.get("/services/<service_id>")
def service(service_id: str):
    offering = catalog.get_offering(service_id, AnonymousUserMixin())  # the API shows public offerings only
    return jsonify(hsds.service(offering))
