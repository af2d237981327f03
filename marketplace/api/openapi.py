"""The OpenAPI 3.1 document of the whole API (/api/v1/openapi.json): the HSDS read endpoints as the HSDS
openapi.json defines them (its schemas served beside it, under /api/v1/schema/), our additions, and the
referral API with its token, errors and shapes."""

import copy
import gzip
import json
from functools import cache
from importlib.resources import files

from flask import abort, url_for

from marketplace.api.hsds.params import MAX_PER_PAGE
from marketplace.referrals.models import DeclineReason, DiscontinueReason, Fit, Outcome, ReferralStatus

SCHEMA = files("marketplace.api.hsds").joinpath("schema")
_HSDS_SCHEMA_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
_JSON = "application/json"


@cache
def schema_file(name: str) -> dict:
    """A schema file we serve: a component one ("service.json") or a compiled one ("compiled/service.json")."""
    if name.startswith("compiled/"):
        packed = SCHEMA.joinpath("compiled", name.removeprefix("compiled/") + ".gz")
        if not packed.is_file():
            abort(404)
        return json.loads(gzip.decompress(packed.read_bytes()))
    found = SCHEMA.joinpath(name)
    if "/" in name or not name.endswith(".json") or name == "openapi.json" or not found.is_file():
        abort(404)
    return json.loads(found.read_text("utf-8"))


# The HSDS 3.0 document names a compiled list schema its release does not include: the component one serves.
_MISSING = {"compiled/service_at_location_list.json": "service_at_location.json"}


def _local_reference(reference: str) -> str:
    if not reference.startswith(_HSDS_SCHEMA_URL):
        return reference
    name = reference.removeprefix(_HSDS_SCHEMA_URL)
    return "schema/" + _MISSING.get(name, name)


def _local(value):
    """The HSDS document's references to the specification's repository, pointed at our copies."""
    if isinstance(value, dict):
        return {key: (_local_reference(item) if key == "$ref" and isinstance(item, str) else _local(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_local(item) for item in value]
    return value


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


_ERROR = {"$ref": "#/components/responses/Error"}
_NOT_MODIFIED = {"description": "Not modified since the ETag (If-None-Match) or time (If-Modified-Since) sent."}


def _content(paths: dict, path: str) -> dict:
    return paths[path]["get"]["responses"]["200"]["content"][_JSON]


_MATCHES = {
    "type": "object", "required": ["all_words", "some_words"],
    "description": "Our extension, with `search` only: of total_items, how many match every word and how many "
                   "only some (listed after them, when few match every word).",
    "properties": {"all_words": {"type": "integer", "minimum": 0}, "some_words": {"type": "integer", "minimum": 0}}}


def _hsds_paths() -> dict:
    hsds = _local(json.loads(SCHEMA.joinpath("openapi.json").read_text("utf-8")))
    paths = {}
    for path, item in hsds["paths"].items():
        item = copy.deepcopy(item)
        for method, operation in item.items():
            if method == "parameters":
                continue
            operation["tags"] = ["HSDS 3.0"]
            operation["responses"].update({"304": _NOT_MODIFIED, "400": _ERROR, "404": _ERROR, "422": _ERROR,
                                           "429": _ERROR})
        paths[path] = item
    paths["/"]["get"]["responses"]["200"]["content"][_JSON]["schema"]["required"] = ["version", "profile"]
    # Where the HSDS document is wrong or silent: one service_at_location is not a service; minimal=true lists
    # only ids and times.
    _content(paths, "/service_at_locations/{id}")["schema"] = {"$ref": "schema/service_at_location.json"}
    for listed in ("/services", "/service_at_locations"):
        _content(paths, listed)["schema"]["properties"]["matches"] = _MATCHES
    contents = _content(paths, "/services")["schema"]["properties"]["contents"]
    contents["items"] = {"anyOf": [contents["items"], {
        "type": "object", "required": ["id", "last_modified"],
        "properties": {"id": {"type": "string", "format": "uuid"},
                       "last_modified": {"type": "string", "format": "date-time"}}}]}
    paths["/openapi.json"] = {"get": {
        "tags": ["HSDS 3.0"], "operationId": "getOpenAPI", "summary": "This document",
        "responses": {"200": _json({"type": "object", "required": ["openapi", "paths"]}, "OpenAPI 3.1."),
                      "304": _NOT_MODIFIED}}}
    paths["/schema/{name}"] = {"get": {
        "tags": ["HSDS 3.0"], "operationId": "getSchema", "summary": "An HSDS 3.0 JSON schema this document refers to",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"},
                        "description": "service.json, compiled/service.json…"}],
        "responses": {"200": _json({"type": "object"}, "The schema."), "304": _NOT_MODIFIED, "404": _ERROR}}}
    paths["/profile"] = {"get": {
        "tags": ["HSDS 3.0"], "operationId": "getProfile", "summary": "The HSDS profile of this API",
        "description": "How Finnish concepts (Y-tunnus, kuntanumero, opinnollistaminen, places) map onto HSDS 3.0.",
        "responses": {"200": _json({"type": "object", "required": ["name", "hsds_version", "fields", "taxonomies"]},
                                   "The profile."), "304": _NOT_MODIFIED}}}
    return paths


