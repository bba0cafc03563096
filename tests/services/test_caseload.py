"""Caseload list, filters, counts, search and one man's whole record, on a demo caseload.

Each filter is checked against figures worked out independently in Python from the records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.enums import Phase
from engager_desktop.services import caseload, common, demo
from engager_desktop.services.caseload import CaseloadFilter, FilterError, parse_filters
from engager_desktop.services.common import NotFound
from engager_desktop.services.search_maintenance import match_query, rebuild_index
from engager_desktop.store.lifecycle import create_vault
from engager_desktop.store.orm import Conflict, ContactLog, Goal, Meeting, Participant, Step
from engager_desktop.store.vault import Vault
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

TODAY = date(2026, 11, 2)
INSIDE = {"engagement", "in_prison", "through_the_gate"}


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """60 fictional men made for TODAY; tests here only read it."""
    clock = FakeClock(datetime.combine(TODAY, time(9), tzinfo=UTC))
    path = tmp_path_factory.mktemp("caseload") / "demo"
    vault, _code = create_vault(path, TEST_PASSPHRASE, test_options(clock), demo=True)
    demo.populate(vault, men=60, seed=3, today=TODAY)
    yield vault
    vault.lock()


@dataclass
class Truth:
    phase: str
    expected: date | None
    open_steps: int = 0
    overdue: int = 0
    last_contact: date | None = None
    next_session: datetime | None = None
    conflicts: int = 0
    isolated: bool = False
    contacts: list[date] = field(default_factory=list)

    def alerts(self, today: date) -> int:
        """One for overdue steps, one for conflicts, one for thin contact after release."""
        thin = False
        if self.phase in {"through_the_gate", "in_community", "ending"}:
            if self.isolated:
                week = [d for d in self.contacts if 0 <= (today - d).days < 7]
                thin = len(week) < 2
            else:
                thin = self.last_contact is None or (today - self.last_contact).days >= 14
        return (self.overdue > 0) + (self.conflicts > 0) + thin


def truth(vault: Vault, today: date) -> dict[str, Truth]:
    """Each man's figures, worked out plainly from his records."""
    with vault.read() as s:
        men = {
            m.id: Truth(m.phase, m.expected_release, isolated=m.isolated)
            for m in s.scalars(select(Participant).where(Participant.deleted.is_(False)))
        }
        for step in s.scalars(select(Step).where(Step.deleted.is_(False), Step.status == "open")):
            t = men[step.participant_id]
            t.open_steps += 1
            if step.due_on and step.due_on < today and t.phase != "closed":
                t.overdue += 1
        contacts = [
            (m.participant_id, m.starts_at)
            for m in s.scalars(select(Meeting).where(Meeting.deleted.is_(False)))
            if m.attended
        ] + [
            (c.participant_id, c.at)
            for c in s.scalars(select(ContactLog).where(ContactLog.deleted.is_(False)))
            if c.reached_him
        ]
        for man_id, when in contacts:
            t = men[man_id]
            t.last_contact = max(filter(None, (t.last_contact, when.date())))
            t.contacts.append(when.date())
        for m in s.scalars(select(Meeting).where(Meeting.deleted.is_(False))):
            if m.attended is None and m.starts_at.date() >= today:
                t = men[m.participant_id]
                t.next_session = min(filter(None, (t.next_session, m.starts_at)))
        for c in s.scalars(select(Conflict).where(Conflict.resolved_at.is_(None))):
            men[str(c.participant_id)].conflicts += 1
    return men


def expected_ids(men: dict[str, Truth], today: date, f: CaseloadFilter) -> set[str]:
    def keep(t: Truth) -> bool:
        if any(t.phase != phase for phase in f.phases):
            return False
        if f.release_within is not None:
            days = (t.expected - today).days if t.expected else None
            if t.phase not in INSIDE or days is None or not 0 <= days <= f.release_within:
                return False
        if f.overdue and (t.phase == "closed" or not t.overdue):
            return False
        if f.no_contact_days is not None:
            quiet = t.last_contact is None or (today - t.last_contact).days >= f.no_contact_days
            if t.phase == "closed" or not quiet:
                return False
        return not (f.conflicts and not t.conflicts)

    return {man_id for man_id, t in men.items() if keep(t)}


FILTERS = [
    [],
    ["overdue"],
    ["no-contact:14"],
    ["no-contact:3"],
    ["release-within:28"],
    ["release-within:0"],
    ["conflicts"],
    *[[f"phase:{p.value}"] for p in Phase],
    ["overdue", "phase:in_community"],
    ["phase:in_prison", "phase:closed"],
    ["release-within:60", "no-contact:7"],
]


@pytest.mark.parametrize("texts", FILTERS, ids=lambda t: "+".join(t) or "everyone")
@pytest.mark.parametrize("shift", [0, 30])
def test_each_filter_matches_the_records(demo_vault: Vault, texts: list[str], shift: int):
    today = TODAY + timedelta(days=shift)
    f = parse_filters(texts)
    rows = caseload.list_caseload(demo_vault, f, today=today)
    assert {row.id for row in rows} == expected_ids(truth(demo_vault, today), today, f)


