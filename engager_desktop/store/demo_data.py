"""Deterministic demo caseload: fictional men and everything recorded about them, as table rows.

The same seed and the same ``today`` give the same rows (ids included): every random choice comes
from one ``random.Random(seed)``, drawn in a fixed order, and nothing reads the system clock.
``generate`` only builds rows; ``insert_all`` writes them with Core executemany in SYNCED_MODELS
order, parents first, inside the caller's transaction.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time, timedelta

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ClosureReason, ConsentKind, Phase, SupervisionKind
from engager_desktop.store import demo_phrases as text
from engager_desktop.store.demo_activity import (
    write_appointments,
    write_contact_logs,
    write_meetings,
    write_plan,
)
from engager_desktop.store.demo_profile import (
    write_background,
    write_ending_plan,
    write_people,
    write_pledge,
    write_practice_notes,
    write_release_plan,
    write_understanding,
)
from engager_desktop.store.demo_rows import DemoData, Directory, Entry, Man, Row, RowWriter, at
from engager_desktop.store.demo_services import load_demo_services
from engager_desktop.store.orm import (
    SYNCED_MODELS,
    Consent,
    Handover,
    Participant,
    PhaseChange,
    Service,
    SupervisionNote,
    Synced,
)

# Share of the caseload in each phase: more men are inside or just out than at either end.
PHASE_SHARES: tuple[tuple[Phase, float], ...] = (
    (Phase.ENGAGEMENT, 0.12),
    (Phase.IN_PRISON, 0.28),
    (Phase.THROUGH_THE_GATE, 0.10),
    (Phase.IN_COMMUNITY, 0.25),
    (Phase.ENDING, 0.10),
    (Phase.CLOSED, 0.15),
)
_PATH = (Phase.IN_PRISON, Phase.THROUGH_THE_GATE, Phase.IN_COMMUNITY, Phase.ENDING, Phase.CLOSED)
_CLOSURES = (
    (ClosureReason.SIGNED_OFF, 0.6),
    (ClosureReason.LOST_CONTACT, 0.8),
    (ClosureReason.WITHDREW, 0.9),
    (ClosureReason.RECALLED_OR_TRANSFERRED, 0.95),
    (ClosureReason.OTHER, 1.0),
)
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXY"
_SUPERVISION_KINDS = (
    SupervisionKind.TEAM,
    SupervisionKind.MBA,
    SupervisionKind.TEAM,
    SupervisionKind.META,
)
_SUPERVISION_COUNT = 26
_MORNING = time(9, 0)
HANDED_OVER_SHARE = 0.15  # men a colleague's laptop handed over to this one


def phase_plan(men: int, rng: random.Random, *, heavy_first: bool = False) -> list[Phase]:
    """Each man's phase, in PHASE_SHARES proportions (every phase present from 6 men), shuffled."""
    counts = [int(men * share) for _, share in PHASE_SHARES]
    by_remainder = sorted(
        range(len(PHASE_SHARES)), key=lambda i: (-(men * PHASE_SHARES[i][1] - counts[i]), i)
    )
    for i in by_remainder[: men - sum(counts)]:
        counts[i] += 1
    if men >= len(PHASE_SHARES):
        for i, count in enumerate(counts):
            if count == 0:
                counts[counts.index(max(counts))] -= 1
                counts[i] = 1
    phases = [
        phase for (phase, _), count in zip(PHASE_SHARES, counts, strict=True) for _ in range(count)
    ]
    rng.shuffle(phases)
    if heavy_first and phases:  # the heavy man's long history needs him out in the community
        if Phase.IN_COMMUNITY in phases:
            swap = phases.index(Phase.IN_COMMUNITY)
            phases[0], phases[swap] = phases[swap], phases[0]
        else:
            phases[0] = Phase.IN_COMMUNITY
    return phases


def generate(
    men: int,
    seed: int,
    today: date,
    device_id: str,
    clock_stamp: Callable[[], str],
    *,
    heavy_man: bool = False,
) -> DemoData:
    """Rows for the services directory, supervision notes and ``men`` fictional men.

    ``heavy_man`` gives the first man 100 meetings and 40 goals, for the benchmarks.
    """
    if men < 0:
        raise ValueError("the number of demo men must not be negative")
    rng = random.Random(seed)
    w = RowWriter(rng, today, device_id, clock_stamp)
    directory = _write_services(w)
    _write_supervision(w)
    numbers: set[str] = set()
    for index, phase in enumerate(phase_plan(men, rng, heavy_first=heavy_man)):
        _write_man(w, directory, phase, heavy=heavy_man and index == 0, numbers=numbers)
    return w.rows


def insert_all(target: Session | Connection, data: DemoData) -> None:
    """Insert every row, parents first, with one executemany per table. The caller commits."""
    for model in SYNCED_MODELS:
        rows = data.get(model)
        if rows:
            target.execute(insert(_table(model)), rows)


