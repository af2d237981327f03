"""CSV exports of referral lists, for the coach's and the provider's own records (Excel-friendly)."""

from flask_babel import gettext as _

from marketplace.i18n import show_date
from marketplace.reference import language_name
from marketplace.referrals.labels import DECLINE_LABELS, OUTCOME_LABELS, STATUS_LABELS
from marketplace.referrals.models import Referral
from marketplace.spreadsheet import csv_text
from marketplace.validators import format_phone


def _result(referral: Referral) -> str:
    if referral.decline_reason:
        return str(DECLINE_LABELS[referral.decline_reason])
    if referral.outcome:
        return str(OUTCOME_LABELS[referral.outcome])
    return ""


def _common(referral: Referral) -> list:
    return [
        str(referral.uuid), show_date(referral.sent_at), STATUS_LABELS[referral.status], referral.offering.title,
    ]


def referrals_csv(referrals: list[Referral], side: str) -> str:
    """The list as the coach (sent) or the provider (inbox) sees it, for their own records."""
    if side == "sent":
        header = [_("Tunnus"), _("Lähetetty"), _("Tila"), _("Palvelu"), _("Palveluntuottaja"), _("Asiakas"),
                  _("Oma asianumero"), _("Valmentaja"), _("Aloituspäivä"), _("Vastattu"), _("Päättynyt"), _("Tulos")]
        rows = [
            [*_common(r), r.provider.name, r.jobseeker_name, r.case_reference, r.coach.name if r.coach else "",
             show_date(r.start_on), show_date(r.first_response_at), show_date(r.closed_at), _result(r)]
            for r in referrals
        ]
    else:
        header = [_("Tunnus"), _("Lähetetty"), _("Tila"), _("Palvelu"), _("Ohjaaja"), _("Valmentaja"), _("Asiakas"),
                  _("Puhelin"), _("Sähköposti"), _("Asiointikieli"), _("Toivottu aloitus"), _("Aloituspäivä"),
                  _("Päättynyt"), _("Tulos")]
        rows = [
            [*_common(r), r.referrer.name, r.coach.name if r.coach else "", r.jobseeker_name,
             format_phone(r.jobseeker_phone), r.jobseeker_email, language_name(r.jobseeker_language),
             show_date(r.wished_start_on), show_date(r.start_on), show_date(r.closed_at), _result(r)]
            for r in referrals
        ]
    return csv_text(header, rows)
