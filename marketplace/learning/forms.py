"""Forms of opinnollistaminen. Evidence and review forms have one field per requirement, so they are built per unit."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from marketplace.inputs import CheckboxListField, DateField, IntegerField, version_of
from marketplace.learning.labels import DECISION_LABELS
from marketplace.learning.models import Decision, QualificationUnit, RecordUnit
from marketplace.validators import max_length, no_identity_code, required, strip


def _requirement_choices(unit: QualificationUnit) -> list[SelectChoice]:
    return [SelectChoice(str(r.id), f"{r.area}: {r.text}" if r.area else r.text) for r in unit.requirements]


class DescribeUnitForm(FlaskForm):
    """One unit of an offering's learning environment: the tasks, and the requirements they let people show."""

    tasks = TextAreaField(_l("Tehtävät, joissa osaamista opitaan ja osoitetaan"), filters=[strip],
                          validators=[required(), max_length(4000), no_identity_code],
                          description=_l("Esimerkiksi: puusepänverstaan tilaustyöt, pihakalusteiden valmistus."))
    requirements = CheckboxListField(_l("Ammattitaitovaatimukset, joita tehtävissä voi osoittaa"))

    def __init__(self, unit: QualificationUnit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements.choices = _requirement_choices(unit)

    def requirement_ids(self) -> set[int]:
        return {int(value) for value in self.requirements.data or []}


class ChooseUnitForm(FlaskForm):
    unit = SelectField(_l("Tutkinnon osa"), validators=[required()])


class NewRecordForm(FlaskForm):
    qualification = SelectField(_l("Tutkinto"), validators=[required()])
    education_provider = SelectField(_l("Oppilaitos, joka tunnustaa osaamisen"), validators=[Optional()],
                                     description=_l("Voit valita sen myöhemminkin, ennen lähettämistä."))


class RecordDetailsForm(FlaskForm):
    version = HiddenField()
    period_start = DateField(_l("Jakso alkoi"), validators=[Optional()])
    period_end = DateField(_l("Jakso päättyi"), validators=[Optional()])
    hours = IntegerField(_l("Tunteja yhteensä"), validators=[
        Optional(), NumberRange(min=0, max=5000, message=_l("Anna tunnit väliltä 0–5000."))])
    instructor_name = StringField(_l("Työpaikkaohjaaja"), filters=[strip],
                                  validators=[max_length(200), no_identity_code])
    instructor_assessment = TextAreaField(_l("Työpaikkaohjaajan arvio"), filters=[strip],
                                          validators=[max_length(4000), no_identity_code],
                                          description=_l("Miten asiakas suoriutui tehtävistä, ja mitä hän oppi."))
    education_provider = SelectField(_l("Oppilaitos, joka tunnustaa osaamisen"), validators=[Optional()])

    @property
    def expected_version(self) -> int | None:
        return version_of(self.version)


def evidence_form(record_unit: RecordUnit, formdata=None) -> FlaskForm:
    """Tasks for the unit, and per requirement: shown or not, and how."""

    class EvidenceForm(FlaskForm):
        tasks = TextAreaField(_l("Tehtävät tässä tutkinnon osassa"), filters=[strip],
                              validators=[max_length(4000), no_identity_code])

    data = {"tasks": record_unit.tasks}
    for requirement in record_unit.unit.requirements:
        row = record_unit.evidence_for(requirement.id)
        setattr(EvidenceForm, f"shown_{requirement.id}", BooleanField(requirement.text))
        setattr(EvidenceForm, f"evidence_{requirement.id}", TextAreaField(
            _l("Miten osoitettiin"), filters=[strip], validators=[max_length(4000), no_identity_code]))
        data[f"shown_{requirement.id}"] = bool(row and row.shown)
        data[f"evidence_{requirement.id}"] = row.evidence if row else ""
    return EvidenceForm(formdata=formdata, data=data)


def review_form(record, formdata=None, teacher=None) -> FlaskForm:
    """Per unit a decision, a comment and (when partial) the requirements that remain; the teacher signs, their
    name and title filled in from `teacher`'s profile."""

    class ReviewForm(FlaskForm):
        version = HiddenField()
        teacher_name = StringField(_l("Vastuuopettajan nimi"), filters=[strip],
                                   validators=[required(), max_length(200), no_identity_code])
        teacher_title = StringField(_l("Tehtävänimike"), filters=[strip],
                                    validators=[required(), max_length(200), no_identity_code])

    for record_unit in record.units:
        setattr(ReviewForm, f"decision_{record_unit.id}", RadioField(
            _l("Päätös: %(unit)s", unit=record_unit.unit.name), validators=[required()],
            choices=[SelectChoice(d.value, DECISION_LABELS[d]) for d in Decision]))
        setattr(ReviewForm, f"comment_{record_unit.id}", TextAreaField(
            _l("Perustelu: %(unit)s", unit=record_unit.unit.name), filters=[strip],
            validators=[max_length(4000), no_identity_code]))
        if record_unit.unit.requirements:
            field = CheckboxListField(_l("Osoitettavaksi jää (osittainen tunnustaminen): %(unit)s",
                                         unit=record_unit.unit.name))
            setattr(ReviewForm, f"remaining_{record_unit.id}", field)
    signed = {"teacher_name": teacher.name, "teacher_title": teacher.title} if teacher is not None else {}
    form = ReviewForm(formdata=formdata, data={"version": record.version, **signed})
    for record_unit in record.units:
        remaining = form._fields.get(f"remaining_{record_unit.id}")
        if remaining is not None:
            remaining.choices = _requirement_choices(record_unit.unit)
    return form


class ReturnForm(FlaskForm):
    version = HiddenField()
    message = TextAreaField(_l("Kysymykset ja täydennyspyyntö palveluntuottajalle"), filters=[strip],
                            validators=[required(), max_length(4000), no_identity_code])


class UploadForm(FlaskForm):
    file = FileField(_l("Tiedosto (JSON tai CSV)"), validators=[FileRequired(message=_l("Valitse tiedosto."))])


class VerifyForm(FlaskForm):
    class Meta:
        csrf = False

    code = StringField(_l("Todistuksen tarkistuskoodi"), filters=[strip], validators=[required(), max_length(60)])