def test_no_filter_lists_every_man_closed_included(demo_vault: Vault) -> None:
    rows = caseload.list_caseload(demo_vault, today=TODAY)
    assert len(rows) == 60 and {r.phase for r in rows} == {p.value for p in Phase}
    assert [r.phase == "closed" for r in rows] == sorted(r.phase == "closed" for r in rows)


def test_row_figures_match_the_records(demo_vault: Vault) -> None:
    men = truth(demo_vault, TODAY)
    for row in caseload.list_caseload(demo_vault, today=TODAY):
        t = men[row.id]
        assert (row.open_steps, row.overdue_steps) == (t.open_steps, t.overdue)
        assert (row.last_contact, row.next_session) == (t.last_contact, t.next_session)
        if row.phase in {"in_community", "ending", "closed"}:
            assert row.days_to_release is None
        elif row.phase in {"engagement", "in_prison"} and t.expected:
            assert row.days_to_release == (t.expected - TODAY).days
        assert row.alerts == t.alerts(TODAY), row.id


def test_some_men_have_no_alerts_and_the_counts_vary(demo_vault: Vault) -> None:
    """Guards the figure itself: a constant (every man one alert or more) fails here."""
    alerts = [row.alerts for row in caseload.list_caseload(demo_vault, today=TODAY)]
    assert 0 in alerts and len(set(alerts)) > 1


def test_inside_men_come_first_soonest_release_first(demo_vault: Vault) -> None:
    rows = caseload.list_caseload(demo_vault, today=TODAY)
    inside = [r.expected_release for r in rows if r.phase in INSIDE and r.expected_release]
    assert inside == sorted(inside)
    assert rows[0].phase in INSIDE


def test_counts_agree_with_the_lists(demo_vault: Vault) -> None:
    counts = caseload.filter_counts(demo_vault, today=TODAY)
    assert counts.everyone == 60 and sum(counts.phases.values()) == 60

    def size(*texts: str) -> int:
        return len(caseload.list_caseload(demo_vault, parse_filters(texts), today=TODAY))

    assert counts.release_within == size("release-within:28")
    assert counts.overdue == size("overdue")
    assert counts.no_contact == size("no-contact:14")
    assert counts.conflicts == size("conflicts") == 0
    assert counts.phases["in_prison"] == size("phase:in_prison")


def test_json_rows_have_the_agreed_keys(demo_vault: Vault) -> None:
    row = caseload.list_caseload(demo_vault, today=TODAY)[0].as_json()
    for key in ("id", "preferred_name", "prison_number", "phase", "days_to_release",
                "open_steps", "overdue_steps", "last_contact"):  # fmt: skip
        assert key in row
    assert row["last_contact"] is None or date.fromisoformat(row["last_contact"])


@pytest.mark.parametrize(
    "text",
    ["overdue:3", "release-within", "release-within:x", "release-within:-1", "no-contact:0",
     "release-within:²",
     "phase:limbo", "phase:", "", "everyone", "release-within:99999"],
)  # fmt: skip
def test_bad_filters_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_filters([text])
    assert "release-within:N" in str(caught.value) or "whole number" in str(caught.value)


def test_repeated_filters_all_apply() -> None:
    f = parse_filters(["release-within:60", "release-within:14", "no-contact:3", "no-contact:9"])
    assert (f.release_within, f.no_contact_days) == (14, 9)


# --- search ---------------------------------------------------------------------------------------


@dataclass
class Man:
    id: str
    given_name: str
    family_name: str
    prison_number: str


def one_man(vault: Vault) -> Man:
    with vault.read() as s:
        row = s.execute(
            select(
                Participant.id,
                Participant.given_name,
                Participant.family_name,
                Participant.prison_number,
            )
            .where(Participant.phase == "in_prison")
            .order_by(Participant.id)
        ).first()
    assert row is not None
    return Man(*row)


def test_search_by_name_and_prison_number_prefix(demo_vault: Vault) -> None:
    man = one_man(demo_vault)
    for typed in (man.family_name, man.family_name[:3].lower(), man.prison_number[:4],
                  f"{man.given_name} {man.family_name}"):  # fmt: skip
        found = caseload.search(demo_vault, typed, today=TODAY)
        assert man.id in {r.id for r in found}, typed


def test_search_by_goal_words_and_meeting_notes(demo_vault: Vault) -> None:
    with demo_vault.read() as s:
        goal = s.execute(
            select(Goal.participant_id, Goal.his_words).where(Goal.his_words.is_not(None))
        ).first()
        note = s.execute(
            select(Meeting.participant_id, Meeting.notes).where(Meeting.notes.is_not(None))
        ).first()
    assert goal is not None and note is not None
    for man_id, words in (tuple(goal), tuple(note)):
        typed = " ".join(words.split()[:3])
        assert man_id in {r.id for r in caseload.search(demo_vault, typed, today=TODAY)}


