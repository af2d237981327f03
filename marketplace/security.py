"""Headers on every response: what a page may load, who may frame it, what leaks in the Referer, what is cached.

A small after-request hook rather than Flask-Talisman: the policy is eight fixed lines, HTTPS is the reverse
proxy's job (Talisman would redirect), and `no-store` depends on who is asking, which only the app knows.
"""

from flask import Flask, Response, current_app, request, session

# No 'unsafe-inline' and no 'unsafe-eval': scripts and styles come from /static only (tests/test_security.py).
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
HSTS = "max-age=31536000; includeSubDomains"


def _served_over_https() -> bool:
    return request.is_secure or (current_app.config.get("PUBLIC_BASE_URL") or "").startswith("https://")


def _may_show_personal_data() -> bool:
    """A signed-in page or an API call with a token: what it shows is someone's, so no cache keeps it."""
    if request.endpoint == "static":
        return False
    return bool(request.authorization) or "_user_id" in session  # Flask-Login's key, set once a user is loaded


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for browsers that predate it
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if _served_over_https():
        headers.setdefault("Strict-Transport-Security", HSTS)
    if _may_show_personal_data():
        headers["Cache-Control"] = "no-store"
        response.vary.update(("Cookie", "Authorization"))
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
