"""The results page: /search?q=… for text, /offerings for browsing; the same filters as plain GET parameters."""

from dataclasses import dataclass

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from marketplace.catalog import service as catalog
from marketplace.search import bp
from marketplace.search.demand import record_unmet_search
from marketplace.search.facets import FACET_TITLES, facet_label
from marketplace.search.params import DISTANCES, FACET_PARAMS, FILTER_PARAMS, PAGE_PARAMS, PER_PAGE, Params
from marketplace.search.query import SearchRequest, search
from marketplace.search.snippets import snippet


def results_page():
    if "form" in request.args:  # a new query from a search box: keep the filters only when asked to
        return redirect(_new_query_url(request.args))
    params = Params.from_args(request.args)
    if params.lifted:  # "iltaisin" in the text: the same search with the filter, as its links will carry it
        query = {name: request.args.getlist(name) for name in PAGE_PARAMS if name in request.args}
        return redirect(url_for(request.endpoint, **query | {"q": params.q, "open_on": list(params.filters.open_on)}))
    args = MultiDict((name, value) for name, value in request.args.items(multi=True) if name in PAGE_PARAMS)
    args.setlist("municipality", list(params.filters.municipalities))  # names typed in a form become codes
    result = search(SearchRequest(text=params.q, filters=params.filters, sort=params.sort, page=params.page,
                                  per_page=PER_PAGE, read_places=params.read_places,
                                  correct=params.correct))
    if params.q and params.page == 1:
        record_unmet_search(params.q, result.total, result.full_matches, result.broadened)
    offerings = catalog.offerings_by_uuids(result.ids)
    snippets = {
        offering.uuid: snippet(offering.description or offering.summary, result.highlight, offering.content_language)
        for offering in offerings
    }
    remote = catalog.offerings_by_uuids(result.remote_ids)
    return render_template("search/results.html", params=params, result=result, offerings=offerings, remote=remote,
                           snippets=snippets, args=args.to_dict(flat=False), distances=DISTANCES,
                           filter_params=FILTER_PARAMS, chips=chips(params, result, args))


def _new_query_url(args) -> str:
    kept = {name: args.getlist(name) for name in FILTER_PARAMS if name in args} if args.get("keep") else {}
    return url_for(request.endpoint, q=args.get("q", ""), **kept)


@dataclass
class Chip:
    """An active filter above the results, with the link that removes it."""

    label: str
    remove_url: str


def _without(args, name: str, value: str | None = None, **changes) -> str:
    query = args.to_dict(flat=False)
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = [v for v in query.get(name, []) if v != value]
    return url_for(request.endpoint, **{**query, **changes})


def chips(params: Params, result, args) -> list[Chip]:
    """Every filter in use, each removable: chosen facet values, the place the query named, distance, open only."""
    found = []
    for param, facet in FACET_PARAMS.items():
        for value in getattr(params.filters, facet):
            found.append(Chip(f"{FACET_TITLES[facet]}: {facet_label(facet, value)}", _without(args, param, value)))
    for code in result.places:  # removing it removes the place's word from the query
        found.append(Chip(_("Kunta haussa: %(name)s", name=facet_label("municipalities", code)),
                          _without(args, "q", None, q=result.text_without_places)))
    if params.filters.near:
        found.append(Chip(_("Enintään %(km)s km: %(place)s", km=params.filters.near.km,
                            place=facet_label("municipalities", params.filters.near.code)),
                          _without(args, "near", None, km=None, sort=None)))
    if params.filters.open_only:
        found.append(Chip(_("Vain vapaita paikkoja"), _without(args, "open_only")))
    if params.filters.age is not None:
        found.append(Chip(_("Sopii %(age)s-vuotiaalle", age=params.filters.age), _without(args, "age")))
    return found


@bp.app_template_global("search_back_link")
def back_link(value: str | None) -> str | None:
    """The search an offering page was opened from, when it is one of ours (never another site)."""
    if value and value.startswith(("/search", "/offerings")) and "//" not in value and "\\" not in value:
        return value
    return None


bp.add_url_rule("/search", "search", results_page)
bp.add_url_rule("/offerings", "browse", results_page)
