"""Opinnollistaminen: learning at a workshop documented against qualification units, confirmed by a school."""

from flask import Blueprint

bp = Blueprint("learning", __name__)

from marketplace.learning.views import certificates, coordinator, environments, recognition, records  # noqa: E402,F401


@bp.record_once
def _template_globals(state) -> None:
    """Labels for learning templates; globals, so imported macros see them too."""
    from datetime import date

    from marketplace.i18n import show_date
    from marketplace.learning.labels import DECISION_LABELS, STATUS_LABELS

    state.app.jinja_env.globals.update(DECISION_LABELS=DECISION_LABELS, RECORD_STATUS_LABELS=STATUS_LABELS,
                                       learning_on_referral=learning_on_referral)
    state.app.jinja_env.filters["isodate"] = lambda text: show_date(date.fromisoformat(text)) if text else ""


def learning_on_referral(referral) -> dict:
    """What the referral page shows of learning records: the provider's records, the coach's summary."""
    from flask_login import current_user

    from marketplace.learning import service
    from marketplace.learning.permissions import can_open_record, can_view_certificate, is_record_writer

    written = service.records_of_referral(referral)
    return {
        "can_open": can_open_record(current_user, referral),
        "records": [
            {"record": record, "summary": service.recognition_summary(record),
             "can_open_record": is_record_writer(current_user, record),
             "can_view_certificate": can_view_certificate(current_user, record)}
            for record in written
        ],
    }