def test_search_with_a_filter(demo_vault: Vault) -> None:
    man = one_man(demo_vault)
    inside = caseload.search(
        demo_vault, man.family_name, filters=parse_filters(["phase:in_prison"])
    )
    assert man.id in {r.id for r in inside} and {r.phase for r in inside} == {"in_prison"}


@pytest.mark.parametrize(
    "typed",
    ['"', '""', "OR", "AND", "NOT", "*", "a*", "NEAR(a b)", "-", "^", "(", ")", "x:y",
     "body:kam", "'", "O'Brien", "Glan-Dŵr", "😀", "\x00", "0\x00", "\ud800a", " \t\n ", "",
     "a" * 5000],
)  # fmt: skip
def test_odd_input_never_breaks_search(demo_vault: Vault, typed: str) -> None:
    caseload.search(demo_vault, typed, today=TODAY)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_a_safe_search(demo_vault: Vault, typed: str) -> None:
    rows = caseload.search(demo_vault, typed, today=TODAY)
    assert len(rows) <= caseload.SEARCH_LIMIT


def test_match_query_quotes_everything() -> None:
    assert match_query('say "hi" OR *') == '"say"* """hi"""* "OR"*'
    assert match_query("  * - ") is None


def test_fast_rebuild_matches_the_per_man_text(demo_vault: Vault) -> None:
    with demo_vault.read() as s:  # a read session: the rebuild is rolled back afterwards
        assert rebuild_index(s) == 60
        table = common.SEARCH_INDEX
        index = dict(s.execute(select(table.c.participant_id, table.c.body)).all())
        for man_id in index:
            assert sorted(index[man_id].split("\n")) == sorted(
                common.search_text(s, man_id).split("\n")
            )


def test_demo_populate_fills_the_index(demo_vault: Vault) -> None:
    with demo_vault.read() as s:
        rows = s.execute(select(common.SEARCH_INDEX.c.participant_id)).all()
    assert len(rows) == 60


# --- one man's record; figures kept right by the triggers ----------------------------------------


def test_load_man_gives_his_whole_record(demo_vault: Vault) -> None:
    man = one_man(demo_vault)
    record = caseload.load_man(demo_vault, man.id, today=TODAY)
    assert record.participant.id == record.summary.id == man.id
    with demo_vault.read() as s:
        meetings = s.scalars(select(Meeting.id).where(Meeting.participant_id == man.id)).all()
    assert {m["id"] for m in record.plan.meetings} == set(meetings)
    assert record.understanding.man_id == man.id
    with pytest.raises(NotFound):
        caseload.load_man(demo_vault, "nobody")
    with pytest.raises(TypeError):
        record.plan.meetings[0]["notes"] = "changed"  # type: ignore[index]


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Vault]:
    clock = FakeClock(datetime.combine(TODAY, time(9), tzinfo=UTC))
    vault, _code = create_vault(tmp_path / "v", TEST_PASSPHRASE, test_options(clock), demo=True)
    demo.populate(vault, men=8, seed=11, today=TODAY)
    yield vault
    vault.lock()


def test_figures_follow_every_kind_of_write(small: Vault) -> None:
    man = caseload.list_caseload(small, parse_filters(["phase:in_community"]), today=TODAY)[0]
    with small.write() as s:
        goal = s.scalars(select(Goal).where(Goal.participant_id == man.id)).first()
        assert goal is not None
        step = Step(
            participant_id=man.id,
            goal_id=goal.id,
            what="Ring the hostel",
            resource_kind="him",
            responsible="him",
            due_on=TODAY - timedelta(days=1),
        )
        s.add(step)
        at_eight, at_two = datetime.combine(TODAY, time(8)), datetime.combine(TODAY, time(14))
        s.add(ContactLog(participant_id=man.id, at=at_eight, method="phone", reached_him=True))
        s.add(Meeting(participant_id=man.id, starts_at=at_two, place="community"))
        s.add(
            Conflict(
                table_name="steps",
                record_id=goal.id,
                participant_id=man.id,
                losing_version="{}",
                from_device="x",
                detected_at=datetime(2026, 11, 1),
            )
        )
    after = caseload.load_man(small, man.id, today=TODAY).summary
    assert after.open_steps == man.open_steps + 1
    assert after.overdue_steps == man.overdue_steps + 1
    assert after.last_contact == TODAY
    assert after.next_session == datetime.combine(TODAY, time(14))
    assert after.conflicts == 1 and man.id in {
        r.id for r in caseload.list_caseload(small, parse_filters(["conflicts"]), today=TODAY)
    }
    with small.write() as s:
        s.get(Step, step.id).deleted = True  # type: ignore[union-attr]
    assert caseload.load_man(small, man.id, today=TODAY).summary.open_steps == man.open_steps
    assert {r.id for r in caseload.list_caseload(small, today=TODAY)} == set(truth(small, TODAY))
