"""Places in search: a municipality named in the query becomes a filter, and distances from a point.

A coach types "työkokeilu nuorille Salossa": "Salossa" is Salo (Voikko's lemma, or the Finnish or Swedish name
as written, "i Raseborg"), so the search filters by Salo and looks for "työkokeilu nuorille". A point is a
municipality or a postcode (Statistics Finland's postcode areas name their municipality); distances are
between municipality centres (MML), since an offering serves municipalities.
"""

from dataclasses import dataclass
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt

from marketplace.reference import find_municipality, municipality_centres, postcode_municipality
from marketplace.search.analysis import FinnishLemmaFilter

EARTH_RADIUS_KM = 6371.0
# Municipality names that, as written, more likely mean something else: "ingå i" (belongs to), "sund" (healthy),
# "II" (a course's part two). Their inflected forms (Iissä) still name the place.
NOT_PLACES = frozenset({"ingå", "sund", "ii"})
_finnish = FinnishLemmaFilter()


@dataclass(frozen=True)
class Near:
    """Offerings serving a municipality within `km` of a municipality's centre (None: any distance)."""

    code: str
    km: float | None = None

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in within(self.code, self.km))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    (lat1, lon1), (lat2, lon2) = ((radians(lat), radians(lon)) for lat, lon in (a, b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


@lru_cache(maxsize=1024)
def within(code: str, km: float | None) -> tuple[tuple[str, float], ...]:
    """(municipality code, distance) of the municipalities whose centre is within `km`, nearest first."""
    centres = municipality_centres()
    origin = centres.get(code)
    if origin is None:
        return ()
    distances = ((other, distance_km(origin, point)) for other, point in centres.items())
    return tuple(sorted(((other, d) for other, d in distances if km is None or d <= km), key=lambda pair: pair[1]))


def point_code(text: str) -> str | None:
    """The municipality a "near" field names: a postcode, a code or a name (inflected, in Finnish or Swedish)."""
    text = " ".join((text or "").split())
    if text.isdigit() and len(text) == 5:
        return postcode_municipality(text)
    found = find_municipality(text)
    if found is None and text and " " not in text:
        found = _lemma_place(text.lower())
    return found.successor.code if found else None


def _lemma_place(word: str):
    lemmas = _finnish.lemmas(word)
    return next((m for lemma in lemmas if (m := find_municipality(lemma))), None)


def _word_place(word: str):
    if word in NOT_PLACES or word.isdigit():
        return None
    return find_municipality(word) or _lemma_place(word)


def split_places(words: list[str]) -> tuple[list[str], list[str]]:
    """The municipality codes the query's words name, and the other words. Two-word names ("mänttä vilppula",
    "koski tl") are tried first."""
    codes: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(words):
        pair = words[index:index + 2]
        found = (_word_place("-".join(pair)) or find_municipality(" ".join(pair))) if len(pair) == 2 else None
        if found:
            index += 2
        else:
            found = _word_place(words[index])
            if found is None:
                rest.append(words[index])
            index += 1
        if found and found.successor.code not in codes:
            codes.append(found.successor.code)
    return codes, rest
