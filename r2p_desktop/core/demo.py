"""Realistic, deterministic sample records for a fictional parliament (`r2p demo`).

The Republic of Veloria and everything in it are invented. The same seed and the same `today` give
the same records, uids included, in a fresh database; every date is relative to `today`, so there are
always questions and follow-ups overdue. Records go in with bulk inserts, each with the audit entry an
ORM insert would have written, so the audit trail stays complete; 100,000 questions take well under
a minute.
"""

from __future__ import annotations

import gc
import json
import random
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, DateTime, Table, func, insert, inspect, select
from sqlalchemy.orm import Session

from . import audit
from .models import (
    AgendaItem,
    AgendaItemLink,
    Assessment,
    AssessmentStatus,
    AuditEntry,
    Body,
    BodyKind,
    BudgetItem,
    BudgetScope,
    Commitment,
    CommitmentAssessment,
    Confidentiality,
    Debate,
    DebateStatus,
    Document,
    DocumentKind,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Person,
    PersonKind,
    Question,
    QuestionStatus,
    QuestionType,
    RecordMixin,
    RiskFactor,
)
from .models.base import UtcDateTime, utcnow
from .models.records import (
    budget_item_commitments,
    question_commitments,
    question_instruments,
    question_risk_factors,
)

COUNTRY = "Republic of Veloria"
CHAMBER = "National Assembly"
CURRENCY = "EUR"
BATCH_SIZE = 5_000
# Write rows with the SQLite driver's executemany (several times quicker than SQLAlchemy's statements);
# other engines always take the portable path, and tests switch this off to check the two agree.
SQLITE_FAST_PATH = True

Progress = Callable[[int, int], None]

# ---------------------------------------------------------------------------------------------------
# The cast: bodies and people
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BodySpec:
    key: str
    name: str
    kind: BodyKind
    abbreviation: str
    minister_title: str = ""  # how a question addresses the minister answering for this body


_BODIES = (
    _BodySpec("MFA", "Ministry of Foreign Affairs", BodyKind.MINISTRY, "MFA", "Minister for Foreign Affairs"),
    _BodySpec("MOJ", "Ministry of Justice", BodyKind.MINISTRY, "MoJ", "Minister of Justice"),
    _BodySpec("MOI", "Ministry of the Interior", BodyKind.MINISTRY, "MoI", "Minister of the Interior"),
    _BodySpec("MOD", "Ministry of Defence", BodyKind.MINISTRY, "MoD", "Minister of Defence"),
    _BodySpec("MOF", "Ministry of Finance", BodyKind.MINISTRY, "MoF", "Minister of Finance"),
    _BodySpec("MID", "Ministry of International Development", BodyKind.MINISTRY, "MID",
              "Minister for International Development"),
    _BodySpec("MEC", "Ministry of Education and Culture", BodyKind.MINISTRY, "MEC",
              "Minister of Education and Culture"),
    _BodySpec("NHRI", "Human Rights Commission of Veloria", BodyKind.NHRI, "HRCV"),
    _BodySpec("OMB", "Office of the Parliamentary Ombudsperson", BodyKind.OMBUDSPERSON, "OPO"),
    _BodySpec("FP", "National Office for Atrocity Prevention (R2P Focal Point)", BodyKind.FOCAL_POINT, "NOAP"),
    _BodySpec("COM", "Standing Committee on Human Rights and Atrocity Prevention", BodyKind.COMMITTEE, "SCHRAP"),
)
_MINISTRIES = tuple(b.key for b in _BODIES if b.kind is BodyKind.MINISTRY)

# name, kind, role, body, party
_OFFICE_HOLDERS = (
    ("Helena Marsh-Odeyemi", PersonKind.MINISTER, "Minister for Foreign Affairs", "MFA", "Veloria Democratic Alliance"),
    ("Tomas Varga-Lind", PersonKind.MINISTER, "Minister of Justice", "MOJ", "Veloria Democratic Alliance"),
    ("Ines Castellan", PersonKind.MINISTER, "Minister of the Interior", "MOI", "Civic Union"),
    ("Piotr Aldenberg", PersonKind.MINISTER, "Minister of Defence", "MOD", "Veloria Democratic Alliance"),
    ("Marguerite Okafor", PersonKind.MINISTER, "Minister of Finance", "MOF", "Civic Union"),
    ("Samir Delacroix-Haan", PersonKind.MINISTER, "Minister for International Development", "MID",
     "Veloria Democratic Alliance"),
    ("Lidia Brenner", PersonKind.MINISTER, "Minister of Education and Culture", "MEC", "Civic Union"),
    ("Dr Anouk Perrault", PersonKind.OFFICIAL, "Director, National Office for Atrocity Prevention", "FP", ""),
    ("Jonas Eberhart", PersonKind.OFFICIAL, "Secretary-General, Ministry of Foreign Affairs", "MFA", ""),
    ("Ruth Abernathy", PersonKind.OFFICIAL, "Director-General for Criminal Law", "MOJ", ""),
    ("Kofi Lindqvist", PersonKind.OFFICIAL, "Head of Export Control", "MFA", ""),
    ("Prof. Mirela Sandoval", PersonKind.OFFICIAL, "Chairperson", "NHRI", ""),
    ("Gustav Ferreira", PersonKind.OFFICIAL, "Parliamentary Ombudsperson", "OMB", ""),
    ("Clara Whitfield", PersonKind.OFFICIAL, "Clerk of the Committee", "COM", ""),
    ("Dr Yusuf Albrecht", PersonKind.EXPERT, "Adviser on atrocity prevention, University of Port Alder", "", ""),
    ("Dr Nadia Kovalenko-Reyes", PersonKind.EXPERT, "Researcher, Veloria Institute for Peace Studies", "", ""),
)

_PARTIES = (
    ("Veloria Democratic Alliance", 20),
    ("Social Progress Party", 15),
    ("Civic Union", 11),
    ("Green Future", 7),
    ("National Renewal", 5),
    ("Independent", 2),
)
_CONSTITUENCIES = (
    "Port Alder Central", "Port Alder North", "Northmarch", "Adrel Valley", "Kessin Highlands",
    "Southern Plains", "Lower Brask", "Coastal Province East", "Coastal Province West", "Merrow Lakes",
    "Tarn and Elsby", "Haldane", "Old Vessel", "Greywater", "Dunmore Forest", "Saint Orla",
    "Ravensfield", "Upper Brask", "Ilmen Delta", "Corvell",
)
_FIRST_NAMES = (
    "Anna", "Ben", "Carla", "Daniel", "Elif", "Farid", "Greta", "Hugo", "Ingrid", "Jakob", "Karin", "Luca",
    "Maja", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tara", "Ulrich", "Vera", "Willem", "Yara", "Zoran",
    "Amara", "Bruno", "Celine", "Dario", "Esther", "Felix", "Hana", "Ivo", "Julia", "Kamal", "Lena", "Marek",
    "Noor", "Oskar", "Petra", "Rafael", "Sofia", "Teodor", "Ursula", "Viktor", "Ada", "Emil", "Leila", "Milan",
)
_SURNAMES = (
    "Achterberg", "Baranek", "Castell", "Demir", "Ellison", "Falk", "Grunwald", "Halloran", "Ibsen", "Jovic",
    "Kessler", "Lindahl", "Moreau", "Novak", "Oduya", "Petrov", "Quist", "Rahimi", "Sorensen", "Tamm",
    "Urbanek", "Valdez", "Wexler", "Ystad", "Zeller", "Amsel", "Brandt", "Coelho", "Dragan", "Eklund",
    "Farrow", "Gallo", "Haddad", "Iversen", "Janssen", "Karimi", "Lukas", "Mendel", "Nyberg", "Ortega",
    "Pavlou", "Rask", "Strand", "Toivonen", "Vogel", "Winther", "Adler", "Bergstrom", "Dalca", "Mirza",
)
_MP_COUNT = 60
_COMMITTEE_SIZE = 11  # chair, vice-chair and members; they table most of the questions

# ---------------------------------------------------------------------------------------------------
# Words to fill templates with
# ---------------------------------------------------------------------------------------------------

_REGIONS = ("Northmarch", "the Adrel Valley", "the Kessin Highlands", "the Southern Plains", "Lower Brask",
            "the Coastal Province", "Merrow Lakes", "the Ilmen Delta")
_GROUPS = ("Tarvish", "Ostren", "Mellic", "Sarnai", "Vothan")
_COUNTRIES = ("Karsenia", "Dastovia", "Lunesia", "the Varathi Republic", "Sorvana", "Keldmark")
_FOREIGN_GROUPS = ("Ashari", "Dellan", "Kovu", "Marren")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_TREATY_BODIES = ("Human Rights Committee", "Committee against Torture",
                  "Committee on the Elimination of Racial Discrimination",
                  "Committee on the Elimination of Discrimination against Women")
_RISK_FACTOR_LABELS = ("1 (armed conflict or other instability)", "3 (weakness of State structures)",
                       "7 (enabling circumstances)", "8 (triggering factors)",
                       "9 (intergroup tensions and discrimination)")


