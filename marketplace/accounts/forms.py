"""Forms for organisations, accounts and members. Messages are Finnish and shown beside the field."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fi import ytunnus
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, EqualTo, InputRequired, Length, Optional
from wtforms.validators import ValidationError as FieldError

from marketplace.accounts.labels import KIND_LABELS, ROLE_LABELS
from marketplace.accounts.models import MemberRole
from marketplace.accounts.session import active_membership
from marketplace.i18n import LANGUAGES
from marketplace.reference import find_municipality, municipality_name
from marketplace.validators import (
    REQUIRED,
    email_validators,
    max_length,
    phone_validator,
    required,
    strip,
    with_scheme,
)


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


def business_id_validator(form, field) -> None:
    """Accept 1234567-8 (or without the hyphen), check the check digit, store as 1234567-8."""
    try:
        field.data = ytunnus.format(ytunnus.validate(field.data or ""))
    except InvalidChecksum:
        raise FieldError(
            _l("Y-tunnuksen tarkistusmerkki ei täsmää. Tarkista numero, esimerkiksi YTJ-palvelusta.")
        ) from None
    except ValidationError:
        raise FieldError(
            _l("Y-tunnus on muotoa 1234567-8 (seitsemän numeroa, väliviiva ja tarkistusmerkki).")
        ) from None


def municipality_validator(form, field) -> None:
    municipality = find_municipality(field.data)
    if municipality is None:
        raise FieldError(_l("Kuntaa ei löytynyt. Kirjoita kunnan nimi suomeksi tai ruotsiksi, esimerkiksi Salo."))
    if not municipality.is_current:
        raise FieldError(_l("%(old)s ei ole enää oma kuntansa: se yhdistyi kuntaan %(new)s. Valitse %(new)s.",
                            old=municipality.name, new=municipality.successor.name))
    field.municipality_code = municipality.code


def password_length(form, field) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise FieldError(_l("Salasanassa on oltava vähintään %(n)s merkkiä.", n=minimum))
    if len(field.data) > 256:
        raise FieldError(_l("Salasana on liian pitkä (enintään 256 merkkiä)."))


PASSWORD_LABEL = _l("Salasana")


def new_password_fields(label=PASSWORD_LABEL):
    """A new password and its confirmation, as a pair of fields."""
    password = PasswordField(
        label,
        validators=[InputRequired(message=REQUIRED), password_length],
        description=_l("Vähintään 12 merkkiä. Pitkä lause on hyvä salasana."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Salasana uudelleen"),
        validators=[InputRequired(message=REQUIRED), EqualTo("password", message=_l("Salasanat eivät täsmää."))],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Organisaation nimi"),
        filters=[strip],
        validators=[required(), Length(max=200, message=_l("Nimi on liian pitkä (enintään 200 merkkiä)."))],
    )
    kind = SelectField(
        _l("Organisaation tyyppi"),
        choices=[SelectChoice("", _l("Valitse…"))] + [
            SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()
        ],
        validators=[required()],
        description=_l("Työllisyyspalvelujen valmentajat ohjaavat asiakkaita; palveluntuottajat julkaisevat palveluja; "
                       "oppilaitokset tunnustavat osaamista."),
    )
    business_id = StringField(
        _l("Y-tunnus"),
        filters=[strip],
        validators=[required(), business_id_validator],
        description=_l("Esimerkiksi 1234567-8. Kunnan yksiköt käyttävät kunnan Y-tunnusta."),
        render_kw={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"},
    )
    municipality = StringField(
        _l("Kotikunta"),
        filters=[strip],
        validators=[required(), municipality_validator],
        render_kw={"list": "municipality-list", "autocomplete": "off"},
    )
    email = EmailField(
        _l("Yhteyssähköposti"),
        filters=[strip], validators=email_validators(),
        description=_l("Organisaation yleinen osoite, johon kumppanit voivat ottaa yhteyttä."),
    )
    website = StringField(
        _l("Verkkosivut"),
        filters=[strip, with_scheme],
        description=_l("Esimerkiksi www.esimerkki.fi."),
        render_kw={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"},
        validators=[
            Optional(),
            Length(max=500, message=_l("Osoite on liian pitkä.")),
            URL(message=_l("Kirjoita koko osoite, esimerkiksi https://www.esimerkki.fi.")),
        ],
    )
    description = TextAreaField(
        _l("Kuvaus"),
        validators=[Optional(), Length(max=5000, message=_l("Kuvaus on liian pitkä (enintään 5000 merkkiä)."))],
        description=_l("Kerro lyhyesti, mitä organisaationne tekee ja kenelle."),
        render_kw={"rows": 5},
    )

    def fill_from(self, organisation) -> None:
        self.municipality.data = municipality_name(organisation.municipality_code)

    def lock_business_id(self) -> None:
        """A verified organisation's business ID was what the coordinator checked: show it read-only."""
        self.business_id.render_kw = {**self.business_id.render_kw, "readonly": True}
        self.business_id.description = _l(
            "Vahvistetun organisaation Y-tunnusta voi muuttaa vain alueen koordinaattorin kautta."
        )


