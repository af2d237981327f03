"""The form that creates a personal access token."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from marketplace.accounts.session import active_membership
from marketplace.validators import max_length, required, strip


class TokenForm(FlaskForm):
    name = StringField(_l("Avaimen nimi"), filters=[strip], validators=[required(), max_length(100)],
                       description=_l("Esimerkiksi asiakastietojärjestelmän nimi, jotta tunnistat avaimen myöhemmin."))
    organisation = SelectField(_l("Organisaatio"), description=_l("Avain toimii vain tämän organisaation puolesta."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "token")  # shares the profile page with the profile form's "name"
        super().__init__(*args, **kwargs)
        self.organisation.choices = [
            SelectChoice(str(m.organisation.uuid), m.organisation.name) for m in current_user.memberships
        ]
        membership = active_membership()
        if membership and not self.organisation.data:
            self.organisation.data = str(membership.organisation.uuid)
