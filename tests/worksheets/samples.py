"""A demo man with something recorded for every document, plus the markers tests look for."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from engager_desktop.domain.enums import (
    GoalDomain,
    GoalStatus,
    Horizon,
    Phase,
    Readiness,
    ResourceKind,
    StepStatus,
)
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.device_card_sheet import DeviceCardInput

NAME = "Dai Ŵŷn"  # how he wants to be addressed; Welsh letters on purpose
PRINTED = date(2025, 3, 3)
PRINTED_TEXT = "3 March 2025"

# Text that must appear only where it is allowed.
TRAUMA = "Lost his brother in a house fire"
SUBSTANCES = "Drinks more when he feels alone"
FAMILY_LIMITS = "No contact with his former partner"
RISK = "Low mood in the winter months"
HIS_PHONE = "07700 900123"
OTHER_WAYS = "Leave a message with the hostel office"
GOING_TO = "Tŷ Newydd hostel, Caerdydd"
STAYING = "Room 4, Heol y Frenhines"
GATE_PLACE = "the bus stop by the main gate"
APPOINTMENT_PLACE = "Probation office, Stryd Fawr"
ESTABLISHMENT = "HMP Caerdydd"
LONG_GOAL = (
    "Find a safe place to live near my sister in Abertawe, with a room for my daughter to stay "
    "at weekends, close to a bus route so I can get to work and to my appointments on time"
)

WORKER = i.WorkerLine(
    name="Sam Evans", phone="029 2000 0000", team="Cardiff team", when_to_call="Weekdays, 9am-5pm"
)
MAN = i.ManSummary(preferred_name=NAME, prison_number="A1234BC", establishment=ESTABLISHMENT)

SHELTER = i.ServiceLine(
    name="Cymorth Tai (housing advice)",
    what_they_do="Help with finding and keeping a home.",
    address="12 Stryd y Castell, Caerdydd",
    phone="029 2000 1111",
    opening_hours="Monday to Friday, 9am-5pm",
    weekend_hours="Saturday, 10am-1pm",
    out_of_hours="Phone line until 10pm",
    cost="Free",
)
GP = i.ServiceLine(
    name="Meddygfa'r Bont (GP)",
    address="3 Heol y Bont",
    phone="029 2000 2222",
    opening_hours="Monday to Friday, 8am-6:30pm",
    weekend_hours="Closed; call 111",
    cost="Free",
)
GYM = i.ServiceLine(name="Łódź Boxing Club", phone="029 2000 3333", cost="£2 a session")

STEPS = (
    i.StepLine(
        what="Fill in the housing form with Sam",
        resource_kind=ResourceKind.PRACTITIONER,
        resource_name="Cymorth Tai",
        who="Dai and Sam",
        due_on=date(2025, 3, 10),
        status=StepStatus.DONE,
        what_happened="Sent it on Monday",
        quick_win=True,
    ),
    i.StepLine(
        what="Write to my sister about staying over",
        resource_kind=ResourceKind.FAMILY_OR_PEERS,
        who="Dai",
        before_next_session=True,
        status=StepStatus.OPEN,
    ),
)
GOALS = (
    i.GoalLine(
        title=LONG_GOAL,
        his_words="Get a flat near my sister",
        horizon=Horizon.SHORT_TERM_RECOVERY,
        domain=GoalDomain.HOUSING,
        status=GoalStatus.OPEN,
        steps=STEPS,
    ),
    i.GoalLine(
        title="Learn to cook cheap meals",
        horizon=Horizon.LONG_TERM_MAINTENANCE,
        domain=GoalDomain.WORK_AND_LEARNING,
        status=GoalStatus.OPEN,
    ),
)


def full_inputs() -> dict[str, Any]:
    """One input per kind with everything filled in (including the sensitive parts)."""
    return {
        "understanding": i.UnderstandingInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            priorities=(i.PriorityLine("Nowhere to go when I get out", "Somewhere safe to live"),),
            goals=GOALS,
            strengths=("Good with his hands", "Keeps going when things are hard"),
            skills_wanted=("Cooking on a budget",),
            readiness=Readiness.READY,
            readiness_note="Wants things to be different this time",
            quick_wins=("Library card",),
            doing_your_time="Reads and goes to the gym",
            basic_needs="Worried about having food in the first week",
            trauma=TRAUMA,
            substance_use=SUBSTANCES,
            family_restrictions=FAMILY_LIMITS,
            risk_notes=RISK,
        ),
        "action-plan": i.ActionPlanInput(
            man=MAN, printed_on=PRINTED, worker=WORKER, reviewed_on=date(2025, 3, 1), goals=GOALS
        ),
        "workbook": i.WorkbookInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            next_meeting=datetime(2025, 3, 17, 10, 30),
            steps=STEPS,
        ),
        "pledge": i.PledgeInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            his_commitments="Come to our meetings\nTell Sam if something goes wrong",
            worker_commitments="Turn up on time\nCall the housing office this week",
        ),
        "release-plan": i.ReleaseInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            release_date=date(2025, 4, 14),
            going_to=GOING_TO,
            accommodation=STAYING,
            gate_meeter_name="Rhys (peer mentor)",
            gate_meeting_place=GATE_PLACE,
            first_24_hours="Go to the hostel, then the chemist, then call Sam",
            appointments=(
                i.AppointmentLine(
                    datetime(2025, 4, 15, 9, 0), "Probation", APPOINTMENT_PLACE, "Bring ID"
                ),
                i.AppointmentLine(datetime(2025, 4, 16, 14, 30), "Doctor (GP)", "Meddygfa'r Bont"),
            ),
            what_to_bring="ID\nDischarge letter\nPhone charger",
            phone_number=HIS_PHONE,
            other_ways_to_reach=OTHER_WAYS,
            medication="Two weeks supply from the prison nurse",
            gp_follow_up="See the GP on 16 April",
            services=(SHELTER, GP),
            id_documents=True,
            bank_account=False,
            benefit_claim_prepared=True,
            contact_restrictions=FAMILY_LIMITS,
        ),
        "services-card": i.ServicesCardInput(
            man=MAN, printed_on=PRINTED, worker=WORKER, services=(SHELTER, GP, GYM)
        ),
        "family-sheet": i.FamilySheetInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            release_date=date(2025, 4, 14),
            going_to=GOING_TO,
            phone_number=HIS_PHONE,
            services=(
                i.ServiceLine(
                    name="Families Outside Cymru",
                    what_they_do="Support for families of people in prison.",
                    phone="029 2000 4444",
                    opening_hours="Weekdays, 9am-5pm",
                    weekend_hours="Closed",
                    cost="Free",
                ),
            ),
        ),
        "ending": i.EndingInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            last_meetings="Every two weeks in June, then once in July",
            how_to_mark_it="A coffee in town",
            signs_to_watch="Not sleeping\nStaying in my room",
            what_helps="Going to the gym\nCalling my sister",
            who_to_contact="My sister\nRhys, my mentor",
            mentoring="Rhys, every Tuesday",
            services_text="Cymorth Tai for housing",
            family_and_friends="My sister, and my cousin in Abertawe",
            self_care="Walk every morning",
            services=(SHELTER,),
            aftercare_call_on=date(2025, 9, 1),
        ),
        "links-map": i.LinksMapInput(
            man=MAN,
            printed_on=PRINTED,
            worker=WORKER,
            entries=(
                i.LinksMapLine(
                    situation="A letter from home did not come",
                    thoughts="They have given up on me",
                    feelings="Sad and angry",
                    behaviour="Stayed behind my door all weekend",
                    outcomes="Missed the gym and felt worse",
                ),
            ),
        ),
        "supervision": i.SupervisionInput(
            printed_on=PRINTED,
            worker=WORKER,
            rows=(
                i.SupervisionRow(NAME, Phase.IN_PRISON, 42, 1, (7, 6, 5), 4, 12, 3, risk_flag=RISK),
                i.SupervisionRow("Mr Kowalski", Phase.IN_COMMUNITY, -20, 0, (4,), 9, 12, 12),
            ),
            audit_count=1234,
            audit_head="9f2c" * 16,
        ),
        "explainer": i.ExplainerInput(printed_on=PRINTED, worker=WORKER),
        "recovery-sheet": i.RecoveryInput(
            printed_on=PRINTED,
            code="123458-234564-345672-456786-567890-678904-789014-890120",
            vault_id="vault-5f3a9c",
        ),
        "device-card": DeviceCardInput(
            printed_on=PRINTED,
            laptop_name="Sam – HMP Example interview room",
            device_id="3f2a9c1d-7b6e-4c2a-9d1f-0a1b2c3d4e5f",
            fingerprint="7f2a-0c91-e4b3-5d6a-88f1-2b7c-a0d4-39e5",
        ),
    }


# What each kind must show for the demo man (besides his name and the print date).
EXPECTED = {
    "understanding": ["Somewhere safe to live", "Good with his hands", "Library card"],
    "action-plan": ["Get a flat near my sister", "Fill in the housing form", "Before we next"],
    "workbook": ["Write to my sister", "Done", "Not done", "What happened"],
    "pledge": ["Come to our meetings", "Turn up on time", "Signed by"],
    "release-plan": ["14 April 2025", "Rhys (peer mentor)", "Cymorth Tai", "Saturday, 10am-1pm"],
    "services-card": ["Cymorth Tai", "Łódź Boxing Club", "029 2000 1111", "Free"],
    "family-sheet": ["What to expect", "Families Outside Cymru", "14 April 2025", "includes"],
    "ending": ["Not sleeping", "Calling my sister", "Rhys, every Tuesday", "1 September 2025"],
    "links-map": ["A letter from home", "They have given up on me", "What came of it"],
    "supervision": ["Mr Kowalski", "Out 20 days", "7 → 6 → 5", "1,234", "1234:9f2c 9f2c"],
    "explainer": ["does not do", "Sam Evans", "999"],
    "recovery-sheet": ["123458", "890120", "vault-5f3a9c", "unlocks the vault"],
    "device-card": ["Sam – HMP Example interview room", "7f2a", "39e5", "3f2a9c1d", "is secret"],
}