class _Dice(random.Random):
    """A seeded generator whose choice and randint scale one float instead of drawing bits until one
    fits: as deterministic, and several times quicker for the hundreds of thousands of draws a
    large demo makes."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def _money(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.1f}"


# Each placeholder a template may use, filled on first use and then kept for the whole question.
_FILLERS: dict[str, Callable[[random.Random, int], object]] = {
    "region": lambda r, y: r.choice(_REGIONS),
    "group": lambda r, y: r.choice(_GROUPS),
    "country": lambda r, y: r.choice(_COUNTRIES),
    "fgroup": lambda r, y: r.choice(_FOREIGN_GROUPS),
    "month": lambda r, y: r.choice(_MONTHS),
    "session": lambda r, y: r.choice(("spring", "autumn")),
    "treaty_body": lambda r, y: r.choice(_TREATY_BODIES),
    "rf_a": lambda r, y: _RISK_FACTOR_LABELS[r.randrange(0, 2)],
    "rf_b": lambda r, y: _RISK_FACTOR_LABELS[r.randrange(2, 5)],
    "year_hist": lambda r, y: r.choice((1961, 1968, 1974, 1983, 1991)),
    "amount": lambda r, y: _money(r, 1.2, 9.5),
    "amount_k": lambda r, y: r.choice((150, 200, 250, 300, 400, 500)),
    "change": lambda r, y: r.choice(("an increase of 4 per cent", "an increase of 11 per cent", "unchanged",
                                     "a reduction of 3 per cent")),
    "n": lambda r, y: r.randint(2, 14),
    "staff": lambda r, y: r.randint(6, 14),
    "vacant": lambda r, y: r.randint(0, 3),
    "granted": lambda r, y: r.randint(3, 40),
    "refused": lambda r, y: r.randint(0, 6),
    "complaints": lambda r, y: r.randint(80, 400),
    "complaints_prev": lambda r, y: r.randint(60, 350),
    "troops": lambda r, y: r.randint(120, 480),
    "police": lambda r, y: r.randint(10, 60),
    "pct": lambda r, y: r.randint(6, 19),
    "apps": lambda r, y: r.randint(200, 3000),
    "granted_share": lambda r, y: r.randint(25, 80),
    "places": lambda r, y: r.choice((100, 150, 250, 300, 500)),
    "families": lambda r, y: r.randint(40, 900),
    "claims": lambda r, y: r.randint(300, 2500),
    "pending": lambda r, y: r.randint(20, 400),
    "attacks": lambda r, y: r.randint(5, 40),
    "pros": lambda r, y: r.randint(1, 9),
    "recs": lambda r, y: r.randint(24, 60),
    "acc": lambda r, y: r.randint(10, 20),
    "part": lambda r, y: r.randint(2, 8),
    "upr_acc": lambda r, y: r.randint(140, 210),
    "upr_done": lambda r, y: r.randint(40, 110),
}


class _Fill(dict):
    """The placeholder values of one question: each chosen on first use, so title, text and answer agree."""

    def __init__(self, rng: random.Random, year: int):
        super().__init__(year=year, year_prev=year - 1, year_next=year + 1)
        self.rng = rng

    def __missing__(self, key: str):
        value = _FILLERS[key](self.rng, self["year"])
        self[key] = value
        return value


@dataclass(frozen=True)
class _Topic:
    key: str
    weight: int
    bodies: tuple[str, ...]
    pillar: int
    commitments: tuple[str, ...]
    risk_factors: tuple[str, ...]
    instruments: tuple[str, ...]
    # (titles that fit, the question): the question continues "To ask the Minister ..."
    questions: tuple[tuple[tuple[str, ...], str], ...]
    answers: tuple[str, ...]
    undertakings: tuple[str, ...]  # continues "The Minister undertook to ..."
    treaties: tuple[tuple[str, str], ...] = ()  # (instrument code, name): one is chosen as {treaty}


_TOPICS = (
    _Topic(
        key="early-warning", weight=8, bodies=("MOI", "MFA"), pillar=1,
        commitments=(
            "SG17-21-national-risk-assessment", "SG17-45-regular-risk-assessment", "PARL-INT-risk-assessments",
            "SG17-47-evidence-base",
        ),
        risk_factors=("RF01", "RF07", "RF08", "RF09"),
        instruments=(),
        questions=(
            (
                ("Early-warning system for atrocity risks", "Atrocity risk indicators monitored by the government"),
                "what early-warning system the government uses to detect the risk of atrocity crimes in Veloria, "
                "which indicators it monitors, and how often the findings are reported to ministers.",
            ),
            (
                (
                    "Early-warning alerts on {region} since {year_prev}",
                    "Early warning of intercommunal violence in {region}",
                ),
                "how many early-warning alerts concerning {region} the national focal point has received since "
                "January {year_prev}, and what action was taken on each.",
            ),
            (
                (
                    "Early warning of intercommunal violence in {region}",
                    "Atrocity risk indicators monitored by the government",
                ),
                "whether the government will publish a summary of the early-warning indicators it monitors for "
                "intercommunal violence in {region}.",
            ),
        ),
        answers=(
            "The National Office for Atrocity Prevention reviews a set of early-warning indicators every quarter, "
            "drawing on reports from regional governors, the police and the Human Rights Commission.",
            "Since January {year_prev} the Office has issued {n} alerts concerning {region}; each was discussed by "
            "the inter-ministerial working group within ten working days.",
            "The indicators follow the UN Framework of Analysis for Atrocity Crimes, adapted to Veloria's "
            "circumstances.",
            "A summary of the indicators, without the underlying intelligence, will be published with the next "
            "national risk assessment.",
            "Regional governors have been asked to report any incident of intercommunal violence to the Office "
            "within 48 hours.",
        ),
        undertakings=(
            "publish a public summary of the early-warning indicators",
            "report to the Committee on the alerts raised about {region}",
            "brief the Committee in closed session on the early-warning system",
        ),
    ),
    _Topic(
        key="focal-point", weight=7, bodies=("MFA",), pillar=1,
        commitments=(
            "SG17-45-focal-point", "RM-ADV-focal-point", "SG17-26-focal-point-diplomacy",
            "RM-LEG-institutionalise-mechanism",
        ),
        risk_factors=(),
        instruments=(),
        questions=(
            (
                ("Staffing of the national R2P focal point", "Budget of the national R2P focal point for {year}"),
                "how many full-time staff work in the National Office for Atrocity Prevention, what its budget is "
                "for {year}, and whether its mandate is set out in law.",
            ),
            (
                ("Mandate of the National Office for Atrocity Prevention",),
                "whether the government will give the national R2P focal point a statutory mandate and direct "
                "access to the Prime Minister.",
            ),
            (
                ("Veloria in the Global Network of R2P Focal Points",),
                "which meetings of the Global Network of R2P Focal Points the national focal point attended in "
                "{year_prev}, and what commitments Veloria made there.",
            ),
        ),
        answers=(
            "The National Office for Atrocity Prevention has {staff} full-time posts, of which {vacant} are "
            "currently vacant.",
            "The Office's mandate is set out in a decision of the Council of Ministers; the government is "
            "considering whether to place it on a statutory footing.",
            "The focal point attended the annual meeting of the Global Network of R2P Focal Points and reported on "
            "Veloria's national risk assessment.",
            "The Office's budget for {year} is {amount} million euros.",
            "The focal point reports twice a year to the inter-ministerial working group on atrocity prevention.",
        ),
        undertakings=(
            "send the Committee the Office's staffing plan",
            "consult on a statutory mandate for the focal point",
            "share the focal point's report on the Global Network meeting",
        ),
    ),
    _Topic(
        key="genocide-law", weight=6, bodies=("MOJ",), pillar=1,
        commitments=(
            "SG17-45-criminalise-atrocities", "RM-LEG-implementing-laws", "RM-LEG-domestic-crimes",
            "SG17-20-implement-core-treaties",
        ),
        risk_factors=("RF02", "RF10"),
        instruments=("genocide-convention", "rome-statute"),
        questions=(
            (
                ("Genocide Convention implementing legislation", "Timetable for the International Crimes Bill"),
                "when the government will introduce legislation to make genocide, crimes against humanity and war "
                "crimes distinct offences under Velorian law, as the Genocide Convention and the Rome Statute "
                "require.",
            ),
            (
                ("Incitement to genocide in the Criminal Code",),
                "whether direct and public incitement to commit genocide is an offence under the Criminal Code, and "
                "how many prosecutions have been brought since {year_prev}.",
            ),
            (
                ("Universal jurisdiction over atrocity crimes",),
                "whether Velorian courts can try persons present in Veloria who are suspected of genocide or crimes "
                "against humanity committed abroad.",
            ),
        ),
        answers=(
            "The Ministry of Justice is preparing an International Crimes Bill, which will be published in draft "
            "for consultation.",
            "Article 211 of the Criminal Code makes genocide an offence, but it does not yet cover direct and "
            "public incitement, conspiracy or attempt in the terms of Article III of the Convention.",
            "Crimes against humanity are not yet defined as such in Velorian law; the draft Bill would follow the "
            "definition in Article 7 of the Rome Statute.",
            "No prosecutions for incitement to genocide have been brought in the period in question.",
            "The Government intends to introduce the Bill in the {session} session, subject to parliamentary time.",
        ),
        undertakings=(
            "publish the draft International Crimes Bill for consultation",
            "write to the Committee with the timetable for the International Crimes Bill",
        ),
    ),
    _Topic(
        key="arms-trade", weight=6, bodies=("MFA",), pillar=2,
        commitments=(
            "RM-OVS-block-arms-sales", "RM-OVS-identify-enablers", "SG17-20-ratify-core-treaties",
            "RM-OVS-foreign-policy-accountability",
        ),
        risk_factors=("RF01", "RF05", "RF11"),
        instruments=("arms-trade-treaty",),
        questions=(
            (
                ("Arms Trade Treaty export licences to {country}", "Refused arms export licences in {year_prev}"),
                "how many licences for the export of small arms and light weapons to {country} were granted and "
                "refused in {year_prev}, and how the risk of their use in atrocity crimes was assessed under "
                "Article 7 of the Arms Trade Treaty.",
            ),
            (
                ("Arms exports and the risk of atrocity crimes in {country}",),
                "whether the government will suspend existing export licences to {country} in the light of reports "
                "of attacks on civilians.",
            ),
            (
                ("Ratification of the Arms Trade Treaty",),
                "when the government will ratify the Arms Trade Treaty, which Veloria signed in 2014.",
            ),
        ),
        answers=(
            "In {year_prev} the Ministry granted {granted} licences for exports to {country} and refused {refused}.",
            "Every application is assessed against the criteria of Article 7 of the Arms Trade Treaty, including "
            "the risk that the items could be used to commit or facilitate serious violations of international "
            "humanitarian law.",
            "The Government keeps the situation in {country} under close review and will suspend licences where the "
            "risk is clear.",
            "Ratification of the Arms Trade Treaty requires amendments to the Export Control Act, which the "
            "Government intends to bring forward next year.",
            "Details of individual licences are commercially confidential, but aggregate figures are published in "
            "the annual export control report.",
        ),
        undertakings=(
            "publish the annual export control report with figures on refusals",
            "review the export licences in force for {country}",
            "bring forward the amendments to the Export Control Act needed to ratify the Arms Trade Treaty",
        ),
    ),
    _Topic(
        key="hate-speech", weight=7, bodies=("MOI", "MOJ"), pillar=1,
        commitments=(
            "SG17-26-media-freedom", "RM-EDU-inform-public", "SG17-26-civic-space", "RM-LEG-equality-access-justice",
        ),
        risk_factors=("RF07", "RF08", "RF09", "RF10"),
        instruments=("cerd", "iccpr"),
        questions=(
            (
                (
                    "Hate speech against the {group} community",
                    "Monitoring hate speech before the {year_next} elections",
                ),
                "what steps the government is taking to counter hate speech directed at the {group} community, "
                "including online, and how many complaints the police have recorded since {year_prev}.",
            ),
            (
                ("Online incitement against {group} residents of {region}",),
                "whether the government has assessed the risk that online incitement against {group} residents of "
                "{region} could lead to violence, and what it has done in response.",
            ),
            (
                ("Prosecutions for incitement to hatred",),
                "how many prosecutions for incitement to hatred have been brought in each of the last three years, "
                "and with what outcome.",
            ),
        ),
        answers=(
            "The police recorded {complaints} complaints of hate speech against the {group} community in "
            "{year_prev}, compared with {complaints_prev} in the year before.",
            "The Ministry meets the main online platforms every quarter and has agreed a fast-track procedure for "
            "removing content that incites violence.",
            "A national action plan against hate speech, prepared with the Human Rights Commission, will be "
            "published this year.",
            "Prosecutors have received new guidance on incitement to hatred, drawing on the Rabat Plan of Action.",
            "The Government condemns all incitement to hatred and violence against any community in Veloria.",
        ),
        undertakings=(
            "publish the national action plan against hate speech",
            "provide figures on hate speech complaints broken down by region",
        ),
    ),
    _Topic(
        key="security-sector", weight=6, bodies=("MOD", "MOI"), pillar=1,
        commitments=(
            "SG17-24-security-forces-accountability", "SG17-24-chain-of-command", "PARL-INT-security-accountability",
            "NHRI-security-forces", "SG17-24-remove-impunity-barriers",
        ),
        risk_factors=("RF02", "RF03", "RF05"),
        instruments=("cat", "geneva-protocol-2"),
        questions=(
            (
                (
                    "Training of the armed forces in international humanitarian law",
                    "Parliamentary oversight of the security sector",
                ),
                "what training in international humanitarian law and human rights all members of the armed forces "
                "receive, and how its effect is evaluated.",
            ),
            (
                ("Investigation of the use of force by police in {region}",),
                "what independent investigation has been opened into the use of force by police units during the "
                "protests in {region} in {month} {year_prev}.",
            ),
            (
                ("Command responsibility in military law", "Parliamentary oversight of the security sector"),
                "whether the Military Justice Code makes commanders criminally responsible for atrocity crimes "
                "committed by troops under their effective control.",
            ),
        ),
        answers=(
            "All recruits receive 24 hours of instruction in international humanitarian law, and officers a further "
            "module before deployment.",
            "The Inspectorate of Police has opened an investigation, and its findings will be shared with the "
            "Ombudsperson.",
            "The Military Justice Code provides for command responsibility, but the Government accepts that the "
            "provision should be brought into line with Article 28 of the Rome Statute.",
            "The Ministry is working with the Human Rights Commission on an independent evaluation of training.",
            "Members of the security forces found to have committed serious violations are suspended pending the "
            "outcome of proceedings.",
        ),
        undertakings=(
            "share the findings of the investigation in {region} with the Committee",
            "commission an independent evaluation of training in international humanitarian law",
        ),
    ),
    _Topic(
        key="nhri", weight=6, bodies=("MOF", "MOJ"), pillar=1,
        commitments=(
            "SG17-23-paris-principles", "PARL-INT-nhri-role", "SG17-23-prevention-mandate",
            "SG17-23-nhri-risk-assessment", "SG17-45-nhri-annual-reports",
        ),
        risk_factors=("RF06",),
        instruments=(),
        questions=(
            (
                ("Funding of the Human Rights Commission in {year}", "Independence of the Human Rights Commission"),
                "what the budget of the Human Rights Commission is for {year}, how it compares with {year_prev}, "
                "and whether it is sufficient for the Commission's new prevention mandate.",
            ),
            (
                ("Government response to the Human Rights Commission's annual report",),
                "when the government will respond to the recommendations of the Human Rights Commission's annual "
                "report, and which of them it accepts.",
            ),
            (
                ("Accreditation of the Human Rights Commission", "Independence of the Human Rights Commission"),
                "what steps the government is taking to keep the A-status accreditation of the Human Rights "
                "Commission under the Paris Principles.",
            ),
        ),
        answers=(
            "The Commission's budget for {year} is {amount} million euros, {change} on {year_prev}.",
            "The Government will respond to each recommendation of the annual report within six months of its "
            "publication, as it has undertaken to do.",
            "The Commission's budget is set by the Assembly on the proposal of the Commission itself, which "
            "safeguards its independence under the Paris Principles.",
            "Of the {recs} recommendations in the latest report, the Government accepts {acc} in full and {part} in "
            "part.",
            "The Government values the Commission's work on early warning and has asked it to contribute to the "
            "national risk assessment.",
        ),
        undertakings=(
            "respond in writing to each recommendation of the Commission's annual report",
            "review the Commission's budget in the mid-year adjustment",
        ),
    ),
    _Topic(
        key="peacekeeping", weight=5, bodies=("MOD", "MFA"), pillar=3,
        commitments=(
            "SG17-22-international-role", "PARL-INT-budget-international", "SG17-46-regional-arrangements",
            "SG17-46-mandate-accountability",
        ),
        risk_factors=("RF11", "RF13", "RF14"),
        instruments=("geneva-protocol-1",),
        questions=(
            (
                ("Veloria's contribution to UN peacekeeping",),
                "how many Velorian military and police personnel are serving in UN peace operations, in which "
                "missions, and what the cost was in {year_prev}.",
            ),
            (
                (
                    "Protection of civilians by the UN mission in {country}",
                    "Pre-deployment training of Velorian peacekeepers",
                ),
                "what instructions Velorian troops in {country} have received on the protection of civilians under "
                "the mission's mandate.",
            ),
            (
                ("Velorian police officers in {country}",),
                "whether the government will increase its contribution of police officers to the UN mission in "
                "{country}.",
            ),
        ),
        answers=(
            "Veloria currently contributes {troops} military personnel and {police} police officers to UN peace "
            "operations.",
            "The cost of these contributions in {year_prev} was {amount} million euros, part of which the United "
            "Nations reimburses.",
            "All contingents receive pre-deployment training on the protection of civilians, conflict-related "
            "sexual violence and child protection.",
            "The Government is considering a request from the United Nations for a further formed police unit.",
            "Velorian troops operate under rules of engagement that allow them to use force to protect civilians "
            "under imminent threat.",
        ),
        undertakings=("report to the Committee on the deployment in {country}",),
    ),
    _Topic(
        key="framework-of-analysis", weight=5, bodies=("MFA", "MOI"), pillar=1,
        commitments=(
            "SG17-45-regular-risk-assessment", "SG17-45-inclusive-assessment", "SG17-21-identify-vulnerable-groups",
            "SG17-47-practitioner-guidance",
        ),
        risk_factors=("RF01", "RF03", "RF06", "RF08", "RF09"),
        instruments=(),
        questions=(
            (
                (
                    "Use of the UN Framework of Analysis in the national risk assessment",
                    "Risk factors identified in {region}",
                ),
                "whether the national risk assessment uses the fourteen risk factors of the UN Framework of "
                "Analysis for Atrocity Crimes, and which of them it found present in Veloria.",
            ),
            (
                ("Civil society and the national risk assessment",),
                "how civil society organisations, the Human Rights Commission and representatives of minorities "
                "were consulted in preparing the national risk assessment.",
            ),
            (
                ("National assessment of atrocity risks and resilience",),
                "when the next national assessment of atrocity risks and resilience will be published, and whether "
                "it will be laid before the Assembly.",
            ),
        ),
        answers=(
            "The national risk assessment is structured around the fourteen risk factors of the UN Framework of "
            "Analysis and the indicators for each.",
            "The last assessment found elevated levels of risk factors {rf_a} and {rf_b} in parts of {region}, and "
            "noted strong mitigating factors nationally.",
            "Over forty organisations took part in regional consultations, including groups representing the "
            "{group} community.",
            "The next assessment will be completed by the end of {year} and a public summary laid before the Assembly.",
            "The Government will ask the Human Rights Commission to review the methodology independently.",
        ),
        undertakings=(
            "lay a public summary of the national risk assessment before the Assembly",
            "consult minority representatives on the risk assessment methodology",
        ),
    ),
    _Topic(
        key="international-justice", weight=3, bodies=("MOJ", "MFA"), pillar=1,
        commitments=(
            "SG17-25-international-justice-options", "RM-LEG-support-international-institutions",
            "SG17-25-investigate-prosecute", "RM-LEG-local-prosecution",
        ),
        risk_factors=("RF02",),
        instruments=("rome-statute",),
        questions=(
            (
                ("Cooperation with the International Criminal Court",),
                "what requests for cooperation Veloria has received from the International Criminal Court since "
                "{year_prev}, and whether all were executed.",
            ),
            (
                ("Contribution to the ICC Trust Fund for Victims",),
                "whether the government will make a voluntary contribution to the ICC Trust Fund for Victims in "
                "{year}.",
            ),
            (
                ("Execution of International Criminal Court warrants",),
                "what arrangements are in place to arrest and surrender any person subject to an ICC warrant who "
                "enters Velorian territory.",
            ),
        ),
        answers=(
            "Veloria received {n} requests for cooperation from the Court in the period, all of which were executed "
            "or are being executed.",
            "The Cooperation with the International Criminal Court Act sets out the procedure for arrest and "
            "surrender.",
            "The Government contributed {amount_k} thousand euros to the Trust Fund for Victims in {year_prev} and "
            "is considering a further contribution.",
            "Veloria will continue to support the Court politically and financially.",
        ),
        undertakings=("inform the Committee of the decision on a contribution to the Trust Fund for Victims",),
    ),
    _Topic(
        key="development-aid", weight=5, bodies=("MID",), pillar=2,
        commitments=(
            "SG17-22-mainstream-aid", "RM-OVS-aid-screening-questions", "RM-OVS-aid-review", "SG17-22-prioritise-aid",
            "RM-EDU-nonmilitary-assistance",
        ),
        risk_factors=("RF03", "RF06", "RF09"),
        instruments=(),
        questions=(
            (
                ("Atrocity-prevention screening of development aid to {country}",),
                "whether development programmes in {country} are screened for their effect on atrocity risks, and "
                "what the screening found.",
            ),
            (
                ("Share of the aid budget spent on prevention",),
                "what proportion of Veloria's official development assistance in {year_prev} supported conflict "
                "prevention, the rule of law and human rights.",
            ),
            (
                ("Aid to civil society in {country}", "Support for justice and security reform in {country}"),
                "what support Veloria gives to civil society organisations monitoring atrocity risks in {country}.",
            ),
        ),
        answers=(
            "Since {year_prev}, every new programme above one million euros has been screened with an atrocity-risk "
            "checklist based on the UN Framework of Analysis.",
            "In {year_prev}, {pct} per cent of bilateral aid supported conflict prevention, the rule of law and "
            "human rights.",
            "In {country}, the Ministry funds local organisations that document violence against civilians and "
            "support mediation between communities.",
            "The screening led to changes in {n} programmes, mainly to add safeguards for minority communities.",
        ),
        undertakings=(
            "publish the atrocity-risk checklist used to screen aid programmes",
            "report the share of aid spent on prevention in the annual aid report",
        ),
    ),
    _Topic(
        key="refugees", weight=4, bodies=("MOI",), pillar=2,
        commitments=("SG17-20-implement-core-treaties", "RM-LEG-equality-access-justice", "SG17-22-international-role"),
        risk_factors=("RF01", "RF11", "RF13"),
        instruments=("refugee-convention", "refugee-protocol-1967"),
        questions=(
            (
                ("Protection of refugees fleeing violence in {country}",),
                "how many people fleeing violence in {country} have applied for asylum in Veloria since "
                "{year_prev}, and how many have been granted protection.",
            ),
            (
                ("Resettlement places for survivors of atrocity crimes",),
                "whether the government will offer resettlement places to survivors of atrocity crimes in {country} "
                "in cooperation with UNHCR.",
            ),
            (
                ("Asylum claims from members of the {fgroup} minority",),
                "what guidance asylum caseworkers have on claims from members of the {fgroup} minority in {country}.",
            ),
        ),
        answers=(
            "Since January {year_prev}, {apps} nationals of {country} have applied for asylum in Veloria; "
            "{granted_share} per cent of decisions granted refugee status or subsidiary protection.",
            "Veloria will resettle {places} refugees in cooperation with UNHCR this year, giving priority to "
            "survivors of violence.",
            "Country guidance on {country} was updated in {month} {year_prev} and recognises that members of the "
            "{fgroup} minority face a real risk of persecution.",
            "Veloria fully respects the principle of non-refoulement.",
        ),
        undertakings=("update the country guidance on {country}",),
    ),
    _Topic(
        key="remembrance", weight=3, bodies=("MEC",), pillar=1,
        commitments=(
            "RM-EDU-remembrance-day", "RM-EDU-curricula-media", "RM-EDU-domestic-history",
            "RM-EDU-truth-memory-processes",
        ),
        risk_factors=("RF09",),
        instruments=(),
        questions=(
            (
                ("National day of remembrance for victims of atrocity crimes",),
                "whether the government will establish a national day of remembrance for the victims of atrocity "
                "crimes.",
            ),
            (
                ("Teaching about past atrocities in schools",),
                "how the school curriculum teaches the history of the {year_hist} violence in {region} and the "
                "prevention of genocide.",
            ),
            (
                ("Archives of the {year_hist} events in {region}",),
                "whether the archives of the security services on the {year_hist} events in {region} will be opened "
                "to researchers.",
            ),
        ),
        answers=(
            "The Government marks 9 December, the International Day of Commemoration and Dignity of the Victims of "
            "the Crime of Genocide.",
            "The revised history curriculum, in force from the next school year, includes a unit on the {year_hist} "
            "events and on the prevention of genocide.",
            "The State Archives will open the files to accredited researchers once the review of personal data is "
            "complete.",
            "Teacher training materials have been prepared with survivors' associations and the Human Rights "
            "Commission.",
        ),
        undertakings=(
            "publish the timetable for opening the archives",
            "consult survivors' associations on a national day of remembrance",
        ),
    ),
    _Topic(
        key="upr", weight=4, bodies=("MFA", "MOJ"), pillar=1,
        commitments=(
            "SG17-45-accept-recommendations", "SG17-46-upr-focus", "PARL-INT-upr-contribution",
            "SG17-45-report-to-hr-mechanisms", "SG17-45-open-invitation",
        ),
        risk_factors=(),
        instruments=("iccpr", "cat", "cerd", "cedaw"),
        questions=(
            (
                (
                    "Implementation of accepted UPR recommendations",
                    "Veloria's mid-term report to the Universal Periodic Review",
                ),
                "how many of the recommendations Veloria accepted in the last Universal Periodic Review have been "
                "fully implemented, and whether the government will publish a mid-term report.",
            ),
            (
                ("Follow-up to the concluding observations of the {treaty_body}",),
                "what the government has done to implement the concluding observations of the {treaty_body} on "
                "Veloria, and when its next periodic report is due.",
            ),
            (
                ("Standing invitation to the special procedures",),
                "whether Veloria will maintain its standing invitation to the special procedures of the Human "
                "Rights Council.",
            ),
        ),
        answers=(
            "Of the {upr_acc} recommendations Veloria accepted in the last review, {upr_done} have been implemented "
            "in full and most of the rest are in progress.",
            "The Government will submit a voluntary mid-term report to the Human Rights Council in {year}.",
            "An inter-ministerial implementation plan tracks each recommendation, with a lead ministry and a deadline.",
            "Veloria extended a standing invitation to the special procedures in 2011 and continues to honour it.",
            "The next periodic report to the {treaty_body} is being prepared in consultation with civil society.",
        ),
        undertakings=("share the UPR implementation plan with the Committee", "submit a voluntary mid-term UPR report"),
    ),
    _Topic(
        key="civic-space", weight=4, bodies=("MOI",), pillar=1,
        commitments=(
            "SG17-26-civic-space", "SG17-26-support-watchdogs", "SG17-26-media-freedom", "SG17-26-shadow-reports",
        ),
        risk_factors=("RF06", "RF07"),
        instruments=("iccpr",),
        questions=(
            (
                ("Protection of human rights defenders", "Safety of journalists reporting from {region}"),
                "what measures the government is taking to protect human rights defenders and journalists who "
                "report on tensions in {region}.",
            ),
            (
                ("Amendments to the Associations Act",),
                "whether the proposed amendments to the Associations Act could restrict the work of organisations "
                "monitoring atrocity risks.",
            ),
            (
                ("Attacks on journalists in {year_prev}",),
                "how many attacks on journalists were reported in {year_prev}, and how many led to prosecutions.",
            ),
        ),
        answers=(
            "The police recorded {attacks} attacks on journalists in {year_prev}; {pros} cases have been referred "
            "to prosecutors.",
            "The amendments to the Associations Act concern financial transparency only and will not restrict "
            "legitimate activity.",
            "The Government has asked the Ombudsperson to review the amendments against international standards on "
            "freedom of association.",
            "A protection protocol for human rights defenders has been agreed with the Human Rights Commission.",
        ),
        undertakings=("send the Committee the Ombudsperson's review of the Associations Act amendments",),
    ),
    _Topic(
        key="minorities", weight=5, bodies=("MOI",), pillar=1,
        commitments=(
            "SG17-21-identify-vulnerable-groups", "RM-LEG-equality-access-justice", "SG17-26-open-reflection",
            "SG17-26-women-youth",
        ),
        risk_factors=("RF02", "RF04", "RF08", "RF09"),
        instruments=("cerd",),
        questions=(
            (
                ("Situation of the {group} community in {region}",),
                "what assessment the government has made of the situation of the {group} community in {region} "
                "following the recent incidents of violence.",
            ),
            (
                ("Displacement of {group} families from {region}",),
                "how many {group} families have been displaced from {region} since {year_prev}, and what support "
                "they receive.",
            ),
            (
                ("Land disputes and intercommunal tensions in {region}",),
                "what the government is doing to resolve the land disputes in {region} that have fuelled tensions "
                "between communities.",
            ),
        ),
        answers=(
            "The Government is deeply concerned by the incidents in {region} and has deployed additional police and "
            "mediators.",
            "Local authorities have registered {families} displaced families, who receive temporary housing and "
            "financial support.",
            "A land commission for {region} will begin work in {month}, with members drawn from all communities.",
            "The Minister visited {region} in {month} {year_prev} and met community leaders, including "
            "representatives of the {group} community.",
            "The national focal point has placed {region} under enhanced monitoring.",
        ),
        undertakings=(
            "report on the work of the land commission for {region}",
            "provide updated figures on displaced families in {region}",
        ),
    ),
    _Topic(
        key="prevention-strategy", weight=4, bodies=("MFA",), pillar=1,
        commitments=(
            "SG17-45-prevention-strategy", "SG17-45-national-committee", "SG17-47-integrated-prevention-platform",
            "RM-LEG-fund-executive-prevention",
        ),
        risk_factors=(),
        instruments=(),
        questions=(
            (
                ("National atrocity prevention strategy",),
                "when the government will adopt a national strategy for the prevention of atrocity crimes, and "
                "whether it will be laid before the Assembly.",
            ),
            (
                ("Inter-ministerial committee on atrocity prevention",),
                "how often the inter-ministerial committee on atrocity prevention has met since {year_prev}, and "
                "who chairs it.",
            ),
            (
                ("Funding of the national prevention action plan",),
                "what budget is attached to the national action plan for atrocity prevention.",
            ),
        ),
        answers=(
            "A national strategy for the prevention of atrocity crimes is being drafted and will be laid before the "
            "Assembly once the Council of Ministers has adopted it.",
            "The inter-ministerial committee has met {n} times since January {year_prev}; the Secretary-General of "
            "the Ministry of Foreign Affairs chairs it.",
            "The action plan is financed from the existing budgets of the ministries concerned.",
            "The strategy will cover both prevention at home and Veloria's support for prevention abroad.",
        ),
        undertakings=(
            "lay the national prevention strategy before the Assembly",
            "send the Committee the minutes of the inter-ministerial committee",
        ),
    ),
    _Topic(
        key="redress", weight=3, bodies=("MOJ",), pillar=1,
        commitments=("SG17-25-redress-victims", "PARL-INT-redress", "SG17-25-transitional-justice", "NHRI-redress"),
        risk_factors=("RF02",),
        instruments=(),
        questions=(
            (
                (
                    "Reparations for victims of the {year_hist} violence in {region}",
                    "Compensation scheme for survivors of the {year_hist} violence",
                ),
                "what reparations have been paid to victims of the {year_hist} violence in {region}, and how many "
                "claims remain outstanding.",
            ),
            (
                ("Truth commission on the {year_hist} events",),
                "whether the government will establish an independent truth commission on the {year_hist} events in "
                "{region}.",
            ),
        ),
        answers=(
            "The compensation scheme has paid {claims} claims; {pending} are still being assessed.",
            "The Government is consulting survivors' associations on the form of a truth-seeking process.",
            "The Ministry has extended the deadline for claims to the end of {year}.",
        ),
        undertakings=("publish the results of the consultation on a truth-seeking process",),
    ),
    _Topic(
        key="ratification", weight=3, bodies=("MFA",), pillar=1,
        commitments=(
            "SG17-20-ratify-core-treaties", "SG17-45-ratify-treaties", "PARL-INT-monitor-ratification",
            "RM-LEG-ratify-treaties", "RM-ADV-promote-treaties",
        ),
        risk_factors=(),
        instruments=(),
        questions=(
            (
                ("Timetable for ratifying the {treaty}", "Ratification of the {treaty}"),
                "when the government intends to ratify the {treaty}, and what legislative changes are needed first.",
            ),
            (
                ("Ratification of the {treaty}",),
                "what obstacles remain to Veloria's ratification of the {treaty}.",
            ),
        ),
        answers=(
            "The Government keeps its position on the {treaty} under review.",
            "Ratification would require changes to domestic law, which officials are now identifying.",
            "The Government intends to complete the ratification procedure by the end of {year_next}.",
        ),
        undertakings=("set out a timetable for ratifying the {treaty}",),
        treaties=(
            ("arms-trade-treaty", "Arms Trade Treaty"),
            ("iccpr-op2", "Second Optional Protocol to the ICCPR"),
            ("geneva-protocol-2", "Additional Protocol II to the Geneva Conventions"),
        ),
    ),
    _Topic(
        key="prevention-budget", weight=4, bodies=("MOF",), pillar=1,
        commitments=(
            "SG17-22-domestic-resources", "PARL-INT-budget-domestic", "RM-LEG-fund-executive-prevention",
            "RM-LEG-fund-justice", "PARL-INT-budget-international",
        ),
        risk_factors=(),
        instruments=(),
        questions=(
            (
                ("Resources for atrocity prevention in the {year} budget",),
                "what the total allocation for atrocity prevention is in the {year} budget, broken down by ministry.",
            ),
            (
                ("Tracking prevention spending across ministries",),
                "whether the government will introduce a budget marker so that spending on atrocity prevention can "
                "be tracked across ministries.",
            ),
            (
                ("Cuts to prevention programmes in the {year} budget",),
                "why the allocation for the early-warning programme was reduced in the {year} budget.",
            ),
        ),
        answers=(
            "Spending on atrocity prevention is spread across several budget lines; the total identified for {year} "
            "is {amount} million euros.",
            "The Ministry of Finance will consider a budget marker for prevention spending as part of the next "
            "budget reform.",
            "The reduction reflects savings from the merger of two units and will not affect the programme's "
            "activities.",
            "A breakdown by ministry will be provided in the explanatory memorandum to the budget.",
        ),
        undertakings=(
            "provide a breakdown of prevention spending by ministry",
            "consider a budget marker for prevention spending",
        ),
    ),
)

_CONTEXTS = (
    "The Human Rights Commission's latest annual report warns of rising tensions in {region}.",
    "Civil society organisations have reported a sharp increase in incidents affecting the {group} community.",
    "The UN Special Adviser on the Prevention of Genocide has recently drawn attention to the situation in "
    "{country}.",
    "In last year's annual debate the government undertook to report back to the Assembly on this matter.",
    "The national risk assessment identified this as an area of concern.",
)
_ANSWER_OPENINGS = (
    "The Government is committed to preventing atrocity crimes at home and abroad, in line with the "
    "Responsibility to Protect.",
    "I thank the Member for raising this important matter.",
    "Veloria has supported the Responsibility to Protect since the 2005 World Summit and continues to do so.",
    "The prevention of atrocity crimes is a priority for the whole of government.",
)
_ANSWER_CLOSINGS = (
    "I will write to the Member with further details and place a copy of my letter in the Library of the Assembly.",
    "The Government will keep the Committee informed of progress.",
    "Officials are available to brief the Committee in closed session if it wishes.",
    "Further information is available in the Ministry's annual report.",
)
_EVASIONS = (
    "The information requested is not held centrally and could be obtained only at disproportionate cost.",
    "The Government will set out its position in due course.",
    "It would not be appropriate to comment while the matter is under review.",
    "The Member will appreciate that some of this information cannot be disclosed for reasons of national "
    "security.",
)
_TAGS = ("annual-debate", "briefing-pack", "budget", "media-interest", "minorities", "follow-up-needed",
         "joint-with-foreign-affairs-committee", "nhri")

# ---------------------------------------------------------------------------------------------------
# Budget, debates, follow-ups, documents, treaties
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Programme:
    name: str
    body: str
    scope: BudgetScope
    base_eur: int  # allocation in the first year, whole euros
    commitments: tuple[str, ...]
    question: str
    response: str
    position: str


_PROGRAMMES = (
    _Programme("National Office for Atrocity Prevention: running costs", "MFA", BudgetScope.DOMESTIC_PREVENTION,
               1_850_000, ("SG17-45-focal-point", "RM-LEG-fund-executive-prevention"),
               "Is the focal point funded well enough to carry out the national risk assessment every year?",
               "The allocation covers the Office's current staff; the risk assessment is funded from the Ministry's "
               "general budget.",
               "The Committee asks for a dedicated line for the national risk assessment."),
    _Programme("Human Rights Commission: annual grant", "MOF", BudgetScope.DOMESTIC_PREVENTION, 6_400_000,
               ("SG17-23-paris-principles", "PARL-INT-nhri-role"),
               "Does the grant allow the Commission to take on its new early-warning mandate?",
               "The grant rises with inflation; any new mandate will be funded once the law is amended.",
               "The Committee supports the Commission's own budget proposal in full."),
    _Programme("Early-warning and risk analysis unit", "MOI", BudgetScope.DOMESTIC_PREVENTION, 920_000,
               ("SG17-45-regular-risk-assessment", "SG17-21-national-risk-assessment"),
               "Why was the unit's allocation cut while regional tensions are rising?",
               "The unit was merged with the Ministry's crisis centre; its analysts are unaffected.",
               "The Committee will ask the Minister to restore the allocation in the supplementary budget."),
    _Programme("International humanitarian law training for the armed forces and police", "MOD",
               BudgetScope.DOMESTIC_PREVENTION, 640_000,
               ("SG17-24-security-forces-accountability", "PARL-INT-security-accountability"),
               "How many officers completed the training last year, and is it evaluated independently?",
               "About 3,000 personnel were trained; an independent evaluation is being commissioned.",
               "The Committee welcomes the programme and asks for the evaluation to be shared with it."),
    _Programme("Atrocity prevention in development cooperation", "MID", BudgetScope.INTERNATIONAL_ASSISTANCE,
               7_500_000, ("SG17-22-mainstream-aid", "SG17-22-prioritise-aid", "PARL-INT-budget-international"),
               "What share of the programme reaches local organisations in countries at risk?",
               "Around a third is channelled through local partners; the rest through UN agencies.",
               "The Committee asks that at least half reach local partners within three years."),
    _Programme("Support to regional human rights and mediation mechanisms", "MFA",
               BudgetScope.INTERNATIONAL_ASSISTANCE, 2_300_000,
               ("SG17-46-regional-arrangements", "RM-LEG-support-international-institutions"),
               "Which regional mechanisms receive support, and how is their effect measured?",
               "Support goes to three regional mediation centres; results are reported annually.",
               "The Committee is satisfied with the programme but wants results reported to the Assembly."),
    _Programme("Assessed contributions to UN peacekeeping operations", "MOD", BudgetScope.PEACEKEEPING,
               11_500_000, ("SG17-22-international-role", "SG17-46-mandate-accountability"),
               "Do Velorian contingents have the means to protect civilians as their mandates require?",
               "Contingents are equipped to the standards set by the UN Secretariat.",
               "The Committee asks for a report on protection of civilians incidents involving Velorian units."),
    _Programme("Humanitarian assistance to populations at risk of atrocity crimes", "MID", BudgetScope.HUMANITARIAN,
               9_800_000, ("SG17-21-request-support", "RM-EDU-nonmilitary-assistance"),
               "How quickly can the humanitarian reserve be released when a crisis erupts?",
               "The reserve can be released within 72 hours by decision of the Minister.",
               "The Committee welcomes the rapid release mechanism."),
    _Programme("Remembrance and education on past atrocities", "MEC", BudgetScope.OTHER, 380_000,
               ("RM-EDU-remembrance-day", "RM-EDU-curricula-media"),
               "Will the programme support teaching about the country's own history of violence?",
               "The programme funds teacher training and school visits to memorial sites.",
               "The Committee asks for the programme to include the opening of archives to researchers."),
)
_OPTIONAL_PROGRAMMES = (3, 5)  # one of these is left out of some years; every scope stays covered

_DEBATE_AGENDA = (
    # title, description, speakers, minutes, what the item links to
    ("Opening statement by the Minister for Foreign Affairs",
     "The government's annual statement on the Responsibility to Protect and atrocity prevention.",
     "{minister_mfa}; {chair}", 20, "commitments:SG17-22-annual-debate,PARL-INT-annual-debate"),
    ("Report of the national R2P focal point",
     "The National Office for Atrocity Prevention presents its annual report and the national risk assessment.",
     "{focal_point}; {vice_chair}", 25, "documents:risk_assessment"),
    ("The Human Rights Commission's annual report",
     "Findings and recommendations of the Commission on atrocity risks in Veloria.",
     "{nhri_chair}; {member_a}; {member_b}", 25, "documents:nhri_annual_report"),
    ("Questions awaiting an answer and unsatisfactory answers",
     "Members raise questions the government has not answered in time or answered only in part.",
     "{chair}; {member_a}; {member_c}; {minister_moj}", 35, "questions"),
    ("Resources for prevention at home and abroad",
     "The budget lines that fund atrocity prevention, humanitarian aid and peacekeeping.",
     "{minister_mof}; {member_b}; {member_d}", 30, "budget"),
    ("Veloria's role abroad: arms exports and peacekeeping",
     "Arms Trade Treaty export licences, contributions to peace operations and support to countries at risk.",
     "{minister_mod}; {member_c}; {member_e}", 25, "commitments:RM-OVS-block-arms-sales,SG17-22-international-role"),
    ("Motion and vote",
     "The Committee's motion on the government's record and its recommendations for the coming year.",
     "{chair}", 15, ""),
)

_COMMITTEE_ACTIONS = (
    "Write to the {minister} asking for a timetable on the matters raised in the annual debate",
    "Invite the Human Rights Commission to give evidence on its annual report",
    "Prepare a briefing note for members on the national risk assessment",
    "Hold a closed session with the national focal point on the early-warning system",
    "Commission research on atrocity-prevention spending across ministries",
    "Visit {region} to meet community leaders and local authorities",
    "Prepare the Committee's contribution to the Universal Periodic Review",
    "Chase the outstanding answers from the {minister}",
)
_RECOMMENDATIONS = (
    "the government should adopt a national strategy for the prevention of atrocity crimes",
    "the government should ratify the Arms Trade Treaty without further delay",
    "the government should give the national focal point a statutory mandate and its own budget line",
    "the government should publish an annual report on atrocity-prevention spending",
    "the government should respond to the Human Rights Commission's recommendations within six months",
    "the government should bring the Criminal Code into line with the Genocide Convention and the Rome Statute",
    "the government should screen all development programmes for atrocity risks",
)
_FOLLOW_UP_OUTCOMES = {
    FollowUpStatus.DONE: ("Delivered; the Committee noted the reply.", "Letter received and circulated to members.",
                          "Published; the Committee will review it at its next meeting."),
    FollowUpStatus.DROPPED: ("Overtaken by the government's new strategy.", "No longer relevant after the election.",
                             "Merged with a later undertaking."),
    FollowUpStatus.IN_PROGRESS: ("Partial reply received; the rest promised by the end of the quarter.",
                                 "The Ministry has acknowledged the request.", ""),
    FollowUpStatus.OPEN: ("",),
}

# instrument code, status, date of that status (year, month, day), implementing legislation, reservations
_TREATY_STATUSES = (
    ("genocide-convention", "ratified", (1958, 3, 12),
     "Criminal Code, article 211 (genocide); incitement, conspiracy and attempt not yet covered.", ""),
    ("geneva-protocol-1", "ratified", (1982, 6, 4), "Geneva Conventions Act 1982.", ""),
    ("geneva-protocol-2", "signed", (1978, 12, 12), "", ""),
    ("rome-statute", "ratified", (2002, 4, 11),
     "Cooperation with the International Criminal Court Act 2003; crimes against humanity not yet in the "
     "Criminal Code.", ""),
    ("refugee-convention", "acceded", (1963, 9, 30), "Asylum Act 2015.", ""),
    ("refugee-protocol-1967", "acceded", (1969, 5, 2), "Asylum Act 2015.", ""),
    ("arms-trade-treaty", "signed", (2014, 9, 25), "", ""),
    ("iccpr", "ratified", (1976, 1, 19), "Constitution, chapter II; Human Rights Act 1998.", ""),
    ("iccpr-op2", "not_signed", None, "", ""),
    ("icescr", "ratified", (1976, 1, 19), "", ""),
    ("cat", "ratified", (1988, 7, 21), "Criminal Code, article 124a (torture).",
     "Declaration under article 22 not made."),
    ("cedaw", "ratified", (1985, 11, 5), "Equal Treatment Act 2006.", "Reservation to article 16(1)(g)."),
    ("cerd", "ratified", (1971, 2, 17), "Equal Treatment Act 2006; Criminal Code, article 266 (incitement).", ""),
)
# status -> evidence when a question raised the commitment ({ref}), and when none did
_ASSESSMENT_EVIDENCE = {
    AssessmentStatus.ACHIEVED: (
        "In place. The government's answer to {ref} confirms it; the Committee reviews it each year in the "
        "annual debate.",
        "In place, as the government's reply to the Committee's report on the last annual debate confirms."),
    AssessmentStatus.IN_PROGRESS: (
        "Work under way but incomplete; see the answer to {ref}. The Committee has asked for a timetable.",
        "Work under way but incomplete, according to the national focal point's annual report."),
    AssessmentStatus.NOT_STARTED: (
        "No action yet. Raised in {ref}; the Committee will return to it in the next annual debate.",
        "No action yet; the Committee has not yet raised it with the government."),
    AssessmentStatus.NOT_APPLICABLE: (
        "Not applicable to Veloria's circumstances, in the Committee's view.",
        "Not applicable to Veloria's circumstances, in the Committee's view."),
}

# ---------------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------------

# status, weight (per 100)
_STATUS_WEIGHTS = (
    (QuestionStatus.DRAFT.value, 4), (QuestionStatus.TABLED.value, 11), (QuestionStatus.HOLDING_ANSWER.value, 5),
    (QuestionStatus.ANSWERED.value, 55), (QuestionStatus.WITHDRAWN.value, 4), (QuestionStatus.CLOSED.value, 21),
)
_TYPE_WEIGHTS = ((QuestionType.WRITTEN.value, 64), (QuestionType.ORAL.value, 20), (QuestionType.URGENT.value, 5),
                 (QuestionType.COMMITTEE.value, 11))
_REFERENCE_PREFIX = {QuestionType.WRITTEN: "WQ", QuestionType.ORAL: "OQ", QuestionType.URGENT: "UQ",
                     QuestionType.COMMITTEE: "CQ"}
_DAYS_TO_ANSWER = {QuestionType.WRITTEN: (10, 21), QuestionType.ORAL: (5, 14), QuestionType.URGENT: (1, 3),
                   QuestionType.COMMITTEE: (21, 42)}
_ASSESSMENT_WEIGHTS = ((Assessment.SATISFACTORY.value, 36), (Assessment.PARTIAL.value, 34),
                       (Assessment.UNSATISFACTORY.value, 18), (Assessment.NO_ANSWER.value, 5), (None, 7))
_CONFIDENTIALITY_WEIGHTS = ((Confidentiality.COMMITTEE.value, 74), (Confidentiality.PUBLIC.value, 23),
                            (Confidentiality.RESTRICTED.value, 3))
_EVASIVE = frozenset({Assessment.UNSATISFACTORY.value, Assessment.NO_ANSWER.value})
_AWAITING = frozenset({QuestionStatus.TABLED.value, QuestionStatus.HOLDING_ANSWER.value})


def _weighted(pairs: Iterable[tuple[object, int]]) -> list:
    """A list in which each value appears `weight` times: rng.choice on it is a fast weighted choice."""
    return [value for value, weight in pairs for _ in range(weight)]


@dataclass(frozen=True)
class _TopicPlan:
    """A topic resolved against this database's catalogue and cast, so generating a question is cheap."""

    topic: _Topic
    index: int
    bodies: tuple[tuple[str, int, str], ...]  # body key, body id, how a question addresses its minister
    commitments: tuple[int, ...]
    risk_factors: tuple[int, ...]
    instruments: tuple[int, ...]
    treaties: tuple[tuple[int | None, str], ...]