def _referral_schema() -> dict:
    text, day, moment = {"type": "string"}, {"type": "string", "format": "date"}, {"type": "string",
                                                                                   "format": "date-time"}
    optional = {name: {"type": [value["type"], "null"], **({"format": value["format"]} if "format" in value else {})}
                for name, value in (("text", text), ("day", day), ("moment", moment))}
    organisation = {"type": "object", "required": ["id", "name"],
                    "properties": {"id": {"type": "string", "format": "uuid"}, "name": text}}
    return {"type": "object", "required": ["id", "version", "status", "offering", "provider", "referrer", "timeline"],
            "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"},
                "status": {"enum": [status.value for status in ReferralStatus]}, "status_label": text,
                "overdue": {"type": "boolean"},
                "offering": organisation, "provider": organisation, "referrer": organisation,
                "coach": {"type": ["object", "null"], "properties": {"name": text, "email": text}},
                "jobseeker": {"type": ["object", "null"], "properties": {
                    "name": text, "phone": optional["text"], "email": optional["text"], "language": text}},
                "case_reference": optional["text"], "goal": optional["text"], "background": optional["text"],
                "wished_start_date": optional["day"],
                "education_provider": {"oneOf": [organisation, {"type": "null"}]},
                "eligibility_confirmed": {"type": "boolean"},
                "eligibility_fit": {"enum": [*(fit.value for fit in Fit), None],
                                    "description": "The eligibility check when the referral was sent: fits, "
                                                   "does_not_fit or check (with the provider); null before it."},
                "fit_reason": {**optional["text"], "description": "Why it was sent though it does not fit."},
                "consent": {"type": "object", "properties": {"version": text, "recorded_at": optional["moment"]}},
                "waiting_list": {"type": "boolean", "description": "It waited, or waits, in the offering's queue."},
                "queue_position": {"type": ["integer", "null"], "minimum": 1,
                                   "description": "While queued: 1 for the first in line; otherwise null."},
                "estimated_start": {**optional["day"], "description": "While queued: the provider's estimate of the "
                                    "start, from its start dates or how long places are held; null when none."},
                "start_date": optional["day"],
                "decline_reason": {"enum": [*(r.value for r in DeclineReason), None]},
                "discontinue_reason": {"enum": [*(r.value for r in DiscontinueReason), None]},
                "outcome": {"enum": [*(o.value for o in Outcome), None]},
                "closing_note": optional["text"], "sent_at": optional["moment"], "due_date": optional["day"],
                "first_response_at": optional["moment"], "closed_at": optional["moment"],
                "updated_at": optional["moment"], "personal_data_erased_at": optional["moment"],
                "timeline": {"type": "array", "items": {"type": "object", "required": ["at", "kind", "channel"],
                                                         "properties": {"at": moment, "kind": text,
                                                                        "channel": text}}},
            }}


