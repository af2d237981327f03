"""The referral state machine: every action from every state, who may take it, and what it changes."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.clock import today
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import (
    DeclineReason,
    DiscontinueReason,
    EventKind,
    Outcome,
    Referral,
    ReferralStatus,
)
from marketplace.referrals.service import ACTIONS, TransitionDetails
from tests.helpers import outbox

S = ReferralStatus

# How to bring a fresh referral into each state: (actor attribute, action, details) steps
PATHS = {
    S.SENT: [],
    S.QUEUED: [("provider_member", "queue", {})],
    S.INFO_REQUESTED: [("provider_member", "request_info", {"message": "Onko asiakkaalla turvakengät?"})],
    S.ACCEPTED: [("provider_member", "accept", {"start_on": today()})],
    S.STARTED: [("provider_member", "accept", {"start_on": today()}), ("provider_member", "start", {})],
    S.COMPLETED: [("provider_member", "accept", {"start_on": today()}), ("provider_member", "start", {}),
                  ("provider_member", "complete", {"outcome": Outcome.EDUCATION})],
    S.DISCONTINUED: [("provider_member", "accept", {"start_on": today()}),
                     ("provider_member", "discontinue", {"message": "Muutti toiselle paikkakunnalle."})],
    S.DECLINED: [("provider_member", "decline", {"decline_reason": DeclineReason.FULL})],
    S.WITHDRAWN: [("coach", "withdraw", {})],
}
# Details that satisfy each action
DETAILS = {
    "accept": {"start_on": today() + timedelta(days=7)},
    "queue": {},
    "request_info": {"message": "Mikä on asiakkaan työkyky?"},
    "decline": {"decline_reason": DeclineReason.NOT_ELIGIBLE},
    "answer": {"message": "Työkyky riittää neljään tuntiin päivässä."},
    "start": {},
    "complete": {"outcome": Outcome.OPEN_LABOUR_MARKET},
    "discontinue": {"message": "Sairasloma."},
    "withdraw": {"message": "Asiakas sai työpaikan."},
}
EXPECTED = {  # the full table, written out: (state, action) -> new state, or None when it must be refused
    (S.SENT, "accept"): S.ACCEPTED, (S.SENT, "request_info"): S.INFO_REQUESTED, (S.SENT, "decline"): S.DECLINED,
    (S.SENT, "withdraw"): S.WITHDRAWN, (S.SENT, "queue"): S.QUEUED,
    (S.QUEUED, "accept"): S.ACCEPTED, (S.QUEUED, "decline"): S.DECLINED, (S.QUEUED, "withdraw"): S.WITHDRAWN,
    (S.INFO_REQUESTED, "queue"): S.QUEUED,
    (S.INFO_REQUESTED, "accept"): S.ACCEPTED, (S.INFO_REQUESTED, "decline"): S.DECLINED,
    (S.INFO_REQUESTED, "answer"): S.SENT, (S.INFO_REQUESTED, "withdraw"): S.WITHDRAWN,
    (S.ACCEPTED, "start"): S.STARTED, (S.ACCEPTED, "discontinue"): S.DISCONTINUED,
    (S.ACCEPTED, "withdraw"): S.WITHDRAWN,
    (S.STARTED, "complete"): S.COMPLETED, (S.STARTED, "discontinue"): S.DISCONTINUED,
    (S.STARTED, "withdraw"): S.WITHDRAWN,
}


def bring_to(network, referral, state):
    for who, action, details in PATHS[state]:
        service.transition(referral, action, getattr(network, who), TransitionDetails(**details))
    assert referral.status is state
    return referral


def actor_for(network, action):
    return network.provider_member if ACTIONS[action].side == "provider" else network.coach


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_in_every_state(network, make_referral, state, action):
    referral = bring_to(network, make_referral(), state)
    events_before = len(referral.events)
    expected = EXPECTED.get((state, action))
    if expected is None:
        with pytest.raises(Conflict):
            service.transition(referral, action, actor_for(network, action), TransitionDetails(**DETAILS[action]))
        db.session.rollback()
        assert db.session.get(Referral, referral.id).status is state
        assert len(referral.events) == events_before
        return
    service.transition(referral, action, actor_for(network, action), TransitionDetails(**DETAILS[action]))
    stored = db.session.get(Referral, referral.id)
    assert stored.status is expected
    last = stored.events[-1]
    assert (last.kind, last.action, last.from_status, last.to_status) == (EventKind.TRANSITION, action, state, expected)
    assert last.actor == actor_for(network, action)
    assert (stored.closed_at is not None) == expected.is_closed


def test_the_table_in_the_service_is_the_one_written_out_here():
    table = {(source, name): rule.target for name, rule in ACTIONS.items() for source in rule.sources}
    assert table == EXPECTED


@pytest.mark.parametrize("action", [a for a, rule in ACTIONS.items() if rule.side == "provider"])
def test_the_coach_cannot_take_the_providers_actions(network, make_referral, action):
    referral = bring_to(network, make_referral(), next(s for s, a in EXPECTED if a == action))
    with pytest.raises(NotPermitted):
        service.transition(referral, action, network.coach, TransitionDetails(**DETAILS[action]))


@pytest.mark.parametrize("action", ["withdraw", "answer"])
def test_the_provider_cannot_take_the_coachs_actions(network, make_referral, action):
    referral = bring_to(network, make_referral(), S.INFO_REQUESTED)
    with pytest.raises(NotPermitted):
        service.transition(referral, action, network.provider_member, TransitionDetails(**DETAILS[action]))


@pytest.mark.parametrize("outsider", ["other_provider", "other_coach"])
def test_outsiders_cannot_act_or_write(network, make_referral, outsider):
    referral = make_referral()
    with pytest.raises(NotPermitted):
        service.transition(referral, "accept", getattr(network, outsider), TransitionDetails(start_on=today()))
    with pytest.raises(NotPermitted):
        service.post_message(referral, "Hei", getattr(network, outsider))
    assert db.session.get(Referral, referral.id).status is S.SENT


def test_the_team_shares_the_caseload(network, make_referral):
    referral = bring_to(network, make_referral(), S.INFO_REQUESTED)
    service.transition(referral, "answer", network.teammate, TransitionDetails(message="Vastaan Ainon puolesta."))
    assert referral.status is S.SENT


def test_an_unknown_action_is_invalid(network, make_referral):
    with pytest.raises(InvalidInput):
        service.transition(make_referral(), "teleport", network.provider_member)


@pytest.mark.parametrize(("action", "details", "field"), [
    ("accept", {}, "start_on"),
    ("accept", {"start_on": today() + timedelta(days=400)}, "start_on"),
    ("decline", {}, "decline_reason"),
    ("decline", {"decline_reason": DeclineReason.OTHER}, "message"),
    ("request_info", {"message": "  "}, "message"),
    ("request_info", {"message": "Tarkista 131052-308T"}, "message"),
])
def test_actions_need_their_details(network, make_referral, action, details, field):
    referral = make_referral()
    with pytest.raises(InvalidInput) as error:
        service.transition(referral, action, network.provider_member, TransitionDetails(**details))
    assert error.value.field == field
    assert db.session.get(Referral, referral.id).status is S.SENT


def test_completion_needs_an_outcome_and_discontinuing_a_reason(network, make_referral):
    referral = bring_to(network, make_referral(), S.STARTED)
    with pytest.raises(InvalidInput):
        service.transition(referral, "complete", network.provider_member, TransitionDetails())
    with pytest.raises(InvalidInput):
        service.transition(referral, "complete", network.provider_member,
                           TransitionDetails(outcome=Outcome.DISCONTINUED))
    with pytest.raises(InvalidInput):
        service.transition(referral, "discontinue", network.provider_member, TransitionDetails())
    service.transition(referral, "discontinue", network.provider_member, TransitionDetails(message="Sairastui."))
    assert (referral.outcome, referral.closing_note) == (Outcome.DISCONTINUED, "Sairastui.")


def test_acceptance_takes_a_place_and_the_end_gives_it_back(network, make_referral):
    offering = network.offering
    first, second = make_referral(), make_referral()
    service.transition(first, "accept", network.provider_member, TransitionDetails(start_on=today()))
    assert offering.open_places == 1
    service.transition(second, "decline", network.provider_member,
                       TransitionDetails(decline_reason=DeclineReason.NOT_REACHABLE))
    assert offering.open_places == 1  # declining never took a place
    service.transition(first, "withdraw", network.coach, TransitionDetails())
    assert offering.open_places == 2


def test_a_full_offering_takes_referrals_to_the_waiting_list_and_asks_before_accepting(network, make_referral):
    offering = network.offering
    offering.open_places = 0
    db.session.commit()
    referral = make_referral()
    assert referral.waiting_list
    with pytest.raises(InvalidInput) as error:
        service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    assert error.value.field == "confirm_full"
    service.transition(referral, "accept", network.provider_member,
                       TransitionDetails(start_on=today(), confirm_full=True))
    assert referral.status is S.ACCEPTED and offering.open_places == 0 and not referral.holds_place
    service.transition(referral, "withdraw", network.coach, TransitionDetails())
    assert offering.open_places == 0  # it held no place, so it gives none back


def test_giving_back_a_place_never_exceeds_capacity(network, make_referral):
    referral = make_referral()
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    network.offering.open_places = 3  # the provider set it by hand meanwhile
    db.session.commit()
    service.transition(referral, "withdraw", network.coach, TransitionDetails())
    assert network.offering.open_places == 3


def test_a_stale_page_cannot_overwrite_a_newer_state(network, make_referral):
    referral = make_referral()
    seen = referral.version
    service.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    with pytest.raises(Conflict):
        service.transition(referral, "decline", network.provider_admin,
                           TransitionDetails(decline_reason=DeclineReason.FULL), expected_version=seen)
    assert referral.status is S.INFO_REQUESTED


def test_concurrent_accept_and_withdraw_cannot_both_win(app, network, make_referral):
    """Two sessions load the same referral; whoever commits second gets a conflict, not a silent overwrite."""
    referral = make_referral()
    referral_id, coach_id = referral.id, network.coach.id
    with app.app_context():  # the coach, in another request, withdraws first
        from marketplace.accounts.models import User

        other = db.session.get(Referral, referral_id)
        service.transition(other, "withdraw", db.session.get(User, coach_id), TransitionDetails())
    with pytest.raises(Conflict):  # the provider's page still shows it as sent
        service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    db.session.expire_all()
    stored = db.session.get(Referral, referral_id)
    assert stored.status is S.WITHDRAWN
    assert network.offering.open_places == 2
    assert [e.action for e in stored.events if e.kind is EventKind.TRANSITION] == ["withdraw"]


def test_first_response_is_recorded_once_by_the_provider(network, make_referral):
    referral = make_referral()
    service.transition(referral, "request_info", network.provider_member, TransitionDetails(message="Kysymys"))
    first = referral.first_response_at
    assert first is not None
    service.transition(referral, "answer", network.coach, TransitionDetails(message="Vastaus"))
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    assert referral.first_response_at == first


def test_each_side_is_told_without_personal_data_in_the_email(network, make_referral):
    referral = make_referral()
    assert {e.recipient for e in outbox()} == {"admin@verstas.fi", "ohjaaja@verstas.fi"}
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    to_coach = outbox("coach@salo.fi")
    assert len(to_coach) == 1 and "Hyväksytty" in to_coach[0].subject
    for email in outbox():
        text = email.body + email.subject
        assert "Matti" not in text and "1234567" not in text and "matti@example.fi" not in text


def test_messages_go_on_the_timeline_and_notify_the_other_side(network, make_referral):
    referral = make_referral()
    service.post_message(referral, "Soitan asiakkaalle huomenna.", network.provider_member)
    service.post_message(referral, "Kiitos!", network.coach)
    messages = [e for e in db.session.get(Referral, referral.id).events if e.kind is EventKind.MESSAGE]
    assert [(m.body, m.organisation.name) for m in messages] == [
        ("Soitan asiakkaalle huomenna.", "Verstas ry"), ("Kiitos!", "Salon työllisyyspalvelut")]
    assert any("Uusi viesti" in e.subject for e in outbox("coach@salo.fi"))
    with pytest.raises(InvalidInput):
        service.post_message(referral, "   ", network.coach)


def test_states_that_need_facts_are_enforced_by_the_database(network, make_referral):
    referral = make_referral()
    referral.status = S.DECLINED  # no reason, no closing time
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(Referral.status).where(Referral.id == referral.id)) is S.SENT


def test_discontinuing_records_a_reason_reports_can_count(network, make_referral, client, login):
    referral = make_referral()
    service.transition(referral, "accept", network.provider_member, TransitionDetails(start_on=today()))
    login(network.provider_member)
    url = f"/referrals/{referral.uuid}/discontinue"
    page = client.post(url, data={"version": referral.version, "discontinue_reason": "other"})
    assert page.status_code == 422
    assert "Kerro keskeytymisen syy." in page.get_data(as_text=True)
    done = client.post(url, data={"version": referral.version, "discontinue_reason": "health"})
    assert done.status_code == 302
    assert referral.discontinue_reason is DiscontinueReason.HEALTH
    assert "Terveydelliset syyt" in client.get(f"/referrals/{referral.uuid}").get_data(as_text=True)
