"""Catalogue: offerings published by providers, their public pages and the browse list."""

from flask import Blueprint

from marketplace.catalog.labels import DELIVERY_LABELS, FUNDING_LABELS, INTAKE_LABELS, STATUS_LABELS
from marketplace.catalog.presentation import places_text
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
    }
    state.app.jinja_env.filters.update(names)
    state.app.jinja_env.globals.update(
        names,
        OFFERING_STATUS_LABELS=STATUS_LABELS,
        DELIVERY_LABELS=DELIVERY_LABELS,
        INTAKE_LABELS=INTAKE_LABELS,
        FUNDING_LABELS=FUNDING_LABELS,
        places_text=places_text,
    )
