"""The checks every domain shares: henkilötunnus in any spelling, phone numbers, and their display."""

import pytest

from marketplace.errors import InvalidInput
from marketplace.validators import contains_identity_code, format_phone, free_text, phone_number

IDENTITY_CODE_SPELLINGS = [
    "010190-123A",
    "010190–123A",  # en dash
    "010190—123A",  # em dash
    "010190‐123A",  # U+2010 hyphen
    "010190‑123A",  # non-breaking hyphen
    "010190−123A",  # minus sign
    "010190﹣123A",  # small hyphen-minus
    "０１０１９０－１２３Ａ",  # full-width
    "010190-\u200b123A",  # zero-width space
    "0101\u200d90-123A",  # zero-width joiner inside the date
    "01\u00ad0190-123A",  # soft hyphen
    "HETU010190-123A",
    "hetu:010190-123a",
    "010190/123A",
    "010190\\123A",
    "010190 123A",
    "010190 - 123A",
    "010190.123A",
    "010190_123A",
    "01.01.90-123A",
    "010190123A",  # no separator, letter check character
    "131052308T",  # a real code without its century sign
    "Numero 0101901030",  # ten digits whose last is the right check character
    "١٣١٠٥٢-٣٠٨T",  # Arabic-Indic digits
    "131052-308U",  # wrong check character: a typo is still a henkilötunnus
    # found by probing the running site (they were stored):
    "010190\t123A", "010190\n123A", "010190\u2028123A", "010190~123A", "010190#123A", "010190*123A",
    "010190,123A", "010190;123A", "010190|123A", "010190=123A", "010190--123A", "1010190-123A", "010190-123AB",
    "abcdef0123456789010190-123A", "12345678-1234-1234-1234-123456010190-123A",
    # and by probing again after those were fixed:
    "0123456789abcdef010190A123B", "010190A123Babcdef0123456789", "deadbeefdeadbeef010105B1234",
    "010190'123A", "010190!123A", "010190?123A", "010190&123A", "010190@123A", "010190(123A", "010190%123A",
    "010190$123A", "010190^123A", "010190`123A", '010190"123A', "010190‹123A", "010190[123A", "010190{123A",
    "010190·123A", "010190•123A", "010190⁄123A", "010190∕123A", "010190∼123A", "010190。123A", "010190\x7f123A",
    "010190----123A", "010190-.-.123A", "010190 - - 123A", "010190\u3164123A", "0101\uffa090-123A", "010190\u2800123A",
    "⁰¹⁰¹⁹⁰-¹²³A", "⓪①⓪①⑨⓪-①②③A", "010190-123А", "010190-123Α",  # superscripts, circled, Cyrillic and Greek A
    "010190-123A5", "010190123AB", "01-01-90-123A", "01/01/90-123A", "010190-12 3A", "010190-123 A", "010190Z123A",
]


@pytest.mark.parametrize("text", IDENTITY_CODE_SPELLINGS)
def test_every_spelling_of_an_identity_code_is_found(text):
    assert contains_identity_code(f"Asiakas {text} aloittaa maanantaina.")


@pytest.mark.parametrize("text", [
    "Soita 0401234567 tai 040 123 4567",  # a phone number is not a henkilötunnus
    "0101901031",  # ten digits, wrong check character: no separator, so not shaped like one
    "+358401234567", "ASIA-2026-0415", "Y-tunnus 1234567-8", "2026-11-30", "Aloitus 13.10.2026 klo 9",
    "321052-308T",  # day 32
    "Tilaus 1234567890",
    "Jakso 1.1.2027–31.3.2027, 20 h/vko",
    "Tilinumero FI21 1234 5600 0007 85", "Hinta 45 €/päivä, 12.10.2026 alkaen", "klo 8.30–14.00",
    "puh. 050 765 4321, 09 310 1691", "sha " + "0123456789abcdef" * 4,
    "Yhteiset tutkinnon osat 101053-101056 ja 106727–106729", "Osat 101053, 101054 ja 101055",
])
def test_ordinary_text_is_not_an_identity_code(text):
    assert not contains_identity_code(text)


def test_free_text_refuses_an_identity_code_and_names_the_field():
    with pytest.raises(InvalidInput) as error:
        free_text("Asiakas 010190–123A", "goal")
    assert error.value.field == "goal" and "henkilötunnus" in error.value.message


@pytest.mark.parametrize(("text", "stored"), [
    ("040 123 4567", "+358401234567"), ("+358 40 123 4567", "+358401234567"), ("(09) 310 1691", "+35893101691"),
    ("+46 8 123 456 78", "+46812345678"), ("", ""),
])
def test_phone_numbers_are_stored_in_international_form(text, stored):
    assert phone_number(text, "phone") == stored


@pytest.mark.parametrize("text", ["vaihde", "-1", "123", "040 123 4567 tai 050 765 4321", "+999 123"])
def test_a_phone_number_that_is_not_one_is_refused_by_name(text):
    with pytest.raises(InvalidInput) as error:
        phone_number(text, "contact_phone")
    assert error.value.field == "contact_phone" and "puhelinnumero" in error.value.message


@pytest.mark.parametrize(("stored", "shown"), [
    ("+358401234567", "040 1234567"), ("+46812345678", "+46 8 123 456 78"),
    ("vaihde", "vaihde"), ("-1", "-1"), ("", ""), ("040 123 4567", "040 1234567"),
])
def test_the_phone_filter_shows_any_stored_value(stored, shown):
    assert format_phone(stored) == shown
