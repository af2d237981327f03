"""From a report's GET parameters to its filters, within what the reader may see."""

from dataclasses import dataclass
from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Organisation, OrganisationStatus
from marketplace.errors import NotPermitted
from marketplace.extensions import db
from marketplace.reference import all_municipalities, find_employment_area
from marketplace.reports.forms import AREA_PREFIX, GROUP_PREFIX, FilterForm
from marketplace.reports.labels import REPORT_FILTERS
from marketplace.reports.permissions import Report, Scope
from marketplace.reports.service.base import ReportFilters, ReportResult
from marketplace.reports.service.capacity import capacity_report
from marketplace.reports.service.groups import get_group, groups
from marketplace.reports.service.learning import learning_report
from marketplace.reports.service.outcomes import outcomes_report
from marketplace.reports.service.referrals import referrals_report
from marketplace.reports.service.searches import searches_report


def filter_form(args, scope: Scope) -> FilterForm:
    """The filter form filled from `args`; only a coordinator may narrow to another organisation."""
    if not scope.is_network and args.get("organisation"):
        raise NotPermitted(_("Vain alueen koordinaattori voi rajata raportin toiseen organisaatioon."))
    organisations = None
    if scope.is_network:
        organisations = list(db.session.scalars(select(Organisation).where(
            Organisation.status == OrganisationStatus.VERIFIED).order_by(Organisation.name)))
    return FilterForm(args, groups(), organisations)


def read_filters(form: FilterForm) -> tuple[ReportFilters, frozenset[str] | None]:
    """The filters of a valid form, and the chosen area's municipalities (for the coverage table)."""
    area, municipality = form.area.data or "", form.municipality.data or ""
    area_codes = None
    if area.startswith(AREA_PREFIX):
        area_codes = frozenset(find_employment_area(area.removeprefix(AREA_PREFIX)).municipality_codes)
    elif area.startswith(GROUP_PREFIX):
        area_codes = frozenset(get_group(area.removeprefix(GROUP_PREFIX)).municipality_codes)
    codes = area_codes
    if municipality:
        chosen = frozenset({municipality})
        codes = chosen if area_codes is None else chosen & area_codes
    organisation = None
    if "organisation" in form and form.organisation.data:
        organisation = db.session.scalar(select(Organisation).where(
            Organisation.uuid == UUID(form.organisation.data)))  # a valid choice, so a valid UUID
    filters = ReportFilters(
        period=form.chosen_period, municipality_codes=_with_merged(codes), organisation=organisation,
        offering_type=form.offering_type.data or "", target_group=form.target_group.data or "",
        funding_source=form.funding_source.data or "",
    )
    return filters, area_codes


def _with_merged(codes: frozenset[str] | None) -> frozenset[str] | None:
    """Old offerings may still name a municipality that has merged (Pertunmaa): it counts as its successor."""
    if codes is None:
        return None
    return codes | {m.code for m in all_municipalities() if m.successor.code in codes}


@dataclass
class PreparedReport:
    form: FilterForm
    result: ReportResult | None  # None: the filters were not valid (the form says why)
    query: dict[str, str]  # the filters as GET parameters, for the CSV and XLSX links


def run_report(report: Report, args, scope: Scope) -> PreparedReport:
    """The report the GET parameters ask for, within the reader's scope."""
    form = filter_form(args, scope)
    fields = [name for name in (*REPORT_FILTERS[report], "start", "end") if name in form]
    query = {name: str(form[name].raw_data[0]) for name in fields if form[name].raw_data and form[name].raw_data[0]}
    if not form.validate():
        return PreparedReport(form, None, query)
    filters, area_codes = read_filters(form)
    return PreparedReport(form, build_report(report, filters, scope, area_codes), query)


def build_report(report: Report, filters: ReportFilters, scope: Scope, area_codes) -> ReportResult:
    if report is Report.REFERRALS:
        return referrals_report(filters, scope)
    if report is Report.OUTCOMES:
        return outcomes_report(filters, scope)
    if report is Report.CAPACITY:
        return capacity_report(filters, scope, area_codes)
    if report is Report.LEARNING:
        return learning_report(filters, scope)
    return searches_report(filters)