def _referral_paths() -> dict:
    secured = {"tags": ["Referrals"], "security": [{"token": []}]}
    one = {"200": _json({"$ref": "#/components/schemas/Referral"}, "The referral, with its timeline."),
           "400": _ERROR, "401": _ERROR, "403": _ERROR, "404": _ERROR, "409": _ERROR, "422": _ERROR, "429": _ERROR}
    referral_id = [{"name": "referral_id", "in": "path", "required": True, "schema": {"type": "string",
                                                                                      "format": "uuid"}}]
    listing = {"type": "object", "required": ["total_items", "total_pages", "page_number", "size", "contents"],
               "properties": {"total_items": {"type": "integer"}, "total_pages": {"type": "integer"},
                              "page_number": {"type": "integer"}, "size": {"type": "integer"},
                              "contents": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}}}}
    query = [{"name": name, "in": "query", "schema": schema} for name, schema in (
        ("status", {"type": "string"}), ("role", {"enum": ["sent", "received"]}),
        ("case_reference", {"type": "string"}), ("updated_since", {"type": "string", "format": "date-time"}),
        ("page", {"type": "integer", "minimum": 1}),
        ("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}))]
    return {
        "/referrals": {
            "post": {**secured, "operationId": "createReferral", "summary": "Send a referral",
                     "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True,
                                     "schema": {"type": "string", "maxLength": 100}}],
                     "requestBody": {"required": True, "content": {_JSON: {"schema": {
                         "type": "object", "required": ["offering_id", "jobseeker", "consent"],
                         "properties": {"offering_id": {"type": "string", "format": "uuid"},
                                        "jobseeker": {"type": "object"}, "consent": {"type": "object"},
                                        "case_reference": {"type": "string"}, "goal": {"type": "string"},
                                        "background": {"type": "string"},
                                        "wished_start_date": {"type": "string", "format": "date"},
                                        "eligibility_confirmed": {"type": "boolean"},
                                        "education_provider_id": {"type": "string", "format": "uuid"}}}}}},
                     "responses": {**one, "201": one["200"] | {"description": "Created."},
                                   "200": one["200"] | {"description": "Sent before with this Idempotency-Key."}}},
            "get": {**secured, "operationId": "listReferrals", "summary": "The organisation's referrals",
                    "parameters": query, "responses": {"200": _json(listing, "A page of referrals."),
                                                       "401": _ERROR, "422": _ERROR, "429": _ERROR}},
        },
        "/referrals/{referral_id}": {"parameters": referral_id, "get": {
            **secured, "operationId": "getReferral", "summary": "One referral", "responses": one}},
        "/referrals/{referral_id}/transitions": {"parameters": referral_id, "post": {
            **secured, "operationId": "transitionReferral", "summary": "Accept, decline, start, complete…",
            "requestBody": {"required": True, "content": {_JSON: {"schema": {
                "type": "object", "required": ["action"],
                "properties": {"action": {"type": "string"}, "version": {"type": "integer"},
                               "reason": {"type": "string"}, "outcome": {"type": "string"},
                               "start_date": {"type": "string", "format": "date"}, "message": {"type": "string"},
                               "confirm_full": {"type": "boolean"}}}}}},
            "responses": one}},
        "/referrals/{referral_id}/messages": {"parameters": referral_id, "post": {
            **secured, "operationId": "writeMessage", "summary": "A message on the referral's timeline",
            "requestBody": {"required": True, "content": {_JSON: {"schema": {
                "type": "object", "required": ["body"], "properties": {"body": {"type": "string"}}}}}},
            "responses": {**one, "201": one["200"] | {"description": "Written."}}}},
    }


def document() -> dict:
    """The whole document; its relative references resolve against its own URL."""
    hsds_page = _local(json.loads(SCHEMA.joinpath("openapi.json").read_text("utf-8")))["components"]["schemas"]
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Kumppanitori API", "version": "1",
            "summary": "Open Referral HSDS 3.0 catalogue of employment offerings, and tracked referrals.",
            "description": "Public, read-only HSDS 3.0 endpoints for the published offerings of verified "
                           "organisations (CORS open, ETag/Last-Modified, 304), and the referral API for case "
                           "management systems with a personal access token. Errors are JSON: status, message, "
                           "errors by field, request_id.",
            "license": {"name": "HSDS: CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
        },
        "servers": [{"url": url_for("api.info", _external=True).rstrip("/")}],
        "paths": {**_hsds_paths(), **_referral_paths()},
        "components": {
            "schemas": {**hsds_page, "Referral": _referral_schema(), "Error": {
                "type": "object", "required": ["status", "message", "errors", "request_id"],
                "properties": {"status": {"type": "integer"}, "message": {"type": "string"},
                               "errors": {"type": "object", "additionalProperties": {
                                   "type": "array", "items": {"type": "string"}}},
                               "request_id": {"type": "string"}}}},
            "parameters": _local(json.loads(SCHEMA.joinpath("openapi.json").read_text("utf-8")))["components"][
                "parameters"],
            "responses": {"Error": _json({"$ref": "#/components/schemas/Error"}, "An error, in JSON.")},
            "securitySchemes": {"token": {
                "type": "http", "scheme": "bearer",
                "description": "A personal access token, created on the site's account page and sent as "
                               "`Authorization: Bearer <token>`."}},
        },
    }


def resolve(document: dict, item: dict) -> dict:
    """A parameter (or other object) that may be a local reference ("#/components/parameters/page")."""
    reference = item.get("$ref", "")
    if not reference.startswith("#/"):
        return item
    found = document
    for part in reference[2:].split("/"):
        found = found[part]
    return {**found, **{key: value for key, value in item.items() if key != "$ref"}}
