"""Failed-unlock back-off kept in a small JSON file beside the vault, so it survives restarts.

The file holds only counts and times: ``{"failures": int, "last_failure": iso | null,
"unaudited": [iso, …], "lost": [iso, …]}`` — no passphrase and nothing about any man. It slows
guessing at the keyboard; it cannot stop someone who copies the vault's files, which the KDF is
there for. Once the vault exists, a missing, damaged or unreadable file neither locks the
practitioner out for good nor resets silently: it counts as three failures (the next attempt waits
2 s), is rewritten, and the time it was found ("lost") is audited at the next unlock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from engager_desktop.domain.backoff_rule import FREE_ATTEMPTS, delay_after
from engager_desktop.domain.clock import Clock
from engager_desktop.fsutil import atomic_write_bytes

MAX_UNAUDITED = 1000  # keep the file small even after a long guessing session
MAX_FILE_BYTES = 256 * 1024
_KEYS = {"failures", "last_failure", "unaudited"}


@dataclass
class _State:
    failures: int = 0
    last_failure: str | None = None
    unaudited: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        data = {
            "failures": self.failures,
            "last_failure": self.last_failure,
            "unaudited": self.unaudited,
            "lost": self.lost,
        }
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("ascii")


def _parse_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("expected a timestamp")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("timestamp without a time zone")
    return moment


def _parse(data: bytes) -> _State:
    if len(data) > MAX_FILE_BYTES:
        raise ValueError("back-off file too large")
    raw: Any = json.loads(data.decode("utf-8"))
    if not isinstance(raw, dict) or set(raw) - {"lost"} != _KEYS:
        raise ValueError("unexpected back-off file")
    failures, last, unaudited = raw["failures"], raw["last_failure"], raw["unaudited"]
    lost = raw.get("lost", [])  # files written before "lost" was kept lack it
    if type(failures) is not int or failures < 0:
        raise ValueError("bad failure count")
    if last is not None:
        _parse_time(last)
    elif failures > 0:
        raise ValueError("failures without a time")
    for times in (unaudited, lost):
        if not isinstance(times, list):
            raise ValueError("bad list of times")
        for when in times:
            _parse_time(when)
    return _State(failures, last, list(unaudited), list(lost))


def start_file(path: Path) -> None:
    """Write the back-off file of a new vault (or backup): no failures yet."""
    atomic_write_bytes(Path(path), _State().to_bytes())


@dataclass(frozen=True)
class Pending:
    """What the next successful unlock writes to the audit log (ISO 8601 times, UTC)."""

    failures: list[str]
    lost: list[str]


class Backoff:
    """Counts failed unlock attempts for one vault and says how long to wait before the next.

    ``vault_exists``: the vault's files are there, so a missing back-off file was removed (it is
    written when the vault is made) and counts as three failures, like a damaged one.
    """

    def __init__(self, path: Path, clock: Clock, *, vault_exists: bool = True) -> None:
        self._path = Path(path)
        self._clock = clock
        self._vault_exists = vault_exists
        self._repaired: _State | None = None

    def seconds_to_wait(self) -> float:
        """Seconds until the next attempt is allowed (0 when it is allowed now)."""
        state = self._load()
        delay = delay_after(state.failures)
        if delay == 0 or state.last_failure is None:
            return 0.0
        elapsed = (self._clock.now() - _parse_time(state.last_failure)).total_seconds()
        # A clock set back (elapsed < 0) must not make the wait longer than the rule allows.
        return float(min(delay, max(0.0, delay - elapsed)))

    def record_failure(self) -> None:
        state = self._load()
        now = self._clock.now().isoformat()
        state.failures += 1
        state.last_failure = now
        state.unaudited = (state.unaudited + [now])[-MAX_UNAUDITED:]
        self._save(state)

    def record_success(self) -> Pending:
        """Reset, returning the failed attempts and lost files not yet in the audit log."""
        state = self._load()
        self._save(_State())
        return Pending(state.unaudited, state.lost)

    def pending_failures(self) -> list[str]:
        """Times of failed attempts since the last successful unlock (ISO 8601, UTC)."""
        return list(self._load().unaudited)

    # ----------------------------------------------------------------------- file

    def _load(self) -> _State:
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            return self._repair() if self._vault_exists else _State()
        except OSError:
            return self._repair()
        try:
            return _parse(data)
        except (ValueError, TypeError, RecursionError):
            return self._repair()

    def _repair(self) -> _State:
        """A lost file: three failures from now, noted for the audit, written back once."""
        if self._repaired is None:
            now = self._clock.now().isoformat()
            self._repaired = _State(FREE_ATTEMPTS, now, [], [now])
            try:
                atomic_write_bytes(self._path, self._repaired.to_bytes())
            except OSError:
                pass  # kept in memory: the wait still ends, and the next save tries again
        return _State(
            self._repaired.failures,
            self._repaired.last_failure,
            list(self._repaired.unaudited),
            list(self._repaired.lost),
        )

    def _save(self, state: _State) -> None:
        atomic_write_bytes(self._path, state.to_bytes())
        self._repaired = None
