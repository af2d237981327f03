"""The coordinator's page of word families: what search treats as one word, changed without a reindex."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace import inputs
from marketplace.accounts.permissions import can_moderate
from marketplace.errors import InvalidInput, NotFound, NotPermitted
from marketplace.search import bp, families
from marketplace.search.forms import WordFamilyForm


def _target() -> dict:
    """Which family a form names: a coordinator's row by id, or a shipped one by its key."""
    raw_id = request.form.get("family_id", "").strip()
    try:
        family_id = inputs.integer(raw_id, 1) if raw_id else None
    except inputs.OutOfRange:
        raise NotFound(_("Sanaperhettä ei löytynyt.")) from None
    return {"family_id": family_id, "shipped_key": request.form.get("shipped_key", "").strip() or None}


@bp.route("/coordinator/word-families", methods=["GET", "POST"])
@login_required
def word_families():
    if not can_moderate(current_user):
        raise NotPermitted(_("Vain alueen koordinaattori voi muuttaa haun sanaperheitä."))
    form = WordFamilyForm()
    status = 200
    if form.validate_on_submit():
        try:
            families.save_family(current_user, form.words.data, **_target())
        except InvalidInput as error:
            form.words.errors.append(error.message)
            status = 422
        else:
            flash(_("Sanaperhe tallennettu. Se on käytössä seuraavassa haussa."), "success")
            return redirect(url_for("search.word_families"))
    elif form.is_submitted():
        status = 422
    return render_template("search/word_families.html", families=families.all_families(), form=form,
                           editing=request.form.get("family_id") or request.form.get("shipped_key")), status


@bp.post("/coordinator/word-families/switch")
@login_required
def switch_word_family():
    active = request.form.get("active") == "1"
    families.switch_family(current_user, active, **_target())
    flash(_("Sanaperhe otettu käyttöön.") if active else _("Sanaperhe poistettu käytöstä."), "success")
    return redirect(url_for("search.word_families"))


@bp.post("/coordinator/word-families/restore")
@login_required
def restore_word_family():
    families.restore_shipped(current_user, request.form.get("shipped_key", ""))
    flash(_("Toimitettu sanaperhe palautettu."), "success")
    return redirect(url_for("search.word_families"))
