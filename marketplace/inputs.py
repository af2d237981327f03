"""Input from forms, query strings, URLs and JSON: one reader for numbers and dates, always within range,
and the form fields every domain shares.

A value out of range is the user's mistake, answered with a Finnish message beside the field (422), never
an overflow deep in the database driver (500).
"""

import re
from datetime import date, datetime, time

from flask import current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import fields
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.errors import DomainError, InvalidInput

MAX_INT = 2**31 - 1  # PostgreSQL's INTEGER: every id, count and number of places fits
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
MAX_PAGE = 10_000


class OutOfRange(ValueError):
    """The text is not a number or a date within the allowed range; `message` says what is allowed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def integer(value, minimum: int = 0, maximum: int = MAX_INT) -> int:
    """An int within [minimum, maximum] from an int or its decimal text."""
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        value = int(text) if digits.isascii() and digits.isdigit() and len(digits) <= 12 else None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise OutOfRange(_("Anna kokonaisluku väliltä %(min)s–%(max)s.", min=minimum, max=maximum))
    return value


def day(value, earliest: date = EARLIEST, latest: date = LATEST) -> date:
    """A date from its ISO text (2026-12-31) or a date, within [earliest, latest]."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            value = None
    if not isinstance(value, date) or isinstance(value, datetime) or not earliest <= value <= latest:
        raise OutOfRange(_("Tarkista päivämäärä: anna se muodossa VVVV-KK-PP, välillä %(first)s–%(last)s.",
                           first=earliest.isoformat(), last=latest.isoformat()))
    return value


def moment(value: str) -> datetime:
    """An aware datetime from ISO 8601 text with a time zone, within the years of `day`."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except (AttributeError, ValueError):
        raise OutOfRange(_("Anna aika ISO 8601 -muodossa, esimerkiksi 2026-11-30T08:00:00+02:00.")) from None
    if parsed.tzinfo is None:
        raise OutOfRange(_("Anna aikavyöhyke, esimerkiksi +02:00 tai Z."))
    day(parsed.date())
    return parsed


def limit_body_size() -> None:
    """Before every request, before anything reads the body: the API takes small JSON documents only (413)."""
    if request.path.startswith("/api/"):
        request.max_content_length = current_app.config["API_MAX_CONTENT_LENGTH"]


def refuse_nul_characters() -> None:
    """Before every request: a NUL character in a parameter is no text anyone typed, and PostgreSQL cannot
    compare or store it, so the request is refused at once (400) instead of failing in a query."""
    for values in (request.args, request.form):
        if any("\x00" in value for value in values.values()):
            raise DomainError(_("Pyynnössä on merkkejä, joita ei voi käsitellä."))


def query_integer(name: str, default: int, minimum: int = 1, maximum: int = MAX_INT, message: str | None = None) -> int:
    """An integer GET parameter; missing or empty gives `default`, anything out of range is a 422 naming it."""
    raw = request.args.get(name, "")
    if raw == "":
        return default
    try:
        return integer(raw, minimum, maximum)
    except OutOfRange as error:
        raise InvalidInput(f"{message or name}: {error.message}", name) from None


def page_number(name: str = "page") -> int:
    return query_integer(name, 1, 1, MAX_PAGE, message=_("Tarkista sivunumero"))


def version_of(field) -> int | None:
    """The version a page showed (a hidden field), for optimistic locking; None if missing or garbled."""
    try:
        return integer(str(field.data or ""), 1)
    except OutOfRange:
        return None


class IntegerField(fields.IntegerField):
    """WTForms' integer field, refusing numbers no column can hold; the form's own validators say the rest."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None:
            try:
                integer(self.data, -MAX_INT, MAX_INT)
            except OutOfRange as error:
                self.data = None
                raise ValueError(error.message) from None


class DateField(fields.DateField):
    """WTForms' date field (the browser's date picker sends 2026-12-31), kept within EARLIEST–LATEST."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None:
            try:
                day(self.data)
            except OutOfRange as error:
                self.data = None
                raise ValueError(error.message) from None


_CLOCK = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


class TimeField(fields.StringField):
    """A time of day: the browser's time picker sends 08:30; typed, 8.30, 8:30 and 8 are read too."""

    widget = fields.TimeField.widget

    def _value(self) -> str:
        return f"{self.data:%H:%M}" if isinstance(self.data, time) else (self.raw_data or [""])[0]

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        found = _CLOCK.match(text)
        if not found or int(found[1]) > 23 or int(found[2] or 0) > 59:
            raise ValueError(_l("Anna kellonaika muodossa 8.30 tai 14.00."))
        self.data = time(int(found[1]), int(found[2] or 0))


class MultipleChoiceField(fields.SelectMultipleField):
    """Several choices; a value not on the list is refused with a Finnish message."""

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("Virheellinen valinta. Valitse luettelosta.")) from None


class CheckboxListField(MultipleChoiceField):
    """Several choices as checkboxes: accessible, and usable without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BoundedIntegerConverter(IntegerConverter):
    """The URL map's `int`: numbers past MAX_INT are no route (404), not an overflow in the database."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_INT, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