def row_counts(data: DemoData) -> dict[str, int]:
    """Rows per table name, in SYNCED_MODELS order."""
    return {_table(model).name: len(data.get(model, ())) for model in SYNCED_MODELS}


def _table(model: type[Synced]) -> Table:
    table = model.__dict__.get("__table__")
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a mapped table")
    return table


def _write_services(w: RowWriter) -> Directory:
    entries: list[Entry] = []
    for service in load_demo_services():
        fields = service.row_fields(w.today)
        made = at(fields["last_verified"] - w.days(30, 400), time(10, 0))
        service_id = w.add(Service, made, fields)
        entries.append(
            Entry(
                service_id,
                fields["name"],
                fields["kind"],
                fields["setting"],
                fields["area"],
                fields["address"],
            )
        )
    return Directory(entries)


def _write_supervision(w: RowWriter) -> None:
    for k in range(_SUPERVISION_COUNT, 0, -1):
        held = w.today - timedelta(days=14 * k - 3)
        row = {
            "kind": _SUPERVISION_KINDS[k % len(_SUPERVISION_KINDS)].value,
            "held_on": held,
            "cases_discussed": w.pick(text.SUPERVISION_CASES),
            "risk": w.pick(text.SUPERVISION_RISK),
            "reflections": w.pick(text.SUPERVISION_REFLECTIONS),
            "actions": w.pick(text.SUPERVISION_ACTIONS),
        }
        w.add(SupervisionNote, at(held, time(16, 0)), row)


def _write_man(
    w: RowWriter, directory: Directory, phase: Phase, *, heavy: bool, numbers: set[str]
) -> None:
    man = _new_man(w, phase, heavy, numbers)
    _write_consents(w, man, directory)
    _write_phase_changes(w, man)
    write_background(w, man, directory)
    write_people(w, man)
    goals, steps = write_plan(w, man, directory)
    write_understanding(w, man, goals)
    write_meetings(w, man, steps)
    write_contact_logs(w, man)
    write_appointments(w, man, directory)
    write_pledge(w, man)
    write_release_plan(w, man)
    write_ending_plan(w, man)
    write_practice_notes(w, man)
    _write_handover(w, man)


def _new_man(w: RowWriter, phase: Phase, heavy: bool, numbers: set[str]) -> Man:
    start, release, planned_end, closed_on, closure = _timeline(w, phase, heavy)
    given, family = w.pick(text.GIVEN_NAMES), w.pick(text.FAMILY_NAMES)
    preferred = f"Mr {family}" if w.chance(0.4) else given
    establishment, town = w.pick(text.ESTABLISHMENTS), w.pick(text.TOWNS)
    row: Row = {
        "given_name": given,
        "family_name": family,
        "preferred_name": preferred,
        "prison_number": _prison_number(w, numbers),
        "date_of_birth": w.today - w.days(19 * 365, 62 * 365),
        "establishment": establishment,
        "phase": phase.value,
        "expected_release": release,
        "planned_sessions": w.between(16, 30),
        "planned_end": planned_end,
        "gender": w.pick(text.GENDERS),
        "ethnicity": w.pick(text.ETHNICITIES),
        "faith": w.pick(text.FAITHS),
        "isolated": w.chance(0.25),
        "risk_notes": w.maybe(0.25, text.RISK_NOTES),
        "closure_reason": closure.value if closure else None,
        "notes": w.maybe(0.5, text.PARTICIPANT_NOTES),
    }
    # A man who calls himself Welsh has his papers in Welsh (no draw: the rest stays the same).
    row["document_language"] = "cy" if row["ethnicity"] == "Welsh" else None
    man_id = w.add(Participant, at(start, _MORNING), row)
    man = Man(
        id=man_id,
        phase=phase,
        given=given,
        family=family,
        preferred=preferred,
        town=town,
        establishment=establishment,
        start=start,
        release=release,
        planned_end=planned_end,
        closed_on=closed_on,
        closure=closure,
        active_until=closed_on or w.today,
        isolated=row["isolated"],
        heavy=heavy,
    )
    man.changes = _changes(w, man)
    return man


def _prison_number(w: RowWriter, numbers: set[str]) -> str:
    """A fictional number shaped like A1234BC; the leading Z keeps it apart from real ones."""
    while True:
        number = f"Z{w.between(1000, 9999)}{w.pick(_LETTERS)}{w.pick(_LETTERS)}"
        if number not in numbers:
            numbers.add(number)
            return number


