"""The learning report (opinnollistaminen): records through the schools' queues, points recognised, units."""

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.models import Organisation, OrganisationRole
from marketplace.catalog.models import Offering
from marketplace.extensions import db
from marketplace.learning.models import (
    Decision,
    LearningRecord,
    Qualification,
    QualificationUnit,
    RecordEvent,
    RecordStatus,
    RecordUnit,
)
from marketplace.referrals.models import Referral
from marketplace.reports.permissions import Scope
from marketplace.reports.service.base import (
    ReportFilters,
    ReportResult,
    count_star,
    days_between,
    db_all,
    offering_conditions,
)
from marketplace.reports.tables import Cell, Row, Table, count, days, finish_together, percentile, text

ACTIONS = ("submitted", "returned", "confirmed")
MAX_ROWS = 50
TOP_UNITS = 20


def learning_report(filters: ReportFilters, scope: Scope) -> ReportResult:
    result = ReportResult(_("Opinnollistaminen"),
                          _("Osaamisen kuvaukset, jotka lähetettiin, palautettiin tai vahvistettiin valittuna "
                            "ajanjaksona."))
    schools = _by_organisation(filters, scope, LearningRecord.education_provider_id, "by_school",
                               _("Kuvaukset oppilaitoksittain"), _("Oppilaitos"))
    workshops = _by_organisation(filters, scope, LearningRecord.provider_id, "by_workshop",
                                 _("Kuvaukset työpajoittain ja palveluntuottajittain"), _("Palveluntuottaja"))
    result.tables = [schools, workshops, _points(filters, scope), _top_units(filters, scope)]
    # The same records counted by school and by workshop: each column of one adds up to the other's
    equations = [[row.cells[i] for row in schools.rows + workshops.rows] for i in range(len(ACTIONS))] \
        if schools.complete and workshops.complete else []
    finish_together(result.tables, equations)
    return result


def _records(columns, filters: ReportFilters, scope: Scope):
    """Learning records of the scope whose referral's offering matches the filters."""
    conditions = offering_conditions(filters)
    if scope.role is OrganisationRole.PROVIDER:
        conditions.append(LearningRecord.provider_id == scope.organisation.id)
    elif scope.role is OrganisationRole.EDUCATION:
        conditions.append(LearningRecord.education_provider_id == scope.organisation.id)
    elif scope.role is OrganisationRole.COACH:
        conditions.append(Referral.referrer_id == scope.organisation.id)
    if filters.organisation is not None:
        conditions.append((LearningRecord.provider_id == filters.organisation.id)
                          | (LearningRecord.education_provider_id == filters.organisation.id))
    return (select(*columns).select_from(LearningRecord)
            .join(Referral, Referral.id == LearningRecord.referral_id)
            .join(Offering, Offering.id == Referral.offering_id)
            .where(*conditions))


def _in_period(column, filters: ReportFilters) -> list:
    return [column >= filters.period.since, column < filters.period.until]


def _names(ids) -> dict[int, str]:
    return dict(db_all(select(Organisation.id, Organisation.name).where(Organisation.id.in_(list(ids)))))


def _by_organisation(filters, scope, column, key, title, heading) -> Table:
    found: dict = defaultdict(dict)
    for org_id, action, n in db_all(
            _records([column, RecordEvent.action, func.count(func.distinct(RecordEvent.record_id))], filters, scope)
            .join(RecordEvent, RecordEvent.record_id == LearningRecord.id)
            .where(RecordEvent.action.in_(ACTIONS), *_in_period(RecordEvent.created_at, filters))
            .group_by(column, RecordEvent.action)):
        found[org_id][action] = n
    waited = days_between(LearningRecord.decided_at, LearningRecord.submitted_at)
    histograms: dict = defaultdict(list)
    for org_id, value, n in db_all(
            _records([column, waited, count_star()], filters, scope)
            .where(LearningRecord.status == RecordStatus.CONFIRMED, *_in_period(LearningRecord.decided_at, filters))
            .group_by(column, waited)):
        histograms[org_id].append((value, n))
    ordered = sorted((i for i in found if i is not None), key=lambda i: -sum(found[i].values()))
    ids = ordered[:MAX_ROWS]
    names = _names(ids)
    rows = []
    for org_id in ids:
        decided = sum(n for _, n in histograms[org_id])
        rows.append(Row(names.get(org_id, "?"), [
            *(count(found[org_id].get(action, 0)) for action in ACTIONS),
            days(percentile(histograms[org_id], 0.5), decided),
        ], key=str(org_id)))
    return Table(
        key, title,
        _("Lähetetty: kuvaus lähetettiin oppilaitokselle (uudelleen lähetetty kuvaus lasketaan kerran). "
          "Käsittelyaika: kalenteripäivät viimeisestä lähettämisestä oppilaitoksen päätökseen (mediaani)."),
        [heading, _("Lähetetty"), _("Palautettu täydennettäväksi"), _("Vahvistettu"),
         _("Käsittelyaika, mediaani (päivää)")],
        rows, chart="bar", complete=len(ordered) <= MAX_ROWS and None not in found,
    )


