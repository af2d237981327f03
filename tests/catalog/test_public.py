"""Public pages: what anyone sees, what stays hidden, the browse filters, and hostile text rendered safely."""

import re
from datetime import timedelta

import pytest

from marketplace.accounts import service as accounts
from marketplace.accounts.models import OrganisationKind, OrganisationStatus
from marketplace.catalog.models import DeliveryMode
from marketplace.clock import today


def test_offering_page_shows_what_a_coach_needs(client, make_org, make_offering):
    org = make_org(name="Salon Seudun Työpajat ry")
    offering = make_offering(
        org=org, title="Nuorten puutyöpaja", offering_type="workshop", target_groups=["under_30", "immigrants"],
        capacity_total=8, open_places=3, plain_language_summary="Teet puutöitä pajalla.",
        description="Ensimmäinen kappale.\n\n- käsityökalut\n- koneet", contact_phone="+358401234567",
    )
    page = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert "Nuorten puutyöpaja" in page and "Salon Seudun Työpajat ry" in page
    assert "Työpajatoiminta" in page and "Alle 30-vuotiaat" in page and "Maahanmuuttajat ja vieraskieliset" in page
    assert "3 paikkaa vapaana" in page
    assert re.search(r"Tiedot päivitetty \d{1,2}\.\d{1,2}\.\d{4}", page)
    assert "Selkokielinen kuvaus" in page and "Teet puutöitä pajalla." in page
    assert "<ul><li>käsityökalut</li><li>koneet</li></ul>" in page
    assert "040 1234567" in page
    assert "Muokkaa" not in page  # no provider tools for the public


@pytest.mark.parametrize(("open_places", "text"), [(1, "1 paikka vapaana"), (0, "Ei vapaita paikkoja (jonotuslista)")])
def test_places_wording(client, make_offering, open_places, text):
    offering = make_offering(capacity_total=4, open_places=open_places)
    assert text in client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)


@pytest.mark.parametrize("status", ["draft", "paused", "archived"])
def test_unpublished_offerings_are_not_public(client, make_offering, status):
    offering = make_offering(title="Piilossa oleva palvelu", status=status)
    assert client.get(f"/offerings/{offering.uuid}").status_code == 404
    assert "Piilossa oleva palvelu" not in client.get("/offerings").get_data(as_text=True)
    assert "Piilossa oleva palvelu" not in (
        client.get(f"/organisations/{offering.organisation.uuid}").get_data(as_text=True)
    )


def test_offerings_of_suspended_and_pending_organisations_are_not_public(client, make_org, make_user, make_offering):
    suspended = make_org()
    offering = make_offering(org=suspended, title="Jäädytetyn palvelu")
    accounts.set_organisation_status(suspended, OrganisationStatus.SUSPENDED, make_user(coordinator=True), "Syy")
    pending_offering = make_offering(org=make_org(verified=False), title="Odottavan palvelu")
    for hidden in (offering, pending_offering):
        assert client.get(f"/offerings/{hidden.uuid}").status_code == 404
    listing = client.get("/offerings").get_data(as_text=True)
    assert "Jäädytetyn palvelu" not in listing and "Odottavan palvelu" not in listing


def test_offering_whose_funding_ended_is_not_public(client, make_offering):
    ended = make_offering(title="Päättynyt hanke", funding_ends_on=today() - timedelta(days=1))
    last_day = make_offering(title="Viimeinen päivä", funding_ends_on=today())
    assert client.get(f"/offerings/{ended.uuid}").status_code == 404
    assert client.get(f"/offerings/{last_day.uuid}").status_code == 200


def test_unknown_offering_is_404(client):
    assert client.get("/offerings/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/offerings/not-a-uuid").status_code == 404


def test_organisation_page_lists_its_published_offerings(client, make_org, make_offering):
    org = make_org(name="Kierrätyskeskus Uusiokulma Oy", kind=OrganisationKind.SOCIAL_ENTERPRISE)
    make_offering(org=org, title="Työkokeilu myymälässä")
    make_offering(org=org, title="Luonnos vielä", status="draft")
    page = client.get(f"/organisations/{org.uuid}").get_data(as_text=True)
    assert "Työkokeilu myymälässä" in page and "Luonnos vielä" not in page


