"""The current time, in one place: UTC for storing, Finnish local time for dates people see."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

FINLAND = ZoneInfo("Europe/Helsinki")


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """The Finnish calendar day of a stored moment."""
    return moment.astimezone(FINLAND).date()


def today() -> date:
    """Today's date in Finland (funding end dates and start dates are Finnish calendar days)."""
    return utcnow().astimezone(FINLAND).date()


def days_since(moment: datetime) -> int:
    """Whole Finnish calendar days from a stored moment to today (0 on the same Finnish day)."""
    return (today() - local_date(moment)).days


def day_start(day: date) -> datetime:
    """The moment a Finnish calendar day begins (for filters "from" and "until" a day)."""
    return datetime.combine(day, time.min, tzinfo=FINLAND)
