"""Pages anyone can open, so partners can link to them: browse, offering, organisation."""

from flask import render_template
from flask_login import current_user

from marketplace.accounts import service as accounts
from marketplace.accounts.permissions import can_edit_organisation, can_view_members
from marketplace.catalog import bp, service
from marketplace.catalog.forms import ReasonForm
from marketplace.catalog.permissions import (
    can_edit_offering,
    can_manage_offerings,
    can_moderate_offerings,
    is_expired,
    is_public,
)


@bp.get("/offerings/<offering_uuid>")
def offering(offering_uuid: str):
    return offering_page(service.get_offering(offering_uuid, current_user))


def offering_page(offering, status: int = 200, reason_form: ReasonForm | None = None):
    """The offering's page: public details, plus the provider's and coordinator's tools when they look."""
    return render_template(
        "catalog/offering.html",
        offering=offering,
        is_public=is_public(offering),
        is_expired=is_expired(offering),
        can_edit=can_edit_offering(current_user, offering),
        can_moderate=can_moderate_offerings(current_user),
        is_stale=service.is_stale(offering),
        can_change_status=service.can_change_status,
        reason_form=reason_form or ReasonForm(formdata=None),
    ), status


@bp.get("/organisations/<organisation_uuid>")
def organisation(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    return render_template(
        "catalog/organisation.html",
        organisation=organisation,
        offerings=service.public_offerings_of(organisation),
        can_edit=can_edit_organisation(current_user, organisation),
        can_manage=can_manage_offerings(current_user, organisation),
        can_view_members=can_view_members(current_user, organisation),
    )
