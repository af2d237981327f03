"""What an offering needs before it is published; a draft is saved with only its name."""

from flask_babel import gettext as _

from marketplace.catalog.models import DeliveryMode

# The form and publishing ask for these; an imported service may lack them (HSDS allows it).
IMPORT_MAY_LACK = ("postal_code", "post_office", "contact_name", "contact_email")


def missing_for_publishing(data) -> dict[str, list[str]]:
    """What an offering (or its OfferingData) needs before coaches see it, by field; a draft saves without these."""
    missing = {}
    if not data.summary.strip():
        missing["summary"] = [_("Kirjoita lyhyt kuvaus: se näkyy hakutuloksissa.")]
    if not data.offering_type:
        missing["offering_type"] = [_("Valitse palvelun tyyppi.")]
    if not data.target_groups:
        missing["target_groups"] = [_("Valitse vähintään yksi kohderyhmä.")]
    if not data.languages:
        missing["languages"] = [_("Valitse vähintään yksi kieli.")]
    if not data.municipalities:
        missing["municipalities"] = [_("Valitse vähintään yksi kunta.")]
    if not data.contact_name.strip():
        missing["contact_name"] = [_("Kerro yhteyshenkilö, jolta valmentaja voi kysyä palvelusta.")]
    if not data.contact_email.strip():
        missing["contact_email"] = [_("Anna yhteyshenkilön sähköpostiosoite.")]
    if data.delivery_mode is not DeliveryMode.REMOTE:
        for name in ("postal_code", "post_office"):
            if not getattr(data, name).strip():
                missing[name] = [_("Kerro, missä palvelu järjestetään (tai valitse etäpalvelu).")]
    return missing
