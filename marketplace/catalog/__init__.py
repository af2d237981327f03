"""Catalogue: offerings published by providers, their public pages and the browse list."""

from flask import Blueprint

from marketplace.catalog import hours
from marketplace.catalog.labels import (
    ACCESSIBLE_LABELS,
    DAY_ABBREVIATIONS,
    DAY_NAMES,
    DELIVERY_LABELS,
    FEATURE_LABELS,
    FUNDING_LABELS,
    INTAKE_LABELS,
    STATUS_LABELS,
)
from marketplace.catalog.models import ACCESSIBILITY_FEATURES
from marketplace.catalog.presentation import hours_line, open_days_line, places_text
from marketplace.clock import today
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, language_name, term_name

bp = Blueprint("catalog", __name__)

from marketplace.catalog.views import coordinator, provider, public  # noqa: E402,F401


@bp.record_once
def _template_globals(state) -> None:
    """Labels and helpers for catalogue templates; globals, so imported macros see them too."""
    names = {
        "type_name": lambda code: term_name(OFFERING_TYPE, code),
        "target_group_name": lambda code: term_name(TARGET_GROUP, code),
        "language_name": language_name,
        "hours_line": hours_line,
    }
    state.app.jinja_env.filters.update(names)
    state.app.jinja_env.globals.update(
        names,
        OFFERING_STATUS_LABELS=STATUS_LABELS,
        DELIVERY_LABELS=DELIVERY_LABELS,
        INTAKE_LABELS=INTAKE_LABELS,
        FUNDING_LABELS=FUNDING_LABELS,
        places_text=places_text,
        ACCESSIBILITY_FEATURES=ACCESSIBILITY_FEATURES,
        FEATURE_LABELS=FEATURE_LABELS,
        ACCESSIBLE_LABELS=ACCESSIBLE_LABELS,
        DAY_NAMES=DAY_NAMES,
        DAY_ABBREVIATIONS=DAY_ABBREVIATIONS,
        opening_week=hours.week,
        open_days_line=open_days_line,
        open_in_evening=hours.open_in_evening,
        break_now=lambda breaks: hours.break_now(breaks, today()),
        breaks_ahead=lambda breaks: hours.breaks_ahead(breaks, today()),
    )
