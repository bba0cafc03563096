"""Service figures on a generated caseload: every raw count and median worked out again here, from
whole records and the definitions in docs/figures.md; then suppression, exports and the CLI."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from statistics import median

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from engager_desktop.cli import main
from engager_desktop.domain.figures import WITHHELD, is_small
from engager_desktop.services import figures
from engager_desktop.services.figures_query import TOTAL, count_figures, months
from engager_desktop.store.orm import (
    AuditEvent,
    DistressRating,
    Meeting,
    Participant,
    PhaseChange,
    ReleasePlan,
)
from engager_desktop.store.vault import Vault, VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE


def expected_counts(vault: Vault, first: date, last: date) -> dict[tuple[str, str], float | None]:
    """The figures from whole records, one man at a time, written from the definitions."""
    periods = [(p.key, p.first, p.last) for p in months(first, last)] + [(TOTAL, first, last)]
    out: Counter[tuple[str, str]] = Counter()
    medians: dict[tuple[str, str], float | None] = {}
    with vault.read() as session:
        men = [m for m in session.scalars(select(Participant)) if not m.deleted]
        live = {m.id for m in men}
        moves = [c for c in session.scalars(select(PhaseChange)) if not c.deleted]
        meetings = [m for m in session.scalars(select(Meeting)) if not m.deleted]
        plans = [p for p in session.scalars(select(ReleasePlan)) if not p.deleted]
        ratings = [r for r in session.scalars(select(DistressRating)) if not r.deleted]
        for man in men:
            mine = sorted(
                (c for c in moves if c.participant_id == man.id),
                key=lambda c: (c.changed_on, c.updated_at),
            )
            out_on = min((c.changed_on for c in mine if c.to_phase == "in_community"), default=None)
            closed_on = (
                max(c.changed_on for c in mine if c.to_phase == "closed")
                if man.phase == "closed"
                else None
            )
            held = [
                m.starts_at.date() for m in meetings if m.participant_id == man.id and m.attended
            ]
            plan = max(
                (p for p in plans if p.participant_id == man.id),
                key=lambda p: p.updated_at,
                default=None,
            )
            for key, start, end in periods:

                def inside(day: date | None, start: date = start, end: date = end) -> bool:
                    return day is not None and start <= day <= end

                out[("referred", key)] += inside(man.created_at.date())
                out[("engaged", key)] += inside(min(held, default=None))
                if inside(out_on):
                    out[("released", key)] += 1
                    for measure, ticked in (
                        ("housing", plan and plan.accommodation_confirmed),
                        ("gp", plan and plan.gp_registered),
                        ("gate", plan and plan.gate_meeter),
                    ):
                        out[(measure if ticked else f"{measure}_not", key)] += 1
                if inside(closed_on):
                    out[("ended", key)] += 1
                    planned = man.closure_reason == "signed_off"
                    out[("ended_planned" if planned else "ended_unplanned", key)] += 1
                if key == TOTAL or man.created_at.date() > end:
                    continue
                phase = next(
                    (c.to_phase for c in reversed(mine) if c.changed_on <= end), "engagement"
                )
                if phase != "closed":
                    where = "in_community" if out_on is not None and out_on <= end else "in_prison"
                    out[(where, key)] += 1
        for m in meetings:
            if m.attended and m.participant_id in live:
                for key, start, end in periods:
                    if start <= m.starts_at.date() <= end:
                        out[("sessions", key)] += 1
                        out[(f"sessions_{m.place}", key)] += 1
        for key, start, end in periods:
            pairs = []
            for man_id in live:
                upto = sorted(
                    (r for r in ratings if r.participant_id == man_id and r.rated_on <= end),
                    key=lambda r: (r.rated_on, r.created_at),
                )
                if len(upto) >= 2 and upto[-1].rated_on >= start:
                    pairs.append((upto[0].score, upto[-1].score))
            out[("distress_men", key)] = len(pairs)
            medians[("distress_first", key)] = median(a for a, _ in pairs) if pairs else None
            medians[("distress_latest", key)] = median(b for _, b in pairs) if pairs else None
            medians[("distress_change", key)] = median(b - a for a, b in pairs) if pairs else None
    return {**out, **medians}


def test_every_count_matches_the_records(demo_vault: Vault) -> None:
    today = demo_vault.clock.today()
    first, last = date(today.year - 1, today.month, 1), today
    expected = expected_counts(demo_vault, first, last)
    with demo_vault.read() as session:
        raw = count_figures(session, first, last)
    assert sum(raw.counts[("referred", p.key)] for p in raw.periods[:-1]) > 5
    assert any(raw.counts[("ended", p.key)] for p in raw.periods[:-1])
    assert any(raw.counts[("released", p.key)] for p in raw.periods[:-1])
    for (measure, period), value in raw.counts.items():
        assert value == expected.get((measure, period), 0), (measure, period)
    for key, value in raw.medians.items():
        assert value == expected[key], key


def test_a_range_inside_one_month_and_a_partial_first_month(demo_vault: Vault) -> None:
    today = demo_vault.clock.today()
    for first, last in ((today - timedelta(days=9), today), (today - timedelta(days=70), today)):
        expected = expected_counts(demo_vault, first, last)
        with demo_vault.read() as session:
            raw = count_figures(session, first, last)
        for key, value in raw.counts.items():
            assert value == expected.get(key, 0), key


def test_the_published_table_withholds_every_small_count(demo_vault: Vault) -> None:
    first, last = figures.default_range(demo_vault)
    table = figures.service_figures(demo_vault, first, last)
    with demo_vault.read() as session:
        raw = count_figures(session, first, last)
    assert table.columns[-1] == figures.TOTAL_HEADING and len(table.columns) == 13
    withheld = 0
    for row in table.rows:
        for period, text in zip(raw.periods, row.cells, strict=True):
            value = raw.counts.get((row.key, period.key))
            if row.key in figures.MEDIANS:
                men = raw.counts[("distress_men", period.key)]
                assert (text == WITHHELD) == is_small(men)
                continue
            if value is None:  # a month's-end figure in the whole-range column
                assert text == ""
            elif is_small(value):
                assert text == WITHHELD
            elif text != WITHHELD:
                assert text == str(value)
            withheld += text == WITHHELD
    assert withheld > 0  # 40 men give small counts somewhere
    flat = " ".join(" ".join(row.cells) for row in table.rows)
    with demo_vault.read() as session:
        for man in session.scalars(select(Participant)):
            assert man.family_name not in flat and man.id not in flat


def test_bad_ranges_are_refused(demo_vault: Vault) -> None:
    with pytest.raises(figures.BadRange):
        figures.service_figures(demo_vault, date(2026, 5, 1), date(2026, 4, 30))
    with pytest.raises(figures.BadRange):
        figures.service_figures(demo_vault, date(2010, 1, 1), date(2026, 4, 30))


def test_exports_are_written_whole_and_audited_without_figures(
    demo_vault: Vault, tmp_path: Path
) -> None:
    first, last = figures.default_range(demo_vault)
    table = figures.service_figures(demo_vault, first, last)
    csv_path = figures.export(demo_vault, table, tmp_path / "figures.csv")
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Measure", *table.columns]
    assert rows[1] == [table.rows[0].label, *table.rows[0].cells]
    assert any(WITHHELD in " ".join(r) for r in rows[2:])
    pdf_path = figures.export(demo_vault, table, tmp_path / "figures.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_path).pages)
    assert "Engager service figures" in text
    assert all(row.label in text for row in table.rows)  # labels may wrap onto two lines
    assert all(column in text for column in table.columns)
    with pytest.raises(figures.ExportFailed):
        figures.export(demo_vault, table, tmp_path / "figures.txt")
    with pytest.raises(figures.ExportFailed):
        figures.export(demo_vault, table, tmp_path / "no such folder" / "f.csv")
    with demo_vault.read() as session:
        events = [
            str(e.detail)
            for e in session.scalars(select(AuditEvent))
            if e.action == "export_figures"
        ]
    assert len(events) == 2  # the refused ones wrote nothing and are not recorded
    assert events[0] == (
        f"service figures {first.isoformat()} to {last.isoformat()} as csv to figures.csv"
    )
    assert events[1].endswith("as pdf to figures.pdf")


def test_cli_writes_the_file_and_refuses_bad_use(
    demo_path: Path,
    options: VaultOptions,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    out = tmp_path / "f.csv"
    base = ["figures", "--vault", str(demo_path)]
    assert (
        main([*base, "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(out)], options=options)
        == 0
    )
    assert "written to" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8-sig").startswith("Measure,Jan 2026,")
    reversed_range = ["--from", "2026-06-30", "--to", "2026-01-01", "-o", str(out)]
    assert main([*base, *reversed_range], options=options) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "before it starts" in err
    assert (
        main([*base, "--from", "2026-01-01", "--to", "2026-06-30", "-o", "x.txt"], options=options)
        == 2
    )
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "--from", "1 Jan", "--to", "2026-06-30", "-o", str(out)], options=options)
    assert exit_info.value.code == 2
    capsys.readouterr()
    missing = tmp_path / "gone" / "f.pdf"
    assert (
        main(
            [*base, "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(missing)],
            options=options,
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "folder does not exist" in err