def _timeline(
    w: RowWriter, phase: Phase, heavy: bool
) -> tuple[date, date, date, date | None, ClosureReason | None]:
    """First meeting, release (expected or actual), planned end, closed on, closure reason."""
    today = w.today
    closed_on: date | None = None
    closure: ClosureReason | None = None
    if heavy:
        release = today - timedelta(days=140)
        return release - timedelta(days=182), release, today + timedelta(days=28), None, None
    if phase is Phase.ENGAGEMENT:
        start = today - w.days(1, 20)
        release = start + w.days(28, 140)
    elif phase is Phase.IN_PRISON:
        release = today + (w.days(5, 27) if w.chance(0.15) else w.days(28, 140))
        start = min(today - w.days(14, 28), release - w.days(42, 140))
    elif phase is Phase.THROUGH_THE_GATE:
        release = today + w.days(1, 21)
        start = release - w.days(42, 140)
    elif phase is Phase.IN_COMMUNITY:
        release = today - w.days(1, 140)
        start = release - w.days(28, 140)
    elif phase is Phase.ENDING:
        release = today + w.days(0, 28) - w.days(84, 140)
        start = release - w.days(28, 140)
    else:
        roll = w.rng.random()
        closure = next(reason for reason, upto in _CLOSURES if roll < upto)
        closed_on = today - w.days(1, 180)
        signed_off = closure is ClosureReason.SIGNED_OFF
        release = closed_on - (w.days(84, 140) if signed_off else w.days(7, 56))
        start = release - w.days(28, 140)
    planned_end = release + w.days(84, 140)
    if phase is Phase.IN_COMMUNITY:
        planned_end = max(planned_end, today + w.days(14, 42))
    elif phase is Phase.ENDING:
        planned_end = max(today, min(planned_end, today + timedelta(days=28)))
    return start, release, planned_end, closed_on, closure


def _changes(w: RowWriter, man: Man) -> list[tuple[Phase, Phase, date]]:
    """The phase moves that brought him to where he is, in order, none after today."""
    if man.phase is Phase.ENGAGEMENT:
        return []
    if man.phase is Phase.CLOSED and man.closure is not ClosureReason.SIGNED_OFF:
        path = [*_PATH[:2], Phase.IN_COMMUNITY, Phase.CLOSED]
    else:
        path = list(_PATH[: _PATH.index(man.phase) + 1])
    end = man.closed_on or man.planned_end
    targets = {
        Phase.IN_PRISON: man.start + w.days(7, 21),
        Phase.THROUGH_THE_GATE: man.release - w.days(14, 21),
        Phase.IN_COMMUNITY: man.release,
        Phase.ENDING: end - w.days(21, 35),
        Phase.CLOSED: end,
    }
    changes: list[tuple[Phase, Phase, date]] = []
    previous, floor = Phase.ENGAGEMENT, man.start
    for phase in path:
        day = max(floor, min(targets[phase], w.today))
        changes.append((previous, phase, day))
        previous, floor = phase, day
    return changes


def _write_phase_changes(w: RowWriter, man: Man) -> None:
    for from_phase, to_phase, day in man.changes:
        reason = text.PHASE_REASONS[to_phase]
        if to_phase is Phase.CLOSED and man.closure is not None:
            reason = text.CLOSURE_NOTES[man.closure.value]
        row = {
            "participant_id": man.id,
            "from_phase": from_phase.value,
            "to_phase": to_phase.value,
            "changed_on": day,
            "reason": reason,
        }
        w.add(PhaseChange, at(day, time(17, 0)), row)


def _write_consents(w: RowWriter, man: Man, directory: Directory) -> None:
    """One record of every kind of sharing: mostly agreed, some refused for now."""
    for kind in ConsentKind:
        given = w.chance(0.85)
        with_service = kind in (ConsentKind.CONTACT_SERVICES, ConsentKind.SHARE_PLAN_WITH_SERVICE)
        service = w.pick(directory.entries) if with_service and w.chance(0.5) else None
        recorded = min(man.start + w.days(0, 14), man.active_until)
        row = {
            "participant_id": man.id,
            "kind": kind.value,
            "given": given,
            "service_id": service.id if service else None,
            "recorded_on": recorded,
            "note": None if given else w.pick(text.CONSENT_REFUSED),
        }
        w.add(Consent, at(recorded, time(11, 0)), row)


__all__ = ["PHASE_SHARES", "DemoData", "Row", "generate", "insert_all", "phase_plan", "row_counts"]


def _write_handover(w: RowWriter, man: Man) -> None:
    """Some men came from a colleague's laptop a week or more after he started (acknowledged)."""
    if not w.chance(HANDED_OVER_SHARE) and man.id != w.rows[Participant][0]["id"]:
        return
    day = min(man.active_until, man.start + w.days(7, 30))
    made = at(day, _MORNING)
    row = {
        "participant_id": man.id,
        "from_device": w.new_id(),  # a colleague's laptop, not enrolled in the demo
        "to_device": w.device_id,
        "made_at": made,
        "acknowledged_at": made + timedelta(days=1),
    }
    w.add(Handover, made, row)
