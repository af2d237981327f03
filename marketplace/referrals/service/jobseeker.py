"""The jobseeker in the loop, without an account: a confirmation and news by the channels agreed with them, and a
status page (/status/<token>) where they see where the referral is and can answer.

Their contact details are used for these messages only, only under a consent version that says so, and every
message sent is a row on the timeline (which says how, never to which address).
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.clock import utcnow
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.i18n import DEFAULT, LANGUAGES
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.notifications.sms import send_sms
from marketplace.referrals.consent import MESSAGE_CONSENT_VERSIONS
from marketplace.referrals.labels import CHANNEL_SENT_LABELS, JOBSEEKER_ACTION_LABELS
from marketplace.referrals.models import (
    Channel,
    EventKind,
    JobseekerAction,
    JobseekerChannel,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from marketplace.referrals.permissions import is_referrer
from marketplace.validators import free_text

SENDING = (JobseekerChannel.EMAIL, JobseekerChannel.SMS)
REPEAT_WINDOW = timedelta(hours=1)  # the same answer again within this is the same answer (a double click)


def new_status_token() -> str:
    return secrets.token_urlsafe(16)


def message_language(referral: Referral) -> str:
    """The jobseeker's language where the site speaks it, else Finnish."""
    return referral.jobseeker_language if referral.jobseeker_language in LANGUAGES else DEFAULT


def check_channels(channels: set[JobseekerChannel], consent_version: str, email: str, phone: str) -> dict:
    """The errors of a choice of channels, by field: each needs its contact detail, and sending needs consent."""
    errors: dict[str, list[str]] = {}
    if channels & set(SENDING) and consent_version not in MESSAGE_CONSENT_VERSIONS:
        errors["jobseeker_channels"] = [_("Tämän suostumusversion mukaan asiakkaalle ei lähetetä viestejä. "
                                          "Valitse tulostettava vahvistus.")]
    elif JobseekerChannel.EMAIL in channels and not email:
        errors["jobseeker_channels"] = [_("Vahvistusta ei voi lähettää sähköpostilla ilman sähköpostiosoitetta.")]
    elif JobseekerChannel.SMS in channels and not phone:
        errors["jobseeker_channels"] = [_("Vahvistusta ei voi lähettää tekstiviestillä ilman puhelinnumeroa.")]
    return errors


def status_link(referral: Referral) -> str:
    return absolute_url("referrals.status_page", token=referral.status_token)


def send_confirmation(referral: Referral) -> None:
    """Send the new referral's confirmation by the channels chosen; the caller commits."""
    _send(referral, "referrals/jobseeker/confirmation.txt", "referrals/jobseeker/confirmation_sms.txt",
          _l("Sinut on ohjattu palveluun: %(title)s", title=referral.offering.title),
          _l("Vahvistus ohjauksesta lähetettiin asiakkaalle: %(channels)s."))


def send_news(referral: Referral) -> None:
    """Tell the jobseeker their referral was accepted or declined; the caller commits."""
    if referral.status not in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        return
    _send(referral, "referrals/jobseeker/news.txt", "referrals/jobseeker/news_sms.txt",
          _l("Ohjauksesi palveluun %(title)s on edennyt", title=referral.offering.title),
          _l("Tieto ohjauksen etenemisestä lähetettiin asiakkaalle: %(channels)s."))


def _send(referral: Referral, email_template: str, sms_template: str, subject, logged) -> None:
    channels = [channel for channel in SENDING if channel in referral.channels]
    if not channels or referral.is_erased or referral.consent_withdrawn_at or \
            referral.consent_version not in MESSAGE_CONSENT_VERSIONS:
        return
    code = message_language(referral)
    context = {"referral": referral, "offering": referral.offering, "coach": referral.coach,
               "link": status_link(referral)}
    if JobseekerChannel.EMAIL in channels and referral.jobseeker_email:
        send_email(referral.jobseeker_email, subject, email_template, language=code, **context)
    if JobseekerChannel.SMS in channels and referral.jobseeker_phone:
        with force_locale(code):
            send_sms(referral.jobseeker_phone, render_template(sms_template, **context).strip())
    with force_locale(DEFAULT):  # the timeline's record, in the site's language like its other system rows
        body = str(logged) % {"channels": ", ".join(str(CHANNEL_SENT_LABELS[c]) for c in channels)}
    referral.events.append(ReferralEvent(kind=EventKind.JOBSEEKER_NOTIFIED, action=",".join(channels),
                                         body=body, channel=Channel.SYSTEM))


