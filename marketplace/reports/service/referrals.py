"""The referrals report: how many were sent, accepted and answered in time, declines, the waiting list."""

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, select

from marketplace.accounts.models import Organisation
from marketplace.clock import today
from marketplace.referrals.labels import DECLINE_LABELS
from marketplace.referrals.models import DeclineReason, Referral, ReferralStatus
from marketplace.referrals.service import overdue_condition
from marketplace.reports.permissions import Scope
from marketplace.reports.service.base import (
    ReportFilters,
    ReportResult,
    count_star,
    days_between,
    db_all,
    month_label,
    month_of,
    referral_query,
)
from marketplace.reports.tables import (
    Row,
    Table,
    count,
    counts_table,
    days,
    finish_together,
    nearest_rank,
    percentile,
    rate,
    text,
    with_totals,
)

S = ReferralStatus
# The states a report shows, in the order of a referral's life; each groups the statuses listed
STATE_GROUPS = (
    ("waiting", (S.SENT, S.QUEUED, S.INFO_REQUESTED)),
    ("accepted", (S.ACCEPTED, S.STARTED)),
    ("completed", (S.COMPLETED,)),
    ("discontinued", (S.DISCONTINUED,)),
    ("declined", (S.DECLINED,)),
    ("withdrawn", (S.WITHDRAWN,)),
)
MAX_PROVIDERS = 50
DECLINED_GROUP = [key for key, _ in STATE_GROUPS].index("declined")
OVERDUE_ROW = 5  # in the key figures


def state_group_labels() -> dict[str, str]:
    return {
        "waiting": _("Odottaa vastausta tai paikkaa"), "accepted": _("Hyväksytty tai käynnissä"),
        "completed": _("Päättynyt"),
        "discontinued": _("Keskeytynyt"), "declined": _("Ei hyväksytty"), "withdrawn": _("Peruttu"),
    }


def answer_deadline() -> int:
    return current_app.config["REFERRAL_ANSWER_WORKING_DAYS"]


def referrals_report(filters: ReportFilters, scope: Scope) -> ReportResult:
    result = ReportResult(_("Ohjaukset"), _("Ohjaukset, jotka lähetettiin valittuna ajanjaksona."))
    facts = _facts(filters, scope)
    overdue = overdue_by_provider(filters, scope)
    figures = [_figures(facts, sum(overdue.values()))]
    if not scope.is_network:  # the whole network beside one's own, for comparison
        figures.append(_figures(_facts(filters, Scope(None)), sum(overdue_by_provider(filters, Scope(None)).values())))
    summary, months, in_time = _key_figures(figures, scope), _sent_by_month(facts, filters), \
        _in_time_by_month(facts, filters)
    providers, declines = _response_by_provider(filters, scope, overdue), _declines(facts)
    # The same figure in two tables is one cell, hidden in both or in neither
    summary.rows[0].cells[0] = months.total_row.cells[-1]
    declines.total_row.cells[0] = months.total_row.cells[DECLINED_GROUP]
    equations = []
    if providers.complete:  # the providers' answered and overdue add up to the months' and the summary's
        equations.append([row.cells[0] for row in providers.rows] + [row.cells[1] for row in in_time.rows])
        equations.append([row.cells[4] for row in providers.rows] + [summary.rows[OVERDUE_ROW].cells[0]])
    result.tables = [summary, months, in_time, providers, declines, _waiting_list(facts)]
    finish_together(result.tables, equations)
    return result


@dataclass(frozen=True)
class Fact:
    """One group of the period's referrals that share every property the report counts."""

    month: str | None
    status: S
    decline_reason: DeclineReason | None
    days: int | None  # working days to the first answer; None: not answered
    waiting: bool
    accepted: bool
    late: bool  # not answered, and the deadline has passed
    waited: int | None  # a waiting-list referral: calendar days until it was accepted
    n: int


def _facts(filters: ReportFilters, scope: Scope) -> list[Fact]:
    """The period's referrals grouped by what the report counts: one GROUP BY instead of one per figure."""
    late = late_unanswered()
    waited = case((Referral.waiting_list & Referral.accepted_at.is_not(None),
                   days_between(Referral.accepted_at, Referral.sent_at)))
    accepted = case((Referral.accepted_at.is_not(None), 1), else_=0)
    keys = [month_of(Referral.sent_at, filters.period), Referral.status, Referral.decline_reason,
            Referral.response_working_days, Referral.waiting_list, accepted, case((late, 1), else_=0), waited]
    return [Fact(month, status, reason, days, bool(waiting), bool(accepted), bool(is_late), wait, n)
            for month, status, reason, days, waiting, accepted, is_late, wait, n
            in db_all(referral_query([*keys, count_star()], filters, scope).group_by(*keys))]


def late_unanswered():
    """Never answered though its deadline has passed (and not withdrawn): counts against answering in time."""
    return Referral.response_working_days.is_(None) & (Referral.status != S.WITHDRAWN) & (Referral.due_on < today())


