"""The filters of the audit page (a GET form, so no CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from marketplace.audit.labels import KIND_LABELS
from marketplace.inputs import DateField
from marketplace.validators import max_length, strip


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    since = DateField(_l("Alkaen"), validators=[Optional()])
    until = DateField(_l("Päättyen"), validators=[Optional()])
    kind = SelectField(_l("Tapahtuma"), validators=[Optional()])
    user = StringField(_l("Käyttäjän sähköposti"), filters=[strip], validators=[max_length(254)])
    organisation = SelectField(_l("Organisaatio"), validators=[Optional()])

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice("", _l("Kaikki"))] + [
            SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()]
        self.organisation.choices = [SelectChoice("", _l("Kaikki"))] + [
            SelectChoice(str(organisation.uuid), organisation.name) for organisation in organisations]
