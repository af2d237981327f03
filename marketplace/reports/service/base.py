"""What every report shares: the filters as SQL conditions, the reader's scope, months and durations in SQL."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from sqlalchemy import Integer, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from marketplace.accounts.models import Organisation, OrganisationRole
from marketplace.catalog.models import Offering, OfferingMunicipality, OfferingTargetGroup
from marketplace.extensions import db
from marketplace.referrals.models import Referral
from marketplace.reports.periods import Period, month_bounds
from marketplace.reports.permissions import Scope
from marketplace.reports.tables import Table


@dataclass(frozen=True)
class ReportFilters:
    period: Period
    municipality_codes: frozenset[str] | None = None  # None: every municipality
    organisation: Organisation | None = None
    offering_type: str = ""
    target_group: str = ""
    funding_source: str = ""


@dataclass
class ReportResult:
    title: str
    intro: str
    tables: list[Table] = field(default_factory=list)

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def offering_conditions(filters: ReportFilters) -> list:
    """The offering filters (type, target group, funding, municipalities served) as conditions on Offering."""
    conditions = []
    if filters.offering_type:
        conditions.append(Offering.offering_type == filters.offering_type)
    if filters.funding_source:
        conditions.append(Offering.funding_source == filters.funding_source)
    if filters.target_group:
        conditions.append(Offering.id.in_(select(OfferingTargetGroup.offering_id)
                                          .where(OfferingTargetGroup.code == filters.target_group)))
    if filters.municipality_codes is not None:
        conditions.append(Offering.id.in_(select(OfferingMunicipality.offering_id)
                                          .where(OfferingMunicipality.code.in_(sorted(filters.municipality_codes)))))
    return conditions


def referral_scope(scope: Scope) -> list:
    """A provider sees the referrals it received, a coach team those it sent; coordinators every one."""
    if scope.is_network:
        return []
    if scope.role is OrganisationRole.PROVIDER:
        return [Referral.provider_id == scope.organisation.id]
    if scope.role is OrganisationRole.COACH:
        return [Referral.referrer_id == scope.organisation.id]
    return [Referral.education_provider_id == scope.organisation.id]


def referral_query(columns, filters: ReportFilters, scope: Scope, moment=None, *, in_period: bool = True,
                   with_offering: bool = False):
    """SELECT `columns` FROM referrals of the scope matching the filters, `moment` within the period; joined
    to the offering when a filter or `with_offering` (a column of it) needs it."""
    moment = Referral.sent_at if moment is None else moment
    query = select(*columns).select_from(Referral)
    offered = offering_conditions(filters)
    if offered or with_offering:
        query = query.join(Offering, Offering.id == Referral.offering_id)
    conditions = referral_scope(scope) + offered
    if in_period:
        conditions += [moment >= filters.period.since, moment < filters.period.until]
    if filters.organisation is not None:
        conditions.append(or_(Referral.provider_id == filters.organisation.id,
                              Referral.referrer_id == filters.organisation.id))
    return query.where(*conditions)


def month_of(column, period: Period):
    """The Finnish calendar month (its first day, as text) of a moment: CASE over the period's month limits,
    which is the same SQL on SQLite and PostgreSQL and right across daylight saving time."""
    whens = [(column < month_bounds(month)[1], f"{month:%Y-%m-%d}") for month in period.months()]
    return case(*whens, else_=None)


def month_label(key: str | date) -> str:
    month = date.fromisoformat(key) if isinstance(key, str) else key
    return format_date(month, "LLL yyyy")


class days_between(FunctionElement):  # noqa: N801 (a SQL function, named like one)
    """Whole days from the second moment to the first."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_sqlite(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400) AS INTEGER)"


def count_star():
    return func.count().label("n")


def db_all(query) -> list[tuple]:
    return list(db.session.execute(query))
