"""An organisation's members and invitations."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import bp, service
from marketplace.accounts.forms import AcceptInvitationForm, InvitationForm, MemberRoleForm
from marketplace.accounts.models import MemberRole, Organisation
from marketplace.accounts.permissions import can_manage_members, can_remove_member, can_view_members
from marketplace.accounts.session import choose_organisation, log_in
from marketplace.errors import Conflict, DomainError, NotPermitted
from marketplace.ratelimits import configured, limiter, signed_in_user, succeeded
from marketplace.web import render_form, show_error


def _viewable(organisation_uuid: str) -> Organisation:
    organisation = service.get_organisation(organisation_uuid, current_user)
    if not can_view_members(current_user, organisation):
        raise NotPermitted(_("Vain organisaation jäsenet näkevät sen jäsenluettelon."))
    return organisation


def _members_page(organisation: Organisation, invite_form: InvitationForm | None = None, status: int | None = None):
    return render_form(
        "accounts/members.html",
        invite_form or InvitationForm(formdata=None),
        status=status,
        organisation=organisation,
        invitations=service.open_invitations(organisation) if can_manage_members(current_user, organisation) else [],
        role_form=MemberRoleForm(formdata=None),
        can_manage=can_manage_members(current_user, organisation),
        can_remove=lambda membership: can_remove_member(current_user, membership),
    )


def _members_url(organisation: Organisation) -> str:
    return url_for("accounts.members", organisation_uuid=organisation.uuid)


@bp.get("/organisations/<organisation_uuid>/members")
@login_required
def members(organisation_uuid: str):
    return _members_page(_viewable(organisation_uuid))


@bp.post("/organisations/<organisation_uuid>/members/invite")
@limiter.limit(configured("INVITATION_LIMIT"), key_func=signed_in_user, deduct_when=succeeded)
@login_required
def invite_member(organisation_uuid: str):
    organisation = _viewable(organisation_uuid)
    if not can_manage_members(current_user, organisation):
        raise NotPermitted(_("Vain organisaation ylläpitäjä voi hallita jäseniä."))
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            invitation = service.invite_member(organisation, form.email.data, MemberRole(form.role.data), current_user)
        except Conflict as error:
            show_error(form, error)
        else:
            flash(_("Kutsu lähetetty osoitteeseen %(email)s. Linkki on voimassa 7 päivää.", email=invitation.email),
                  "success")
            return redirect(_members_url(organisation))
    return _members_page(organisation, invite_form=form)


@bp.post("/organisations/<organisation_uuid>/members/<int:membership_id>/role")
@login_required
def change_member_role(organisation_uuid: str, membership_id: int):
    organisation = _viewable(organisation_uuid)
    membership = service.get_membership(organisation, membership_id)
    form = MemberRoleForm()
    if not form.validate_on_submit():
        flash(_("Valitse rooli listasta."), "error")
        return _members_page(organisation, status=422)
    try:
        service.change_member_role(membership, MemberRole(form.role.data), current_user)
    except Conflict as error:
        flash(error.message, "error")
        return _members_page(organisation, status=error.status_code)
    flash(_("Käyttäjän %(name)s rooli päivitetty.", name=membership.user.name), "success")
    return redirect(_members_url(organisation))


@bp.post("/organisations/<organisation_uuid>/members/<int:membership_id>/remove")
@login_required
def remove_member(organisation_uuid: str, membership_id: int):
    organisation = _viewable(organisation_uuid)
    membership = service.get_membership(organisation, membership_id)
    leaving = membership.user_id == current_user.id
    name = membership.user.name
    try:
        service.remove_member(membership, current_user)
    except Conflict as error:
        flash(error.message, "error")
        return _members_page(organisation, status=error.status_code)
    if leaving:
        flash(_("Et ole enää organisaation %(name)s jäsen.", name=organisation.name), "info")
        return redirect(url_for("home.index"))
    flash(_("%(name)s poistettu organisaatiosta.", name=name), "success")
    return redirect(_members_url(organisation))


@bp.post("/organisations/<organisation_uuid>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(organisation_uuid: str, invitation_id: int):
    organisation = _viewable(organisation_uuid)
    service.revoke_invitation(organisation, invitation_id, current_user)
    flash(_("Kutsu peruttu."), "success")
    return redirect(_members_url(organisation))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    """Accept an invitation: logged in with the invited address, or by creating an account for it."""
    invitation = service.find_invitation(token)
    if current_user.is_authenticated:
        if request.method == "POST":
            return _joined(service.accept_invitation(token, current_user))
        return render_template(
            "accounts/invitation.html", invitation=invitation, wrong_account=current_user.email != invitation.email
        )
    existing = service.user_by_email(invitation.email)
    form = AcceptInvitationForm()
    if existing is None and form.validate_on_submit():
        try:
            membership = service.accept_invitation(token, name=form.name.data, password=form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            log_in(membership.user)
            return _joined(membership)
    return render_form("accounts/invitation.html", form, invitation=invitation, has_account=existing is not None)


def _joined(membership):
    choose_organisation(str(membership.organisation.uuid))
    flash(_("Tervetuloa organisaatioon %(name)s!", name=membership.organisation.name), "success")
    return redirect(url_for("home.index"))
