"""Small helpers shared by the HTML views of every domain."""

import unicodedata
from urllib.parse import urlsplit

from flask import render_template, request
from flask_wtf import FlaskForm

from marketplace.errors import DomainError
from marketplace.extensions import db


def render_form(template: str, form: FlaskForm, status: int | None = None, **context):
    """Render a form page; a submitted form with errors answers 422, so a failed POST never looks like success."""
    if status is None:
        status = 422 if form.is_submitted() and form.errors else 200
    return render_template(template, form=form, **context), status


def show_error(form: FlaskForm, error: DomainError) -> None:
    """Put a domain error beside its fields, or at the top of the form; what the refused change staged is dropped."""
    db.session.rollback()
    for name, messages in error.errors.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, *messages]
        else:
            form.form_errors.extend(messages)
    if not error.errors:
        form.form_errors.append(error.message)


def safe_next_url(default: str) -> str:
    """The `next` parameter (query or form) if it is a path on this site, else `default`.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/\t/evil.example"
    would leave the site: any whitespace, control or invisible character, or backslash refuses the target.
    """
    target = request.values.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(char.isspace() or unicodedata.category(char)[0] in "CZ" for char in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
