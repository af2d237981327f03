"""The referral state machine: one table of actions, one `transition` that every change goes through."""

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import Organisation, User
from marketplace.catalog import service as catalog
from marketplace.clock import local_date, today, utcnow
from marketplace.database import commit_or_conflict, lock_row
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.referrals.labels import STATUS_LABELS
from marketplace.referrals.models import (
    Channel,
    DeclineReason,
    DiscontinueReason,
    EventKind,
    Outcome,
    Referral,
    ReferralEvent,
)
from marketplace.referrals.models import ReferralAction as A
from marketplace.referrals.models import ReferralStatus as S
from marketplace.referrals.permissions import is_provider, is_referrer
from marketplace.referrals.service.deadlines import answer_due_on, stamp_first_response
from marketplace.referrals.service.jobseeker import send_news
from marketplace.referrals.service.queue import join_queue, offering_is_full
from marketplace.validators import free_text


class Side(enum.StrEnum):
    PROVIDER = "provider"
    REFERRER = "referrer"


@dataclass(frozen=True)
class Rule:
    sources: frozenset[S]
    target: S
    side: Side
    label: str  # the button
    done: str  # what the page says afterwards


# Every allowed change of state, and the only place the actions are named. Anything else answers 409.
ACTIONS: dict[A, Rule] = {
    A.ACCEPT: Rule(frozenset({S.SENT, S.INFO_REQUESTED, S.QUEUED}), S.ACCEPTED, Side.PROVIDER, _l("Hyväksy"),
                   _l("Ohjaus hyväksytty. Valmentaja saa tiedon.")),
    A.QUEUE: Rule(frozenset({S.SENT, S.INFO_REQUESTED}), S.QUEUED, Side.PROVIDER, _l("Siirrä jonoon"),
                  _l("Ohjaus siirretty jonon viimeiseksi. Valmentaja näkee jonopaikan.")),
    A.REQUEST_INFO: Rule(frozenset({S.SENT}), S.INFO_REQUESTED, Side.PROVIDER, _l("Pyydä lisätietoja"),
                         _l("Lisätietopyyntö lähetetty valmentajalle.")),
    A.DECLINE: Rule(frozenset({S.SENT, S.INFO_REQUESTED, S.QUEUED}), S.DECLINED, Side.PROVIDER, _l("Hylkää"),
                    _l("Ohjaus merkitty hylätyksi. Valmentaja saa tiedon.")),
    A.ANSWER: Rule(frozenset({S.INFO_REQUESTED}), S.SENT, Side.REFERRER, _l("Vastaa lisätietopyyntöön"),
                   _l("Vastaus lähetetty palveluntuottajalle.")),
    A.START: Rule(frozenset({S.ACCEPTED}), S.STARTED, Side.PROVIDER, _l("Merkitse aloittaneeksi"),
                  _l("Asiakas merkitty aloittaneeksi.")),
    A.COMPLETE: Rule(frozenset({S.STARTED}), S.COMPLETED, Side.PROVIDER, _l("Merkitse jakso päättyneeksi"),
                     _l("Asiakkaan jakso merkitty päättyneeksi. Palvelu jatkuu muille.")),
    A.DISCONTINUE: Rule(frozenset({S.ACCEPTED, S.STARTED}), S.DISCONTINUED, Side.PROVIDER,
                        _l("Merkitse keskeytyneeksi"),
                        _l("Asiakkaan jakso merkitty keskeytyneeksi.")),
    A.WITHDRAW: Rule(frozenset({S.SENT, S.QUEUED, S.INFO_REQUESTED, S.ACCEPTED, S.STARTED}), S.WITHDRAWN, Side.REFERRER,
                     _l("Peru ohjaus"), _l("Ohjaus peruttu. Palveluntuottaja saa tiedon.")),
}
CHANGED_MEANWHILE = _l("Joku muu ehti käsitellä ohjauksen. Lataa sivu uudelleen ja tarkista tilanne.")
COMPLETION_OUTCOMES = tuple(outcome for outcome in Outcome if outcome is not Outcome.DISCONTINUED)


@dataclass
class TransitionDetails:
    """What an action needs besides itself: a start date, a reason, an outcome, a message."""

    start_on: date | None = None
    decline_reason: DeclineReason | None = None
    discontinue_reason: DiscontinueReason | None = None  # None from an older API client: "other"
    outcome: Outcome | None = None
    message: str = ""
    confirm_full: bool = False


def side_of(user: User, referral: Referral, acting_for: Organisation | None = None) -> Side | None:
    if is_provider(user, referral, acting_for):
        return Side.PROVIDER
    if is_referrer(user, referral, acting_for):
        return Side.REFERRER
    return None


