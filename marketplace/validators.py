"""Field filters and validators shared by the forms of every domain; messages are Finnish."""

import re
from datetime import date

import phonenumbers
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Email, Length
from wtforms.validators import ValidationError as FieldError

REQUIRED = _l("Tämä tieto on pakollinen.")
EMAIL_INVALID = _l("Tarkista sähköpostiosoite, esimerkiksi etunimi.sukunimi@esimerkki.fi.")


def strip(value):
    """Drop the spaces people paste around addresses and names."""
    return value.strip() if isinstance(value, str) else value


def required():
    return DataRequired(message=REQUIRED)


def max_length(n: int):
    return Length(max=n, message=_l("Teksti on liian pitkä (enintään %(max)s merkkiä).", max=n))


def email_validators():
    return [required(), Length(max=254, message=_l("Sähköpostiosoite on liian pitkä.")), Email(message=EMAIL_INVALID)]


def normalise_phone(text: str) -> str:
    """A phone number in E.164 (+358401234567); Finnish numbers may be written without the country code."""
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise FieldError(_l("Tarkista puhelinnumero, esimerkiksi 040 123 4567 tai +358 40 123 4567."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Finnish numbers as 040 1234567, others in international form."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "FI")
    style = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 358 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


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
_IDENTITY_CODE = re.compile(
    r"(?<![0-9A-Za-z])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d\s?[-+ABCDEFUVWXY]\s?\d{3}[0-9A-Y](?![0-9A-Za-z])",
    re.IGNORECASE,
)
IDENTITY_CODE_FOUND = _l(
    "Poista henkilötunnus. Kumppanitorille ei tallenneta henkilötunnuksia; "
    "käytä tunnisteena omaa asiakasnumeroasi tai nimeä."
)


def contains_identity_code(text: str | None) -> bool:
    """Anything shaped like a henkilötunnus, whether or not its check character is right."""
    return bool(text) and _IDENTITY_CODE.search(text) is not None


def no_identity_code(form, field) -> None:
    """WTForms validator: refuse text that contains a henkilötunnus."""
    if isinstance(field.data, str) and contains_identity_code(field.data):
        raise FieldError(IDENTITY_CODE_FOUND)


def free_text(value: str | None, field: str, max_chars: int = 4000, required_message: str | None = None) -> str:
    """Text a user wrote, for the services: stripped, not too long, never holding a henkilötunnus.

    Raises InvalidInput naming `field`; with `required_message`, empty text is refused with it.
    """
    from marketplace.errors import InvalidInput

    text = (value or "").strip()
    if required_message and not text:
        raise InvalidInput(str(required_message), field)
    if contains_identity_code(text):
        raise InvalidInput(str(IDENTITY_CODE_FOUND), field)
    if len(text) > max_chars:
        raise InvalidInput(str(_l("Teksti on liian pitkä (enintään %(max)s merkkiä).", max=max_chars)), field)
    return text
