"""Shortlist pages: the coach's lists, one list with its handout, and the public read-only page of a shared list."""

from urllib.parse import urlsplit

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.session import active_membership
from marketplace.catalog import service as catalog
from marketplace.coaching import bp, service
from marketplace.coaching.forms import AddToShortlistForm, NewShortlistForm, NoteForm, ShareForm, ShortlistForm
from marketplace.coaching.permissions import can_edit_shortlist, can_keep_shortlists
from marketplace.errors import DomainError
from marketplace.i18n import language
from marketplace.ratelimits import configured, limiter
from marketplace.web import render_form, show_error


def _organisation():
    membership = active_membership()
    return membership.organisation if membership else None


def _back(default: str) -> str:
    """Where a form came from, if it is a page of this site."""
    target = request.form.get("next", "")
    parts = urlsplit(target)
    return target if target.startswith("/") and not target.startswith("//") and not parts.netloc else default


@bp.get("/shortlists")
@login_required
def shortlists(form: NewShortlistForm | None = None, status: int = 200):
    organisation = _organisation()
    return render_form("coaching/shortlists.html", form or NewShortlistForm(formdata=None), status=status,
                       own=service.own_shortlists(current_user, organisation),
                       team=service.team_shortlists(current_user, organisation),
                       can_keep=can_keep_shortlists(current_user, organisation))


@bp.post("/shortlists")
@login_required
def create():
    form = NewShortlistForm()
    if not form.validate_on_submit():
        return shortlists(form, 422)
    try:
        shortlist = service.create_shortlist(current_user, _organisation(), form.name.data)
    except DomainError as error:
        show_error(form, error)
        return shortlists(form, error.status_code)
    return redirect(url_for("coaching.shortlist", shortlist_uuid=shortlist.uuid))


@bp.post("/shortlists/add")
@login_required
def add():
    """Add an offering from its page or a search result, then go back there."""
    organisation = _organisation()
    form = AddToShortlistForm(service.own_shortlists(current_user, organisation))
    offering = catalog.get_offering(form.offering.data or "", current_user)
    back = _back(url_for("catalog.offering", offering_uuid=offering.uuid))
    if form.validate_on_submit():
        try:
            shortlist, added = service.add_offering(current_user, organisation, offering, form.shortlist.data or "",
                                                    form.new_name.data or "")
        except DomainError as error:
            if error.status_code == 403:
                raise
            flash(error.message, "error")
            return redirect(back)
        flash(_("Lisätty listalle %(name)s.", name=shortlist.name) if added
              else _("Palvelu on jo listalla %(name)s.", name=shortlist.name), "success")
        return redirect(back)
    flash(" ".join(str(message) for messages in form.errors.values() for message in messages), "error")
    return redirect(back)


def _page(shortlist, status: int = 200, **forms):
    editable = can_edit_shortlist(current_user, shortlist)
    return render_template(
        "coaching/shortlist.html", shortlist=shortlist, editable=editable, status=status,
        form=forms.get("form") or ShortlistForm(formdata=None, obj=shortlist, version=shortlist.version),
        share_form=forms.get("share_form") or ShareForm(formdata=None),
        failed_note=forms.get("note"), items=shortlist.items,
        public_link=service.public_link(shortlist), paste_text=service.paste_text(shortlist, language()),
    ), status


@bp.route("/shortlists/<shortlist_uuid>", methods=["GET", "POST"])
@login_required
def shortlist(shortlist_uuid: str):
    found = service.get_shortlist(shortlist_uuid, current_user)
    if request.method == "GET":
        return _page(found)
    form = ShortlistForm()
    if form.validate_on_submit():
        try:
            service.update_shortlist(shortlist_uuid, form.name.data, form.shared_with_team.data, current_user,
                                     form.expected_version)
        except DomainError as error:
            show_error(form, error)
            return _page(service.get_shortlist(shortlist_uuid, current_user), error.status_code, form=form)
        flash(_("Lista tallennettu."), "success")
        return redirect(url_for("coaching.shortlist", shortlist_uuid=shortlist_uuid))
    return _page(found, 422, form=form)


