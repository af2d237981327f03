"""Weekly hours and breaks as stored text: parsed, checked and shown."""

from datetime import date, time

import pytest

from marketplace.catalog import hours
from marketplace.errors import InvalidInput


def test_hours_are_stored_in_one_canonical_order():
    text = "FR 12:00-20:00\nTU,MO,WE,TH 08:30-13:30"
    assert hours.normalised_hours(text) == "MO,TU,WE,TH 08:30-13:30\nFR 12:00-20:00"
    rules = hours.parse_hours(text)
    assert hours.open_days(rules) == ["MO", "TU", "WE", "TH", "FR"]
    assert hours.open_in_evening(rules)
    assert not hours.open_in_evening(hours.parse_hours("MO 08:00-17:00"))
    assert dict(hours.week(rules))["FR"] == [(time(12), time(20))] and dict(hours.week(rules))["SU"] == []


@pytest.mark.parametrize("text, message", [
    ("MO 14:00-08:00", "Sulkemisajan pitää olla avautumisajan jälkeen"),
    ("MO 08:00-08:00", "Sulkemisajan pitää olla avautumisajan jälkeen"),
    ("XX 08:00-12:00", "Tuntematon viikonpäivä"),
    ("ma klo 8-14", "Aukioloaika on muotoa"),
    ("MO 25:00-26:00", "Kellonaika on muotoa"),
    ("MO 08:00-12:00\nMO 11:00-15:00", "päällekkäin"),
    ("MO 08:00-09:00\nMO 10:00-11:00\nMO 12:00-13:00", "Enintään kaksi"),
])
def test_bad_hours_are_refused_with_a_reason(app, text, message):
    with pytest.raises(InvalidInput, match=message) as error:
        hours.parse_hours(text)
    assert error.value.errors == {"opening_hours": [error.value.message]}


def test_breaks_keep_their_reason_and_the_past_ones_are_not_shown(app):
    breaks = hours.parse_breaks("2027-06-28 to 2027-08-01 Kesätauko\n2026-12-21 to 2027-01-06  Joulu  ja uusivuosi")
    assert [item.line() for item in breaks] == ["2026-12-21 to 2027-01-06 Joulu ja uusivuosi",
                                                "2027-06-28 to 2027-08-01 Kesätauko"]
    assert hours.breaks_ahead(breaks, date(2027, 3, 1)) == breaks[1:]
    with pytest.raises(InvalidInput, match="ennen ensimmäistä"):
        hours.parse_breaks("2027-01-06 to 2026-12-21")
    with pytest.raises(InvalidInput, match="Tauko on muotoa"):
        hours.parse_breaks("joulu")
