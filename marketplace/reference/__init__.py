"""Reference data shipped with the app: Finland's municipalities and employment areas, the offering taxonomy,
languages.

Names are shown in the language of the page (or email) being rendered: see marketplace.i18n.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from marketplace.i18n import language


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region_fi: str
    # A municipality that merged into another (Pertunmaa into Mäntyharju, 2025): old data still resolves.
    merged_into: str | None = None
    valid_until: str | None = None

    @property
    def is_current(self) -> bool:
        return self.valid_until is None

    @property
    def successor(self) -> "Municipality":
        """The current municipality this one is today (itself, unless it merged)."""
        return _by_key()[self.merged_into].successor if self.merged_into else self

    @property
    def name(self) -> str:
        """The Swedish name on Swedish pages, else the Finnish one (English uses the Finnish names)."""
        return self.name_sv if language() == "sv" and self.name_sv else self.name_fi

    @property
    def label(self) -> str:
        """The Finnish name, with the Swedish one where it differs ("Raasepori – Raseborg")."""
        if self.name_sv == self.name_fi:
            return self.name_fi
        return f"{self.name_fi} – {self.name_sv}"


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    """Every municipality, including those merged since (old data names them), in Finnish alphabetical order."""
    return tuple(Municipality(**item) for item in _load("municipalities.json"))


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The municipalities that exist today, in Finnish alphabetical order: what new data may name."""
    return tuple(m for m in all_municipalities() if m.is_current)


def _load(name: str):
    return json.loads(files(__package__).joinpath(name).read_text("utf-8"))


_ADMINISTRATIVE_SUFFIXES = (" kunta", " kaupunki", " stad", " kommun")


@cache
def _by_key() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for municipality in all_municipalities():
        index[municipality.code] = municipality
        for name in (municipality.name_fi, municipality.name_sv, municipality.label):
            index[name.casefold()] = municipality
    return index


def find_municipality(text: str | None) -> Municipality | None:
    """Find a municipality by its code or its Finnish or Swedish name, ignoring case; merged ones too."""
    if not text:
        return None
    key = " ".join(text.split()).replace(" - ", " – ").casefold()
    for suffix in _ADMINISTRATIVE_SUFFIXES:  # "Pedersören kunta", "Salon kaupunki"
        if key.endswith(suffix):
            key = key.removesuffix(suffix)
            return _by_key().get(key) or _by_key().get(key.removesuffix("n"))
    return _by_key().get(key)


def current_codes(codes) -> list[str]:
    """The codes as they are today: a merged municipality becomes the one it merged into."""
    found = (find_municipality(code) for code in codes)
    return list(dict.fromkeys(m.successor.code for m in found if m))


@cache
def municipality_centres() -> dict[str, tuple[float, float]]:
    """Each municipality's centre (latitude, longitude; MML Topographic Database 04/2025, CC BY 4.0)."""
    return {item["code"]: (item["lat"], item["lon"]) for item in _load("municipality-centres.json")}


@cache
def _postcodes() -> dict[str, str]:
    return {item["code"]: item["municipality_code"] for item in _load("postcodes.json")}


def postcode_municipality(postcode: str) -> str | None:
    """The municipality code of a postal code area (Statistics Finland Paavo 2025, CC BY 4.0), or None."""
    return _postcodes().get(postcode)


def municipality_name(code: str | None) -> str:
    if not code:
        return ""
    municipality = _by_key().get(code)
    return municipality.name if municipality else code


@dataclass(frozen=True)
class EmploymentArea:
    """A työllisyysalue of Statistics Finland's 2026 classification; `code` is its number, "1" to "46"."""

    code: str
    name_fi: str
    name_sv: str
    municipality_codes: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.name_sv if language() == "sv" else self.name_fi


@cache
def employment_areas() -> tuple[EmploymentArea, ...]:
    """The 46 employment areas (45 on the mainland and Åland), ordered by name."""
    areas = (EmploymentArea(item["code"], item["name_fi"], item["name_sv"], tuple(item["municipalities"]))
             for item in _load("employment-areas.json"))
    return tuple(sorted(areas, key=lambda area: area.name_fi))


def find_employment_area(code: str | None) -> EmploymentArea | None:
    return next((area for area in employment_areas() if area.code == code), None)


def employment_area_of(code: str) -> EmploymentArea | None:
    """The area a municipality belongs to today: a merged municipality's is its successor's."""
    municipality = find_municipality(code)
    if municipality is None:
        return None
    current = municipality.successor.code
    return next((area for area in employment_areas() if current in area.municipality_codes), None)


@dataclass(frozen=True)
class TaxonomyTerm:
    """A term of the offering-type or target-group taxonomy; `id` is its fixed HSDS id."""

    id: str
    code: str
    name: str  # Finnish, as in the shared taxonomy
    name_sv: str
    name_en: str
    description: str
    taxonomy: str

    @property
    def names(self) -> tuple[str, str, str]:
        return self.name, self.name_sv, self.name_en

    @property
    def label(self) -> str:
        """The name in the language being rendered."""
        return {"sv": self.name_sv, "en": self.name_en}.get(language(), self.name)


OFFERING_TYPE = "offering-type"
TARGET_GROUP = "target-group"


@cache
def taxonomy_terms() -> tuple[TaxonomyTerm, ...]:
    data = _load("offering-taxonomy.json")
    return tuple(
        TaxonomyTerm(t["id"], t["code"], t["name"], t["name_sv"], t["name_en"], t["description"], t["taxonomy"])
        for t in data["terms"]
    )


def terms_of(taxonomy: str) -> tuple[TaxonomyTerm, ...]:
    return tuple(term for term in taxonomy_terms() if term.taxonomy == taxonomy)


def find_term(taxonomy: str, code: str) -> TaxonomyTerm | None:
    return next((term for term in terms_of(taxonomy) if term.code == code), None)


def term_name(taxonomy: str, code: str) -> str:
    term = find_term(taxonomy, code)
    return term.label if term else code


# Languages an offering's texts may be written in: the site's languages, each with its own search stemming.
CONTENT_LANGUAGES = ("fi", "sv", "en")

# Languages of service offered as checkboxes: Finland's official and most spoken languages (ISO 639-1).
COMMON_LANGUAGES = ("fi", "sv", "en", "se", "ru", "et", "uk", "ar", "so", "fa", "ku", "tr", "zh", "vi", "th", "pl",
                    "es", "fr", "de", "sq")


def language_names() -> dict[str, str]:
    """The two-letter ISO 639-1 languages, named in the language being rendered (CLDR data in Babel)."""
    return _language_names_in(language())


@cache
def _language_names_in(locale: str) -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale(locale).languages.items() if len(code) == 2}


def language_name(code: str) -> str:
    return language_names().get(code, code)
