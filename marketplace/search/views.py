"""The results page: /search?q=… for text, /offerings for browsing; the same filters as plain GET parameters."""

from dataclasses import dataclass

from flask import render_template, request

from marketplace.catalog import service as catalog
from marketplace.catalog.models import DeliveryMode
from marketplace.learning.service import qualification_name
from marketplace.reference import COMMON_LANGUAGES, OFFERING_TYPE, TARGET_GROUP, find_municipality, find_term
from marketplace.search import bp
from marketplace.search.demand import record_unmet_search
from marketplace.search.query import SORTS, Filters, SearchRequest, search, snippet

PER_PAGE = 20
MAX_PAGE = 500


@dataclass
class Params:
    """The page's GET parameters, checked: unknown values are ignored, never an error page."""

    q: str
    filters: Filters
    sort: str
    page: int
    unknown_municipality: str = ""

    @classmethod
    def from_args(cls, args) -> "Params":
        municipality_text = args.get("municipality", "").strip()
        municipality = find_municipality(municipality_text)
        filters = Filters(
            type=_known(args.get("offering_type"), lambda v: find_term(OFFERING_TYPE, v)),
            groups=_known(args.get("target_group"), lambda v: find_term(TARGET_GROUP, v)),
            languages=_known(args.get("language"), lambda v: v in COMMON_LANGUAGES),
            mode=_known(args.get("delivery_mode"), lambda v: v in {m.value for m in DeliveryMode}),
            municipalities=municipality.code if municipality else "",
            qualifications=_known(args.get("qualification"), lambda v: qualification_name(v) is not None),
            units=_known(args.get("unit"), lambda v: v.isdigit() and len(v) <= 20),
            open_only=args.get("open_only") in ("y", "1", "on", "true"),
        )
        return cls(
            q=args.get("q", "")[:500],
            filters=filters,
            sort=args.get("sort") if args.get("sort") in SORTS else "relevance",
            page=min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE),
            unknown_municipality=municipality_text if municipality_text and not municipality else "",
        )


def _known(value: str | None, check) -> str:
    return value if value and check(value) else ""


def results_page():
    params = Params.from_args(request.args)
    result = search(SearchRequest(text=params.q, filters=params.filters, sort=params.sort, page=params.page,
                                  per_page=PER_PAGE))
    if params.q and params.page == 1:
        record_unmet_search(params.q, result.total, result.full_matches, result.broadened)
    offerings = catalog.offerings_by_uuids(result.ids)
    snippets = {
        offering.uuid: snippet(offering.description or offering.summary, result.words, offering.content_language)
        for offering in offerings
    }
    return render_template("search/results.html", params=params, result=result, offerings=offerings,
                           snippets=snippets, args=request.args.to_dict())


bp.add_url_rule("/search", "search", results_page)
bp.add_url_rule("/offerings", "browse", results_page)
