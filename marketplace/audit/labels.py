"""The audit page's names for event kinds."""

from flask_babel import lazy_gettext as _l

from marketplace.audit.models import AuditKind

KIND_LABELS = {
    AuditKind.LOGIN: _l("Kirjautuminen"),
    AuditKind.LOGIN_FAILED: _l("Epäonnistunut kirjautuminen"),
    AuditKind.LOGIN_LIMITED: _l("Kirjautumisyritykset estetty hetkeksi"),
    AuditKind.LOGOUT_EVERYWHERE: _l("Uloskirjautuminen kaikilta laitteilta"),
    AuditKind.PASSWORD_CHANGED: _l("Salasana vaihdettu"),
    AuditKind.PASSWORD_RESET_REQUESTED: _l("Salasanan vaihtolinkki lähetetty"),
    AuditKind.PASSWORD_RESET: _l("Salasana vaihdettu linkillä"),
    AuditKind.INVITATION_SENT: _l("Kutsu lähetetty"),
    AuditKind.INVITATION_REVOKED: _l("Kutsu peruttu"),
    AuditKind.MEMBER_JOINED: _l("Jäsen liittyi"),
    AuditKind.MEMBER_ROLE_CHANGED: _l("Jäsenen rooli muutettu"),
    AuditKind.MEMBER_REMOVED: _l("Jäsen poistettu"),
    AuditKind.ORGANISATION_REGISTERED: _l("Organisaatio rekisteröity"),
    AuditKind.ORGANISATION_STATUS_CHANGED: _l("Organisaation tila muutettu"),
    AuditKind.TOKEN_CREATED: _l("Rajapinta-avain luotu"),
    AuditKind.TOKEN_REVOKED: _l("Rajapinta-avain peruttu"),
    AuditKind.REFERRAL_VIEWED: _l("Ohjauksen henkilötietoja katsottu"),
    AuditKind.REFERRALS_EXPORTED: _l("Ohjauslista ladattu CSV-tiedostona"),
    AuditKind.REFERRAL_ERASED: _l("Ohjauksen henkilötiedot poistettu"),
    AuditKind.PRIVACY_PURGED: _l("Vanhentuneet henkilötiedot poistettu"),
    AuditKind.QUALIFICATIONS_IMPORTED: _l("Tutkintojen perusteet tuotu"),
    AuditKind.OFFERING_TAKEN_DOWN: _l("Palvelu poistettu näkyvistä"),
}
