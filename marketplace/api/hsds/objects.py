"""Offerings, organisations and taxonomies as Open Referral HSDS 3.0 objects.

What HSDS has a field for goes in that field; what it does not goes in an attribute of one of our taxonomies
(vocabulary.py), so that nothing the database holds is lost on the way out. Unknown values are left out,
never sent as null: the schema forbids null in most fields.
"""

import json

from flask_babel import gettext as _

from marketplace.accounts.models import Organisation
from marketplace.api.hsds import foreign
from marketplace.api.hsds import vocabulary as v
from marketplace.catalog.labels import ACCESSIBLE_LABELS, FEATURE_LABELS, FUNDING_LABELS
from marketplace.catalog.models import Accessible, DeliveryMode, Offering
from marketplace.catalog.permissions import is_public
from marketplace.catalog.presentation import hours_line
from marketplace.clock import local_date
from marketplace.i18n import language
from marketplace.notifications.service import absolute_url
from marketplace.reference import (
    OFFERING_TYPE,
    TARGET_GROUP,
    find_municipality,
    language_name,
    municipality_centres,
    postcode_municipality,
)

BUSINESS_ID_SCHEME = "FI-PRO"  # org-id.guide: the Finnish Patent and Registration Office, which issues the Y-tunnus


def compact(values: dict) -> dict:
    """Leave out what is unknown: HSDS wants a missing field rather than a null or an empty string."""
    return {key: value for key, value in values.items() if value is not None and value != ""}


# -- taxonomies and attributes

def taxonomy(item: v.Taxonomy) -> dict:
    return compact({"id": item.id, "name": item.name, "description": f"{item.title}: {item.description}",
                    "uri": item.uri, "version": item.version})


def taxonomy_term(term: v.Term, nested: bool = True) -> dict:
    """A term; nested inside an attribute it also carries its taxonomy's details."""
    parent = v.find_taxonomy(term.taxonomy)
    values = compact({
        "id": term.id, "code": term.code, "name": str(term.name), "description": str(term.description),
        "parent_id": term.parent_id, "taxonomy": term.taxonomy, "language": language(),
        "taxonomy_id": parent.id if parent else None, "term_uri": term.term_uri,
    })
    if nested and parent:
        values["taxonomy_detail"] = taxonomy(parent)
    return values


def attribute(link_id, link_entity: str, term: v.Term, value=None) -> dict:
    key = term.id if value is None else f"{term.id}:{value}"
    return compact({
        "id": v.child_id(link_id, "attribute", key), "link_id": str(link_id), "link_type": term.taxonomy,
        "link_entity": link_entity, "taxonomy_term_id": term.id, "value": None if value is None else str(value),
        "taxonomy_term": taxonomy_term(term, nested=False),
    })


def _detail(link_id, name: str, value, link_entity: str = "service") -> dict:
    return attribute(link_id, link_entity, v.fixed_term(v.DETAIL, name), value)


# -- organisations

def _identifiers(organisation: Organisation) -> list[dict]:
    if not organisation.business_id:
        return []
    return [{"id": v.child_id(organisation.uuid, "identifier", "business_id"),
             "organization_id": str(organisation.uuid), "identifier_scheme": BUSINESS_ID_SCHEME,
             "identifier_type": _("Y-tunnus"), "identifier": organisation.business_id}]


def _organisation_attributes(organisation: Organisation) -> list[dict]:
    terms = [v.fixed_term(v.ORGANISATION_KIND, organisation.kind.value)]
    if organisation.municipality_code:
        terms.append(v.fixed_term(v.MUNICIPALITY, organisation.municipality_code))
    return [attribute(organisation.uuid, "organization", term) for term in terms]


def organization_summary(organisation: Organisation) -> dict:
    """The organisation's one-to-one fields (organization_list.json)."""
    return compact({
        "id": str(organisation.uuid),
        "name": organisation.name,
        "description": organisation.description or organisation.name,
        "email": organisation.email,
        "website": organisation.website,
        "tax_id": organisation.business_id,
    })


def organization(organisation: Organisation, services: list[dict] | None = None) -> dict:
    """The whole organisation (organization.json), with its services' ids or, when given, the services."""
    values = organization_summary(organisation) | {
        "organization_identifiers": _identifiers(organisation),
        "attributes": _organisation_attributes(organisation),
    }
    if services is not None:
        values["services"] = services
    return values


# -- services

def _texts(offering: Offering):
    """The texts shown (in the language asked for, where the provider wrote it) and the other versions."""
    shown, *others = sorted(offering.all_texts(), key=lambda texts: texts.language != language())
    return shown, others


