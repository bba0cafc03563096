"""Failed-unlock back-off: the rule, persistence across restarts, and damaged files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from engager_desktop.domain.backoff_rule import delay_after
from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.backoff import MAX_UNAUDITED, Backoff, Pending, start_file


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(-1, 0), (0, 0), (1, 0), (2, 0), (3, 2), (4, 4), (5, 8), (6, 16), (10, 256), (11, 300),
     (12, 300), (10**9, 300)],
)  # fmt: skip
def test_rule(failures: int, seconds: int) -> None:
    assert delay_after(failures) == seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def path(tmp_path: Path, clock: FakeClock) -> Path:
    """The back-off file of a vault just made (written with it)."""
    made = tmp_path / "backoff.json"
    start_file(made)
    return made


def _fail(backoff: Backoff, clock: FakeClock, times: int) -> None:
    for _ in range(times):
        clock.advance(backoff.seconds_to_wait())
        backoff.record_failure()


def test_three_free_then_doubling(path: Path, clock: FakeClock) -> None:
    backoff = Backoff(path, clock)
    assert backoff.seconds_to_wait() == 0
    _fail(backoff, clock, 2)
    assert backoff.seconds_to_wait() == 0
    _fail(backoff, clock, 1)
    assert backoff.seconds_to_wait() == 2
    clock.advance(1.5)
    assert backoff.seconds_to_wait() == pytest.approx(0.5)
    clock.advance(0.5)
    assert backoff.seconds_to_wait() == 0
    backoff.record_failure()
    assert backoff.seconds_to_wait() == 4
    _fail(backoff, clock, 20)
    assert backoff.seconds_to_wait() == 300


def test_survives_a_restart(path: Path, clock: FakeClock) -> None:
    _fail(Backoff(path, clock), clock, 5)
    again = Backoff(path, clock)
    assert again.seconds_to_wait() == 8
    assert len(again.pending_failures()) == 5


def test_success_returns_unaudited_failures_and_resets(path: Path, clock: FakeClock) -> None:
    backoff = Backoff(path, clock)
    _fail(backoff, clock, 4)
    pending = backoff.pending_failures()
    assert len(pending) == 4
    assert all(datetime.fromisoformat(when).tzinfo is not None for when in pending)
    assert pending[0] == FakeClock().now().isoformat()
    clock.advance(backoff.seconds_to_wait())
    assert backoff.record_success() == Pending(pending, [])
    assert backoff.pending_failures() == []
    assert backoff.seconds_to_wait() == 0
    assert Backoff(path, clock).record_success() == Pending([], [])


def test_file_holds_only_counts_and_times(path: Path, clock: FakeClock) -> None:
    _fail(Backoff(path, clock), clock, 3)
    data = json.loads(path.read_text())
    assert set(data) == {"failures", "last_failure", "unaudited", "lost"}
    assert data["failures"] == 3 and len(data["unaudited"]) == 3


def test_unaudited_list_is_capped(path: Path, clock: FakeClock) -> None:
    state = {
        "failures": MAX_UNAUDITED + 5,
        "last_failure": clock.now().isoformat(),
        "unaudited": [clock.now().isoformat()] * MAX_UNAUDITED,
    }
    path.write_text(json.dumps(state))
    backoff = Backoff(path, clock)
    backoff.record_failure()
    assert len(backoff.pending_failures()) == MAX_UNAUDITED


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b'{"failures": 2',
        b"[]",
        b'{"failures": -1, "last_failure": null, "unaudited": []}',
        b'{"failures": "9", "last_failure": null, "unaudited": []}',
        b'{"failures": 4, "last_failure": null, "unaudited": []}',
        b'{"failures": 4, "last_failure": "yesterday", "unaudited": []}',
        b'{"failures": 4, "last_failure": "2026-11-02T09:00:00", "unaudited": []}',
        b'{"failures": 0, "last_failure": null, "unaudited": [1]}',
        b'{"failures": 0, "last_failure": null}',
        b"[" * 50_000 + b"]" * 50_000,
    ],
)
def test_damaged_file_counts_as_three_failures(
    path: Path, clock: FakeClock, content: bytes
) -> None:
    path.write_bytes(content)
    backoff = Backoff(path, clock)
    assert backoff.seconds_to_wait() == 2
    rewritten = json.loads(path.read_text())
    assert rewritten["failures"] == 3
    clock.advance(2)
    assert Backoff(path, clock).seconds_to_wait() == 0  # not locked out for good
    backoff.record_failure()
    assert Backoff(path, clock).seconds_to_wait() == 4
    assert Backoff(path, clock).record_success().lost == [FakeClock().now().isoformat()]


def test_unreadable_and_unwritable_path_still_lets_the_wait_end(
    path: Path, clock: FakeClock
) -> None:
    path.unlink()
    path.mkdir()  # reading fails, and so does replacing it
    (path / "keep").write_text("x")
    backoff = Backoff(path, clock)
    assert backoff.seconds_to_wait() == 2
    clock.advance(2)
    assert backoff.seconds_to_wait() == 0


def test_clock_set_back_never_lengthens_the_wait(path: Path, clock: FakeClock) -> None:
    backoff = Backoff(path, clock)
    _fail(backoff, clock, 3)
    clock.set(clock.now() - timedelta(days=30))
    assert backoff.seconds_to_wait() == 2


def test_missing_file_counts_as_three_failures_once_the_vault_exists(
    path: Path, clock: FakeClock
) -> None:
    _fail(Backoff(path, clock), clock, 2)
    path.unlink()
    assert Backoff(path, clock).seconds_to_wait() == 2
    found = json.loads(path.read_text())
    assert found["failures"] == 3 and found["lost"] == [clock.now().isoformat()]
    assert found["unaudited"] == []  # the removed file's failures are gone; the loss is not


def test_missing_file_is_no_failure_before_a_vault_exists(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "backoff.json"
    assert Backoff(path, clock, vault_exists=False).seconds_to_wait() == 0
    assert not path.exists()


def test_a_file_written_before_lost_was_kept_still_reads(path: Path, clock: FakeClock) -> None:
    state = {"failures": 4, "last_failure": clock.now().isoformat(), "unaudited": []}
    path.write_text(json.dumps(state))
    assert Backoff(path, clock).seconds_to_wait() == 4
