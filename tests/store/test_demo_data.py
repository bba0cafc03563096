"""The demo caseload generator: deterministic, complete, consistent per phase, and fictional."""

from __future__ import annotations

import random
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ConsentKind, Phase, ResourceKind
from engager_desktop.store.demo_data import (
    DemoData,
    generate,
    insert_all,
    phase_plan,
    row_counts,
)
from engager_desktop.store.demo_rows import RowWriter
from engager_desktop.store.orm import (
    SYNCED_MODELS,
    Appointment,
    Base,
    Consent,
    DistressRating,
    EndingPlan,
    Goal,
    Meeting,
    Participant,
    PhaseChange,
    PriorityProblem,
    ReleasePlan,
    Service,
    Step,
    StepReview,
    Strength,
    SupportPerson,
)

TODAY = date(2026, 11, 2)
DEVICE = "0b7c2f4e-1d0a-4c8e-9a55-3f1e2d6b7a90"
INSIDE = {Phase.ENGAGEMENT, Phase.IN_PRISON, Phase.THROUGH_THE_GATE}
OWN_PHONE = re.compile(r"^(07700 900\d{3}|01632 960\d{3})$")


def stamps() -> Callable[[], str]:
    counter = count()
    return lambda: f"1793000000000-{next(counter):06d}"


def make(men: int, seed: int = 11, today: date = TODAY, **kwargs: Any) -> DemoData:
    return generate(men, seed, today, DEVICE, stamps(), **kwargs)


@pytest.fixture(scope="module")
def data() -> DemoData:
    return make(300, heavy_man=True)


def by_man(data: DemoData, model: type[Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in data[model]:
        grouped[row["participant_id"]].append(row)
    return grouped


def men_in(data: DemoData, *phases: Phase) -> list[dict[str, Any]]:
    return [man for man in data[Participant] if man["phase"] in phases]


def test_same_seed_and_today_give_identical_rows() -> None:
    assert make(40) == make(40)


def test_different_seed_or_today_gives_different_rows() -> None:
    first = make(40)
    other = make(40, seed=12)
    assert first[Participant] != other[Participant]
    assert {r["id"] for r in first[Participant]}.isdisjoint(r["id"] for r in other[Participant])
    assert make(40, today=TODAY + timedelta(days=1))[Participant] != first[Participant]


def test_rows_carry_exactly_the_model_columns_and_synced_values(data: DemoData) -> None:
    assert list(data) == list(SYNCED_MODELS)
    ids: set[str] = set()
    for model in SYNCED_MODELS:
        columns = {column.name for column in model.__table__.columns}  # type: ignore[attr-defined]
        assert data[model], f"no rows for {model.__name__}"
        for row in data[model]:
            assert set(row) == columns
            assert uuid.UUID(row["id"]).version == 4
            assert str(uuid.UUID(row["id"])) == row["id"]
            assert isinstance(row["created_at"], datetime) and row["created_at"].tzinfo is None
            assert row["created_at"].date() <= TODAY
            assert (row["updated_by"], row["deleted"], row["rev"]) == (DEVICE, False, 1)
            ids.add(row["id"])
    assert len(ids) == sum(row_counts(data).values())


def test_ids_are_the_uuid4_of_the_seeded_bits() -> None:
    writer = RowWriter(random.Random(5), TODAY, DEVICE, stamps())
    reference = random.Random(5)
    for _ in range(200):
        expected = uuid.UUID(int=reference.getrandbits(128), version=4)
        assert writer.new_id() == str(expected)


def test_updated_at_comes_from_the_clock_stamp_in_order() -> None:
    rows = [row for rows in make(5).values() for row in rows]
    assert sorted(row["updated_at"] for row in rows) == [
        f"1793000000000-{n:06d}" for n in range(len(rows))
    ]


def test_today_not_the_system_clock_anchors_every_date() -> None:
    long_ago = date(2003, 3, 3)
    demo = make(30, today=long_ago)
    assert all(row["created_at"].date() <= long_ago for rows in demo.values() for row in rows)
    assert max(row["last_verified"] for row in demo[Service]) <= long_ago


@pytest.mark.parametrize("men", [12, 13, 17, 25, 100])
def test_every_phase_is_present_from_twelve_men(men: int) -> None:
    for seed in range(4):
        phases = {row["phase"] for row in make(men, seed=seed)[Participant]}
        assert phases == {phase.value for phase in Phase}


def test_phase_proportions_are_realistic() -> None:
    shares = Counter(phase_plan(1000, random.Random(1)))
    assert shares[Phase.IN_PRISON] > shares[Phase.ENDING]
    assert all(80 <= shares[phase] <= 300 for phase in Phase)
    assert sum(shares.values()) == 1000


def test_no_men_gives_only_the_directory_and_supervision() -> None:
    counts = row_counts(make(0))
    assert counts["services"] >= 55 and counts["supervision_notes"] > 0
    assert counts["participants"] == 0
    with pytest.raises(ValueError, match="negative"):
        make(-1)


def test_every_resource_kind_and_consent_kind_is_present(data: DemoData) -> None:
    assert {row["resource_kind"] for row in data[Step]} == {kind.value for kind in ResourceKind}
    consents = by_man(data, Consent)
    for man in data[Participant]:
        kinds = [row["kind"] for row in consents[man["id"]]]
        assert sorted(kinds) == sorted(kind.value for kind in ConsentKind)
    given = Counter(row["given"] for row in data[Consent])
    assert given[True] > 3 * given[False] > 0


def test_rows_insert_into_sqlite_with_foreign_keys_on(data: DemoData) -> None:
    engine = _memory_engine()
    with engine.begin() as connection:
        insert_all(connection, data)
    with Session(engine) as session:
        for model in (Participant, Step, StepReview, Service):
            stored = session.scalar(select(func.count()).select_from(model))
            assert stored == len(data[model])
        assert session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.deleted.is_(False))
        ) == len(data[Meeting])


