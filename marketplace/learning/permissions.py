"""Who may see, write and confirm learning records, and describe learning environments.

The provider that hosts the referral writes the record; only the education provider chosen on it
reviews and confirms; the referring coach sees the outcome. Nobody else sees anything.
"""

from marketplace.accounts.models import OrganisationRole, User
from marketplace.accounts.permissions import is_member
from marketplace.learning.models import LearningRecord, RecordStatus
from marketplace.referrals.models import Referral, ReferralStatus

RECORDABLE_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.STARTED, ReferralStatus.COMPLETED,
                       ReferralStatus.DISCONTINUED)


def is_record_writer(user: User, record: LearningRecord) -> bool:
    return is_member(user, record.provider)


def is_record_reviewer(user: User, record: LearningRecord) -> bool:
    return record.education_provider is not None and is_member(user, record.education_provider)


def can_view_record(user: User, record: LearningRecord) -> bool:
    """The provider always; the education provider once it was submitted to them."""
    if is_record_writer(user, record):
        return True
    return is_record_reviewer(user, record) and record.status is not RecordStatus.DRAFT


def can_edit_record(user: User, record: LearningRecord) -> bool:
    return is_record_writer(user, record) and record.is_editable


def can_review_record(user: User, record: LearningRecord) -> bool:
    return is_record_reviewer(user, record) and record.status is RecordStatus.SUBMITTED


def can_view_certificate(user: User, record: LearningRecord) -> bool:
    """A confirmed record's certificate: its two organisations and the referring coach's organisation."""
    return record.status is RecordStatus.CONFIRMED and (
        is_record_writer(user, record) or is_record_reviewer(user, record) or is_member(user, record.referral.referrer)
    )


def can_open_record(user: User, referral: Referral) -> bool:
    """The provider opens a record once it has accepted the jobseeker (and may finish it after the end)."""
    return is_member(user, referral.provider) and referral.status in RECORDABLE_STATUSES and not referral.is_erased


def is_education_provider(organisation) -> bool:
    return organisation is not None and organisation.role is OrganisationRole.EDUCATION and organisation.is_verified
