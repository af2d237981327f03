"""Template filters and the values every page needs (navigation, labels)."""

from datetime import datetime

from flask import Flask, has_request_context
from flask_babel import format_date, format_datetime
from flask_login import current_user

from marketplace.accounts.forms import KIND_LABELS, ORGANISATION_ROLE_LABELS, ROLE_LABELS, STATUS_LABELS
from marketplace.accounts.permissions import can_moderate
from marketplace.accounts.session import active_membership
from marketplace.reference import municipality_name


def finnish_date(value: datetime | None) -> str:
    return format_date(value, "d.M.yyyy") if value else ""


def finnish_datetime(value: datetime | None) -> str:
    return format_datetime(value, "d.M.yyyy 'klo' H.mm") if value else ""


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        date=finnish_date,
        datetime=finnish_datetime,
        municipality=municipality_name,
    )

    @app.context_processor
    def page_context():
        labels = {
            "KIND_LABELS": KIND_LABELS,
            "STATUS_LABELS": STATUS_LABELS,
            "ROLE_LABELS": ROLE_LABELS,
            "ROLE_NAMES": ORGANISATION_ROLE_LABELS,
        }
        if not has_request_context():  # emails rendered by commands
            return labels
        return {"active_membership": active_membership(), "is_coordinator": can_moderate(current_user), **labels}
