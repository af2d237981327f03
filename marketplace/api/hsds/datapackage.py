"""The HSDS 3.0 tabular format: a datapackage.json and one CSV per table, as the schema files define them.

Writing flattens each nested service into rows of its tables (an organisation or a taxonomy term shared by
many services is written once). Reading does the reverse through a temporary SQLite file, so that joining a
100,000-service package back into nested services takes flat memory.
"""

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

SCHEMA = files("marketplace.api.hsds").joinpath("schema")
_ROOT = "service.json"  # a package is read and written service by service


@dataclass(frozen=True)
class Table:
    schema: str  # its schema file, e.g. "service.json"
    path: str  # its CSV, e.g. "services.csv"
    order: int
    fields: tuple[str, ...]  # scalar columns, in the schema's order
    types: dict  # column → JSON type
    children: dict  # property → schema file, for properties holding other tables' objects
    lists: frozenset  # which of those properties are arrays (the others hold one object)


def _reference(prop: dict) -> str | None:
    target = prop.get("items", {}).get("$ref") if prop.get("type") == "array" else prop.get("$ref")
    return target.rsplit("/", 1)[-1] if target else None


@cache
def tables() -> dict[str, Table]:
    """Every table of the specification, by schema file."""
    found = {}
    for entry in SCHEMA.iterdir():
        if not entry.name.endswith(".json") or entry.name == "openapi.json":
            continue
        schema = json.loads(entry.read_text("utf-8"))
        if "path" not in schema:
            continue
        properties = schema["properties"]
        scalar = tuple(name for name, prop in properties.items() if _reference(prop) is None)
        found[entry.name] = Table(
            entry.name, schema["path"], schema["datapackage_metadata"]["order"], scalar,
            {name: properties[name].get("type", "string") for name in scalar},
            {name: _reference(prop) for name, prop in properties.items() if _reference(prop)},
            frozenset(name for name, prop in properties.items() if _reference(prop) and prop.get("type") == "array"))
    return found


def descriptor(counts: dict[str, int]) -> dict:
    """datapackage.json: each table written, with its fields (Frictionless Table Schema) and row count."""
    resources = []
    for table in sorted(tables().values(), key=lambda t: t.order):
        if table.path not in counts:
            continue
        resources.append({
            "name": table.path.removesuffix(".csv"), "path": table.path, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "count": counts[table.path],
            "schema": {"fields": [{"name": name, "type": table.types[name]} for name in table.fields],
                       "primaryKey": "id"},
        })
    return {"name": "kumppanitori-hsds", "title": "Kumppanitori: HSDS 3.0", "profile": "tabular-data-package",
            "hsds_version": "3.0", "resources": resources}


