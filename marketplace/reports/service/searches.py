"""The search report: what coaches looked for and the network did not offer, so coordinators can recruit."""

from flask_babel import gettext as _

from marketplace.reports.service.base import ReportFilters, ReportResult, month_label
from marketplace.reports.tables import SMALL, Row, Table, count, text
from marketplace.search.demand import unmet_searches
from marketplace.search.models import DemandKind


def searches_report(filters: ReportFilters) -> ReportResult:
    kinds = {DemandKind.NOTHING: _("Ei tuloksia"), DemandKind.PARTIAL: _("Vain osittaisia osumia")}
    found = unmet_searches(filters.period.start, filters.period.end, minimum=SMALL)
    rows = [Row(query, [text(month_label(month)), text(kinds[kind]), count(n, people=False)])
            for month, kind, query, n in found]
    result = ReportResult(_("Haut ilman osumia"), _("Kysyntä, johon verkoston palvelut eivät vastaa."))
    result.tables = [Table(
        "searches", _("Yleisimmät haut, jotka eivät löytäneet sopivaa palvelua"),
        _("Kunkin kuukauden 20 yleisintä hakua, joiden kaikkia sanoja ei löytynyt yhdestäkään palvelusta. Hausta "
          "tallennetaan vain sanat ilman numeroita, ei hakijaa; haku näkyy, kun vähintään %(n)s hakua on sama.",
          n=SMALL),
        [_("Haku"), _("Kuukausi"), _("Tulos"), _("Hakuja")], rows,
    ).finish()]
    return result
