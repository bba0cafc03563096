"""The benchmark harness itself, on a tiny vault: cache keys, floor maths, JSON and markdown.

No timing is asserted here: these tests check the harness computes and records correctly.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from engager_desktop.services import caseload
from tests.benchmarks import report, run, vaults
from tests.benchmarks.context import Context
from tests.benchmarks.registry import (
    REGISTRY,
    Benchmark,
    Figure,
    Measurement,
    NotMeasured,
    Registry,
    Target,
    at_most,
    between,
    entry,
    ratio_at_most,
)
from tests.benchmarks.sqlreplay import capture, raw_connection, replay
from tests.benchmarks.stats import Samples, percentile, ratio, time_pair, time_runs

TINY = vaults.VaultSpec(men=8, production_kdf=False)
ENTRY_KEYS = {
    "id", "bench", "figure", "unit", "value", "floor", "floor_description", "ratio", "target",
    "met", "status", "runs", "note", "measured_at", "quick",
}  # fmt: skip


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> vaults.BuiltVault:
    return vaults.ensure(TINY, tmp_path_factory.mktemp("bench-cache"))


# --- statistics and targets ---------------------------------------------------------------------


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 95) == 19.0
    assert percentile(values, 50) == 10.0
    assert percentile(values, 100) == 20.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 95)


def test_samples_median_p95_and_pooling() -> None:
    a, b = Samples((1.0, 3.0, 2.0)), Samples((10.0,))
    assert a.median == 2.0 and a.runs == 3
    pooled = a + b
    assert pooled.runs == 4 and pooled.median == 2.5 and pooled.p95 == 10.0
    assert a.scaled(2).values == (2.0, 6.0, 4.0)


def test_ratio_needs_a_positive_floor() -> None:
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(3.0, 0.0) is None
    assert ratio(None, 1.0) is None and ratio(1.0, None) is None


def test_targets_on_value_ratio_and_range() -> None:
    assert at_most(50, "ms").met(50.0, None) is True
    assert at_most(50, "ms").met(50.1, 1.0) is False
    assert ratio_at_most(1.6).met(999.0, 1.59) is True
    assert ratio_at_most(1.6).met(1.0, 1.61) is False
    assert ratio_at_most(1.6).met(1.0, None) is None
    window = between(0.5, 1.0, "s")
    assert [window.met(v, None) for v in (0.49, 0.5, 0.75, 1.0, 1.01)] == [
        False, True, True, True, False,
    ]  # fmt: skip
    assert at_most(50, "ms").text == "≤ 50 ms"


def test_timers_count_the_runs() -> None:
    calls: list[str] = []
    samples = time_runs(lambda: calls.append("x"), 4, warmup=2)
    assert samples.runs == 4 and len(calls) == 6
    value, floor = time_pair(lambda: calls.append("v"), lambda: calls.append("f"), 3, warmup=1)
    assert value.runs == floor.runs == 3
    assert calls[6:] == ["v", "f"] * 4  # alternated, warm-up included


# --- entries, the registry and the reports --------------------------------------------------------

FIG = Figure("demo_fig", "A demo figure", "ms", "doing nothing", at_most(50, "ms"))


def _entry(fig: Figure, outcome: Measurement | NotMeasured) -> dict[str, Any]:
    return entry(fig, outcome, bench="b", measured_at="t", quick=False)


def test_entry_holds_value_floor_ratio_and_met() -> None:
    made = entry(FIG, Measurement(40.0, 10.0, 5, "n"), bench="b", measured_at="t", quick=False)
    assert set(made) == ENTRY_KEYS
    assert (made["value"], made["floor"], made["ratio"], made["met"]) == (40.0, 10.0, 4.0, True)
    assert made["status"] == "measured" and made["target"]["high"] == 50
    missed = entry(FIG, Measurement(60.0, 10.0, 5), bench="b", measured_at="t", quick=False)
    assert missed["met"] is False


def test_ratio_target_checks_the_ratio_not_the_value() -> None:
    fig = replace(FIG, target=ratio_at_most(3))
    made = entry(fig, Measurement(9.0, 2.0, 3), bench="b", measured_at="t", quick=True)
    assert made["ratio"] == 4.5 and made["met"] is False


def test_not_measured_entry_says_why() -> None:
    made = entry(
        FIG, NotMeasured("the GUI has not landed"), bench="b", measured_at="t", quick=False
    )
    assert set(made) == ENTRY_KEYS
    assert made["status"] == "not measured: the GUI has not landed"
    assert made["value"] is None and made["met"] is None and made["ratio"] is None


def test_registry_refuses_duplicate_names_and_figure_ids() -> None:
    reg = Registry()
    reg.add(Benchmark("a", (FIG,), lambda _ctx: {}))
    with pytest.raises(ValueError):
        reg.add(Benchmark("a", (), lambda _ctx: {}))
    with pytest.raises(ValueError):
        reg.add(Benchmark("b", (FIG,), lambda _ctx: {}))


def test_every_bench_module_registers_figures_with_unique_ids() -> None:
    benches = run.load_benchmarks()
    assert set(run.bench_modules()) >= {"bench_caseload", "bench_unlock", "bench_sync"}
    ids = run.figure_order(benches)
    assert len(ids) == len(set(ids))
    expected = {
        "startup_unlock_window", "key_derivation", "unlock_to_caseload",
        "caseload_filter_median", "caseload_filter_p95", "caseload_search_median",
        "caseload_search_p95", "man_record_heavy", "session_review_save", "cipher_read_ratio",
        "cipher_write_ratio", "export_1000", "import_empty_1000", "reimport_1000",
        "action_plan_pdf", "action_plans_1000", "gui_peak_memory", "vault_size_10000",
    }  # fmt: skip
    assert expected <= set(ids)
    assert benches is REGISTRY.benchmarks


def test_a_failing_benchmark_becomes_not_measured(capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_ctx: Context) -> dict[str, Any]:
        raise RuntimeError("boom")

    outcomes = run.run_one(Benchmark("broken", (FIG,), broken), Context(verbose=False))
    assert isinstance(outcomes["demo_fig"], NotMeasured)
    assert "RuntimeError: boom" in outcomes["demo_fig"].reason
    partial = run.run_one(Benchmark("partial", (FIG,), lambda _c: {}), Context(verbose=False))
    assert "no result" in partial["demo_fig"].reason  # type: ignore[union-attr]
    capsys.readouterr()


def _doc(figures: list[dict[str, Any]]) -> dict[str, Any]:
    return report.build_document(
        figures,
        machine={"cpu": "Test CPU", "cores": 2, "git_commit": "abc"},
        vaults={"8": {"key": "k", "keyed_mib": 1.0, "plain_mib": 0.9, "how": "built in 1 s"}},
        date="2026-11-02T09:00Z",
        quick=False,
    )


def test_json_and_markdown_are_written_and_agree(tmp_path: Path) -> None:
    met = entry(FIG, Measurement(40.0, 10.0, 5, "a note"), bench="b", measured_at="t", quick=False)
    other = replace(FIG, id="other", figure="Another | figure", target=None)
    waiting = entry(
        other, NotMeasured("sync has not landed"), bench="b", measured_at="t", quick=False
    )
    doc = _doc([met, waiting])
    json_path, md_path = tmp_path / "b.json", tmp_path / "b.md"
    report.write(doc, json_path, md_path)
    loaded = report.load(json_path)
    assert loaded == doc
    md = md_path.read_text(encoding="utf-8")
    assert md == report.render_markdown(loaded)
    assert "| A demo figure | 40 ms | 10 ms | 4.00× | ≤ 50 ms | yes |" in md
    assert "Another \\| figure | not measured: sync has not landed |" in md
    assert "1 of 1 targets met" in md and "1 figure(s) not measured yet" in md
    assert "Test CPU" in md and "## Method" in md and "a note" in md


def test_markdown_flags_a_missed_target() -> None:
    missed = entry(FIG, Measurement(80.0, 10.0, 5), bench="b", measured_at="t", quick=False)
    md = report.render_markdown(_doc([missed]))
    assert "| **no** |" in md and "missed: A demo figure" in md


def test_merge_keeps_earlier_figures_in_registry_order() -> None:
    old = [{"id": "a", "v": 1}, {"id": "b", "v": 1}, {"id": "gone", "v": 1}]
    fresh = [{"id": "b", "v": 2}]
    merged = report.merge_entries(["a", "b", "c"], fresh, old)
    assert merged == [{"id": "a", "v": 1}, {"id": "b", "v": 2}]


def test_load_refuses_another_format(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"format": 999}))
    assert report.load(path) is None
    assert report.load(tmp_path / "missing.json") is None


def test_number_formatting() -> None:
    assert report.number(None) == "—"
    assert report.number(0.01234, "s") == "0.0123 s"
    assert report.number(123.4, "ms") == "123 ms"
    assert report.number(12345.6, "KiB") == "12,346 KiB"


def test_machine_info_names_the_stack() -> None:
    from tests.benchmarks.machine import machine_info

    info = machine_info()
    for key in ("cpu", "cores", "os", "python", "sqlcipher", "pyside6", "git_commit"):
        assert info[key], key


# --- cache keys and vaults ------------------------------------------------------------------------


def test_cache_key_changes_with_every_input() -> None:
    base = vaults.cache_key(TINY, generator="g1", schema_head="s1")
    assert base == vaults.cache_key(TINY, generator="g1", schema_head="s1")
    others = {
        vaults.cache_key(TINY, generator="g2", schema_head="s1"),
        vaults.cache_key(TINY, generator="g1", schema_head="s2"),
        vaults.cache_key(replace(TINY, men=9), generator="g1", schema_head="s1"),
        vaults.cache_key(replace(TINY, seed=7), generator="g1", schema_head="s1"),
        vaults.cache_key(replace(TINY, heavy_man=False), generator="g1", schema_head="s1"),
        vaults.cache_key(replace(TINY, production_kdf=True), generator="g1", schema_head="s1"),
    }
    assert base not in others and len(others) == 6


def test_generator_and_schema_versions_follow_the_sources(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "store").mkdir(parents=True)
    (package / "migrations" / "versions").mkdir(parents=True)
    (package / "store" / "demo_data.py").write_text("A = 1\n")
    first = vaults.generator_version(package)
    (package / "store" / "demo_data.py").write_text("A = 2\n")
    assert vaults.generator_version(package) != first
    (package / "migrations" / "versions" / "0001.py").write_text("x\n")
    schema = vaults.schema_version(package)
    (package / "migrations" / "versions" / "0001.py").write_text("y\n")
    assert vaults.schema_version(package) != schema


def test_tiny_vault_is_built_once_then_reused(tiny: vaults.BuiltVault, tmp_path: Path) -> None:
    cache = tiny.keyed.parents[1]
    again = vaults.ensure(TINY, cache)
    assert again.reused and again.keyed == tiny.keyed and again.heavy_man_id == tiny.heavy_man_id
    assert (tiny.keyed / "vault.db").is_file() and (tiny.plain / "vault.db").is_file()
    stale = cache / f"{TINY.label}-0000000000000000"
    stale.mkdir()
    other = vaults.ensure(replace(TINY, men=7), cache)  # another size: the stale one stays
    assert stale.exists() and other.keyed != tiny.keyed


def test_a_changed_key_rebuilds_and_drops_the_stale_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = replace(TINY, men=3)
    first = vaults.ensure(spec, tmp_path)
    assert not first.reused
    monkeypatch.setattr(vaults, "HARNESS_FORMAT", "changed")
    second = vaults.ensure(spec, tmp_path)
    assert not second.reused and second.key != first.key
    assert not first.keyed.exists() and second.keyed.exists()


def test_twin_is_unkeyed_and_holds_the_same_men(tiny: vaults.BuiltVault) -> None:
    header = (tiny.plain / "vault.db").read_bytes()[:16]
    assert header == b"SQLite format 3\x00"
    assert (tiny.keyed / "vault.db").read_bytes()[:16] != header
    keyed = vaults.open_keyed(tiny)
    plain = vaults.open_plain(tiny.plain, vaults.bench_options(TINY))
    try:
        mine = [(r.id, r.prison_number) for r in caseload.list_caseload(keyed)]
        twin = [(r.id, r.prison_number) for r in caseload.list_caseload(plain)]
        assert len(mine) == TINY.men and mine == twin
        assert caseload.load_man(plain, tiny.heavy_man_id or "").plan.meetings
    finally:
        keyed.lock()
        plain.lock()


def test_sql_replay_returns_the_rows_the_service_read(tiny: vaults.BuiltVault) -> None:
    vault = vaults.open_keyed(tiny)
    conn = raw_connection(vault)
    try:
        with capture(vault.engine) as statements:
            rows = caseload.list_caseload(vault)
        assert any(s.sql.lstrip().upper().startswith("SELECT") for s in statements)
        assert replay(conn, statements) >= len(rows)
        assert not conn.in_transaction
    finally:
        conn.close()
        vault.lock()


def test_scratch_copy_leaves_the_cache_alone(tiny: vaults.BuiltVault, tmp_path: Path) -> None:
    copy = vaults.scratch_copy(tiny, tmp_path / "scratch", plain=False)
    assert (copy.keyed / "vault.db").is_file() and not copy.plain.exists()
    assert copy.heavy_man_id == tiny.heavy_man_id


def test_a_run_writes_both_reports(tiny: vaults.BuiltVault, tmp_path: Path) -> None:
    ctx = Context(
        cache_dir=tiny.keyed.parents[1], production_kdf=False, verbose=False, shrink_to=TINY.men
    )
    doc = run.run(["size"], ctx, json_path=tmp_path / "b.json", md_path=tmp_path / "b.md")
    sizes = {f["id"]: f for f in doc["figures"]}
    assert set(sizes) >= {"vault_size_1000", "vault_size_10000"}
    assert doc["only"] == ["size"] and doc["machine"]["cores"]
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == report.render_markdown(doc)


def test_the_protection_benchmark_measures_both_figures(
    tiny: vaults.BuiltVault, tmp_path: Path
) -> None:
    ctx = Context(
        cache_dir=tiny.keyed.parents[1],
        production_kdf=False,
        verbose=False,
        shrink_to=TINY.men,
        quick=True,
    )
    doc = run.run(["protection"], ctx, json_path=tmp_path / "b.json", md_path=tmp_path / "b.md")
    found = {f["id"]: f for f in doc["figures"] if f["bench"] == "protection"}
    assert set(found) == {"sar_heavy", "erasure_10k"}
    for figure in found.values():
        assert figure["status"] == "measured", figure
        assert figure["value"] > 0 and figure["floor"] > 0
    assert "records in the copy" in found["sar_heavy"]["note"]


def test_unknown_benchmark_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run.run(["no-such"], Context(verbose=False), json_path=tmp_path / "b.json")


def test_target_json_round_trip() -> None:
    target = Target("≤ 2× the floor", "ratio", high=2.0)
    assert target.as_json() == {
        "text": "≤ 2× the floor",
        "applies_to": "ratio",
        "low": None,
        "high": 2.0,
    }


def test_the_runner_fails_on_a_missed_or_unmeasured_target_of_this_run() -> None:
    met = entry(FIG, Measurement(40.0, 10.0, 5), bench="b", measured_at="now", quick=False)
    missed = entry(FIG, Measurement(60.0, 10.0, 5), bench="b", measured_at="now", quick=False)
    lost = entry(FIG, NotMeasured("crashed"), bench="b", measured_at="now", quick=False)
    old = entry(FIG, Measurement(60.0, 10.0, 5), bench="b", measured_at="before", quick=False)
    untargeted = entry(
        replace(FIG, target=None), NotMeasured("n/a"), bench="b", measured_at="now", quick=False
    )

    def doc(*figures: dict[str, Any]) -> dict[str, Any]:
        return {"date": "now", "figures": list(figures)}

    assert run.shortfalls(doc(met, old, untargeted)) == []  # older figures kept by --only
    assert run.shortfalls(doc(met, missed)) == [FIG.figure]
    assert run.shortfalls(doc(lost)) == [FIG.figure]