def _points(filters: ReportFilters, scope: Scope) -> Table:
    found = db_all(
        _records([LearningRecord.education_provider_id, func.count(func.distinct(LearningRecord.id)),
                  func.count(RecordUnit.id), func.coalesce(func.sum(QualificationUnit.points), 0)], filters, scope)
        .join(RecordUnit, RecordUnit.record_id == LearningRecord.id)
        .join(QualificationUnit, QualificationUnit.id == RecordUnit.unit_id)
        .where(LearningRecord.status == RecordStatus.CONFIRMED, RecordUnit.decision == Decision.RECOGNISED,
               *_in_period(LearningRecord.decided_at, filters))
        .group_by(LearningRecord.education_provider_id))
    names = _names(org_id for org_id, *_ in found)
    rows = []
    for org_id, records, units, points in sorted(found, key=lambda item: -item[3])[:MAX_ROWS]:
        people = count(records)
        rows.append(Row(names.get(org_id, "?"), [people, Cell(points, people=False, depends=(people,)),
                                                 Cell(units, people=False, depends=(people,))]))
    return Table(
        "points", _("Tunnustetut osaamispisteet"),
        _("Osaamispisteet tutkinnon osista, jotka oppilaitos tunnusti kokonaan; osittain tunnustetut osat eivät "
          "ole mukana."),
        [_("Oppilaitos"), _("Vahvistettuja kuvauksia"), _("Osaamispisteitä"), _("Tunnustettuja tutkinnon osia")],
        rows,
    )


def _top_units(filters: ReportFilters, scope: Scope) -> Table:
    found = db_all(
        _records([QualificationUnit.id, func.count(func.distinct(LearningRecord.id)).label("records")],
                 filters, scope)
        .join(RecordUnit, RecordUnit.record_id == LearningRecord.id)
        .join(QualificationUnit, QualificationUnit.id == RecordUnit.unit_id)
        .where(LearningRecord.status.in_([RecordStatus.SUBMITTED, RecordStatus.RETURNED, RecordStatus.CONFIRMED]),
               *_in_period(LearningRecord.submitted_at, filters))
        .group_by(QualificationUnit.id)
        .order_by(func.count(func.distinct(LearningRecord.id)).desc(), QualificationUnit.id)
        .limit(TOP_UNITS))
    units = {unit.id: unit for unit in db.session.scalars(select(QualificationUnit).where(
        QualificationUnit.id.in_([unit_id for unit_id, _ in found])))}
    qualifications = {q.id: q for q in db.session.scalars(select(Qualification).where(
        Qualification.id.in_({unit.qualification_id for unit in units.values()})))}
    rows = [Row(units[unit_id].label, [text(qualifications[units[unit_id].qualification_id].name), count(n)])
            for unit_id, n in found]
    return Table(
        "units", _("Useimmin osoitetut tutkinnon osat"),
        _("Tutkinnon osat, joita oppilaitokselle lähetetyissä kuvauksissa osoitettiin useimmin (kuvausten määrä)."),
        [_("Tutkinnon osa"), _("Tutkinto"), _("Kuvauksia")], rows, chart="bar", chart_column=1,
    )
