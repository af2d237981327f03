"""Charts drawn on the server as SVG: bars, stacked bars and a line, from a report table.

Every series has its own colour and its own pattern (colour is never the only cue), every bar its value as
text, and the table the chart is drawn from is on the page beside it.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from marketplace.reports.tables import Cell, Table

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_GAP = 10
VALUE_SPACE = 60  # room right of the longest bar for its value
# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by pattern as well
COLOURS = ("#1f5f8b", "#b5460f", "#2e7d32", "#6a1b9a", "#5d4037", "#37474f", "#ad1457", "#00695c", "#7b8087")
PATTERNS = ("solid", "stripes", "dots", "cross", "hlines", "vlines", "backstripes", "grid", "cross")
HIDDEN_SERIES = len(COLOURS) - 1  # the grey cross-hatched rest of a bar whose parts are not shown
MAX_AXIS_LABELS = 6


@dataclass
class Segment:
    x: float
    width: float
    series: int
    text: str


@dataclass
class Bar:
    label: str
    y: float
    segments: list[Segment]
    text: str  # the bar's value (or total) as the table shows it
    text_x: float


@dataclass
class Point:
    x: float
    y: float
    text: str
    label: str


@dataclass
class Chart:
    kind: str
    key: str
    height: float
    series: list[tuple[int, str]] = field(default_factory=list)  # (index, name) for the legend
    bars: list[Bar] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    summary: str = ""
    width: int = WIDTH
    colours: tuple = COLOURS
    patterns: tuple = PATTERNS


def chart_of(table: Table) -> Chart | None:
    """The chart of `table` (its `chart` kind), drawing its `chart_column`; None for a list or nothing to draw."""
    column = table.chart_column
    if not table.chart or table.is_empty:
        return None
    if table.chart == "stacked":
        return _stacked(table)
    if not any(row.cells[column].number for row in table.body_rows):
        return None
    return _line(table, column) if table.chart == "line" else _bars(table, column)


def _scale(largest: float) -> float:
    return (WIDTH - VALUE_SPACE) / largest if largest else 0


def _bars(table: Table, column: int) -> Chart:
    rows = table.body_rows
    largest = max((row.cells[column].number or 0) for row in rows)
    scale = _scale(largest)
    bars = []
    for i, row in enumerate(rows):
        cell = row.cells[column]
        y = i * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
        width = (cell.number or 0) * scale
        bars.append(Bar(row.label, y, [Segment(0, width, 0, cell.text)] if width else [], cell.text, width + 6))
    chart = Chart("bar", table.key, len(rows) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP), bars=bars)
    chart.summary = _largest_summary([(row.label, row.cells[column]) for row in rows])
    return chart


def _stacked(table: Table) -> Chart | None:
    rows = table.body_rows
    series_count = len(table.columns) - 2  # the row label and the total
    totals = [row.cells[-1].number or 0 for row in rows]
    if not any(totals):
        return None
    scale = _scale(max(totals))
    bars = []
    for i, row in enumerate(rows):
        y = i * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
        x, segments = 0.0, []
        for s, cell in enumerate(row.cells[:series_count]):
            width = (cell.number or 0) * scale
            if width:
                segments.append(Segment(x, width, s, cell.text))
                x += width
        rest = (row.cells[-1].number or 0) * scale - x  # hidden parts: their sum tells no single one
        if rest > 0.5:
            segments.append(Segment(x, rest, HIDDEN_SERIES, _("ei näytetä")))
            x += rest
        bars.append(Bar(row.label, y, segments, row.cells[-1].text, x + 6))
    used = sorted({segment.series for bar in bars for segment in bar.segments})
    names = [*table.columns[1:1 + series_count]] + [""] * (HIDDEN_SERIES - series_count) + [
        _("Ei näytetä (pieniä lukuja)")]
    chart = Chart("stacked", table.key, len(rows) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP), bars=bars,
                  series=[(s, names[s]) for s in used])
    chart.summary = _largest_summary([(row.label, row.cells[-1]) for row in rows])
    return chart


def _line(table: Table, column: int) -> Chart:
    rows = table.body_rows
    height, top, bottom = 200, 12, 28
    step = (WIDTH - 80) / max(len(rows) - 1, 1)
    values = [row.cells[column].number for row in rows]
    largest = max((v for v in values if v is not None), default=0)
    is_share = table.rows[0].cells[column].kind == "percent"
    ceiling = 1 if is_share else (largest or 1)

    def y_of(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / ceiling)

    points = [Point(40 + i * step, y_of(value), row.cells[column].text, row.label)
              for i, (row, value) in enumerate(zip(rows, values, strict=True)) if value is not None]
    kind = rows[0].cells[column].kind
    ticks = [(y_of(ceiling * f), Cell(ceiling * f, kind, people=False).text) for f in (0, 0.5, 1)]
    chart = Chart("line", table.key, height, points=points, ticks=ticks)
    every = -(-len(rows) // MAX_AXIS_LABELS)
    chart.bars = [Bar(row.label, 0, [], "", 40 + i * step) for i, row in enumerate(rows) if i % every == 0]
    shown = [(p.label, p.text) for p in points]
    chart.summary = (_("Ensimmäinen kuukausi %(first)s: %(a)s; viimeinen %(last)s: %(b)s.", first=shown[0][0],
                       a=shown[0][1], last=shown[-1][0], b=shown[-1][1]) if shown else "")
    return chart


def _largest_summary(items) -> str:
    visible = sorted(((label, cell) for label, cell in items if cell.number), key=lambda item: -item[1].number)
    if not visible:
        return ""
    return _("Suurimmat: %(items)s.", items=", ".join(f"{label} {cell.text}" for label, cell in visible[:3]))
