import re

from flask import abort, current_app, render_template, request
from flask_login import current_user, login_required

from marketplace.accounts.permissions import can_moderate
from marketplace.notifications import bp
from marketplace.notifications.service import recent_emails

# Links that are someone's credentials: a password reset, an invitation, a registration to confirm.
SECRET_LINK = re.compile(r"(/password/reset/|/invitations/|/register/confirm/)[^\s]+")


@bp.get("/dev/outbox")
@login_required
def outbox():
    """Show the emails the site has sent; only in debug mode, only to coordinators. Links that would let the
    reader act as the recipient are masked unless asked for (?links=show): a shared screen shows no keys."""
    if not current_app.debug:
        abort(404)
    if not can_moderate(current_user):
        abort(403)
    show_links = request.args.get("links") == "show"
    emails = [(email, email.body if show_links else SECRET_LINK.sub(r"\1…", email.body)) for email in recent_emails()]
    return render_template("notifications/outbox.html", emails=emails, show_links=show_links)