def service_summary(offering: Offering) -> dict:
    """The service's one-to-one fields and its organisation (service_list.json)."""
    shown, _others = _texts(offering)
    fees = _("Maksuton asiakkaalle.") if offering.free_for_jobseeker else offering.jobseeker_cost
    return compact({
        "id": str(offering.uuid),
        "organization_id": str(offering.organisation.uuid),
        "name": shown.title,
        "description": shown.description or shown.summary,
        "url": absolute_url("catalog.offering", offering_uuid=offering.uuid),
        "email": offering.contact_email,
        "status": "active" if is_public(offering) else "inactive",
        "application_process": offering.how_to_apply,
        "fees_description": fees,
        "eligibility_description": offering.eligibility,
        "minimum_age": offering.min_age,
        "maximum_age": offering.max_age,
        "assured_date": local_date(offering.confirmed_at).isoformat(),
        "last_modified": offering.updated_at.isoformat(timespec="microseconds"),
        "language": shown.language,
        "organization": organization_summary(offering.organisation),
    })


def service(offering: Offering) -> dict:
    """The fully nested service (service.json), its organisation nested too."""
    service_id = str(offering.uuid)
    located = location(offering)
    return service_summary(offering) | {
        "organization": organization(offering.organisation),
        "service_areas": [_service_area(offering, code) for code in offering.municipality_codes],
        "languages": [{"id": v.child_id(offering.uuid, "language", code), "service_id": service_id,
                       "name": language_name(code), "code": code} for code in offering.language_codes],
        "contacts": [compact({"id": v.child_id(offering.uuid, "contact", "main"), "service_id": service_id,
                              "name": offering.contact_name, "email": offering.contact_email})]
        if offering.contact_name or offering.contact_email else [],
        "phones": [{"id": v.child_id(offering.uuid, "phone", "main"), "service_id": service_id,
                    "number": offering.contact_phone}] if offering.contact_phone else [],
        "schedules": schedules(offering),
        "funding": [_funding(offering)],
        "cost_options": _cost_options(offering),
        "service_at_locations": [service_at_location(offering, located)] if located else [],
        "attributes": _service_attributes(offering),
    }


def schedules(offering: Offering) -> list[dict]:
    """The free text, each weekly rule (iCal WEEKLY with BYDAY, local Finnish times) and each break (marked
    with the "closed" detail, over valid_from–valid_to)."""
    service_id = str(offering.uuid)
    found = [{"id": v.child_id(offering.uuid, "schedule", "text"), "service_id": service_id,
              "description": offering.schedule}] if offering.schedule else []
    for rule in offering.weekly_hours:
        found.append({"id": v.child_id(offering.uuid, "schedule", rule.line()), "service_id": service_id,
                      "freq": "WEEKLY", "wkst": "MO", "byday": ",".join(rule.days),
                      "opens_at": f"{rule.opens:%H:%M}", "closes_at": f"{rule.closes:%H:%M}",
                      "description": hours_line(rule)})
    for item in offering.breaks:
        schedule_id = v.child_id(offering.uuid, "schedule", item.line())
        found.append({"id": schedule_id, "service_id": service_id, "valid_from": item.first.isoformat(),
                      "valid_to": item.last.isoformat(), "description": item.reason or _("Suljettu"),
                      "attributes": [_detail(schedule_id, "closed", None, "schedule")]})
    return found


def _accessibility(offering: Offering, location_id: str) -> list[dict]:
    """What the provider has said of the premises: one entry a known feature, and the notes."""
    found = []
    for name, value in offering.accessibility().items():
        if value is not Accessible.UNKNOWN:
            entry_id = v.child_id(offering.uuid, "accessibility", name)
            found.append({"id": entry_id, "location_id": location_id,
                          "description": f"{FEATURE_LABELS[name]}: {ACCESSIBLE_LABELS[value]}",
                          "attributes": [_detail(entry_id, name, value.value, "accessibility")]})
    if offering.accessibility_notes:
        entry_id = v.child_id(offering.uuid, "accessibility", "notes")
        found.append({"id": entry_id, "location_id": location_id, "description": offering.accessibility_notes,
                      "attributes": [_detail(entry_id, "accessibility_notes", None, "accessibility")]})
    return found


def _service_area(offering: Offering, code: str) -> dict:
    area_id = v.child_id(offering.uuid, "area", code)
    term = v.fixed_term(v.MUNICIPALITY, code)
    return {"id": area_id, "service_id": str(offering.uuid), "name": str(term.name), "extent_type": "other",
            "uri": term.term_uri, "attributes": [attribute(area_id, "service_area", term)]}


