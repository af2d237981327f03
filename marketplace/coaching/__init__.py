"""The coach's toolkit: shortlists of offerings ("Valitut palvelut") to hand to a jobseeker."""

from flask import Blueprint

bp = Blueprint("coaching", __name__)

from marketplace.coaching import views  # noqa: E402,F401
