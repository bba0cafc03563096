"""Run the benchmarks: ``python -m tests.benchmarks.run [--quick] [--only NAME ...]``.

Builds (or reuses) the cached demo vaults, runs every registered benchmark (each a ``bench_*.py``
module here), writes docs/benchmarks.json and renders docs/benchmarks.md from it. With ``--only``
the other figures are kept from the previous run, each dated. ``--md-only`` re-renders the
markdown from the JSON without measuring anything.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.benchmarks import report
from tests.benchmarks.context import CACHE_DIR, Context
from tests.benchmarks.machine import machine_info
from tests.benchmarks.registry import REGISTRY, Benchmark, NotMeasured, Outcome, entry

HERE = Path(__file__).resolve().parent
# Report order; any other bench_*.py found here runs after these.
ORDER = (
    "bench_startup",
    "bench_unlock",
    "bench_caseload",
    "bench_record",
    "bench_workspace",
    "bench_plan_edit",
    "bench_cipher",
    "bench_sync",
    "bench_pdf",
    "bench_protection",
    "bench_memory",
    "bench_size",
)


def bench_modules(folder: Path = HERE) -> list[str]:
    found = {p.stem for p in folder.glob("bench_*.py")}
    return [m for m in ORDER if m in found] + sorted(found - set(ORDER))


def load_benchmarks() -> dict[str, Benchmark]:
    """Import every bench module (each registers itself) and return the registry's benchmarks."""
    for module in bench_modules():
        importlib.import_module(f"tests.benchmarks.{module}")
    return REGISTRY.benchmarks


def figure_order(benches: dict[str, Benchmark]) -> list[str]:
    return [fig.id for bench in benches.values() for fig in bench.figures]


def run_one(bench: Benchmark, ctx: Context) -> dict[str, Outcome]:
    """Run one benchmark; a failure becomes "not measured" for each of its figures."""
    ctx.log(f"{bench.name}: start")
    try:
        outcomes = bench.run(ctx)
    except Exception as exc:  # a broken benchmark must not stop the others
        traceback.print_exc()
        reason = f"the benchmark failed ({type(exc).__name__}: {str(exc)[:200]})"
        return {fig.id: NotMeasured(reason) for fig in bench.figures}
    missing = NotMeasured("the benchmark gave no result for this figure")
    return {fig.id: outcomes.get(fig.id, missing) for fig in bench.figures}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")


def vault_info(ctx: Context) -> dict[str, Any]:
    info: dict[str, Any] = {}
    for men, built in ctx.built_vaults().items():
        info[str(men)] = {
            "key": built.key,
            "keyed_mib": _mib(built.keyed),
            "plain_mib": _mib(built.plain),
            "how": "reused from cache" if built.reused else f"built in {built.build_seconds:.0f} s",
        }
    return info


def _mib(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.glob("vault.db*") if p.is_file())
    return round(total / 2**20, 1)


def run(
    names: Sequence[str],
    ctx: Context,
    *,
    json_path: Path = report.JSON_PATH,
    md_path: Path = report.MD_PATH,
) -> dict[str, Any]:
    """Run the named benchmarks (all when empty) and write both reports; returns the document."""
    benches = load_benchmarks()
    unknown = [n for n in names if n not in benches]
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(benches)}")
    chosen = [benches[n] for n in (names or list(benches))]
    stamp = _now()
    fresh: list[dict[str, Any]] = []
    try:
        for bench in chosen:
            outcomes = run_one(bench, ctx)
            for fig in bench.figures:
                fresh.append(
                    entry(
                        fig, outcomes[fig.id], bench=bench.name, measured_at=stamp, quick=ctx.quick
                    )
                )
    finally:
        ctx.cleanup()
    previous = (report.load(json_path) or {}).get("figures", []) if names else []
    doc = report.build_document(
        report.merge_entries(figure_order(benches), fresh, previous),
        machine=machine_info(),
        vaults=vault_info(ctx),
        date=stamp,
        quick=ctx.quick,
        only=names,
    )
    report.write(doc, json_path, md_path)
    return doc


def shortfalls(doc: dict[str, Any]) -> list[str]:
    """This run's figures that missed their target, or have a target and were not measured."""
    fresh = [f for f in doc["figures"] if f.get("measured_at") == doc["date"]]
    return [f["figure"] for f in fresh if f["met"] is False or (f["target"] and f["met"] is None)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__)
    p.add_argument("--quick", action="store_true", help="fewer repetitions (for a quick look)")
    p.add_argument("--only", nargs="+", default=[], metavar="NAME", help="run only these")
    p.add_argument("--list", action="store_true", help="list the benchmarks and their figures")
    p.add_argument("--md-only", action="store_true", help="re-render the markdown from the JSON")
    p.add_argument("--cache", type=Path, default=CACHE_DIR, help="where vaults are cached")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.md_only:
        doc = report.load()
        if doc is None:
            print("no docs/benchmarks.json to render", file=sys.stderr)
            return 1
        report.MD_PATH.write_text(report.render_markdown(doc), encoding="utf-8")
        return 0
    if args.list:
        for bench in load_benchmarks().values():
            print(f"{bench.name}: " + ", ".join(f.id for f in bench.figures))
        return 0
    doc = run(args.only, Context(quick=args.quick, cache_dir=args.cache))
    for fig in doc["figures"]:
        value = fig["status"] if fig["value"] is None else report.number(fig["value"], fig["unit"])
        print(f"{fig['figure']}: {value} [met: {report.met_text(fig)}]")
    print(f"written: {report.JSON_PATH} and {report.MD_PATH}")
    missed = shortfalls(doc)
    if missed:
        print(f"{len(missed)} target(s) missed: {'; '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
