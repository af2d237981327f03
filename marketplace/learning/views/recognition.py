"""The education provider's queue, and its decision on a record: confirm per unit, or return with questions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import service as accounts
from marketplace.clock import days_since, today
from marketplace.errors import DomainError
from marketplace.inputs import OutOfRange, integer, version_of
from marketplace.learning import bp, service
from marketplace.learning.forms import ReturnForm, review_form
from marketplace.learning.models import Decision
from marketplace.learning.views.records import record_page, record_url
from marketplace.sorting import chosen_sort
from marketplace.web import show_error

QUEUE_VIEWS = ("submitted", "returned", "confirmed")


@bp.get("/organisations/<organisation_uuid>/recognition")
@login_required
def queue(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    view = request.args.get("view", "submitted")
    view = view if view in QUEUE_VIEWS else "submitted"
    sort = chosen_sort(service.QUEUE_COLUMNS, service.QUEUE_DEFAULT_SORT[view])
    records = service.review_queue(organisation, current_user, view, sort)
    return render_template("learning/queue.html", organisation=organisation, records=records, view=view,
                           sort=sort, counts=service.queue_counts(organisation, current_user),
                           summary=service.recognition_summary, today=today(), days_since=days_since)


@bp.post("/learning/<record_uuid>/review")
@login_required
def review(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    service.require_reviewer(found, current_user)  # before the form: a stranger learns nothing from its errors
    form = review_form(found, request.form)
    if not form.validate_on_submit():
        return record_page(found, 422, the_review_form=form)
    decisions = {
        record_unit.id: service.UnitDecision(
            decision=Decision(form[f"decision_{record_unit.id}"].data),
            comment=form[f"comment_{record_unit.id}"].data or "",
            remaining=frozenset(_ids(form._fields[f"remaining_{record_unit.id}"].data))
            if f"remaining_{record_unit.id}" in form._fields else frozenset(),
        )
        for record_unit in found.units
    }
    try:
        service.confirm_record(found, decisions, form.teacher_name.data, form.teacher_title.data, current_user,
                               version_of(form.version))
    except DomainError as error:
        error.errors = {name.replace("-", "_"): messages for name, messages in error.errors.items()}
        show_error(form, error)
        return record_page(service.get_record(record_uuid, current_user), error.status_code, the_review_form=form)
    flash(_("Osaaminen on tunnustettu ja todistus luotu."), "success")
    return redirect(url_for("learning.certificate", record_uuid=found.uuid))


@bp.post("/learning/<record_uuid>/return")
@login_required
def return_record(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    service.require_reviewer(found, current_user)
    form = ReturnForm()
    if not form.validate_on_submit():
        return record_page(found, 422, return_form=form)
    try:
        service.return_record(found, form.message.data, current_user,
                              version_of(form.version))
    except DomainError as error:
        show_error(form, error)
        return record_page(service.get_record(record_uuid, current_user), error.status_code, return_form=form)
    flash(_("Kuvaus palautettu palveluntuottajalle täydennettäväksi."), "success")
    return redirect(record_url(found))


def _ids(values) -> list[int]:
    """The ids a multiple choice sent; a tampered value is ignored (the choices are validated anyway)."""
    ids = []
    for value in values or []:
        try:
            ids.append(integer(value, 1))
        except OutOfRange:
            continue
    return ids
