"""Report tables: counts, rates and medians with their definitions, and the suppression of small counts.

No jobseeker may be recognised from a figure: a count of people from 1 to 4 is shown as "<5", and where a
row or column shows its total, a second cell of that line is hidden too ("–"), so that the first cannot be
worked out by subtraction. Tables of one report that show the same figure share its cell, and are finished
together (`finish_together`), so that one table cannot reveal what another hides.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent

SMALL = 5  # counts of people below this (and above zero) are not shown
HIDDEN = "<5"
NOT_SHOWN = "–"


@dataclass
class Cell:
    value: int | float | str | None
    kind: str = "count"  # count, percent, days, text
    people: bool = True  # a count of people (or based on one): suppressed when small
    hidden: bool = False
    depends: tuple["Cell", ...] = ()  # counts this figure is computed from: hidden with any of them

    @property
    def text(self) -> str:
        if self.hidden:
            return HIDDEN if self.is_small else NOT_SHOWN
        if self.value is None:
            return NOT_SHOWN
        if self.kind == "percent":
            return format_percent(self.value, "#,##0 %")
        if self.kind == "days":
            return format_decimal(self.value, "#,##0.#")
        if self.kind == "count":
            return format_decimal(self.value, "#,##0")
        return str(self.value)

    @property
    def number(self) -> int | float | None:
        """What a chart draws and a spreadsheet stores: nothing when hidden."""
        return None if self.hidden or isinstance(self.value, str) else self.value

    @property
    def is_small(self) -> bool:
        return self.kind == "count" and self.people and isinstance(self.value, int) and 0 < self.value < SMALL


def count(value: int | None, people: bool = True) -> Cell:
    return Cell(value or 0, "count", people)


def text(value: str) -> Cell:
    return Cell(value, "text", people=False)


def rate(part: int, whole: int, depends: tuple[Cell, ...] = ()) -> Cell:
    """A share of people: not shown when the part, the rest or the whole is small (a 100 % of two is two
    people, and 75 % of eight is six, leaving two)."""
    small = any(0 < n < SMALL for n in (part, whole - part, whole))
    return Cell(part / whole if whole else None, "percent", hidden=small, depends=depends)


def days(value: float | None, based_on: int) -> Cell:
    return Cell(value, "days", hidden=0 < based_on < SMALL)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    key: str = ""  # a code, for filters and charts


@dataclass
class Table:
    """One table of a report; `key` names its CSV. With `totals`, the last column and row are sums."""

    key: str
    title: str
    definition: str
    columns: list[str]  # the header of every column, the row labels' first
    rows: list[Row] = field(default_factory=list)
    totals: bool = False
    column_totals: bool = False  # only the last row sums the others (the columns are not added up)
    chart: str = ""  # bar, stacked, line or "" (a list)
    chart_column: int = 0  # which column a bar or line chart draws
    note: str = ""

    complete: bool = True  # every row is shown, so a total line adds up (False when cut to the largest)

    def finish(self) -> "Table":
        """Hide small counts of people and the cells that would reveal them."""
        finish_together([self])
        return self

    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row.cells]

    def lines(self) -> list[list[Cell]]:
        """The lines of counts that add up to a total shown at their end: rows, columns or both."""
        if not (self.totals or self.column_totals) or not self.rows:
            return []
        grid = [row.cells for row in self.rows]
        columns = [[row[i] for row in grid] for i in range(len(grid[0]))] if self.complete else []
        return [line for line in (grid if self.totals else []) + columns if all(c.kind == "count" for c in line)]

    @property
    def body_rows(self) -> list[Row]:
        return self.rows[:-1] if self.total_row else self.rows

    @property
    def total_row(self) -> Row | None:
        return self.rows[-1] if (self.totals or self.column_totals) and self.rows else None

    @property
    def is_empty(self) -> bool:
        return not self.body_rows


def with_totals(rows: list[Row], total_label: str, by_row: bool = True) -> list[Row]:
    """Add a total row and, `by_row`, a total column to every row (counts only)."""
    for row in rows if by_row else []:
        row.cells.append(count(sum(cell.value for cell in row.cells)))
    width = len(rows[0].cells) if rows else 0
    return rows + [Row(total_label, [count(sum(row.cells[i].value for row in rows)) for i in range(width)])]


def counts_table(key: str, title: str, definition: str, columns: list[str], counts: list[tuple[str, str, int]],
                 total_label: str) -> Table:
    """One count of people per (code, label), with its total row, drawn as bars (not finished yet)."""
    rows = [Row(label, [count(n)], key=code) for code, label, n in counts]
    return Table(key, title, definition, columns, with_totals(rows, total_label, by_row=False), column_totals=True,
                 chart="bar")


def finish_together(tables: list[Table], equations: list[list[Cell]] = ()) -> None:
    """Hide small counts, then the cells that would reveal them in any table's total lines or in `equations`
    (cells whose sums are known to be equal, across tables), then the figures computed from hidden ones."""
    cells = [cell for table in tables for cell in table.cells()]
    for cell in cells:
        cell.hidden = cell.hidden or cell.is_small
    _protect([line for table in tables for line in table.lines()] + [list(e) for e in equations])
    for cell in cells:
        cell.hidden = cell.hidden or any(base.hidden for base in cell.depends)


def _protect(lines: list[list[Cell]]) -> None:
    """Secondary suppression: no line may have exactly one hidden cell, or the others would tell it."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if cell.hidden]
            if len(hidden) != 1:
                continue
            candidates = [cell for cell in line[:-1] if not cell.hidden and cell.value] or [line[-1]]
            min(candidates, key=lambda cell: cell.value).hidden = True
            changed = True


def percentile(histogram: Iterable[tuple[int, int]], share: float) -> float | None:
    """The `share` percentile of values given as (value, how many), interpolated as PostgreSQL's
    percentile_cont: the median of 1, 2, 3 and 4 is 2.5."""
    pairs = sorted((value, n) for value, n in histogram if n)
    total = sum(n for _, n in pairs)
    if not total:
        return None
    position = share * (total - 1)
    lower_index, fraction = int(position), position - int(position)

    def value_at(index: int) -> int:
        seen = 0
        for value, n in pairs:
            seen += n
            if index < seen:
                return value
        return pairs[-1][0]

    lower = value_at(lower_index)
    upper = value_at(min(lower_index + 1, total - 1))
    return lower + (upper - lower) * fraction


def nearest_rank(histogram: Iterable[tuple[int, int]], share: float) -> int | None:
    """The smallest value that at least `share` of all values are at or below: "90 % within this time"."""
    pairs = sorted((value, n) for value, n in histogram if n)
    needed = math.ceil(share * sum(n for _, n in pairs))
    seen = 0
    for value, n in pairs:
        seen += n
        if seen >= needed:
            return value
    return None
