"""The filters above every report (GET parameters, so a report is a link) and the coordinator's groups."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace.catalog.labels import FUNDING_LABELS
from marketplace.inputs import DateField, MultipleChoiceField
from marketplace.reference import (
    OFFERING_TYPE,
    TARGET_GROUP,
    employment_areas,
    find_employment_area,
    municipalities,
    terms_of,
)
from marketplace.reports.periods import CUSTOM, default_period, parse_period, period_choices
from marketplace.validators import max_length, required, strip

AREA_PREFIX, GROUP_PREFIX = "area-", "group-"


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    # Any month, quarter or year since 2024 is valid, not only those offered: an old report link keeps working
    period = SelectField(_l("Ajanjakso"), validate_choice=False)
    start = DateField(_l("Alkaen"), validators=[Optional()])
    end = DateField(_l("Päättyen"), validators=[Optional()])
    area = SelectField(_l("Työllisyysalue tai oma alue"), validators=[Optional()])
    municipality = SelectField(_l("Kunta"), validators=[Optional()])
    organisation = SelectField(_l("Organisaatio"), validators=[Optional()])
    offering_type = SelectField(_l("Palvelun tyyppi"), validators=[Optional()])
    target_group = SelectField(_l("Kohderyhmä"), validators=[Optional()])
    funding_source = SelectField(_l("Rahoitus"), validators=[Optional()])

    def __init__(self, formdata, groups, organisations, **kwargs):
        super().__init__(formdata, **kwargs)
        self.period.choices = period_choices()
        if not self.period.data or self.period.data == "None":
            self.period.data = default_period().key
        everything = [SelectChoice("", _l("Kaikki"))]
        self.area.choices = [SelectChoice("", _l("Kaikki alueet"))] + [
            (f"{AREA_PREFIX}{area.code}", area.name) for area in employment_areas()] + [
            (f"{GROUP_PREFIX}{group.uuid}", _l("Oma alue: %(name)s", name=group.name)) for group in groups]
        self.municipality.choices = [SelectChoice("", _l("Kaikki kunnat"))] + [
            (m.code, m.name) for m in municipalities()]
        if organisations is None:
            del self.organisation
        else:
            self.organisation.choices = [SelectChoice("", _l("Kaikki organisaatiot"))] + [
                (str(org.uuid), org.name) for org in organisations]
        self.offering_type.choices = everything + [(t.code, t.label) for t in terms_of(OFFERING_TYPE)]
        self.target_group.choices = everything + [(t.code, t.label) for t in terms_of(TARGET_GROUP)]
        self.funding_source.choices = everything + [(code.value, label) for code, label in FUNDING_LABELS.items()]

    def validate_period(self, field) -> None:
        if field.data != CUSTOM:
            if parse_period(field.data) is None:
                raise ValidationError(_l("Valitse ajanjakso luettelosta."))
        elif not self.start.data or not self.end.data:
            raise ValidationError(_l("Anna oman aikavälin alku- ja loppupäivä."))
        elif parse_period(CUSTOM, self.start.data, self.end.data) is None:
            raise ValidationError(_l("Tarkista aikaväli: loppupäivä ei voi olla ennen alkua, ja väli on enintään viisi "
                                     "vuotta."))

    def validate_municipality(self, field) -> None:
        area = self.area.data or ""
        if not field.data or not area.startswith(AREA_PREFIX):
            return
        chosen = find_employment_area(area.removeprefix(AREA_PREFIX))
        if chosen is not None and field.data not in chosen.municipality_codes:
            raise ValidationError(_l("Kunta ei kuulu valittuun työllisyysalueeseen. Valitse alueen kunta tai "
                                     "kaikki kunnat."))

    @property
    def chosen_period(self):
        return parse_period(self.period.data, self.start.data, self.end.data)


class GroupForm(FlaskForm):
    name = StringField(_l("Alueen nimi"), filters=[strip], validators=[required(), max_length(100)],
                       description=_l("Esimerkiksi ”Salon seutu”."))
    municipalities = MultipleChoiceField(_l("Kunnat"), validators=[required()],
                                         description=_l("Valitse alueen kunnat (Ctrl tai Cmd valitsee useita)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities.choices = [(m.code, m.name) for m in municipalities()]
