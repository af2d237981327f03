"""Coordinators: offerings that need checking, and taking an offering down with a reason."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.catalog import bp, service
from marketplace.catalog.forms import ReasonForm
from marketplace.catalog.permissions import can_moderate_offerings
from marketplace.catalog.views.public import offering_page
from marketplace.errors import DomainError, NotPermitted
from marketplace.web import show_error


@bp.get("/coordinator/offerings/stale")
@login_required
def stale_offerings():
    if not can_moderate_offerings(current_user):
        raise NotPermitted(_("Tämä sivu on vain alueen koordinaattoreille."))
    return render_template("catalog/coordinator/stale.html", stale=service.stale_offerings())


@bp.post("/offerings/<offering_uuid>/unpublish")
@login_required
def unpublish_offering(offering_uuid: str):
    offering = service.get_offering(offering_uuid, current_user)
    if not can_moderate_offerings(current_user):
        raise NotPermitted(_("Vain alueen koordinaattori voi poistaa toisen organisaation palvelun julkaisusta."))
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            service.unpublish_offering(offering, current_user, form.reason.data)
        except DomainError as error:
            show_error(form, error)
            return offering_page(offering, status=error.status_code, reason_form=form)
        flash(_("Palvelu poistettiin julkaisusta. Palveluntuottajalle lähetettiin syy."), "success")
        return redirect(url_for("catalog.offering", offering_uuid=offering.uuid))
    return offering_page(offering, status=422, reason_form=form)
