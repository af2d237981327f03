"""Domain errors and the Finnish error pages they, and HTTP errors, turn into."""

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from marketplace.extensions import db
from marketplace.requestlog import request_id


class DomainError(Exception):
    """A rule of the domain said no; `message` is shown to the user as it is."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        # Every field's messages, when more than one field was wrong (the API answers them all at once).
        self.errors = errors or ({field: [message]} if field else {})


class InvalidInput(DomainError):
    status_code = 422


class NotAuthenticated(DomainError):
    status_code = 401


class NotPermitted(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class Gone(DomainError):
    status_code = 410


class TooManyAttempts(DomainError):
    status_code = 429


ERROR_TITLES = {
    400: _l("Virheellinen pyyntö"),
    401: _l("Kirjaudu sisään"),
    403: _l("Ei käyttöoikeutta"),
    404: _l("Sivua ei löytynyt"),
    405: _l("Toiminto ei ole sallittu"),
    409: _l("Ristiriita"),
    410: _l("Linkki ei ole enää voimassa"),
    413: _l("Lähetys on liian suuri"),
    422: _l("Tietoja ei voitu käsitellä"),
    429: _l("Liian monta yritystä"),
    500: _l("Palvelussa tapahtui virhe"),
    503: _l("Palvelu on hetken ruuhkautunut"),
}

ERROR_MESSAGES = {
    400: _l("Pyyntöä ei voitu käsitellä. Tarkista tiedot ja yritä uudelleen."),
    401: _l("Tämä sivu vaatii kirjautumisen."),
    403: _l("Sinulla ei ole oikeutta tähän sivuun tai toimintoon."),
    404: _l("Etsimääsi sivua ei ole olemassa, tai se on poistettu. Tarkista osoite."),
    405: _l("Tätä toimintoa ei voi tehdä tällä tavalla."),
    409: _l("Tiedot ovat muuttuneet sillä välin. Lataa sivu uudelleen ja yritä uudestaan."),
    410: _l("Linkki on vanhentunut tai jo käytetty."),
    413: _l("Lähettämäsi tiedosto tai lomake on liian suuri."),
    422: _l("Lähettämiäsi tietoja ei voitu käsitellä."),
    429: _l("Liian monta yritystä lyhyessä ajassa. Odota hetki ja yritä uudelleen."),
    500: _l("Pahoittelemme, palvelussa tapahtui odottamaton virhe. Virhe on kirjattu. "
            "Yritä hetken kuluttua uudelleen."),
    503: _l("Moni tallensi tietoja juuri samaan aikaan. Mitään ei tallennettu; "
            "yritä muutaman sekunnin kuluttua uudelleen."),
}

# A write that waited too long for another one, or lost a deadlock: nothing was stored, a retry succeeds.
_BUSY_SQLSTATES = {"40001", "40P01", "55P03"}


def _is_busy(error: OperationalError) -> bool:
    return "database is locked" in str(error.orig) or getattr(error.orig, "sqlstate", None) in _BUSY_SQLSTATES


def render_error(status: int, message: str | None = None, errors: dict[str, list[str]] | None = None):
    """The Finnish error page for `status`, or for the API a JSON body with the message and field errors."""
    title = ERROR_TITLES.get(status, ERROR_TITLES[500 if status >= 500 else 400])
    text = str(message or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500 if status >= 500 else 400]))
    if request.path.startswith("/api/"):
        body = {"status": status, "message": text,
                "errors": {k: [str(m) for m in v] for k, v in (errors or {}).items()}, "request_id": request_id()}
        return jsonify(body), status
    return render_template("errors/error.html", status=status, title=title, message=text), status


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()  # the refused change must not reach a later flush (e.g. while rendering this page)
        response = render_error(error.status_code, error.message, error.errors)
        if error.status_code == 401:
            return (*response, {"WWW-Authenticate": 'Bearer realm="Kumppanitori"'})
        return response

    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        return render_error(
            400,
            _l("Lomakkeen tarkiste puuttui tai vanheni. Palaa edelliselle sivulle, lataa se uudelleen "
               "ja lähetä lomake uudestaan."),
        )

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        response = render_error(error.code)
        if error.code == 405 and error.valid_methods:
            return (*response, {"Allow": ", ".join(error.valid_methods)})
        return response

    @app.errorhandler(OperationalError)
    def handle_busy_database(error: OperationalError):
        if not _is_busy(error):
            raise error
        db.session.rollback()
        return (*render_error(503), {"Retry-After": "5"})

    @app.errorhandler(500)
    def handle_server_error(error):
        return render_error(500)
