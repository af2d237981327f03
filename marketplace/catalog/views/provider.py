"""A provider's own offerings: the dashboard, the form, the history and the status buttons."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.validators import ValidationError as FieldError

from marketplace.accounts import service as accounts
from marketplace.accounts.permissions import is_member
from marketplace.catalog import bp, service
from marketplace.catalog.forms import BulkForm, OfferingForm, OpenPlacesForm
from marketplace.catalog.labels import PLACE_REASON_LABELS
from marketplace.catalog.models import OfferingStatus
from marketplace.catalog.presentation import display_value, field_label
from marketplace.catalog.service import OfferingData
from marketplace.catalog.views.public import offering_page
from marketplace.errors import DomainError, InvalidInput, NotPermitted
from marketplace.reference import municipalities
from marketplace.sorting import requested_sort
from marketplace.web import render_form, safe_next_url, show_error


def _member_organisation(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    if not is_member(current_user, organisation):
        raise NotPermitted(_("Vain organisaation jäsenet näkevät sen palvelujen hallinnan."))
    return organisation


def _offering_url(offering) -> str:
    return url_for("catalog.offering", offering_uuid=offering.uuid)


@bp.get("/organisations/<organisation_uuid>/offerings")
@login_required
def dashboard(organisation_uuid: str):
    return _dashboard_page(_member_organisation(organisation_uuid))


def _dashboard_page(organisation, status: int = 200):
    archived = request.args.get("archived") == "1"
    sort = requested_sort(service.DASHBOARD_COLUMNS)
    return render_template(
        "catalog/dashboard.html",
        organisation=organisation,
        offerings=service.organisation_offerings(organisation, archived=archived, sort=sort),
        archived=archived, sort=sort,
        is_stale=service.is_stale,
        bulk_form=BulkForm(formdata=None),
    ), status


BULK_DONE = {
    service.BulkAction.CONFIRM: _l("Merkitty ajan tasalla oleviksi: %(titles)s."),
    service.BulkAction.PAUSE: _l("Keskeytetty: %(titles)s."),
    service.BulkAction.RESUME: _l("Julkaistu uudelleen: %(titles)s."),
    service.BulkAction.SET_PLACES: _l("Vapaat paikat päivitetty: %(titles)s."),
}


@bp.post("/organisations/<organisation_uuid>/offerings/bulk")
@login_required
def bulk_change(organisation_uuid: str):
    """Confirm, pause, resume or set the places of the offerings ticked on the dashboard."""
    organisation = _member_organisation(organisation_uuid)
    form = BulkForm()
    if not form.validate_on_submit():
        for messages in form.errors.values():
            flash(str(messages[0]), "error")
        return _dashboard_page(organisation, status=422)
    try:
        outcome = service.change_many(organisation, request.form.getlist("offerings"),
                                      service.BulkAction(form.action.data), current_user, form.open_places.data)
    except DomainError as error:
        flash(error.message, "error")
        return _dashboard_page(organisation, status=error.status_code)
    if outcome.changed:
        flash(str(BULK_DONE[form.action.data] % {"titles": ", ".join(o.title for o in outcome.changed)}), "success")
    for title, why in outcome.skipped:
        flash(_("Ei muutettu: %(title)s (%(why)s).", title=title, why=why), "warning")
    return redirect(url_for("catalog.dashboard", organisation_uuid=organisation.uuid))


def _form_page(form: OfferingForm, organisation, offering=None, status: int | None = None):
    return render_form("catalog/edit.html", form, status=status, organisation=organisation, offering=offering,
                       municipalities=municipalities())


@bp.route("/organisations/<organisation_uuid>/offerings/new", methods=["GET", "POST"])
@login_required
def new_offering(organisation_uuid: str):
    organisation = _member_organisation(organisation_uuid)
    form = OfferingForm()
    form.complete = False  # a new offering is a draft: its name is enough to save it
    if request.method == "GET":
        form.contact_name.data = current_user.name
        form.contact_email.data = current_user.email
    if form.validate_on_submit():
        try:
            offering = service.create_offering(organisation, form.to_data(), current_user)
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Palvelu tallennettu luonnokseksi. Tarkista esikatselu ja julkaise, kun tiedot ovat valmiit."),
                  "success")
            return redirect(_offering_url(offering))
    return _form_page(form, organisation)


@bp.route("/offerings/<offering_uuid>/edit", methods=["GET", "POST"])
@login_required
def edit_offering(offering_uuid: str):
    offering = service.get_editable_offering(offering_uuid, current_user)
    form = OfferingForm()
    form.complete = offering.status is not OfferingStatus.DRAFT
    if request.method == "GET":
        form.fill_from(OfferingData.of(offering), offering.version)
    if form.validate_on_submit():
        try:
            changed = service.update_offering(offering, form.to_data(), current_user, form.expected_version)
        except DomainError as error:
            show_error(form, error)
            return _form_page(form, offering.organisation, offering, status=error.status_code)
        flash(_("Muutokset tallennettu.") if changed else _("Tiedot vahvistettu ajantasaisiksi (ei muutoksia)."),
              "success")
        return redirect(_offering_url(offering))
    return _form_page(form, offering.organisation, offering)


@bp.get("/offerings/<offering_uuid>/history")
@login_required
def history(offering_uuid: str):
    offering = service.get_offering(offering_uuid, current_user)
    if not (is_member(current_user, offering.organisation) or current_user.is_coordinator):
        raise NotPermitted(
            _("Palvelun muutoshistoria näkyy vain sen julkaisseelle organisaatiolle ja koordinaattoreille.")
        )
    return render_template(
        "catalog/history.html", offering=offering, field_label=field_label, display_value=display_value,
        reason_labels=PLACE_REASON_LABELS, shows_referrals=is_member(current_user, offering.organisation),
    )


STATUS_ACTIONS = {
    "publish": (service.publish_offering, _l("Palvelu on julkaistu.")),
    "pause": (service.pause_offering,
              _l("Palvelu on keskeytetty. Se ei näy haussa ennen kuin julkaiset sen uudelleen.")),
    "archive": (service.archive_offering, _l("Palvelu on arkistoitu.")),
    "restore": (service.restore_offering, _l("Palvelu on palautettu luonnokseksi.")),
    "confirm": (service.confirm_offering, _l("Kiitos! Tiedot on merkitty ajantasaisiksi.")),
}


@bp.post("/offerings/<offering_uuid>/<any(publish, pause, archive, restore, confirm):action>")
@login_required
def change_offering(offering_uuid: str, action: str):
    offering = service.get_editable_offering(offering_uuid, current_user)
    do, message = STATUS_ACTIONS[action]
    try:
        do(offering, current_user)
    except DomainError as error:  # e.g. an unverified organisation publishing: say why, on the same page
        flash(error.message, "error")
        return offering_page(offering, status=error.status_code)
    flash(str(message), "success")
    return redirect(safe_next_url(_offering_url(offering)))


@bp.post("/offerings/<offering_uuid>/duplicate")
@login_required
def duplicate_offering(offering_uuid: str):
    offering = service.get_editable_offering(offering_uuid, current_user)
    copy = service.duplicate_offering(offering, current_user)
    flash(_("Palvelusta tehtiin kopio luonnokseksi. Muokkaa sitä ja julkaise, kun se on valmis."), "success")
    return redirect(url_for("catalog.edit_offering", offering_uuid=copy.uuid))


@bp.post("/offerings/<offering_uuid>/places")
@login_required
def set_open_places(offering_uuid: str):
    offering = service.get_editable_offering(offering_uuid, current_user)
    form = OpenPlacesForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(next(iter(form.errors.values()))[0], "open_places")
        service.set_open_places(offering, form.new_value(offering.open_places), current_user)
    except (InvalidInput, FieldError) as error:
        flash(_("%(title)s: %(error)s", title=offering.title, error=getattr(error, "message", str(error))), "error")
        return _dashboard_page(offering.organisation, status=422)
    flash(_("%(title)s: vapaita paikkoja %(n)s.", title=offering.title, n=offering.open_places), "success")
    return redirect(url_for("catalog.dashboard", organisation_uuid=offering.organisation.uuid))
