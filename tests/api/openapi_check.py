"""Every JSON answer of the API, checked against our own OpenAPI document (its schemas resolved as served)."""

import json
import re
from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from marketplace.api import openapi
from marketplace.api.hsds.datapackage import SCHEMA

BASE = "http://localhost/api/v1/"


@cache
def _registry(document_json: str) -> Registry:
    names = [entry.name for entry in SCHEMA.iterdir() if entry.name.endswith(".json") and entry.name != "openapi.json"]
    names += [f"compiled/{entry.name.removesuffix('.gz')}" for entry in SCHEMA.joinpath("compiled").iterdir()]
    resources = [(f"{BASE}schema/{name}", Resource.from_contents(openapi.schema_file(name), DRAFT202012))
                 for name in names]
    resources.append((f"{BASE}openapi.json", Resource.from_contents(json.loads(document_json), DRAFT202012)))
    return Registry().with_resources(resources)


def _operation(document: dict, method: str, path: str) -> tuple[str, dict] | None:
    for template, item in document["paths"].items():
        pattern = "^" + "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    return None


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def check(document_json: str, document: dict, method: str, path: str, status: int, response) -> list[str]:
    """What is wrong with one answer for the document: an undocumented status, or a body off its schema."""
    found = _operation(document, method, path.removeprefix("/api/v1") or "/")
    if found is None:
        return []  # not an operation of the API (an unknown address: its 404 is checked elsewhere)
    template, operation = found
    answers = operation["responses"]
    if str(status) not in answers:
        return [f"{method} {template}: status {status} is not documented"]
    answer, where = answers[str(status)], ("paths", template, method.lower(), "responses", str(status))
    if "$ref" in answer:
        where = tuple(answer["$ref"][2:].split("/"))
        answer = openapi.resolve(document, answer)
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema is None or not response.is_json:
        return []
    reference = f"{BASE}openapi.json{_pointer(*where, 'content', 'application/json', 'schema')}"
    validator = Draft202012Validator({"$ref": reference}, registry=_registry(document_json),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{method} {path} {status}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in validator.iter_errors(response.get_json())]
