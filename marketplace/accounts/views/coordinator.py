"""Regional coordinators: the organisations of the network and their verification."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import bp, service
from marketplace.accounts.forms import StatusChangeForm
from marketplace.accounts.models import OrganisationStatus
from marketplace.accounts.permissions import can_moderate
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.sorting import requested_sort
from marketplace.web import render_form, show_error


def _require_coordinator() -> None:
    if not can_moderate(current_user):
        raise NotPermitted(_("Tämä sivu on vain alueen koordinaattoreille."))


@bp.get("/coordinator/organisations")
@login_required
def coordinator_organisations():
    _require_coordinator()
    try:
        status = OrganisationStatus(request.args.get("status", "pending"))
    except ValueError:
        status = None  # "all"
    sort = requested_sort(service.ORGANISATION_COLUMNS)
    return render_template(
        "accounts/coordinator/organisations.html",
        organisations=service.list_organisations(current_user, status, sort),
        status=status, sort=sort,
        counts=service.status_counts(),
    )


def _organisation_page(organisation, form: StatusChangeForm | None = None, status: int | None = None):
    return render_form(
        "accounts/coordinator/organisation.html",
        form or StatusChangeForm(formdata=None),
        status=status,
        organisation=organisation,
        same_business_id=service.same_business_id(organisation),
        allowed=service.ALLOWED_STATUS_CHANGES[organisation.status],
    )


@bp.get("/coordinator/organisations/<organisation_uuid>")
@login_required
def coordinator_organisation(organisation_uuid: str):
    _require_coordinator()
    return _organisation_page(service.get_organisation(organisation_uuid, current_user))


@bp.post("/coordinator/organisations/<organisation_uuid>/status")
@login_required
def set_organisation_status(organisation_uuid: str):
    _require_coordinator()
    organisation = service.get_organisation(organisation_uuid, current_user)
    form = StatusChangeForm()
    try:
        new_status = OrganisationStatus(request.form.get("status", ""))
    except ValueError:
        form.form_errors.append(_("Valitse toiminto."))
        return _organisation_page(organisation, form, status=422)
    if form.validate_on_submit():
        try:
            service.set_organisation_status(organisation, new_status, current_user, form.reason.data or "")
        except (InvalidInput, Conflict) as error:
            show_error(form, error)
            return _organisation_page(organisation, form, status=error.status_code)
        message = (
            _("%(name)s on vahvistettu. Ylläpitäjille lähetettiin ilmoitus.", name=organisation.name)
            if new_status is OrganisationStatus.VERIFIED
            else _("%(name)s on jäädytetty. Ylläpitäjille lähetettiin ilmoitus.", name=organisation.name)
        )
        flash(message, "success")
        return redirect(url_for("accounts.coordinator_organisation", organisation_uuid=organisation.uuid))
    return _organisation_page(organisation, form)
