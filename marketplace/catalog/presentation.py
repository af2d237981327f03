"""How offering values read on a page: labels of fields and of stored codes, for pages and the history."""

from datetime import date

from flask_babel import format_date, ngettext
from flask_babel import lazy_gettext as _l

from marketplace.catalog.forms import DELIVERY_LABELS, FUNDING_LABELS, INTAKE_LABELS, STATUS_LABELS
from marketplace.catalog.models import DeliveryMode, FundingSource, Intake, OfferingStatus
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, language_name, municipality_name, term_name
from marketplace.validators import format_phone

FIELD_LABELS = {
    "created": _l("Palvelu luotiin"),
    "imported": _l("Tuotu HSDS-tiedostosta"),
    "status": _l("Tila"),
    "confirmed": _l("Tiedot vahvistettu ajantasaisiksi"),
    "moderation_reason": _l("Koordinaattorin syy"),
    "learning_units": _l("Opinnollistaminen: tutkinnon osat"),
    "title": _l("Palvelun nimi"),
    "summary": _l("Lyhyt kuvaus"),
    "offering_type": _l("Palvelun tyyppi"),
    "description": _l("Kuvaus"),
    "content_language": _l("Tekstien kieli"),
    "plain_language_summary": _l("Selkokielinen kuvaus"),
    "target_groups": _l("Kohderyhmät"),
    "eligibility": _l("Kenelle palvelu sopii"),
    "min_age": _l("Alaikäraja"),
    "max_age": _l("Yläikäraja"),
    "languages": _l("Palvelukielet"),
    "delivery_mode": _l("Toteutustapa"),
    "municipalities": _l("Kunnat"),
    "street_address": _l("Katuosoite"),
    "postal_code": _l("Postinumero"),
    "post_office": _l("Postitoimipaikka"),
    "schedule": _l("Aikataulu ja kesto"),
    "duration_weeks": _l("Kesto viikkoina"),
    "intake": _l("Aloitus"),
    "start_dates": _l("Aloituspäivät"),
    "how_to_apply": _l("Miten hakeudutaan"),
    "free_for_jobseeker": _l("Maksuton asiakkaalle"),
    "jobseeker_cost": _l("Asiakkaalle aiheutuvat kulut"),
    "municipality_price": _l("Hinta kunnalle"),
    "contact_name": _l("Yhteyshenkilö"),
    "contact_email": _l("Yhteyshenkilön sähköposti"),
    "contact_phone": _l("Yhteyshenkilön puhelin"),
    "capacity_total": _l("Paikkoja yhteensä"),
    "open_places": _l("Vapaita paikkoja"),
    "funding_source": _l("Rahoitus"),
    "funding_ends_on": _l("Rahoitus päättyy"),
}

_ENUM_LABELS = {
    "status": (OfferingStatus, STATUS_LABELS),
    "delivery_mode": (DeliveryMode, DELIVERY_LABELS),
    "intake": (Intake, INTAKE_LABELS),
    "funding_source": (FundingSource, FUNDING_LABELS),
}


def _date(iso: str) -> str:
    return format_date(date.fromisoformat(iso), "d.M.yyyy")


def display_value(field: str, raw: str) -> str:
    """A value from the history (codes, ISO dates, comma-separated lists) as a person reads it."""
    if raw == "":
        return "–"
    items = raw.split(",")
    if field in _ENUM_LABELS:
        enum, labels = _ENUM_LABELS[field]
        return str(labels.get(enum(raw), raw)) if raw in {m.value for m in enum} else raw
    if field == "offering_type":
        return term_name(OFFERING_TYPE, raw)
    if field == "target_groups":
        return ", ".join(term_name(TARGET_GROUP, code) for code in items)
    if field in ("languages", "content_language"):
        return ", ".join(language_name(code) for code in items)
    if field == "municipalities":
        return ", ".join(municipality_name(code) for code in items)
    if field in ("start_dates", "funding_ends_on", "confirmed"):
        return ", ".join(_date(item) for item in items)
    if field == "free_for_jobseeker":
        return str(_l("Kyllä")) if raw == "true" else str(_l("Ei"))
    if field == "contact_phone":
        return format_phone(raw)
    return raw


def places_text(offering) -> str:
    """"3 paikkaa vapaana", "Ei vapaita paikkoja" or nothing when places are not limited."""
    if offering.open_places is None:
        return ""
    if offering.open_places == 0:
        return str(_l("Ei vapaita paikkoja (jonotuslista)"))
    return ngettext("%(num)s paikka vapaana", "%(num)s paikkaa vapaana", offering.open_places)
