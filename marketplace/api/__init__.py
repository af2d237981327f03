"""The JSON API (/api/v1): HSDS 3.0 services, referrals for case-management systems, and their tokens."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
tokens_bp = Blueprint("api_tokens", __name__)  # the token pages on the user's profile


from marketplace.api import referrals, token_views, views  # noqa: E402,F401
