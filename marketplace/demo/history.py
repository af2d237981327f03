"""A year of past demo referrals, so that the reports have figures to show: answered within a few working
days or late, accepted or declined, ended with an outcome. Generated from a fixed seed; every person is
fictional, with an example.fi address."""

import random

from marketplace.accounts.models import OrganisationKind
from marketplace.demo.data import ORGANISATIONS
from marketplace.demo.offerings import OFFERINGS, VAMMALA
from marketplace.referrals.models import DeclineReason, DiscontinueReason, Outcome

COUNT = 150
PROVIDER, COACH = "provider", "coach"
_ANSWER_DAYS = (0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 9)  # calendar days to the provider's first answer
_COMPLETION = [o for o in Outcome if o is not Outcome.DISCONTINUED]
_FIRST = ("Aada", "Eino", "Helmi", "Ilari", "Jasmin", "Kalle", "Linnea", "Miro", "Noora", "Oskari", "Pinja", "Roope")
_LAST = ("Aalto", "Heino", "Jokela", "Kallio", "Lehto", "Mattila", "Niemi", "Rantala", "Salo", "Tuominen")


def history_referrals() -> list[dict]:
    """Referral specs for demo.service._referral, with `step_days`: each step's day after sending."""
    rnd = random.Random(2026)
    services = {org["name"] for org in ORGANISATIONS if org["kind"] is OrganisationKind.EMPLOYMENT_SERVICES}
    coaches = [person[0] for org in ORGANISATIONS if org["name"] in services for person in org["people"]]
    offerings = [spec["title"] for spec in OFFERINGS  # other organisations' published ones (Vammala is pending)
                 if spec.get("status", "published") == "published" and spec["org"] not in services | {VAMMALA}]
    specs = []
    for n in range(COUNT):
        days_ago = rnd.randint(30, 365)
        answer = rnd.choice(_ANSWER_DAYS)
        path = rnd.choices(["complete", "discontinue", "decline", "withdraw", "started"], [55, 10, 18, 5, 12])[0]
        steps, step_days = [], []
        if path == "decline":
            steps.append((PROVIDER, "decline", {"decline_reason": rnd.choice(list(DeclineReason)),
                                                "message": "Palveluntuottajan perustelu."}))
            step_days.append(answer)
        elif path == "withdraw":
            steps.append((COACH, "withdraw", {"message": "Asiakkaan tilanne muuttui."}))
            step_days.append(answer)
        else:
            start = answer + rnd.randint(3, 14)
            steps += [(PROVIDER, "accept", {"start_in_days": start - days_ago}),
                      (PROVIDER, "start", {"start_in_days": start - days_ago})]
            step_days += [answer, start]
            end = min(start + rnd.randint(20, 120), days_ago - 1)
            if path == "complete":
                steps.append((PROVIDER, "complete", {"outcome": rnd.choice(_COMPLETION)}))
                step_days.append(end)
            elif path == "discontinue":
                steps.append((PROVIDER, "discontinue", {"discontinue_reason": rnd.choice(list(DiscontinueReason)),
                                                        "message": "Palveluntuottajan perustelu."}))
                step_days.append(end)
        specs.append({
            "key": f"demo-history-{n}", "coach": rnd.choice(coaches), "offering": rnd.choice(offerings),
            "days_ago": days_ago, "case": f"HIST-{n:04}",
            "jobseeker": (f"{_FIRST[n % len(_FIRST)]} {_LAST[n % len(_LAST)]}", "", f"asiakas{n + 1}@example.fi", "fi"),
            "goal": "Aiempi ohjaus (esimerkkiaineisto).", "background": "", "steps": steps, "step_days": step_days,
        })
    return specs
