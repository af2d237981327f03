"""The front page: an introduction for visitors, a dashboard for each role."""

from flask import Blueprint

bp = Blueprint("home", __name__)

from marketplace.home import views  # noqa: E402,F401
