"""Full-text search: the only package that talks to Whoosh. Others write change rows and call query.search()."""

import logging

from flask import Blueprint, Flask, g

from marketplace.search import changes, indexer
from marketplace.search.analysis import voikko_available
from marketplace.search.facets import facet_label

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__)


def init_app(app: Flask) -> None:
    changes.listen()
    if not app.testing:
        if voikko_available():
            app.logger.info("search: Finnish analysis with Voikko")
        else:
            app.logger.warning("search: Voikko not available, Finnish search uses the Snowball stemmer")


@bp.after_app_request
def apply_changes(response):
    """Bring the index up to date after a request that committed search-relevant changes."""
    if g.pop("search_sync_due", False):
        try:
            indexer.sync(limit=indexer.REQUEST_BATCH)
        except Exception:  # the database is the truth: the next sync catches up, the user's change stands
            log.exception("applying search changes failed; a later sync will retry")
    return response


@bp.record_once
def _template_globals(state) -> None:
    from marketplace.search.forms import SaveSearchForm

    state.app.jinja_env.globals["facet_label"] = facet_label
    state.app.jinja_env.globals["SaveSearchForm"] = SaveSearchForm


from marketplace.search import family_pages, saved_views, views  # noqa: E402,F401
