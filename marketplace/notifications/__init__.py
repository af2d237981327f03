"""Notifications: the email and text-message outbox, delivery, each user's choices and the daily digest."""

from flask import Blueprint, g

bp = Blueprint("notifications", __name__)


@bp.after_app_request
def deliver_after_request(response):
    """Send the request's messages once its transaction has committed (only when a way to send is configured)."""
    from marketplace.notifications.service import deliver_queued, smtp_configured
    from marketplace.notifications.sms import deliver_queued_sms, sms_configured

    if g.pop("outbox_has_mail", False) and smtp_configured():
        deliver_queued()
    if g.pop("outbox_has_sms", False) and sms_configured():
        deliver_queued_sms()
    return response


from marketplace.notifications import views  # noqa: E402,F401  (routes)
