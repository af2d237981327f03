"""The rules of reports: every figure an SQL aggregate over the reader's scope, small counts hidden."""

from marketplace.reports.service.base import ReportFilters, ReportResult
from marketplace.reports.service.capacity import capacity_report
from marketplace.reports.service.export import report_csv, report_xlsx
from marketplace.reports.service.filters import run_report
from marketplace.reports.service.groups import delete_group, get_group, groups, save_group
from marketplace.reports.service.headlines import Headline, headline_figures
from marketplace.reports.service.learning import learning_report
from marketplace.reports.service.outcomes import outcomes_report
from marketplace.reports.service.referrals import referrals_report
from marketplace.reports.service.searches import searches_report

__all__ = [
    "Headline",
    "ReportFilters",
    "ReportResult",
    "capacity_report",
    "delete_group",
    "get_group",
    "groups",
    "headline_figures",
    "learning_report",
    "outcomes_report",
    "referrals_report",
    "run_report",
    "report_csv",
    "report_xlsx",
    "save_group",
    "searches_report",
]
