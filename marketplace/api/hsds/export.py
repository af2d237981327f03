"""The published catalogue as HSDS 3.0 files, written as a stream: a tabular data package (datapackage.json
and a CSV per table) or a JSON list of fully nested services."""

import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.accounts.permissions import can_moderate
from marketplace.api.hsds import listings, objects
from marketplace.api.hsds import vocabulary as v
from marketplace.api.hsds.datapackage import PackageWriter
from marketplace.api.hsds.params import Params
from marketplace.errors import NotPermitted


def public_count() -> int:
    return listings.offerings_page(Params(per_page=1)).total


def write_json(out: IO[str], written: Callable[[], object] | None = None) -> int:
    """Write every public service, fully nested, as one JSON list; return how many (memory stays flat)."""
    count = 0
    out.write("[")
    for offering in listings.all_offerings(Params()):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(objects.service(offering), ensure_ascii=False, sort_keys=True))
        count += 1
        if written:
            written()
    out.write("\n]\n" if count else "]\n")
    return count


def write_package(folder: Path, written: Callable[[], object] | None = None) -> dict[str, int]:
    """Write every public service into `folder` as an HSDS data package; return the rows of each table."""
    writer = PackageWriter(folder)
    for taxonomy in v.TAXONOMIES:
        writer.add(objects.taxonomy(taxonomy), "taxonomy.json")
    for offering in listings.all_offerings(Params()):
        writer.add(objects.service(offering))
        if written:
            written()
    return writer.close()


def package_zip(actor: User, out: IO[bytes]) -> None:
    """Write the data package as a zip into `out`, for a coordinator's download."""
    if not can_moderate(actor):
        raise NotPermitted(_("Vain alueen koordinaattori voi ladata koko palveluluettelon tiedostona."))
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        write_package(Path(folder))
        for written in sorted(Path(folder).iterdir()):
            archive.write(written, written.name)