def overdue_by_provider(filters: ReportFilters, scope: Scope) -> dict[int, int]:
    """Waiting for an answer past the deadline today, whenever sent."""
    return dict(db_all(referral_query([Referral.provider_id, count_star()], filters, scope, in_period=False)
                       .where(overdue_condition()).group_by(Referral.provider_id)))


def _figures(facts: list[Fact], overdue: int) -> dict[str, int | float | None]:
    """The headline figures of one scope, read from its facts."""
    def total(condition) -> int:
        return sum(f.n for f in facts if condition(f))

    histogram = _histogram((f.days, f.n) for f in facts if f.days is not None)
    return {
        "sent": total(lambda f: True), "accepted": total(lambda f: f.accepted),
        "declined": total(lambda f: f.status is S.DECLINED), "answered": total(lambda f: f.days is not None),
        "in_time": total(lambda f: f.days is not None and f.days <= answer_deadline()), "late": total(lambda f: f.late),
        "waiting": total(lambda f: f.waiting), "overdue": overdue,
        "median": percentile(histogram, 0.5), "p90": nearest_rank(histogram, 0.9),
    }


def _histogram(pairs) -> list[tuple[int, int]]:
    counts: dict[int, int] = defaultdict(int)
    for value, n in pairs:
        counts[value] += n
    return list(counts.items())


def _key_figures(figures: list[dict], scope: Scope) -> Table:
    """The headline figures; beside a provider's or a team's own, the network's shares and times (not its
    counts: the network's minus one's own would tell the others')."""
    columns = [_("Tunnusluku"), _("Koko verkosto") if scope.is_network else scope.organisation.name]
    if not scope.is_network:
        columns.append(_("Koko verkosto vertailuksi"))
    labels = [
        _("Lähetetyt ohjaukset"), _("Hyväksymisaste"),
        _("Vastausaika, mediaani (työpäivää)"), _("Vastausaika, 90 % vastasi tässä ajassa (työpäivää)"),
        _("Vastattu määräajassa (%(days)s työpäivää)", days=answer_deadline()),
        _("Myöhässä nyt (ei vastausta määräajassa)"), _("Lähetetty jonoon (ei vapaita paikkoja)"),
    ]
    columns_of_cells = [_figure_cells(f, counts=n == 0) for n, f in enumerate(figures)]
    rows = [Row(label, [cells[i] for cells in columns_of_cells]) for i, label in enumerate(labels)]
    return Table(
        "summary", _("Tunnusluvut"),
        _("Hyväksymisaste: hyväksytyt ohjaukset kaikista, joihin palveluntuottaja on päättänyt (hyväksynyt tai "
          "hylännyt). Vastausaika: työpäivät lähettämisestä palveluntuottajan ensimmäiseen vastaukseen; "
          "viikonloput ja arkipyhät eivät ole työpäiviä, ja ohjaukset, joihin ei ole vastattu, näkyvät vain "
          "määräajassa vastattujen osuudessa. Myöhässä nyt: tilanne tänään, ajanjaksosta riippumatta."),
        columns, rows,
    )


def _figure_cells(f: dict, counts: bool) -> list:
    """One column of the key figures; the network's beside one's own (`counts` False) has no counts."""
    def number(n: int):
        return count(n) if counts else text("")

    return [
        number(f["sent"]), rate(f["accepted"], f["accepted"] + f["declined"]),
        days(f["median"], f["answered"]), days(f["p90"], f["answered"]),
        rate(f["in_time"], f["answered"] + f["late"]), number(f["overdue"]), number(f["waiting"]),
    ]


def _sent_by_month(facts: list[Fact], filters: ReportFilters) -> Table:
    by_month: dict[str, dict[S, int]] = defaultdict(lambda: defaultdict(int))
    for f in facts:
        by_month[f.month][f.status] += f.n
    labels = state_group_labels()
    rows = [Row(month_label(m), [count(sum(by_month[f"{m:%Y-%m-%d}"][s] for s in statuses))
                                 for _, statuses in STATE_GROUPS], key=f"{m:%Y-%m}")
            for m in filters.period.months()]
    return Table(
        "sent_by_month", _("Lähetetyt ohjaukset kuukausittain tilan mukaan"),
        _("Kunakin kuukautena lähetetyt ohjaukset sen mukaan, missä tilassa ne ovat nyt."),
        [_("Kuukausi"), *(labels[key] for key, _ in STATE_GROUPS), _("Yhteensä")],
        with_totals(rows, _("Yhteensä")), totals=True, chart="stacked",
    )


