"""Field filters and validators shared by the forms and services of every domain; messages are Finnish."""

import functools
import re
import sys
import unicodedata
from datetime import date

import phonenumbers
from flask_babel import lazy_gettext as _l
from stdnum.fi import hetu
from wtforms.validators import DataRequired, Email, Length
from wtforms.validators import ValidationError as FieldError

from marketplace.errors import InvalidInput

REQUIRED = _l("Tämä tieto on pakollinen.")
EMAIL_INVALID = _l("Tarkista sähköpostiosoite, esimerkiksi etunimi.sukunimi@esimerkki.fi.")


def strip(value):
    """Drop the spaces people paste around addresses and names."""
    return value.strip() if isinstance(value, str) else value


def with_scheme(value):
    """An address typed as "www.esimerkki.fi" means https://www.esimerkki.fi: complete it rather than refuse it."""
    if isinstance(value, str) and value and "://" not in value:
        return "https://" + value.removeprefix("//")
    return value


def required():
    return DataRequired(message=REQUIRED)


def max_length(n: int):
    return Length(max=n, message=_l("Teksti on liian pitkä (enintään %(max)s merkkiä).", max=n))


def email_validators():
    return [required(), Length(max=254, message=_l("Sähköpostiosoite on liian pitkä.")), Email(message=EMAIL_INVALID)]


PHONE_INVALID = _l("Tarkista puhelinnumero, esimerkiksi 040 123 4567 tai +358 40 123 4567.")


