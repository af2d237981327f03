"""A learning record's states: one table of actions and one `transition` every change of state goes through.

draft → submitted (the provider sends it) → returned (the school asks for more; the provider edits and
submits again) or confirmed (the school decides; never changes again). A correction of a confirmed
record is a new record that points at it, not a change of state: see review.start_correction.
"""

import enum
from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.accounts.models import Organisation, User
from marketplace.clock import utcnow
from marketplace.errors import Conflict, NotPermitted
from marketplace.learning.labels import STATUS_LABELS
from marketplace.learning.models import LearningRecord, RecordEvent
from marketplace.learning.models import RecordStatus as S
from marketplace.learning.permissions import is_record_reviewer, is_record_writer


class RecordAction(enum.StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    CONFIRM = "confirm"


class Side(enum.StrEnum):
    PROVIDER = "provider"  # writes the record
    SCHOOL = "school"  # the education provider chosen on it, which decides


@dataclass(frozen=True)
class Rule:
    sources: frozenset[S]
    target: S
    side: Side
    logged_as: str  # the action's name in the record's log


RECORD_ACTIONS: dict[RecordAction, Rule] = {
    RecordAction.SUBMIT: Rule(frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, Side.PROVIDER, "submitted"),
    RecordAction.RETURN: Rule(frozenset({S.SUBMITTED}), S.RETURNED, Side.SCHOOL, "returned"),
    RecordAction.CONFIRM: Rule(frozenset({S.SUBMITTED}), S.CONFIRMED, Side.SCHOOL, "confirmed"),
}


def log_event(record: LearningRecord, action: str, actor: User | None, organisation: Organisation | None,
              message: str = "") -> None:
    record.events.append(RecordEvent(action=action, actor=actor, organisation=organisation, message=message))


def is_allowed(record: LearningRecord, action: RecordAction) -> bool:
    return record.status in RECORD_ACTIONS[action].sources


def transition(record: LearningRecord, action: RecordAction, actor: User, message: str = "") -> None:
    """Check the table and the side, change the state, stamp and log it; the caller checks the details and commits."""
    rule = RECORD_ACTIONS[action]
    on_side = is_record_writer if rule.side is Side.PROVIDER else is_record_reviewer
    if not on_side(actor, record):
        raise NotPermitted(_("Osaamisen kuvauksen kirjoittaa palveluntuottaja.") if rule.side is Side.PROVIDER
                           else _("Osaamisen tunnustaa kuvaukseen valittu oppilaitos."))
    if not is_allowed(record, action):
        raise Conflict(_("Osaamisen kuvaus on tilassa ”%(status)s”, joten sitä ei voi enää muuttaa näin.",
                         status=STATUS_LABELS[record.status]))
    record.status = rule.target
    record.updated_at = utcnow()
    organisation = record.provider if rule.side is Side.PROVIDER else record.education_provider
    log_event(record, rule.logged_as, actor, organisation, message)
