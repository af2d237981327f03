"""Notifications: the email outbox, SMTP delivery and the development outbox page."""

from flask import Blueprint, g

bp = Blueprint("notifications", __name__)


@bp.after_app_request
def deliver_after_request(response):
    """Send the request's emails once its transaction has committed (only when SMTP is configured)."""
    from marketplace.notifications.service import deliver_queued, smtp_configured

    if g.pop("outbox_has_mail", False) and smtp_configured():
        deliver_queued()
    return response


from marketplace.notifications import views  # noqa: E402,F401  (routes)
