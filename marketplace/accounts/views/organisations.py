"""Registering an organisation, its page and its profile."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import bp, service
from marketplace.accounts.forms import OrganisationForm, RegistrationForm
from marketplace.accounts.models import OrganisationKind
from marketplace.accounts.permissions import can_edit_organisation
from marketplace.accounts.session import choose_organisation, log_in
from marketplace.errors import DomainError, NotPermitted
from marketplace.ratelimits import configured, limiter, succeeded
from marketplace.reference import municipalities
from marketplace.web import render_form, show_error


def _profile(form: OrganisationForm) -> service.OrganisationProfile:
    return service.OrganisationProfile(
        name=form.name.data,
        kind=OrganisationKind(form.kind.data),
        business_id=form.business_id.data,
        municipality_code=form.municipality.municipality_code,
        email=form.email.data,
        website=form.website.data,
        description=form.description.data or "",
    )


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(configured("REGISTRATION_LIMIT"), methods=["POST"], deduct_when=succeeded)
def register():
    form = RegistrationForm()
    if current_user.is_authenticated:  # an existing user becomes the admin; no new account
        for name in ("admin_name", "admin_email", "password", "confirm"):
            del form[name]
    if form.validate_on_submit():
        try:
            if current_user.is_authenticated:
                return _registered(service.register_organisation(_profile(form), current_user._get_current_object()))
            service.request_registration(
                _profile(form), service.NewAccount(form.admin_email.data, form.admin_name.data, form.password.data))
        except DomainError as error:
            show_error(form, error)
        else:
            return redirect(url_for("accounts.registration_sent"))
    return render_form("accounts/register.html", form, municipalities=municipalities())


@bp.get("/register/sent")
def registration_sent():
    """The same page whether or not the address had an account: only its owner learns which by email."""
    return render_template("accounts/registration_sent.html")


@bp.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm_registration(token: str):
    """Opening the link shows what will be created (mail scanners open links too); the button creates it."""
    pending = service.pending_registration(token)  # Gone (410) when used or expired
    if request.method == "POST":
        organisation = service.confirm_registration(token)
        log_in(organisation.memberships[0].user)
        return _registered(organisation)
    return render_template("accounts/registration_confirm.html", pending=pending)


def _registered(organisation):
    choose_organisation(str(organisation.uuid))
    flash(_("%(name)s on rekisteröity. Alueen koordinaattori vahvistaa organisaation; saat siitä sähköpostin.",
            name=organisation.name), "success")
    return redirect(url_for("home.index"))


@bp.route("/organisations/<organisation_uuid>/edit", methods=["GET", "POST"])
@login_required
def edit_organisation(organisation_uuid: str):
    organisation = service.get_organisation(organisation_uuid, current_user)
    if not can_edit_organisation(current_user, organisation):
        raise NotPermitted(_("Vain organisaation ylläpitäjä voi muokata sen tietoja."))
    form = OrganisationForm(obj=organisation)
    if request.method == "GET":
        form.fill_from(organisation)
    if organisation.is_verified:
        form.lock_business_id()
    if form.validate_on_submit():
        try:
            service.update_organisation(organisation, _profile(form), current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Organisaation tiedot tallennettu."), "success")
            return redirect(url_for("catalog.organisation", organisation_uuid=organisation.uuid))
    return render_form(
        "accounts/edit_organisation.html", form, organisation=organisation, municipalities=municipalities()
    )


@bp.post("/organisations/switch")
@login_required
def switch_organisation():
    if not choose_organisation(request.form.get("organisation", "")):
        abort(404)
    return redirect(url_for("home.index"))
