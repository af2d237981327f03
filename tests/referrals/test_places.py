"""Referrals take and give back open places through the catalogue: kept in the offering's history, never
below zero or above capacity, even when two accepts happen at once."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Offering, OfferingChange, PlaceReason
from marketplace.clock import today
from marketplace.errors import InvalidInput
from marketplace.extensions import db
from marketplace.referrals import service
from marketplace.referrals.models import Referral
from marketplace.referrals.service import TransitionDetails
from tests.helpers import at_once


def places_history(offering) -> list[tuple]:
    return [(c.old_value, c.new_value, c.reason, c.referral_uuid, c.changed_by_id) for c in db.session.scalars(
        select(OfferingChange).where(OfferingChange.offering_id == offering.id, OfferingChange.field == "open_places")
        .order_by(OfferingChange.id))]


def open_places(offering) -> int | None:
    return db.session.scalar(select(Offering.open_places).where(Offering.id == offering.id))


def accept(referral, user, **details):
    service.transition(referral, "accept", user, TransitionDetails(start_on=today(), **details))


@pytest.mark.parametrize(("ending", "by"), [("complete", "provider_member"), ("discontinue", "provider_member"),
                                            ("withdraw", "coach")])
def test_accepting_and_ending_leave_history_rows_with_who_and_why(network, make_referral, ending, by):
    referral = make_referral()
    accept(referral, network.provider_member)
    if ending == "complete":
        service.transition(referral, "start", network.provider_member)
    details = {"complete": TransitionDetails(outcome="education"), "discontinue": TransitionDetails(message="Muutti"),
               "withdraw": TransitionDetails()}[ending]
    service.transition(referral, ending, getattr(network, by), details)
    assert places_history(network.offering) == [
        ("2", "1", PlaceReason.REFERRAL_ACCEPTED, referral.uuid, network.provider_member.id),
        ("1", "2", PlaceReason.REFERRAL_ENDED, referral.uuid, getattr(network, by).id),
    ]
    assert open_places(network.offering) == 2


def test_the_history_page_says_why_and_links_the_referral(client, login, network, make_referral):
    referral = make_referral()
    accept(referral, network.provider_member)
    login(network.provider_admin)
    page = client.get(f"/offerings/{network.offering.uuid}/history").get_data(as_text=True)
    assert "Vapaita paikkoja" in page and "ohjaus hyväksytty" in page
    assert f'href="/referrals/{referral.uuid}"' in page


def test_a_place_given_back_never_goes_above_capacity(network, make_referral):
    referral = make_referral()
    accept(referral, network.provider_member)
    network.offering.open_places = 3  # the provider freed every place meanwhile (capacity 3)
    db.session.commit()
    service.transition(referral, "withdraw", network.coach)
    assert open_places(network.offering) == 3
    assert db.session.get(Referral, referral.id).holds_place is False


def test_accepting_into_a_full_offering_needs_confirmation_and_takes_no_place(network, make_referral):
    network.offering.open_places = 0
    db.session.commit()
    referral = make_referral()
    with pytest.raises(InvalidInput, match="Vahvista"):
        accept(referral, network.provider_member)
    db.session.rollback()
    accept(db.session.get(Referral, referral.id), network.provider_member, confirm_full=True)
    assert open_places(network.offering) == 0 and places_history(network.offering) == []


def _accept_in_own_context(referral_id, user_id, confirm_full=False):
    from marketplace.accounts.models import User

    referral = db.session.get(Referral, referral_id)
    accept(referral, db.session.get(User, user_id), confirm_full=confirm_full)
    return "accepted"


@pytest.mark.parametrize("places", [2, 1])
def test_two_accepts_at_once_never_overbook_or_conflict(network, make_referral, places):
    network.offering.open_places = places
    db.session.commit()
    first, second = make_referral(), make_referral()
    results = at_once(*[lambda r=r: _accept_in_own_context(r.id, network.provider_member.id, confirm_full=True)
                        for r in (first, second)])
    assert results == ["accepted", "accepted"]  # different referrals: no conflict for either
    db.session.expire_all()
    held = [db.session.get(Referral, r.id).holds_place for r in (first, second)]
    assert sum(held) == places and open_places(network.offering) == 0
    assert len(places_history(network.offering)) == places
