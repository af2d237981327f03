"""Creating and revoking personal access tokens on the profile page."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import bp, service
from marketplace.accounts.forms import TokenForm
from marketplace.accounts.views.auth import profile_page
from marketplace.errors import DomainError
from marketplace.ratelimits import configured, limiter, signed_in_user, succeeded
from marketplace.web import show_error


@bp.post("/account/tokens")
@limiter.limit(configured("TOKEN_LIMIT"), key_func=signed_in_user, deduct_when=succeeded)
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return profile_page(token_form=form, status=422)
    try:
        organisation = service.get_organisation(form.organisation.data, current_user)
        _token, plain = service.create_token(current_user, organisation, form.name.data)
    except DomainError as error:
        show_error(form, error)
        return profile_page(token_form=form, status=error.status_code)
    # Shown on this page only: not stored, not flashed into the session cookie.
    return profile_page(token_form=TokenForm(formdata=None), new_token=plain, status=201)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = service.revoke_token(token_id, current_user)
    flash(_("Avain ”%(name)s” on peruttu. Sillä ei voi enää käyttää rajapintaa.", name=token.name), "success")
    return redirect(url_for("accounts.profile", _anchor="tokens"))
