"""Forms of the shortlist pages; every one works without JavaScript."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from marketplace.inputs import version_of
from marketplace.validators import max_length, no_identity_code, required, strip

NAME_HINT = _l("Esimerkiksi asianumero tai lempinimi. Älä kirjoita asiakkaan nimeä: listalla ei ole henkilötietoja.")


class NewShortlistForm(FlaskForm):
    name = StringField(_l("Listan nimi"), filters=[strip], validators=[required(), max_length(100), no_identity_code],
                       description=NAME_HINT)


class AddToShortlistForm(FlaskForm):
    """From an offering or a search result: to one of my lists, or to a new one named here."""

    offering = HiddenField()
    shortlist = SelectField(_l("Lista"), validators=[Optional()])
    new_name = StringField(_l("tai uusi lista"), filters=[strip], validators=[max_length(100), no_identity_code])
    next = HiddenField()

    def __init__(self, shortlists=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shortlist.choices = [SelectChoice(str(s.uuid), s.name) for s in shortlists] + [
            SelectChoice("", _l("Uusi lista"))]


class VersionedForm(FlaskForm):
    """A change to a list; `version` is the one the page showed."""

    version = HiddenField()

    @property
    def expected_version(self) -> int | None:
        return version_of(self.version)


class ShortlistForm(VersionedForm):
    name = StringField(_l("Listan nimi"), filters=[strip], validators=[required(), max_length(100), no_identity_code],
                       description=NAME_HINT)
    shared_with_team = BooleanField(_l("Näytä lista myös organisaationi muille valmentajille"))


class NoteForm(VersionedForm):
    note = TextAreaField(_l("Huomio asiakkaalle"), filters=[strip], validators=[max_length(500), no_identity_code],
                         description=_l("Näkyy tulosteessa ja jaetulla sivulla, esimerkiksi ”Soita Tiinalle "
                                        "maanantaina”."))


class ShareForm(FlaskForm):
    days = SelectField(_l("Linkki toimii"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days.choices = [SelectChoice(days, ngettext("%(num)s päivän", "%(num)s päivää", days))
                             for days in current_app.config["SHORTLIST_LINK_CHOICES"]]
        if not self.is_submitted():
            self.days.data = current_app.config["SHORTLIST_LINK_DAYS"]