class RegistrationForm(OrganisationForm):
    """Register an organisation; anonymous visitors also create their own account here."""

    admin_name = StringField(
        _l("Nimesi"), validators=[required(), Length(max=200)], render_kw={"autocomplete": "name"}
    )
    admin_email = EmailField(
        _l("Sähköpostiosoitteesi"),
        filters=[strip], validators=email_validators(),
        description=_l("Kirjaudut tällä osoitteella. Sinusta tulee organisaation ensimmäinen ylläpitäjä."),
        render_kw={"autocomplete": "email"},
    )
    password, confirm = new_password_fields()


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Sähköposti"), filters=[strip], validators=email_validators(), render_kw={"autocomplete": "username"}
    )
    password = PasswordField(
        _l("Salasana"), validators=[InputRequired(message=REQUIRED)], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Muista minut tällä laitteella (14 päivää)"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("Sähköposti"), filters=[strip], validators=email_validators(), render_kw={"autocomplete": "email"}
    )


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(_l("Uusi salasana"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Nykyinen salasana"),
        validators=[InputRequired(message=REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = new_password_fields(_l("Uusi salasana"))


LANGUAGE_CHOICES = [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()]


class ProfileForm(FlaskForm):
    name = StringField(_l("Nimi"), validators=[required(), Length(max=200)], render_kw={"autocomplete": "name"})
    title = StringField(_l("Tehtävänimike"), validators=[Optional(), Length(max=200)],
                        description=_l("Esimerkiksi OMA-valmentaja tai työvalmentaja."))
    phone = StringField(_l("Puhelin"), filters=[strip], validators=[Optional(), phone_validator],
                        render_kw={"autocomplete": "tel", "type": "tel"})
    language = SelectField(_l("Asiointikieli"), choices=LANGUAGE_CHOICES,
                           description=_l("Sivujen ja sinulle lähetettävien sähköpostien kieli."))


class LanguageForm(FlaskForm):
    """The language switch on every page: one button per language, and the page to come back to."""

    language = SelectField(choices=LANGUAGE_CHOICES)
    next = HiddenField()


class InvitationForm(FlaskForm):
    email = EmailField(_l("Sähköposti"), filters=[strip], validators=email_validators())
    role = SelectField(
        _l("Rooli"),
        choices=role_choices(),
        default=MemberRole.MEMBER.value,
        description=_l("Ylläpitäjä voi muokata organisaation tietoja ja hallita jäseniä."),
    )


class AcceptInvitationForm(FlaskForm):
    """A new account for the invited address."""

    name = StringField(_l("Nimesi"), validators=[required(), Length(max=200)], render_kw={"autocomplete": "name"})
    password, confirm = new_password_fields()


class MemberRoleForm(FlaskForm):
    role = SelectField(_l("Rooli"), choices=role_choices())


class StatusChangeForm(FlaskForm):
    reason = TextAreaField(
        _l("Perustelu"),
        validators=[Optional(), Length(max=2000, message=_l("Perustelu on liian pitkä (enintään 2000 merkkiä)."))],
        description=_l("Näytetään organisaation ylläpitäjille ja tallennetaan historiaan."),
        render_kw={"rows": 3},
    )


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