@bp.post("/shortlists/<shortlist_uuid>/items/<int:item_id>/<any(up, down, note, remove):operation>")
@login_required
def item(shortlist_uuid: str, item_id: int, operation: str):
    found = service.get_shortlist(shortlist_uuid, current_user)
    form = NoteForm()
    if not form.validate_on_submit():
        return _page(found, 422, note=(item_id, form))
    try:
        if operation in ("up", "down"):
            service.move_item(shortlist_uuid, item_id, operation, current_user, form.expected_version)
        elif operation == "note":
            service.set_note(shortlist_uuid, item_id, form.note.data or "", current_user, form.expected_version)
        else:
            service.remove_item(shortlist_uuid, item_id, current_user, form.expected_version)
    except DomainError as error:
        show_error(form, error)
        return _page(service.get_shortlist(shortlist_uuid, current_user), error.status_code, note=(item_id, form))
    return redirect(url_for("coaching.shortlist", shortlist_uuid=shortlist_uuid, _anchor=f"item-{item_id}"))


@bp.post("/shortlists/<shortlist_uuid>/<any(share, unshare, copy, delete):operation>")
@login_required
def manage(shortlist_uuid: str, operation: str):
    found = service.get_shortlist(shortlist_uuid, current_user)
    share_form = ShareForm()
    try:
        if operation == "share":
            if not share_form.validate_on_submit():
                return _page(found, 422, share_form=share_form)
            service.share_shortlist(shortlist_uuid, share_form.days.data, current_user)
            flash(_("Linkki on luotu. Anna se asiakkaalle."), "success")
        elif operation == "unshare":
            service.stop_sharing(shortlist_uuid, current_user)
            flash(_("Linkki ei enää toimi."), "success")
        elif operation == "copy":
            copy = service.copy_shortlist(shortlist_uuid, current_user, _organisation())
            flash(_("Lista kopioitu omiin listoihisi."), "success")
            return redirect(url_for("coaching.shortlist", shortlist_uuid=copy.uuid))
        else:
            service.delete_shortlist(shortlist_uuid, current_user)
            flash(_("Lista poistettu."), "success")
            return redirect(url_for("coaching.shortlists"))
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        show_error(share_form, error)
        return _page(service.get_shortlist(shortlist_uuid, current_user), error.status_code, share_form=share_form)
    return redirect(url_for("coaching.shortlist", shortlist_uuid=shortlist_uuid))


@bp.get("/shortlists/<shortlist_uuid>/handout")
@login_required
def handout(shortlist_uuid: str):
    """One printable page for the jobseeker: each offering in plain language, its contact and a QR code."""
    found = service.get_shortlist(shortlist_uuid, current_user)
    return render_template("coaching/handout.html", shortlist=found, items=service.public_items(found),
                           link=service.offering_link)


def _missed(response) -> bool:
    return response.status_code == 404


@bp.get("/s/<token>")
@limiter.limit(configured("PUBLIC_LINK_MISS_LIMIT"), deduct_when=_missed)
def shared(token: str):
    """The public read-only page of a shared list: the offerings and the coach's notes, no names."""
    found = service.shared_shortlist(token)
    return render_template("coaching/shared.html", shortlist=found, items=service.public_items(found),
                           link=service.offering_link), 200, {"X-Robots-Tag": "noindex",
                                                              "Referrer-Policy": "no-referrer"}


@bp.app_template_global()
def coach_shortlists() -> list | None:
    """The signed-in coach's lists for the "Lisää listalle" forms (None for everyone else), once per request."""
    if "coach_shortlists" not in g:
        organisation = _organisation() if current_user.is_authenticated else None
        g.coach_shortlists = (service.own_shortlists(current_user, organisation)
                              if organisation is not None and can_keep_shortlists(current_user, organisation)
                              else None)
    return g.coach_shortlists
