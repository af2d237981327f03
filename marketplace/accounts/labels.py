"""Finnish names of organisation kinds, statuses and roles, for pages, emails and other domains."""

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import MemberRole, OrganisationKind, OrganisationRole, OrganisationStatus

KIND_LABELS = {
    OrganisationKind.EMPLOYMENT_SERVICES: _l("Työllisyyspalvelut (kunta tai työllisyysalue)"),
    OrganisationKind.NGO: _l("Yhdistys tai järjestö"),
    OrganisationKind.FOUNDATION: _l("Säätiö"),
    OrganisationKind.WORKSHOP: _l("Työpaja"),
    OrganisationKind.SOCIAL_ENTERPRISE: _l("Yhteiskunnallinen yritys"),
    OrganisationKind.COMPANY: _l("Yritys"),
    OrganisationKind.EDUCATION_PROVIDER: _l("Oppilaitos tai koulutuksen järjestäjä"),
}

STATUS_LABELS = {
    OrganisationStatus.PENDING: _l("Odottaa vahvistusta"),
    OrganisationStatus.VERIFIED: _l("Vahvistettu"),
    OrganisationStatus.SUSPENDED: _l("Jäädytetty"),
}

ORGANISATION_ROLE_LABELS = {
    OrganisationRole.COACH: _l("Valmentaja"),
    OrganisationRole.PROVIDER: _l("Palveluntuottaja"),
    OrganisationRole.EDUCATION: _l("Oppilaitos"),
}

ROLE_LABELS = {MemberRole.ADMIN: _l("Ylläpitäjä"), MemberRole.MEMBER: _l("Jäsen")}
