"""Weekly opening hours and breaks, shaped like HSDS 3.0 schedules (iCal: FREQ=WEEKLY, BYDAY, opens_at, closes_at).

An offering keeps them as canonical text, one rule a line, so its history, duplicating and imports treat them
as any other field:

    MO,TU,WE,TH 08:30-13:30        open on those days at those times (Finnish local time)
    2026-12-21 to 2027-01-06 Joulutauko   closed from the first to the last day, with the reason

("to" between the dates: two dates side by side would read as a henkilötunnus to the check every text passes.)
"""

import re
from dataclasses import dataclass
from datetime import date, time

from flask_babel import gettext as _

from marketplace.errors import InvalidInput

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # iCal's two-letter codes, Monday first as in Finland
EVENING = time(17, 0)  # open "iltaisin" when open after this
MAX_BREAKS = 4
MAX_REASON = 200
_RULE = re.compile(r"^([A-Z]{2}(?:,[A-Z]{2})*) (\d{2}:\d{2})-(\d{2}:\d{2})$")
_BREAK = re.compile(r"^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})(?: (.*))?$")


@dataclass(frozen=True)
class WeeklyHours:
    """Open on `days` from `opens` to `closes`, every week."""

    days: tuple[str, ...]
    opens: time
    closes: time

    def line(self) -> str:
        return f"{','.join(self.days)} {self.opens:%H:%M}-{self.closes:%H:%M}"


@dataclass(frozen=True)
class Break:
    """Closed from `first` to `last` (both included): holidays, a summer break."""

    first: date
    last: date
    reason: str = ""

    def line(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()} {self.reason}".rstrip()


def weekly_hours(days, opens: time | None, closes: time | None) -> WeeklyHours:
    """One rule, checked: days in iCal codes, and a closing time after the opening time on the same day."""
    chosen = tuple(day for day in DAYS if day in set(days))
    if len(chosen) != len(set(days)):
        raise InvalidInput(_("Tuntematon viikonpäivä."), "opening_hours")
    if not chosen:
        raise InvalidInput(_("Valitse viikonpäivät, joina palvelu on avoinna näinä aikoina."), "opening_hours")
    if opens is None or closes is None:
        raise InvalidInput(_("Anna sekä avautumis- että sulkemisaika, esimerkiksi 8.30 ja 14.00."), "opening_hours")
    if closes <= opens:
        raise InvalidInput(_("Sulkemisajan pitää olla avautumisajan jälkeen samana päivänä."), "opening_hours")
    return WeeklyHours(chosen, opens.replace(second=0, microsecond=0), closes.replace(second=0, microsecond=0))


def closed_break(first: date | None, last: date | None, reason: str = "") -> Break:
    if first is None or last is None:
        raise InvalidInput(_("Anna tauon ensimmäinen ja viimeinen päivä."), "closures")
    if last < first:
        raise InvalidInput(_("Tauon viimeinen päivä ei voi olla ennen ensimmäistä."), "closures")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise InvalidInput(_("Tauon syy on liian pitkä (enintään %(max)s merkkiä).", max=MAX_REASON), "closures")
    return Break(first, last, reason)


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InvalidInput(_("Kellonaika on muotoa 08:30."), "opening_hours") from None


def parse_hours(text: str) -> list[WeeklyHours]:
    """The rules of canonical text (see the module), checked; two rules may not overlap on the same day."""
    rules = []
    for line in (line.strip() for line in (text or "").splitlines()):
        if not line:
            continue
        found = _RULE.match(line)
        if not found:
            raise InvalidInput(_("Aukioloaika on muotoa ”MO,TU 08:30-14:00”."), "opening_hours")
        rules.append(weekly_hours(found[1].split(","), _time(found[2]), _time(found[3])))
    for day in DAYS:
        spans = sorted((rule.opens, rule.closes) for rule in rules if day in rule.days)
        if len(spans) > 2:
            raise InvalidInput(_("Enintään kaksi aukioloaikaa päivässä."), "opening_hours")
        if any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:], strict=False)):
            raise InvalidInput(_("Aukioloajat menevät päällekkäin samana päivänä."), "opening_hours")
    return sorted(rules, key=lambda rule: (DAYS.index(rule.days[0]), rule.opens))


def parse_breaks(text: str) -> list[Break]:
    breaks = []
    for line in (line.strip() for line in (text or "").splitlines()):
        if not line:
            continue
        found = _BREAK.match(line)
        try:
            first, last = date.fromisoformat(found[1]), date.fromisoformat(found[2])
        except (TypeError, ValueError):
            raise InvalidInput(_("Tauko on muotoa ”2026-12-21 to 2027-01-06 Joulutauko”."), "closures") from None
        breaks.append(closed_break(first, last, found[3] or ""))
    if len(breaks) > MAX_BREAKS:
        raise InvalidInput(_("Enintään %(max)s taukoa.", max=MAX_BREAKS), "closures")
    return sorted(breaks, key=lambda item: item.first)


def hours_text(rules: list[WeeklyHours]) -> str:
    return "\n".join(rule.line() for rule in sorted(rules, key=lambda rule: (DAYS.index(rule.days[0]), rule.opens)))


def breaks_text(breaks: list[Break]) -> str:
    return "\n".join(item.line() for item in sorted(breaks, key=lambda item: item.first))


def normalised_hours(text: str) -> str:
    """Canonical text from any valid text: rules ordered, days in week order (raises InvalidInput)."""
    return hours_text(parse_hours(text))


def normalised_breaks(text: str) -> str:
    return breaks_text(parse_breaks(text))


def open_days(rules: list[WeeklyHours]) -> list[str]:
    return [day for day in DAYS if any(day in rule.days for rule in rules)]


def day_runs(rules: list[WeeklyHours]) -> list[tuple[str, str]]:
    """Open days as runs of consecutive days, so a card can say "ma–pe, su"."""
    runs: list[list[str]] = []
    for day in open_days(rules):
        if runs and DAYS.index(day) == DAYS.index(runs[-1][1]) + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(first, last) for first, last in runs]


def break_now(breaks: list[Break], today: date) -> Break | None:
    return next((item for item in breaks if item.first <= today <= item.last), None)


def open_in_evening(rules: list[WeeklyHours]) -> bool:
    return any(rule.closes > EVENING for rule in rules)


def week(rules: list[WeeklyHours]) -> list[tuple[str, list[tuple[time, time]]]]:
    """Every day of the week with its opening times, Monday first (an empty list: closed)."""
    return [(day, sorted((rule.opens, rule.closes) for rule in rules if day in rule.days)) for day in DAYS]


def breaks_ahead(breaks: list[Break], today: date) -> list[Break]:
    """The breaks not over yet: a page shows those, the history keeps all."""
    return [item for item in breaks if item.last >= today]
