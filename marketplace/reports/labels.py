"""The names and one-line descriptions of the reports, for the index page and the navigation."""

from flask_babel import lazy_gettext as _l

from marketplace.reports.permissions import Report

REPORT_TITLES = {
    Report.REFERRALS: _l("Ohjaukset"),
    Report.OUTCOMES: _l("Tulokset"),
    Report.CAPACITY: _l("Paikat ja palvelut"),
    Report.LEARNING: _l("Opinnollistaminen"),
    Report.SEARCHES: _l("Haut ilman osumia"),
}
REPORT_DESCRIPTIONS = {
    Report.REFERRALS: _l("Lähetetyt ohjaukset kuukausittain, hyväksymisaste, vastausajat ja määräajassa "
                         "vastatut, hylkäysten syyt ja jono."),
    Report.OUTCOMES: _l("Mihin asiakkaat siirtyivät palvelun jälkeen, keskeytysten syyt ja tunnustettu osaaminen."),
    Report.CAPACITY: _l("Vapaat paikat nyt, täynnä olevat, tarkistamattomat ja päättyvän rahoituksen palvelut sekä "
                        "kunnat ilman palvelua."),
    Report.LEARNING: _l("Osaamisen kuvaukset oppilaitoksittain ja työpajoittain, osaamispisteet, käsittelyajat ja "
                        "useimmin osoitetut tutkinnon osat."),
    Report.SEARCHES: _l("Mitä haettiin mutta verkostosta ei löytynyt: tieto uusien palveluntuottajien "
                        "hankintaan."),
}
# The filters that change each report (capacity is today's situation; searches keep only a query and a month)
REPORT_FILTERS = {
    Report.REFERRALS: ("period", "area", "municipality", "organisation", "offering_type", "target_group",
                       "funding_source"),
    Report.OUTCOMES: ("period", "area", "municipality", "organisation", "offering_type", "target_group",
                      "funding_source"),
    Report.CAPACITY: ("area", "municipality", "organisation", "offering_type", "target_group", "funding_source"),
    Report.LEARNING: ("period", "area", "municipality", "organisation", "offering_type", "target_group",
                      "funding_source"),
    Report.SEARCHES: ("period",),
}
