"""The rules of the offerings catalogue. Views and commands call these."""

from marketplace.catalog.service.editing import (
    OfferingData,
    check_offering_data,
    create_offering,
    duplicate_offering,
    update_offering,
    upsert_offering,
)
from marketplace.catalog.service.freshness import run_daily
from marketplace.catalog.service.changes import edited_meanwhile, note_edit, require_editor
from marketplace.catalog.service.lifecycle import (
    TRANSITIONS,
    archive_offering,
    can_change_status,
    confirm_offering,
    give_back_place,
    pause_offering,
    publish_offering,
    restore_offering,
    set_open_places,
    take_place,
    unpublish_offering,
)
from marketplace.catalog.service.queries import (
    get_editable_offering,
    get_offering,
    is_stale,
    offering_summary,
    offerings_by_uuids,
    organisation_offerings,
    public_offerings_of,
    public_offerings_query,
    stale_offerings,
)

__all__ = [
    "TRANSITIONS",
    "archive_offering",
    "can_change_status",
    "check_offering_data",
    "confirm_offering",
    "create_offering",
    "duplicate_offering",
    "edited_meanwhile",
    "get_editable_offering",
    "get_offering",
    "give_back_place",
    "is_stale",
    "note_edit",
    "offering_summary",
    "OfferingData",
    "offerings_by_uuids",
    "organisation_offerings",
    "pause_offering",
    "public_offerings_of",
    "public_offerings_query",
    "publish_offering",
    "require_editor",
    "restore_offering",
    "run_daily",
    "set_open_places",
    "stale_offerings",
    "take_place",
    "unpublish_offering",
    "update_offering",
    "upsert_offering",
]