def is_allowed(referral: Referral, action: str) -> bool:
    return action in ACTIONS and referral.status in ACTIONS[action].sources and not referral.is_erased


def can_act(user: User, referral: Referral, action: str, acting_for: Organisation | None = None) -> bool:
    """Show the button: the action is allowed now and `user` is on the side that takes it."""
    if not is_allowed(referral, action):
        return False
    side = ACTIONS[action].side
    return (is_provider if side is Side.PROVIDER else is_referrer)(user, referral, acting_for)


def _check_details(referral: Referral, action: str, details: TransitionDetails) -> None:
    details.message = free_text(details.message, "message")
    if action is A.ACCEPT:
        if details.start_on is None:
            raise InvalidInput(_("Anna aloituspäivä."), "start_on")
        earliest = local_date(referral.sent_at) - timedelta(days=7)
        if not earliest <= details.start_on <= today() + timedelta(days=366):
            raise InvalidInput(_("Tarkista aloituspäivä: se voi olla enintään vuoden päässä."), "start_on")
        if offering_is_full(referral.offering) and not details.confirm_full:
            raise InvalidInput(
                _("Vahvista valintaruudulla, että otat asiakkaan vastaan."), "confirm_full"
            )
    elif action is A.DECLINE:
        if details.decline_reason is None:
            raise InvalidInput(_("Valitse syy."), "decline_reason")
        if details.decline_reason is DeclineReason.OTHER and not details.message:
            raise InvalidInput(_("Kerro syy valmentajalle."), "message")
    elif action in (A.REQUEST_INFO, A.ANSWER) and not details.message:
        raise InvalidInput(_("Kirjoita viesti."), "message")
    elif action is A.COMPLETE and details.outcome not in COMPLETION_OUTCOMES:
        raise InvalidInput(_("Valitse, mihin asiakas siirtyi palvelun jälkeen."), "outcome")
    elif action is A.DISCONTINUE:
        details.discontinue_reason = details.discontinue_reason or DiscontinueReason.OTHER
        if details.discontinue_reason is DiscontinueReason.OTHER and not details.message:
            raise InvalidInput(_("Kerro keskeytymisen syy."), "message")


def _apply(referral: Referral, action: str, details: TransitionDetails, actor: User) -> None:
    """The effects of `action` besides the state itself; places are the catalogue's to change."""
    if action is A.ACCEPT:
        referral.start_on = details.start_on
        referral.accepted_at = utcnow()
        referral.holds_place = catalog.take_place(referral.offering, actor, referral.uuid)
        if not referral.holds_place and offering_is_full(referral.offering) and not details.confirm_full:
            raise InvalidInput(  # the last place went to another referral while this page was open
                _("Palvelun viimeinen vapaa paikka ehti täyttyä. Vahvista valintaruudulla, että otat asiakkaan "
                  "vastaan."),
                "confirm_full")
    elif action is A.QUEUE:
        catalog.lock_places(referral.offering)
        join_queue(referral)
    elif action is A.START:
        referral.start_on = details.start_on or today()
    elif action is A.DECLINE:
        referral.decline_reason = details.decline_reason
        referral.closing_note = details.message
    elif action is A.COMPLETE:
        referral.outcome = details.outcome
        referral.closing_note = details.message
    elif action is A.DISCONTINUE:
        referral.outcome = Outcome.DISCONTINUED
        referral.discontinue_reason = details.discontinue_reason
        referral.closing_note = details.message
    elif action is A.WITHDRAW:
        referral.closing_note = details.message
    elif action is A.ANSWER:  # the provider's clock starts again
        referral.due_on = answer_due_on(today())
        referral.overdue_reminder_sent_at = None
    if ACTIONS[action].target.is_closed and referral.holds_place:
        catalog.give_back_place(referral.offering, actor, referral.uuid)
        referral.holds_place = False


def _change(referral: Referral, action: str, side: Side, actor: User, details: TransitionDetails,
            channel: Channel) -> None:
    rule = ACTIONS[action]
    now = utcnow()
    from_status = referral.status
    _apply(referral, action, details, actor)
    if from_status is S.QUEUED:
        referral.queue_rank = None
    referral.status = rule.target
    referral.updated_at = now
    if side is Side.PROVIDER and referral.first_response_at is None:
        stamp_first_response(referral, now)
    if rule.target.is_closed:
        referral.closed_at = now
    organisation = referral.provider if side is Side.PROVIDER else referral.referrer
    referral.events.append(ReferralEvent(
        kind=EventKind.TRANSITION, action=action, from_status=from_status, to_status=rule.target,
        body=details.message, actor=actor, organisation=organisation, channel=channel, created_at=now,
    ))
    _notify(referral, side, _l("Ohjauksen tila muuttui: %(status)s", status=STATUS_LABELS[rule.target]))
    send_news(referral)


