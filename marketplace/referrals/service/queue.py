"""The waiting list of a full offering: who waits in what order, where each one stands, when they might start,
and what happens when a place frees.

A referral sent to a full offering, or to one with people already waiting, joins the end of its queue
(status QUEUED, `queue_rank`). The provider may move someone with a reason, which goes on the timeline.
When a place frees, the provider is asked to offer it to the first in line; offering it is the accept action.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import Organisation, User
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Intake, Offering
from marketplace.catalog.signals import places_freed
from marketplace.clock import local_date, today, utcnow
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.referrals.models import Channel, EventKind, Referral, ReferralEvent, ReferralStatus
from marketplace.referrals.permissions import acts_for, is_provider
from marketplace.validators import free_text

HOLDING = (ReferralStatus.ACCEPTED, ReferralStatus.STARTED)
DURATION_SAMPLE = 3  # completed periods needed before their average stands in for the offering's duration


@dataclass(frozen=True)
class QueueEntry:
    referral: Referral
    position: int
    estimated_start: date | None


def offering_is_full(offering: Offering) -> bool:
    return offering.open_places is not None and offering.open_places <= 0


def _queued(offering_id: int):
    return select(Referral).where(Referral.offering_id == offering_id, Referral.status == ReferralStatus.QUEUED)


def queue_of(offering: Offering) -> list[Referral]:
    """Everyone waiting for `offering`, first in line first."""
    return list(db.session.scalars(_queued(offering.id).order_by(Referral.queue_rank, Referral.id)))


def queue_lengths(offering_ids: list[int]) -> dict[int, int]:
    """How many wait for each of these offerings (those with nobody waiting are left out)."""
    if not offering_ids:
        return {}
    return dict(db.session.execute(
        select(Referral.offering_id, func.count()).where(Referral.offering_id.in_(offering_ids),
                                                          Referral.status == ReferralStatus.QUEUED)
        .group_by(Referral.offering_id)).all())


def queue_length(offering: Offering) -> int:
    return queue_lengths([offering.id]).get(offering.id, 0)


def must_queue(offering: Offering) -> bool:
    """A new referral waits if no place is free, or if others already wait: nobody jumps the queue."""
    return offering_is_full(offering) or queue_length(offering) > 0


def join_queue(referral: Referral) -> None:
    """Put `referral` at the end of its offering's queue; the caller holds the offering's places and commits."""
    last = db.session.scalar(select(func.max(Referral.queue_rank)).where(
        Referral.offering_id == referral.offering.id, Referral.status == ReferralStatus.QUEUED))
    referral.queue_rank = (last or 0) + 1
    referral.queued_at = utcnow()
    referral.waiting_list = True
    referral.queue_reminder_sent_at = None


def queue_position(referral: Referral) -> int | None:
    """1 for the first in line; None when the referral is not queued."""
    if referral.status is not ReferralStatus.QUEUED or referral.queue_rank is None:
        return None
    ahead = db.session.scalar(select(func.count()).select_from(_queued(referral.offering_id).where(
        (Referral.queue_rank < referral.queue_rank)
        | ((Referral.queue_rank == referral.queue_rank) & (Referral.id < referral.id))).subquery()))
    return ahead + 1


def queue_positions(referrals: list[Referral]) -> dict[int, int]:
    """Each queued referral's position (by id): one query per offering in the list, not one per referral."""
    offerings = {r.offering_id: r.offering for r in referrals if r.status is ReferralStatus.QUEUED}
    return {queued.id: position for offering in offerings.values()
            for position, queued in enumerate(queue_of(offering), start=1)}


def _typical_duration(offering: Offering) -> timedelta | None:
    """How long one person holds a place: as the provider says, else the average of recent completed periods."""
    if offering.duration_weeks:
        return timedelta(weeks=offering.duration_weeks)
    periods = db.session.execute(select(Referral.start_on, Referral.closed_at).where(
        Referral.offering_id == offering.id, Referral.status == ReferralStatus.COMPLETED,
        Referral.start_on.is_not(None), Referral.closed_at >= utcnow() - timedelta(days=365))).all()
    days = [(local_date(closed_at) - start_on).days for start_on, closed_at in periods]
    days = [length for length in days if length > 0]
    if len(days) < DURATION_SAMPLE:
        return None
    return timedelta(days=round(sum(days) / len(days)))


def estimated_starts(offering: Offering, count: int) -> list[date | None]:
    """When each of the first `count` in line could start, or None where nothing tells.

    With start dates, people begin at the coming start dates, a group of `capacity_total` each. With
    continuous intake, a place frees when someone now holding one has been there the offering's duration
    (or the average seen so far); the queue takes those places in turn, round after round.
    """
    now = today()
    if offering.open_places is None:
        return [now] * count
    free = max(offering.open_places, 0)
    if offering.intake is Intake.START_DATES:
        return [_at_start_dates(offering, position - free, now) for position in range(1, count + 1)]
    duration = _typical_duration(offering)
    starts = db.session.scalars(select(Referral.start_on).where(
        Referral.offering_id == offering.id, Referral.holds_place, Referral.status.in_(HOLDING))).all()
    frees = sorted(max(start + duration, now) for start in starts if start) if duration else []
    result: list[date | None] = []
    for position in range(1, count + 1):
        ahead = position - free
        if ahead <= 0:
            result.append(now)
        elif frees:
            rounds, index = divmod(ahead - 1, len(frees))
            result.append(frees[index] + rounds * duration)
        elif duration and offering.capacity_total:
            result.append(now + math.ceil(ahead / offering.capacity_total) * duration)
        else:
            result.append(None)
    return result


