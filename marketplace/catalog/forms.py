"""The offering form, grouped in sections as on the page, and the small forms around it."""

from dataclasses import asdict

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, Regexp
from wtforms.validators import ValidationError as FieldError

from marketplace.catalog import hours
from marketplace.catalog.labels import (
    ACCESSIBLE_LABELS,
    DAY_NAMES,
    DELIVERY_LABELS,
    FEATURE_HINTS,
    FEATURE_LABELS,
    FUNDING_LABELS,
    INTAKE_LABELS,
)
from marketplace.catalog.models import (
    ACCESSIBILITY_FEATURES,
    TRANSLATED_TEXTS,
    Accessible,
    DeliveryMode,
    FundingSource,
    Intake,
)
from marketplace.catalog.service import BulkAction, OfferingData, TranslationData
from marketplace.errors import InvalidInput
from marketplace.inputs import CheckboxListField, DateField, IntegerField, MultipleChoiceField, TimeField, version_of
from marketplace.reference import (
    COMMON_LANGUAGES,
    CONTENT_LANGUAGES,
    OFFERING_TYPE,
    TARGET_GROUP,
    current_codes,
    language_name,
    municipalities,
    term_name,
    terms_of,
)
from marketplace.validators import (
    REQUIRED,
    email_validators,
    max_length,
    parse_finnish_dates,
    phone_validator,
    required,
    strip,
)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


def _at_least_one(message):
    def check(form, field):
        if not field.data:
            raise FieldError(message)

    check.field_flags = {"at_least_one": True}  # marks the legend; not `required`, which each box would repeat
    return check


def _to_publish(check):
    """Needed before coaches see the offering: a draft saves without it, though the field stays marked."""
    def validate(form, field):
        if form.complete:
            check(form, field)

    validate.field_flags = getattr(check, "field_flags", {})
    return validate


def _optional_int(minimum: int, maximum: int, message):
    return [Optional(), NumberRange(min=minimum, max=maximum, message=message)]


