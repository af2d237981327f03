"""The taxonomies our HSDS objects name: the shared offering taxonomy, and the ones that carry what HSDS 3.0
has no field for (an organisation's kind and home municipality, places, funding end, qualification units…).

Every taxonomy and term has a fixed UUID (the shared taxonomy's own, the others derived from their code), so
another system can keep them; the profile (profile.py) says what each means.
"""

from dataclasses import dataclass
from functools import cache
from uuid import NAMESPACE_URL, UUID, uuid5

from flask_babel import lazy_gettext as _l

from marketplace.accounts.labels import KIND_LABELS
from marketplace.accounts.models import OrganisationKind
from marketplace.catalog.labels import FUNDING_LABELS
from marketplace.catalog.models import FundingSource
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, all_municipalities, taxonomy_terms

NAMESPACE = uuid5(NAMESPACE_URL, "https://kumppanitori.fi/hsds")
MUNICIPALITY_CODES_URI = "http://uri.suomi.fi/codelist/jhs/kunta_1_20250101"

ORGANISATION_KIND = "organisation-kind"
MUNICIPALITY = "municipality"
FUNDING_SOURCE = "funding-source"
DETAIL = "kumppanitori-detail"
QUALIFICATION_UNIT = "qualification-unit"
COMPETENCE_REQUIREMENT = "competence-requirement"


def child_id(parent, kind: str, key) -> str:
    """A stable id for an object that has no row of its own (an offering's location, an attribute…)."""
    return str(uuid5(NAMESPACE, f"{parent}:{kind}:{key}"))


# Flips bits outside a UUID's version and variant: an offering's one service_at_location has an id of its own
# (never equal to the service's) that still leads back to the offering.
_SERVICE_AT_LOCATION_MASK = 0x5A5A5A5A_5A5A_0A5A_3A5A_5A5A5A5A5A5A


def service_at_location_id(offering_uuid: UUID) -> str:
    return str(UUID(int=offering_uuid.int ^ _SERVICE_AT_LOCATION_MASK))


def offering_of_service_at_location(service_at_location_id_: str) -> UUID | None:
    try:
        return UUID(int=UUID(service_at_location_id_).int ^ _SERVICE_AT_LOCATION_MASK)
    except ValueError:
        return None


@dataclass(frozen=True)
class Taxonomy:
    name: str
    title: object  # lazy string: the name shown, in the language asked for
    description: object
    uri: str | None = None
    version: str | None = None

    @property
    def id(self) -> str:
        return child_id("taxonomy", "name", self.name)


TAXONOMIES = (
    Taxonomy(OFFERING_TYPE, _l("Palvelun tyyppi"), _l("Mitä palvelu on: valmennus, työkokeilu, kuntouttava "
                                                     "työtoiminta, työpaja, opinnollistaminen…"), version="1"),
    Taxonomy(TARGET_GROUP, _l("Kohderyhmä"), _l("Kenelle palvelu on tarkoitettu."), version="1"),
    Taxonomy(ORGANISATION_KIND, _l("Organisaation laji"), _l("Millainen toimija organisaatio on verkostossa.")),
    Taxonomy(MUNICIPALITY, _l("Kunta"), _l("Suomen kunnat Tilastokeskuksen kuntaluokituksen koodein: palvelualueet "
                                          "ja organisaation kotikunta."), uri=MUNICIPALITY_CODES_URI, version="2025"),
    Taxonomy(FUNDING_SOURCE, _l("Rahoituslähde"), _l("Mistä palvelun rahoitus tulee.")),
    Taxonomy(DETAIL, _l("Kumppanitorin tiedot"), _l("Palvelun tiedot, joille HSDS 3.0:ssa ei ole omaa kenttää: "
                                                   "paikat, kesto, aloituspäivät, selkokielinen kuvaus…")),
    Taxonomy(QUALIFICATION_UNIT, _l("Tutkinnon osa"), _l("Ammatillisen tutkinnon osat (ePerusteet), joiden osaamista "
                                                        "palvelussa voi oppia ja osoittaa (opinnollistaminen)."),
             uri="https://eperusteet.opintopolku.fi/"),
    Taxonomy(COMPETENCE_REQUIREMENT, _l("Ammattitaitovaatimus"), _l("Tutkinnon osan ammattitaitovaatimukset, joita "
                                                                    "palvelun tehtävissä voi osoittaa.")),
)


def find_taxonomy(key: str) -> Taxonomy | None:
    """A taxonomy by its id or its name."""
    return next((t for t in TAXONOMIES if key in (t.id, t.name)), None)


@dataclass(frozen=True)
class Term:
    """A taxonomy term as HSDS shows it; `name` and `description` may be lazy strings (the asked language)."""

    taxonomy: str
    code: str
    name: object
    description: object
    id: str = ""
    parent_id: str | None = None
    term_uri: str | None = None

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", term_id(self.taxonomy, self.code))


def term_id(taxonomy: str, code: str) -> str:
    return child_id("term", taxonomy, code)


