"""The coordinator's form for a word family, and the coach's forms of saved searches."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from marketplace.search.labels import FREQUENCY_LABELS
from marketplace.search.models import AlertFrequency
from marketplace.validators import max_length, no_identity_code, strip


class WordFamilyForm(FlaskForm):
    family_id = HiddenField()
    shipped_key = HiddenField()
    words = StringField(_l("Sanat"), validators=[InputRequired(_l("Anna sanat.")), Length(max=600)],
                        description=_l("Perusmuodossa, pilkuin erotettuina, esim. ompelu, ompelimo, ompelija."))


def _frequencies() -> list[SelectChoice]:
    return [SelectChoice(value.value, label) for value, label in FREQUENCY_LABELS.items()]


class SaveSearchForm(FlaskForm):
    name = StringField(_l("Haun nimi"), filters=[strip], validators=[max_length(100), no_identity_code],
                       description=_l("Esimerkiksi ”Puutyöt Salossa”. Tyhjänä nimeksi tulee hakusana."))
    frequency = RadioField(_l("Ilmoitus uusista palveluista"), choices=_frequencies(),
                           default=AlertFrequency.WEEKLY.value,
                           validators=[InputRequired(_l("Valitse, kuinka usein haluat tiedon uusista palveluista."))])


class SavedSearchFrequencyForm(FlaskForm):
    frequency = RadioField(_l("Ilmoitus uusista palveluista"), choices=_frequencies(),
                           validators=[InputRequired(_l("Valitse, kuinka usein haluat tiedon uusista palveluista."))])