def test_insert_all_through_a_session_and_refuses_broken_parents() -> None:
    demo = make(15)
    engine = _memory_engine()
    with Session(engine) as session:
        insert_all(session, demo)
        session.commit()
        assert session.scalar(select(func.count()).select_from(Goal)) == len(demo[Goal])
    orphan = make(3, seed=99)
    del orphan[Participant][:]
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), _memory_engine().begin() as connection:
        insert_all(connection, orphan)


def test_men_inside_are_released_in_the_future_mostly_four_to_twenty_weeks(data: DemoData) -> None:
    inside = men_in(data, *INSIDE)
    assert all(man["expected_release"] > TODAY for man in inside)
    waiting = [(man["expected_release"] - TODAY).days for man in men_in(data, Phase.IN_PRISON)]
    assert sum(28 <= days <= 140 for days in waiting) >= 0.75 * len(waiting)
    assert any(days < 28 for days in waiting)


def test_men_outside_were_released_in_the_past(data: DemoData) -> None:
    for man in men_in(data, Phase.IN_COMMUNITY):
        assert 0 < (TODAY - man["expected_release"]).days <= 140
    for man in men_in(data, Phase.ENDING, Phase.CLOSED):
        assert man["expected_release"] < TODAY
    for man in data[Participant]:
        assert man["planned_sessions"] and man["planned_end"] > man["expected_release"]


def test_release_ending_and_closure_follow_the_phase(data: DemoData) -> None:
    plans = {row["participant_id"]: row for row in data[ReleasePlan]}
    endings = {row["participant_id"]: row for row in data[EndingPlan]}
    for man in data[Participant]:
        phase = Phase(man["phase"])
        if phase not in (Phase.ENGAGEMENT, Phase.IN_PRISON):
            assert plans[man["id"]]["release_date"] == man["expected_release"]
        if phase in (Phase.ENDING, Phase.CLOSED):
            assert man["id"] in endings
        signed_off = endings.get(man["id"], {}).get("signed_off_on")
        if phase is Phase.CLOSED:
            assert man["closure_reason"]
            assert (signed_off is not None) == (man["closure_reason"] == "signed_off")
            assert signed_off is None or signed_off < TODAY
        else:
            assert man["closure_reason"] is None and signed_off is None


