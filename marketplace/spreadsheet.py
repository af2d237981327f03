"""CSV downloads that Finnish Excel opens as they are, and that never run a formula someone typed."""

import csv
import io
from collections.abc import Iterable

from flask import Response

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """Text as a spreadsheet shows it, never as a formula it would run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: list, rows: Iterable[list]) -> str:
    """Semicolon-separated UTF-8 with a byte order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(title) for title in header])
    writer.writerows([[cell(value) for value in row] for row in rows])
    return out.getvalue()


def csv_download(filename: str, text: str) -> Response:
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
