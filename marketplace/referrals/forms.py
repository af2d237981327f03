"""The referral form, the provider's answer forms, messages and the list filters."""

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from marketplace.inputs import CheckboxListField, DateField, IntegerField, version_of
from marketplace.reference import COMMON_LANGUAGES, TARGET_GROUP, language_name, municipalities, term_name
from marketplace.referrals.consent import CURRENT_CONSENT_VERSION
from marketplace.referrals.labels import DECLINE_LABELS, DISCONTINUE_LABELS, JOBSEEKER_CHANNEL_LABELS, OUTCOME_LABELS
from marketplace.referrals.models import DeclineReason, DiscontinueReason, Outcome, ReferralAction, ReferralStatus
from marketplace.referrals.service import (
    ACTIONS,
    COMPLETION_OUTCOMES,
    Answers,
    ReferralData,
    TransitionDetails,
    education_providers,
)
from marketplace.validators import (
    email_validators,
    max_length,
    no_identity_code,
    phone_validator,
    required,
    strip,
)


class ReferralForm(FlaskForm):
    """What the provider needs to take the jobseeker in, with the jobseeker's consent; never a henkilötunnus."""

    # A new key for each opened form: a double click or a resubmitted page sends the same key and one referral.
    submission_key = HiddenField()

    jobseeker_name = StringField(_l("Asiakkaan nimi"), filters=[strip],
                                 validators=[required(), max_length(200), no_identity_code])
    jobseeker_phone = StringField(_l("Puhelinnumero"), filters=[strip],
                                  validators=[Optional(), no_identity_code, phone_validator],
                                  description=_l("Anna puhelinnumero tai sähköpostiosoite, tai molemmat."))
    jobseeker_email = StringField(_l("Sähköpostiosoite"), filters=[strip],
                                  validators=[Optional(), *email_validators()[1:]])
    jobseeker_language = SelectField(_l("Asiointikieli"), default="fi")
    case_reference = StringField(_l("Oma asianumero"), filters=[strip],
                                 validators=[max_length(100), no_identity_code],
                                 description=_l("Oman asiakastietojärjestelmäsi tunniste, jotta löydät asian. "
                                                "Ei henkilötunnusta."))
    goal = TextAreaField(_l("Ohjauksen tavoite"), filters=[strip],
                         validators=[required(), max_length(4000), no_identity_code],
                         description=_l("Mitä asiakas tavoittelee tällä palvelulla?"))
    background = TextAreaField(_l("Taustatiedot palveluntuottajalle"), filters=[strip],
                               validators=[max_length(8000), no_identity_code],
                               description=_l("Vain se, mitä palveluntuottaja tarvitsee: esimerkiksi työkokemus, "
                                              "tuen tarve ja rajoitteet työssä. "
                                              "Älä kirjoita diagnooseja tai henkilötunnusta."))
    wished_start_on = DateField(_l("Toivottu aloituspäivä"), validators=[Optional()],
                                description=_l("Jätä tyhjäksi, jos asiakas voi aloittaa heti."))
    education_provider = SelectField(_l("Oppilaitos osaamisen tunnustamiseen (valinnainen)"), validators=[Optional()],
                                     description=_l("Jos palvelussa opitaan tutkinnon osien "
                                                    "osaamista, palveluntuottaja "
                                                    "lähettää osaamisen kuvauksen tälle oppilaitokselle."))
    jobseeker_age = IntegerField(_l("Ikä vuosina"), validators=[Optional(), NumberRange(min=0, max=120,
                                 message=_l("Anna ikä vuosina väliltä 0–120."))],
                                 description=_l("Vain ikä vuosina: ei syntymäaikaa eikä henkilötunnusta."),
                                 render_kw={"inputmode": "numeric", "autocomplete": "off"})
    home_municipality = SelectField(_l("Kotikunta"), validators=[Optional()])
    jobseeker_target_groups = CheckboxListField(_l("Mitkä palvelun kohderyhmistä koskevat asiakasta?"))
    fit_reason = TextAreaField(_l("Miksi ohjaat, vaikka asiakas ei täytä kaikkia edellytyksiä?"), filters=[strip],
                               validators=[max_length(2000), no_identity_code],
                               description=_l("Pakollinen, jos tarkistus näyttää, ettei asiakas täytä jotakin "
                                              "edellytystä. Palveluntuottaja näkee perustelun."))
    eligibility_confirmed = BooleanField(_l("Olen tarkistanut, että asiakas täyttää palvelun edellytykset."),
                                         validators=[required()])
    consent_given = BooleanField(_l("Asiakas on antanut suostumuksensa tietojen luovuttamiseen "
                                    "yllä olevan tekstin mukaisesti."),
                                 validators=[required()])
    consent_version = HiddenField(default=CURRENT_CONSENT_VERSION)
    jobseeker_channels = CheckboxListField(
        _l("Vahvistus asiakkaalle"),
        choices=[SelectChoice(channel.value, label) for channel, label in JOBSEEKER_CHANNEL_LABELS.items()],
        description=_l("Asiakas saa tiedon palvelusta, palveluntuottajan ja sinun yhteystietosi, mitä seuraavaksi "
                       "tapahtuu ja linkin sivulle, jolta hän näkee ohjauksen tilan. Viesti lähetetään asiakkaan "
                       "asiointikielellä, jos se on suomi, ruotsi tai englanti, muuten suomeksi. Hyväksymisestä "
                       "tai hylkäämisestä asiakas saa tiedon samaa reittiä."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobseeker_language.choices = [SelectChoice(code, language_name(code)) for code in COMMON_LANGUAGES]
        self.education_provider.choices = [SelectChoice("", _l("Ei valittu"))] + [
            SelectChoice(str(org.uuid), org.name) for org in education_providers()]
        self.home_municipality.choices = [SelectChoice("", _l("Ei kerrottu"))] + [
            SelectChoice(m.code, m.label) for m in municipalities()]
        if not self.submission_key.data:
            self.submission_key.data = uuid.uuid4().hex

    def ask_about(self, offering) -> None:
        """The target groups asked about are the offering's own."""
        self.jobseeker_target_groups.choices = [
            SelectChoice(code, term_name(TARGET_GROUP, code)) for code in offering.target_group_codes]

    def answers(self) -> Answers:
        """What the eligibility check reads, as typed so far (the form need not be valid yet)."""
        age = self.jobseeker_age.data if isinstance(self.jobseeker_age.data, int) else None
        return Answers(age, self.home_municipality.data or "", tuple(self.jobseeker_target_groups.data or ()),
                       self.jobseeker_language.data or "")

    def to_data(self) -> ReferralData:
        return ReferralData(
            jobseeker_name=self.jobseeker_name.data or "",
            jobseeker_phone=self.jobseeker_phone.data or "",
            jobseeker_email=self.jobseeker_email.data or "",
            jobseeker_language=self.jobseeker_language.data,
            case_reference=self.case_reference.data or "",
            goal=self.goal.data or "",
            background=self.background.data or "",
            wished_start_on=self.wished_start_on.data,
            eligibility_confirmed=self.eligibility_confirmed.data,
            consent_given=self.consent_given.data,
            consent_version=self.consent_version.data or CURRENT_CONSENT_VERSION,
            education_provider_uuid=self.education_provider.data or "",
            jobseeker_channels=tuple(self.jobseeker_channels.data or ()),
            jobseeker_age=self.jobseeker_age.data,
            home_municipality=self.home_municipality.data or "",
            jobseeker_target_groups=tuple(self.jobseeker_target_groups.data or ()),
            fit_reason=self.fit_reason.data or "",
        )


def _choices(labels: dict, members) -> list[SelectChoice]:
    return [SelectChoice(member.value, labels[member]) for member in members]


class ActionForm(FlaskForm):
    """An action on a referral; `version` is the one the page showed, so a stale page cannot overwrite news."""

    version = HiddenField()
    message = TextAreaField(_l("Viesti valmentajalle (valinnainen)"), filters=[strip],
                            validators=[max_length(4000), no_identity_code])

    @property
    def expected_version(self) -> int | None:
        return version_of(self.version)

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "")


class AcceptForm(ActionForm):
    start_on = DateField(_l("Aloituspäivä"), validators=[required()])
    confirm_full = BooleanField(_l("Otan asiakkaan vastaan, vaikka vapaita paikkoja ei ole."))

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "", start_on=self.start_on.data,
                                 confirm_full=self.confirm_full.data)


