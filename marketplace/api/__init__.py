"""The JSON API (/api/v1): HSDS 3.0 services and referrals for case-management systems, and its guide.

The tokens it authenticates with are an account matter: marketplace.accounts.service.tokens.
"""

from flask import Blueprint

from marketplace.ratelimits import api_client, configured, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Per token (or per address for anonymous reads), and per address whatever the token: README, "API".
limiter.limit(configured("API_LIMIT_PER_CALLER"), key_func=api_client)(bp)
limiter.limit(configured("API_LIMIT_PER_CLIENT"))(bp)
docs_bp = Blueprint("api_docs", __name__)  # the pages for people, outside /api/v1


from marketplace.api import models, pages, referrals, views  # noqa: E402,F401
