"""Demo opinnollistaminen: units taught by offerings and learning records in every stage.

Only units and requirements present in the shipped qualifications file are used (by code and position).
"""

QUALIFICATIONS_FILE = "qualifications.json"  # in marketplace/reference/

ENVIRONMENTS = [
    {"offering": "Opinnollistettu puutyöjakso", "unit": "105444", "requirements": [0, 1, 2, 3, 5],
     "tasks": "Puusepänverstaan tilaustyöt: pihakalusteet ja penkit kaupungin päiväkodeille, huonekalujen kunnostus."},
    {"offering": "Opinnollistettu puutyöjakso", "unit": "105428", "requirements": [0, 1, 2],
     "tasks": "Keittiö- ja säilytyskalusteiden asennus asiakaskohteissa työvalmentajan kanssa."},
    {"offering": "Puualan työpajajakso oppilaitoksessa", "unit": "105444", "requirements": [0, 1, 2, 3, 4, 5],
     "tasks": "Oppilaitoksen puuverstaan tuotantotyöt ja pienet sarjatuotteet."},
    {"offering": "Autoalan työpajajakso ja tutkinnon osat", "unit": "105708", "requirements": [0, 1, 2, 3, 4, 5],
     "tasks": "Asiakasautojen määräaikaishuollot ja renkaanvaihdot opetuskorjaamossa."},
]

# Referrals to the puutyöjakso whose learning records are confirmed, waiting for the school, and returned.
RECORDS = [
    {
        "key": "demo-wbl-confirmed", "coach": "aino.lehtinen@salo.example", "days_ago": 120,
        "jobseeker": ("Ville Koskinen", "040 221 7781", "", "fi"), "case": "SALO-2026-031",
        "goal": "Puualan tutkinnon osien osaamisen osoittaminen ja oppisopimuspaikan etsiminen.",
        "stage": "confirmed", "hours": 420,
        "evidence": {"105444": [(0, "Suunnitteli penkkisarjan työvaiheet ja aikataulun itse."),
                                (2, "Valmisti 12 pihapenkkiä päiväkodeille tilauksen mukaan."),
                                (3, "Käytti suojaimia ja noudatti koneiden turvaohjeita koko jakson.")],
                     "105428": [(0, "Asensi keittiökalusteet kahteen asuntoon.")]},
        "decisions": {"105444": ("recognised", [], "Osaaminen osoitettu monipuolisesti tilaustöissä."),
                      "105428": ("partial", [1, 2],
                                 "Asennuksen suunnittelu osoitettu; asennus ja viimeistely jäävät.")},
    },
    {
        "key": "demo-wbl-submitted", "coach": "mikko.salonen@salo.example", "days_ago": 100,
        "jobseeker": ("Samuel Lindqvist", "044 310 5529", "", "fi"), "case": "SALO-2026-044",
        "goal": "Työpajajakso puualalla ja osaamisen tunnustaminen.", "stage": "submitted", "hours": 360,
        "evidence": {"105444": [(1, "Valitsi materiaalit huonekalujen kunnostukseen ja perusteli valinnat."),
                                (2, "Kunnosti kuusi tuolia ja kaksi lipastoa asiakkaille.")]},
    },
    {
        "key": "demo-wbl-returned", "coach": "aino.lehtinen@salo.example", "days_ago": 80,
        "jobseeker": ("Emilia Hakala", "050 882 1734", "", "fi"), "case": "SALO-2026-058",
        "goal": "Osaamisen kartoitus puualalla ennen koulutukseen hakemista.", "stage": "returned", "hours": 200,
        "evidence": {"105444": [(2, "Valmisti linnunpönttöjä ja leikkuulautoja myyntiin.")]},
        "question": "Kuvatkaa tarkemmin, mitä tuotteita Emilia valmisti itsenäisesti ja millä koneilla. "
                    "Työpaikkaohjaajan arviosta puuttuu työturvallisuus.",
    },
]
PROVIDER_EMAIL = "tiina.nieminen@salo.example"
SCHOOL_EMAIL = "paivi.laaksonen@pirkanportti.example"
