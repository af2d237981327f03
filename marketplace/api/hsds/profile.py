"""The profile: how Finnish concepts map onto HSDS 3.0 here, published at /api/v1/profile and named in GET /.

In the spirit of HSDS profiles: what each HSDS field carries, which taxonomies exist and what their attributes
hold, and what never leaves the site. Written in the language asked for (Accept-Language).
"""

from flask_babel import gettext as _

from marketplace.api.hsds import vocabulary as v
from marketplace.api.hsds.objects import BUSINESS_ID_SCHEME, taxonomy


def _fields() -> dict[str, str]:
    return {
        "service.id": _("Palvelun pysyvä UUID; sama kuin palvelun julkisen sivun osoitteessa."),
        "service.name, service.description": _("Palvelun nimi ja kuvaus kielellä, jota pyydettiin "
                                               "(Accept-Language: fi, sv tai en), jos palveluntuottaja on sen "
                                               "kirjoittanut; muuten palvelun omalla kielellä. service.language "
                                               "kertoo kielen; muut kieliversiot ovat translation-attribuutteja."),
        "service.status": _("active: julkaistu ja vahvistetun organisaation. Muita ei rajapinnassa näy."),
        "service.assured_date": _("Päivä, jona palveluntuottaja viimeksi vahvisti tiedot ajantasaisiksi tai "
                                  "muokkasi niitä (Suomen aikaa)."),
        "service.last_modified": _("Viimeisin muutos palvelun tietoihin (myös vapaiden paikkojen muutos). "
                                   "modified_after rajaa tämän mukaan. Organisaation muutokset näkyvät "
                                   "/organizations-rajapinnassa."),
        "service.fees_description, service.cost_options": _("Asiakkaan maksu ja hinta kunnalle tai ostajalle; "
                                                            "hintavaihtoehdon laji on sen attribuutissa."),
        "service.funding": _("Rahoituslähde (funding-source-luokitus) ja rahoituksen päättymispäivä "
                             "(funding_ends_on-attribuutti)."),
        "service.service_areas": _("Kunnat, joiden asukkaille palvelu on: nimi, kuntaluokituksen URI ja "
                                   "municipality-luokituksen termi."),
        "service.schedules": _("Aikataulu vapaana tekstinä (pelkkä description); viikoittaiset aukioloajat "
                               "(freq WEEKLY, byday, opens_at ja closes_at Suomen aikaa, Europe/Helsinki); tauot "
                               "(closed-attribuutti, valid_from–valid_to). Aloituspäivät ovat "
                               "start_date-attribuutteja."),
        "location.accessibility": _("Tilojen saavutettavuus: yksi merkintä kutakin tiedossa olevaa ominaisuutta "
                                    "kohden (attribuutin arvo yes tai no) ja lisätiedot "
                                    "(accessibility_notes-attribuutti)."),
        "service_at_location, location": _("Palvelun käyntiosoite. Koordinaatit ovat osoitteen kunnan "
                                           "keskipiste (Maanmittauslaitos), eivät osoitteen tarkka sijainti."),
        "organization.organization_identifiers": _("Y-tunnus, identifier_scheme %(scheme)s (org-id.guide). "
                                                   "Sama tunnus on myös kentässä tax_id.", scheme=BUSINESS_ID_SCHEME),
        "organization.attributes": _("Organisaation laji (organisation-kind) ja kotikunta (municipality)."),
    }


def document() -> dict:
    return {
        "name": "Kumppanitori HSDS 3.0 profile",
        "hsds_version": "3.0",
        "description": _("Kumppanitori on kuntien työllisyyspalvelujen ja niiden kumppaniverkoston palvelutori. "
                         "Rajapinta näyttää vahvistettujen organisaatioiden julkaistut palvelut: valmennukset, "
                         "työkokeilut, kuntouttavan työtoiminnan, työpajat, koulutukset ja opinnollistamisen."),
        "fields": _fields(),
        "taxonomies": [taxonomy(item) for item in v.TAXONOMIES],
        "detail_attributes": {code: str(description) for code, description in v.DETAILS.items()},
        "never_published": _("Ohjaukset, työnhakijoiden tiedot, käyttäjät ja heidän yhteystietonsa, luonnokset ja "
                             "keskeytetyt palvelut sekä organisaatioiden tarkastushistoria."),
        "languages": ["fi", "sv", "en"],
        "licence": _("Palvelujen tiedot: palveluntuottajat. Kuntien keskipisteet: Maanmittauslaitoksen "
                     "maastotietokanta 04/2025, CC BY 4.0. Postinumeroalueet: Tilastokeskus, Paavo 2025, "
                     "CC BY 4.0."),
    }
