"""Offerings and organisations as Open Referral HSDS 3.0 objects."""

from uuid import NAMESPACE_URL, UUID, uuid5

from flask_babel import gettext as _

from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering
from marketplace.catalog.permissions import is_public
from marketplace.i18n import language
from marketplace.notifications.service import absolute_url
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, find_term, language_name, municipality_name

_NAMESPACE = uuid5(NAMESPACE_URL, "https://kumppanitori.fi/hsds")


def _child_id(parent: UUID, kind: str, key: str) -> str:
    """Stable ids for nested objects that have no row of their own."""
    return str(uuid5(_NAMESPACE, f"{parent}:{kind}:{key}"))


def organization(organisation: Organisation) -> dict:
    return {
        "id": str(organisation.uuid),
        "name": organisation.name,
        "description": organisation.description or organisation.name,
        "email": organisation.email or None,
        "website": organisation.website,
    }


def taxonomy_term(term) -> dict:
    return {"id": term.id, "code": term.code, "name": term.name, "description": term.description,
            "taxonomy": term.taxonomy, "language": "fi"}


def service(offering: Offering) -> dict:
    """The HSDS 3.0 service object of an offering, with its organisation nested.

    Name and description are in the language the client asked for (Accept-Language) where the provider wrote
    one, else in the offering's own; `translations` lists the other versions by language (an extension field).
    """
    service_id = str(offering.uuid)
    shown, *others = sorted(offering.all_texts(), key=lambda texts: texts.language != language())
    terms = [find_term(OFFERING_TYPE, offering.offering_type)] + [
        find_term(TARGET_GROUP, code) for code in offering.target_group_codes]
    fees = _("Maksuton asiakkaalle.") if offering.free_for_jobseeker else offering.jobseeker_cost
    return {
        "id": service_id,
        "organization_id": str(offering.organisation.uuid),
        "name": shown.title,
        "alternate_name": None,
        "description": shown.description or shown.summary,
        "language": shown.language,
        "translations": {texts.language: {"name": texts.title, "description": texts.description or texts.summary}
                         for texts in others},
        "url": absolute_url("catalog.offering", offering_uuid=offering.uuid),
        "email": offering.contact_email or None,
        "status": "active" if is_public(offering) else "inactive",
        "application_process": offering.how_to_apply or None,
        "fees_description": fees or None,
        "eligibility_description": offering.eligibility or None,
        "minimum_age": offering.min_age,
        "maximum_age": offering.max_age,
        "last_modified": offering.confirmed_at.isoformat(),
        "organization": organization(offering.organisation),
        "service_areas": [
            {"id": _child_id(offering.uuid, "area", code), "service_id": service_id,
             "name": municipality_name(code), "extent_type": "other"}
            for code in offering.municipality_codes
        ],
        "languages": [
            {"id": _child_id(offering.uuid, "language", code), "service_id": service_id,
             "name": language_name(code), "code": code}
            for code in offering.language_codes
        ],
        "contacts": [
            {"id": _child_id(offering.uuid, "contact", "main"), "service_id": service_id,
             "name": offering.contact_name or None, "email": offering.contact_email or None}
        ] if offering.contact_name or offering.contact_email else [],
        "phones": [
            {"id": _child_id(offering.uuid, "phone", "main"), "service_id": service_id,
             "number": offering.contact_phone}
        ] if offering.contact_phone else [],
        "attributes": [
            {"id": _child_id(offering.uuid, "attribute", term.id), "link_id": service_id, "link_type": "service",
             "link_entity": "service", "taxonomy_term_id": term.id, "taxonomy_term": taxonomy_term(term)}
            for term in terms if term
        ],
    }
