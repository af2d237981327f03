"""Report periods: a month, a quarter, a year or dates of one's own, in Finnish calendar days."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from marketplace.clock import day_start, today

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
CUSTOM = "custom"
MAX_DAYS = 5 * 366  # a custom period of five years at most: a year is 12 bars, five are 60
FIRST_YEAR = 2024


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date  # inclusive

    @property
    def since(self) -> datetime:
        return day_start(self.start)

    @property
    def until(self) -> datetime:
        """The moment after the period (exclusive)."""
        return day_start(self.end + timedelta(days=1))

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = _next_month(month)
        return months


def _next_month(month: date) -> date:
    return month.replace(year=month.year + 1, month=1) if month.month == 12 else month.replace(month=month.month + 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    return day_start(month), day_start(_next_month(month))


def parse_period(key: str, start: date | None = None, end: date | None = None) -> Period | None:
    """The period a GET parameter names; None if it names none (the form says why)."""
    if match := _MONTH.match(key):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and FIRST_YEAR <= year <= 2100:
            first = date(year, month, 1)
            return Period(key, first, _next_month(first) - timedelta(days=1))
    elif match := _QUARTER.match(key):
        year, quarter = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= 2100:
            first = date(year, 3 * quarter - 2, 1)
            return Period(key, first, _next_month(_next_month(_next_month(first))) - timedelta(days=1))
    elif match := _YEAR.match(key):
        year = int(match[1])
        if FIRST_YEAR <= year <= 2100:
            return Period(key, date(year, 1, 1), date(year, 12, 31))
    elif key == CUSTOM and start and end and start <= end and (end - start).days <= MAX_DAYS:
        return Period(key, start, end)
    return None


def default_period() -> Period:
    """The current quarter so far: what the quarterly review looks at."""
    now = today()
    return parse_period(f"{now.year}-Q{(now.month - 1) // 3 + 1}")


def period_label(key: str) -> str:
    if match := _MONTH.match(key):
        return format_date(date(int(match[1]), int(match[2]), 1), "LLLL yyyy")
    if match := _QUARTER.match(key):
        return _("%(quarter)s. neljännes %(year)s", quarter=match[2], year=match[1])
    return key


def period_choices() -> list[tuple[str, str]]:
    """Recent months, quarters and years, newest first, then "own dates"."""
    now = today()
    months = [date(now.year, now.month, 1)]
    while len(months) < 13:
        previous = months[-1] - timedelta(days=1)
        months.append(previous.replace(day=1))
    quarters = []
    year, quarter = now.year, (now.month - 1) // 3 + 1
    while len(quarters) < 8 and year >= FIRST_YEAR:
        quarters.append(f"{year}-Q{quarter}")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    years = [str(y) for y in range(now.year, FIRST_YEAR - 1, -1)]
    choices = [(key, period_label(key)) for key in quarters]
    choices += [(f"{m:%Y-%m}", period_label(f"{m:%Y-%m}")) for m in months if m.year >= FIRST_YEAR]
    choices += [(key, key) for key in years]
    return choices + [(CUSTOM, _("Oma aikaväli"))]
