"""The jobseeker's pages: the status page behind an unguessable link (no login), and the coach's printable
confirmation that carries the link."""

from contextlib import nullcontext

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.errors import DomainError
from marketplace.i18n import COOKIE
from marketplace.ratelimits import configured, limiter
from marketplace.referrals import bp, service
from marketplace.referrals.forms import JobseekerAnswerForm, WithdrawConsentForm
from marketplace.referrals.labels import JOBSEEKER_STATUS_TEXTS, JOBSEEKER_STEPS
from marketplace.referrals.models import JobseekerAction

NOT_FOUND = 404


def _missed(response) -> bool:
    """Only links that lead nowhere count towards the limit: guessing tokens gets 429, using one does not."""
    return response.status_code == NOT_FOUND


def _jobseekers_language(referral):
    """The page in the jobseeker's language, unless this browser chose one with the language switch."""
    return nullcontext() if request.cookies.get(COOKIE) else force_locale(service.message_language(referral))


# The link is the key: no caching, no search engines, and no Referer carrying it to the sites the page links to.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


@bp.route("/status/<token>", methods=["GET", "POST"])
@limiter.limit(configured("PUBLIC_LINK_MISS_LIMIT"), deduct_when=_missed)
def status_page(token: str):
    """Where the referral is, in plain language; the jobseeker's answers; never the internal messages."""
    referral = service.referral_for_status(token)
    with _jobseekers_language(referral):
        answer_form, withdraw_form = JobseekerAnswerForm(), WithdrawConsentForm()
        status = 200
        if request.method == "POST":
            action = request.form.get("action", "")
            form = withdraw_form if action == JobseekerAction.WITHDRAW_CONSENT else answer_form
            status = 422
            if form.validate():
                try:
                    new = service.jobseeker_says(token, action, answer_form.message.data or "")[1]
                except DomainError as error:
                    form.form_errors.append(error.message)
                    status = error.status_code
                else:
                    flash(_("Viestisi on välitetty valmentajallesi ja palveluntuottajalle.") if new
                          else _("Olet jo lähettänyt tämän viestin. Se on välitetty."), "success")
                    return redirect(url_for("referrals.status_page", token=token)), 303, PRIVATE
        page = render_template(
            "referrals/status.html", referral=referral, answers=service.answers_of(referral),
            answer_form=answer_form, withdraw_form=withdraw_form, texts=JOBSEEKER_STATUS_TEXTS,
            steps=JOBSEEKER_STEPS, shown_until=service.shown_until(referral),
            estimate=service.estimated_start(referral),
        )
    return page, status, PRIVATE


@bp.get("/referrals/<referral_uuid>/confirmation")
@login_required
def confirmation(referral_uuid: str):
    """A one-page sheet for the coach to print and hand over: the offering, contacts, next steps, the link."""
    referral = service.confirmation_sheet(service.get_referral(referral_uuid, current_user), current_user)
    with force_locale(service.message_language(referral)):
        return render_template("referrals/confirmation.html", referral=referral,
                               link=service.status_link(referral))
