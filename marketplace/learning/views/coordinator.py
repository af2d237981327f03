"""The qualification catalogue: coordinators upload files; everyone logged in can read a qualification."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.permissions import can_moderate
from marketplace.errors import InvalidInput, NotPermitted
from marketplace.learning import bp, service
from marketplace.learning.forms import UploadForm
from marketplace.web import render_form, show_error


@bp.route("/coordinator/qualifications", methods=["GET", "POST"])
@login_required
def qualifications():
    if not can_moderate(current_user):
        raise NotPermitted(_("Tutkintoja tuovat alueen koordinaattorit."))
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = service.import_qualifications(service.parse_file(upload.filename or "", upload.read()))
        except InvalidInput as error:
            show_error(form, InvalidInput(error.message,
                                          errors={"file": [error.message, *error.errors.get("file", [])]}))
            return _page(form, status=422)
        flash(_("Tuotu: %(created)s uutta, %(updated)s uutta versiota, %(unchanged)s ennallaan.",
                created=len(report.created), updated=len(report.updated), unchanged=len(report.unchanged)), "success")
        return redirect(url_for("learning.qualifications"))
    return _page(form)


def _page(form, status: int | None = None):
    return render_form("learning/qualifications.html", form, status=status,
                       qualifications=service.current_qualifications(), columns=service.CSV_COLUMNS)


@bp.get("/qualifications/<int:qualification_id>")
@login_required
def qualification(qualification_id: int):
    found = service.get_qualification(qualification_id)
    return render_template("learning/qualification.html", qualification=found,
                           versions=service.qualification_versions(found.key))
