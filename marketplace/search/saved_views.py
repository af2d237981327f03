"""Saved searches: the coach's list, saving from the results page, and the one-click unsubscribe from an email."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.errors import DomainError
from marketplace.search import bp, saved
from marketplace.search.forms import SavedSearchFrequencyForm, SaveSearchForm
from marketplace.search.labels import FREQUENCY_LABELS


@bp.get("/saved-searches")
@login_required
def saved_searches():
    searches = saved.saved_searches_of(current_user)
    forms = {s.id: SavedSearchFrequencyForm(formdata=None, frequency=s.frequency.value) for s in searches}
    return render_template("search/saved_searches.html", searches=searches, forms=forms,
                           labels=FREQUENCY_LABELS)


@bp.post("/saved-searches")
@login_required
def save_search():
    """Save the search the results page showed (its parameters come along as hidden fields)."""
    form = SaveSearchForm()
    if not form.validate_on_submit():
        flash(" ".join(str(message) for messages in form.errors.values() for message in messages), "error")
        return redirect(url_for("search.search", **request.form.to_dict(flat=False)))
    try:
        made = saved.save_search(current_user, form.name.data or "", request.form, form.frequency.data)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("search.saved_searches"))
    flash(_("Haku tallennettu: %(name)s. Saat tiedon uusista palveluista valintasi mukaan.", name=made.name),
          "success")
    return redirect(url_for("search.saved_searches"))


@bp.post("/saved-searches/<saved_uuid>/frequency")
@login_required
def saved_search_frequency(saved_uuid: str):
    found = saved.get_saved_search(saved_uuid, current_user)
    form = SavedSearchFrequencyForm()
    if form.validate_on_submit():
        saved.set_frequency(str(found.uuid), form.frequency.data, current_user)
        flash(_("Tallennettu."), "success")
    else:
        flash(_("Valitse, kuinka usein haluat tiedon uusista palveluista."), "error")
    return redirect(url_for("search.saved_searches"))


@bp.post("/saved-searches/<saved_uuid>/delete")
@login_required
def delete_saved_search(saved_uuid: str):
    saved.delete_saved_search(saved_uuid, current_user)
    flash(_("Tallennettu haku poistettu."), "success")
    return redirect(url_for("search.saved_searches"))


@bp.route("/saved-searches/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """One click from the email turns the alerts off (no login: the signed link is the key); the page can undo it."""
    if request.method == "POST":
        form = SavedSearchFrequencyForm()
        if form.validate_on_submit():
            found = saved.resubscribe(token, form.frequency.data)
            return render_template("search/unsubscribed.html", saved=found, before=None, token=token,
                                   labels=FREQUENCY_LABELS)
        return redirect(url_for("search.unsubscribe", token=token))
    found, before = saved.unsubscribe(token)
    return render_template("search/unsubscribed.html", saved=found, before=before, token=token,
                           labels=FREQUENCY_LABELS)
