"""Personal access tokens: created on the profile page or by command, shown once, stored hashed, revocable."""

import hashlib
import re

from sqlalchemy import select

from marketplace.accounts.models import ApiToken, MemberRole
from marketplace.extensions import db


def test_token_is_created_on_the_profile_page_and_shown_once(client, login, make_org, make_user):
    org = make_org(name="Salon työllisyyspalvelut")
    user = make_user(org=org)
    login(user)
    profile = client.get("/account").get_data(as_text=True)
    assert "Rajapinta-avaimet" in profile and "Luo avain" in profile
    response = client.post("/account/tokens",
                           data={"token-name": "Asiakastietojärjestelmä", "token-organisation": str(org.uuid)})
    assert response.status_code == 201
    plain = re.search(r'id="new-token"[^>]*value="(kt_[^"]+)"', response.get_data(as_text=True)).group(1)
    [token] = db.session.scalars(select(ApiToken)).all()
    assert token.token_hash == hashlib.sha256(plain.encode()).hexdigest() and plain not in token.token_hash
    assert (token.user, token.organisation, token.name) == (user, org, "Asiakastietojärjestelmä")
    again = client.get("/account").get_data(as_text=True)
    assert plain not in again and token.prefix in again and "Asiakastietojärjestelmä" in again
    assert client.get("/api/v1/referrals", headers={"Authorization": f"Bearer {plain}"}).status_code == 200


def test_token_needs_a_name_and_an_organisation_of_ones_own(client, login, make_org, make_user):
    own, other = make_org(), make_org()
    login(make_user(org=own))
    missing = client.post("/account/tokens", data={"token-name": "", "token-organisation": str(own.uuid)})
    assert missing.status_code == 422 and "Tämä tieto on pakollinen" in missing.get_data(as_text=True)
    foreign = client.post("/account/tokens", data={"token-name": "Kaappaus", "token-organisation": str(other.uuid)})
    assert foreign.status_code == 422  # not among the choices
    assert db.session.scalars(select(ApiToken)).all() == []


def test_revoking_a_token(client, login, make_org, make_user):
    org = make_org()
    login(make_user(org=org))
    page = client.post("/account/tokens", data={"token-name": "Vanha järjestelmä", "token-organisation": str(org.uuid)})
    plain = re.search(r'value="(kt_[^"]+)"', page.get_data(as_text=True)).group(1)
    token = db.session.scalars(select(ApiToken)).one()
    response = client.post(f"/account/tokens/{token.id}/revoke")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account#tokens")
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    assert "Peruttu" in client.get("/account").get_data(as_text=True)
    assert client.get("/api/v1/referrals", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_tokens_create_command_prints_a_token(runner, make_org, make_user):
    org = make_org(name="Salon työllisyyspalvelut")
    make_user(email="aino@salo.fi", org=org, role=MemberRole.ADMIN)
    result = runner.invoke(args=["tokens", "create", "aino@salo.fi", "--name", "Integraatio"])
    assert result.exit_code == 0, result.output
    plain = result.output.strip().splitlines()[-1]
    assert plain.startswith("kt_")
    token = db.session.scalars(select(ApiToken)).one()
    assert token.token_hash == hashlib.sha256(plain.encode()).hexdigest() and token.name == "Integraatio"


def test_tokens_create_command_explains_problems(runner, make_org, make_user):
    first, second = make_org(), make_org()
    user = make_user(email="kaksi@example.fi", org=first)
    from marketplace.accounts import service as accounts

    accounts.add_member(second, user)
    assert "No user" in runner.invoke(args=["tokens", "create", "ei@example.fi", "--name", "X"]).output
    several = runner.invoke(args=["tokens", "create", "kaksi@example.fi", "--name", "X"])
    assert several.exit_code == 1 and "--organisation" in several.output
    chosen = runner.invoke(args=["tokens", "create", "kaksi@example.fi", "--name", "X",
                                 "--organisation", str(second.uuid)])
    assert chosen.exit_code == 0 and db.session.scalars(select(ApiToken)).one().organisation == second


def test_api_documentation_page(client):
    page = client.get("/developers/api").get_data(as_text=True)
    assert "Idempotency-Key" in page and "/api/v1/referrals/{id}/transitions" in page