def _funding(offering: Offering) -> dict:
    funding_id = v.child_id(offering.uuid, "funding", "main")
    attributes = [attribute(funding_id, "funding", v.fixed_term(v.FUNDING_SOURCE, offering.funding_source.value))]
    if offering.funding_ends_on:
        attributes.append(_detail(funding_id, "funding_ends_on", offering.funding_ends_on.isoformat(), "funding"))
    return {"id": funding_id, "service_id": str(offering.uuid), "source": str(FUNDING_LABELS[offering.funding_source]),
            "attributes": attributes}


def _cost_options(offering: Offering) -> list[dict]:
    def option(kind: str, **values) -> dict:
        option_id = v.child_id(offering.uuid, "cost", kind)
        return compact({"id": option_id, "service_id": str(offering.uuid), "currency": "EUR", **values}) | {
            "attributes": [_detail(option_id, kind, None, "cost_option")]}

    options = [option("jobseeker_cost", option=_("Asiakkaalle"), amount=0 if offering.free_for_jobseeker else None,
                      amount_description=_("Maksuton") if offering.free_for_jobseeker else offering.jobseeker_cost)]
    if offering.municipality_price:
        options.append(option("municipality_price", option=_("Kunnalle tai ostajalle"),
                              amount_description=offering.municipality_price))
    return options


def _service_attributes(offering: Offering) -> list[dict]:
    service_id = offering.uuid
    shown, others = _texts(offering)
    terms = [v.find_fixed_term(OFFERING_TYPE, offering.offering_type)] + [
        v.find_fixed_term(TARGET_GROUP, code) for code in offering.target_group_codes]
    attributes = [attribute(service_id, "service", term) for term in terms if term]
    details = {
        "summary": shown.summary, "plain_language_summary": shown.plain_language_summary,
        "content_language": offering.content_language, "confirmed_at": offering.confirmed_at.isoformat(),
        "delivery_mode": offering.delivery_mode.value,
        "intake": offering.intake.value, "capacity_total": offering.capacity_total,
        "open_places": offering.open_places, "duration_weeks": offering.duration_weeks,
    }
    attributes += [_detail(service_id, name, value) for name, value in details.items() if value not in (None, "")]
    attributes += [_detail(service_id, "start_date", day.isoformat()) for day in offering.start_date_values]
    attributes += [_detail(service_id, "translation", json.dumps(
        {"language": texts.language, "name": texts.title, "summary": texts.summary,
         "description": texts.description, "plain_language_summary": texts.plain_language_summary},
        ensure_ascii=False, sort_keys=True)) for texts in others]
    for carried in offering.foreign_terms:  # another system's terms, as they came
        attributes.append(attribute(service_id, "service", foreign.as_term(carried.term), carried.value or None))
    for offering_unit in offering.learning_units:
        unit_term = v.unit_term(offering_unit.unit)
        attributes.append(attribute(service_id, "service", unit_term, offering_unit.tasks))
        attributes += [attribute(service_id, "service", v.requirement_term(requirement, unit_term))
                       for requirement in offering_unit.unit.requirements
                       if requirement.id in offering_unit.requirement_ids]
    return attributes


# -- locations

def _location_municipality(offering: Offering) -> str | None:
    code = postcode_municipality(offering.postal_code) if offering.postal_code else None
    return code or next(iter(offering.municipality_codes), None)


def location(offering: Offering) -> dict | None:
    """Where the offering takes place, if it has a street address and is not remote only.

    The coordinates are the centre of the address's municipality (MML), not of the address: the profile says so.
    """
    if offering.delivery_mode is DeliveryMode.REMOTE or not (
            offering.street_address and offering.postal_code and offering.post_office):
        return None
    location_id = v.child_id(offering.uuid, "location", "main")
    code = _location_municipality(offering)
    municipality = find_municipality(code) if code else None
    latitude, longitude = municipality_centres().get(code, (None, None)) if code else (None, None)
    address = compact({
        "id": v.child_id(offering.uuid, "address", "main"), "location_id": location_id,
        "address_1": offering.street_address, "city": offering.post_office,
        "state_province": municipality.region_fi if municipality else "-", "postal_code": offering.postal_code,
        "country": "FI", "address_type": "physical",
    })
    return compact({
        "id": location_id, "location_type": "physical", "organization_id": str(offering.organisation.uuid),
        "name": f"{offering.street_address}, {offering.postal_code} {offering.post_office}",
        "latitude": latitude, "longitude": longitude, "addresses": [address],
        "accessibility": _accessibility(offering, location_id),
    })


def service_at_location(offering: Offering, located: dict | None = None, with_service: bool = False) -> dict:
    located = located or location(offering)
    values = {"id": v.service_at_location_id(offering.uuid), "service_id": str(offering.uuid),
              "location_id": located["id"], "location": located}
    if with_service:
        values["service"] = service_summary(offering)
    return values
