from flask import render_template
from flask_login import current_user

from marketplace.accounts import service as accounts
from marketplace.accounts.models import OrganisationStatus
from marketplace.accounts.permissions import can_moderate
from marketplace.accounts.session import active_membership
from marketplace.catalog import service as catalog
from marketplace.home import bp
from marketplace.operations import jobs
from marketplace.referrals import service as referrals
from marketplace.reports import service as reports


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return render_template("home/landing.html")
    membership = active_membership()
    return render_template(
        "home/dashboard.html",
        membership=membership,
        offering_summary=catalog.offering_summary(membership.organisation) if membership else None,
        referral_counts=referrals.dashboard_counts(membership.organisation) if membership else None,
        pending_count=accounts.status_counts()[OrganisationStatus.PENDING] if can_moderate(current_user) else None,
        late_jobs=jobs.late_jobs() if can_moderate(current_user) else [],
        headlines=reports.headline_figures() if can_moderate(current_user) else [],
    )


@bp.get("/accessibility")
def accessibility():
    return render_template("home/accessibility.html")
