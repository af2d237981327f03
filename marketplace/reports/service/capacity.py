"""The capacity and catalogue report, as things are today: open places, full, stale and ending offerings, and
which municipalities have no offering of a type."""

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from marketplace.accounts.models import Organisation, OrganisationRole, OrganisationStatus
from marketplace.catalog.labels import FUNDING_LABELS
from marketplace.catalog.models import Offering, OfferingChange, OfferingMunicipality, OfferingStatus
from marketplace.clock import today, utcnow
from marketplace.i18n import show_date
from marketplace.reference import (
    OFFERING_TYPE,
    employment_areas,
    find_municipality,
    municipalities,
    municipality_name,
    term_name,
    terms_of,
)
from marketplace.reports.permissions import Scope
from marketplace.reports.service.base import ReportFilters, ReportResult, count_star, db_all, offering_conditions
from marketplace.reports.tables import Row, Table, count, text

FULL_FOR = timedelta(weeks=4)
FUNDING_WITHIN = timedelta(days=90)
MAX_LISTED = 200


def capacity_report(filters: ReportFilters, scope: Scope, area_codes: frozenset[str] | None) -> ReportResult:
    result = ReportResult(_("Paikat ja palvelut"), _("Tilanne tänään: ajanjakso ei vaikuta näihin lukuihin."))
    places = _by_place(filters, scope)
    # Coverage is of the whole public catalogue, for the chosen target group and funding: not narrowed to one
    # type, municipality or organisation, whose gaps would then look like the network's
    network = replace(filters, municipality_codes=None, offering_type="", organisation=None)
    result.tables = [
        _open_by_type(filters, scope),
        _open_by_municipality(places, filters),
        _full_for_long(filters, scope),
        _stale(filters, scope),
        _funding_ending(filters, scope),
        _coverage(places if network == filters and scope.is_network else _by_place(network, Scope(None)),
                  area_codes, filters.offering_type),
    ]
    return result


def published_offerings(filters: ReportFilters, scope: Scope, columns):
    """Published offerings of verified organisations (a provider: its own), matching the filters."""
    conditions = [Offering.status == OfferingStatus.PUBLISHED, Organisation.status == OrganisationStatus.VERIFIED,
                  or_(Offering.funding_ends_on.is_(None), Offering.funding_ends_on >= today()),
                  *offering_conditions(filters)]
    if scope.role is OrganisationRole.PROVIDER:
        conditions.append(Offering.organisation_id == scope.organisation.id)
    if filters.organisation is not None:
        conditions.append(Offering.organisation_id == filters.organisation.id)
    return (select(*columns).select_from(Offering).join(Organisation, Organisation.id == Offering.organisation_id)
            .where(*conditions))


def _open_by_type(filters: ReportFilters, scope: Scope) -> Table:
    found = {code: (n, places, unknown) for code, n, places, unknown in db_all(
        published_offerings(filters, scope, [Offering.offering_type, count_star(), func.sum(Offering.open_places),
                                    func.count() - func.count(Offering.open_places)])
        .group_by(Offering.offering_type))}
    rows = [Row(term.label, [count(found[term.code][0], people=False), count(found[term.code][1], people=False),
                             count(found[term.code][2], people=False)], key=term.code)
            for term in terms_of(OFFERING_TYPE) if term.code in found]
    return Table(
        "open_by_type", _("Vapaat paikat palvelun tyypin mukaan"),
        _("Julkaistut palvelut ja niiden vapaat paikat nyt. Paikkoja ei lasketa palveluista, jotka eivät ilmoita "
          "paikkamäärää (oma sarakkeensa)."),
        [_("Palvelun tyyppi"), _("Palveluja"), _("Vapaita paikkoja"), _("Paikkamäärää ei ilmoitettu")],
        rows, chart="bar", chart_column=1,
    ).finish()


def _by_place(filters: ReportFilters, scope: Scope) -> list[tuple[str, str, int, int]]:
    """(municipality, offering type, offerings, open places) of published offerings, by the municipalities
    they serve; a merged municipality's rows count as its successor's."""
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code, offering_type, n, places in db_all(
            published_offerings(filters, scope, [OfferingMunicipality.code, Offering.offering_type, count_star(),
                                        func.sum(Offering.open_places)])
            .join(OfferingMunicipality, OfferingMunicipality.offering_id == Offering.id)
            .group_by(OfferingMunicipality.code, Offering.offering_type)):
        municipality = find_municipality(code)
        totals = found[municipality.successor.code if municipality else code, offering_type]
        totals[0] += n
        totals[1] += places or 0
    return [(code, offering_type, n, places) for (code, offering_type), (n, places) in found.items()]


def _open_by_municipality(places, filters: ReportFilters) -> Table:
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for code, offering_type, _n, open_places in places:
        if filters.municipality_codes is None or code in filters.municipality_codes:
            found[code][offering_type] = open_places
    types = [term for term in terms_of(OFFERING_TYPE) if any(term.code in row for row in found.values())]
    rows = [Row(municipality_name(code), [count(found[code].get(t.code, 0), people=False) for t in types], key=code)
            for code in sorted(found, key=municipality_name)]
    return Table(
        "open_by_municipality", _("Vapaat paikat kunnittain"),
        _("Vapaat paikat palveluissa, jotka on tarkoitettu kunnan asukkaille; usean kunnan palvelu näkyy "
          "jokaisen kuntansa rivillä."),
        [_("Kunta"), *(t.label for t in types)], rows,
    ).finish()


