"""The JSON API (/api/v1): HSDS 3.0 services, referrals for case-management systems, and their tokens."""

from flask import Blueprint, current_app, request

bp = Blueprint("api", __name__, url_prefix="/api/v1")
tokens_bp = Blueprint("api_tokens", __name__)  # the token pages on the user's profile


@bp.before_request
def limit_body_size() -> None:
    """API requests are small JSON documents: refuse a large body (413) before reading it."""
    request.max_content_length = current_app.config["API_MAX_CONTENT_LENGTH"]


from marketplace.api import referrals, token_views, views  # noqa: E402,F401
