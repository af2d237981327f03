"""The printable certificate of a confirmed record, and its public verification by code."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace.errors import NotFound
from marketplace.learning import bp, service
from marketplace.learning.forms import VerifyForm
from marketplace.learning.permissions import can_view_record
from marketplace.notifications.service import absolute_url
from marketplace.referrals.permissions import can_view_referral


@bp.get("/learning/<record_uuid>/certificate")
@login_required
def certificate(record_uuid: str):
    found = service.get_record_for_certificate(record_uuid, current_user)
    return render_template(
        "learning/certificate.html", record=found, content=found.certificate,
        verify_url=absolute_url("learning.verify", code=found.verification_code),
        can_view_referral=can_view_referral(current_user, found.referral),
        can_view_record=can_view_record(current_user, found),
    )


@bp.get("/verify")
def verify_form():
    form = VerifyForm(request.args)
    if request.args and form.validate():
        return redirect(url_for("learning.verify", code=form.code.data))
    return render_template("learning/verify.html", form=form, verification=None), 422 if form.errors else 200


@bp.get("/verify/<code>")
def verify(code: str):
    """Anyone with the code sees what the certificate shows, and whether it is unchanged and still valid."""
    try:
        verification = service.verify(code)
    except NotFound as error:  # say it beside the form, so the code can be corrected and tried again
        form = VerifyForm(formdata=None, data={"code": code})
        form.code.errors = [error.message]
        return render_template("learning/verify.html", form=form, verification=None), 404
    return render_template("learning/verify.html", form=VerifyForm(formdata=None), verification=verification,
                           content=verification.record.certificate)
