"""The HSDS 3.0 schemas (shipped in marketplace/api/hsds/schema), as Draft 2020-12 validators with formats."""

import gzip
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import marketplace.api.hsds

HSDS = Path(marketplace.api.hsds.__file__).parent / "schema"
COMPILED = ("service", "service_list", "organization", "organization_list")


@cache
def _registry() -> Registry:
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
                 for path in HSDS.glob("*.json") if path.name != "openapi.json"]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled schema by name (service, service_list, organization, organization_list), or a component one
    (taxonomy, taxonomy_term, service_at_location…), its references resolved among the component files."""
    if name in COMPILED:
        schema = json.loads(gzip.decompress((HSDS / "compiled" / f"{name}.json.gz").read_bytes()))
    else:
        schema = {"$ref": f"{name}.json"}
    return Draft202012Validator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, instance) -> list[str]:
    """What is wrong with `instance` for schema `name`, one line per error (empty: valid)."""
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
            for error in validator(name).iter_errors(instance)]
