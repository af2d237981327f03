"""Referral pages: the referral form, the coach's lists, the provider's inbox, one referral and its actions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from marketplace.accounts import service as accounts
from marketplace.accounts.models import OrganisationRole
from marketplace.accounts.session import active_membership
from marketplace.catalog import service as catalog
from marketplace.clock import local_date, today
from marketplace.errors import DomainError, NotPermitted
from marketplace.i18n import show_date
from marketplace.inputs import page_number
from marketplace.referrals import bp, service
from marketplace.referrals.consent import consent_text, consent_translations
from marketplace.referrals.forms import (
    ACTION_FORMS,
    STATUS_FILTERS,
    AcceptForm,
    EraseForm,
    FilterForm,
    MessageForm,
    MoveInQueueForm,
    ReferralForm,
)
from marketplace.referrals.labels import STATUS_LABELS
from marketplace.referrals.models import Channel
from marketplace.referrals.permissions import can_erase, can_refer, is_provider
from marketplace.sorting import requested_sort
from marketplace.spreadsheet import csv_download
from marketplace.web import render_form, show_error

PER_PAGE = 50
# "closed" is every ended state, so it must not read like one of them ("Päättynyt")
FILTER_LABELS = {"": _l("Kaikki"), "open": _l("Kaikki avoimet"), "overdue": _l("Myöhässä"),
                 "closed": _l("Kaikki suljetut")}


def _acting_organisation():
    membership = active_membership()
    return membership.organisation if membership else None


@bp.get("/referrals")
@login_required
def my_referrals():
    """The referral list of the organisation the user acts for: sent for coaches, the inbox for providers."""
    organisation = _acting_organisation()
    if organisation is None:
        raise NotPermitted(_("Et kuulu mihinkään organisaatioon."))
    endpoint = "referrals.sent" if organisation.role is OrganisationRole.COACH else "referrals.inbox"
    return redirect(url_for(endpoint, organisation_uuid=organisation.uuid))


@bp.route("/offerings/<offering_uuid>/refer", methods=["GET", "POST"])
@login_required
def refer(offering_uuid: str):
    offering = catalog.get_offering(offering_uuid, current_user)
    organisation = service.require_referrer(current_user, _acting_organisation())
    form = ReferralForm()
    form.ask_about(offering)
    if form.is_submitted() and "check" in request.form:  # only the check, before sending: nothing is refused yet
        return _referral_form(form, offering, status=200)
    if form.validate_on_submit():
        try:
            referral, created = service.create_referral(
                offering, form.to_data(), current_user, organisation, client_key=form.submission_key.data
            )
        except DomainError as error:
            show_error(form, error)
            return _referral_form(form, offering, status=error.status_code)
        if created:
            flash(_("Ohjaus lähetetty. Palveluntuottaja vastaa viimeistään %(date)s.",
                    date=show_date(referral.due_on)), "success")
        return redirect(url_for("referrals.referral", referral_uuid=referral.uuid))
    return _referral_form(form, offering)


def _referral_form(form: ReferralForm, offering, status: int | None = None):
    checked = service.eligibility_of(offering, form.answers()) if form.is_submitted() else None
    return render_form("referrals/refer.html", form, status=status, offering=offering, eligibility=checked,
                       is_full=service.offering_is_full(offering), consent_text=consent_text(form.consent_version.data),
                       consent_translations=consent_translations(form.consent_version.data))


def _filter_form(organisation, side: str) -> tuple[FilterForm, service.ReferralFilters]:
    form = FilterForm(request.args)
    form.status.choices = [SelectChoice(value, FILTER_LABELS.get(value) or STATUS_LABELS[value])
                           for value in STATUS_FILTERS]
    choices = service.filter_choices(organisation, side)
    form.offering.choices = [SelectChoice("", _("Kaikki"))] + [
        SelectChoice(str(o.uuid), o.title) for o in choices["offerings"]]
    form.counterpart.choices = [SelectChoice("", _("Kaikki"))] + [
        SelectChoice(str(o.uuid), o.name) for o in choices["counterparts"]]
    form.counterpart.label.text = _("Palveluntuottaja") if side == "sent" else _("Ohjaava organisaatio")
    valid = form.validate()
    filters = service.ReferralFilters(
        status=form.status.data or "", offering=form.offering.data or "", counterpart=form.counterpart.data or "",
        sent_from=form.sent_from.data if valid else None, sent_to=form.sent_to.data if valid else None,
        text=form.q.data or "", mine=request.args.get("scope") == "mine",
    )
    return form, filters


def _page(query):
    return service.page_of(query, page_number(), PER_PAGE)


def _csv(referrals, side: str):
    name = f"ohjaukset-{'lahetetyt' if side == 'sent' else 'saapuneet'}-{today().isoformat()}.csv"
    return csv_download(name, service.referrals_csv(referrals, side))


@bp.get("/organisations/<organisation_uuid>/referrals")
@login_required
def sent(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    form, filters = _filter_form(organisation, "sent")
    sort = requested_sort(service.SORT_COLUMNS)
    page = _page(service.sent_referrals(organisation, current_user, filters, sort=sort))
    service.record_access(page.items, current_user, Channel.LIST)
    return render_template("referrals/sent.html", organisation=organisation, form=form, page=page, sort=sort,
                           scope="mine" if filters.mine else "team", counts=service.sent_counts(organisation),
                           is_overdue=service.is_overdue), 422 if form.errors else 200


@bp.get("/organisations/<organisation_uuid>/referrals.csv")
@login_required
def sent_csv(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    _, filters = _filter_form(organisation, "sent")
    referrals = service.all_of(service.sent_referrals(organisation, current_user, filters,
                                                      sort=requested_sort(service.SORT_COLUMNS)))
    service.record_access(referrals, current_user, Channel.CSV)
    return _csv(referrals, "sent")


@bp.get("/organisations/<organisation_uuid>/inbox")
@login_required
def inbox(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    view = request.args.get("view", "new")
    view = view if view in service.INBOX_VIEWS else "new"
    form, filters = _filter_form(organisation, "received")
    sort = requested_sort(service.SORT_COLUMNS)
    page = _page(service.received_referrals(organisation, current_user, view, filters, sort=sort))
    service.record_access(page.items, current_user, Channel.LIST)
    page_html = render_template(
        "referrals/inbox.html", organisation=organisation, form=form, page=page, view=view, sort=sort,
        counts=service.inbox_counts(organisation), is_overdue=service.is_overdue, waited=_working_days_waited,
        position=service.queue_positions(page.items).get)
    return page_html, 422 if form.errors else 200


def _working_days_waited(referral) -> int:
    return service.working_days_between(local_date(referral.sent_at), today())


@bp.get("/organisations/<organisation_uuid>/inbox.csv")
@login_required
def inbox_csv(organisation_uuid: str):
    organisation = accounts.get_organisation(organisation_uuid, current_user)
    view = request.args.get("view", "new")
    _, filters = _filter_form(organisation, "received")
    referrals = service.all_of(service.received_referrals(organisation, current_user, view, filters,
                                                          sort=requested_sort(service.SORT_COLUMNS)))
    service.record_access(referrals, current_user, Channel.CSV)
    return _csv(referrals, "received")


@bp.get("/referrals/<referral_uuid>")
@login_required
def referral(referral_uuid: str):
    found = service.get_referral(referral_uuid, current_user)
    service.record_access([found], current_user, Channel.WEB)
    return referral_page(found)


def referral_page(referral, status: int = 200, failed: tuple[str, object] | None = None):
    """One referral: its details, the timeline, and the forms of the actions the viewer may take now."""
    forms = {
        action: form_class(formdata=None, version=referral.version)
        for action, form_class in ACTION_FORMS.items()
        if service.can_act(current_user, referral, action)
    }
    message_form, erase_form = MessageForm(formdata=None), EraseForm(formdata=None)
    if failed:
        name, form = failed
        if name == "message":
            message_form = form
        elif name == "erase":
            erase_form = form
        else:
            forms[name] = form
    return render_template(
        "referrals/referral.html", referral=referral, forms=forms, actions=service.ACTIONS,
        message_form=message_form, erase_form=erase_form, can_erase=can_erase(current_user, referral),
        can_print_confirmation=service.can_print_confirmation(current_user, referral),
        is_provider=is_provider(current_user, referral), is_overdue=service.is_overdue(referral),
        is_full=service.offering_is_full(referral.offering),
        access_log=service.access_log(referral), waited=_working_days_waited(referral),
        eligibility=service.eligibility_of(referral.offering, service.told_when_sent(referral))
        if referral.eligibility_fit and not referral.is_erased else None,
        queue={"position": service.queue_position(referral), "estimate": service.estimated_start(referral),
               "too_long": service.waited_too_long(referral)},
        consent_text=consent_text(referral.consent_version),
        consent_translations=consent_translations(referral.consent_version),
    ), status




@bp.post(f"/referrals/<referral_uuid>/<any({', '.join(service.ACTIONS)}):action>")
@login_required
def act(referral_uuid: str, action: str):
    found = service.get_referral(referral_uuid, current_user)
    form = ACTION_FORMS[action]()
    if not form.validate_on_submit():
        return referral_page(found, 422, failed=(action, form))
    try:
        service.transition(found, action, current_user, form.details(), expected_version=form.expected_version)
    except DomainError as error:
        show_error(form, error)
        return referral_page(service.get_referral(referral_uuid, current_user), error.status_code,
                             failed=(action, form))
    flash(str(service.ACTIONS[action].done), "success")
    return redirect(url_for("referrals.referral", referral_uuid=found.uuid))


@bp.post("/referrals/<referral_uuid>/messages")
@login_required
def message(referral_uuid: str):
    found = service.get_referral(referral_uuid, current_user)
    form = MessageForm()
    if not form.validate_on_submit():
        return referral_page(found, 422, failed=("message", form))
    try:
        service.post_message(found, form.body.data, current_user)
    except DomainError as error:
        show_error(form, error)
        return referral_page(found, error.status_code, failed=("message", form))
    flash(_("Viesti lähetetty."), "success")
    return redirect(url_for("referrals.referral", referral_uuid=found.uuid, _anchor="timeline"))


@bp.post("/referrals/<referral_uuid>/erase")
@login_required
def erase(referral_uuid: str):
    found = service.get_referral(referral_uuid, current_user)
    form = EraseForm()
    if not form.validate_on_submit():
        return referral_page(found, 422, failed=("erase", form))
    try:
        service.erase_personal_data(found, current_user)
    except DomainError as error:
        show_error(form, error)
        return referral_page(service.get_referral(referral_uuid, current_user), error.status_code,
                             failed=("erase", form))
    flash(_("Asiakkaan tiedot on poistettu ohjauksesta."), "success")
    return redirect(url_for("referrals.referral", referral_uuid=found.uuid))


@bp.get("/offerings/<offering_uuid>/queue")
@login_required
def queue(offering_uuid: str):
    return _queue_page(catalog.get_offering(offering_uuid, current_user))


def _queue_page(offering, status: int = 200, failed: tuple[str, object] | None = None):
    """The offering's queue in order, with the forms to offer a free place to the first and to move someone."""
    entries = service.queue_entries(offering, current_user)
    service.record_access([entry.referral for entry in entries], current_user, Channel.LIST)
    free = max(offering.open_places or 0, 0) if offering.open_places is not None else len(entries)
    offer_forms = {entry.referral.uuid: AcceptForm(formdata=None, version=entry.referral.version,
                                                   prefix=_prefix("offer", entry.referral))
                   for entry in entries[:free]}
    move_forms = {entry.referral.uuid: MoveInQueueForm(formdata=None, prefix=_prefix("move", entry.referral))
                  for entry in entries}
    if failed:
        referral_uuid, form = failed
        (offer_forms if isinstance(form, AcceptForm) else move_forms)[referral_uuid] = form
    return render_template("referrals/queue.html", offering=offering, entries=entries, free=free,
                           offer_forms=offer_forms, move_forms=move_forms), status


