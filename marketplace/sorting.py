"""Ordering a list by the column its reader chose: `?sort=name` or `?sort=-name` (descending), plain links
that work without JavaScript. Each list names its sortable columns once, as SQL expressions."""

from collections.abc import Mapping
from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def toggled(self, key: str) -> str:
        """The `sort` value of a column's link: the same column the other way, another one ascending."""
        return (self.key if self.descending else f"-{self.key}") if key == self.key else key


def chosen_sort(columns: Mapping[str, object], default: str) -> Sort:
    """The request's ?sort= among `columns`, else `default` (an unknown column is not an error: the default)."""
    for value in (request.args.get("sort", ""), default):
        key = value.removeprefix("-")
        if key in columns:
            return Sort(key, value.startswith("-"))
    raise ValueError(f"default sort {default!r} is not one of the columns")


def requested_sort(columns: Mapping[str, object]) -> Sort | None:
    """The request's ?sort= among `columns`, or None: the list keeps its own order (e.g. the most urgent first)."""
    value = request.args.get("sort", "")
    key = value.removeprefix("-")
    return Sort(key, value.startswith("-")) if key in columns else None


def order_by(sort: Sort, columns: Mapping[str, object], *tie_breakers) -> list:
    """ORDER BY the chosen column (empty values last either way), then the tie breakers."""
    column = columns[sort.key]
    return [column.is_(None), column.desc() if sort.descending else column.asc(), *tie_breakers]