@dataclass(frozen=True)
class _Link:
    """A many-to-many link of a record kind to a catalogue kind, as audit.snapshot lists it."""

    name: str  # the relationship, as in the snapshot
    table: Table
    owner_column: str
    target_column: str


_LINKS: dict[type[RecordMixin], tuple[_Link, ...]] = {
    Question: (
        _Link("commitments", question_commitments, "question_id", "commitment_id"),
        _Link("risk_factors", question_risk_factors, "question_id", "risk_factor_id"),
        _Link("instruments", question_instruments, "question_id", "instrument_id"),
    ),
    BudgetItem: (_Link("commitments", budget_item_commitments, "budget_item_id", "commitment_id"),),
}


class _Generator:
    def __init__(self, session: Session, rng: random.Random, today: date, progress: Progress | None):
        self.session = session
        self.rng = rng
        self.today = today
        self.progress = progress
        self.user = session.info.get("user", "unknown")
        self.now = utcnow()
        self.dialect = session.get_bind().dialect
        self.sqlite = SQLITE_FAST_PATH and self.dialect.name == "sqlite" and self.dialect.paramstyle == "qmark"
        self.counts: dict[str, int] = {}
        self.done = 0
        self.total = 1
        catalogue = session.execute(select(Commitment.id, Commitment.code).order_by(Commitment.code)).all()
        self.commitment_ids = {code: cid for cid, code in catalogue}
        self.instrument_ids = dict(session.execute(select(Instrument.code, Instrument.id)).all())
        self.risk_factor_ids = dict(session.execute(select(RiskFactor.code, RiskFactor.id)).all())
        # how audit.snapshot labels and orders each kind of linked catalogue entry
        self.labels = {
            "commitments": {cid: code for code, cid in self.commitment_ids.items()},
            "risk_factors": {rid: code for code, rid in self.risk_factor_ids.items()},
            "instruments": {iid: code for code, iid in self.instrument_ids.items()},
        }
        self.order = {
            "commitments": lambda ids: sorted(ids, key=self.labels["commitments"].__getitem__),
            "risk_factors": lambda ids: sorted(ids, key=self.labels["risk_factors"].__getitem__),
            "instruments": sorted,
        }
        self.bodies: dict[str, int] = {}
        self.people: dict[str, int] = {}
        self.office_holders: dict[str, int] = {}  # role -> person id
        self.ministers: dict[str, int] = {}  # body key -> minister id
        self.minister_of_body: dict[int, int] = {}  # body id -> minister id
        self.officials: dict[str, int] = {}  # body key -> an official of that body
        self.mps: list[int] = []
        self.mp_names: list[str] = []
        self.documents: dict[str, int] = {}
        self.budget_items: dict[int, list[int]] = {}  # fiscal year -> ids
        self.first_reference: dict[int, str] = {}  # commitment id -> first question reference raising it
        self.answered: list[tuple[int, int, int, date, _Fill]] = []  # id, topic, body, date answered, fill
        self.awaiting: list[int] = []  # overdue or nearly due questions, for the next debate
        self.poorly_answered: list[int] = []
        self.debates: list[int] = []  # held, planned
        self.agenda_items: list[int] = []

    # -- bookkeeping ---------------------------------------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(self, **values) -> dict:
        """The columns every record carries, with `values` on top."""
        return {"uid": self.uid(), "created_at": self.now, "updated_at": self.now, "created_by": self.user,
                "updated_by": self.user, "confidentiality": Confidentiality.COMMITTEE.value, "tags": [],
                "notes": "", "version": 1, **values}

    def count(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def add_rows(self, table: Table, rows: list[dict], *, with_ids: bool = True) -> list[int]:
        """Insert `rows` (all with the same keys) into `table`; return their new ids in order."""
        if not self.sqlite:
            if not with_ids:
                self.session.execute(insert(table), rows)
                return []
            returned = dict(self.session.execute(insert(table).returning(table.c.uid, table.c.id), rows).all())
            return [returned[row["uid"]] for row in rows]
        # SQLite: the driver's executemany is several times quicker than SQLAlchemy's multi-row statements,
        # and ids can be handed out here because the session's transaction holds the database's write lock.
        keys = list(rows[0])
        columns = [self.driver_values(table.c[key], [row[key] for row in rows]) for key in keys]
        ids: list[int] = []
        if with_ids:
            first = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
            ids = list(range(first, first + len(rows)))
            keys.append("id")
            columns.append(ids)
        params = list(zip(*columns, strict=True))
        quote = self.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(key) for key in keys)}) "
               f"VALUES ({', '.join('?' for _ in keys)})")
        self.session.connection().exec_driver_sql(sql, params)
        return ids

    def driver_values(self, column, values: list) -> list:
        """`values` of `column` as SQLAlchemy hands them to the driver (dates as text and so on)."""
        process = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        if process is None:
            return values
        try:  # dates and timestamps repeat a lot: convert each distinct value once
            converted = {value: process(value) for value in set(values)}
        except TypeError:  # unhashable values, such as the lists of tags
            return list(map(process, values))
        return list(map(converted.__getitem__, values))

    def snapshotter(self, model: type[RecordMixin]) -> Callable[[dict, dict[str, list[int]]], str]:
        """A function giving the audit snapshot of a row of `model`: the same JSON that audit.snapshot and
        audit.encode give for a record inserted through the ORM."""
        table = model.__table__
        keys = [c.key for c in inspect(model).column_attrs if c.key not in audit._BOOKKEEPING]
        dates = [key for key in keys if isinstance(table.c[key].type, Date | DateTime | UtcDateTime)]
        link_names = [spec.name for spec in _LINKS.get(model, ())]
        labels = self.labels
        # audit.encode's json.dumps settings, with one encoder for all rows instead of a new one per row
        encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode

        def snapshot(row: dict, row_links: dict[str, list[int]]) -> str:
            values = {key: row[key] for key in keys}
            for key in dates:
                if values[key] is not None:
                    values[key] = values[key].isoformat()
            for name in link_names:
                values[name] = [labels[name][target] for target in row_links.get(name, ())]
            return encode(values)

        return snapshot

    def insert_records(self, model: type[RecordMixin], rows: Sequence[dict],
                       links: Sequence[dict[str, list[int]]] | None = None,
                       snapshots: Sequence[str] | None = None) -> list[int]:
        """Insert `rows` of `model` with bulk statements, their catalogue links, and one audit entry each
        (the snapshot an ORM insert would write); return the new ids in the order of `rows`."""
        if not rows:
            return []
        table = model.__table__
        links = links or [{} for _ in rows]
        defaults = {c.key: c.default.arg for c in table.columns if c.default is not None and c.default.is_scalar}
        rows = [{**defaults, **row} for row in rows]
        if snapshots is None:
            snapshot = self.snapshotter(model)
            snapshots = [snapshot(row, row_links) for row, row_links in zip(rows, links, strict=True)]
        ids = self.add_rows(table, rows)
        for spec in _LINKS.get(model, ()):
            link_rows = [{spec.owner_column: record_id, spec.target_column: target}
                         for record_id, row_links in zip(ids, links, strict=True)
                         for target in row_links.get(spec.name, ())]
            if link_rows:
                self.add_rows(spec.table, link_rows, with_ids=False)
        changes = [audit.Change("insert", table.name, record_id, row["uid"], new_value=value)
                   for record_id, row, value in zip(ids, rows, snapshots, strict=True)]
        audit.write_entries(self.session, changes, self.user)
        self.count(table.name, len(ids))
        return ids

    # -- the cast ------------------------------------------------------------------------------------

    def make_bodies(self) -> None:
        existing = dict(self.session.execute(select(Body.name, Body.id)).all())
        new = [spec for spec in _BODIES if spec.name not in existing]
        rows = [self.record(name=spec.name, kind=spec.kind.value, abbreviation=spec.abbreviation,
                            confidentiality=Confidentiality.PUBLIC.value) for spec in new]
        existing.update(zip((spec.name for spec in new), self.insert_records(Body, rows), strict=True))
        self.bodies = {spec.key: existing[spec.name] for spec in _BODIES}

    def make_people(self, cast_rng: random.Random) -> None:
        existing: dict[str, int] = {}
        for name, pid in self.session.execute(select(Person.full_name, Person.id).order_by(Person.id.desc())):
            existing[name] = pid  # the oldest person of a name wins
        election = date(self.today.year - 2, 5, 14) if self.today.month >= 5 else date(self.today.year - 3, 5, 14)
        wanted: list[tuple[str, dict]] = []
        for name, kind, role, body, party in _OFFICE_HOLDERS:
            wanted.append((name, {"kind": kind.value, "role": role, "party": party,
                                  "body_id": self.bodies.get(body), "active_from": election + timedelta(days=30)}))
        names = sorted({f"{first} {last}" for first in _FIRST_NAMES for last in _SURNAMES})
        mp_names = cast_rng.sample(names, _MP_COUNT)
        parties = _weighted(_PARTIES)
        constituencies = [_CONSTITUENCIES[i % len(_CONSTITUENCIES)] for i in range(_MP_COUNT)]
        cast_rng.shuffle(constituencies)
        for index, name in enumerate(mp_names):
            role = ("Chair of the Committee" if index == 0 else "Vice-Chair of the Committee" if index == 1
                    else "Member of the Committee" if index < _COMMITTEE_SIZE else "")
            first_elected = election - timedelta(days=365 * cast_rng.choice((0, 0, 0, 4, 8, 12)))
            wanted.append((name, {"kind": PersonKind.MP.value, "party": cast_rng.choice(parties),
                                  "constituency": constituencies[index], "role": role,
                                  "body_id": self.bodies["COM"] if role else None, "active_from": first_elected}))
        new = [(name, values) for name, values in wanted if name not in existing]
        rows = [self.record(full_name=name, confidentiality=Confidentiality.PUBLIC.value, active_until=None,
                            **{"party": "", "constituency": "", "role": "", **values}) for name, values in new]
        existing.update(zip((name for name, _ in new), self.insert_records(Person, rows), strict=True))
        self.people = {name: existing[name] for name, _ in wanted}
        for name, kind, role, body, _party in _OFFICE_HOLDERS:
            self.office_holders[role] = self.people[name]
            if kind is PersonKind.MINISTER:
                self.ministers[body] = self.people[name]
                self.minister_of_body[self.bodies[body]] = self.people[name]
            elif body in _MINISTRIES:
                self.officials.setdefault(body, self.people[name])
        self.mp_names = mp_names
        self.mps = [self.people[name] for name in mp_names]

    # -- documents and budget ------------------------------------------------------------------------

    def make_documents(self) -> None:
        year = self.today.year
        specs = (
            (f"Human Rights Commission of Veloria: Annual Report {year - 1}", DocumentKind.NHRI_ANNUAL_REPORT,
             "NHRI", 110, Confidentiality.PUBLIC),
            (f"Human Rights Commission of Veloria: Annual Report {year - 2}", DocumentKind.NHRI_ANNUAL_REPORT,
             "NHRI", 475, Confidentiality.PUBLIC),
            (f"National assessment of atrocity risks and resilience {year - 1}", DocumentKind.RISK_ASSESSMENT,
             "FP", 80, Confidentiality.RESTRICTED),
            ("Universal Periodic Review: national report of the Republic of Veloria (fourth cycle)",
             DocumentKind.UPR_REPORT, "MFA", 300, Confidentiality.PUBLIC),
            ("Shadow report to the Universal Periodic Review by the Veloria Civil Society Coalition for Atrocity "
             "Prevention", DocumentKind.SHADOW_REPORT, None, 280, Confidentiality.PUBLIC),
            (f"Government reply to the Committee's report on the {year - 1} annual debate on the Responsibility "
             "to Protect", DocumentKind.GOVERNMENT_REPLY, "MFA", 150, Confidentiality.COMMITTEE),
        )
        rows = [self.record(title=title, kind=kind.value, author_body_id=self.bodies[body] if body else None,
                            published_on=self.today - timedelta(days=days + self.rng.randint(0, 20)),
                            file_name="", file_sha256="", confidentiality=confidentiality.value)
                for title, kind, body, days, confidentiality in specs]
        ids = self.insert_records(Document, rows)
        for (_title, kind, _body, _days, _c), doc_id in zip(specs, ids, strict=True):
            self.documents.setdefault(kind.value, doc_id)

    def make_budget(self) -> None:
        rng = self.rng
        rows, links, years = [], [], []
        for year in range(self.today.year - 3, self.today.year + 1):
            skipped = rng.choice(_OPTIONAL_PROGRAMMES) if rng.random() < 0.5 else None
            debate_day = date(year - 1, 11, 1) + timedelta(days=rng.randint(0, 27))
            growth = (1 + rng.uniform(-0.02, 0.06)) ** (year - self.today.year + 3)
            for index, programme in enumerate(_PROGRAMMES):
                if index == skipped:
                    continue
                allocated = round(programme.base_eur * growth * rng.uniform(0.9, 1.1), -3)
                requested = round(allocated * rng.uniform(1.0, 1.25), -3)
                if year < self.today.year:
                    spent = allocated * rng.uniform(0.72, 1.02)
                else:  # the current year: spending so far
                    elapsed = (self.today - date(year, 1, 1)).days / 365
                    spent = allocated * elapsed * rng.uniform(0.7, 1.05)
                codes = [c for c in programme.commitments if c in self.commitment_ids]
                outcome = ("Allocated as requested." if requested == allocated else
                           rng.choice(("Allocated below the request; the Committee's amendment was not adopted.",
                                       "Allocated below the request after the Finance Committee's review.",
                                       "The Committee's amendment to raise the allocation was adopted in part.")))
                rows.append(self.record(
                    fiscal_year=year, debate_date=debate_day, body_id=self.bodies[programme.body],
                    programme=programme.name, scope=programme.scope.value, currency=CURRENCY,
                    amount_requested=int(requested) * 100, amount_allocated=int(allocated) * 100,
                    amount_spent=round(spent) * 100, question_raised=programme.question,
                    government_response=programme.response, committee_position=programme.position,
                    outcome=outcome,
                    confidentiality=rng.choice((Confidentiality.PUBLIC, Confidentiality.COMMITTEE)).value,
                    tags=["budget"],
                ))
                links.append({"commitments": self.order["commitments"]([self.commitment_ids[c] for c in codes])})
                years.append(year)
        for year, item_id in zip(years, self.insert_records(BudgetItem, rows, links), strict=True):
            self.budget_items.setdefault(year, []).append(item_id)

    # -- questions -----------------------------------------------------------------------------------

    def topic_plans(self) -> list[_TopicPlan]:
        titles = {spec.key: spec.minister_title for spec in _BODIES}
        by_code = self.commitment_ids
        plans = []
        for index, topic in enumerate(_TOPICS):
            commitments = [by_code[c] for c in topic.commitments if c in by_code] or list(by_code.values())
            plans.append(_TopicPlan(
                topic, index,
                tuple((key, self.bodies[key], titles[key]) for key in topic.bodies),
                tuple(self.order["commitments"](commitments)),
                tuple(self.order["risk_factors"]([self.risk_factor_ids[c] for c in topic.risk_factors
                                                  if c in self.risk_factor_ids])),
                tuple(sorted(self.instrument_ids[c] for c in topic.instruments if c in self.instrument_ids)),
                tuple((self.instrument_ids.get(code), name) for code, name in topic.treaties),
            ))
        return plans

    def question_skeletons(self, n: int) -> list[tuple]:
        """(date tabled, status, type) for every question, in the order they are numbered and inserted."""
        rng, today = self.rng, self.today
        statuses, types = _weighted(_STATUS_WEIGHTS), _weighted(_TYPE_WEIGHTS)
        all_statuses, all_types = [s.value for s in QuestionStatus], [t.value for t in QuestionType]
        span = (today - date(today.year - 3, 1, 1)).days
        skeletons = []
        for i in range(n):
            # the first few cover every status and type, so even a tiny demo shows them all
            status = all_statuses[i] if i < len(all_statuses) else rng.choice(statuses)
            qtype = all_types[i] if i < len(all_types) else rng.choice(types)
            if status == QuestionStatus.DRAFT:
                tabled = None
            elif status == QuestionStatus.TABLED:
                tabled = today - timedelta(days=rng.randint(0, 50))
            elif status == QuestionStatus.HOLDING_ANSWER:
                tabled = today - timedelta(days=rng.randint(12, 120))
            else:
                tabled = today - timedelta(days=rng.randint(8, span))
            skeletons.append((tabled, status, qtype))
        skeletons.sort(key=lambda s: (s[0] is None, s[0] or today))
        return skeletons

    def make_questions(self, n: int) -> None:
        if n <= 0:
            return
        for rows, links, snapshots, extras in self.question_batches(n):
            ids = self.insert_records(Question, rows, links, snapshots)
            for question_id, row, row_links, (topic_index, fill) in zip(ids, rows, links, extras, strict=True):
                self.remember_question(question_id, row, row_links, topic_index, fill)
            self.tick(len(rows))

    def question_batches(self, n: int) -> Iterator[tuple[list, list, list, list]]:
        """Batches of question rows, their links, audit snapshots and what else later steps need."""
        offset = self.session.scalar(select(func.count(Question.id))) or 0
        taken = set(self.session.scalars(select(Question.reference).where(Question.reference.is_not(None))))
        skeletons = self.question_skeletons(n)
        plans = self.topic_plans()
        picks = {
            "topic": _weighted((plan, plan.topic.weight) for plan in plans),
            "assessment": _weighted(_ASSESSMENT_WEIGHTS),
            "confidentiality": _weighted(_CONFIDENTIALITY_WEIGHTS),
            # committee members table most questions
            "asker": _weighted((pid, 5 if index < _COMMITTEE_SIZE else 1) for index, pid in enumerate(self.mps)),
        }
        snapshot = self.snapshotter(Question)
        serial = offset
        for start in range(0, n, BATCH_SIZE):
            rows, links, snapshots, extras = [], [], [], []
            for tabled, status, qtype in skeletons[start:start + BATCH_SIZE]:
                reference = None
                if tabled is not None:  # numbered when tabled, in the order tabled; drafts have no number
                    serial += 1
                    reference = f"{_REFERENCE_PREFIX[qtype]}-{tabled.year}-{serial:05d}"
                    while reference in taken:
                        serial += 1
                        reference = f"{_REFERENCE_PREFIX[qtype]}-{tabled.year}-{serial:05d}"
                row, row_links, extra = self.question(tabled, status, qtype, reference, picks)
                rows.append(row)
                links.append(row_links)
                snapshots.append(snapshot(row, row_links))
                extras.append(extra)
            yield rows, links, snapshots, extras

    def question(self, tabled: date | None, status: str, qtype: str, reference: str | None, picks: dict):
        rng, today = self.rng, self.today
        plan: _TopicPlan = rng.choice(picks["topic"])
        topic = plan.topic
        fill = _Fill(rng, (tabled or today).year)
        instruments = plan.instruments
        if plan.treaties:
            instrument_id, fill["treaty"] = rng.choice(plan.treaties)
            instruments = (instrument_id,) if instrument_id else ()
        body_key, body_id, minister = rng.choice(plan.bodies)
        titles, ask = rng.choice(topic.questions)
        title = rng.choice(titles).format_map(fill)
        ask = ask.format_map(fill)
        if qtype == QuestionType.COMMITTEE:
            text = f"The Committee asks the {minister} to state {ask}"
        else:
            text = f"To ask the {minister} {ask}"
        if rng.random() < 0.3:
            text = f"{rng.choice(_CONTEXTS).format_map(fill)} {text}"
        if rng.random() < 0.25:
            text = text[:-1] + "; and if the Minister will make a statement."

        answer_due = holding = answered_on = answered_by = assessment = None
        answer = notes = ""
        if tabled is not None:
            low, high = _DAYS_TO_ANSWER[qtype]
            answer_due = tabled + timedelta(days=rng.randint(low, high))
        if status == QuestionStatus.HOLDING_ANSWER:
            holding = max(tabled, min(today, answer_due + timedelta(days=rng.randint(-2, 3))))
            answer_due = max(answer_due, holding + timedelta(days=rng.randint(-5, 21)))
            notes = "Holding answer: the Minister will reply as soon as possible."
        elif status == QuestionStatus.WITHDRAWN:
            notes = "Withdrawn by the Member."
        elif status == QuestionStatus.ANSWERED or status == QuestionStatus.CLOSED:
            if status == QuestionStatus.CLOSED and rng.random() < 0.2:
                assessment = Assessment.NO_ANSWER.value
                notes = "Lapsed without an answer at the end of the session."
            else:
                late = rng.random() < 0.2
                delay = rng.randint(1, (answer_due - tabled).days) + (rng.randint(1, 40) if late else 0)
                answered_on = min(today, tabled + timedelta(days=delay))
                answered_by = (self.officials.get(body_key) if rng.random() < 0.12 else None) \
                    or self.ministers[body_key]
                assessment = rng.choice(picks["assessment"])
                answer = self.answer(topic, fill, assessment in _EVASIVE)
                if status == QuestionStatus.CLOSED and rng.random() < 0.3:
                    notes = "Closed by the Committee after the follow-up was completed."
        elif status == QuestionStatus.DRAFT and rng.random() < 0.3:
            notes = "Draft for the Chair's approval."

        tags = sorted(rng.sample(_TAGS, rng.randint(1, 2))) if rng.random() < 0.22 else []
        commitments = plan.commitments
        count = min(len(commitments), rng.choice((1, 1, 2, 2, 2, 3)))
        row_links = {"commitments": [commitments[i] for i in sorted(rng.sample(range(len(commitments)), count))]}
        if plan.risk_factors and rng.random() < 0.55:
            factors = plan.risk_factors
            count = min(len(factors), rng.randint(1, 2))
            row_links["risk_factors"] = [factors[i] for i in sorted(rng.sample(range(len(factors)), count))]
        if instruments and rng.random() < 0.7:
            row_links["instruments"] = [rng.choice(instruments)]
        asker = self.mps[0] if qtype == QuestionType.COMMITTEE and rng.random() < 0.6 else rng.choice(picks["asker"])
        row = self.record(
            reference=reference, type=qtype, title=title, question_text=text, asked_by_id=asker,
            addressed_to_id=body_id, date_tabled=tabled, answer_due=answer_due, status=status,
            holding_answer_date=holding, answer_text=answer, date_answered=answered_on, answered_by_id=answered_by,
            assessment=assessment, pillar_number=topic.pillar if rng.random() < 0.9 else None,
            confidentiality=rng.choice(picks["confidentiality"]), tags=tags, notes=notes,
        )
        return row, row_links, (plan.index, fill)

    def answer(self, topic: _Topic, fill: _Fill, evasive: bool) -> str:
        """An answer of one sentence to several paragraphs; an answer the committee finds poor evades."""
        rng = self.rng
        size = rng.choice((1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4))
        if size == 1:
            return rng.choice(_EVASIONS if evasive else topic.answers).format_map(fill)
        substance = list(topic.answers)
        rng.shuffle(substance)
        if size == 2:
            return (rng.choice(_EVASIONS) if evasive else " ".join(substance[:rng.randint(2, 3)])).format_map(fill)
        paragraphs = [rng.choice(_ANSWER_OPENINGS)]
        if evasive:
            paragraphs.append(" ".join(rng.sample(_EVASIONS, 2)))
        elif size == 4:
            middle = len(substance) // 2
            paragraphs += [" ".join(substance[:middle]), " ".join(substance[middle:])]
        else:
            paragraphs.append(" ".join(substance[:rng.randint(2, 3)]))
        paragraphs.append(rng.choice(_ANSWER_CLOSINGS))
        return "\n\n".join(paragraphs).format_map(fill)

    def remember_question(self, question_id: int, row: dict, row_links: dict, topic_index: int, fill: _Fill):
        """What later records (debates, follow-ups, assessments) need to know about a question."""
        if row["reference"]:
            for commitment_id in row_links["commitments"]:
                self.first_reference.setdefault(commitment_id, row["reference"])
        status = row["status"]
        if status == QuestionStatus.ANSWERED:
            self.answered.append((question_id, topic_index, row["addressed_to_id"], row["date_answered"], fill))
            if row["assessment"] in _EVASIVE and len(self.poorly_answered) < 50:
                self.poorly_answered.append(question_id)
        elif status in _AWAITING and len(self.awaiting) < 50 and row["answer_due"] <= self.today + timedelta(days=7):
            self.awaiting.append(question_id)

    # -- debates -------------------------------------------------------------------------------------

    def make_debates(self) -> list[int]:
        rng, today = self.rng, self.today
        planned_on = today + timedelta(days=42)
        held_on = planned_on - timedelta(days=364)
        mps = self.mp_names
        speakers = {
            "minister_mfa": "Minister for Foreign Affairs", "minister_moj": "Minister of Justice",
            "minister_mof": "Minister of Finance", "minister_mod": "Minister of Defence",
            "focal_point": "Director, National Office for Atrocity Prevention", "nhri_chair": "Chairperson",
        }
        names = {key: next(n for n, _k, role, _b, _p in _OFFICE_HOLDERS if role == title)
                 for key, title in speakers.items()}
        names.update(chair=f"{mps[0]} (Chair)", vice_chair=f"{mps[1]} (Vice-Chair)")
        debate_rows, agendas = [], []
        for status, day in ((DebateStatus.HELD, held_on), (DebateStatus.PLANNED, planned_on)):
            members = rng.sample(mps[2:_COMMITTEE_SIZE + 6], 5)
            fill = {**names, **{f"member_{c}": m for c, m in zip("abcde", members, strict=True)}}
            middle = sorted(rng.sample(range(1, len(_DEBATE_AGENDA) - 1), rng.randint(3, 5)))
            items = [_DEBATE_AGENDA[0], *(_DEBATE_AGENDA[i] for i in middle), _DEBATE_AGENDA[-1]]
            held = status is DebateStatus.HELD
            debate_rows.append(self.record(
                title=f"Annual debate on the Responsibility to Protect and atrocity prevention {day.year}",
                chamber=CHAMBER, date=day, status=status.value,
                sitting_minutes=sum(item[3] for item in items) + 15,
                motion=("That this Assembly takes note of the government's annual statement on the Responsibility "
                        "to Protect, regrets the slow progress on the International Crimes Bill, and calls on the "
                        "government to adopt a national prevention strategy within twelve months."),
                outcome=("Motion carried by 87 votes to 41, with 6 abstentions; the government accepted five of "
                         "the Committee's seven recommendations." if held else ""),
                confidentiality=Confidentiality.PUBLIC.value, tags=["annual-debate"],
                notes="" if held else "Speakers' list to be confirmed by the Chair two weeks before the sitting.",
            ))
            agendas.append((held, day, [(*item[:2], item[2].format_map(fill), *item[3:]) for item in items]))
        debate_ids = self.insert_records(Debate, debate_rows)

        item_rows, item_specs = [], []
        for debate_id, (held, day, items) in zip(debate_ids, agendas, strict=True):
            for position, (title, description, who, minutes, link) in enumerate(items, start=1):
                item_rows.append(self.record(
                    debate_id=debate_id, position=position, title=title, description=description, speakers=who,
                    allotted_minutes=minutes, confidentiality=Confidentiality.PUBLIC.value,
                    outcome_notes=("Discussed; see the Committee's report on the debate." if held else ""),
                ))
                item_specs.append((held, day, link))
        item_ids = self.insert_records(AgendaItem, item_rows)
        self.agenda_items = item_ids
        self.session.add_all(self.agenda_links(item_ids, item_specs))
        self.session.flush()
        self.debates = debate_ids
        return debate_ids

    def agenda_links(self, item_ids: list[int], item_specs: list[tuple]) -> list[AgendaItemLink]:
        rng = self.rng
        links = []
        for item_id, (held, day, link) in zip(item_ids, item_specs, strict=True):
            kind, _, detail = link.partition(":")
            if kind == "commitments":
                links += [AgendaItemLink(agenda_item_id=item_id, commitment_id=self.commitment_ids[c])
                          for c in detail.split(",") if c in self.commitment_ids]
            elif kind == "documents" and detail in self.documents:
                links.append(AgendaItemLink(agenda_item_id=item_id, document_id=self.documents[detail]))
            elif kind == "questions":
                if held:
                    earlier = [q[0] for q in self.answered if q[3] is not None and q[3] < day]
                    chosen = rng.sample(earlier, min(4, len(earlier)))
                else:
                    chosen = self.awaiting[:4] + self.poorly_answered[:2]
                links += [AgendaItemLink(agenda_item_id=item_id, question_id=q) for q in sorted(set(chosen))]
            elif kind == "budget":
                year = day.year if day.year in self.budget_items else max(self.budget_items)
                chosen = self.budget_items[year][:3]
                links += [AgendaItemLink(agenda_item_id=item_id, budget_item_id=b) for b in chosen]
        self.count("agenda_item_links", len(links))
        return links

    # -- follow-ups ----------------------------------------------------------------------------------

    def make_follow_ups(self, n: int) -> None:
        rng, today = self.rng, self.today
        statuses = _weighted(((FollowUpStatus.OPEN, 35), (FollowUpStatus.IN_PROGRESS, 25),
                            (FollowUpStatus.DONE, 30), (FollowUpStatus.DROPPED, 10)))
        minister_titles = [b.minister_title for b in _BODIES if b.minister_title]
        rows = []
        for index in range(n):
            status = rng.choice(statuses)
            kind_roll = rng.random()
            parent: dict[str, int | None] = {"question_id": None, "budget_item_id": None, "debate_id": None,
                                             "agenda_item_id": None}
            owner_person = None
            if kind_roll < 0.5 and self.answered:
                # mostly recent answers: undertakings from years ago are usually settled
                recent = min(len(self.answered) - 1, int(len(self.answered) * (1 - rng.random() ** 3)))
                question_id, topic_index, body_id, answered_on, fill = self.answered[recent]
                topic = _TOPICS[topic_index]
                kind = FollowUpKind.GOVERNMENT_UNDERTAKING
                description = "The Minister undertook to " + rng.choice(topic.undertakings).format_map(fill) + "."
                parent["question_id"] = question_id
                owner_body = body_id
                owner_person = self.minister_of_body.get(body_id)
                start = answered_on
            elif kind_roll < 0.8:
                kind = FollowUpKind.COMMITTEE_ACTION
                fill = _Fill(rng, today.year)
                fill["minister"] = rng.choice(minister_titles)
                description = rng.choice(_COMMITTEE_ACTIONS).format_map(fill) + "."
                owner_body = self.bodies["COM"]
                owner_person = self.office_holders["Clerk of the Committee"]
                if rng.random() < 0.5:
                    parent["agenda_item_id"] = rng.choice(self.agenda_items)
                start = today - timedelta(days=rng.randint(0, 300))
            else:
                kind = FollowUpKind.RECOMMENDATION
                description = "Committee recommendation: " + rng.choice(_RECOMMENDATIONS) + "."
                owner_body = self.bodies[rng.choice(("MFA", "MOJ", "MOF", "MID", "MOI"))]
                if rng.random() < 0.5:
                    parent["debate_id"] = self.debates[0]
                else:
                    years = sorted(self.budget_items)
                    parent["budget_item_id"] = rng.choice(self.budget_items[rng.choice(years)])
                start = today - timedelta(days=rng.randint(30, 330))
            if index == 0:  # always at least one overdue and one open item, however small the demo
                status, start = FollowUpStatus.OPEN, today - timedelta(days=120)
            elif index == 1:
                status, start = FollowUpStatus.OPEN, today - timedelta(days=10)
            due = start + timedelta(days=rng.randint(20, 150))
            if index == 0:
                due = min(due, today - timedelta(days=5))
            completed = None
            if status is FollowUpStatus.DONE:
                completed = min(today, start + timedelta(days=rng.randint(5, 160)))
            rows.append(self.record(
                kind=kind.value, description=description, **parent, owner_body_id=owner_body,
                owner_person_id=owner_person, due_date=due, status=status.value,
                outcome=rng.choice(_FOLLOW_UP_OUTCOMES[status]), completed_on=completed,
                tags=["annual-debate"] if parent["debate_id"] else [],
            ))
            if len(rows) == BATCH_SIZE:
                self.insert_records(FollowUp, rows)
                self.tick(len(rows))
                rows = []
        self.insert_records(FollowUp, rows)
        self.tick(len(rows))

    # -- the committee's view of the catalogue -------------------------------------------------------

    def make_assessments(self) -> None:
        """Self-assessments of about 60% of the commitments, and the country's status on every treaty;
        existing ones are updated (audited by the ORM) rather than duplicated."""
        rng, today = self.rng, self.today
        statuses = _weighted(((AssessmentStatus.IN_PROGRESS, 40), (AssessmentStatus.NOT_STARTED, 25),
                            (AssessmentStatus.ACHIEVED, 20), (AssessmentStatus.NOT_APPLICABLE, 15)))
        codes = list(self.commitment_ids)
        existing = {a.commitment_id: a for a in self.session.scalars(select(CommitmentAssessment))}
        new_rows = []
        for code in sorted(rng.sample(codes, round(len(codes) * 0.6))):
            commitment_id = self.commitment_ids[code]
            status = rng.choice(statuses)
            reference = self.first_reference.get(commitment_id)
            raised, not_raised = _ASSESSMENT_EVIDENCE[status]
            evidence = raised.format(ref=reference) if reference else not_raised
            values = {"status": status.value, "evidence": evidence,
                      "assessed_on": today - timedelta(days=rng.randint(0, 200))}
            if commitment_id in existing:
                for key, value in values.items():
                    setattr(existing[commitment_id], key, value)
            else:
                new_rows.append(self.record(commitment_id=commitment_id, **values))
        self.insert_records(CommitmentAssessment, new_rows)

        existing_status = {s.instrument_id: s for s in self.session.scalars(select(InstrumentStatus))}
        new_rows = []
        for code, status, when, legislation, reservations in _TREATY_STATUSES:
            if code not in self.instrument_ids:
                continue
            values = {"status": status, "status_date": date(*when) if when else None,
                      "implementing_legislation": legislation, "reservations": reservations}
            instrument_id = self.instrument_ids[code]
            if instrument_id in existing_status:
                for key, value in values.items():
                    setattr(existing_status[instrument_id], key, value)
            else:
                new_rows.append(self.record(instrument_id=instrument_id,
                                            confidentiality=Confidentiality.PUBLIC.value, **values))
        self.insert_records(InstrumentStatus, new_rows)
        self.session.flush()


