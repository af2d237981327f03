"""How offering values read on a page: labels of fields and of stored codes, for pages and the history."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from marketplace.catalog import hours
from marketplace.catalog.labels import (
    ACCESSIBLE_LABELS,
    DAY_ABBREVIATIONS,
    DELIVERY_LABELS,
    FIELD_LABELS,
    FUNDING_LABELS,
    INTAKE_LABELS,
    STATUS_LABELS,
)
from marketplace.catalog.models import (
    ACCESSIBILITY_FEATURES,
    Accessible,
    DeliveryMode,
    FundingSource,
    Intake,
    OfferingStatus,
)
from marketplace.i18n import show_clock, show_date
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, language_name, municipality_name, term_name
from marketplace.validators import format_phone

_ENUM_LABELS = {
    "status": (OfferingStatus, STATUS_LABELS),
    "delivery_mode": (DeliveryMode, DELIVERY_LABELS),
    "intake": (Intake, INTAKE_LABELS),
    "funding_source": (FundingSource, FUNDING_LABELS),
    **{name: (Accessible, ACCESSIBLE_LABELS) for name in ACCESSIBILITY_FEATURES},
}


def _date(iso: str) -> str:
    return show_date(date.fromisoformat(iso))


def field_label(field: str) -> str:
    """The history's name of a field; a translation's texts ("title.sv") say their language."""
    name, _dot, language = field.partition(".")
    label = FIELD_LABELS.get(name, name)
    return _("%(field)s (%(language)s)", field=label, language=language_name(language)) if language else str(label)


def display_value(field: str, raw: str) -> str:
    """A value from the history (codes, ISO dates, comma-separated lists) as a person reads it."""
    if raw == "":
        return "–"
    if field == "opening_hours":
        return "; ".join(hours_line(rule) for rule in hours.parse_hours(raw))
    if field == "closures":
        return "; ".join(break_line(item) for item in hours.parse_breaks(raw))
    items = raw.split(",")
    if field in _ENUM_LABELS:
        enum, labels = _ENUM_LABELS[field]
        return str(labels.get(enum(raw), raw)) if raw in {m.value for m in enum} else raw
    if field == "offering_type":
        return term_name(OFFERING_TYPE, raw)
    if field == "target_groups":
        return ", ".join(term_name(TARGET_GROUP, code) for code in items)
    if field in ("languages", "content_language"):
        return ", ".join(language_name(code) for code in items)
    if field == "municipalities":
        return ", ".join(municipality_name(code) for code in items)
    if field in ("start_dates", "funding_ends_on", "confirmed"):
        return ", ".join(_date(item) for item in items)
    if field == "free_for_jobseeker":
        return str(_l("Kyllä")) if raw == "true" else str(_l("Ei"))
    if field == "contact_phone":
        return format_phone(raw)
    return raw


def hours_line(rule: hours.WeeklyHours) -> str:
    """"ma, ti, ke, to klo 8.30–13.30"."""
    return _("%(days)s klo %(opens)s–%(closes)s", days=", ".join(str(DAY_ABBREVIATIONS[day]) for day in rule.days),
             opens=show_clock(rule.opens), closes=show_clock(rule.closes))


def open_days_line(rules: list[hours.WeeklyHours]) -> str:
    """"ma–pe, su": the open days for a search card."""
    runs = [(first,) if first == last else (first, last) for first, last in hours.day_runs(rules)]
    return ", ".join("–".join(str(DAY_ABBREVIATIONS[day]) for day in run) for run in runs)


def break_line(item: hours.Break) -> str:
    dates = f"{show_date(item.first)}–{show_date(item.last)}"
    return f"{dates} {item.reason}".rstrip()


def places_text(offering) -> str:
    """"3 paikkaa vapaana", "Ei vapaita paikkoja" or nothing when places are not limited."""
    if offering.open_places is None:
        return ""
    if offering.open_places == 0:
        return str(_l("Ei vapaita paikkoja (jonotuslista)"))
    return ngettext("%(num)s paikka vapaana", "%(num)s paikkaa vapaana", offering.open_places)
