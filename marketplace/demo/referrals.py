"""Demo referrals in every state, sent by the demo coaches at different times. Every jobseeker is fictional."""

from marketplace.referrals.models import DeclineReason, DiscontinueReason, Outcome

# (provider member or coach email, action, details); times are spread between sending and now.
PROVIDER = "provider"
COACH = "coach"

REFERRALS = [
    {
        "key": "demo-new", "coach": "aino.lehtinen@salo.example", "offering": "Nuorten puutyöpaja", "days_ago": 1,
        "jobseeker": ("Eetu Virtanen", "040 712 3456", "eetu.virtanen@example.fi", "fi"), "case": "SALO-2026-118",
        "goal": "Arkirytmin löytäminen ja kokeilla puutöitä ennen hakua artesaanikoulutukseen.",
        "background": "Peruskoulu päättynyt 2024, ei jatko-opiskelupaikkaa. Pitää käsillä tekemisestä.",
        "channels": ("email", "sms"),  # the confirmation waits at /dev/outbox
        "steps": [],
    },
    {
        "key": "demo-overdue", "coach": "mikko.salonen@salo.example", "offering": "Opinnollistettu puutyöjakso",
        "days_ago": 14, "jobseeker": ("Jenna Mäkinen", "044 918 2736", "", "fi"), "case": "SALO-2026-097",
        "goal": "Puuteollisuuden tutkinnon osien suorittaminen työpajalla ja siirtyminen ammattiopistoon.",
        "background": "Keskeyttänyt puualan perustutkinnon 2023; kaksi tutkinnon osaa suoritettu.",
        "steps": [],
    },
    {
        "key": "demo-waiting-long", "coach": "mikko.salonen@salo.example",
        "offering": "Metallipaja: hitsausta ja korjaustöitä",
        "days_ago": 62, "jobseeker": ("Janne Virtanen", "040 772 1934", "", "fi"), "case": "SALO-2026-031",
        "goal": "Päästä tekemään käytännön metallitöitä ja selvittää, jaksaako kuusi tuntia päivässä.",
        "background": "Aiempi työkokemus varastotyöstä.", "steps": [],
    },
    {
        "key": "demo-waiting", "coach": "aino.lehtinen@salo.example",
        "offering": "Metallipaja: hitsausta ja korjaustöitä",
        "days_ago": 3, "jobseeker": ("Niko Laaksonen", "050 334 1290", "", "fi"), "case": "SALO-2026-121",
        "goal": "Kokeilla metallialaa ennen hitsaajakoulutukseen hakemista.",
        "background": "", "steps": [],
    },
    {
        "key": "demo-info", "coach": "sanna.koivisto@sastamala.example",
        "offering": "Kuntouttava työtoiminta kylätalolla",
        "days_ago": 8, "jobseeker": ("Pertti Heinonen", "040 551 8820", "", "fi"), "case": "SAS-4471",
        "goal": "Kuntouttava työtoiminta kahtena päivänä viikossa, tavoitteena arjen rytmi ja sosiaaliset suhteet.",
        "background": "Pitkään työttömänä, aiemmin maatalouskoneasentaja. Ei ajokorttia.",
        "steps": [(PROVIDER, "request_info", {"message": "Pääseekö asiakas kylätalolle? "
                                                      "Kuljetus järjestyy tiistaisin ja "
                                                      "torstaisin Punkalaitumen keskustasta."})],
    },
    {
        "key": "demo-accepted", "coach": "laura.heikkinen@tampere.example",
        "offering": "Työkokeilu säätiön palveluissa",
        "days_ago": 9, "jobseeker": ("Amina Yusuf", "045 207 6619", "amina.yusuf@example.fi", "so"),
        "case": "TRE-88213",
        "goal": "Työkokeilu asiakaspalvelussa suomen kielen taidon vahvistamiseksi.",
        "background": "Suomen kieli B1. Kokemusta kaupan alalta Somaliassa ja Ruotsissa.",
        "steps": [(PROVIDER, "accept", {"start_in_days": 7, "message": "Tervetuloa! Aloitus maanantaina klo 9."})],
    },
    {
        "key": "demo-started", "coach": "sanna.koivisto@sastamala.example",
        "offering": "Opinnollistaminen kiinteistöhuollossa", "days_ago": 45,
        "jobseeker": ("Mika Lehtonen", "050 662 4018", "", "fi"), "case": "SAS-4302",
        "goal": "Kiinteistönhoidon tutkinnon osien osaamisen osoittaminen työpajalla.",
        "background": "Työskennellyt talonmiehenä 2010–2019.",
        "steps": [(PROVIDER, "accept", {"start_in_days": -30}), (PROVIDER, "start", {"start_in_days": -30}),
                  (PROVIDER, "message",
                   {"message": "Mika on päässyt hyvin alkuun, seuraava arviointikeskustelu 15.12."})],
    },
    {
        "key": "demo-completed", "coach": "petri.laine@sastamala.example",
        "offering": "Keittiötyö ja opinnollistaminen",
        "days_ago": 130, "jobseeker": ("Sari Kallio", "040 118 5537", "", "fi"), "case": "SAS-3980",
        "goal": "Ravintola-alan osaamisen kartoitus ja siirtyminen koulutukseen.",
        "background": "", "steps": [(PROVIDER, "accept", {"start_in_days": -115}),
                                    (PROVIDER, "start", {"start_in_days": -115}),
                                    (PROVIDER, "complete", {"outcome": Outcome.EDUCATION,
                                                            "message": "Sari aloittaa ravintola-alan opinnot "
                                                                       "tammikuussa."})],
    },
    {
        "key": "demo-completed-work", "coach": "laura.heikkinen@tampere.example",
        "offering": "Työhönvalmennus osatyökykyisille", "days_ago": 100,
        "jobseeker": ("Jari Nurmi", "044 730 9912", "", "fi"), "case": "TRE-86011",
        "goal": "Osa-aikatyö logistiikka-alalla.", "background": "Selkävaiva rajoittaa raskaita nostoja.",
        "steps": [(PROVIDER, "accept", {"start_in_days": -90}), (PROVIDER, "start", {"start_in_days": -90}),
                  (PROVIDER, "complete", {"outcome": Outcome.OPEN_LABOUR_MARKET})],
    },
    {
        "key": "demo-declined", "coach": "mikko.salonen@salo.example",
        "offering": "Korjaamo: polkupyörät ja pienkoneet",
        "days_ago": 30, "jobseeker": ("Teemu Saarinen", "050 440 2387", "", "fi"), "case": "SALO-2026-064",
        "goal": "Työkokeilu pienkonekorjaamossa.", "background": "",
        "steps": [(PROVIDER, "decline", {"decline_reason": DeclineReason.FULL,
                                         "message": "Paikat täynnä helmikuuhun asti. Ohjatkaa uudelleen, "
                                                    "jos tilanne on silloin ajankohtainen."})],
    },
    {
        "key": "demo-discontinued", "coach": "aino.lehtinen@salo.example", "offering": "Media- ja kuvauspaja",
        "days_ago": 25, "jobseeker": ("Oona Rantanen", "045 118 2290", "", "fi"), "case": "SALO-2026-082",
        "goal": "Kuvauspajan jakso ja portfolion kokoaminen.", "background": "",
        "steps": [(PROVIDER, "accept", {"start_in_days": -18}),
                  (PROVIDER, "discontinue", {"discontinue_reason": DiscontinueReason.OTHER,
                                              "message": "Asiakas muutti toiselle paikkakunnalle."})],
    },
    {
        "key": "demo-withdrawn", "coach": "sanna.koivisto@sastamala.example",
        "offering": "Työkokeilu kierrätysmyymälässä", "days_ago": 15,
        "jobseeker": ("Kalle Aho", "040 990 1123", "", "fi"), "case": "SAS-4455",
        "goal": "Työkokeilu myymälätyössä.", "background": "",
        "steps": [(COACH, "withdraw", {"message": "Asiakas sai kausityöpaikan, ohjaus ei ole enää ajankohtainen."})],
    },
]
