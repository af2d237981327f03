"""Creating, editing and duplicating offerings; every change is kept field by field."""

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Organisation, User
from marketplace.catalog import hours
from marketplace.catalog.models import (
    ACCESSIBILITY_FEATURES,
    TRANSLATED_TEXTS,
    Accessible,
    DeliveryMode,
    FundingSource,
    Intake,
    Offering,
    OfferingLanguage,
    OfferingMunicipality,
    OfferingStartDate,
    OfferingStatus,
    OfferingTargetGroup,
    OfferingTranslation,
)
from marketplace.catalog.permissions import can_manage_offerings
from marketplace.catalog.service.changes import edited_meanwhile, mark_current, record_change, require_editor
from marketplace.catalog.service.completeness import IMPORT_MAY_LACK, missing_for_publishing
from marketplace.catalog.service.lifecycle import set_imported_status
from marketplace.catalog.signals import places_freed
from marketplace.clock import utcnow
from marketplace.database import check_texts, commit_or_conflict
from marketplace.errors import Conflict, InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.reference import (
    CONTENT_LANGUAGES,
    OFFERING_TYPE,
    TARGET_GROUP,
    current_codes,
    find_municipality,
    find_term,
    language_names,
)
from marketplace.validators import phone_number


@dataclass
class TranslationData:
    """An offering's texts in one more language."""

    title: str
    summary: str = ""
    description: str = ""
    plain_language_summary: str = ""


@dataclass
class OfferingData:
    """Everything a provider writes about an offering; the form, the API and imports fill it."""

    title: str
    summary: str
    offering_type: str
    target_groups: list[str]
    languages: list[str]
    municipalities: list[str]
    description: str = ""
    plain_language_summary: str = ""
    content_language: str = "fi"
    eligibility: str = ""
    min_age: int | None = None
    max_age: int | None = None
    delivery_mode: DeliveryMode = DeliveryMode.ON_SITE
    street_address: str = ""
    postal_code: str = ""
    post_office: str = ""
    step_free_access: Accessible = Accessible.UNKNOWN
    accessible_toilet: Accessible = Accessible.UNKNOWN
    induction_loop: Accessible = Accessible.UNKNOWN
    public_transport: Accessible = Accessible.UNKNOWN
    accessibility_notes: str = ""
    schedule: str = ""
    opening_hours: str = ""  # canonical text (marketplace.catalog.hours)
    closures: str = ""
    duration_weeks: int | None = None
    intake: Intake = Intake.CONTINUOUS
    start_dates: list[date] = field(default_factory=list)
    how_to_apply: str = ""
    free_for_jobseeker: bool = True
    jobseeker_cost: str = ""
    municipality_price: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    capacity_total: int | None = None
    open_places: int | None = None
    funding_source: FundingSource = FundingSource.OWN_FUNDS
    funding_ends_on: date | None = None
    # language → texts; None (an import that carries none) leaves the offering's translations as they are
    translations: dict[str, TranslationData] | None = field(default_factory=dict)

    @classmethod
    def of(cls, offering: Offering) -> "OfferingData":
        """The data of an existing offering (for the edit form and for duplicating)."""
        values = {f.name: getattr(offering, f.name) for f in fields(cls) if f.name not in _LISTS}
        return cls(
            **values,
            target_groups=offering.target_group_codes,
            languages=offering.language_codes,
            municipalities=offering.municipality_codes,
            start_dates=offering.start_date_values,
            translations={t.language: TranslationData(*(getattr(t, name) for name in TRANSLATED_TEXTS))
                          for t in offering.translations},
        )


_LISTS = {"target_groups", "languages", "municipalities", "start_dates", "translations"}