def can_print_confirmation(user, referral: Referral) -> bool:
    return is_referrer(user, referral) and not referral.is_erased and referral.status_token is not None


def confirmation_sheet(referral: Referral, actor) -> Referral:
    """The printable confirmation for the coach to hand over; only the referring side prints it."""
    if not can_print_confirmation(actor, referral):
        raise NotPermitted(_("Vahvistuksen tulostaa ohjauksen lähettänyt organisaatio."))
    return referral


def shown_until(referral: Referral) -> datetime | None:
    """The status page closes this long after the referral did."""
    if referral.closed_at is None:
        return None
    return referral.closed_at + timedelta(days=current_app.config["STATUS_PAGE_DAYS_AFTER_CLOSE"])


def referral_for_status(token: str) -> Referral:
    """The referral behind a status link; NotFound when unknown, erased, or closed long enough ago."""
    referral = db.session.scalar(select(Referral).where(Referral.status_token == token)) if token else None
    if referral is None or referral.is_erased:
        raise NotFound(_("Sivua ei löytynyt."))
    until = shown_until(referral)
    if until is not None and utcnow() >= until:
        raise NotFound(_("Sivua ei löytynyt."))
    return referral


def answers_of(referral: Referral) -> list[ReferralEvent]:
    """What the jobseeker has said on their page: the only timeline rows the page shows."""
    return [event for event in referral.events if event.kind is EventKind.JOBSEEKER]


def jobseeker_says(token: str, action: str, message: str = "") -> tuple[Referral, bool]:
    """Record the jobseeker's answer on the timeline and tell both sides; True if it is new (not a repeat)."""
    referral = referral_for_status(token)
    if action not in set(JobseekerAction):
        raise InvalidInput(_("Tuntematon toiminto."), "action")
    action = JobseekerAction(action)
    if referral.consent_withdrawn_at is not None:
        raise Conflict(_("Olet jo perunut suostumuksesi. Valmentajasi poistaa tietosi."))
    if action is not JobseekerAction.WITHDRAW_CONSENT and referral.status.is_closed:
        raise Conflict(_("Ohjaus on jo päättynyt."))
    message = free_text(message, "message", max_chars=500)
    now = utcnow()
    repeated = next((event for event in reversed(answers_of(referral))
                     if event.action == action and event.created_at > now - REPEAT_WINDOW), None)
    if repeated is not None:
        return referral, False
    referral.events.append(ReferralEvent(kind=EventKind.JOBSEEKER, action=action, body=message,
                                         channel=Channel.WEB, created_at=now))
    if action is JobseekerAction.WITHDRAW_CONSENT:
        referral.consent_withdrawn_at = now
    referral.updated_at = now
    _tell_both_sides(referral, action)
    db.session.commit()
    return referral, True


def _tell_both_sides(referral: Referral, action: JobseekerAction) -> None:
    link = absolute_url("referrals.referral", referral_uuid=referral.uuid)
    coach_side = [referral.coach] if referral.coach and referral.coach.is_active else referral.referrer.active_members
    # Withdrawn consent asks the coach to act: it is never batched or turned off.
    send_email(coach_side, _l("%(what)s – %(title)s", what=JOBSEEKER_ACTION_LABELS[action],
                              title=referral.offering.title),
               "referrals/email/jobseeker_said.txt", kind=None if action is JobseekerAction.WITHDRAW_CONSENT
               else NotificationKind.MESSAGE, referral=referral, action=action, link=link)
    if action is not JobseekerAction.WITHDRAW_CONSENT:
        send_email(referral.provider.active_members, _l("%(what)s – %(title)s", what=JOBSEEKER_ACTION_LABELS[action],
                                                        title=referral.offering.title),
                   "referrals/email/jobseeker_said.txt", kind=NotificationKind.MESSAGE, referral=referral,
                   action=action, link=link)
