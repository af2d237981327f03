"""Accounts: organisations, users, memberships, invitations and coordinator verification."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from marketplace.accounts.views import auth, coordinator, members, organisations  # noqa: E402,F401