def _parsed_phone(text: str) -> phonenumbers.PhoneNumber | None:
    """The number in `text` (Finnish when without a country code), or None if it is not a valid one."""
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise_phone(text: str) -> str:
    """A phone number in E.164 (+358401234567), or FieldError (the forms' message beside the field)."""
    number = _parsed_phone(text)
    if number is None:
        raise FieldError(PHONE_INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_number(text: str | None, field: str) -> str:
    """For the services: a phone number in E.164, "" for none, or InvalidInput naming `field`."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return normalise_phone(text)
    except FieldError:
        raise InvalidInput(str(PHONE_INVALID), field) from None


def format_phone(stored: str | None) -> str:
    """Finnish numbers as 040 1234567, others in international form; anything else as it was stored."""
    number = _parsed_phone(stored) if stored else None
    if number is None:
        return stored or ""
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 358
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def phone_href(stored: str | None) -> str:
    """A tel: link for a stored phone number, or "" when it is not a number a phone could call."""
    number = _parsed_phone(stored) if stored else None
    return f"tel:{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}" if number else ""


def phone_validator(form, field) -> None:
    if field.data:
        field.data = normalise_phone(field.data)


_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_finnish_dates(text: str) -> list[date]:
    """Parse '1.2.2027, 15.3.2027' (commas, semicolons or new lines between) into sorted unique dates."""
    dates = set()
    for part in re.split(r"[,;\s]+", text or ""):
        if not part:
            continue
        match = _FINNISH_DATE.match(part.strip())
        try:
            if not match:
                raise ValueError
            day, month, year = (int(group) for group in match.groups())
            dates.add(date(year, month, day))
        except ValueError:
            raise FieldError(_l("Tarkista päivämäärä %(date)s: kirjoita muodossa 1.2.2027.", date=part)) from None
    return sorted(dates)


# A Finnish personal identity code (henkilötunnus): ddmmyy, century sign, individual number, check character.
# Matched on folded text (see _fold) in every shape a typo or a bypass produces: any run of punctuation,
# symbols or spaces, or any one letter, where the century sign goes; the same separator between the date's
# parts; spaces inside the individual number; letters or digits glued before it, letters after it.
_DATE = r"(0[1-9]|[12][0-9]|3[01])([\s./-]?)(0[1-9]|1[0-2])\2([0-9]{2})"
# A digit check character must end the number: "101053-101056" is a range of six-digit unit codes.
_SEPARATED = re.compile(_DATE + r"(?:[\W_]{1,6}|\s*[A-Z]\s*)[0-9]\s?[0-9]\s?[0-9]\s?(?:[A-Y]|[0-9](?![0-9]))",
                        re.IGNORECASE)
# Without a separator, ten characters: a letter at the end is a check character; a digit only if it is the right one.
_UNSEPARATED = re.compile(r"(?<![0-9])" + _DATE + r"([0-9]{3})([0-9A-Y])(?![0-9])", re.IGNORECASE)
# Generated identifiers (UUIDs and the usual hash lengths) are hexadecimal, where A-F look like century signs:
# set aside when they stand alone, so that a henkilötunnus glued to hex characters is still found.
_GENERATED = re.compile(r"(?<![-0-9A-Za-z])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                        r"|[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![-0-9A-Za-z])", re.IGNORECASE)
_DIGIT = re.compile(r"[0-9]")
_DASHES = "\u2212\u2796\ufe63\uff0d"
_FILLERS = "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters by category, invisible on the page
# Cyrillic and Greek letters that look like the Latin check characters
_LOOKALIKES = dict(zip("АВЕКМНОРСТХУавекмнорстхуΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεζηικμνορτυχ",
                       "ABEKMHOPCTXYabekmhopctxyABEZHIKMNOPTYXabezhikmnoptyx", strict=True))


@functools.cache
def _folding() -> dict[int, str | None]:
    """What a henkilötunnus can hide behind: invisible characters dropped, every dash a hyphen, every digit 0-9,
    look-alike letters Latin."""
    table: dict[int, str | None] = {ord(char): latin for char, latin in _LOOKALIKES.items()}
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cf", "Mn", "Me") or char in _FILLERS:
            table[code] = None
        elif category == "Pd" or char in _DASHES:
            table[code] = "-"
        elif category == "Nd":
            table[code] = str(unicodedata.digit(char))
        elif category == "Zs":
            table[code] = " "
    return table


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_folding())
    return _GENERATED.sub(" ", text)


def _is_real_code(date_part: str, individual: str, check: str) -> bool:
    return any(hetu.is_valid(f"{date_part}{sign}{individual}{check}", allow_temporary=True) for sign in "-+A")


IDENTITY_CODE_FOUND = _l(
    "Poista henkilötunnus. Kumppanitorille ei tallenneta henkilötunnuksia; "
    "käytä tunnisteena omaa asiakasnumeroasi tai nimeä."
)


def contains_identity_code(text: str | None) -> bool:
    """Anything shaped like a henkilötunnus in any spelling, whether or not its check character is right."""
    if not text or (text.isascii() and not _DIGIT.search(text)):  # the common case, quickly
        return False
    folded = _fold(text)
    if _SEPARATED.search(folded):
        return True
    for match in _UNSEPARATED.finditer(folded):
        individual, check = match.group(5, 6)
        if check.isalpha() or _is_real_code("".join(match.group(1, 3, 4)), individual, check):
            return True
    return False


def no_identity_code(form, field) -> None:
    """WTForms validator: refuse text that contains a henkilötunnus."""
    if isinstance(field.data, str) and contains_identity_code(field.data):
        raise FieldError(IDENTITY_CODE_FOUND)


UNSTORABLE = _l("Tekstissä on merkkejä, joita ei voi tallentaa. "
                "Kirjoita teksti uudelleen tai kopioi se toisesta lähteestä.")


def is_storable(text: str) -> bool:
    """Text both databases keep as it is: no NUL character, no lone surrogate (from a JSON "\\ud800")."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def free_text(value: str | None, field: str, max_chars: int = 4000, required_message: str | None = None) -> str:
    """Text a user wrote, for the services: stripped, not too long, never holding a henkilötunnus.

    Raises InvalidInput naming `field`; with `required_message`, empty text is refused with it.
    """
    text = (value or "").strip()
    if required_message and not text:
        raise InvalidInput(str(required_message), field)
    if not is_storable(text):
        raise InvalidInput(str(UNSTORABLE), field)
    if contains_identity_code(text):
        raise InvalidInput(str(IDENTITY_CODE_FOUND), field)
    if len(text) > max_chars:
        raise InvalidInput(str(_l("Teksti on liian pitkä (enintään %(max)s merkkiä).", max=max_chars)), field)
    return text