class OfferingForm(FlaskForm):
    version = HiddenField()  # the version the editor started from, to notice edits made meanwhile
    complete = True  # False for a new offering or a draft: only the name is needed to save it

    # Perustiedot
    title = StringField(_l("Palvelun nimi"), filters=[strip], validators=[required(), max_length(200)])
    summary = TextAreaField(
        _l("Lyhyt kuvaus"),
        filters=[strip],
        validators=[_to_publish(required()), max_length(300)],
        description=_l("Näkyy hakutuloksissa. Yksi tai kaksi virkettä, enintään 300 merkkiä."),
        render_kw={"rows": 2},
    )
    offering_type = SelectField(
        _l("Palvelun tyyppi"),
        choices=[SelectChoice("", _l("Valitse…"))] + [SelectChoice(t.code, LazyString(term_name, OFFERING_TYPE, t.code))
                                                  for t in terms_of(OFFERING_TYPE)],
        validators=[_to_publish(required())],
    )
    description = TextAreaField(
        _l("Kuvaus"),
        filters=[strip],
        validators=[Optional(), max_length(10000)],
        description=_l("Mitä palvelussa tehdään ja mitä asiakas saa. Tyhjä rivi aloittaa uuden kappaleen; "
                       "rivit, jotka alkavat viivalla (-), näytetään luettelona."),
        render_kw={"rows": 10},
    )
    content_language = SelectField(
        _l("Tekstien kieli"),
        choices=[SelectChoice(code, LazyString(language_name, code)) for code in CONTENT_LANGUAGES],
        default="fi",
        description=_l("Kieli, jolla palvelun kuvaus on kirjoitettu."),
    )
    plain_language_summary = TextAreaField(
        _l("Selkokielinen kuvaus"),
        filters=[strip],
        validators=[Optional(), max_length(3000)],
        description=_l("Vapaaehtoinen. Lyhyt selkokielinen teksti, jonka valmentaja voi lukea asiakkaalle ääneen."),
        render_kw={"rows": 4},
    )

    # Kenelle
    target_groups = CheckboxListField(
        _l("Kohderyhmät"),
        choices=[SelectChoice(t.code, LazyString(term_name, TARGET_GROUP, t.code)) for t in terms_of(TARGET_GROUP)],
        validators=[_to_publish(_at_least_one(_l("Valitse vähintään yksi kohderyhmä.")))],
    )
    eligibility = TextAreaField(
        _l("Kenelle palvelu sopii"),
        filters=[strip],
        validators=[Optional(), max_length(3000)],
        description=_l("Edellytykset ja rajaukset, jotka valmentajan on hyvä tarkistaa ennen ohjausta."),
        render_kw={"rows": 3},
    )
    min_age = IntegerField(_l("Alaikäraja"), validators=_optional_int(0, 120, _l("Anna ikä väliltä 0–120.")))
    max_age = IntegerField(_l("Yläikäraja"), validators=_optional_int(0, 120, _l("Anna ikä väliltä 0–120.")))
    languages = CheckboxListField(
        _l("Palvelukielet"),
        choices=[SelectChoice(code, LazyString(language_name, code)) for code in COMMON_LANGUAGES],
        default=["fi"],
        validators=[_to_publish(_at_least_one(_l("Valitse vähintään yksi kieli.")))],
    )

    # Missä
    delivery_mode = RadioField(
        _l("Toteutustapa"), choices=_choices(DELIVERY_LABELS), default=DeliveryMode.ON_SITE.value
    )
    municipalities = MultipleChoiceField(
        _l("Kunnat, joiden asukkaille palvelu on tarkoitettu"),
        choices=[SelectChoice(m.code, m.label) for m in municipalities()],
        validators=[_to_publish(_at_least_one(_l("Valitse vähintään yksi kunta.")))],
    )
    street_address = StringField(_l("Katuosoite"), filters=[strip], validators=[Optional(), max_length(200)])
    postal_code = StringField(
        _l("Postinumero"),
        filters=[strip],
        validators=[Optional(), Regexp(r"^\d{5}$", message=_l("Postinumero on viisi numeroa, esimerkiksi 24100."))],
        render_kw={"inputmode": "numeric", "autocomplete": "postal-code"},
    )
    post_office = StringField(_l("Postitoimipaikka"), filters=[strip], validators=[Optional(), max_length(100)])

    # Milloin
    schedule = TextAreaField(
        _l("Aikataulu ja kesto"),
        filters=[strip],
        validators=[Optional(), max_length(2000)],
        description=_l("Esimerkiksi: ma–to klo 8.30–14, jakso 3–6 kuukautta."),
        render_kw={"rows": 2},
    )
    duration_weeks = IntegerField(
        _l("Kesto viikkoina"), validators=_optional_int(1, 520, _l("Anna kesto viikkoina väliltä 1–520."))
    )
    intake = RadioField(_l("Aloitus"), choices=_choices(INTAKE_LABELS), default=Intake.CONTINUOUS.value)
    # The weekly hours (hours_mo_opens…) and breaks (break_1_first…) are added below the class.

    # Saavutettavuus (accessibility fields named as the features: step_free_access…, added below the class)
    accessibility_notes = TextAreaField(
        _l("Saavutettavuus: lisätiedot"),
        filters=[strip],
        validators=[Optional(), max_length(2000)],
        description=_l("Esimerkiksi: sisäänkäynti pihan puolelta, hissi toiseen kerrokseen, lähin pysäkki."),
        render_kw={"rows": 2},
    )
    start_dates = StringField(
        _l("Aloituspäivät"),
        filters=[strip],
        description=_l("Jos palvelu alkaa tiettyinä päivinä: esimerkiksi 12.1.2027, 2.3.2027."),
    )

    # Hakeminen ja hinta
    how_to_apply = TextAreaField(
        _l("Miten hakeudutaan"),
        filters=[strip],
        validators=[Optional(), max_length(2000)],
        render_kw={"rows": 3},
    )
    free_for_jobseeker = BooleanField(_l("Maksuton asiakkaalle"), default=True)
    jobseeker_cost = StringField(
        _l("Asiakkaalle aiheutuvat kulut"),
        filters=[strip],
        validators=[Optional(), max_length(300)],
        description=_l("Jos palvelu ei ole asiakkaalle maksuton."),
    )
    municipality_price = StringField(
        _l("Hinta kunnalle"),
        filters=[strip],
        validators=[Optional(), max_length(300)],
        description=_l("Esimerkiksi 45 €/päivä tai ”sisältyy ostopalvelusopimukseen”."),
    )

    # Yhteyshenkilö
    contact_name = StringField(_l("Yhteyshenkilö"), filters=[strip],
                               validators=[_to_publish(required()), max_length(200)])
    contact_email = StringField(_l("Sähköposti"), filters=[strip],
                                validators=[_to_publish(required()), Optional(), *email_validators()[1:]],
                                render_kw={"type": "email"})
    contact_phone = StringField(_l("Puhelin"), filters=[strip], validators=[Optional(), phone_validator],
                                render_kw={"type": "tel", "autocomplete": "off"})

    # Paikat
    capacity_total = IntegerField(
        _l("Paikkoja yhteensä"),
        validators=_optional_int(0, 100000, _l("Paikkamäärä ei voi olla negatiivinen.")),
        description=_l("Jätä tyhjäksi, jos paikkamäärää ei ole rajattu."),
    )
    open_places = IntegerField(
        _l("Vapaita paikkoja nyt"),
        validators=_optional_int(0, 100000, _l("Vapaiden paikkojen määrä ei voi olla negatiivinen.")),
    )

    # Rahoitus
    funding_source = SelectField(
        _l("Rahoitus"), choices=_choices(FUNDING_LABELS), default=FundingSource.OWN_FUNDS.value
    )
    funding_ends_on = DateField(
        _l("Rahoitus päättyy"),
        validators=[Optional()],
        description=_l("Palvelu poistuu julkisesta hausta tänä päivänä. Saat muistutuksen 30 päivää ennen."),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.min_age.data is not None and self.max_age.data is not None and self.min_age.data > self.max_age.data:
            self.max_age.errors.append(_l("Yläikäraja ei voi olla pienempi kuin alaikäraja."))
            valid = False
        if self.capacity_total.data is not None and self.open_places.data is not None \
                and self.open_places.data > self.capacity_total.data:
            self.open_places.errors.append(_l("Vapaita paikkoja ei voi olla enemmän kuin paikkoja yhteensä."))
            valid = False
        if self.complete and self.delivery_mode.data != DeliveryMode.REMOTE.value:
            for field in (self.postal_code, self.post_office):
                if not field.data and not field.errors:
                    field.errors.append(_l("Kerro, missä palvelu järjestetään (tai valitse etäpalvelu)."))
                    valid = False
        try:
            self.start_dates.parsed = parse_finnish_dates(self.start_dates.data)
        except FieldError as error:
            self.start_dates.errors.append(str(error))
            valid = False
        else:
            if self.intake.data == Intake.START_DATES.value and not self.start_dates.parsed:
                self.start_dates.errors.append(_l("Anna vähintään yksi aloituspäivä, esimerkiksi 12.1.2027."))
                valid = False
        hours_valid, breaks_valid = self._check_hours(), self._check_breaks()  # every message at once
        return hours_valid and breaks_valid and valid

    def hours_rows(self) -> list[tuple[str, list]]:
        """Each day with its fields: opens, closes, and a second period's opens and closes."""
        return [(day, [self[f"hours_{day.lower()}_{part}"] for part in HOUR_PARTS]) for day in hours.DAYS]

    def break_rows(self) -> list[list]:
        return [[self[f"break_{row}_{part}"] for part in BREAK_PARTS] for row in range(1, BREAK_ROWS + 1)]

    def _check_hours(self) -> bool:
        """Each day's periods by the rules of catalog.hours, every message beside the field it is about."""
        valid = True
        for day, (opens, closes, opens2, closes2) in self.hours_rows():
            for start, end in ((opens, closes), (opens2, closes2)):
                if start.errors or end.errors or (start.data is None and end.data is None):
                    continue
                if start.data is None or end.data is None:
                    (start if start.data is None else end).errors.append(_l("Anna sekä avautumis- että sulkemisaika."))
                    valid = False
                    continue
                try:
                    hours.weekly_hours([day], start.data, end.data)
                except InvalidInput as error:
                    end.errors.append(error.message)
                    valid = False
            if not any(f.errors for f in (opens, closes, opens2, closes2)) and closes.data and opens2.data \
                    and opens2.data < closes.data:
                opens2.errors.append(_l("Toinen aukioloaika alkaa vasta ensimmäisen päätyttyä."))
                valid = False
        return valid

    def _check_breaks(self) -> bool:
        valid = True
        for first, last, reason in self.break_rows():
            if (first.data or last.data or reason.data) and not (first.errors or last.errors):
                try:
                    hours.closed_break(first.data, last.data, reason.data or "")
                except InvalidInput as error:
                    (last if first.data else first).errors.append(error.message)
                    valid = False
        return valid

    def weekly_hours(self) -> list[hours.WeeklyHours]:
        """The days' times as rules: days open at the same times share one ("MO,TU,WE,TH 08:30-13:30")."""
        days_of: dict[tuple, list[str]] = {}
        for day, (opens, closes, opens2, closes2) in self.hours_rows():
            for start, end in ((opens, closes), (opens2, closes2)):
                if start.data is not None and end.data is not None:
                    days_of.setdefault((start.data, end.data), []).append(day)
        return [hours.WeeklyHours(tuple(days), opens, closes) for (opens, closes), days in days_of.items()]

    def breaks(self) -> list[hours.Break]:
        return [hours.Break(first.data, last.data, " ".join((reason.data or "").split()))
                for first, last, reason in self.break_rows() if first.data and last.data]


    def fill_from(self, data: OfferingData, version: int) -> None:
        """Show an existing offering's data (on GET; a POST keeps what was typed)."""
        self.process(data={
            **asdict(data),
            "delivery_mode": data.delivery_mode.value,
            "intake": data.intake.value,
            "funding_source": data.funding_source.value,
            "start_dates": ", ".join(f"{d.day}.{d.month}.{d.year}" for d in data.start_dates),
            "municipalities": current_codes(data.municipalities),
            "version": version,
            **{name: getattr(data, name).value for name in ACCESSIBILITY_FEATURES},
            **_hours_values(data.opening_hours),
            **_break_values(data.closures),
            **{f"{name}_{language}": value for language, texts in data.translations.items()
               for name, value in asdict(texts).items()},
        })

    def to_data(self) -> OfferingData:
        return OfferingData(
            title=self.title.data,
            summary=self.summary.data or "",
            offering_type=self.offering_type.data or "",
            description=self.description.data or "",
            plain_language_summary=self.plain_language_summary.data or "",
            content_language=self.content_language.data,
            target_groups=list(self.target_groups.data),
            eligibility=self.eligibility.data or "",
            min_age=self.min_age.data,
            max_age=self.max_age.data,
            languages=list(self.languages.data),
            delivery_mode=DeliveryMode(self.delivery_mode.data),
            municipalities=list(self.municipalities.data),
            street_address=self.street_address.data or "",
            postal_code=self.postal_code.data or "",
            post_office=self.post_office.data or "",
            schedule=self.schedule.data or "",
            opening_hours=hours.hours_text(self.weekly_hours()),
            closures=hours.breaks_text(self.breaks()),
            **{name: Accessible(self[name].data) for name in ACCESSIBILITY_FEATURES},
            accessibility_notes=self.accessibility_notes.data or "",
            duration_weeks=self.duration_weeks.data,
            intake=Intake(self.intake.data),
            start_dates=self.start_dates.parsed,
            how_to_apply=self.how_to_apply.data or "",
            free_for_jobseeker=bool(self.free_for_jobseeker.data),
            jobseeker_cost=self.jobseeker_cost.data or "",
            municipality_price=self.municipality_price.data or "",
            contact_name=self.contact_name.data or "",
            contact_email=(self.contact_email.data or "").lower(),
            contact_phone=self.contact_phone.data or "",
            capacity_total=self.capacity_total.data,
            open_places=self.open_places.data,
            funding_source=FundingSource(self.funding_source.data),
            funding_ends_on=self.funding_ends_on.data,
            translations=self.translations(),
        )

    def translations(self) -> dict[str, TranslationData]:
        """The languages the provider wrote something in; a language left empty has no translation."""
        written = {}
        for language in CONTENT_LANGUAGES:
            texts = {name: self[f"{name}_{language}"].data or "" for name in TRANSLATED_TEXTS}
            if any(texts.values()):
                written[language] = TranslationData(**texts)
        return written

    def translation_fields(self, language: str) -> list:
        return [self[f"{name}_{language}"] for name in TRANSLATED_TEXTS]

    @property
    def expected_version(self) -> int | None:
        return version_of(self.version)


HOUR_PARTS = ("opens", "closes", "opens2", "closes2")
BREAK_PARTS = ("first", "last", "reason")
BREAK_ROWS = hours.MAX_BREAKS


def _hours_values(text: str) -> dict:
    """The form's day fields from stored hours: each day's first and second period."""
    values = {}
    for day, spans in hours.week(hours.parse_hours(text)):
        for number, (opens, closes) in enumerate(spans[:2]):
            suffix = "2" if number else ""
            values.update({f"hours_{day.lower()}_opens{suffix}": opens, f"hours_{day.lower()}_closes{suffix}": closes})
    return values


def _break_values(text: str) -> dict:
    values = {}
    for row, item in enumerate(hours.parse_breaks(text)[:BREAK_ROWS], start=1):
        values.update({f"break_{row}_first": item.first, f"break_{row}_last": item.last,
                       f"break_{row}_reason": item.reason})
    return values


def _add_hours_fields() -> None:
    """hours_mo_opens, hours_mo_closes, hours_mo_opens2, hours_mo_closes2… and break_1_first, break_1_last,
    break_1_reason…: plain fields, so the error summary links each message to its input."""
    labels = {"opens": _l("avautuu"), "closes": _l("sulkeutuu"), "opens2": _l("toinen aika: avautuu"),
              "closes2": _l("toinen aika: sulkeutuu")}
    for day in hours.DAYS:
        for part in HOUR_PARTS:
            setattr(OfferingForm, f"hours_{day.lower()}_{part}", TimeField(
                _l("%(day)s %(part)s", day=DAY_NAMES[day], part=labels[part]), validators=[Optional()]))
    for row in range(1, BREAK_ROWS + 1):
        setattr(OfferingForm, f"break_{row}_first",
                DateField(_l("Tauko %(row)s: ensimmäinen päivä", row=row), validators=[Optional()]))
        setattr(OfferingForm, f"break_{row}_last",
                DateField(_l("Tauko %(row)s: viimeinen päivä", row=row), validators=[Optional()]))
        setattr(OfferingForm, f"break_{row}_reason",
                StringField(_l("Tauko %(row)s: syy", row=row), filters=[strip],
                            validators=[Optional(), max_length(hours.MAX_REASON)]))
    for name in ACCESSIBILITY_FEATURES:
        setattr(OfferingForm, name, RadioField(FEATURE_LABELS[name], choices=_choices(ACCESSIBLE_LABELS),
                                               default=Accessible.UNKNOWN.value, description=FEATURE_HINTS[name]))


def _translated(field_class, label, code: str, limit: int, **render_kw):
    """A field of the offering's texts in language `code`: "Palvelun nimi (ruotsi)", marked lang="sv"."""
    return field_class(_l("%(field)s (%(language)s)", field=label, language=LazyString(language_name, code)),
                       filters=[strip], validators=[Optional(), max_length(limit)],
                       render_kw={"lang": code, **render_kw})


def _add_translation_fields() -> None:
    """title_sv, summary_sv, description_sv, plain_language_summary_sv, and the same for fi and en."""
    for code in CONTENT_LANGUAGES:
        setattr(OfferingForm, f"title_{code}", _translated(StringField, _l("Palvelun nimi"), code, 200))
        setattr(OfferingForm, f"summary_{code}", _translated(TextAreaField, _l("Lyhyt kuvaus"), code, 300, rows=2))
        setattr(OfferingForm, f"description_{code}", _translated(TextAreaField, _l("Kuvaus"), code, 10000, rows=6))
        setattr(OfferingForm, f"plain_language_summary_{code}",
                _translated(TextAreaField, _l("Selkokielinen kuvaus"), code, 3000, rows=3))


_add_translation_fields()
_add_hours_fields()


BULK_LABELS = {
    BulkAction.CONFIRM: _l("Merkitse tiedot ajan tasalla oleviksi"),
    BulkAction.PAUSE: _l("Keskeytä"),
    BulkAction.RESUME: _l("Julkaise uudelleen (keskeytetyt)"),
    BulkAction.SET_PLACES: _l("Aseta vapaat paikat"),
}


class BulkForm(FlaskForm):
    """One change to the offerings ticked in the dashboard's table (their boxes name this form)."""

    action = SelectField(_l("Valituille palveluille"), choices=_choices(BULK_LABELS), validators=[required()])
    open_places = IntegerField(
        _l("Vapaita paikkoja"), description=_l("Vain, kun asetat vapaat paikat."),
        validators=[Optional(), NumberRange(min=0, message=_l("Vapaiden paikkojen määrä ei voi olla negatiivinen."))],
    )


class OpenPlacesForm(FlaskForm):
    """Set the open places, or change them by one (the −/+ buttons send `delta`)."""

    open_places = IntegerField(
        _l("Vapaita paikkoja"),
        validators=[Optional(), NumberRange(min=0, message=_l("Vapaiden paikkojen määrä ei voi olla negatiivinen."))],
    )
    delta = IntegerField(
        validators=[Optional(), NumberRange(min=-1, max=1, message=_l("Paikkoja voi muuttaa yhdellä kerrallaan."))]
    )

    def new_value(self, current: int | None) -> int:
        if self.delta.data is not None:
            return (current or 0) + self.delta.data
        if self.open_places.data is None:
            raise FieldError(REQUIRED)
        return self.open_places.data


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Syy"),
        filters=[strip],
        validators=[required(), max_length(2000)],
        description=_l("Näytetään palveluntuottajalle."),
        render_kw={"rows": 3},
    )
