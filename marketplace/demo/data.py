"""The demo network. Every name is fictional; business IDs are valid but invented."""

from marketplace.accounts.models import MemberRole, OrganisationKind

DEMO_PASSWORD = "kumppanitori-demo"

COORDINATOR = {"email": "koordinaattori@kumppanitori.example", "name": "Hanna Virtanen",
               "title": "Alueen koordinaattori"}

ORGANISATIONS = [
    {
        "name": "Salon työllisyyspalvelut",
        "kind": OrganisationKind.EMPLOYMENT_SERVICES,
        "business_id": "0204819-8",
        "municipality": "Salo",
        "email": "tyollisyyspalvelut@salo.example",
        "website": "https://www.salo.example/tyollisyys",
        "description": "Salon, Marttilan ja Kosken työllisyysalueen OMA-valmentajat palvelevat työnhakijoita "
        "Voimalassa. Nuorten tiimi toimii Ohjaamossa.",
        "people": [
            ("aino.lehtinen@salo.example", "Aino Lehtinen", "OMA-valmentaja", MemberRole.ADMIN),
            ("mikko.salonen@salo.example", "Mikko Salonen", "OMA-valmentaja, nuorten tiimi", MemberRole.MEMBER),
        ],
    },
    {
        "name": "Salon nuorten työpaja Verstas",
        "kind": OrganisationKind.WORKSHOP,
        "business_id": "0204819-8",  # a unit of the same city: the city's business ID
        "municipality": "Salo",
        "email": "verstas@salo.example",
        "website": None,
        "description": "Puu-, metalli- ja kiinteistöhuollon työpaja alle 30-vuotiaille. Työpajajaksolla voi "
        "opinnollistaa osaamista tutkinnon osiksi.",
        "people": [("tiina.nieminen@salo.example", "Tiina Nieminen", "Työvalmentaja", MemberRole.ADMIN)],
    },
    {
        "name": "Sastamalan seudun työllisyyspalvelut",
        "kind": OrganisationKind.EMPLOYMENT_SERVICES,
        "business_id": "3281904-5",
        "municipality": "Sastamala",
        "email": "tyollisyys@sastamala.example",
        "website": "https://www.sastamala.example/tyollisyys",
        "description": "Sastamalan ja Punkalaitumen yhteiset työllisyyspalvelut, noin tuhat asiakasta.",
        "people": [
            ("sanna.koivisto@sastamala.example", "Sanna Koivisto", "OMA-valmentaja", MemberRole.ADMIN),
            ("petri.laine@sastamala.example", "Petri Laine", "Työnsuunnittelija", MemberRole.MEMBER),
        ],
    },
    {
        "name": "Tampereen työllisyyspalvelut",
        "kind": OrganisationKind.EMPLOYMENT_SERVICES,
        "business_id": "3281917-6",
        "municipality": "Tampere",
        "email": "tyollisyyspalvelut@tampere.example",
        "website": "https://www.tampere.example/tyollisyys",
        "description": "Tampereen seudun työllisyysalueen OMA-valmentajat ja monialainen osaajayhteisö.",
        "people": [("laura.heikkinen@tampere.example", "Laura Heikkinen", "OMA-valmentaja", MemberRole.ADMIN)],
    },
    {
        "name": "Punkalaitumen Kylätalo ry",
        "kind": OrganisationKind.NGO,
        "business_id": "3281925-6",
        "municipality": "Punkalaidun",
        "email": "kylatalo@punkalaidun.example",
        "website": None,
        "description": "Kuntouttavaa työtoimintaa ja ryhmätoimintaa kylätalolla: keittiö, kiinteistöt ja kierrätys.",
        "people": [("marja.hakala@kylatalo.example", "Marja Hakala", "Työtoiminnanohjaaja", MemberRole.ADMIN)],
    },
    {
        "name": "Saimaan Toimintakeskus ry",
        "kind": OrganisationKind.NGO,
        "business_id": "3281933-6",
        "municipality": "Savonlinna",
        "email": "toimisto@saimaantoimintakeskus.example",
        "website": "https://saimaantoimintakeskus.example",
        "description": "Tukityöllistämistä, työpajoja ja opinnollistamista yhdessä oppilaitosten kanssa "
        "Savonlinnassa ja Pieksämäellä.",
        "people": [
            ("heli.rautiainen@saimaantoimintakeskus.example", "Heli Rautiainen", "Toiminnanjohtaja", MemberRole.ADMIN),
            ("jussi.kettunen@saimaantoimintakeskus.example", "Jussi Kettunen", "Työvalmentaja", MemberRole.MEMBER),
        ],
    },
    {
        "name": "Pirkanmaan Välittäjäsäätiö sr",
        "kind": OrganisationKind.FOUNDATION,
        "business_id": "3281941-6",
        "municipality": "Tampere",
        "email": "info@valittajasaatio.example",
        "website": "https://valittajasaatio.example",
        "description": "Valmennusta, työkokeiluja ja palkkatuettua työtä osatyökykyisille ja maahanmuuttajille.",
        "people": [("jari.mattila@valittajasaatio.example", "Jari Mattila", "Palvelupäällikkö", MemberRole.ADMIN)],
    },
    {
        "name": "Kierrätyskeskus Uusiokulma Oy",
        "kind": OrganisationKind.SOCIAL_ENTERPRISE,
        "business_id": "3282001-1",
        "municipality": "Tampere",
        "email": "uusiokulma@uusiokulma.example",
        "website": None,
        "description": "Yhteiskunnallinen yritys: kierrätysmyymälä, korjaamo ja kuljetus. Työkokeiluja ja "
        "palkkatuettua työtä.",
        "people": [("niina.aaltonen@uusiokulma.example", "Niina Aaltonen", "Työnohjaaja", MemberRole.ADMIN)],
    },
    {
        "name": "Ammattiopisto Saimaanranta",
        "kind": OrganisationKind.EDUCATION_PROVIDER,
        "business_id": "3282019-3",
        "municipality": "Savonlinna",
        "email": "opintotoimisto@saimaanranta.example",
        "website": "https://saimaanranta.example",
        "description": "Ammatillinen koulutus Itä-Savossa. Tunnustamme työpajoilla osoitettua osaamista "
        "tutkinnon osiksi.",
        "people": [("kari.toivonen@saimaanranta.example", "Kari Toivonen", "Opettaja, osaamisen tunnustaminen",
                    MemberRole.ADMIN)],
    },
    {
        "name": "Koulutuskeskus Pirkanportti",
        "kind": OrganisationKind.EDUCATION_PROVIDER,
        "business_id": "0155555-0",
        "municipality": "Sastamala",
        "email": "info@pirkanportti.example",
        "website": "https://pirkanportti.example",
        "description": "Ammatillinen koulutus Länsi-Pirkanmaalla: puu-, auto-, sote- ja kiinteistöala.",
        "people": [("paivi.laaksonen@pirkanportti.example", "Päivi Laaksonen", "Lehtori", MemberRole.ADMIN)],
    },
    {
        "name": "Västnyländska Arbetsverkstaden rf",
        "kind": OrganisationKind.WORKSHOP,
        "business_id": "3282121-7",
        "municipality": "Raasepori",
        "email": "info@arbetsverkstaden.example",
        "website": "https://arbetsverkstaden.example",
        "description": "Svenskspråkig verkstad i Västnyland: snickeri, cykelverkstad och café. Vi tar emot unga och "
        "vuxna på arbetsprövning och rehabiliterande arbetsverksamhet.",
        "people": [("anna.lindholm@arbetsverkstaden.example", "Anna Lindholm", "Arbetshandledare", MemberRole.ADMIN,
                    "sv")],  # her pages and emails are in Swedish
    },
    {
        "name": "Vammalan Seudun Työnhakijat ry",
        "kind": OrganisationKind.NGO,
        "business_id": "3282100-6",
        "municipality": "Sastamala",
        "email": "tyonhakijat@vammala.example",
        "website": None,
        "description": "Vertaistukea ja rinnallakulkijatoimintaa työnhakijoille. Rekisteröitynyt juuri.",
        "pending": True,
        "people": [("eeva.salmi@vammala.example", "Eeva Salmi", "Puheenjohtaja", MemberRole.ADMIN)],
    },
]