def _in_time_by_month(facts: list[Fact], filters: ReportFilters) -> Table:
    answered: dict[str, int] = defaultdict(int)
    in_time: dict[str, int] = defaultdict(int)
    late: dict[str, int] = defaultdict(int)
    for f in facts:
        if f.days is not None:
            answered[f.month] += f.n
            in_time[f.month] += f.n if f.days <= answer_deadline() else 0
        late[f.month] += f.n if f.late else 0
    rows = []
    for m in filters.period.months():
        key = f"{m:%Y-%m-%d}"
        rows.append(Row(month_label(m), [rate(in_time[key], answered[key] + late[key]), count(answered[key]),
                                         count(late[key])], key=f"{m:%Y-%m}"))
    return Table(
        "in_time_by_month", _("Määräajassa vastatut kuukausittain"),
        _("Osuus ohjauksista, joihin palveluntuottaja vastasi %(days)s työpäivässä, kaikista joihin on vastattu "
          "tai joiden määräaika on kulunut ilman vastausta.", days=answer_deadline()),
        [_("Kuukausi"), _("Vastattu määräajassa"), _("Vastattuja"), _("Ilman vastausta myöhässä")],
        rows, chart="line",
    )


def _response_by_provider(filters: ReportFilters, scope: Scope, overdue: dict[int, int]) -> Table:
    is_late = case((late_unanswered(), 1), else_=0)
    histogram: dict[int, list[tuple[int, int]]] = defaultdict(list)
    late: dict[int, int] = defaultdict(int)
    keys = [Referral.provider_id, Referral.response_working_days, is_late]
    for provider_id, value, late_flag, n in db_all(referral_query([*keys, count_star()], filters, scope)
                                                   .group_by(*keys)):
        if value is not None:
            histogram[provider_id].append((value, n))
        late[provider_id] += n if late_flag else 0
    totals = {pid: sum(n for _, n in pairs) for pid, pairs in histogram.items()}
    ids = sorted(set(totals) | {pid for pid, n in late.items() if n} | set(overdue),
                 key=lambda pid: (-totals.get(pid, 0), pid))
    names = dict(db_all(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids[:MAX_PROVIDERS]))))
    rows = []
    for pid in ids[:MAX_PROVIDERS]:
        pairs, n = histogram.get(pid, []), totals.get(pid, 0)
        in_time = sum(c for value, c in pairs if value <= answer_deadline())
        rows.append(Row(names.get(pid, "?"), [
            count(n), days(percentile(pairs, 0.5), n), days(nearest_rank(pairs, 0.9), n),
            rate(in_time, n + late[pid]), count(overdue.get(pid, 0)),
        ], key=str(pid)))
    note = _("Näytetään %(shown)s palveluntuottajaa, joilla on eniten vastattuja ohjauksia (kaikkiaan %(all)s).",
             shown=MAX_PROVIDERS, all=len(ids)) if len(ids) > MAX_PROVIDERS else ""
    return Table(
        "response_by_provider", _("Vastausaika palveluntuottajittain"),
        _("Vastausaika: työpäivät lähettämisestä ensimmäiseen vastaukseen (mediaani ja aika, jossa 90 % "
          "vastattiin). Lukua ei näytetä, jos vastattuja ohjauksia on alle viisi."),
        [_("Palveluntuottaja"), _("Vastattuja"), _("Mediaani (työpäivää)"), _("90 % (työpäivää)"),
         _("Vastattu määräajassa"), _("Myöhässä nyt")],
        rows, chart="bar", chart_column=1, note=note, complete=len(ids) <= MAX_PROVIDERS,
    )


def _declines(facts: list[Fact]) -> Table:
    found: dict[DeclineReason, int] = defaultdict(int)
    for f in facts:
        if f.status is S.DECLINED:
            found[f.decline_reason] += f.n
    return counts_table(
        "declines", _("Hylätyt ohjaukset syyn mukaan"),
        _("Ohjaukset, joita palveluntuottaja ei hyväksynyt, sen ilmoittaman syyn mukaan."),
        [_("Syy"), _("Ohjauksia")], [(r.value, str(DECLINE_LABELS[r]), found[r]) for r in DeclineReason],
        _("Yhteensä"))


def _waiting_list(facts: list[Fact]) -> Table:
    histogram = _histogram((f.waited, f.n) for f in facts if f.waited is not None)
    got_place = sum(n for _, n in histogram)
    waiting = dict(STATE_GROUPS)["waiting"]
    still_waiting = sum(f.n for f in facts if f.waiting and not f.accepted and f.status in waiting)
    return Table(
        "waiting_list", _("Jonoon lähetetyt"),
        _("Ohjaukset, jotka odottivat palvelun jonossa. Odotusaika: kalenteripäivät lähettämisestä hyväksymiseen."),
        [_("Tunnusluku"), _("Arvo")],
        [Row(_("Saivat paikan"), [count(got_place)]),
         Row(_("Odottavat yhä jonossa tai vastausta"), [count(still_waiting)]),
         Row(_("Odotusaika, mediaani (päivää)"), [days(percentile(histogram, 0.5), got_place)]),
         Row(_("Odotusaika, 90 % sai paikan tässä ajassa (päivää)"), [days(nearest_rank(histogram, 0.9), got_place)]),
         ],
    )
