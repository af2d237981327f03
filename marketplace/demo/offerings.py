"""About sixty demo offerings across every offering type and the demo network's municipalities.

Dates are relative to the day the demo is loaded (`starts_in` days, `funding_ends_in` days,
`confirmed_days_ago` for offerings that need checking), so the demo stays current.
"""

VERSTAS = "Salon nuorten työpaja Verstas"
SALO = "Salon työllisyyspalvelut"
SASTAMALA = "Sastamalan seudun työllisyyspalvelut"
TAMPERE = "Tampereen työllisyyspalvelut"
KYLATALO = "Punkalaitumen Kylätalo ry"
SAIMAA = "Saimaan Toimintakeskus ry"
SAATIO = "Pirkanmaan Välittäjäsäätiö sr"
UUSIOKULMA = "Kierrätyskeskus Uusiokulma Oy"
SAIMAANRANTA = "Ammattiopisto Saimaanranta"
PIRKANPORTTI = "Koulutuskeskus Pirkanportti"
ARBETSVERKSTADEN = "Västnyländska Arbetsverkstaden rf"
VAMMALA = "Vammalan Seudun Työnhakijat ry"

SALO_AREA = ["Salo", "Marttila", "Koski Tl"]
SASTAMALA_AREA = ["Sastamala", "Punkalaidun"]
TAMPERE_AREA = ["Tampere", "Nokia", "Ylöjärvi", "Kangasala", "Pirkkala", "Lempäälä"]
SAVONLINNA_AREA = ["Savonlinna", "Enonkoski", "Rantasalmi", "Sulkava"]
RASEBORG_AREA = ["Raasepori", "Hanko", "Inkoo"]

ADDRESSES = {
    VERSTAS: ("Verstaskatu 3", "24100", "Salo"),
    SALO: ("Voimalankatu 1", "24100", "Salo"),
    SASTAMALA: ("Puistokatu 1", "38200", "Sastamala"),
    TAMPERE: ("Hämeenkatu 20", "33200", "Tampere"),
    KYLATALO: ("Kylätie 12", "31900", "Punkalaidun"),
    SAIMAA: ("Olavinkatu 40", "57130", "Savonlinna"),
    SAATIO: ("Itsenäisyydenkatu 7", "33500", "Tampere"),
    UUSIOKULMA: ("Kierrätyskuja 4", "33720", "Tampere"),
    SAIMAANRANTA: ("Opistontie 2", "57200", "Savonlinna"),
    PIRKANPORTTI: ("Koulukatu 5", "38210", "Sastamala"),
    ARBETSVERKSTADEN: ("Verkstadsgatan 2", "10600", "Raasepori"),
    VAMMALA: ("Asemakatu 9", "38200", "Sastamala"),
}

CONTACTS = {
    VERSTAS: ("Tiina Nieminen", "tiina.nieminen@salo.example", "044 555 0101"),
    SALO: ("Aino Lehtinen", "aino.lehtinen@salo.example", "044 555 0102"),
    SASTAMALA: ("Petri Laine", "petri.laine@sastamala.example", "044 555 0103"),
    TAMPERE: ("Laura Heikkinen", "laura.heikkinen@tampere.example", "044 555 0104"),
    KYLATALO: ("Marja Hakala", "marja.hakala@kylatalo.example", "044 555 0105"),
    SAIMAA: ("Jussi Kettunen", "jussi.kettunen@saimaantoimintakeskus.example", "044 555 0106"),
    SAATIO: ("Jari Mattila", "jari.mattila@valittajasaatio.example", "044 555 0107"),
    UUSIOKULMA: ("Niina Aaltonen", "niina.aaltonen@uusiokulma.example", "044 555 0108"),
    SAIMAANRANTA: ("Kari Toivonen", "kari.toivonen@saimaanranta.example", "044 555 0109"),
    PIRKANPORTTI: ("Päivi Laaksonen", "paivi.laaksonen@pirkanportti.example", "044 555 0110"),
    ARBETSVERKSTADEN: ("Anna Lindholm", "anna.lindholm@arbetsverkstaden.example", "044 555 0111"),
    VAMMALA: ("Eeva Salmi", "eeva.salmi@vammala.example", "044 555 0112"),
}


def offering(org, title, offering_type, target_groups, municipalities, summary, description, **extra):
    return {"org": org, "title": title, "offering_type": offering_type, "target_groups": target_groups,
            "municipalities": municipalities, "summary": summary, "description": description, **extra}