@bp.post("/referrals/<referral_uuid>/queue/offer")
@login_required
def offer_place(referral_uuid: str):
    """Offer a freed place from the queue page: the accept action, answered on the queue page."""
    return _from_queue(referral_uuid, AcceptForm, lambda found, form: service.transition(
        found, "accept", current_user, form.details(), expected_version=form.expected_version),
        _("Paikka tarjottu. Ohjaus on hyväksytty, ja valmentaja saa tiedon."))


@bp.post("/referrals/<referral_uuid>/queue/position")
@login_required
def move_in_queue(referral_uuid: str):
    return _from_queue(referral_uuid, MoveInQueueForm, lambda found, form: service.move_in_queue(
        found, form.position.data, form.reason.data, current_user), _("Jonon järjestys muutettu."))


def _prefix(kind: str, referral) -> str:
    """One form per person on the queue page: its fields' ids must differ, and follow the person, not the row."""
    return f"{kind}-{referral.uuid.hex[:12]}"


def _from_queue(referral_uuid: str, form_class, act, done: str):
    found = service.get_referral(referral_uuid, current_user)
    offering = found.offering
    form = form_class(prefix=_prefix("offer" if form_class is AcceptForm else "move", found))
    if not form.validate_on_submit():
        return _queue_page(offering, 422, failed=(found.uuid, form))
    try:
        act(found, form)
    except DomainError as error:
        show_error(form, error)
        return _queue_page(offering, error.status_code, failed=(found.uuid, form))
    flash(done, "success")
    return redirect(url_for("referrals.queue", offering_uuid=offering.uuid))


@bp.app_template_global()
def queue_summary(offering) -> dict:
    """What an offering's page and cards say of its queue: how many wait, and when the next to join might start."""
    waiting = service.queue_length(offering)
    if not waiting and not service.offering_is_full(offering):
        return {"waiting": 0, "estimate": None}
    return {"waiting": waiting, "estimate": service.estimated_starts(offering, waiting + 1)[-1]}


@bp.app_template_global()
def can_refer_to(offering) -> bool:
    """Show "Ohjaa asiakas" on an offering's page to coaches of a verified employment-services organisation."""
    return current_user.is_authenticated and can_refer(current_user, _acting_organisation(), offering)