def generate_demo(session: Session, *, questions: int = 500, seed: int = 2017, today: date | None = None,
                  progress: Progress | None = None) -> dict[str, int]:
    """Fill an (empty or not) database with realistic, deterministic sample records for a fictional
    parliament; return counts created per kind. Does not commit (caller commits)."""
    today = today or date.today()
    with _collector_paused():
        return _generate(session, questions, seed, today, progress)


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector: the rows of a large demo are hundreds of thousands of
    short-lived containers, and collections over them cost a quarter of the running time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(session: Session, questions: int, seed: int, today: date, progress: Progress | None) -> dict[str, int]:
    session.flush()
    # A database that already has an audit trail gets fresh uids; a fresh one gets the same records each time.
    history = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rng = _Dice(seed if history == 0 else f"{seed}/{history}")
    generator = _Generator(session, rng, today, progress)
    follow_ups = max(20, questions // 20)
    generator.total = questions + follow_ups + 1
    generator.make_bodies()
    generator.make_people(_Dice("veloria-cast"))  # one parliament whatever the seed, so reruns reuse it
    generator.make_documents()
    generator.make_budget()
    generator.tick(1)
    generator.make_questions(questions)
    generator.make_debates()
    generator.make_follow_ups(follow_ups)
    generator.make_assessments()
    return {kind: generator.counts.get(kind, 0) for kind in (
        "bodies", "people", "questions", "budget_items", "debates", "agenda_items", "agenda_item_links",
        "follow_ups", "documents", "commitment_assessments", "instrument_statuses")}
