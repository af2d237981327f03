"""The audit pages: the network's for coordinators, an organisation's own for its admins; each with a CSV."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from marketplace.accounts import service as accounts
from marketplace.audit import service
from marketplace.audit.forms import AuditFilterForm
from marketplace.audit.labels import KIND_LABELS
from marketplace.clock import today
from marketplace.inputs import page_number
from marketplace.spreadsheet import csv_download

bp = Blueprint("audit", __name__)


def _filters(organisation=None) -> tuple[AuditFilterForm, service.AuditFilters]:
    organisations = [] if organisation else accounts.organisations_by_status()
    form = AuditFilterForm(request.args, organisations=organisations)
    valid = form.validate()
    filters = service.AuditFilters(
        since=form.since.data if valid else None, until=form.until.data if valid else None,
        kind=form.kind.data or "", user=form.user.data or "", organisation=form.organisation.data or "")
    return form, filters


def _page(organisation=None):
    form, filters = _filters(organisation)
    query = service.events(current_user, filters, organisation)
    page = service.page_of(query, page_number())
    return render_template("audit/events.html", form=form, page=page, organisation=organisation,
                           KIND_LABELS=KIND_LABELS), 422 if form.errors else 200


def _csv(organisation=None):
    _form, filters = _filters(organisation)
    text = service.events_csv(service.events(current_user, filters, organisation))
    return csv_download(f"tapahtumaloki-{today().isoformat()}.csv", text)


@bp.get("/coordinator/audit")
@login_required
def network():
    return _page()


@bp.get("/coordinator/audit.csv")
@login_required
def network_csv():
    return _csv()


@bp.get("/organisations/<organisation_uuid>/audit")
@login_required
def organisation(organisation_uuid: str):
    return _page(accounts.get_organisation(organisation_uuid, current_user))


@bp.get("/organisations/<organisation_uuid>/audit.csv")
@login_required
def organisation_csv(organisation_uuid: str):
    return _csv(accounts.get_organisation(organisation_uuid, current_user))
