"""Report pages, their CSV and XLSX, and the coordinator's groups of municipalities."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.session import active_membership
from marketplace.errors import DomainError, NotPermitted
from marketplace.i18n import show_date
from marketplace.reports import bp, service
from marketplace.reports.charts import chart_of
from marketplace.reports.forms import GroupForm
from marketplace.reports.labels import REPORT_DESCRIPTIONS, REPORT_FILTERS, REPORT_TITLES
from marketplace.reports.permissions import Report, can_manage_groups, require_report, scope_of
from marketplace.spreadsheet import csv_download
from marketplace.web import render_form, show_error

REPORT_NAMES = ",".join(report.value for report in Report)


def _scope():
    membership = active_membership()
    return scope_of(current_user, membership.organisation if membership else None)


@bp.get("")
@login_required
def index():
    scope = _scope()
    return render_template("reports/index.html", scope=scope, titles=REPORT_TITLES,
                           descriptions=REPORT_DESCRIPTIONS, can_manage_groups=can_manage_groups(current_user))


def _prepare(report_name: str):
    """The report the URL names, for the reader's scope: (report, scope, prepared report)."""
    report = Report(report_name)
    scope = _scope()
    require_report(scope, report)
    return report, scope, service.run_report(report, request.args, scope)


@bp.get(f"/<any({REPORT_NAMES}):report_name>")
@login_required
def report_page(report_name: str):
    report, scope, prepared = _prepare(report_name)
    form, result = prepared.form, prepared.result
    charts = {table.key: chart_of(table) for table in result.tables} if result else {}
    shown = REPORT_FILTERS[report]
    fields = [form[name] for name in shown if name in form] + ([form.start, form.end] if "period" in shown else [])
    return render_template(
        "reports/report.html", report=report, scope=scope, form=form, result=result, charts=charts,
        shown_filters=shown, filter_fields=fields, title=REPORT_TITLES[report], query=prepared.query,
        active=_active_filters(form, shown),
    ), 200 if result else 422


def _active_filters(form, shown) -> list[tuple[str, str]]:
    """(label, chosen value) of every filter that narrows the report, the period first."""
    return [(str(form[name].label.text), _chosen(form, form[name])) for name in shown
            if name in form and (form[name].data or name == "period")]


def _need(result):
    if result is None:
        abort(422)
    return result


@bp.get(f"/<any({REPORT_NAMES}):report_name>/<table_key>.csv")
@login_required
def table_csv(report_name: str, table_key: str):
    report, _scope_, prepared = _prepare(report_name)
    table = _need(prepared.result).table(table_key)
    if table is None:
        abort(404)
    return csv_download(f"{report.value}-{table.key}.csv", service.report_csv(table))


@bp.get(f"/<any({REPORT_NAMES}):report_name>.xlsx")
@login_required
def report_xlsx(report_name: str):
    report, scope, prepared = _prepare(report_name)
    result = _need(prepared.result)
    described = _active_filters(prepared.form, REPORT_FILTERS[report])
    scope_name = _("Koko verkosto") if scope.is_network else scope.organisation.name
    content = service.report_xlsx(result, [(_("Kenen luvut"), scope_name), *described])
    return Response(content, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{report.value}.xlsx"'})


def _chosen(form, field) -> str:
    if field.name == "period" and field.data == "custom":
        return f"{show_date(form.start.data)}–{show_date(form.end.data)}"
    return next((str(label) for value, label, *_ in field.iter_choices() if str(value) == str(field.data)), "")


@bp.get("/groups")
@login_required
def groups():
    _scope()
    return render_template("reports/groups.html", groups=service.groups(),
                           can_manage_groups=can_manage_groups(current_user))


@bp.route("/groups/new", methods=["GET", "POST"])
@bp.route("/groups/<group_uuid>", methods=["GET", "POST"])
@login_required
def edit_group(group_uuid: str | None = None):
    if not can_manage_groups(current_user):
        raise NotPermitted(_("Omia alueita voi muokata vain alueen koordinaattori."))
    group = service.get_group(group_uuid) if group_uuid else None
    form = GroupForm()
    if request.method == "GET" and group is not None:
        form.name.data, form.municipalities.data = group.name, group.municipality_codes
    if form.validate_on_submit():
        try:
            saved = service.save_group(form.name.data, list(form.municipalities.data), current_user, group)
        except DomainError as error:
            show_error(form, error)
            return render_form("reports/group.html", form, status=error.status_code, group=group)
        flash(_("Alue %(name)s tallennettiin.", name=saved.name), "success")
        return redirect(url_for("reports.groups"))
    return render_form("reports/group.html", form, group=group)


@bp.post("/groups/<group_uuid>/delete")
@login_required
def delete_group(group_uuid: str):
    group = service.get_group(group_uuid)
    name = group.name
    service.delete_group(group, current_user)
    flash(_("Alue %(name)s poistettiin.", name=name), "success")
    return redirect(url_for("reports.groups"))
