"""A provider describes which units its offering teaches (its learning environment)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from marketplace.catalog import service as catalog
from marketplace.errors import DomainError
from marketplace.inputs import OutOfRange, integer
from marketplace.learning import bp, service
from marketplace.learning.forms import ChooseUnitForm, DescribeUnitForm
from marketplace.web import render_form, show_error


def _environment_url(offering) -> str:
    return url_for("learning.environment", offering_uuid=offering.uuid)


@bp.get("/offerings/<offering_uuid>/learning")
@login_required
def environment(offering_uuid: str):
    offering = catalog.get_editable_offering(offering_uuid, current_user)
    qualifications = service.current_qualifications()
    chosen = next((q for q in qualifications if str(q.id) == request.args.get("qualification")), None)
    form = ChooseUnitForm(formdata=None)
    if chosen:
        form.unit.choices = [SelectChoice(str(unit.id), unit.label) for unit in chosen.units]
    return render_template("learning/environment.html", offering=offering, qualifications=qualifications,
                           chosen=chosen, form=form)


@bp.get("/offerings/<offering_uuid>/learning/describe")
@login_required
def choose_unit(offering_uuid: str):
    """The unit picked from the list (a GET form, so it works without JavaScript)."""
    offering = catalog.get_editable_offering(offering_uuid, current_user)
    try:
        unit_id = integer(request.args.get("unit", ""), 1)
    except OutOfRange:
        flash(_("Valitse tutkinnon osa."), "error")
        return redirect(_environment_url(offering))
    return redirect(url_for("learning.describe_unit", offering_uuid=offering.uuid, unit_id=unit_id))


@bp.route("/offerings/<offering_uuid>/learning/units/<int:unit_id>", methods=["GET", "POST"])
@login_required
def describe_unit(offering_uuid: str, unit_id: int):
    offering = catalog.get_editable_offering(offering_uuid, current_user)
    unit = service.get_unit(unit_id)
    existing = next((ou for ou in offering.learning_units if ou.unit_id == unit.id), None)
    form = DescribeUnitForm(unit)
    if request.method == "GET" and existing:
        form.tasks.data = existing.tasks
        form.requirements.data = [str(rid) for rid in existing.requirement_ids]
    if form.validate_on_submit():
        try:
            service.describe_unit(offering, unit, form.tasks.data, form.requirement_ids(), current_user)
        except DomainError as error:
            show_error(form, error)
            return render_form("learning/describe_unit.html", form, status=error.status_code, offering=offering,
                               unit=unit)
        flash(_("Tutkinnon osa kuvattu: %(unit)s.", unit=unit.name), "success")
        return redirect(_environment_url(offering))
    return render_form("learning/describe_unit.html", form, offering=offering, unit=unit)


@bp.post("/offerings/<offering_uuid>/learning/<int:offering_unit_id>/remove")
@login_required
def remove_offering_unit(offering_uuid: str, offering_unit_id: int):
    offering = catalog.get_editable_offering(offering_uuid, current_user)
    offering_unit = service.get_offering_unit(offering, offering_unit_id)
    service.remove_offering_unit(offering, offering_unit, current_user)
    flash(_("Tutkinnon osa poistettu palvelun kuvauksesta."), "success")
    return redirect(_environment_url(offering))
