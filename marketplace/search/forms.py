"""The coordinator's form for a word family."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired, Length


class WordFamilyForm(FlaskForm):
    family_id = HiddenField()
    shipped_key = HiddenField()
    words = StringField(_l("Sanat"), validators=[InputRequired(_l("Anna sanat.")), Length(max=600)],
                        description=_l("Perusmuodossa, pilkuin erotettuina, esim. ompelu, ompelimo, ompelija."))