def check_offering_data(data: OfferingData, *, complete: bool = True) -> None:
    """The rules every offering follows, whoever writes it (form, API or import). A draft (`complete` False) may
    leave out what publishing needs; what it gives must still be right."""
    check_texts(Offering, data)
    data.contact_phone = phone_number(data.contact_phone, "contact_phone")
    if not data.title.strip():
        raise InvalidInput(_("Anna palvelulle nimi."), "title")
    if data.offering_type and find_term(OFFERING_TYPE, data.offering_type) is None:
        raise InvalidInput(_("Tuntematon palvelun tyyppi: %(code)s.", code=data.offering_type), "offering_type")
    if any(find_term(TARGET_GROUP, code) is None for code in data.target_groups):
        raise InvalidInput(_("Valitse kohderyhmät luettelosta."), "target_groups")
    if data.content_language not in CONTENT_LANGUAGES:
        raise InvalidInput(_("Valitse tekstien kieli: suomi, ruotsi tai englanti."), "content_language")
    if any(code not in language_names() for code in data.languages):
        raise InvalidInput(_("Valitse palvelukielet luettelosta."), "languages")
    if any(find_municipality(code) is None for code in data.municipalities):
        raise InvalidInput(_("Valitse kunnat luettelosta."), "municipalities")
    if complete:
        missing = {name: messages for name, messages in missing_for_publishing(data).items()
                   if name not in IMPORT_MAY_LACK}
        if missing:
            raise InvalidInput(next(iter(missing.values()))[0] if len(missing) == 1
                               else _("Täydennä palvelun tiedot."), errors=missing)
    data.municipalities = current_codes(data.municipalities)  # Pertunmaa is Mäntyharju since 2025
    if data.capacity_total is not None and data.capacity_total < 0:
        raise InvalidInput(_("Paikkamäärä ei voi olla negatiivinen."), "capacity_total")
    if data.open_places is not None and (
        data.open_places < 0 or (data.capacity_total is not None and data.open_places > data.capacity_total)
    ):
        raise InvalidInput(
            _("Vapaita paikkoja ei voi olla enemmän kuin paikkoja yhteensä, eikä alle nollan."), "open_places"
        )
    if data.min_age is not None and data.max_age is not None and data.min_age > data.max_age:
        raise InvalidInput(_("Yläikäraja ei voi olla pienempi kuin alaikäraja."), "max_age")
    data.opening_hours = hours.normalised_hours(data.opening_hours)
    data.closures = hours.normalised_breaks(data.closures)
    for name in ACCESSIBILITY_FEATURES:
        if getattr(data, name) not in set(Accessible):
            raise InvalidInput(_("Saavutettavuustieto on kyllä, ei tai ei tiedossa."), name)
        setattr(data, name, Accessible(getattr(data, name)))
    for language, texts in (data.translations or {}).items():
        _check_translation(language, texts, data.content_language)


def _check_translation(language: str, texts: TranslationData, content_language: str) -> None:
    """A translation's fields are named like the form's: title_sv, summary_sv…"""
    if language not in CONTENT_LANGUAGES:
        raise InvalidInput(_("Käännöksen kieli voi olla suomi, ruotsi tai englanti."), "translations")
    if language == content_language:
        raise InvalidInput(_("Palvelun tekstit on jo kirjoitettu tällä kielellä: jätä tämä käännös tyhjäksi."),
                           f"title_{language}")
    try:
        check_texts(OfferingTranslation, texts)
    except InvalidInput as error:
        raise InvalidInput(error.message, errors={f"{name}_{language}": messages
                                                  for name, messages in error.errors.items()}) from error
    if not texts.title:
        raise InvalidInput(_("Anna käännökselle myös palvelun nimi."), f"title_{language}")
    if not texts.summary:
        raise InvalidInput(_("Anna käännökselle myös lyhyt kuvaus."), f"summary_{language}")


def _raw(value) -> str:
    """A value as stored in the history: codes and ISO dates, lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(sorted(_raw(item) for item in value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _snapshot(offering: Offering) -> dict[str, str]:
    """Every field as the history stores it; a translation's texts as "title.sv", "summary.sv"…"""
    data = OfferingData.of(offering)
    values = {name: _raw(value) for name, value in asdict(data).items() if name != "translations"}
    for language in CONTENT_LANGUAGES:
        texts = data.translations.get(language)
        values.update({f"{name}.{language}": getattr(texts, name) if texts else "" for name in TRANSLATED_TEXTS})
    return values


def _sync(collection: list, wanted: list, key: str, make) -> None:
    """Make a child collection hold exactly `wanted`, touching only what differs."""
    for row in [row for row in collection if getattr(row, key) not in wanted]:
        collection.remove(row)
    present = {getattr(row, key) for row in collection}
    collection.extend(make(value) for value in dict.fromkeys(wanted) if value not in present)


def _apply(offering: Offering, data: OfferingData) -> None:
    for name, value in asdict(data).items():
        if name not in _LISTS:
            setattr(offering, name, value.strip() if isinstance(value, str) else value)
    _sync(offering.target_groups, data.target_groups, "code", lambda code: OfferingTargetGroup(code=code))
    _sync(offering.languages, data.languages, "code", lambda code: OfferingLanguage(code=code))
    _sync(offering.municipalities, data.municipalities, "code", lambda code: OfferingMunicipality(code=code))
    _sync(offering.start_dates, data.start_dates, "starts_on", lambda day: OfferingStartDate(starts_on=day))
    if data.translations is None:  # kept, but never one in the language the offering itself is now written in
        data.translations = {t.language: TranslationData(*(getattr(t, name) for name in TRANSLATED_TEXTS))
                             for t in offering.translations if t.language != data.content_language}
    _sync(offering.translations, list(data.translations), "language", lambda code: OfferingTranslation(language=code))
    for translation in offering.translations:
        for name, value in asdict(data.translations[translation.language]).items():
            setattr(translation, name, value.strip())


