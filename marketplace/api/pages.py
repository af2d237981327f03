"""The API's pages for people: the integrators' guide, the OpenAPI reference, and the coordinator's open-data
tools (the catalogue as a data package, and what imported terms mean here)."""

import tempfile

from flask import flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace import inputs
from marketplace.accounts.permissions import can_moderate
from marketplace.api import docs_bp, openapi
from marketplace.api.forms import MapTermForm
from marketplace.api.hsds import foreign, importer
from marketplace.api.hsds.export import package_zip
from marketplace.clock import today
from marketplace.errors import InvalidInput, NotPermitted
from marketplace.ratelimits import described


@docs_bp.get("/developers/api")
def docs():
    """How a case-management system sends and follows referrals through the API."""
    return render_template("api/docs.html", caller_limit=described("API_LIMIT_PER_CALLER"),
                           client_limit=described("API_LIMIT_PER_CLIENT"))


@docs_bp.get("/developers/api/reference")
def reference():
    """The OpenAPI document as a page: every operation, its parameters and its answers."""
    document = openapi.document()
    groups: dict[str, list] = {}
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            parameters = [openapi.resolve(document, p) for p in shared + operation.get("parameters", [])]
            groups.setdefault(operation["tags"][0], []).append({
                "id": operation["operationId"], "method": method.upper(), "path": path,
                "summary": operation.get("summary", ""), "parameters": parameters,
                "responses": sorted(operation["responses"])})
    return render_template("api/reference.html", document=document, groups=list(groups.items()))


@docs_bp.route("/coordinator/imported-terms", methods=["GET", "POST"])
@login_required
def imported_terms():
    """Terms of other systems' taxonomies that imports brought: a coordinator says what each means here."""
    if not can_moderate(current_user):
        raise NotPermitted(_("Vain alueen koordinaattori voi kertoa, mitä tuodut termit tarkoittavat."))
    form = MapTermForm()
    status = 200
    if form.validate_on_submit():
        try:
            report = importer.map_foreign_term(inputs.integer(form.term_id.data or "", 1), form.meaning.data,
                                               current_user)
        except (InvalidInput, inputs.OutOfRange) as error:
            form.meaning.errors.append(getattr(error, "message", str(error)))
            status = 422
        else:
            flash(_("Tallennettu. Tuotiin %(created)s odottanutta palvelua.", created=report.created + report.updated),
                  "success")
            return redirect(url_for("api_docs.imported_terms"))
    elif form.is_submitted():
        status = 422
    uses = foreign.terms_in_use()
    return render_template("api/imported_terms.html", uses=uses, held=foreign.held_services(), form=form,
                           forms={use.term.id: MapTermForm(formdata=None, term_id=use.term.id,
                                                           meaning=f"{use.term.mapped_taxonomy}:{use.term.mapped_code}"
                                                           if use.term.mapped_code else "") for use in uses}), status


@docs_bp.get("/coordinator/export")
@login_required
def coordinator_export():
    """The published catalogue as an HSDS 3.0 data package (zip), for a regional service directory."""
    archive = tempfile.TemporaryFile()  # no name: gone when closed, after sending or on an error
    try:
        package_zip(current_user, archive)
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    return send_file(archive, mimetype="application/zip", as_attachment=True,
                     download_name=f"kumppanitori-hsds-{today().isoformat()}.zip")