def _at_start_dates(offering: Offering, ahead: int, now: date) -> date | None:
    """The start date of the group the one with `ahead` people before them in line joins."""
    if ahead <= 0:
        return now
    coming = [day for day in offering.start_date_values if day > now]
    if not coming:
        return None
    if not offering.capacity_total:  # the group's size is not told: the next start date
        return coming[0]
    group = (ahead - 1) // offering.capacity_total
    return coming[group] if group < len(coming) else None


def estimated_start(referral: Referral) -> date | None:
    position = queue_position(referral)
    return None if position is None else estimated_starts(referral.offering, position)[-1]


def queue_entries(offering: Offering, actor: User, acting_for: Organisation | None = None) -> list[QueueEntry]:
    """The provider's view of the queue: each referral with its position and estimated start."""
    if not acts_for(actor, offering.organisation, acting_for):
        raise NotPermitted(_("Jonon näkevät vain palveluntuottajan jäsenet."))
    queue = queue_of(offering)
    return [QueueEntry(referral, position, estimate) for position, (referral, estimate)
            in enumerate(zip(queue, estimated_starts(offering, len(queue)), strict=True), start=1)]


def move_in_queue(referral: Referral, position: int, reason: str, actor: User,
                  acting_for: Organisation | None = None) -> None:
    """Move `referral` to `position` in its queue (the provider's call, with a reason on the timeline); commits."""
    if not is_provider(actor, referral, acting_for):
        raise NotPermitted(_("Jonon järjestystä muuttaa palveluntuottaja."))
    reason = free_text(reason, "reason", required_message=_("Kerro, miksi järjestys muuttuu."))
    catalog.lock_places(referral.offering)  # two reorders at once: the second sees the first
    db.session.refresh(referral)
    if referral.status is not ReferralStatus.QUEUED:
        raise Conflict(_("Ohjaus ei ole enää jonossa. Lataa sivu uudelleen."))
    queue = queue_of(referral.offering)
    if not 1 <= position <= len(queue):
        raise InvalidInput(_("Valitse sija väliltä 1–%(last)s.", last=len(queue)), "position")
    if queue.index(referral) + 1 == position:
        raise InvalidInput(_("Asiakas on jo sijalla %(position)s.", position=position), "position")
    queue.remove(referral)
    queue.insert(position - 1, referral)
    for rank, item in enumerate(queue, start=1):  # a bulk update: nobody's open referral page goes stale
        db.session.execute(update(Referral).where(Referral.id == item.id).values(queue_rank=rank))
    referral.events.append(ReferralEvent(kind=EventKind.QUEUE_MOVED, action=str(position), body=reason,
                                         actor=actor, organisation=referral.provider, channel=Channel.WEB))
    send_email(_coach_side(referral), _l("Jonopaikka muuttui – %(title)s", title=referral.offering.title),
               "referrals/email/changed.txt", kind=NotificationKind.REFERRAL_UPDATE, referral=referral,
               what=_l("Jonopaikka muuttui"), link=absolute_url("referrals.referral", referral_uuid=referral.uuid))
    db.session.commit()


def _coach_side(referral: Referral) -> list[User]:
    return [referral.coach] if referral.coach and referral.coach.is_active else referral.referrer.active_members


@places_freed.connect
def prompt_to_offer(offering: Offering, by: User | None = None, **_signal) -> None:
    """A place freed and people wait: ask the provider's members (but the one who freed it) to offer it."""
    waiting = queue_length(offering)
    if not waiting:
        return
    send_email(
        [member for member in offering.organisation.active_members if by is None or member.id != by.id],
        _l("Paikka vapautui – jonossa %(count)s: %(title)s", count=waiting, title=offering.title),
        "referrals/email/place_freed.txt", kind=NotificationKind.REFERRAL_UPDATE, offering=offering,
        waiting=waiting, link=absolute_url("referrals.queue", offering_uuid=offering.uuid),
    )


def waited_too_long(referral: Referral) -> bool:
    """Queued longer than the coach is asked to wait before reconsidering."""
    weeks = current_app.config["QUEUE_RECONSIDER_WEEKS"]
    return (referral.status is ReferralStatus.QUEUED and referral.queued_at is not None
            and referral.queued_at < utcnow() - timedelta(weeks=weeks))


def send_queue_reminders() -> int:
    """Ask the coach once to reconsider each referral queued longer than QUEUE_RECONSIDER_WEEKS; return how many."""
    weeks = current_app.config["QUEUE_RECONSIDER_WEEKS"]
    waiting = db.session.scalars(select(Referral).where(
        Referral.status == ReferralStatus.QUEUED, Referral.queued_at < utcnow() - timedelta(weeks=weeks),
        Referral.queue_reminder_sent_at.is_(None)).order_by(Referral.id)).all()
    for referral in waiting:
        send_email(
            _coach_side(referral),
            _l("Asiakas on odottanut jonossa yli %(weeks)s viikkoa: %(title)s", weeks=weeks,
               title=referral.offering.title),
            "referrals/email/long_wait.txt", kind=NotificationKind.OVERDUE, referral=referral, weeks=weeks,
            position=queue_position(referral), estimate=estimated_start(referral),
            link=absolute_url("referrals.referral", referral_uuid=referral.uuid),
        )
        referral.queue_reminder_sent_at = utcnow()
        referral.events.append(ReferralEvent(
            kind=EventKind.REMINDER, channel=Channel.SYSTEM,
            body=_("Asiakas on ollut jonossa yli %(weeks)s viikkoa. Valmentajaa pyydettiin harkitsemaan, "
                   "sopisiko jokin toinen palvelu.", weeks=weeks)))
    db.session.commit()
    return len(waiting)
