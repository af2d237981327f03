"""Finnish names of referral states, reasons and outcomes, for pages, emails, CSV and the API."""

from flask_babel import lazy_gettext as _l

from marketplace.referrals.models import (
    Channel,
    DeclineReason,
    DiscontinueReason,
    Fit,
    JobseekerAction,
    JobseekerChannel,
    Outcome,
    ReferralStatus,
)

STATUS_LABELS = {
    ReferralStatus.SENT: _l("Odottaa vastausta"),
    ReferralStatus.QUEUED: _l("Jonossa"),
    ReferralStatus.INFO_REQUESTED: _l("Lisätietoja pyydetty"),
    ReferralStatus.ACCEPTED: _l("Hyväksytty"),
    ReferralStatus.STARTED: _l("Aloittanut"),
    ReferralStatus.COMPLETED: _l("Päättynyt"),
    ReferralStatus.DISCONTINUED: _l("Keskeytynyt"),
    ReferralStatus.DECLINED: _l("Ei hyväksytty"),
    ReferralStatus.WITHDRAWN: _l("Peruttu"),
}
DECLINE_LABELS = {
    DeclineReason.FULL: _l("Ei vapaita paikkoja"),
    DeclineReason.NOT_ELIGIBLE: _l("Asiakas ei täytä palvelun edellytyksiä"),
    DeclineReason.NOT_REACHABLE: _l("Asiakasta ei tavoitettu"),
    DeclineReason.OTHER: _l("Muu syy"),
}
DISCONTINUE_LABELS = {
    DiscontinueReason.HEALTH: _l("Terveydelliset syyt"),
    DiscontinueReason.ABSENCES: _l("Toistuvat poissaolot"),
    DiscontinueReason.OWN_DECISION: _l("Asiakkaan oma päätös"),
    DiscontinueReason.NOT_SUITABLE: _l("Palvelu ei sopinut asiakkaalle"),
    DiscontinueReason.WORK_OR_STUDIES: _l("Siirtyi kesken työhön tai opiskelemaan"),
    DiscontinueReason.OTHER: _l("Muu syy"),
}
OUTCOME_LABELS = {
    Outcome.OPEN_LABOUR_MARKET: _l("Avoimille työmarkkinoille"),
    Outcome.PAY_SUBSIDISED_WORK: _l("Palkkatuettuun työhön"),
    Outcome.EDUCATION: _l("Koulutukseen"),
    Outcome.OTHER_SERVICE: _l("Toiseen palveluun"),
    Outcome.GOAL_REACHED: _l("Tavoite saavutettu"),
    Outcome.NOT_CONTACTED: _l("Asiakasta ei tavoitettu"),
    Outcome.DISCONTINUED: _l("Keskeytyi"),
}
CHANNEL_LABELS = {
    Channel.WEB: _l("verkkosivulla"),
    Channel.API: _l("rajapinnan kautta"),
    Channel.LIST: _l("ohjauslistalla"),
    Channel.CSV: _l("CSV-tiedostona"),
    Channel.SYSTEM: _l("järjestelmä"),
}

# The coach's choice on the referral form: how the jobseeker gets their confirmation.
JOBSEEKER_CHANNEL_LABELS = {
    JobseekerChannel.EMAIL: _l("Sähköpostilla"),
    JobseekerChannel.SMS: _l("Tekstiviestillä"),
    JobseekerChannel.PRINT: _l("Tulostan vahvistuksen asiakkaalle"),
}
CHANNEL_SENT_LABELS = {JobseekerChannel.EMAIL: _l("sähköposti"), JobseekerChannel.SMS: _l("tekstiviesti")}

# What the jobseeker said on their status page, as both sides read it on the timeline and in email.
JOBSEEKER_ACTION_LABELS = {
    JobseekerAction.CANNOT_COME: _l("Asiakas ilmoitti, ettei pääse tulemaan"),
    JobseekerAction.CONTACT_ME: _l("Asiakas pyytää ottamaan yhteyttä"),
    JobseekerAction.WITHDRAW_CONSENT: _l("Asiakas perui suostumuksensa"),
}

# The status page in plain language, as the jobseeker reads it.
JOBSEEKER_STATUS_TEXTS = {
    ReferralStatus.SENT: _l("Ohjaus on lähetetty palveluntuottajalle. He vastaavat viimeistään %(date)s."),
    ReferralStatus.QUEUED: _l("Palvelussa ei juuri nyt ole vapaata paikkaa, joten olet jonossa. Palveluntuottaja "
                              "tarjoaa sinulle paikkaa, kun on sinun vuorosi."),
    ReferralStatus.INFO_REQUESTED: _l("Palveluntuottaja kysyi valmentajaltasi lisätietoja. Sinun ei tarvitse "
                                      "tehdä mitään. Valmentajasi vastaa heille."),
    ReferralStatus.ACCEPTED: _l("Sinut on hyväksytty palveluun. Tervetuloa!"),
    ReferralStatus.STARTED: _l("Olet aloittanut palvelussa."),
    ReferralStatus.COMPLETED: _l("Palvelu on päättynyt. Valmentajasi sopii kanssasi seuraavasta askeleesta."),
    ReferralStatus.DISCONTINUED: _l("Palvelu on päättynyt. Valmentajasi sopii kanssasi seuraavasta askeleesta."),
    ReferralStatus.DECLINED: _l("Tähän palveluun ei tällä kertaa päässyt. Valmentajasi ottaa sinuun yhteyttä, ja "
                                "etsitte yhdessä toisen vaihtoehdon."),
    ReferralStatus.WITHDRAWN: _l("Ohjaus on peruttu."),
}
# The steps a referral that goes well takes, shown as a list with the current one marked.
JOBSEEKER_STEPS = (
    (ReferralStatus.SENT, _l("Lähetetty")),
    (ReferralStatus.ACCEPTED, _l("Hyväksytty")),
    (ReferralStatus.STARTED, _l("Aloitettu")),
    (ReferralStatus.COMPLETED, _l("Päättynyt")),
)

# The eligibility check before sending (service/eligibility.py), on the form and on the referral
FIT_LABELS = {
    Fit.FITS: _l("Sopii"),
    Fit.DOES_NOT_FIT: _l("Ei sovi"),
    Fit.CHECK: _l("Tarkista palveluntuottajalta"),
}
# Keyed by eligibility.Criterion (its values): what each criterion of an offering is about
CRITERION_LABELS = {
    "age": _l("Ikä"),
    "municipality": _l("Kotikunta"),
    "target_group": _l("Kohderyhmä"),
    "language": _l("Asiointikieli"),
    "other": _l("Muut edellytykset"),
}
