"""Security headers on every kind of response, no inline code for the CSP to allow, cookies and the secret key."""

import re
import secrets

import pytest

from marketplace import PROJECT_ROOT, create_app
from marketplace.accounts import service as accounts
from marketplace.extensions import db
from marketplace.security import CONTENT_SECURITY_POLICY
from tests.conftest import base_config, empty_tables
from tests.helpers import PASSWORD

# The kinds of response: a public page, a form, an error page, a static file, the public and the token API.
PUBLIC_URLS = ["/", "/login", "/no-such-page", "/static/css/site.css", "/api/v1/services", "/api/v1/nothing"]


def assert_security_headers(response, url=""):
    headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
    assert headers["X-Content-Type-Options"] == "nosniff", url
    assert headers["X-Frame-Options"] == "DENY", url
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert "camera=()" in headers["Permissions-Policy"], url


def test_the_policy_allows_no_inline_code_and_no_framing():
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_kind_of_response_carries_the_headers(client, url):
    response = client.get(url)
    response.close()  # a static file is streamed
    assert_security_headers(response, url)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")  # PUBLIC_BASE_URL is https
    assert "no-store" not in response.headers.get("Cache-Control", ""), "public pages may be cached"


def test_pages_with_personal_data_are_never_stored(client, login, network, make_referral):
    referral = make_referral()
    login(network.coach)
    for url in (f"/referrals/{referral.uuid}", f"/organisations/{network.coach_org.uuid}/referrals.csv",
                "/account", "/no-such-page"):
        response = client.get(url)
        assert_security_headers(response, url)
        assert response.headers["Cache-Control"] == "no-store", url
        assert "Cookie" in response.headers["Vary"], url


def test_the_token_api_is_never_stored(client, network):
    from marketplace.accounts.service import create_token

    _token, plain = create_token(network.coach, network.coach_org, "Järjestelmä")
    response = client.get("/api/v1/referrals", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_no_hsts_over_plain_http(tmp_path):
    app = create_app({**base_config(tmp_path), "PUBLIC_BASE_URL": None}, instance_path=str(tmp_path / "i"))
    with app.test_client().get("/static/css/site.css") as response:
        assert "Strict-Transport-Security" not in response.headers
        assert_security_headers(response)
    with app.test_client().get("/static/css/site.css", base_url="https://localhost") as response:
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "an inline style attribute"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def inline_code_in(html: str) -> list[str]:
    return [what for pattern, what in INLINE_CODE if pattern.search(html)]


def test_the_inline_code_check_finds_each_kind():
    for html in ('<script>alert(1)</script>', '<button onclick="x()">', '<p style="color:red">',
                 "<style>p{}</style>", '<a href="javascript:x()">'):
        assert inline_code_in(html), html
    assert inline_code_in('<script src="/static/js/print.js" defer></script><button data-print>') == []


@pytest.mark.parametrize("template", sorted((PROJECT_ROOT / "templates").rglob("*.html")), ids=lambda path: path.name)
def test_no_template_has_inline_code_the_policy_would_block(template):
    assert inline_code_in(template.read_text()) == [], template


def test_the_print_button_script_is_served(client):
    with client.get("/static/js/print.js") as page:
        assert page.status_code == 200 and b"window.print" in page.data


@pytest.mark.parametrize("key", ["dev", "x", "x" * 64, "0123456789abcdef" * 2, "salasana" * 4])
def test_outside_development_a_weak_secret_key_stops_the_app(tmp_path, key):
    config = {**base_config(tmp_path), "TESTING": False, "SECRET_KEY": key}
    with pytest.raises(RuntimeError, match="at least 32 random bytes"):
        create_app(config, instance_path=str(tmp_path / "i"))


def test_a_random_secret_key_starts_the_app_and_development_accepts_any(tmp_path):
    config = {**base_config(tmp_path), "TESTING": False}
    for key in (secrets.token_hex(32), secrets.token_urlsafe(32)):
        assert create_app({**config, "SECRET_KEY": key}, instance_path=str(tmp_path / "i")).secret_key == key
    assert create_app({**config, "SECRET_KEY": "dev", "DEBUG": True}, instance_path=str(tmp_path / "i")).debug


@pytest.mark.parametrize(("base_url", "secure"), [("https://kumppanitori.test", True), ("http://localhost", False)])
def test_session_cookies_are_http_only_lax_and_secure_over_https(tmp_path, base_url, secure):
    app = create_app({**base_config(tmp_path), "PUBLIC_BASE_URL": base_url}, instance_path=str(tmp_path / "i"))
    with app.app_context():
        empty_tables()
        accounts.create_user("aino@example.fi", "Aino", PASSWORD)
        response = app.test_client().post("/login", data={"email": "aino@example.fi", "password": PASSWORD,
                                                          "remember": "y"})
        db.session.remove()
        db.engine.dispose()
    cookies = response.headers.getlist("Set-Cookie")
    assert response.status_code == 302
    assert {cookie.split("=")[0] for cookie in cookies} >= {"session", "remember_token"}
    for cookie in cookies:
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure
