from flask import abort, current_app, render_template
from flask_login import current_user, login_required

from marketplace.accounts.permissions import can_moderate
from marketplace.notifications import bp
from marketplace.notifications.service import recent_emails


@bp.get("/dev/outbox")
@login_required
def outbox():
    """Show the emails the site has sent; only in debug mode, only to coordinators."""
    if not current_app.debug:
        abort(404)
    if not can_moderate(current_user):
        abort(403)
    return render_template("notifications/outbox.html", emails=recent_emails())