class PackageWriter:
    """Writes services (fully nested HSDS objects) as the tables of a data package in `folder`."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.files, self.writers, self.counts, self.seen = {}, {}, {}, {}

    def _write(self, table: Table, item: dict) -> None:
        if table.path not in self.writers:
            handle = (self.folder / table.path).open("w", encoding="utf-8", newline="")
            self.files[table.path] = handle
            self.writers[table.path] = csv.DictWriter(handle, fieldnames=table.fields, extrasaction="ignore")
            self.writers[table.path].writeheader()
            self.counts[table.path], self.seen[table.path] = 0, set()
        if item["id"] in self.seen[table.path]:
            return
        if table.schema in ("organization.json", "taxonomy_term.json", "taxonomy.json"):
            self.seen[table.path].add(item["id"])  # shared by many services: written once
        self.writers[table.path].writerow({name: _cell(item.get(name)) for name in table.fields})
        self.counts[table.path] += 1
        for name, schema in table.children.items():
            value = item.get(name)
            for child in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
                self._write(tables()[schema], child)

    def add(self, item: dict, schema: str = _ROOT) -> None:
        """A service (or another table's object, e.g. a taxonomy) with everything nested in it."""
        self._write(tables()[schema], item)

    def close(self) -> dict[str, int]:
        """Finish the CSVs and write datapackage.json; the rows written to each table."""
        for handle in self.files.values():
            handle.close()
        (self.folder / "datapackage.json").write_text(json.dumps(descriptor(self.counts), indent=1), "utf-8")
        return self.counts


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class BrokenPackage(ValueError):
    """The package cannot be read: nothing of it is imported."""


def _value(text: str, kind: str):
    """A CSV cell back as its JSON type; an empty cell is a missing field."""
    if text == "":
        return None
    if kind in ("number", "integer"):
        try:
            number = float(text)
        except ValueError:
            raise BrokenPackage(f"not a number: {text!r}") from None
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if kind == "boolean":
        return text.lower() == "true"
    return text


# How a table's rows hang under their parent: (child schema, the child's column, the parent's column).
_LINKS = {
    "service.json": {"organization": ("organization.json", "id", "organization_id")},
    "service_at_location.json": {"location": ("location.json", "id", "location_id")},
    "attribute.json": {"taxonomy_term": ("taxonomy_term.json", "id", "taxonomy_term_id")},
    "taxonomy_term.json": {"taxonomy_detail": ("taxonomy.json", "id", "taxonomy_id")},
}
_PARENT_COLUMNS = {"service.json": "service_id", "location.json": "location_id", "organization.json": "organization_id",
                   "service_at_location.json": "service_at_location_id", "contact.json": "contact_id",
                   "phone.json": "phone_id"}


class PackageReader:
    """The services of a data package folder, each nested again as `hsds import` reads them."""

    def __init__(self, folder: Path, scratch: Path):
        self.database = sqlite3.connect(scratch)
        self.present = set()
        try:
            resources = json.loads((folder / "datapackage.json").read_text("utf-8")).get("resources", [])
            for resource in resources:
                table = next((t for t in tables().values() if t.path == resource.get("path")), None)
                if table is not None and (folder / table.path).exists():
                    self._load(table, folder / table.path)
        except (OSError, ValueError, AttributeError, csv.Error, UnicodeDecodeError) as error:
            self.database.close()
            raise BrokenPackage(str(error)) from None

    def _load(self, table: Table, path: Path) -> None:
        name = table.path.removesuffix(".csv")
        columns = ", ".join(f'"{field}"' for field in table.fields)
        self.database.execute(f'CREATE TABLE "{name}" ({columns})')
        with path.open(encoding="utf-8", newline="") as handle:
            rows = ([row.get(field) or "" for field in table.fields] for row in csv.DictReader(handle))
            self.database.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(table.fields))})', rows)
        for column in ("id", "link_id", *(c for c in _PARENT_COLUMNS.values() if c in table.fields)):
            if column in table.fields:
                self.database.execute(f'CREATE INDEX "{name}_{column}" ON "{name}" ("{column}")')
        self.present.add(table.schema)

    def _rows(self, table: Table, column: str, value: str) -> list[dict]:
        if table.schema not in self.present or column not in table.fields or not value:
            return []
        cursor = self.database.execute(
            f'SELECT * FROM "{table.path.removesuffix(".csv")}" WHERE "{column}" = ? ORDER BY rowid', (value,))
        return [self._nest(table, dict(zip(table.fields, row, strict=True))) for row in cursor]

    def _nest(self, table: Table, row: dict) -> dict:
        item = {name: value for name, cell in row.items() if (value := _value(cell, table.types[name])) is not None}
        for name, schema in table.children.items():
            child = tables()[schema]
            link = _LINKS.get(table.schema, {}).get(name)
            if link:
                found = self._rows(child, link[1], item.get(link[2], ""))
                if found:
                    item[name] = found[0]
            elif name not in table.lists:
                continue
            elif schema == "attribute.json":
                item[name] = self._rows(child, "link_id", item.get("id", ""))
            elif table.schema in _PARENT_COLUMNS:
                item[name] = self._rows(child, _PARENT_COLUMNS[table.schema], item.get("id", ""))
        return item

    def services(self) -> Iterator[dict]:
        table = tables()[_ROOT]
        if table.schema not in self.present:
            return
        for row in self.database.execute(f'SELECT * FROM "{table.path.removesuffix(".csv")}" ORDER BY rowid'):
            yield self._nest(table, dict(zip(table.fields, row, strict=True)))

    def close(self) -> None:
        self.database.close()