def test_phase_history_leads_to_the_current_phase(data: DemoData) -> None:
    history = by_man(data, PhaseChange)
    endings = {row["participant_id"]: row for row in data[EndingPlan]}
    for man in data[Participant]:
        moved_on = {row["to_phase"]: row["changed_on"] for row in history[man["id"]]}
        if Phase.IN_COMMUNITY in moved_on:
            assert moved_on[Phase.IN_COMMUNITY] == man["expected_release"]
        if man["closure_reason"] == "signed_off":
            assert moved_on[Phase.CLOSED] == endings[man["id"]]["signed_off_on"]
            assert moved_on[Phase.ENDING] < moved_on[Phase.CLOSED]
        moves = sorted(history[man["id"]], key=lambda row: row["created_at"])
        if man["phase"] == Phase.ENGAGEMENT:
            assert moves == []
            continue
        assert moves[0]["from_phase"] == Phase.ENGAGEMENT
        assert moves[-1]["to_phase"] == man["phase"]
        for before, after in zip(moves, moves[1:], strict=False):
            assert before["to_phase"] == after["from_phase"]
            assert before["changed_on"] <= after["changed_on"] <= TODAY


def test_meetings_past_held_or_missed_and_one_planned_for_open_men(data: DemoData) -> None:
    meetings = by_man(data, Meeting)
    for man in data[Participant]:
        planned = [m for m in meetings[man["id"]] if m["attended"] is None]
        past = [m for m in meetings[man["id"]] if m["attended"] is not None]
        assert len(planned) == (0 if man["phase"] == Phase.CLOSED else 1)
        assert all(m["starts_at"].date() > TODAY for m in planned)
        assert all(m["starts_at"].date() < TODAY for m in past)
        for meeting in past:
            held = meeting["attended"]
            assert (meeting["distress"] is not None) == held
            assert held or meeting["follow_up"]
    ratings = data[DistressRating]
    assert all(0 <= r["score"] <= 10 and r["note"] for r in ratings)
    assert len({r["score"] for r in ratings}) >= 8
    meeting_ids = {m["id"] for m in data[Meeting]}
    assert all(r["meeting_id"] in meeting_ids for r in ratings)


def test_steps_link_to_services_and_people_where_the_kind_fits(data: DemoData) -> None:
    people = {row["id"]: row for row in data[SupportPerson]}
    for step in data[Step]:
        kind = step["resource_kind"]
        assert (step["service_id"] is not None) == (kind == ResourceKind.OTHER_PROFESSIONAL)
        assert (step["support_person_id"] is not None) == (kind == ResourceKind.FAMILY_OR_PEERS)
        if step["support_person_id"]:
            person = people[step["support_person_id"]]
            assert person["participant_id"] == step["participant_id"]
            assert person["contact_restrictions"] is None
        if step["status"] in ("done", "not_done", "dropped"):
            assert step["what_happened"] and step["closed_on"]
    open_men = {m["id"] for m in data[Participant] if m["phase"] != Phase.CLOSED}
    overdue = [
        s
        for s in data[Step]
        if s["status"] == "open"
        and s["due_on"]
        and s["due_on"] < TODAY
        and s["participant_id"] in open_men
    ]
    assert overdue
    statuses = Counter(step["status"] for step in data[Step])
    assert statuses["done"] and statuses["not_done"] and statuses["open"]


def test_goals_and_steps_per_man_and_all_kinds_once_four_steps(data: DemoData) -> None:
    goals, steps = by_man(data, Goal), by_man(data, Step)
    heavy = data[Participant][0]["id"]
    for man in data[Participant][1:]:
        assert 2 <= len(goals[man["id"]]) <= 6
        his = steps[man["id"]]
        assert len(goals[man["id"]]) <= len(his) <= 5 * len(goals[man["id"]])
        if len(his) >= 4:
            assert len({s["resource_kind"] for s in his}) == 4
    assert len(goals[heavy]) == 40
    problems = Counter(row["participant_id"] for row in data[PriorityProblem])
    assert all(1 <= problems[man["id"]] <= 4 for man in data[Participant])
    goal_ids = {row["id"] for row in data[Goal]}
    assert all(row["goal_id"] in goal_ids for row in data[PriorityProblem])
    assert {row["kind"] for row in data[Strength]} == {"has", "wants"}


def test_the_heavy_man_has_100_meetings_and_40_goals(data: DemoData) -> None:
    heavy = data[Participant][0]["id"]
    assert len(by_man(data, Meeting)[heavy]) == 100
    assert len(by_man(data, Goal)[heavy]) == 40
    normal = make(30)
    assert max(Counter(r["participant_id"] for r in normal[Meeting]).values()) <= 41


