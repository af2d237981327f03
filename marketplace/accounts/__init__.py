"""Accounts: organisations, users, memberships, invitations and coordinator verification."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from marketplace.accounts.views import auth, coordinator, members, organisations, tokens  # noqa: E402,F401