# What each detail attribute holds (the attribute's `value`); the profile lists them.
DETAILS = {
    "summary": _l("Lyhyt kuvaus (enintään 300 merkkiä), palvelun omalla kielellä."),
    "plain_language_summary": _l("Selkokielinen kuvaus."),
    "translation": _l("Palvelun tekstit toisella kielellä: arvo on JSON-olio (language, name, summary, description, "
                      "plain_language_summary)."),
    "content_language": _l("Kieli, jolla palvelun tekstit on kirjoitettu (ISO 639-1)."),
    "confirmed_at": _l("Milloin palveluntuottaja viimeksi vahvisti tiedot ajantasaisiksi (ISO 8601 -aika); "
                       "assured_date on sama päivä."),
    "capacity_total": _l("Paikkoja yhteensä (kokonaisluku)."),
    "open_places": _l("Vapaita paikkoja nyt (kokonaisluku)."),
    "duration_weeks": _l("Kesto viikkoina (kokonaisluku)."),
    "intake": _l("Haku: continuous (jatkuva) tai start_dates (alkaa tiettyinä päivinä)."),
    "start_date": _l("Aloituspäivä (ISO 8601 -päivämäärä); yksi attribuutti kutakin päivää kohden."),
    "delivery_mode": _l("Toteutustapa: on_site, remote tai hybrid."),
    "jobseeker_cost": _l("Merkitsee hintavaihtoehdon, joka kertoo asiakkaan maksun (amount 0: maksuton)."),
    "municipality_price": _l("Merkitsee hintavaihtoehdon, joka kertoo hinnan kunnalle tai muulle ostajalle."),
    "closed": _l("Merkitsee aikataulun tauoksi: palvelu on suljettu valid_from–valid_to (molemmat mukaan lukien)."),
    "step_free_access": _l("Esteetön kulku tiloihin: yes tai no."),
    "accessible_toilet": _l("Esteetön WC: yes tai no."),
    "induction_loop": _l("Induktiosilmukka: yes tai no."),
    "public_transport": _l("Julkisen liikenteen pysäkki alle 500 metrin päässä: yes tai no."),
    "accessibility_notes": _l("Merkitsee saavutettavuustiedon, jonka description on palveluntuottajan lisätieto."),
    "funding_ends_on": _l("Rahoituksen päättymispäivä (ISO 8601 -päivämäärä); palvelu poistuu julkaisusta "
                          "sen jälkeen."),
}


def _enum_terms(taxonomy: str, labels: dict, enum) -> list[Term]:
    return [Term(taxonomy, member.value, labels[member], labels[member]) for member in enum]


@cache
def _fixed_terms() -> tuple[Term, ...]:
    shared = [Term(t.taxonomy, t.code, _TermName(t), t.description, id=t.id) for t in taxonomy_terms()]
    municipalities = [
        Term(MUNICIPALITY, m.code, _MunicipalityName(m), m.label, term_uri=f"{MUNICIPALITY_CODES_URI}/code/{m.code}")
        for m in all_municipalities()
    ]
    details = [Term(DETAIL, code, code, description) for code, description in DETAILS.items()]
    return tuple(shared + _enum_terms(ORGANISATION_KIND, KIND_LABELS, OrganisationKind) + municipalities
                 + _enum_terms(FUNDING_SOURCE, FUNDING_LABELS, FundingSource) + details)


def fixed_terms() -> tuple[Term, ...]:
    """Every term that does not come from the database (qualification units do), in taxonomy order."""
    return _fixed_terms()


@cache
def _fixed_by_key() -> dict[tuple[str, str], Term]:
    return {(term.taxonomy, term.code): term for term in _fixed_terms()}


def fixed_term(taxonomy: str, code: str) -> Term:
    return _fixed_by_key()[(taxonomy, code)]


def find_fixed_term(taxonomy: str | None, code: str | None) -> Term | None:
    return _fixed_by_key().get((taxonomy, code))


@cache
def _fixed_by_id() -> dict[str, Term]:
    return {term.id: term for term in _fixed_terms()}


def fixed_term_by_id(term_id_: str) -> Term | None:
    return _fixed_by_id().get(term_id_)


class _TermName:
    """A shared taxonomy term's name in the language asked for (the shared file has all three)."""

    def __init__(self, term):
        self.term = term

    def __str__(self) -> str:
        return self.term.label


class _MunicipalityName:
    def __init__(self, municipality):
        self.municipality = municipality

    def __str__(self) -> str:
        return self.municipality.name


def unit_code(unit) -> str:
    """A qualification unit's code across instances: qualification key, version and unit code (or position)."""
    qualification = unit.qualification
    return f"{qualification.key}/{qualification.version}/{unit.code or f'#{unit.position}'}"


def unit_term(unit) -> Term:
    points = _l("%(points)s osp", points=unit.points) if unit.points else ""
    description = ", ".join(str(part) for part in (unit.qualification.name, points) if part)
    return Term(QUALIFICATION_UNIT, unit_code(unit), unit.label, description)


def requirement_term(requirement, unit: Term) -> Term:
    """A competence requirement, the child of its unit's term."""
    return Term(COMPETENCE_REQUIREMENT, f"{unit.code}/{requirement.position}", requirement.text,
                requirement.area or unit.name, parent_id=unit.id)
