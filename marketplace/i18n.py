"""The interface language: the user's choice, else the visitor's cookie, else Accept-Language, else Finnish."""

from datetime import date, datetime, time
from pathlib import Path

from flask import Flask, Response, current_app, has_app_context, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from marketplace.clock import today

# Each name in its own language, as a language switch shows them.
LANGUAGES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
DEFAULT = "fi"  # BABEL_DEFAULT_LOCALE
COOKIE = "kieli"
COOKIE_MAX_AGE = 365 * 24 * 3600

_DATE = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMM yyyy"}
_DATETIME = {"fi": "d.M.yyyy 'klo' H.mm", "sv": "d.M.yyyy 'kl.' H.mm", "en": "d MMM yyyy, H:mm"}


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT
    if request.blueprint == "api":  # a program asks in its request, whoever's key it uses
        return request.accept_languages.best_match(LANGUAGES, default=DEFAULT)
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    if request.cookies.get(COOKIE) in LANGUAGES:
        return request.cookies[COOKIE]
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT)


def language() -> str:
    """The language of what is being rendered now: a page's, or an email's under force_locale; Finnish outside."""
    locale = get_locale() if has_app_context() else None
    return locale.language if locale else DEFAULT


def show_date(value: datetime | None) -> str:
    return format_date(value, _DATE.get(language(), _DATE[DEFAULT])) if value else ""


def show_week(value: date | None) -> str:
    """The ISO week number, as Finns plan by it ("7"), with the year when it is not this year's ("7/2027")."""
    if value is None:
        return ""
    year, week, _ = value.isocalendar()
    return str(week) if year == today().isocalendar()[0] else f"{week}/{year}"


def show_clock(value: time | None) -> str:
    """A time of day as each language writes it: 8.30 in Finnish, 8:30 in English; whole hours 14.00."""
    if value is None:
        return ""
    return f"{value.hour}{':' if language() == 'en' else '.'}{value.minute:02d}"


def show_datetime(value: datetime | None) -> str:
    return format_datetime(value, _DATETIME.get(language(), _DATETIME[DEFAULT])) if value else ""


def remember_choice(response: Response, code: str) -> Response:
    """The visitor's cookie; a signed-in user's choice is also kept in the profile (accounts.service)."""
    response.set_cookie(COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


def _vary(response: Response) -> Response:
    """A cache must not hand one language's page to another's reader."""
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def _require_compiled_catalogues(app: Flask) -> None:
    """Without its .mo file a language would show Finnish under lang="sv": refuse to start instead."""
    directory = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    missing = [code for code in LANGUAGES if code != DEFAULT
               and not (directory / code / "LC_MESSAGES" / "messages.mo").exists()]
    if missing:
        raise RuntimeError(f"Translations not compiled for {', '.join(missing)}: run `make i18n-compile`.")


def init_app(app: Flask) -> None:
    from marketplace.extensions import babel

    _require_compiled_catalogues(app)
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(_vary)
