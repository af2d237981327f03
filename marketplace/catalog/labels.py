"""Finnish names of offering statuses and codes, and of the fields in an offering's history."""

from flask_babel import lazy_gettext as _l

from marketplace.catalog.models import Accessible, DeliveryMode, FundingSource, Intake, OfferingStatus, PlaceReason

STATUS_LABELS = {
    OfferingStatus.DRAFT: _l("Luonnos"),
    OfferingStatus.PUBLISHED: _l("Julkaistu"),
    OfferingStatus.PAUSED: _l("Keskeytetty"),
    OfferingStatus.ARCHIVED: _l("Arkistoitu"),
}
DELIVERY_LABELS = {
    DeliveryMode.ON_SITE: _l("Lähipalvelu"),
    DeliveryMode.REMOTE: _l("Etäpalvelu"),
    DeliveryMode.HYBRID: _l("Lähi- ja etäpalvelu"),
}
INTAKE_LABELS = {Intake.CONTINUOUS: _l("Jatkuva haku"), Intake.START_DATES: _l("Alkaa tiettyinä päivinä")}
FUNDING_LABELS = {
    FundingSource.MUNICIPAL_PURCHASE: _l("Kunnan ostopalvelu"),
    FundingSource.STEA: _l("STEA-avustus"),
    FundingSource.ESR_PLUS: _l("ESR+-hanke"),
    FundingSource.OTHER_PROJECT: _l("Muu hanke"),
    FundingSource.OWN_FUNDS: _l("Oma rahoitus"),
}
ACCESSIBLE_LABELS = {Accessible.YES: _l("Kyllä"), Accessible.NO: _l("Ei"), Accessible.UNKNOWN: _l("Ei tiedossa")}
FEATURE_LABELS = {
    "step_free_access": _l("Esteetön kulku"),
    "accessible_toilet": _l("Esteetön WC"),
    "induction_loop": _l("Induktiosilmukka"),
    "public_transport": _l("Julkinen liikenne lähellä"),
}
FEATURE_HINTS = {
    "step_free_access": _l("Sisään ja tiloissa pääsee ilman portaita tai kynnyksiä, myös pyörätuolilla."),
    "accessible_toilet": _l("Tiloissa on pyörätuolilla käytettävä WC."),
    "induction_loop": _l("Kuulolaitteen käyttäjälle on induktiosilmukka."),
    "public_transport": _l("Bussi-, raitiovaunu- tai junapysäkki on alle 500 metrin päässä."),
}
# Monday first; the name, the short form in tables, and "on Fridays" for filters
DAY_NAMES = {"MO": _l("maanantai"), "TU": _l("tiistai"), "WE": _l("keskiviikko"), "TH": _l("torstai"),
             "FR": _l("perjantai"), "SA": _l("lauantai"), "SU": _l("sunnuntai")}
DAY_ABBREVIATIONS = {"MO": _l("ma"), "TU": _l("ti"), "WE": _l("ke"), "TH": _l("to"), "FR": _l("pe"),
                     "SA": _l("la"), "SU": _l("su")}
OPEN_ON_LABELS = {"MO": _l("maanantaisin"), "TU": _l("tiistaisin"), "WE": _l("keskiviikkoisin"),
                  "TH": _l("torstaisin"), "FR": _l("perjantaisin"), "SA": _l("lauantaisin"),
                  "SU": _l("sunnuntaisin"), "EVENING": _l("iltaisin (klo 17 jälkeen)")}
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
    "opening_hours": _l("Aukioloajat"),
    "closures": _l("Tauot ja poikkeukset"),
    "step_free_access": _l("Esteetön kulku"),
    "accessible_toilet": _l("Esteetön WC"),
    "induction_loop": _l("Induktiosilmukka"),
    "public_transport": _l("Julkinen liikenne lähellä"),
    "accessibility_notes": _l("Saavutettavuus: lisätiedot"),
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
PLACE_REASON_LABELS = {
    PlaceReason.REFERRAL_ACCEPTED: _l("ohjaus hyväksytty"),
    PlaceReason.REFERRAL_ENDED: _l("ohjaus päättyi"),
}
