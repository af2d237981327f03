"""Full-text search: the only package that talks to Whoosh. Others write change rows and call query.search()."""

import logging

from flask import Blueprint, Flask, g

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__)


def init_app(app: Flask) -> None:
    from marketplace.search import changes
    from marketplace.search.analysis import voikko_available

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
        from marketplace.search import indexer

        try:
            indexer.sync(limit=indexer.REQUEST_BATCH)
        except Exception:  # the database is the truth: the next sync catches up, the user's change stands
            log.exception("applying search changes failed; a later sync will retry")
    return response



@bp.record_once
def _template_globals(state) -> None:
    from marketplace.catalog.forms import DELIVERY_LABELS
    from marketplace.catalog.models import DeliveryMode
    from marketplace.learning.service import qualification_name, unit_name
    from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, language_name, municipality_name, term_name

    labels = {
        "type": lambda code: term_name(OFFERING_TYPE, code),
        "groups": lambda code: term_name(TARGET_GROUP, code),
        "municipalities": municipality_name,
        "languages": language_name,
        "mode": lambda value: str(DELIVERY_LABELS[DeliveryMode(value)]) if value in set(DeliveryMode) else value,
        "qualifications": lambda key: qualification_name(key) or key,
        "units": lambda code: unit_name(code) or code,
    }
    state.app.jinja_env.globals["facet_label"] = lambda dimension, value: labels[dimension](value)


from marketplace.search import views  # noqa: E402,F401
