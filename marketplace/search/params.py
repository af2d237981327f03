"""The search page's GET parameters, checked: one reader for the results page and for saved searches."""

from dataclasses import dataclass

from marketplace.catalog.models import ACCESSIBILITY_FEATURES, DeliveryMode
from marketplace.learning.service import qualification_name
from marketplace.reference import COMMON_LANGUAGES, OFFERING_TYPE, TARGET_GROUP, find_municipality, find_term
from marketplace.search import places
from marketplace.search.query import FACET_ORDER, SORTS, Filters, clean_words
from marketplace.search.times import split_times

PER_PAGE = 20
MAX_PAGE = 500


DISTANCES = (10, 25, 50, 100)  # km a coach can choose for "near"
DEFAULT_DISTANCE = 25
# The page's filters as GET parameters (each may repeat: any of its values) and the facet each one fills.
FACET_PARAMS = {"offering_type": "type", "municipality": "municipalities", "target_group": "groups",
                "language": "languages", "delivery_mode": "mode", "qualification": "qualifications", "unit": "units",
                "open_on": "open_on", "access": "access"}
FILTER_PARAMS = (*FACET_PARAMS, "open_only", "near", "km", "age")
MAX_AGE = 120
PAGE_PARAMS = ("q", "sort", "page", "places", "spelling", *FILTER_PARAMS)  # links carry these, nothing else
_CHECKS = {
    "type": lambda v: find_term(OFFERING_TYPE, v) is not None,
    "groups": lambda v: find_term(TARGET_GROUP, v) is not None,
    "languages": lambda v: v in COMMON_LANGUAGES,
    "mode": lambda v: v in {m.value for m in DeliveryMode},
    "qualifications": lambda v: qualification_name(v) is not None,
    "units": lambda v: v.isdigit() and len(v) <= 20,
    "open_on": lambda v: v in FACET_ORDER["open_on"],
    "access": lambda v: v in ACCESSIBILITY_FEATURES,
}
MAX_VALUES = 20  # per facet


def _age(text: str) -> int | None:
    """The jobseeker's age the results must suit; anything but a whole number of years filters nothing."""
    text = text.strip()
    return int(text) if text.isdigit() and int(text) <= MAX_AGE else None


@dataclass
class Params:
    """The page's GET parameters, checked: unknown values are ignored (and named), never an error page."""

    q: str
    filters: Filters
    sort: str
    page: int
    read_places: bool = True
    correct: bool = True
    unknown_municipality: str = ""
    unknown_place: str = ""
    lifted: bool = False  # words of opening times in the text became filters (the page redirects to say so)

    @classmethod
    def from_args(cls, args) -> "Params":
        values = {facet: list(dict.fromkeys(v.strip() for v in args.getlist(param) if v.strip()))[:MAX_VALUES]
                  for param, facet in FACET_PARAMS.items()}
        found = [(text, find_municipality(text)) for text in values.pop("municipalities")]
        facets = {facet: tuple(v for v in chosen if _CHECKS[facet](v)) for facet, chosen in values.items()}
        q = args.get("q", "")[:500]
        times, rest = split_times(clean_words(q))
        if times:
            q = " ".join(rest)
            facets["open_on"] = tuple(dict.fromkeys((*facets["open_on"], *times)))
        near_text = args.get("near", "").strip()[:100]
        near_code = places.point_code(near_text) if near_text else None
        km = args.get("km", DEFAULT_DISTANCE, type=int)
        filters = Filters(
            **facets,
            municipalities=tuple(dict.fromkeys(m.successor.code for _, m in found if m)),
            open_only=args.get("open_only") in ("y", "1", "on", "true"),
            age=_age(args.get("age", "")),
            near=places.Near(near_code, km if km in DISTANCES else DEFAULT_DISTANCE) if near_code else None,
        )
        sort = args.get("sort") if args.get("sort") in SORTS else ("distance" if filters.near else "relevance")
        return cls(
            q=q,
            lifted=bool(times),
            filters=filters,
            sort=sort,
            page=min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE),
            read_places=args.get("places") != "off",
            correct=args.get("spelling") != "off",
            unknown_municipality=", ".join(text for text, m in found if not m),
            unknown_place=near_text if near_text and not near_code else "",
        )
