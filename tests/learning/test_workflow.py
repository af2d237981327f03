"""The learning record's state machine: every (state, action) pair, and each action only by its side."""

import pytest

from marketplace.errors import Conflict, NotPermitted
from marketplace.extensions import db
from marketplace.learning import service
from marketplace.learning.models import RecordStatus
from marketplace.learning.service.workflow import RECORD_ACTIONS, RecordAction, Side, transition

EXPECTED = {  # (state, action) -> the state after, or None when the table refuses it
    (RecordStatus.DRAFT, RecordAction.SUBMIT): RecordStatus.SUBMITTED,
    (RecordStatus.RETURNED, RecordAction.SUBMIT): RecordStatus.SUBMITTED,
    (RecordStatus.SUBMITTED, RecordAction.RETURN): RecordStatus.RETURNED,
    (RecordStatus.SUBMITTED, RecordAction.CONFIRM): RecordStatus.CONFIRMED,
}


@pytest.fixture
def record(network, accepted_referral, qualification, schools):
    return service.open_record(accepted_referral, qualification, network.provider_member, schools[0].organisation)


def acting(network, schools, action):
    return network.provider_member if RECORD_ACTIONS[action].side is Side.PROVIDER else schools[0].teacher


@pytest.mark.parametrize("state", list(RecordStatus))
@pytest.mark.parametrize("action", list(RecordAction))
def test_every_state_and_action(network, schools, record, state, action):
    record.status = state  # in memory only: the table is checked before anything is written
    expected = EXPECTED.get((state, action))
    if expected is None:
        with pytest.raises(Conflict):
            transition(record, action, acting(network, schools, action))
        assert record.status is state
    else:
        with db.session.no_autoflush:  # a confirmation is written only together with its certificate
            transition(record, action, acting(network, schools, action))
        assert record.status is expected and record.events[-1].action == RECORD_ACTIONS[action].logged_as
    db.session.rollback()


@pytest.mark.parametrize("action", list(RecordAction))
def test_the_other_side_may_not_take_an_action(network, schools, record, action):
    record.status = next(iter(RECORD_ACTIONS[action].sources))
    other = schools[0].teacher if RECORD_ACTIONS[action].side is Side.PROVIDER else network.provider_member
    with pytest.raises(NotPermitted):
        transition(record, action, other)
    with pytest.raises(NotPermitted):
        transition(record, action, network.coach)  # the referring coach is on neither side
    db.session.rollback()


def test_the_table_covers_what_the_tests_expect():
    allowed = {(state, action) for action, rule in RECORD_ACTIONS.items() for state in rule.sources}
    assert allowed == set(EXPECTED)
