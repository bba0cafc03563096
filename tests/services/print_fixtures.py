"""A man with something recorded for every printed document, and helpers to read PDFs back.

Import by name in the printing tests (``from tests.services.print_fixtures import …``).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

from pypdf import PdfReader

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services.consent import record_consent
from engager_desktop.store.orm import (
    Appointment,
    Background,
    EndingPlan,
    Goal,
    LinksMapEntry,
    Meeting,
    Participant,
    Pledge,
    PriorityProblem,
    QuickWin,
    ReleasePlan,
    Service,
    Step,
    Strength,
    Understanding,
)
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)  # the tests' fake clock
NAME = "Dai Ŵŷn"  # how he wants to be addressed
GIVEN = "Dafydd"  # never printed: he asked to be called Dai
PRISON = "HMP Northgate"
RELEASE = TODAY + timedelta(days=10)

TRAUMA = "Lost his brother in a house fire"
SUBSTANCES = "Drinks more when he feels alone"
FAMILY_LIMITS = "No contact with his former partner"
RISK = "Low mood in the winter months"
HIS_PHONE = "07700 900123"
OTHER_WAYS = "Leave a message with the hostel office"
GOING_TO = "Tŷ Newydd hostel, Harrowmere"
STAYING = "Room 4, Station Road"
GATE_PLACE = "the bus stop by the main gate"
APPOINTMENT_PLACE = "Probation office, High Street"
HOUSING = "Harbour Housing Advice"
HOUSING_PHONE = "01632 960555"
FAMILY_SERVICE = "Families Together"
GOAL = "Find somewhere safe to live"
STEP = "Phone the housing advice line about his personality disorder form"
PLEDGE = "Come to every meeting"
LINKS = "Waiting at the job centre"
ENDING = "Not sleeping for days"
WHEREABOUTS = (GOING_TO, STAYING, GATE_PLACE, APPOINTMENT_PLACE, PRISON)
CONTACT = (HIS_PHONE, OTHER_WAYS)
SENSITIVE = (TRAUMA, SUBSTANCES, FAMILY_LIMITS, RISK)


def at(day: date, hour: int) -> datetime:
    """A stored time (naive UTC; London is on GMT in November)."""
    return datetime(day.year, day.month, day.day, hour, 0)


def add_services(vault: Vault) -> tuple[str, str]:
    with vault.write() as session:
        housing = Service(
            name=HOUSING,
            kind="housing_advice",
            setting="community",
            address="1 Quay Street",
            phone=HOUSING_PHONE,
            opening_hours="Monday to Friday, 9am to 5pm",
            weekend_hours="Saturday, 10am to 1pm",
            cost_to_him="Free",
            does="Help with finding a home.",
        )
        family = Service(
            name=FAMILY_SERVICE,
            kind="family_support",
            setting="community",
            phone="01632 960777",
            opening_hours="Weekdays",
        )
        session.add_all([housing, family])
        session.flush()
        return housing.id, family.id


def add_bare_man(vault: Vault, preferred: str = "Mr Bare") -> str:
    with vault.write() as session:
        man = Participant(given_name="Bryn", family_name="Bare", preferred_name=preferred)
        session.add(man)
        session.flush()
        return man.id


def add_full_man(vault: Vault) -> str:
    """Dai, three days before a planned session and ten before release, with every part."""
    housing, _family = add_services(vault)
    with vault.write() as session:
        man = Participant(
            given_name=GIVEN,
            family_name="Pugh",
            preferred_name=NAME,
            prison_number="A1234BC",
            establishment=PRISON,
            phase="through_the_gate",
            expected_release=RELEASE,
            planned_sessions=12,
            risk_notes=RISK,
        )
        session.add(man)
        session.flush()
        mid = man.id
        goal = Goal(
            participant_id=mid,
            title=GOAL,
            his_words="Somewhere of my own",
            horizon="short_term_recovery",
            domain="housing",
            set_on=TODAY - timedelta(days=20),
        )
        session.add(goal)
        session.flush()
        session.add_all(
            [
                Background(
                    participant_id=mid,
                    trauma=TRAUMA,
                    contact_restrictions=FAMILY_LIMITS,
                    substance_use=SUBSTANCES,
                    doing_your_time="Goes to the gym every morning",
                ),
                Understanding(participant_id=mid, readiness="ready"),
                PriorityProblem(
                    participant_id=mid, his_words="I have nowhere to live", as_goal_or_need=GOAL
                ),
                Strength(participant_id=mid, text="Good with his hands", kind="has"),
                Strength(participant_id=mid, text="Cooking on a budget", kind="wants"),
                QuickWin(participant_id=mid, text="Library card"),
                LinksMapEntry(
                    participant_id=mid,
                    situation=LINKS,
                    thoughts="They think I am a waste of space",
                    feelings="Ashamed",
                    behaviour="Walked out",
                    outcomes="Missed the appointment",
                    recorded_on=TODAY - timedelta(days=14),
                ),
                Step(
                    participant_id=mid,
                    goal_id=goal.id,
                    what=STEP,
                    resource_kind="other_professional",
                    service_id=housing,
                    responsible="Dai",
                    due_on=TODAY + timedelta(days=3),
                    before_next_session=True,
                ),
                Meeting(
                    participant_id=mid,
                    starts_at=at(TODAY - timedelta(days=7), 10),
                    place="prison",
                    attended=True,
                ),
                Meeting(
                    participant_id=mid, starts_at=at(TODAY + timedelta(days=5), 10), place="prison"
                ),
                Pledge(
                    participant_id=mid,
                    wanted=True,
                    his_commitments=PLEDGE,
                    practitioner_commitments="Be on time and call back the same day",
                ),
                ReleasePlan(
                    participant_id=mid,
                    release_date=RELEASE,
                    going_to=GOING_TO,
                    accommodation=STAYING,
                    phone_number=HIS_PHONE,
                    other_ways_to_reach=OTHER_WAYS,
                    gate_meeter="practitioner",
                    gate_meeter_name="Sam Evans",
                    gate_meeting_place=GATE_PLACE,
                    first_24_hours="Go to the housing office",
                    what_to_bring="The letter from the council",
                    id_documents=True,
                ),
                Appointment(
                    participant_id=mid,
                    with_whom="Probation",
                    service_id=housing,
                    starts_at=at(RELEASE + timedelta(days=1), 10),
                    location=APPOINTMENT_PLACE,
                ),
                EndingPlan(
                    participant_id=mid,
                    signs_to_watch=ENDING,
                    what_helps="Going for a walk",
                    who_to_contact="My sister",
                ),
            ]
        )
        return mid


def agree(vault: Vault, man_id: str, *kinds: ConsentKind) -> None:
    for kind in kinds:
        record_consent(vault, man_id, kind, True, recorded_on=TODAY)


def pdf_text(pdf: bytes) -> str:
    """All the text, every run of white space made one space (so wrapped text still matches)."""
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))
