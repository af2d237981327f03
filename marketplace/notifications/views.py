import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.permissions import can_moderate
from marketplace.errors import InvalidInput
from marketplace.notifications import bp, preferences
from marketplace.notifications.forms import NotificationSettingsForm
from marketplace.notifications.service import recent_emails
from marketplace.notifications.sms import recent_messages
from marketplace.web import render_form, show_error

# Links that are someone's credentials: a password reset, an invitation, a registration to confirm.
# A jobseeker's status page is theirs alone too.
SECRET_LINK = re.compile(r"(/password/reset/|/invitations/|/register/confirm/|/status/)[^\s]+")


@bp.get("/dev/outbox")
@login_required
def outbox():
    """Show the emails and text messages the site has sent; only in debug mode, only to coordinators. Links that
    would let the reader act as the recipient are masked unless asked for (?links=show): a shared screen shows no
    keys."""
    if not current_app.debug:
        abort(404)
    if not can_moderate(current_user):
        abort(403)
    show_links = request.args.get("links") == "show"
    def shown(text: str) -> str:
        return text if show_links else SECRET_LINK.sub(r"\1…", text)

    emails = [(email, shown(email.body)) for email in recent_emails()]
    messages = [(message, shown(message.body)) for message in recent_messages()]
    return render_template("notifications/outbox.html", emails=emails, messages=messages, show_links=show_links)


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def settings():
    """Each kind of event at once, in the daily digest, or not at all."""
    form = NotificationSettingsForm(preferences.kinds_for(current_user))
    if form.validate_on_submit():
        try:
            preferences.save_settings(current_user, form.choices())
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Ilmoitusasetukset tallennettu."), "success")
            return redirect(url_for("notifications.settings"))
    elif not form.is_submitted():
        chosen = preferences.settings_of(current_user)
        for kind in form.kinds:
            form[kind.value].data = chosen[kind].value
    return render_form("notifications/settings.html", form, required=preferences.REQUIRED_FOR)