def test_reviews_belong_to_the_same_man_and_follow_the_step(data: DemoData) -> None:
    meetings = {row["id"]: row for row in data[Meeting]}
    steps = {row["id"]: row for row in data[Step]}
    assert data[StepReview]
    for review in data[StepReview]:
        meeting, step = meetings[review["meeting_id"]], steps[review["step_id"]]
        assert meeting["participant_id"] == step["participant_id"] == review["participant_id"]
        assert meeting["attended"] is True
        assert review["outcome"] in ("done", "not_done") and review["why"]


def test_appointments_near_today_and_some_clash(data: DemoData) -> None:
    soon = [a for a in data[Appointment] if TODAY <= a["starts_at"].date() <= TODAY + timedelta(7)]
    assert len(soon) > 20
    clashes = 0
    for rows in by_man(data, Appointment).values():
        rows.sort(key=lambda a: a["starts_at"])
        for first, second in zip(rows, rows[1:], strict=False):
            if second["starts_at"] < first["starts_at"] + timedelta(minutes=first["minutes"]):
                clashes += 1
    assert clashes >= 3


def test_peer_mentors_meet_some_men_at_the_gate(data: DemoData) -> None:
    mentors = [p for p in data[SupportPerson] if p["meets_at_gate"]]
    assert mentors and all(p["role"] == "peer_mentor" for p in mentors)
    peer_plans = [plan for plan in data[ReleasePlan] if plan["gate_meeter"] == "peer"]
    assert peer_plans and {p["gate_meeter_name"] for p in peer_plans} <= {
        m["name"] for m in mentors
    }


def test_services_are_fictional_varied_and_some_are_stale(data: DemoData) -> None:
    services = data[Service]
    assert 55 <= len(services) <= 70
    assert {s["setting"] for s in services} == {"prison", "community"}
    stale = [s for s in services if s["last_verified"] < TODAY - timedelta(days=90)]
    assert 0 < len(stale) < len(services)
    assert any("Sat" in (s["weekend_hours"] or "") for s in services)
    assert sum(1 for s in services if s["out_of_hours"]) >= 10
    assert all(s["does"] and s["does_not"] and s["cost_to_him"] for s in services)
    assert all(s["phone"] is None or OWN_PHONE.match(s["phone"]) for s in services)
    assert all(s["email"] is None or s["email"].endswith("@example.org") for s in services)
    kinds = {s["kind"] for s in services}
    wanted = {"housing_advice", "gp", "drug_and_alcohol", "job_centre", "helpline", "food_bank"}
    assert wanted | {"peer_mentoring", "chaplaincy", "mutual_aid", "shelter", "probation"} <= kinds


def test_no_real_looking_identifiers(data: DemoData) -> None:
    men = data[Participant]
    numbers = [man["prison_number"] for man in men]
    assert all(re.fullmatch(r"Z\d{4}[A-Z]{2}", number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert {man["establishment"] for man in men} <= {
        "HMP Northgate",
        "HMP Kestrelford",
        "HMP Cwm Tŵr",
    }
    phones = [p["phone"] for p in data[SupportPerson] if p["phone"]]
    phones += [r["phone_number"] for r in data[ReleasePlan] if r["phone_number"]]
    assert phones and all(OWN_PHONE.match(phone) for phone in phones)
    names = " ".join(f"{m['given_name']} {m['family_name']}" for m in men)
    assert "ŵ" in names and "ŷ" in names
    ages = [(TODAY - man["date_of_birth"]).days / 365.25 for man in men]
    assert 18 <= min(ages) and max(ages) <= 63


def test_ten_thousand_scale_smoke_rows_per_man_are_bounded() -> None:
    counts = row_counts(make(200, seed=5))
    assert 40 * 200 < sum(counts.values()) < 150 * 200


def _memory_engine() -> Engine:
    engine = create_engine("sqlite://")

    @event.listens_for(engine, "connect")
    def _fk_on(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    Base.metadata.create_all(engine)
    return engine


@pytest.mark.parametrize("men", [1, 2, 5])
def test_a_tiny_caseload_still_has_a_consistent_heavy_man(men: int) -> None:
    demo = make(men, heavy_man=True)
    heavy = demo[Participant][0]
    assert heavy["phase"] == Phase.IN_COMMUNITY
    assert len(by_man(demo, Meeting)[heavy["id"]]) == 100
    engine = _memory_engine()
    with engine.begin() as connection:
        insert_all(connection, demo)
