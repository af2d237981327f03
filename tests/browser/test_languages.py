"""Every role's main pages in Swedish and English in a real browser: lang, the switch, no Finnish left, axe-core."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.browser.test_accessibility import COACH, COORDINATOR, PROVIDER_ADMIN, check_page, log_in

SCHOOL = "kari.toivonen@saimaanranta.example"
SWEDISH_WORKSHOP = "anna.lindholm@arbetsverkstaden.example"  # chose Swedish in her profile (demo data)
CATALOGUES = Path(__file__).resolve().parents[2] / "translations"
# The interface's own words: where a Finnish string left untranslated would show.
CHROME = "header, nav, footer, h1, h2, h3, label, legend, button, th, dt, summary, caption, .flash, .hint"


@cache
def finnish_ui_strings(language: str) -> tuple[str, ...]:
    """Finnish msgids of two words or more whose translation differs: none may appear on a translated page."""
    with open(CATALOGUES / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    return tuple(message.id for message in catalogue if isinstance(message.id, str) and message.string
                 and message.string != message.id and " " in message.id and "%" not in message.id
                 and len(message.id) >= 10)


def finnish_left_on(page, language: str) -> list[str]:
    texts = page.locator(CHROME).all_inner_texts()
    shown = "\n".join(re.sub(r"\s+", " ", text) for text in texts)
    return [msgid for msgid in finnish_ui_strings(language) if msgid in shown]


def choose(page, language_name: str) -> None:
    with page.expect_navigation():
        page.click(f".language-switch button:text-is('{language_name}')")


def nav_links(page) -> list[str]:
    return list(dict.fromkeys(page.locator("nav.main-nav a").evaluate_all("links => links.map(a => a.href)")))


def walk(page, role: str, language: str, screenshot_dir) -> int:
    """Open every page of the main menu; check each; return how many were opened."""
    links = nav_links(page)
    for number, link in enumerate(links):
        page.goto(link)
        assert page.get_attribute("html", "lang") == language, link
        assert page.locator(f".language-switch [aria-current='true'][lang='{language}']").count() == 1, link
        assert finnish_left_on(page, language) == [], f"{link} shows Finnish in {language}"
        check_page(page, f"{language}-{role}-{number}", screenshot_dir)
    return len(links)


@pytest.mark.parametrize("language, name", [("sv", "Svenska"), ("en", "English")])
def test_a_visitor_switches_language_and_every_public_page_follows(page, live_server, screenshot_dir, language, name):
    page.goto(f"{live_server}/offerings")
    assert len(finnish_left_on(page, language)) > 5  # the check sees Finnish where there is Finnish
    choose(page, name)
    assert page.url == f"{live_server}/offerings"  # the switch comes back to the page it was on
    assert page.get_attribute("html", "lang") == language
    offering = page.locator("main .card-title a").first.get_attribute("href")
    for path in ("/", "/login", "/register", "/accessibility", "/developers/api", offering, "/no-such-page"):
        page.goto(live_server + path)
        assert page.get_attribute("html", "lang") == language
        assert finnish_left_on(page, language) == [], f"{path} shows Finnish in {language}"
        check_page(page, f"{language}-public{path.replace('/', '-')}", screenshot_dir)


@pytest.mark.parametrize("email, role", [(COACH, "coach"), (PROVIDER_ADMIN, "provider"), (SCHOOL, "school"),
                                         (COORDINATOR, "coordinator")])
@pytest.mark.parametrize("language, name", [("sv", "Svenska"), ("en", "English")])
def test_each_role_works_in_swedish_and_english(page, live_server, screenshot_dir, email, role, language, name):
    log_in(page, live_server, email)
    choose(page, name)
    try:
        assert walk(page, role, language, screenshot_dir) >= 4
    finally:
        choose(page, "Suomi")  # the demo's other tests expect Finnish: the choice is kept in the profile
    assert page.get_attribute("html", "lang") == "fi"


def test_a_user_who_chose_swedish_gets_swedish_after_logging_in(page, live_server, screenshot_dir):
    log_in(page, live_server, SWEDISH_WORKSHOP)  # the browser asks for Finnish
    assert page.get_attribute("html", "lang") == "sv"
    assert "Inkomna hänvisningar" in page.inner_text("nav")
    walk(page, "swedish-workshop", "sv", screenshot_dir)
