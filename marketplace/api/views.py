"""The HSDS 3.0 read endpoints of openapi.json: public offerings of verified organisations, their organisations,
locations and taxonomies. Conditional requests get 304; any origin may read them (CORS, GET only)."""

import hashlib
import json

from flask import Response, jsonify, request, stream_with_context, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin

from marketplace.api import bp, openapi
from marketplace.api.hsds import listings, objects, profile
from marketplace.api.hsds import vocabulary as v
from marketplace.api.hsds.listings import Page
from marketplace.api.hsds.params import Params, read_params
from marketplace.catalog import service as catalog
from marketplace.errors import InvalidInput, NotFound

HSDS_VERSION = "3.0"
_LISTED = ("search", "page", "per_page")
_SERVICE_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "postcode", "proximity")
HSDS_ENDPOINTS = set()  # filled by @hsds: what gets CORS and conditional responses


def hsds(rule: str):
    """Register a read endpoint of the HSDS API."""
    def register(view):
        HSDS_ENDPOINTS.add(f"{bp.name}.{view.__name__}")
        return bp.get(rule)(view)
    return register


@bp.after_request
def _open_and_conditional(response: Response) -> Response:
    if request.endpoint not in HSDS_ENDPOINTS:
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET"
        response.headers["Access-Control-Allow-Headers"] = "Accept-Language, If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
        return response
    if response.status_code != 200:
        return response
    response.last_modified = listings.catalogue_changed_at()
    if not response.is_streamed:
        response.add_etag()
    return response.make_conditional(request)


def _page(page: Page, params: Params, item) -> Response:
    total_pages = -(-page.total // params.per_page) if page.total else 0
    body = {
        "total_items": page.total, "total_pages": total_pages, "page_number": params.page, "size": len(page.items),
        "first_page": params.page == 1, "last_page": params.page >= total_pages, "empty": not page.items,
        "contents": [item(row) for row in page.items],
    }
    if page.matches is not None:
        body["matches"] = page.matches
    return jsonify(body)


def _lines(rows, item) -> Response:
    """Every match as newline-delimited JSON, streamed (format=ndjson), with a weak ETag of what it depends on."""
    def generate():
        for row in rows:
            yield json.dumps(item(row), ensure_ascii=False) + "\n"

    response = Response(stream_with_context(generate()), mimetype="application/x-ndjson")
    response.set_etag(_version_tag(), weak=True)
    return response


def _version_tag() -> str:
    """What a streamed list depends on: the catalogue's last change, the request and the language."""
    changed = listings.catalogue_changed_at()
    key = f"{changed.isoformat() if changed else ''}|{request.full_path}|{get_locale()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _service_item(params: Params):
    if params.minimal:
        return lambda offering: {"id": str(offering.uuid), "last_modified": objects.service_summary(offering)[
            "last_modified"]}
    return objects.service if params.full else objects.service_summary


@hsds("/")
def info():
    """What this API is: the HSDS version, the profile and the OpenAPI document."""
    return jsonify({"version": HSDS_VERSION, "profile": url_for("api.profile_document", _external=True),
                    "openapi_url": url_for("api.openapi_document", _external=True)})


@hsds("/profile")
def profile_document():
    """How Finnish concepts map onto HSDS 3.0 here (in the spirit of HSDS profiles)."""
    return jsonify(profile.document())


def _listing(params: Params, item, page_of, all_of) -> Response:
    """A page of the list, or with format=ndjson every row of it."""
    if params.format == "ndjson":
        return _lines(all_of(), item)
    return _page(page_of(), params, item)


@hsds("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 document of the whole API."""
    return jsonify(openapi.document())


@hsds("/schema/<path:name>")
def schema(name: str):
    """The HSDS 3.0 JSON schemas the OpenAPI document refers to."""
    return jsonify(openapi.schema_file(name))


@hsds("/services")
def services():
    params = read_params(*_LISTED, *_SERVICE_FILTERS, "minimal", "full")
    return _listing(params, _service_item(params), lambda: listings.offerings_page(params),
                    lambda: listings.all_offerings(params))


@hsds("/services/<service_id>")
def service(service_id: str):
    read_params()
    return jsonify(objects.service(catalog.get_offering(service_id, AnonymousUserMixin())))  # public ones only


@hsds("/service_at_locations")
def service_at_locations():
    params = read_params(*_LISTED, *_SERVICE_FILTERS, "full")

    def item(offering):
        return objects.service_at_location(offering, with_service=params.full)

    return _listing(params, item, lambda: listings.offerings_page(params, located_only=True),
                    lambda: listings.all_offerings(params, located_only=True))


@hsds("/service_at_locations/<service_at_location_id>")
def service_at_location(service_at_location_id: str):
    read_params()
    offering = listings.located_offering(service_at_location_id)
    if offering is None:
        raise NotFound(_("Palvelun toimipistettä ei löytynyt."))
    return jsonify(objects.service_at_location(offering, with_service=True))


def _organisation_item(params: Params):
    def item(organisation):
        if params.full_service:
            return objects.organization(organisation, [objects.service(o) for o in listings.offerings_of(organisation)])
        if params.full:
            return objects.organization(organisation, [objects.service_summary(o)
                                                       for o in listings.offerings_of(organisation)])
        return objects.organization_summary(organisation)
    return item


@hsds("/organizations")
def organizations():
    params = read_params(*_LISTED, "full", "full_service")
    return _listing(params, _organisation_item(params), lambda: listings.organisations_page(params),
                    lambda: listings.all_organisations(params))


@hsds("/organizations/<organization_id>")
def organization(organization_id: str):
    params = read_params("full_service")
    found = listings.public_organisation(organization_id)
    if found is None:
        raise NotFound(_("Organisaatiota ei löytynyt, tai sillä ei ole julkaistuja palveluja."))
    params.full = True
    return jsonify(_organisation_item(params)(found))


def _rows(rows: list, params: Params) -> Response:
    """A list the app holds in memory (taxonomies, terms): `search` matches any of a row's values."""
    if params.search:
        needle = params.search.lower()
        rows = [row for row in rows if needle in " ".join(map(str, row.values())).lower()]
    start = (params.page - 1) * params.per_page
    return _listing(params, lambda row: row, lambda: Page(rows[start:start + params.per_page], len(rows)),
                    lambda: rows)


@hsds("/taxonomies")
def taxonomies():
    params = read_params(*_LISTED)
    return _rows([objects.taxonomy(item) for item in v.TAXONOMIES], params)


@hsds("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str):
    read_params()
    found = v.find_taxonomy(taxonomy_id)
    if found is None or found.id != taxonomy_id:
        raise NotFound(_("Luokitusta ei löytynyt."))
    return jsonify(objects.taxonomy(found))


@hsds("/taxonomy_terms")
def taxonomy_terms():
    params = read_params(*_LISTED, "taxonomy_id", "top_only", "parent_id")
    terms = listings.all_terms()
    if params.taxonomy_id:
        chosen = v.find_taxonomy(params.taxonomy_id)
        if chosen is None:
            raise InvalidInput(_("taxonomy_id: tuntematon luokitus."), "taxonomy_id")
        terms = [term for term in terms if term.taxonomy == chosen.name]
    if params.top_only:
        terms = [term for term in terms if term.parent_id is None]
    if params.parent_id:
        terms = [term for term in terms if term.parent_id == params.parent_id]
    return _rows([objects.taxonomy_term(term, nested=False) for term in terms], params)


@hsds("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str):
    read_params()
    found = listings.find_term(term_id)
    if found is None:
        raise NotFound(_("Luokituksen termiä ei löytynyt."))
    return jsonify(objects.taxonomy_term(found))
