"""Referrals: coaches refer jobseekers to offerings, providers answer, every step is on a timeline."""

from flask import Blueprint

bp = Blueprint("referrals", __name__)

from marketplace.referrals import jobseeker_views, views  # noqa: E402,F401


@bp.record_once
def _template_globals(state) -> None:
    """Labels for referral templates; globals, so imported macros see them too."""
    from marketplace.referrals.labels import (
        CHANNEL_LABELS,
        CRITERION_LABELS,
        DECLINE_LABELS,
        DISCONTINUE_LABELS,
        FIT_LABELS,
        JOBSEEKER_ACTION_LABELS,
        OUTCOME_LABELS,
        STATUS_LABELS,
    )

    state.app.jinja_env.globals.update(
        REFERRAL_STATUS_LABELS=STATUS_LABELS,
        DECLINE_LABELS=DECLINE_LABELS,
        DISCONTINUE_LABELS=DISCONTINUE_LABELS,
        OUTCOME_LABELS=OUTCOME_LABELS,
        CHANNEL_LABELS=CHANNEL_LABELS,
        JOBSEEKER_ACTION_LABELS=JOBSEEKER_ACTION_LABELS,
        FIT_LABELS=FIT_LABELS,
        CRITERION_LABELS=CRITERION_LABELS,
    )
