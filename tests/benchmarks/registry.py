"""What a benchmark declares (its figures, units, floors and targets) and what a run yields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.benchmarks.stats import ratio

if TYPE_CHECKING:
    from tests.benchmarks.context import Context

MEASURED = "measured"
NOT_MEASURED = "not measured"


@dataclass(frozen=True)
class Target:
    """A bound on the value or on the ratio to the floor; ``low`` and/or ``high`` inclusive."""

    text: str
    applies_to: str = "value"  # "value" or "ratio"
    low: float | None = None
    high: float | None = None

    def met(self, value: float | None, to_floor: float | None) -> bool | None:
        checked = to_floor if self.applies_to == "ratio" else value
        if checked is None:
            return None
        if self.low is not None and checked < self.low:
            return False
        return not (self.high is not None and checked > self.high)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "applies_to": self.applies_to,
            "low": self.low,
            "high": self.high,
        }


def at_most(limit: float, unit: str) -> Target:
    return Target(f"≤ {limit:g} {unit}", "value", high=limit)


def ratio_at_most(limit: float) -> Target:
    return Target(f"≤ {limit:g}× the floor", "ratio", high=limit)


def between(low: float, high: float, unit: str) -> Target:
    return Target(f"{low:g}–{high:g} {unit}", "value", low=low, high=high)


@dataclass(frozen=True)
class Figure:
    """One reported number: its id, wording, unit, how its floor is measured and its target."""

    id: str
    figure: str
    unit: str
    floor_description: str
    target: Target | None = None


@dataclass(frozen=True)
class Measurement:
    """A benchmark's result for one figure, in the figure's unit (the floor in the same unit)."""

    value: float
    floor: float | None
    runs: int
    note: str = ""


@dataclass(frozen=True)
class NotMeasured:
    reason: str


Outcome = Measurement | NotMeasured
Runner = Callable[["Context"], dict[str, Outcome]]


@dataclass(frozen=True)
class Benchmark:
    name: str
    figures: tuple[Figure, ...]
    run: Runner
    doc: str = ""


@dataclass
class Registry:
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)

    def add(self, bench: Benchmark) -> None:
        if bench.name in self.benchmarks:
            raise ValueError(f"benchmark {bench.name!r} registered twice")
        ids = [f.id for b in self.benchmarks.values() for f in b.figures]
        clash = {f.id for f in bench.figures} & set(ids)
        if clash:
            raise ValueError(f"figure ids already used: {sorted(clash)}")
        self.benchmarks[bench.name] = bench


REGISTRY = Registry()


def register(name: str, *figures: Figure) -> Callable[[Runner], Runner]:
    """Decorator: ``@register("caseload", Figure(...), ...)`` on ``def run(ctx) -> dict``."""

    def wrap(run: Runner) -> Runner:
        REGISTRY.add(Benchmark(name, figures, run, (run.__doc__ or "").strip()))
        return run

    return wrap


def entry(
    fig: Figure, outcome: Outcome, *, bench: str, measured_at: str, quick: bool
) -> dict[str, Any]:
    """One figure's entry in docs/benchmarks.json."""
    base: dict[str, Any] = {
        "id": fig.id,
        "bench": bench,
        "figure": fig.figure,
        "unit": fig.unit,
        "floor_description": fig.floor_description,
        "target": fig.target.as_json() if fig.target else None,
        "measured_at": measured_at,
        "quick": quick,
    }
    if isinstance(outcome, NotMeasured):
        return base | {
            "status": f"{NOT_MEASURED}: {outcome.reason}",
            "value": None,
            "floor": None,
            "ratio": None,
            "met": None,
            "runs": 0,
            "note": "",
        }
    to_floor = ratio(outcome.value, outcome.floor)
    return base | {
        "status": MEASURED,
        "value": _round(outcome.value),
        "floor": _round(outcome.floor),
        "ratio": _round(to_floor),
        "met": fig.target.met(outcome.value, to_floor) if fig.target else None,
        "runs": outcome.runs,
        "note": outcome.note,
    }


def _round(value: float | None) -> float | None:
    """Four significant figures: enough for timings that vary by a few percent run to run."""
    return None if value is None else float(f"{value:.4g}")
