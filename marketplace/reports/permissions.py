"""Who sees which report, and whose figures: coordinators the whole network, others their own organisation."""

import enum
from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.accounts.models import Organisation, OrganisationRole, User
from marketplace.errors import NotPermitted


class Report(enum.StrEnum):
    REFERRALS = "referrals"
    OUTCOMES = "outcomes"
    CAPACITY = "capacity"
    LEARNING = "learning"
    SEARCHES = "searches"


REPORTS_BY_ROLE = {
    OrganisationRole.PROVIDER: (Report.REFERRALS, Report.OUTCOMES, Report.CAPACITY, Report.LEARNING,
                                Report.SEARCHES),
    OrganisationRole.COACH: (Report.REFERRALS, Report.OUTCOMES, Report.CAPACITY, Report.SEARCHES),
    OrganisationRole.EDUCATION: (Report.LEARNING, Report.CAPACITY, Report.SEARCHES),
}


@dataclass(frozen=True)
class Scope:
    """Whose figures a reader sees: `organisation` None means the whole network."""

    organisation: Organisation | None

    @property
    def role(self) -> OrganisationRole | None:
        return self.organisation.role if self.organisation else None

    @property
    def is_network(self) -> bool:
        return self.organisation is None

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(Report) if self.is_network else REPORTS_BY_ROLE[self.role]

    def can_open(self, report: Report) -> bool:
        return report in self.reports


def scope_of(user: User, organisation: Organisation | None) -> Scope:
    """The reader's scope: a coordinator's is the network, a member's their verified organisation's."""
    if user.is_authenticated and user.is_coordinator:
        return Scope(None)
    if organisation is None or user.membership_in(organisation) is None:
        raise NotPermitted(_("Raportit näkyvät verkoston organisaatioiden jäsenille ja koordinaattoreille."))
    if not organisation.is_verified:
        raise NotPermitted(_("Raportit avautuvat, kun koordinaattori on vahvistanut organisaationne."))
    return Scope(organisation)


def require_report(scope: Scope, report: Report) -> None:
    if not scope.can_open(report):
        raise NotPermitted(_("Tämä raportti ei koske organisaationne roolia."))


def can_manage_groups(user: User) -> bool:
    """Coordinators define the groups of municipalities everyone's reports can use."""
    return user.is_authenticated and user.is_coordinator