def _offering_list(key: str, title: str, definition: str, columns: list[str], query, cells_of) -> Table:
    """One offering a row, the first MAX_LISTED: its title, then the texts `cells_of` makes of the rest."""
    found = db_all(query.limit(MAX_LISTED + 1))
    rows = [Row(name, [text(value) for value in cells_of(*rest)]) for name, *rest in found[:MAX_LISTED]]
    note = _("Näytetään ensimmäiset %(n)s.", n=MAX_LISTED) if len(found) > MAX_LISTED else ""
    return Table(key, title, definition, columns, rows, note=note).finish()


def _full_for_long(filters: ReportFilters, scope: Scope) -> Table:
    last_change = (select(OfferingChange.offering_id, func.max(OfferingChange.changed_at).label("at"))
                   .where(OfferingChange.field == "open_places").group_by(OfferingChange.offering_id).subquery())
    full_since = func.coalesce(last_change.c.at, Offering.created_at)
    query = (published_offerings(filters, scope, [Offering.title, Organisation.name, Offering.offering_type,
                                                  full_since])
             .outerjoin(last_change, last_change.c.offering_id == Offering.id)
             .where(Offering.open_places == 0, full_since < utcnow() - FULL_FOR)
             .order_by(full_since, Offering.title))
    return _offering_list(
        "full", _("Täynnä yli neljä viikkoa"),
        _("Julkaistut palvelut, joissa ei ole ollut vapaita paikkoja yli neljään viikkoon: kysyntää olisi ehkä "
          "enemmän kuin paikkoja."),
        [_("Palvelu"), _("Palveluntuottaja"), _("Tyyppi"), _("Täynnä alkaen")], query,
        lambda org, code, since: (org, term_name(OFFERING_TYPE, code), show_date(since)),
    )


def _stale(filters: ReportFilters, scope: Scope) -> Table:
    stale_after = current_app.config["OFFERING_STALE_AFTER"]
    query = (published_offerings(filters, scope, [Offering.title, Organisation.name, Offering.confirmed_at])
             .where(Offering.confirmed_at < utcnow() - stale_after).order_by(Offering.confirmed_at, Offering.title))
    return _offering_list(
        "stale", _("Tiedot tarkistamatta"),
        _("Julkaistut palvelut, joiden tietoja ei ole muokattu tai vahvistettu ajantasaisiksi %(days)s päivään.",
          days=stale_after.days),
        [_("Palvelu"), _("Palveluntuottaja"), _("Viimeksi vahvistettu")], query,
        lambda org, confirmed: (org, show_date(confirmed)),
    )


def _funding_ending(filters: ReportFilters, scope: Scope) -> Table:
    query = (published_offerings(filters, scope, [Offering.title, Organisation.name, Offering.funding_source,
                                                  Offering.funding_ends_on])
             .where(Offering.funding_ends_on <= today() + FUNDING_WITHIN)
             .order_by(Offering.funding_ends_on, Offering.title))
    return _offering_list(
        "funding", _("Rahoitus päättyy 90 päivän sisällä"),
        _("Julkaistut palvelut, joiden rahoitus päättyy seuraavan 90 päivän aikana; palvelu poistuu hausta "
          "rahoituksen päättyessä."),
        [_("Palvelu"), _("Palveluntuottaja"), _("Rahoitus"), _("Päättyy")], query,
        lambda org, source, ends: (org, str(FUNDING_LABELS[source]), show_date(ends)),
    )


def _coverage(places, area_codes: frozenset[str] | None, offering_type: str) -> Table:
    """With an area chosen: its municipalities × types, how many offerings; else areas × types, how many
    municipalities lack one. A chosen type is the only column."""
    counts = {(code, offering_type): n for code, offering_type, n, _places in places}
    types = [t for t in terms_of(OFFERING_TYPE) if not offering_type or t.code == offering_type]
    if area_codes is not None:
        rows = [Row(m.name, [count(counts.get((m.code, t.code), 0), people=False) for t in types], key=m.code)
                for m in municipalities() if m.code in area_codes]
        return Table(
            "coverage", _("Kattavuus: palvelut alueen kunnissa"),
            _("Montako julkaistua palvelua kunnan asukkaille on kutakin tyyppiä; 0 on aukko, johon kannattaa "
              "etsiä palveluntuottaja."), [_("Kunta"), *(t.label for t in types)], rows).finish()
    rows = [Row(area.name, [count(sum((code, t.code) not in counts for code in area.municipality_codes),
                                  people=False) for t in types], key=area.code)
            for area in employment_areas()]
    return Table(
        "coverage", _("Kattavuus: kunnat ilman palvelua työllisyysalueittain"),
        _("Montako alueen kuntaa on ilman yhtään julkaistua palvelua kutakin tyyppiä. Valitse alue nähdäksesi "
          "kunnat."), [_("Työllisyysalue"), *(t.label for t in types)], rows,
    ).finish()
