"""Logging in and out, passwords and the user's own profile."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from marketplace.accounts import bp, service
from marketplace.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    TokenForm,
)
from marketplace.accounts.session import log_in, log_out
from marketplace.errors import InvalidInput
from marketplace.i18n import language, remember_choice
from marketplace.ratelimits import address_from_this_client, configured, failed, limiter, signed_in_user
from marketplace.web import render_form, safe_next_url, show_error


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_ADDRESS"), key_func=address_from_this_client, methods=["POST"],
               deduct_when=failed, on_breach=lambda limit: _note_limited(limit))
@limiter.limit(configured("LOGIN_LIMIT_PER_CLIENT"), methods=["POST"], deduct_when=failed,
               on_breach=lambda limit: _note_limited(limit))
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = service.authenticate(form.email.data, form.password.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            log_in(user, remember=form.remember.data)
            refresh()  # the welcome is in the user's language, not the login page's
            flash(_("Tervetuloa, %(name)s!", name=user.name), "success")
            return redirect(safe_next_url(url_for("home.index")))
    return render_form("accounts/login.html", form)


def _note_limited(limit) -> None:
    service.note_login_limited(request.form.get("email", ""), str(limit.limit))


@bp.post("/logout")
def logout():
    log_out()
    flash(_("Olet kirjautunut ulos."), "info")
    return redirect(url_for("home.index"))


@bp.post("/account/sessions/end-all")
@login_required
def end_all_sessions():
    """Log out on every device, this one too (e.g. after using a shared computer)."""
    service.log_out_everywhere(current_user)
    log_out()
    flash(_("Olet kirjautunut ulos kaikilta laitteilta."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(configured("PASSWORD_RESET_LIMIT"), methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        service.request_password_reset(form.email.data)
        flash(
            _("Jos osoitteella on tili, lähetimme siihen linkin salasanan vaihtamiseen. Linkki on voimassa tunnin."),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_form("accounts/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = service.user_for_reset_token(token)  # Gone (410) when expired or used
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            service.reset_password(token, form.password.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Salasana on vaihdettu. Kirjaudu sisään uudella salasanalla."), "success")
            return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form, user=user)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    form = _profile_form()
    if form.validate_on_submit():
        try:
            service.update_profile(current_user, name=form.name.data, title=form.title.data or "",
                                   phone=form.phone.data or "", language=form.language.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            refresh()  # a new language shows from this message on
            flash(_("Tiedot tallennettu."), "success")
            return redirect(url_for("accounts.profile"))
    return profile_page(form)


def _profile_form(**kwargs) -> ProfileForm:
    form = ProfileForm(obj=current_user, **kwargs)
    form.language.data = form.language.data or language()  # not chosen yet: the language the page is in
    return form


def profile_page(form: ProfileForm | None = None, token_form=None, new_token: str | None = None,
                 status: int | None = None):
    """The profile page, with the user's personal access tokens for the API."""
    return render_form(
        "accounts/profile.html", form or _profile_form(formdata=None), status=status,
        token_form=token_form or TokenForm(formdata=None), tokens=service.tokens_of(current_user), new_token=new_token,
        session_count=service.active_session_count(current_user),
    )


@bp.post("/language")
def choose_language():
    """The language switch on every page: a cookie for a visitor, and the profile of a signed-in user."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        service.choose_language(current_user, form.language.data)
    return remember_choice(redirect(safe_next_url(url_for("home.index"))), form.language.data)


@bp.route("/account/password", methods=["GET", "POST"])
@limiter.limit(configured("PASSWORD_CHANGE_LIMIT"), key_func=signed_in_user, methods=["POST"], deduct_when=failed)
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            service.change_password(current_user, form.current_password.data, form.password.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Salasana vaihdettu. Muut kirjautumiset on kirjattu ulos."), "success")
            return redirect(url_for("accounts.profile"))
    return render_form("accounts/change_password.html", form)
