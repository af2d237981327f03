"""The outcomes report: where people went after the service, why services ended early, what was recognised."""

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import case, select

from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering
from marketplace.learning.models import Decision, LearningRecord, RecordStatus, RecordUnit
from marketplace.reference import OFFERING_TYPE, term_name
from marketplace.referrals.labels import DISCONTINUE_LABELS, OUTCOME_LABELS
from marketplace.referrals.models import DiscontinueReason, Outcome, Referral, ReferralStatus
from marketplace.reports.permissions import Scope
from marketplace.reports.service.base import (
    ReportFilters,
    ReportResult,
    count_star,
    db_all,
    referral_query,
)
from marketplace.reports.tables import Cell, Row, Table, count, counts_table, finish_together, rate, with_totals

ENDED = (ReferralStatus.COMPLETED, ReferralStatus.DISCONTINUED)
MAX_PROVIDERS = 50


def outcomes_report(filters: ReportFilters, scope: Scope) -> ReportResult:
    result = ReportResult(_("Tulokset"), _("Ohjaukset, joissa palvelu päättyi valittuna ajanjaksona."))
    by_provider = _grouped(filters, scope, Referral.provider_id, Referral.discontinue_reason)
    recognised = _recognised_referrals()
    learnt = case((recognised.c.referral_id.is_not(None), 1), else_=0)
    by_type = _grouped(filters, scope, Offering.offering_type, learnt, recognised)
    names = _organisation_names({provider for provider, *_ in by_provider})
    outcomes, discontinued = _by_outcome(by_provider), _discontinued(by_provider)
    types = _by_group(by_type, "by_type", _("Tulokset palvelun tyypin mukaan"), _("Palvelun tyyppi"),
                      lambda code: term_name(OFFERING_TYPE, code))
    providers = _by_group(by_provider, "by_provider", _("Tulokset palveluntuottajittain"), _("Palveluntuottaja"),
                          lambda pid: names.get(pid, "?"))
    # The same figure in two tables is one cell, hidden in both or in neither
    per_outcome, everything = [row.cells[0] for row in outcomes.body_rows], outcomes.total_row.cells[0]
    for table in (types, providers):
        if table.rows:
            table.total_row.cells[:] = [*per_outcome, everything]
    discontinued.total_row.cells[0] = per_outcome[list(Outcome).index(Outcome.DISCONTINUED)]
    learning = _learning_share(by_type, {row.key: row.cells[-1] for row in types.body_rows}, everything)
    result.tables = [outcomes, discontinued, types, providers, learning]
    finish_together(result.tables)
    return result


def _recognised_referrals():
    """The referrals where a school confirmed that something was learnt (a unit recognised wholly or partly)."""
    return (select(LearningRecord.referral_id).join(RecordUnit, RecordUnit.record_id == LearningRecord.id)
            .where(LearningRecord.status == RecordStatus.CONFIRMED,
                   RecordUnit.decision.in_([Decision.RECOGNISED, Decision.PARTIAL]))
            .distinct().subquery())


def _grouped(filters: ReportFilters, scope: Scope, group, detail, joined=None) -> list[tuple]:
    """(group, outcome, detail, n) of the referrals that ended in the period: two GROUP BYs serve every table;
    `joined` is a subquery of referral ids that `detail` reads."""
    keys = [group, Referral.outcome, detail]
    query = referral_query([*keys, count_star()], filters, scope, Referral.closed_at,
                           with_offering=group is Offering.offering_type)
    if joined is not None:
        query = query.outerjoin(joined, joined.c.referral_id == Referral.id)
    return db_all(query.where(Referral.status.in_(ENDED)).group_by(*keys))


def _organisation_names(ids) -> dict[int, str]:
    return dict(db_all(select(Organisation.id, Organisation.name).where(Organisation.id.in_(sorted(ids)))))


def _by_outcome(grouped) -> Table:
    found: dict[Outcome, int] = defaultdict(int)
    for _group, outcome, _detail, n in grouped:
        found[outcome] += n
    return counts_table(
        "outcomes", _("Mihin asiakkaat siirtyivät"),
        _("Päättyneet ohjaukset sen mukaan, mihin asiakas palveluntuottajan mukaan siirtyi; keskeytyneet omana "
          "rivinään."),
        [_("Tulos"), _("Ohjauksia")], [(o.value, str(OUTCOME_LABELS[o]), found[o]) for o in Outcome], _("Yhteensä"))


def _discontinued(grouped) -> Table:
    found: dict[DiscontinueReason, int] = defaultdict(int)
    for _group, outcome, reason, n in grouped:
        if outcome is Outcome.DISCONTINUED:
            found[reason] += n
    return counts_table(
        "discontinued", _("Keskeytyneet syyn mukaan"),
        _("Ohjaukset, joissa asiakas aloitti palvelun mutta se päättyi ennen aikojaan, palveluntuottajan "
          "ilmoittaman syyn mukaan."),
        [_("Syy"), _("Ohjauksia")], [(r.value, str(DISCONTINUE_LABELS[r]), found[r]) for r in DiscontinueReason],
        _("Yhteensä"))


def _by_group(grouped, key, title, heading, name_of) -> Table:
    """Ended referrals by group (offering type or provider) and outcome, the largest groups first."""
    found: dict = defaultdict(lambda: defaultdict(int))
    for group, outcome, _detail, n in grouped:
        found[group][outcome] += n
    ordered = sorted(found, key=lambda g: (-sum(found[g].values()), str(g)))
    rows = [Row(name_of(group), [count(found[group][outcome]) for outcome in Outcome], key=str(group))
            for group in ordered[:MAX_PROVIDERS]]
    cut = len(ordered) > MAX_PROVIDERS
    return Table(
        key, title, _("Päättyneet ja keskeytyneet ohjaukset tuloksen mukaan."),
        [heading, *(str(OUTCOME_LABELS[outcome]) for outcome in Outcome), _("Yhteensä")],
        with_totals(rows, _("Kaikki yhteensä") if cut else _("Yhteensä")) if rows else [], totals=bool(rows),
        chart="stacked", complete=not cut,
        note=_("Näytetään %(shown)s suurinta; yhteensä-rivi kattaa kaikki %(all)s.", shown=MAX_PROVIDERS,
               all=len(ordered)) if cut else "",
    )


def _learning_share(by_type, ended_cells: dict[str, Cell], everything: Cell) -> Table:
    """Per offering type, the ended referrals (the outcomes table's cells) and those where learning was
    recognised."""
    recognised: dict[str, int] = defaultdict(int)
    for code, _outcome, flag, n in by_type:
        recognised[code] += n if flag else 0
    rows = []
    for code, ended in [*ended_cells.items(), ("", everything)]:
        k = recognised[code] if code else sum(recognised.values())
        recognised_cell = count(k)
        rows.append(Row(term_name(OFFERING_TYPE, code) if code else _("Yhteensä"),
                        [ended, recognised_cell, rate(k, ended.value, depends=(ended, recognised_cell))], key=code))
    return Table(
        "learning_share", _("Osaaminen tunnustettiin"),
        _("Päättyneet ohjaukset, joissa oppilaitos vahvisti osaamisen (tutkinnon osa tunnustettiin kokonaan tai "
          "osittain), ja niiden osuus kaikista päättyneistä."),
        [_("Palvelun tyyppi"), _("Päättyneitä"), _("Osaamista tunnustettu"), _("Osuus")], rows, column_totals=True,
    )
