"""How ready a man is for release (P20-P22): days to go, the checklist, and what is most urgent.

Urgency order (most urgent first), and why:
  1. accommodation       - somewhere to stay comes before every other need
  2. medication          - a gap in medication on the first days out can do real harm
  3. gate_meeting        - the first hours are the riskiest; someone should be there
  4. first_24_hours      - a plan for those hours, above all where he uses drugs or alcohol
  5. benefits            - without money he cannot eat or travel, and risk rises
  6. phone               - a phone that works (charged, not sold) so he can be reached
  7. other_ways          - probation, hostel or others for when the phone fails
  8. gp                  - registration and the discharge letter, so care carries on
  9. id_documents        - needed for benefits, bank and housing
 10. bank_account        - for benefit payments
 11. first_week          - appointments booked for his first week out
 12. services_met_inside - community services met in person while he is inside
 13. family_meeting      - what to expect, talked through with family before release

Each item also has a lead time: the number of days before release by which it should be done.
Once release is that close (or past) a missing item is urgent. Every lead time is at least
``NEAR_RELEASE_DAYS`` (14), so within two weeks of release every missing item is urgent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engager_desktop.i18n import N_, tr, trn

NEAR_RELEASE_DAYS = 14

PEER_BETTER = N_(
    "ReleaseReadiness", "The practitioner will meet him. A peer is better if one can be found."
)


@dataclass(frozen=True)
class ReleasePlanFields:
    """The release plan as stored (the ReleasePlan columns); the wizard edits exactly these."""

    release_date: date | None = None
    going_to: str | None = None
    accommodation: str | None = None
    accommodation_confirmed: bool = False
    benefit_claim_prepared: bool = False
    id_documents: bool = False
    bank_account: bool = False
    gp_registered: bool = False
    discharge_letter: bool = False
    gp_follow_up: str | None = None
    medication: str | None = None
    medication_arranged: bool = False  # ticked too when he takes no medication
    phone_working: bool = False
    phone_number: str | None = None
    other_ways_to_reach: str | None = None
    gate_meeter: str | None = None  # "peer" or "practitioner"
    gate_meeter_name: str | None = None
    gate_meeting_place: str | None = None
    first_24_hours: str | None = None
    family_meeting_held: bool = False
    family_meeting_note: str | None = None
    first_week_appointments: bool = False
    services_met_inside: bool = False
    what_to_bring: str | None = None


@dataclass(frozen=True)
class ReleaseChecklistInput(ReleasePlanFields):
    """The plan, plus facts the services layer reads from other records."""

    # Facts from other records:
    peer_meets_at_gate: bool = False  # a peer support person is marked meets_at_gate
    has_first_week_appointments: bool = False  # appointments exist in his first week out
    family_to_involve: bool = True  # False: no family to involve, or he does not want it


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    why_it_matters: str
    applies: bool = True
    urgent: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Readiness:
    days_to_release: int | None
    items: tuple[ChecklistItem, ...]  # in urgency order
    percent: int  # share of the items that apply which are done, 0-100
    missing: tuple[ChecklistItem, ...]  # urgent first, then by urgency order
    prompts: tuple[str, ...]

    @property
    def urgent(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.missing if item.urgent)


@dataclass(frozen=True)
class _Spec:
    key: str
    label: str
    why: str
    lead_days: int


SPECS: tuple[_Spec, ...] = (
    _Spec(
        "accommodation",
        N_("ReleaseReadiness", "Somewhere to live, confirmed"),
        N_("ReleaseReadiness", "Without a safe place to stay, little else can hold together."),
        28,
    ),
    _Spec(
        "medication",
        N_("ReleaseReadiness", "Medication ready for the day he leaves (tick if he takes none)"),
        N_("ReleaseReadiness", "Going without medication in the first days out can do real harm."),
        14,
    ),
    _Spec(
        "gate_meeting",
        N_("ReleaseReadiness", "Someone to meet him at the gate"),
        N_(
            "ReleaseReadiness",
            "The first hours out are the riskiest; a familiar face makes a difference.",
        ),
        14,
    ),
    _Spec(
        "first_24_hours",
        N_("ReleaseReadiness", "A plan for his first 24 hours"),
        N_(
            "ReleaseReadiness",
            "The first day carries the most risk, above all with drugs or alcohol.",
        ),
        14,
    ),
    _Spec(
        "benefits",
        N_("ReleaseReadiness", "Benefit claim ready before release"),
        N_("ReleaseReadiness", "Money from day one keeps him fed and able to get to appointments."),
        14,
    ),
    _Spec(
        "phone",
        N_("ReleaseReadiness", "A phone that works (charged, and kept)"),
        N_(
            "ReleaseReadiness", "Contact is easily lost after release if his phone is sold or flat."
        ),
        14,
    ),
    _Spec(
        "other_ways",
        N_("ReleaseReadiness", "Other ways to reach him (probation, hostel, someone he trusts)"),
        N_(
            "ReleaseReadiness",
            "When the phone fails, these are how you find him. Agree with him before sharing them.",
        ),
        14,
    ),
    _Spec(
        "gp",
        N_("ReleaseReadiness", "Registered with a GP, discharge letter sent"),
        N_("ReleaseReadiness", "So his health care carries on without a gap."),
        14,
    ),
    _Spec(
        "id_documents",
        N_("ReleaseReadiness", "ID documents"),
        N_("ReleaseReadiness", "Benefits, a bank account and housing all ask for ID."),
        28,
    ),
    _Spec(
        "bank_account",
        N_("ReleaseReadiness", "A bank account"),
        N_("ReleaseReadiness", "Benefits are paid into a bank account."),
        28,
    ),
    _Spec(
        "first_week",
        N_("ReleaseReadiness", "Appointments booked for his first week"),
        N_(
            "ReleaseReadiness",
            "A few fixed points in the first week give the days shape and keep help close.",
        ),
        14,
    ),
    _Spec(
        "services_met_inside",
        N_("ReleaseReadiness", "Community services met in person while he is inside"),
        N_(
            "ReleaseReadiness",
            "A referral letter is not enough: meeting face to face makes him likelier to go.",
        ),
        28,
    ),
    _Spec(
        "family_meeting",
        N_("ReleaseReadiness", "A meeting with family about what to expect"),
        N_(
            "ReleaseReadiness",
            "Things at home will have changed; talking first helps a gradual return.",
        ),
        14,
    ),
)
URGENCY_ORDER: tuple[str, ...] = tuple(spec.key for spec in SPECS)


def days_to_release(expected: date | None, today: date) -> int | None:
    """Days from today to release: 0 on the day, negative once it has passed, None when unknown."""
    if expected is None:
        return None
    return (expected - today).days


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def _gate(inp: ReleaseChecklistInput) -> tuple[bool, str | None]:
    if inp.peer_meets_at_gate or inp.gate_meeter == "peer":
        return True, None
    if inp.gate_meeter == "practitioner":
        return True, PEER_BETTER
    return False, N_(
        "ReleaseReadiness", "No one yet. A peer if possible, otherwise the practitioner."
    )


def _partial(parts: dict[str, bool]) -> tuple[bool, str | None]:
    missing = [name for name, done in parts.items() if not done]
    if not missing:
        return True, None
    if len(missing) == len(parts):
        return False, None
    missing_words = ", ".join(tr("ReleaseReadiness", name) for name in missing)
    return False, tr("ReleaseReadiness", "Still to do: {missing}.").format(missing=missing_words)


def _states(inp: ReleaseChecklistInput) -> dict[str, tuple[bool, str | None]]:
    accommodation_note = None
    if not inp.accommodation_confirmed and _filled(inp.accommodation):
        accommodation_note = N_("ReleaseReadiness", "A place is named but not yet confirmed.")
    return {
        "accommodation": (inp.accommodation_confirmed, accommodation_note),
        "medication": (inp.medication_arranged, None),
        "gate_meeting": _gate(inp),
        "first_24_hours": (_filled(inp.first_24_hours), None),
        "benefits": (inp.benefit_claim_prepared, None),
        "phone": (inp.phone_working, None),
        "other_ways": (_filled(inp.other_ways_to_reach), None),
        "gp": _partial(
            {
                N_("ReleaseReadiness", "GP registration"): inp.gp_registered,
                N_("ReleaseReadiness", "discharge letter"): inp.discharge_letter,
            }
        ),
        "id_documents": (inp.id_documents, None),
        "bank_account": (inp.bank_account, None),
        "first_week": (inp.first_week_appointments or inp.has_first_week_appointments, None),
        "services_met_inside": (inp.services_met_inside, None),
        "family_meeting": (inp.family_meeting_held, None),
    }


def _prompts(days: int | None, gate_note: str | None) -> tuple[str, ...]:
    prompts: list[str] = []
    if days is None:
        prompts.append(
            tr("ReleaseReadiness", "No release date yet. Planning for release still starts now.")
        )
    elif days < 0:
        prompts.append(
            tr(
                "ReleaseReadiness",
                "The release date has passed. Anything still missing is overdue.",
            )
        )
    elif days == 0:
        prompts.append(
            tr("ReleaseReadiness", "Release is today: everything still missing is urgent.")
        )
    elif days == 1:
        prompts.append(
            tr("ReleaseReadiness", "Release is tomorrow: everything still missing is urgent.")
        )
    elif days <= NEAR_RELEASE_DAYS:
        prompts.append(
            trn(
                "ReleaseReadiness",
                "Release is in {n} day: everything still missing is urgent.",
                "Release is in {n} days: everything still missing is urgent.",
                days,
            )
        )
    if gate_note == PEER_BETTER:
        prompts.append(tr("ReleaseReadiness", PEER_BETTER))
    return tuple(prompts)


def assess(inp: ReleaseChecklistInput, today: date) -> Readiness:
    """Build the checklist, the percentage done and the missing items, most urgent first."""
    days = days_to_release(inp.release_date, today)
    states = _states(inp)
    items: list[ChecklistItem] = []
    for spec in SPECS:
        done, note = states[spec.key]
        applies = spec.key != "family_meeting" or inp.family_to_involve
        urgent = applies and not done and days is not None and days <= spec.lead_days
        label, why = tr("ReleaseReadiness", spec.label), tr("ReleaseReadiness", spec.why)
        shown_note = tr("ReleaseReadiness", note) if note else note
        items.append(ChecklistItem(spec.key, label, done, why, applies, urgent, shown_note))
    applicable = [item for item in items if item.applies]
    done_count = sum(item.done for item in applicable)
    # Rounded down, so 100 is shown only when everything is done.
    percent = 100 * done_count // len(applicable) if applicable else 100
    missing = sorted(
        (item for item in applicable if not item.done), key=lambda item: not item.urgent
    )
    return Readiness(
        days_to_release=days,
        items=tuple(items),
        percent=percent,
        missing=tuple(missing),
        prompts=_prompts(days, states["gate_meeting"][1]),
    )
