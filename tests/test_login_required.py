"""Every route that needs a login sends an anonymous visitor to the login page (the API: 401 JSON); the public
ones are listed here by name, so a new route is public only by a decision in this file."""

from marketplace.api.views import HSDS_ENDPOINTS

# Answering a visitor who has not logged in is the point of these.
PUBLIC = {
    "static", "home.index", "home.accessibility", "operations.healthz",
    "accounts.login", "accounts.logout", "accounts.forgot_password", "accounts.reset_password",
    "accounts.register", "accounts.registration_sent", "accounts.confirm_registration", "accounts.invitation",
    "search.search", "search.browse", "catalog.offering", "catalog.organisation",  # published offerings
    *HSDS_ENDPOINTS, "api_docs.docs", "api_docs.reference",  # the open HSDS catalogue, its guide and reference
    "learning.verify_form", "learning.verify",  # anyone may check a certificate's code
    "accounts.choose_language",  # a visitor chooses a language too
    "referrals.status_page", "coaching.shared",  # a jobseeker's link: their referral, a list their coach shared
    "search.unsubscribe",  # the signed link in a saved-search email: one click, no login
}


def dummy(converter):
    """A value the URL accepts: nothing is looked up before the login check."""
    if type(converter).__name__.endswith("IntegerConverter"):
        return 1
    if hasattr(converter, "items"):  # any(...)
        return sorted(converter.items)[0]
    return "00000000-0000-0000-0000-000000000000"


def every_route(app):
    adapter = app.url_map.bind("localhost")
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        values = {arg: dummy(rule._converters[arg]) for arg in rule.arguments}
        path = adapter.build(rule.endpoint, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, path


def test_every_route_needs_a_login_unless_it_is_listed_public(app, client):
    unexpected = []
    routes = list(every_route(app))
    assert len(routes) > 80
    for endpoint, method, path in routes:
        response = client.open(path, method=method)
        response.close()
        assert response.status_code < 500, (endpoint, method, path)
        if endpoint in PUBLIC:
            continue
        to_login = response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
        if not (to_login or (path.startswith("/api/") and response.status_code == 401 and response.is_json)):
            unexpected.append((endpoint, method, path, response.status_code))
    assert unexpected == [], "\n".join(map(str, unexpected))
