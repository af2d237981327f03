"""The provider writes a learning record for a referral: details, units, evidence, then submits it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from marketplace import inputs
from marketplace.accounts import service as accounts
from marketplace.errors import DomainError, NotPermitted
from marketplace.learning import bp, service
from marketplace.learning.forms import (
    ChooseUnitForm,
    NewRecordForm,
    RecordDetailsForm,
    ReturnForm,
    evidence_form,
    review_form,
)
from marketplace.learning.permissions import can_edit_record, can_open_record, can_review_record, is_record_writer
from marketplace.referrals import service as referrals
from marketplace.web import render_form, show_error


def _education_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("Ei vielä valittu"))] + [
        SelectChoice(str(org.uuid), org.name) for org in referrals.education_providers()]


def _education_provider(value: str):
    return accounts.get_organisation(value, current_user) if value else None


def record_url(record) -> str:
    return url_for("learning.record", record_uuid=record.uuid)


@bp.route("/referrals/<referral_uuid>/learning/new", methods=["GET", "POST"])
@login_required
def new_record(referral_uuid: str):
    referral = referrals.get_referral(referral_uuid, current_user)
    if not can_open_record(current_user, referral):
        raise NotPermitted(_("Osaamisen kuvauksen aloittaa palveluntuottaja, kun asiakas on hyväksytty palveluun."))
    qualifications = service.current_qualifications()
    form = NewRecordForm()
    form.qualification.choices = [SelectChoice(str(q.id), q.name) for q in qualifications]
    form.education_provider.choices = _education_choices()
    if request.method == "GET":
        taught = [ou.unit.qualification_id for ou in referral.offering.learning_units]
        form.qualification.data = str(taught[0]) if taught else None
        form.education_provider.data = str(referral.education_provider.uuid) if referral.education_provider else ""
    if form.validate_on_submit():
        try:
            record = service.open_record(referral, service.get_qualification(int(form.qualification.data)),
                                         current_user, _education_provider(form.education_provider.data))
        except DomainError as error:
            show_error(form, error)
            return render_form("learning/new_record.html", form, status=error.status_code, referral=referral,
                               qualifications=qualifications)
        flash(_("Osaamisen kuvaus aloitettu."), "success")
        return redirect(record_url(record))
    return render_form("learning/new_record.html", form, referral=referral, qualifications=qualifications)


@bp.get("/learning/<record_uuid>")
@login_required
def record(record_uuid: str):
    return record_page(service.get_record(record_uuid, current_user))


def _details_form(record, formdata=None) -> RecordDetailsForm:
    form = RecordDetailsForm(formdata=formdata, data={
        "version": record.version, "period_start": record.period_start, "period_end": record.period_end,
        "hours": record.hours, "instructor_name": record.instructor_name,
        "instructor_assessment": record.instructor_assessment,
        "education_provider": str(record.education_provider.uuid) if record.education_provider else "",
    })
    form.education_provider.choices = _education_choices()
    return form


def _unit_form(record) -> ChooseUnitForm:
    form = ChooseUnitForm(formdata=None)
    taken = {ru.unit_id for ru in record.units}
    form.unit.choices = [SelectChoice(str(u.id), u.label) for u in record.qualification.units if u.id not in taken]
    return form


def _unusual_hours(record) -> str:
    """The hours a day, to warn about when above the usual (e.g. "9,5"); else nothing."""
    per_day = service.hours_a_day(record)
    return format_decimal(per_day, "#0.#") if per_day and per_day > service.USUAL_HOURS_A_DAY else ""


def record_page(record, status: int = 200, details_form=None, the_review_form=None, return_form=None):
    """A record as its viewer needs it: the provider's editing tools, or the education provider's decision."""
    editable = can_edit_record(current_user, record)
    reviewing = can_review_record(current_user, record)
    return render_template(
        "learning/record.html", record=record, editable=editable, reviewing=reviewing,
        is_writer=is_record_writer(current_user, record),
        details_form=details_form or (_details_form(record) if editable else None),
        unit_form=_unit_form(record) if editable else None,
        review_form=the_review_form or (review_form(record, teacher=current_user) if reviewing else None),
        return_form=return_form or (ReturnForm(formdata=None, data={"version": record.version}) if reviewing else None),
        missing=service.missing_for_submission(record) if editable else [],
        summary=service.recognition_summary(record), replacement=service.replacement_of(record),
        hours_a_day=_unusual_hours(record),
        can_decide_yet=service.can_decide_yet(record),
    ), status


@bp.post("/learning/<record_uuid>/details")
@login_required
def update_details(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    form = _details_form(found, request.form)
    if not form.validate_on_submit():
        return record_page(found, 422, details_form=form)
    try:
        service.update_record(found, service.RecordDetails(
            period_start=form.period_start.data, period_end=form.period_end.data, hours=form.hours.data,
            instructor_name=form.instructor_name.data or "",
            instructor_assessment=form.instructor_assessment.data or "",
            education_provider=_education_provider(form.education_provider.data),
        ), current_user, form.expected_version)
    except DomainError as error:
        show_error(form, error)
        return record_page(service.get_record(record_uuid, current_user), error.status_code, details_form=form)
    flash(_("Tiedot tallennettu."), "success")
    return redirect(record_url(found))


@bp.post("/learning/<record_uuid>/units")
@login_required
def add_unit(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    try:
        unit_id = inputs.integer(request.form.get("unit", ""), minimum=1)
    except inputs.OutOfRange:
        flash(_("Valitse tutkinnon osa."), "error")
        return record_page(found, 422)
    record_unit = service.add_unit(found, service.get_unit(unit_id), current_user)
    return redirect(url_for("learning.unit_evidence", record_uuid=found.uuid, record_unit_id=record_unit.id))


@bp.route("/learning/<record_uuid>/units/<int:record_unit_id>", methods=["GET", "POST"])
@login_required
def unit_evidence(record_uuid: str, record_unit_id: int):
    found = service.get_record(record_uuid, current_user)
    record_unit = service.get_record_unit(found, record_unit_id)
    if not can_edit_record(current_user, found):
        return redirect(record_url(found))
    form = evidence_form(record_unit, request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        evidence = {
            requirement.id: service.Evidence(shown=bool(form[f"shown_{requirement.id}"].data),
                                             text=form[f"evidence_{requirement.id}"].data or "")
            for requirement in record_unit.unit.requirements
        }
        try:
            service.save_evidence(found, record_unit, form.tasks.data or "", evidence, current_user)
        except DomainError as error:
            show_error(form, _field_error(error))
            return render_form("learning/unit_evidence.html", form, status=error.status_code, record=found,
                               record_unit=record_unit)
        flash(_("Tallennettu: %(unit)s.", unit=record_unit.unit.name), "success")
        return redirect(record_url(found))
    return render_form("learning/unit_evidence.html", form, record=found, record_unit=record_unit)


def _field_error(error: DomainError) -> DomainError:
    """The service names evidence fields evidence-<id>; the form evidence_<id>."""
    error.errors = {name.replace("-", "_"): messages for name, messages in error.errors.items()}
    return error


@bp.post("/learning/<record_uuid>/units/<int:record_unit_id>/remove")
@login_required
def remove_unit(record_uuid: str, record_unit_id: int):
    found = service.get_record(record_uuid, current_user)
    service.remove_unit(found, service.get_record_unit(found, record_unit_id), current_user)
    flash(_("Tutkinnon osa poistettu kuvauksesta."), "success")
    return redirect(record_url(found))


@bp.post("/learning/<record_uuid>/submit")
@login_required
def submit(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    try:
        service.submit_record(found, current_user)
    except DomainError as error:
        for messages in error.errors.values():
            for message in messages:
                flash(message, "error")
        if not error.errors:
            flash(error.message, "error")
        return record_page(service.get_record(record_uuid, current_user), error.status_code)
    flash(_("Osaamisen kuvaus lähetetty oppilaitokselle: %(school)s.", school=found.education_provider.name), "success")
    return redirect(record_url(found))


@bp.post("/learning/<record_uuid>/correct")
@login_required
def correct(record_uuid: str):
    found = service.get_record(record_uuid, current_user)
    correction = service.start_correction(found, current_user)
    flash(_("Korjattu versio aloitettu. Alkuperäinen vahvistettu kuvaus säilyy ennallaan."), "success")
    return redirect(record_url(correction))
