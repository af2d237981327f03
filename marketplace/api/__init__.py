"""The JSON API (/api/v1): HSDS 3.0 services for partners' systems, and the HSDS importer."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from marketplace.api import views  # noqa: E402,F401