OFFERINGS = [
    # --- Työpajatoiminta (workshop)
    offering(VERSTAS, "Nuorten puutyöpaja", "workshop", ["under_30"], SALO_AREA,
             "Oikeita asiakastöitä puusepänverstaalla: huonekalujen kunnostusta ja pieniä tilaustöitä.",
             "Puutyöpajassa nuoret tekevät oikeita asiakastöitä: kunnostamme vanhoja huonekaluja, valmistamme "
             "pihakalusteita ja teemme pieniä tilaustöitä kaupungin päiväkodeille.\n\n"
             "Pajalla opit:\n- käyttämään käsityökaluja ja puuntyöstökoneita turvallisesti\n"
             "- lukemaan piirustuksia ja mittaamaan\n- työelämän pelisääntöjä\n\n"
             "Työvalmentaja auttaa myös jatkosuunnitelman tekemisessä.",
             schedule="ma–to klo 8.30–13.30", duration_weeks=16, capacity_total=8, open_places=3,
             opening_hours="MO,TU,WE,TH 08:30-13:30", break_in=(20, 35, "Joulutauko"),
             access={"step_free_access": "yes", "accessible_toilet": "yes", "induction_loop": "no",
                     "public_transport": "yes"},
             accessibility_notes="Sisäänkäynti pihan puolelta, luiska. Bussipysäkki Verstaankadulla.",
             min_age=16, max_age=29,
             funding_source="municipal_purchase", municipality_price="38 €/päivä",
             plain_language_summary="Teet puutöitä pajalla. Työvalmentaja auttaa sinua. Päivä kestää viisi tuntia."),
    offering(VERSTAS, "Metallipaja: hitsausta ja korjaustöitä", "workshop", ["under_30", "long_term_unemployed"],
             SALO_AREA,
             "Metallitöitä pajalla: hitsausta, levytöitä ja pienkoneiden korjausta.",
             "Metallipajalla valmistetaan ja korjataan asiakkaiden tilaamia tuotteita. Perehdytämme MIG-hitsaukseen, "
             "levytöihin ja työturvallisuuteen. Sopii myös, jos haluat kokeilla alaa ennen koulutukseen hakemista.",
             schedule="ma–pe klo 8–14", duration_weeks=12, capacity_total=6, open_places=0,
             opening_hours="MO,TU,WE,TH,FR 08:00-14:00", access={"step_free_access": "no", "public_transport": "yes"},
             funding_source="municipal_purchase"),
    offering(SAIMAA, "Kiinteistöhuollon työpaja", "workshop", ["long_term_unemployed", "partial_work_ability"],
             SAVONLINNA_AREA,
             "Piha- ja kiinteistöhuollon töitä yhdistyksen kiinteistöillä ja asiakkaiden pihoilla.",
             "Kiinteistöhuollon ryhmä hoitaa nurmikot, lumityöt ja pienet korjaustyöt yhdistyksen ja asiakkaiden "
             "kiinteistöillä. Työtehtävät sovitetaan työkyvyn mukaan.\n\nKiinteistöhuollon työt voi opinnollistaa "
             "kiinteistönhoitajan tutkinnon osiksi yhteistyössä Ammattiopisto Saimaanrannan kanssa.",
             schedule="ma–to klo 8–14", duration_weeks=26, capacity_total=10, open_places=4,
             funding_source="stea", funding_ends_in=400),
    offering(ARBETSVERKSTADEN, "Snickeriverkstad för unga", "workshop", ["under_30"], RASEBORG_AREA,
             "Snickeri och möbelrenovering i verkstad på svenska, för unga under 30 år.",
             "I snickeriverkstaden renoverar vi möbler och tillverkar trädgårdsmöbler på beställning. Du lär dig att "
             "använda handverktyg och maskiner säkert. Arbetshandledaren hjälper dig att planera nästa steg: "
             "studier, arbete eller arbetsprövning.",
             languages=["sv", "fi"], schedule="mån–tors kl. 9–14", duration_weeks=12, capacity_total=6, open_places=2,
             min_age=17, max_age=29, funding_source="municipal_purchase"),
    offering(UUSIOKULMA, "Korjaamo: polkupyörät ja pienkoneet", "workshop", ["all_jobseekers"], TAMPERE_AREA,
             "Kierrätyskeskuksen korjaamossa kunnostetaan polkupyöriä, ompelukoneita ja pienkoneita myyntiin.",
             "Korjaamolla opit vianetsintää ja huoltotöitä. Työ on käytännönläheistä ja tapahtuu pienessä ryhmässä. "
             "Sopii sinulle, joka pitää tekemisestä käsillä.",
             schedule="ma–pe klo 9–15", capacity_total=5, open_places=1, funding_source="own_funds"),

    # --- Opinnollistaminen (work_based_learning)
    offering(VERSTAS, "Opinnollistettu puutyöjakso", "work_based_learning", ["under_30"], SALO_AREA,
             "Pajalla tehty puutyö tunnistetaan puuteollisuuden perustutkinnon osiksi.",
             "Työpajajakson aikana osaamisesi dokumentoidaan puuteollisuuden perustutkinnon ammattitaitovaatimuksia "
             "vasten. Oppilaitos tunnustaa osoitetun osaamisen, ja voit jatkaa tutkinnon suorittamista "
             "lyhyemmässä ajassa.",
             schedule="ma–to klo 8.30–14", duration_weeks=20, capacity_total=4, open_places=2, min_age=16, max_age=29,
             funding_source="municipal_purchase", intake="start_dates", starts_in=[21, 112]),
    offering(SAIMAA, "Opinnollistaminen kiinteistöhuollossa", "work_based_learning", ["long_term_unemployed"],
             SAVONLINNA_AREA,
             "Kiinteistöhuollon työpajalla osoitettu osaaminen kirjataan tutkinnon osiksi.",
             "Yhdessä Ammattiopisto Saimaanrannan kanssa toteutettava malli: työvalmentaja ja opettaja sopivat "
             "tutkinnon osat, työtehtävät suunnitellaan niiden mukaan ja osaaminen arvioidaan työn lomassa.",
             schedule="ma–to klo 8–14", duration_weeks=24, capacity_total=6, open_places=3,
             funding_source="esr_plus", funding_ends_in=25),
    offering(KYLATALO, "Keittiötyö ja opinnollistaminen", "work_based_learning",
             ["long_term_unemployed", "partial_work_ability"],
             SASTAMALA_AREA,
             "Kylätalon keittiössä tehty työ tunnistetaan ravintola- ja catering-alan osaamiseksi.",
             "Valmistamme lounaan kylätalon kävijöille ja kotipalvelun asiakkaille. Työtehtävät ja osaaminen "
             "kirjataan, ja oppilaitos voi tunnustaa ne osaksi perustutkintoa.",
             schedule="ti–pe klo 8–13", capacity_total=4, open_places=1, funding_source="stea"),
    offering(ARBETSVERKSTADEN, "Lärande i arbete: cykelverkstaden", "work_based_learning", ["under_30", "immigrants"],
             RASEBORG_AREA,
             "Kunnande från cykelverkstaden dokumenteras och kan erkännas som examensdelar.",
             "Du reparerar cyklar för försäljning och kunder. Ditt kunnande dokumenteras tillsammans med "
             "läroanstalten så att det kan erkännas som delar av en yrkesexamen.",
             languages=["sv"], duration_weeks=16, capacity_total=3, open_places=1, funding_source="municipal_purchase"),
    offering(UUSIOKULMA, "Myymälätyö opinnollistettuna", "work_based_learning", ["all_jobseekers"], TAMPERE_AREA,
             "Kierrätysmyymälän asiakaspalvelu ja tuotteiden käsittely kirjataan tutkinnon osiksi.",
             "Myymälässä opit asiakaspalvelua, kassatyötä, hinnoittelua ja tuotteiden esillepanoa. Osaaminen "
             "dokumentoidaan yhdessä oppilaitoksen kanssa.",
             schedule="ma–pe klo 10–16", capacity_total=5, open_places=2, funding_source="own_funds"),

    # --- Työkokeilu (work_trial)
    offering(UUSIOKULMA, "Työkokeilu kierrätysmyymälässä", "work_trial",
             ["long_term_unemployed", "partial_work_ability"],
             TAMPERE_AREA,
             "Kokeile myymälä-, lajittelu- ja kuljetustöitä kierrätyskeskuksessa.",
             "Työkokeilussa selvitetään sopivaa alaa ja työkykyä. Tehtävät sovitaan kanssasi: lajittelua, "
             "myymälätyötä tai kuljetusten apuna toimimista.",
             schedule="3–5 päivää viikossa, 4–6 tuntia päivässä", duration_weeks=8, capacity_total=6, open_places=2),
    offering(SAATIO, "Työkokeilu säätiön palveluissa", "work_trial", ["partial_work_ability"], TAMPERE_AREA,
             "Työkokeilu toimisto-, kiinteistö- tai ravintolatehtävissä tuetusti.",
             "Työkokeilun aikana työvalmentaja on tukenasi ja seuraa, miten työ sujuu. Kokeilun lopuksi laaditaan "
             "yhteenveto ja jatkosuunnitelma.",
             duration_weeks=12, capacity_total=10, open_places=5, funding_source="municipal_purchase"),
    offering(SALO, "Työkokeilu kunnan työpaikoissa", "work_trial", ["all_jobseekers"], SALO_AREA,
             "OMA-valmentaja etsii kanssasi työkokeilupaikan kunnan yksiköstä.",
             "Salon kaupungin eri yksiköt tarjoavat työkokeilupaikkoja esimerkiksi varhaiskasvatuksessa, "
             "ruokapalveluissa ja kiinteistöpalveluissa. Kokeilun kesto on 1–6 kuukautta.",
             how_to_apply="Sovi työkokeilusta OMA-valmentajasi kanssa."),
    offering(ARBETSVERKSTADEN, "Arbetsprövning i caféet", "work_trial", ["all_jobseekers"], RASEBORG_AREA,
             "Pröva på kundservice och köksarbete i vårt café i Ekenäs.",
             "I caféet bakar vi, serverar och tar hand om kassan. Arbetsprövningen anpassas efter dina mål och "
             "din arbetsförmåga.",
             languages=["sv", "fi"], duration_weeks=8, capacity_total=3, open_places=1),
    offering(SASTAMALA, "Työkokeilu maatiloilla ja yrityksissä", "work_trial", ["all_jobseekers"], SASTAMALA_AREA,
             "Työkokeilupaikkoja Sastamalan ja Punkalaitumen yrityksissä ja maatiloilla.",
             "Työnsuunnittelija kartoittaa kanssasi sopivan yrityksen ja sopii kokeilun tavoitteet. "
             "Kokeilussa voi selvittää, sopiiko ala sinulle, tai palata työelämään pitkän tauon jälkeen.",
             duration_weeks=12),

    # --- Kuntouttava työtoiminta (rehabilitative_work)
    offering(KYLATALO, "Kuntouttava työtoiminta kylätalolla", "rehabilitative_work", ["long_term_unemployed"],
             SASTAMALA_AREA,
             "Ryhmätoimintaa, keittiö- ja kiinteistötöitä kylätalolla omaan tahtiin.",
             "Kuntouttavassa työtoiminnassa vahvistetaan arjenhallintaa ja työkykyä. Päivät ovat lyhyitä ja "
             "tehtävät sovitaan yhdessä. Yhteinen lounas kuuluu päivään.",
             schedule="2–4 päivää viikossa, 4 tuntia päivässä", capacity_total=12, open_places=5,
             plain_language_summary="Tulet kylätalolle muutamana päivänä viikossa. "
                                    "Teemme töitä yhdessä ja syömme lounaan."),
    offering(SAIMAA, "Kuntouttava työtoiminta: ompelimo ja kierrätys", "rehabilitative_work", ["long_term_unemployed",
             "partial_work_ability"], SAVONLINNA_AREA,
             "Ompelimon ja kierrätyksen tehtäviä pienessä ryhmässä.",
             "Korjaamme tekstiilejä, lajittelemme lahjoituksia ja valmistamme tuotteita myymälään. Ohjaaja tukee "
             "ja tehtävät sovitetaan voimavarojen mukaan.",
             schedule="ma–to klo 9–13", capacity_total=10, open_places=0),
    offering(ARBETSVERKSTADEN, "Rehabiliterande arbetsverksamhet", "rehabilitative_work", ["long_term_unemployed"],
             RASEBORG_AREA,
             "Rehabiliterande arbetsverksamhet på svenska i verkstaden och caféet.",
             "Vi stärker vardagsrutiner och arbetsförmåga i en lugn grupp. Uppgifterna planeras tillsammans.",
             languages=["sv"], schedule="2–4 dagar i veckan, 4 timmar per dag", capacity_total=8, open_places=3),
    offering(TAMPERE, "Kuntouttavan työtoiminnan ryhmät", "rehabilitative_work", ["long_term_unemployed"], ["Tampere"],
             "Kaupungin omat kuntouttavan työtoiminnan ryhmät eri puolilla Tamperetta.",
             "Ryhmissä tehdään esimerkiksi puutöitä, tekstiilitöitä ja kiinteistöhuoltoa. Ohjaus ryhmiin "
             "sosiaalityön ja työllisyyspalvelujen kautta.",
             capacity_total=40, open_places=11, confirmed_days_ago=210),

    # --- Valmennus (coaching)
    offering(SAATIO, "Työhönvalmennus osatyökykyisille", "coaching", ["partial_work_ability"], TAMPERE_AREA,
             "Yksilöllistä työhönvalmennusta työpaikan löytämiseen ja työssä pysymiseen.",
             "Työhönvalmentaja kartoittaa kanssasi osaamisen ja sopivat työtehtävät, etsii työpaikkoja ja tukee "
             "työnantajaa perehdytyksessä.",
             duration_weeks=26, capacity_total=15, open_places=6, funding_source="municipal_purchase",
             municipality_price="1 200 € / valmennusjakso"),
    offering(SALO, "Nuorten tiimin yksilövalmennus Ohjaamossa", "coaching", ["under_30"], SALO_AREA,
             "Ohjaamon nuorten tiimi valmentaa alle 30-vuotiaita opiskeluun ja työhön.",
             "Tapaamme säännöllisesti, teemme suunnitelman ja haemme yhdessä opiskelu- tai työpaikkaa. "
             "Ohjaamossa voi asioida myös ilman ajanvarausta.",
             min_age=15, max_age=29, schedule="Päivystys ma–pe klo 10–15"),
    offering(SAIMAA, "Arjen ja työelämän valmennus", "coaching", ["long_term_unemployed"], SAVONLINNA_AREA,
             "Ryhmä- ja yksilövalmennusta arjenhallintaan ja työelämävalmiuksiin.",
             "Valmennuksessa käsitellään mm. päivärytmiä, talousasioita ja työnhakua. Ryhmä kokoontuu kahdesti "
             "viikossa ja lisäksi tapaat valmentajaa kahden kesken.",
             duration_weeks=10, intake="start_dates", starts_in=[14, 84], capacity_total=10, open_places=7,
             funding_source="esr_plus", funding_ends_in=300),
    offering(TAMPERE, "Career coaching in English", "coaching", ["immigrants"], TAMPERE_AREA,
             "Individual career coaching in English for international jobseekers in the Tampere region.",
             "Our coaches help you map your skills, translate your experience for the Finnish labour market and "
             "build a job search plan. We also connect you with employers looking for English-speaking staff.",
             languages=["en", "fi"], delivery_mode="hybrid", duration_weeks=12, capacity_total=20, open_places=8),
    offering(SASTAMALA, "Työnhakuvalmennus ryhmässä", "coaching", ["all_jobseekers"], SASTAMALA_AREA,
             "Neljän viikon ryhmävalmennus: CV, työhakemus ja työhaastattelu.",
             "Valmennuksessa päivitetään CV, harjoitellaan työhaastattelua ja tutustutaan piilotyöpaikkoihin. "
             "Mukana myös paikallisia työnantajia.",
             duration_weeks=4, intake="start_dates", starts_in=[10, 45, 100], capacity_total=12, open_places=12),

    # --- Koulutus (training)
    offering(PIRKANPORTTI, "Trukinkuljettajan koulutus", "training", ["all_jobseekers"], SASTAMALA_AREA + ["Tampere"],
             "Lyhytkoulutus trukkikorttiin ja varastotyön perusteisiin.",
             "Koulutuksessa suoritetaan trukinkuljettajan ajolupa ja perehdytään varastotyöhön ja työturvallisuuteen. "
             "Sopii työnhakijoille, jotka suuntaavat logistiikka-alalle.",
             duration_weeks=2, intake="start_dates", starts_in=[30, 75], capacity_total=12, open_places=5,
             funding_source="municipal_purchase", municipality_price="420 €/opiskelija"),
    offering(SAIMAANRANTA, "Hygieniapassi- ja anniskelupassikoulutus", "training", ["all_jobseekers"], SAVONLINNA_AREA,
             "Kahden päivän koulutus ja testit ravintola- ja elintarvikealan töihin.",
             "Koulutus valmistaa hygieniaosaamistestiin ja anniskelupassin kokeeseen. Testit suoritetaan "
             "koulutuspäivien lopussa.",
             duration_weeks=1, intake="start_dates", starts_in=[18, 60], capacity_total=20, open_places=9),
    offering(PIRKANPORTTI, "Rekrytoiva koulutus: lähihoitajan tehtävät", "training", ["all_jobseekers"],
             SASTAMALA_AREA + ["Huittinen"],
             "Työnantajien kanssa suunniteltu koulutus hoiva-avustajan tehtäviin.",
             "Koulutus sisältää teoriaopintoja ja työssäoppimista alueen hoivakodeissa. Suoritettuasi koulutuksen "
             "sinulla on mahdollisuus työpaikkaan kumppaniyrityksissä.",
             duration_weeks=20, intake="start_dates", starts_in=[50], capacity_total=16, open_places=10,
             funding_source="esr_plus", funding_ends_in=500),
    offering(SAIMAANRANTA, "Digitaidot työnhakuun", "training", ["all_jobseekers"], SAVONLINNA_AREA,
             "Lyhytkurssi: sähköinen asiointi, työnhakupalvelut ja etähaastattelut.",
             "Kurssilla opitaan käyttämään työnhaun verkkopalveluja, tekemään sähköinen CV ja osallistumaan "
             "etähaastatteluun.",
             delivery_mode="hybrid", duration_weeks=3, capacity_total=15, open_places=15),

    # --- Ammatinvalinnan ja urasuunnittelun ohjaus (career_guidance)
    offering(SALO, "Uraohjaus ja osaamisen kartoitus", "career_guidance", ["all_jobseekers"], SALO_AREA,
             "Ammatinvalinnan ohjausta ja osaamisen kartoitusta yksilötapaamisissa.",
             "Uraohjaaja auttaa selvittämään vahvuutesi ja sopivat ammatit sekä koulutusvaihtoehdot. "
             "Tarvittaessa käytetään soveltuvuusarviointia.",
             delivery_mode="hybrid", how_to_apply="Pyydä ohjausta OMA-valmentajaltasi."),
    offering(SAATIO, "Urasuunnittelu maahanmuuttajille", "career_guidance", ["immigrants"], TAMPERE_AREA,
             "Ohjausta aiemman koulutuksen ja työkokemuksen hyödyntämiseen Suomessa.",
             "Selvitämme tutkintosi tunnustamisen, täydennyskoulutuksen ja työnhaun mahdollisuudet. "
             "Ohjaus suomeksi, englanniksi ja tarvittaessa tulkin avulla.",
             languages=["fi", "en", "ar"], duration_weeks=6),
    offering(PIRKANPORTTI, "Opiskelijaksi ammattiopistoon: hakuohjaus", "career_guidance", ["under_30"], SASTAMALA_AREA,
             "Apua jatkuvaan hakuun ja opintojen suunnitteluun ammatillisessa koulutuksessa.",
             "Opinto-ohjaaja esittelee koulutusvaihtoehdot, auttaa hakemuksen tekemisessä ja suunnittelee "
             "kanssasi henkilökohtaisen osaamisen kehittämissuunnitelman.",
             min_age=16, max_age=29),
    offering(TAMPERE, "Vägledning på svenska", "career_guidance", ["all_jobseekers"], ["Tampere"],
             "Karriärvägledning på svenska för arbetssökande i Tammerfors.",
             "Vi hjälper dig att kartlägga dina styrkor och hitta lämpliga yrken, utbildningar och arbetsgivare.",
             languages=["sv"], delivery_mode="remote", post_office="", postal_code="", street_address=""),

    # --- Palkkatuettu työ (pay_subsidy)
    offering(SAATIO, "Palkkatuettu työ säätiön kiinteistöpalveluissa", "pay_subsidy", ["long_term_unemployed"],
             TAMPERE_AREA,
             "Palkkatuettuja työpaikkoja kiinteistöhuollossa ja siivouksessa.",
             "Työsuhde kestää 6–12 kuukautta. Työn ohessa voi suorittaa tutkinnon osia ja saada tukea työnhakuun.",
             duration_weeks=40, capacity_total=6, open_places=2, funding_source="municipal_purchase"),
    offering(UUSIOKULMA, "Palkkatuettu työ kierrätyskeskuksessa", "pay_subsidy", ["long_term_unemployed",
             "partial_work_ability"], TAMPERE_AREA,
             "Kuljettajan, myyjän ja korjaajan tehtäviä palkkatuella.",
             "Tarjoamme palkkatuettuja työsuhteita eri tehtävissä. Työnohjaaja tukee ja auttaa jatkopolun "
             "rakentamisessa.",
             capacity_total=8, open_places=0),
    offering(KYLATALO, "Palkkatuettu työ: kylätalon talonmies", "pay_subsidy", ["long_term_unemployed"], SASTAMALA_AREA,
             "Talonmiehen tehtävät kylätalolla ja yhdistyksen vuokra-asunnoissa.",
             "Tehtäviin kuuluu kiinteistön ylläpito, pienet korjaukset ja piha-alueiden hoito.",
             duration_weeks=52, capacity_total=1, open_places=1, status="draft"),
    offering(SAIMAA, "Palkkatuettu työ ompelimossa", "pay_subsidy", ["partial_work_ability"], SAVONLINNA_AREA,
             "Ompelijan ja tuotevalmistuksen tehtäviä palkkatuella.",
             "Valmistamme ja korjaamme tekstiilejä tilaustöinä. Aiempi kokemus ompelusta on eduksi.",
             capacity_total=2, open_places=1, funding_source="stea", confirmed_days_ago=240),

    # --- Yrittäjyyspalvelut (entrepreneurship)
    offering(TAMPERE, "Yrittäjyysneuvonta ja starttirahan hakeminen", "entrepreneurship", ["all_jobseekers"],
             TAMPERE_AREA,
             "Neuvontaa liiketoimintasuunnitelmaan ja starttirahan hakemiseen.",
             "Yritysneuvoja käy kanssasi läpi liikeidean, kannattavuuslaskelmat ja starttirahan edellytykset.",
             delivery_mode="hybrid"),
    offering(SALO, "Yrittäjyysvalmennus: oma yritys", "entrepreneurship", ["all_jobseekers"], SALO_AREA,
             "Kuuden viikon valmennus yrityksen perustamiseen.",
             "Valmennuksessa tehdään liiketoimintasuunnitelma, tutustutaan markkinointiin ja verotukseen ja "
             "tavataan paikallisia yrittäjiä.",
             duration_weeks=6, intake="start_dates", starts_in=[35], capacity_total=14, open_places=6),
    offering(SAATIO, "Entrepreneurship coaching for immigrants", "entrepreneurship", ["immigrants"], TAMPERE_AREA,
             "Start your own business in Finland: coaching in English and Arabic.",
             "We guide you through business registration, taxation, start-up grants and finding your first "
             "customers. Small group sessions and personal meetings.",
             languages=["en", "ar", "fi"], duration_weeks=8, capacity_total=12, open_places=4,
             funding_source="esr_plus", funding_ends_in=180),

    # --- Rinnallakulkija- ja vertaistuki (peer_support)
    offering(VAMMALA, "Työnhakijoiden vertaisryhmä", "peer_support", ["all_jobseekers"], SASTAMALA_AREA,
             "Viikoittainen vertaisryhmä työnhakijoille: kahvia, keskustelua ja vinkkejä.",
             "Vapaamuotoinen ryhmä, jossa jaetaan kokemuksia ja tuetaan toisia työnhaussa.",
             schedule="keskiviikkoisin klo 13–15", status="draft"),
    offering(SAIMAA, "Rinnallakulkija arjessa", "peer_support", ["long_term_unemployed", "partial_work_ability"],
             SAVONLINNA_AREA,
             "Vapaaehtoinen rinnallakulkija tukee asioinnissa ja arjen askareissa.",
             "Rinnallakulkija voi lähteä mukaan virastoasiointiin, auttaa lomakkeiden kanssa tai olla tukena "
             "uuden harrastuksen aloittamisessa.",
             capacity_total=15, open_places=6, funding_source="stea"),
    offering(KYLATALO, "Kylätalon kohtaamispaikka", "peer_support", ["all_jobseekers"], SASTAMALA_AREA,
             "Avoin kohtaamispaikka ja vertaistuki kylätalolla kolmesti viikossa.",
             "Kohtaamispaikkaan voi tulla ilman ajanvarausta. Tarjolla on kahvia, seuraa ja apua asiointiin.",
             schedule="ma, ke ja pe klo 10–14", opening_hours="MO,WE,FR 10:00-14:00",
             access={"step_free_access": "yes", "induction_loop": "yes"}),
    offering(ARBETSVERKSTADEN, "Kamratstöd för unga", "peer_support", ["under_30"], RASEBORG_AREA,
             "Träffa andra unga i samma situation och få stöd av en kamrathandledare.",
             "Gruppen träffas varje vecka och hittar på saker tillsammans: matlagning, promenader och diskussioner.",
             languages=["sv", "fi"], schedule="torsdagar kl. 14–16", max_age=29, min_age=16),

    # --- Kielikoulutus (language_training)
    offering(SAATIO, "Suomen kielen kurssi työelämään", "language_training", ["immigrants"], TAMPERE_AREA,
             "Suomen kieltä työpaikan tilanteisiin tasoille A2–B1.",
             "Kurssilla harjoitellaan työpaikan sanastoa, puhelinkeskusteluja ja työhaastattelua. Mukana "
             "työpaikkavierailuja.",
             languages=["fi", "en"], duration_weeks=10, intake="start_dates", starts_in=[20, 90], capacity_total=16,
             open_places=3, funding_source="esr_plus", funding_ends_in=200,
             plain_language_summary="Opit suomea työtä varten. Kurssi on kaksi kertaa viikossa."),
    offering(SAIMAANRANTA, "Ammattisuomi: sosiaali- ja terveysala", "language_training", ["immigrants"],
             SAVONLINNA_AREA,
             "Suomen kieltä hoitoalan työtehtäviin ja opintoihin.",
             "Koulutus sopii maahanmuuttajille, jotka suuntaavat hoitoalalle. Opiskelemme alan sanastoa ja "
             "asiakastilanteita.",
             duration_weeks=16, intake="start_dates", starts_in=[40], capacity_total=14, open_places=8),
    offering(ARBETSVERKSTADEN, "Svenska i arbetslivet", "language_training", ["immigrants"], RASEBORG_AREA,
             "Svenska för invandrare som vill arbeta i Västnyland.",
             "Kursen fokuserar på vardags- och arbetslivssvenska. Vi besöker arbetsplatser i regionen.",
             languages=["sv", "en"], duration_weeks=12, capacity_total=12, open_places=5),
    offering(TAMPERE, "Kielikahvila työnhakijoille", "language_training", ["immigrants"], ["Tampere"],
             "Harjoittele suomen puhumista rennossa kielikahvilassa.",
             "Kielikahvila kokoontuu kirjastossa. Vapaaehtoiset ohjaajat keskustelevat kanssasi suomeksi.",
             schedule="tiistaisin klo 16–18", opening_hours="TU 16:00-18:00"),

    # --- Työnvälitys ja rekrytointi (job_placement)
    offering(TAMPERE, "Rekrytointitapahtumat ja työnvälitys", "job_placement", ["all_jobseekers"], TAMPERE_AREA,
             "Työnantajien rekrytointitapahtumat ja avoimien työpaikkojen välitys.",
             "Järjestämme kuukausittain rekrytointitapahtumia, joissa tapaat työnantajia suoraan. "
             "Työnvälittäjä auttaa löytämään sopivat avoimet paikat.",
             delivery_mode="hybrid"),
    offering(SASTAMALA, "Yrityskoordinaattorin työnvälitys", "job_placement", ["long_term_unemployed"], SASTAMALA_AREA,
             "Yrityskoordinaattori etsii piilotyöpaikkoja ja sovittaa työnhakijat ja yritykset yhteen.",
             "Kartoitamme yritysten tarpeet ja esittelemme sopivia työnhakijoita. Palkkatuen ja rekrytointituen "
             "mahdollisuudet käydään läpi yrityksen kanssa."),
    offering(SAATIO, "Välityömarkkinoilta avoimille markkinoille", "job_placement", ["partial_work_ability"],
             TAMPERE_AREA,
             "Tuettua työllistymistä: työhönvalmentaja etsii sopivan työpaikan ja tukee työsuhteen alussa.",
             "Palvelu on tarkoitettu palkkatuetussa työssä tai työtoiminnassa oleville, jotka ovat valmiita "
             "siirtymään avoimille työmarkkinoille.",
             duration_weeks=26, capacity_total=10, open_places=3),
    offering(SALO, "Kesätyösetelit ja nuorten rekrytointi", "job_placement", ["under_30"], SALO_AREA,
             "Kesätyöseteli ja apua kesätyön hakemiseen 15–29-vuotiaille.",
             "Salon kaupungin kesätyöseteli tukee yrityksiä nuorten palkkaamisessa. Ohjaamo auttaa hakemusten "
             "kanssa.",
             min_age=15, max_age=29, status="paused"),

    # --- a few more to make the network realistic
    offering(VERSTAS, "Media- ja kuvauspaja", "workshop", ["under_30"], SALO_AREA,
             "Valokuvausta, videoeditointia ja somesisältöjä asiakkaille.",
             "Mediapajalla tehdään oikeita toimeksiantoja yhdistyksille ja kaupungin yksiköille. Opit kuvaamaan, "
             "editoimaan ja julkaisemaan.",
             schedule="ma–to klo 9–14", duration_weeks=16, capacity_total=6, open_places=2, min_age=16, max_age=29),
    offering(SAIMAANRANTA, "Autoalan työpajajakso ja tutkinnon osat", "work_based_learning", ["under_30",
             "long_term_unemployed"], SAVONLINNA_AREA,
             "Autokorjaamon huoltotöitä oppilaitoksen pajalla, osaaminen suoraan tutkinnon osiksi.",
             "Jakso sopii sinulle, joka on kiinnostunut autoalasta mutta ei vielä ole valmis aloittamaan "
             "tutkinto-opintoja. Huoltotyöt arvioidaan autoalan perustutkinnon ammattitaitovaatimuksia vasten.",
             duration_weeks=16, capacity_total=6, open_places=4, intake="start_dates", starts_in=[28]),
    offering(PIRKANPORTTI, "Puualan työpajajakso oppilaitoksessa", "work_based_learning", ["under_30"], SASTAMALA_AREA,
             "Puualan verstaalla tehdyt työt tunnistetaan puuteollisuuden perustutkinnon osiksi.",
             "Pajajakso tehdään oppilaitoksen puuverstaalla yhdessä opiskelijoiden kanssa. Työt suunnitellaan "
             "tutkinnon osien mukaan ja osaaminen arvioidaan jakson lopussa.",
             duration_weeks=12, capacity_total=5, open_places=5, confirmed_days_ago=190),
    offering(KYLATALO, "Kuljetus- ja pihatyöt kuntouttavana työtoimintana", "rehabilitative_work",
             ["long_term_unemployed"],
             SASTAMALA_AREA,
             "Pihatöitä, halkojen tekoa ja pieniä kuljetuksia kylätalon ympäristössä.",
             "Ulkotöitä omaan tahtiin. Sopii, jos viihdyt ulkona ja haluat liikkua työpäivän aikana.",
             schedule="ti ja to klo 9–13", capacity_total=6, open_places=2, confirmed_days_ago=185),
    offering(UUSIOKULMA, "Kuljettajan työkokeilu", "work_trial", ["long_term_unemployed"], TAMPERE_AREA,
             "Työkokeilu kuljetusautossa: noudot ja kotiinkuljetukset.",
             "Työskentelet kuljettajan työparina. B-ajokortti on eduksi, mutta ei välttämätön.",
             duration_weeks=6, capacity_total=2, open_places=0),
    offering(SAATIO, "Vertaistukiryhmä osatyökykyisille", "peer_support", ["partial_work_ability"], TAMPERE_AREA,
             "Vertaisryhmä työkyvyn muutoksia kokeneille.",
             "Ryhmässä jaetaan kokemuksia työhön paluusta ja etsitään yhdessä keinoja jaksamiseen.",
             schedule="joka toinen maanantai klo 17–19", funding_source="stea"),
    offering(SALO, "Työnhakijan digiapu", "career_guidance", ["all_jobseekers", "immigrants"], SALO_AREA,
             "Apua työnhakuun verkossa: Työmarkkinatori, CV ja sähköiset hakemukset.",
             "Digiopastaja auttaa yksilöllisesti tai pienryhmässä. Opastusta myös englanniksi.",
             languages=["fi", "en"], schedule="ke klo 12–15 Voimalassa"),
    offering(SAIMAA, "Kädentaitopaja nuorille aikuisille", "workshop", ["under_30", "immigrants"], SAVONLINNA_AREA,
             "Kädentaitoja, kierrätysmateriaaleja ja yhteisöllistä tekemistä.",
             "Pajalla valmistetaan tuotteita myymälään ja tilaustöinä. Tule kokeilemaan!",
             capacity_total=8, open_places=3, min_age=18, max_age=35, status="archived"),
]