def create_offering(organisation: Organisation, data: OfferingData, actor: User) -> Offering:
    """Save a new offering as a draft; any member may prepare drafts, even before verification."""
    if not can_manage_offerings(actor, organisation):
        raise NotPermitted(_("Vain organisaation jäsenet voivat lisätä sille palveluja."))
    check_offering_data(data, complete=False)
    offering = Offering(organisation=organisation, status=OfferingStatus.DRAFT, created_by=actor)
    _apply(offering, data)
    mark_current(offering, actor)
    record_change(offering, "created", "", data.title, actor)
    db.session.add(offering)
    db.session.commit()
    return offering


def update_offering(
    offering: Offering, data: OfferingData, actor: User, expected_version: int | None = None
) -> list[str]:
    """Save the provider's edits; return the names of the fields that changed."""
    require_editor(offering, actor)
    if expected_version is not None and expected_version != offering.version:
        raise Conflict(edited_meanwhile())
    check_offering_data(data, complete=offering.status is not OfferingStatus.DRAFT)
    before = _snapshot(offering)
    _apply(offering, data)
    after = _snapshot(offering)
    changed = [name for name in after if after[name] != before[name]]
    for name in changed:
        record_change(offering, name, before[name], after[name], actor)
    if "funding_ends_on" in changed:
        offering.funding_notice_sent_at = None
    if before["open_places"] and int(after["open_places"] or 0) > int(before["open_places"]):
        places_freed.send(offering, by=actor)
    mark_current(offering, actor)
    commit_or_conflict(edited_meanwhile())
    return changed


def duplicate_offering(offering: Offering, actor: User) -> Offering:
    """Copy an offering into a new draft of the same organisation."""
    require_editor(offering, actor)
    data = OfferingData.of(offering)
    data.title = _("%(title)s (kopio)", title=offering.title)[:200]
    return create_offering(offering.organisation, data, actor)


def _comparable(data: OfferingData, kept_translations: dict | None = None) -> dict:
    """The data as stored: texts stripped, lists in order; translations None means those kept."""
    values = asdict(data)
    if data.translations is None:
        values["translations"] = {code: asdict(texts) for code, texts in (kept_translations or {}).items()}
    return {name: sorted(value) if isinstance(value, list) else value.strip() if isinstance(value, str) else value
            for name, value in values.items()}


def upsert_offering(organisation: Organisation, offering_uuid, data: OfferingData, status: OfferingStatus,
                    confirmed_at: datetime | None = None,
                    updated_at: datetime | None = None) -> tuple[Offering, bool | None]:
    """Create or update an offering from a trusted data exchange (HSDS import), and say whether it was new
    (True), changed (False) or already said what the file says (None).

    No acting user and no commit: the importer commits the whole file at once. The change is recorded
    in the history as one "imported" row rather than field by field. The source's times of the last
    confirmation and change are kept (a copy of a catalogue says what the original says); without them, now.
    """
    check_offering_data(data)
    with db.session.no_autoflush:  # the importer flushes in batches
        offering = db.session.scalar(select(Offering).where(Offering.uuid == offering_uuid))
    created = offering is None
    if created:  # a new offering starts where the file says, as a new draft starts as a draft
        offering = Offering(uuid=offering_uuid, organisation=organisation, status=status,
                            published_at=utcnow() if status is OfferingStatus.PUBLISHED else None)
        db.session.add(offering)
    elif (offering.organisation_id == organisation.id and offering.status is status
          and _comparable(OfferingData.of(offering)) == _comparable(data, OfferingData.of(offering).translations)
          and offering.confirmed_at == (confirmed_at or offering.confirmed_at)
          and offering.updated_at == (updated_at or offering.updated_at)):
        return offering, None
    else:
        set_imported_status(offering, status)
    offering.organisation = organisation
    _apply(offering, data)
    mark_current(offering, None)
    if confirmed_at:
        offering.confirmed_at = confirmed_at
    if updated_at:
        offering.updated_at = updated_at
    record_change(offering, "imported", "", data.title, None)
    return offering, created