@pytest.fixture
def catalogue(make_org, make_offering):
    salo = make_org(name="Salon paja")
    tampere = make_org(name="Tampereen säätiö")
    return {
        "paja": make_offering(org=salo, title="Puupaja", offering_type="workshop", municipalities=["734"],
                              target_groups=["under_30"], languages=["fi"], capacity_total=5, open_places=0),
        "kokeilu": make_offering(org=tampere, title="Kierrätyskokeilu", offering_type="work_trial",
                                 municipalities=["837", "790"], target_groups=["long_term_unemployed"],
                                 languages=["fi", "sv"], open_places=2, capacity_total=2),
        "etä": make_offering(org=tampere, title="Etävalmennus", offering_type="coaching", municipalities=["091"],
                             target_groups=["immigrants"], languages=["en"], delivery_mode=DeliveryMode.REMOTE,
                             postal_code="", post_office=""),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Puupaja", "Kierrätyskokeilu", "Etävalmennus"}),
        ("offering_type=work_trial", {"Kierrätyskokeilu"}),
        ("municipality=Sastamala", {"Kierrätyskokeilu"}),
        ("municipality=helsingfors", {"Etävalmennus"}),
        ("target_group=under_30", {"Puupaja"}),
        ("language=sv", {"Kierrätyskokeilu"}),
        ("delivery_mode=remote", {"Etävalmennus"}),
        ("open_only=y", {"Kierrätyskokeilu", "Etävalmennus"}),
        ("offering_type=workshop&open_only=y", set()),
        ("municipality=Tampere&language=fi", {"Kierrätyskokeilu"}),
    ],
)
def test_browse_filters(client, catalogue, query, expected):
    page = client.get(f"/offerings?{query}").get_data(as_text=True)
    shown = {title for title in ("Puupaja", "Kierrätyskokeilu", "Etävalmennus") if f">{title}</a>" in page}
    assert shown == expected
    if not expected:
        assert "Hakuehdoilla ei löytynyt palveluja." in page
        assert "Poista rajaus: Palvelun tyyppi: Työpajatoiminta" in page


def test_browse_tolerates_nonsense_parameters(client, catalogue):
    response = client.get("/offerings?offering_type=<script>&municipality=Atlantis&page=-5&delivery_mode=x&language=zz")
    assert response.status_code == 200
    assert "Kuntaa ”Atlantis” ei löytynyt" in response.get_data(as_text=True)
    assert client.get("/offerings?page=abc").status_code == 200


def test_browse_paginates(client, make_org, make_offering):
    org = make_org()
    for n in range(23):
        make_offering(org=org, title=f"Palvelu numero {n:02d}")
    first = client.get("/offerings").get_data(as_text=True)
    assert "23 palvelua" in first and "Sivu 1 / 2" in first and first.count('class="offering-card"') == 20
    second = client.get("/offerings?page=2").get_data(as_text=True)
    assert second.count('class="offering-card"') == 3


HOSTILE_TITLE = '<script>alert("x")</script>'
LONG_WORD = "Työllisyyspalvelukokonaisuusuudistustyöryhmäsuunnitelmaluonnosversio" * 4
ARABIC = "برنامج تدريب للشباب"


def test_hostile_text_is_rendered_safely(client, make_offering):
    offering = make_offering(title=HOSTILE_TITLE, summary=f"{LONG_WORD} {ARABIC}",
                             description=f'<img src=x onerror="alert(1)">\n\n- <b>lihavoitu</b>\n\n{ARABIC}')
    for path in (f"/offerings/{offering.uuid}", "/offerings", f"/organisations/{offering.organisation.uuid}"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "&lt;script&gt;" in page
        assert "<img src=x" not in page and "<b>lihavoitu</b>" not in page
        assert 'dir="auto"' in page  # right-to-left text keeps its direction
        assert ARABIC in page


def test_texts_in_another_language_are_marked_for_screen_readers(client, make_offering):
    swedish = make_offering(title="Snickeriverkstad", content_language="sv", languages=["sv"])
    finnish = make_offering(title="Puupaja")
    page = client.get(f"/offerings/{swedish.uuid}").get_data(as_text=True)
    assert '<h1 lang="sv">Snickeriverkstad</h1>' in page
    assert '<h1 >Puupaja</h1>' in client.get(f"/offerings/{finnish.uuid}").get_data(as_text=True)
    assert 'class="card-title" lang="sv"><a' in client.get("/offerings").get_data(as_text=True)
    on_a_swedish_page = client.get(f"/offerings/{finnish.uuid}", headers={"Accept-Language": "sv"})
    assert '<h1 lang="fi">Puupaja</h1>' in on_a_swedish_page.get_data(as_text=True)
    assert '<h1 >Snickeriverkstad</h1>' in client.get(
        f"/offerings/{swedish.uuid}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
