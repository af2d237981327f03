"""Redirects after login stay on this site, whatever the `next` parameter holds."""

from urllib.parse import quote

import pytest

from tests.helpers import PASSWORD

# The usual open-redirect bypasses: what a browser would read as another host or a script.
HOSTILE_NEXT = [
    "//evil.example/kirjaudu",
    "/\t/evil.example/kirjaudu",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/ /evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "//evil.example@kumppanitori.test/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\x00/evil.example",
    "/\u200b/evil.example",
    "/\u3000/evil.example",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.fixture
def user(make_user, make_org):
    return make_user(email="aino@example.fi", org=make_org())


@pytest.mark.parametrize("encode", [False, True], ids=["raw", "percent-encoded"])
def test_login_never_redirects_off_the_site(app, client, user, encode):  # client: each request its own context
    escaped = []
    for target in HOSTILE_NEXT:
        query = quote(target, safe="") if encode else target
        response = app.test_client().post(f"/login?next={query}", data={"email": user.email, "password": PASSWORD})
        if "\x00" in target:  # refused before any view: nobody types a NUL
            if response.status_code != 400 or "Location" in response.headers:
                escaped.append(target)
        elif response.status_code != 302 or response.headers["Location"] != "/":
            escaped.append(target)
    assert escaped == []


@pytest.mark.parametrize("target", ["/account", "/offerings?municipality=Salo&page=2",
                                    "/search?q=ty%C3%B6paja#tulokset"])
def test_login_returns_to_a_page_of_this_site(client, user, target):
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "next": target})
    assert response.headers["Location"] == target
