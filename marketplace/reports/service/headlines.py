"""Three figures for the coordinator's home page, each a link to the report it comes from: cheap queries."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import case, func

from marketplace.catalog.models import Offering
from marketplace.referrals.models import Referral
from marketplace.reports.periods import default_period
from marketplace.reports.permissions import Report, Scope
from marketplace.reports.service.base import ReportFilters, db_all, referral_query
from marketplace.reports.service.capacity import published_offerings
from marketplace.reports.service.referrals import answer_deadline, late_unanswered, overdue_by_provider
from marketplace.reports.tables import Cell, count, rate


@dataclass(frozen=True)
class Headline:
    label: str
    cell: Cell
    report: Report


def headline_figures() -> list[Headline]:
    """Overdue now, the share answered in time this quarter, and the open places now, for the network."""
    quarter = ReportFilters(default_period())
    network = Scope(None)
    overdue = sum(overdue_by_provider(quarter, network).values())
    answered = Referral.response_working_days.is_not(None)
    in_time, answered_n, late = db_all(referral_query([
        func.count(case((answered & (Referral.response_working_days <= answer_deadline()), 1))),
        func.count(case((answered, 1))), func.count(case((late_unanswered(), 1))),
    ], quarter, network))[0]
    places = db_all(published_offerings(quarter, network, [func.coalesce(func.sum(Offering.open_places), 0)]))[0][0]
    overdue_cell = count(overdue)
    overdue_cell.hidden = overdue_cell.is_small
    return [
        Headline(_("Ohjauksia myöhässä nyt"), overdue_cell, Report.REFERRALS),
        Headline(_("Vastattu määräajassa tällä neljänneksellä"), rate(in_time, answered_n + late), Report.REFERRALS),
        Headline(_("Vapaita paikkoja nyt"), count(places, people=False), Report.CAPACITY),
    ]