class DeclineForm(ActionForm):
    decline_reason = RadioField(_l("Syy"), choices=_choices(DECLINE_LABELS, DeclineReason), validators=[required()])
    message = TextAreaField(_l("Perustelu valmentajalle"), filters=[strip],
                            validators=[max_length(4000), no_identity_code],
                            description=_l("Pakollinen, jos syy on ”Muu syy”."))

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "",
                                 decline_reason=DeclineReason(self.decline_reason.data))


class RequestInfoForm(ActionForm):
    message = TextAreaField(_l("Mitä tietoja tarvitsette?"), filters=[strip],
                            validators=[required(), max_length(4000), no_identity_code])


class AnswerForm(ActionForm):
    message = TextAreaField(_l("Vastaus palveluntuottajalle"), filters=[strip],
                            validators=[required(), max_length(4000), no_identity_code])


class StartForm(ActionForm):
    start_on = DateField(_l("Aloituspäivä"), validators=[Optional()],
                         description=_l("Jätä tyhjäksi, jos asiakas aloitti tänään."))

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "", start_on=self.start_on.data)


class CompleteForm(ActionForm):
    outcome = RadioField(_l("Mihin asiakas siirtyi?"), choices=_choices(OUTCOME_LABELS, COMPLETION_OUTCOMES),
                         validators=[required()])

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "", outcome=Outcome(self.outcome.data))


