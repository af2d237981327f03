"""A report's tables as CSV (one table) and as one XLSX workbook (the whole report), small counts hidden."""

import io
import re

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from marketplace.reports.service.base import ReportResult
from marketplace.reports.tables import Cell, Table
from marketplace.spreadsheet import cell, csv_text


def _values(table: Table) -> list[list]:
    """Rows as a spreadsheet takes them: numbers as numbers, rounded as the page shows them, hidden figures as
    the page shows them."""
    return [[row.label, *(_value(cell) for cell in row.cells)] for row in table.rows]


def _value(cell: Cell):
    if cell.hidden or cell.kind == "text" or cell.number is None:
        return cell.text
    return round(cell.number, {"percent": 2, "days": 1}.get(cell.kind, 0))


def report_csv(table: Table) -> str:
    """Counts as numbers; shares and days as the page writes them ("55 %", "4,5"), which Excel in Finnish reads."""
    return csv_text(table.columns, [[row.label, *(c.value if c.kind == "count" and not c.hidden else c.text
                                                   for c in row.cells)] for row in table.rows])


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def report_xlsx(report: ReportResult, filters_text: list[tuple[str, str]]) -> bytes:
    """One sheet describing the report and its filters, then one sheet per table."""
    book = Workbook()
    about = book.active
    about.title = _("Tiedot")[:31]
    about.append([report.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([report.intro])
    about.append([])
    for label, value in filters_text:
        about.append([label, value])
    about.append([])
    about.append([_("Jotta yksittäistä asiakasta ei voi tunnistaa, 1–4 henkilön luvut näytetään muodossa <5. Viiva (–) "
                     "on luku, joka jätetään näyttämättä, jottei pientä lukua voi laskea summasta.")])
    used = set()
    for table in report.tables:
        title = _SHEET_UNSAFE.sub(" ", table.title)[:31]
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([table.definition])
        sheet.append([str(column) for column in table.columns])
        for header in sheet[3]:
            header.font = Font(bold=True)
        for row in _values(table):
            sheet.append([cell(value) if isinstance(value, str) else value for value in row])
        if table.note:
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
