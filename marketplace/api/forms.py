"""The coordinator's form for saying what an imported term means here."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, terms_of


class MapTermForm(FlaskForm):
    term_id = HiddenField()
    meaning = SelectField(_l("Tarkoittaa täällä"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meaning.choices = [("", _l("Ei vielä tiedossa"))] + [
            (f"{taxonomy}:{term.code}", f"{group}: {term.label}")
            for taxonomy, group in ((OFFERING_TYPE, _l("Palvelun tyyppi")), (TARGET_GROUP, _l("Kohderyhmä")))
            for term in terms_of(taxonomy)]