class DiscontinueForm(ActionForm):
    discontinue_reason = RadioField(_l("Miksi palvelu keskeytyi?"),
                                    choices=_choices(DISCONTINUE_LABELS, DiscontinueReason), validators=[required()])
    message = TextAreaField(_l("Perustelu valmentajalle"), filters=[strip],
                            validators=[max_length(4000), no_identity_code],
                            description=_l("Pakollinen, jos syy on ”Muu syy”."))

    def details(self) -> TransitionDetails:
        return TransitionDetails(message=self.message.data or "",
                                 discontinue_reason=DiscontinueReason(self.discontinue_reason.data))


class WithdrawForm(ActionForm):
    message = TextAreaField(_l("Syy palveluntuottajalle (valinnainen)"), filters=[strip],
                            validators=[max_length(4000), no_identity_code])


class QueueForm(ActionForm):
    """Put the referral at the end of the offering's queue; the coach sees the position and the estimate."""


class MoveInQueueForm(FlaskForm):
    position = IntegerField(_l("Uusi sija jonossa"), validators=[required(), NumberRange(min=1)])
    reason = TextAreaField(_l("Syy"), filters=[strip], validators=[required(), max_length(1000), no_identity_code],
                           description=_l("Näkyy ohjauksen aikajanalla myös valmentajalle."))


ACTION_FORMS: dict[ReferralAction, type[ActionForm]] = {
    ReferralAction.ACCEPT: AcceptForm,
    ReferralAction.QUEUE: QueueForm,
    ReferralAction.REQUEST_INFO: RequestInfoForm,
    ReferralAction.DECLINE: DeclineForm,
    ReferralAction.ANSWER: AnswerForm,
    ReferralAction.START: StartForm,
    ReferralAction.COMPLETE: CompleteForm,
    ReferralAction.DISCONTINUE: DiscontinueForm,
    ReferralAction.WITHDRAW: WithdrawForm,
}
assert ACTION_FORMS.keys() == ACTIONS.keys(), "every action of the state machine has its form"


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Viesti"), filters=[strip], validators=[required(), max_length(4000), no_identity_code],
                         description=_l("Viesti näkyy ohjauksen aikajanalla molemmille osapuolille. "
                                        "Älä kirjoita henkilötunnusta."))


class EraseForm(FlaskForm):
    confirm = BooleanField(_l("Asiakas on perunut suostumuksensa. Poista hänen tietonsa tästä ohjauksesta."),
                           validators=[required()])


STATUS_FILTERS = ("", "open", "overdue", *ReferralStatus, "closed")


class FilterForm(FlaskForm):
    """The filters above a referral list; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Asiakas tai asianumero"), filters=[strip], validators=[max_length(200)])
    status = SelectField(_l("Tila"), validators=[Optional()])
    offering = SelectField(_l("Palvelu"), validators=[Optional()])
    counterpart = SelectField(_l("Organisaatio"), validators=[Optional()])
    sent_from = DateField(_l("Lähetetty alkaen"), validators=[Optional()])
    sent_to = DateField(_l("Lähetetty viimeistään"), validators=[Optional()])


class JobseekerAnswerForm(FlaskForm):
    """The jobseeker's answer on their status page: a button, with a few words if they like."""

    message = TextAreaField(_l("Viesti (valinnainen)"), filters=[strip],
                            validators=[max_length(500), no_identity_code],
                            description=_l("Esimerkiksi milloin sinulle voi soittaa. Älä kirjoita henkilötunnusta."))


class WithdrawConsentForm(FlaskForm):
    confirm = BooleanField(_l("Haluan perua suostumukseni. Valmentajani poistaa tietoni tästä ohjauksesta."),
                           validators=[required()])
