"""Does the jobseeker fit the offering? Each of the offering's criteria against the few answers the check needs
(age in years, home municipality, which target groups apply, the language of service), before sending.

Never a date of birth or a henkilötunnus: the age in whole years is all the age limits need.
"""

import enum
from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.catalog.models import Offering
from marketplace.reference import TARGET_GROUP, current_codes, language_name, municipality_name, term_name
from marketplace.referrals.models import Fit, Referral


class Criterion(enum.StrEnum):
    AGE = "age"
    MUNICIPALITY = "municipality"
    TARGET_GROUP = "target_group"
    LANGUAGE = "language"
    OTHER = "other"


@dataclass(frozen=True)
class Answers:
    age: int | None = None
    municipality: str = ""  # the jobseeker's home municipality (code)
    target_groups: tuple[str, ...] = ()  # of the offering's target groups, those that apply
    language: str = ""  # the language the jobseeker is served in


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    fit: Fit
    asked: str  # what the offering says
    told: str  # what was answered, or why it is to be checked


def _age_limits(offering: Offering) -> str:
    low, high = offering.min_age, offering.max_age
    if low is not None and high is not None:
        return _("%(min)s–%(max)s-vuotiaat", min=low, max=high)
    return _("vähintään %(min)s-vuotiaat", min=low) if low is not None else _("enintään %(max)s-vuotiaat", max=high)


def check(offering: Offering, answers: Answers) -> list[Result]:
    """One result per criterion the offering states; an offering without criteria has none to fail."""
    results = []
    if offering.min_age is not None or offering.max_age is not None:
        if answers.age is None:
            fit, told = Fit.CHECK, _("ikää ei kerrottu")
        else:
            inside = (offering.min_age is None or answers.age >= offering.min_age) and (
                offering.max_age is None or answers.age <= offering.max_age)
            fit, told = (Fit.FITS if inside else Fit.DOES_NOT_FIT), _("%(age)s vuotta", age=answers.age)
        results.append(Result(Criterion.AGE, fit, _age_limits(offering), told))
    served = offering.municipality_codes
    if served:
        home = next(iter(current_codes([answers.municipality])), "")  # unknown: as if not told
        fit = Fit.CHECK if not home else Fit.FITS if home in served else Fit.DOES_NOT_FIT
        names = ", ".join(municipality_name(code) for code in served[:8]) + ("…" if len(served) > 8 else "")
        results.append(Result(Criterion.MUNICIPALITY, fit, names,
                              municipality_name(home) if home else _("kotikuntaa ei kerrottu")))
    groups = offering.target_group_codes
    if groups:
        applying = [code for code in answers.target_groups if code in groups]
        results.append(Result(Criterion.TARGET_GROUP, Fit.FITS if applying else Fit.CHECK,
                              ", ".join(term_name(TARGET_GROUP, code) for code in groups),
                              ", ".join(term_name(TARGET_GROUP, code) for code in applying)
                              or _("mikään kohderyhmä ei ole valittuna")))
    languages = offering.language_codes
    if languages and answers.language:
        results.append(Result(Criterion.LANGUAGE, Fit.FITS if answers.language in languages else Fit.CHECK,
                              ", ".join(language_name(code) for code in languages),
                              language_name(answers.language)))
    if offering.eligibility.strip():
        results.append(Result(Criterion.OTHER, Fit.CHECK, offering.eligibility.strip(),
                              _("lue edellytykset ja tarkista ne asiakkaan kanssa")))
    return results


def overall(results: list[Result]) -> Fit:
    fits = {result.fit for result in results}
    return Fit.DOES_NOT_FIT if Fit.DOES_NOT_FIT in fits else Fit.CHECK if Fit.CHECK in fits else Fit.FITS



def told_when_sent(referral: Referral) -> Answers:
    """What the coach told when sending (erased with the jobseeker's other details)."""
    return Answers(referral.jobseeker_age, referral.home_municipality, referral.target_groups_told,
                   referral.jobseeker_language)


def eligibility_of(offering: Offering, answers: Answers) -> tuple[Fit, list[Result]]:
    """The check as the referral form and the referral page show it: the overall answer and each criterion."""
    results = check(offering, answers)
    return overall(results), results
