"""Tests for the release checklist: days to go, what is done, and what is most urgent."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from engager_desktop.domain.release_readiness import (
    NEAR_RELEASE_DAYS,
    PEER_BETTER,
    SPECS,
    URGENCY_ORDER,
    Readiness,
    ReleaseChecklistInput,
    assess,
    days_to_release,
)

TODAY = date(2026, 11, 2)

EVERYTHING = ReleaseChecklistInput(
    release_date=TODAY + timedelta(days=60),
    accommodation="Hostel on Bute Street",
    accommodation_confirmed=True,
    benefit_claim_prepared=True,
    id_documents=True,
    bank_account=True,
    gp_registered=True,
    discharge_letter=True,
    medication_arranged=True,
    phone_working=True,
    other_ways_to_reach="Probation, hostel key worker",
    gate_meeter="peer",
    first_24_hours="Peer meets him, hostel, then GP",
    family_meeting_held=True,
    first_week_appointments=True,
    services_met_inside=True,
)


def keys(items: object) -> list[str]:
    return [item.key for item in items]  # type: ignore[attr-defined]


def at(days: int | None, **changes: object) -> Readiness:
    release = None if days is None else TODAY + timedelta(days=days)
    return assess(ReleaseChecklistInput(release_date=release, **changes), TODAY)  # type: ignore[arg-type]


def test_days_to_release() -> None:
    assert days_to_release(None, TODAY) is None
    assert days_to_release(TODAY, TODAY) == 0
    assert days_to_release(date(2026, 11, 30), TODAY) == 28
    assert days_to_release(date(2026, 10, 30), TODAY) == -3
    assert days_to_release(date(2036, 11, 2), TODAY) == 3653


def test_input_mirrors_the_release_plan_columns() -> None:
    plan_columns = {
        "release_date", "going_to", "accommodation", "accommodation_confirmed",
        "benefit_claim_prepared", "id_documents", "bank_account", "gp_registered",
        "discharge_letter", "gp_follow_up", "medication", "medication_arranged", "phone_working",
        "phone_number", "other_ways_to_reach", "gate_meeter", "gate_meeter_name",
        "gate_meeting_place", "first_24_hours", "family_meeting_held", "family_meeting_note",
        "first_week_appointments", "services_met_inside", "what_to_bring",
    }  # fmt: skip
    fields = {f.name for f in dataclasses.fields(ReleaseChecklistInput)}
    assert plan_columns <= fields


def test_everything_done() -> None:
    ready = assess(EVERYTHING, TODAY)
    assert ready.percent == 100
    assert ready.missing == ()
    assert ready.days_to_release == 60
    assert all(item.done and item.why_it_matters and item.label for item in ready.items)
    assert keys(ready.items) == list(URGENCY_ORDER)


def test_nothing_done_far_from_release_is_in_urgency_order_and_not_urgent() -> None:
    ready = at(90)
    assert ready.percent == 0
    assert keys(ready.missing) == list(URGENCY_ORDER)
    assert URGENCY_ORDER[:5] == (
        "accommodation", "medication", "gate_meeting", "first_24_hours", "benefits",
    )  # fmt: skip
    assert ready.urgent == ()


def test_long_lead_items_become_urgent_first() -> None:
    ready = at(21)
    assert keys(ready.urgent) == ["accommodation", "id_documents", "bank_account",
                                  "services_met_inside"]  # fmt: skip
    # Urgent items come before the rest, each group in urgency order.
    assert keys(ready.missing)[:4] == keys(ready.urgent)
    assert keys(ready.missing)[4] == "medication"


@pytest.mark.parametrize("days", [NEAR_RELEASE_DAYS, 3, 0, -5])
def test_within_two_weeks_or_past_every_missing_item_is_urgent(days: int) -> None:
    ready = at(days, id_documents=True)
    assert ready.missing and all(item.urgent for item in ready.missing)
    assert "id_documents" not in keys(ready.missing)
    assert keys(ready.missing) == [k for k in URGENCY_ORDER if k != "id_documents"]


def test_just_outside_two_weeks_short_lead_items_are_not_urgent() -> None:
    ready = at(NEAR_RELEASE_DAYS + 1)
    assert "medication" not in keys(ready.urgent)


def test_prompts_about_the_date() -> None:
    assert "No release date" in at(None).prompts[0]
    assert at(None).urgent == ()
    assert "passed" in at(-1).prompts[0]
    assert "today" in at(0).prompts[0]
    assert "tomorrow" in at(1).prompts[0]
    assert "in 10 days" in at(10).prompts[0]
    assert at(40).prompts == ()


def test_gate_meeting_by_practitioner_counts_but_is_flagged() -> None:
    ready = at(30, gate_meeter="practitioner")
    gate = next(item for item in ready.items if item.key == "gate_meeting")
    assert gate.done and gate.note == PEER_BETTER
    assert PEER_BETTER in ready.prompts


def test_peer_marked_on_support_person_counts_without_the_plan_field() -> None:
    ready = at(30, peer_meets_at_gate=True, gate_meeter="practitioner")
    gate = next(item for item in ready.items if item.key == "gate_meeting")
    assert gate.done and gate.note is None
    assert PEER_BETTER not in ready.prompts


def test_no_one_at_the_gate() -> None:
    gate = next(item for item in at(30).items if item.key == "gate_meeting")
    assert not gate.done and "peer" in (gate.note or "")


def test_gp_needs_both_registration_and_letter() -> None:
    gp = next(item for item in at(30, gp_registered=True).items if item.key == "gp")
    assert not gp.done and gp.note == "Still to do: discharge letter."
    gp = next(i for i in at(30, gp_registered=True, discharge_letter=True).items if i.key == "gp")
    assert gp.done


def test_blank_text_does_not_count() -> None:
    ready = at(30, first_24_hours="   ", other_ways_to_reach="\n")
    missing = keys(ready.missing)
    assert "first_24_hours" in missing and "other_ways" in missing
    ready = at(30, first_24_hours="Hostel first", other_ways_to_reach="Probation")
    assert "first_24_hours" not in keys(ready.missing)


def test_accommodation_named_but_not_confirmed() -> None:
    item = next(i for i in at(30, accommodation="His sister's").items if i.key == "accommodation")
    assert not item.done and item.note and "not yet confirmed" in item.note


def test_first_week_appointments_from_the_appointments_table() -> None:
    assert "first_week" not in keys(at(30, has_first_week_appointments=True).missing)


def test_family_meeting_not_applicable_is_left_out_of_the_percentage() -> None:
    everything_but_family = dataclasses.replace(EVERYTHING, family_meeting_held=False)
    assert assess(everything_but_family, TODAY).percent == 92  # 12 of 13, rounded down
    without_family = dataclasses.replace(everything_but_family, family_to_involve=False)
    ready = assess(without_family, TODAY)
    assert ready.percent == 100 and ready.missing == ()
    family = next(item for item in ready.items if item.key == "family_meeting")
    assert not family.applies and not family.urgent


def test_percent_is_rounded_down() -> None:
    # 12 of 13 is 92.3; one short of everything must never show 100.
    one_short = dataclasses.replace(EVERYTHING, services_met_inside=False)
    assert assess(one_short, TODAY).percent == 92
    assert len(SPECS) == 13


def test_every_lead_time_covers_the_near_window() -> None:
    assert all(spec.lead_days >= NEAR_RELEASE_DAYS for spec in SPECS)
