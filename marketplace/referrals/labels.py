"""Finnish names of referral states, reasons and outcomes, for pages, emails, CSV and the API."""

from flask_babel import lazy_gettext as _l

from marketplace.referrals.models import Channel, DeclineReason, DiscontinueReason, Outcome, ReferralStatus

STATUS_LABELS = {
    ReferralStatus.SENT: _l("Odottaa vastausta"),
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