def take_action(
    referral: Referral,
    action: str,
    actor: User,
    details: TransitionDetails | None = None,
    acting_for: Organisation | None = None,
    expected_version: int | None = None,
    channel: Channel = Channel.WEB,
) -> None:
    """Check `action` against the table and the permission, then change, log and notify; the caller commits."""
    details = details or TransitionDetails()
    if action not in set(A):
        raise InvalidInput(_("Tuntematon toiminto: %(action)s.", action=action), "action")
    action = A(action)
    rule = ACTIONS[action]
    side = side_of(actor, referral, acting_for)
    if side is None:
        raise NotPermitted(_("Ohjauksen näkevät vain ohjaava organisaatio ja palveluntuottaja."))
    if side is not rule.side:
        raise NotPermitted(
            _("Tämän tekee palveluntuottaja.") if rule.side is Side.PROVIDER else _("Tämän tekee ohjaava valmentaja.")
        )
    # Of two acting at once, the second waits and is judged on what the first did. Locks are taken in one order
    # everywhere (the offering, then its referrals), so a move in the queue and an answer never deadlock.
    catalog.lock_places(referral.offering)
    lock_row(referral)
    if referral.is_erased:
        raise Conflict(_("Ohjauksen henkilötiedot on poistettu; sitä ei voi enää käsitellä."))
    if expected_version is not None and expected_version != referral.version:
        raise Conflict(CHANGED_MEANWHILE)
    if referral.status not in rule.sources:
        raise Conflict(_("Ohjaus on tilassa ”%(status)s”, joten toimintoa ”%(action)s” ei voi tehdä.",
                         status=STATUS_LABELS[referral.status], action=rule.label))
    _check_details(referral, action, details)
    with db.session.no_autoflush:  # a concurrent change must surface at the commit, as a conflict
        _change(referral, action, side, actor, details, channel)


def transition(referral: Referral, action: str, actor: User, details: TransitionDetails | None = None,
               acting_for: Organisation | None = None, expected_version: int | None = None,
               channel: Channel = Channel.WEB) -> None:
    """Take `action` on `referral` as `actor` and commit; of two people acting at once, the second gets 409."""
    take_action(referral, action, actor, details, acting_for, expected_version, channel)
    commit_or_conflict(CHANGED_MEANWHILE)


def note_learning(referral: Referral, text: str, actor: User | None, organisation: Organisation | None) -> None:
    """A line on the timeline about the jobseeker's learning record, without its content (learning calls this;
    the caller commits)."""
    referral.events.append(ReferralEvent(kind=EventKind.LEARNING, body=text, actor=actor, organisation=organisation))


def post_message(
    referral: Referral, body: str, actor: User, acting_for: Organisation | None = None, channel: Channel = Channel.WEB
) -> ReferralEvent:
    """Write a message on the referral's timeline; the other side gets an email (without the message)."""
    side = side_of(actor, referral, acting_for)
    if side is None:
        raise NotPermitted(_("Ohjauksen näkevät vain ohjaava organisaatio ja palveluntuottaja."))
    if referral.is_erased:
        raise Conflict(_("Ohjauksen henkilötiedot on poistettu; viestejä ei voi enää kirjoittaa."))
    body = free_text(body, "body", required_message=_("Kirjoita viesti."))
    now = utcnow()
    event = ReferralEvent(kind=EventKind.MESSAGE, body=body, actor=actor, channel=channel, created_at=now,
                          organisation=referral.provider if side is Side.PROVIDER else referral.referrer)
    referral.events.append(event)
    db.session.add(event)
    _notify(referral, side, _l("Uusi viesti ohjauksessa"), NotificationKind.MESSAGE)
    db.session.commit()
    return event


def _notify(referral: Referral, side: Side, subject: str,
            kind: NotificationKind = NotificationKind.REFERRAL_UPDATE) -> None:
    """Tell the other side. Emails carry no personal data: only the offering and a link."""
    if side is Side.PROVIDER:
        recipients = [referral.coach] if referral.coach and referral.coach.is_active else \
            referral.referrer.active_members
    else:
        recipients = referral.provider.active_members
    send_email(
        recipients,
        _l("%(what)s – %(title)s", what=subject, title=referral.offering.title),
        "referrals/email/changed.txt",
        kind=kind,
        referral=referral,
        what=subject,
        link=absolute_url("referrals.referral", referral_uuid=referral.uuid),
    )
