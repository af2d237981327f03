"""Fixtures of the catalogue's tests: a provider organisation and a logged-in member of it."""

import pytest

from marketplace.accounts.models import MemberRole


@pytest.fixture
def org(make_org):
    return make_org(name="Salon Työpajat ry")


@pytest.fixture
def member(make_user, org, login):
    user = make_user(org=org, role=MemberRole.MEMBER)
    login(user)
    return user
