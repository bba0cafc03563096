"""``engager-hub figures``: the laptop's own counting and suppression over the hub's PostgreSQL
records. A demo laptop's whole caseload goes to the hub in a bundle; the figures at the hub must
then be the laptop's figures, count for count and cell for cell, and the hub's files the same."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import figures
from engager_desktop.services.figures_query import count_figures
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_hub import cli
from tests.hub.conftest import HUB_PASSPHRASE, HubSide
from tests.sync.conftest import Laptop
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options


@pytest.fixture
def demo_laptop(demo_template: Path, tmp_path: Path) -> Iterator[Laptop]:
    """The 40-man demo caseload (made with the tests' clock) as a laptop that can sync."""
    path = tmp_path / "demo-laptop"
    shutil.copytree(demo_template, path, ignore=shutil.ignore_patterns("vault.lock"))
    clock = FakeClock(TEST_START)
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options(clock))
    stick = tmp_path / "demo-stick"
    stick.mkdir()
    yield Laptop("demo", path, vault, clock, stick)
    vault.lock()


@pytest.fixture
def hub_with_demo(demo_laptop: Laptop, make_hub: Callable[[], HubSide]) -> HubSide:
    hub = make_hub()
    hub.enrol(demo_laptop)
    hub.clock.advance(600)
    summary = hub.take(demo_laptop.export(hub))
    assert summary.committed and summary.records_new > 100
    assert hub.digest() == demo_laptop.digest()  # the same records on both engines
    return hub


def _ranges(today: date) -> list[tuple[date, date]]:
    return [
        (date(today.year - 1, today.month, 1), today),  # thirteen months, the first whole
        (today - timedelta(days=70), today),  # a cut first month
        (today - timedelta(days=9), today),
        (date(today.year - 3, 1, 1), date(today.year - 1, 12, 31)),
    ]


def test_the_hub_counts_what_the_laptop_counts(demo_laptop: Laptop, hub_with_demo: HubSide) -> None:
    hub = hub_with_demo.hub
    today = demo_laptop.clock.today()
    assert hub.clock.today() == today
    for first, last in _ranges(today):
        with demo_laptop.vault.read() as session:
            on_laptop = count_figures(session, first, last)
        with hub.read() as session:
            at_hub = count_figures(session, first, last)
        assert at_hub.periods == on_laptop.periods
        assert at_hub.counts == on_laptop.counts, (first, last)
        assert at_hub.medians == on_laptop.medians, (first, last)
        laptop_table = figures.service_figures(demo_laptop.vault, first, last)
        hub_table = figures.service_figures(hub, first, last)
        assert hub_table == laptop_table
        assert figures.csv_bytes(hub_table) == figures.csv_bytes(laptop_table)
    first, last = _ranges(today)[0]
    with hub.read() as session:
        raw = count_figures(session, first, last)
    assert sum(raw.counts[("referred", p.key)] for p in raw.periods[:-1]) > 5
    assert any(raw.counts[("released", p.key)] for p in raw.periods[:-1])
    assert any(raw.medians[("distress_change", p.key)] is not None for p in raw.periods)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args, options=test_options())
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_writes_csv_and_pdf_audited_and_refuses_bad_use(
    demo_laptop: Laptop,
    hub_with_demo: HubSide,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub_with_demo.url)
    today = demo_laptop.clock.today()
    first, last = date(today.year - 1, today.month, 1), today
    span = ["--from", first.isoformat(), "--to", last.isoformat()]
    out_csv = tmp_path / "hub-figures.csv"
    code, out, err = _run(["figures", *span, "-o", str(out_csv)], capsys)
    assert code == 0 and "written to" in out and not err
    laptop_table = figures.service_figures(demo_laptop.vault, first, last)
    assert out_csv.read_bytes() == figures.csv_bytes(laptop_table)
    out_pdf = tmp_path / "hub-figures.pdf"
    assert _run(["figures", *span, "-o", str(out_pdf)], capsys)[0] == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out_pdf).pages)
    assert "Engager service figures" in text
    assert all(column in text for column in laptop_table.columns)

    code, _, err = _run(["figures", "--from", last.isoformat(), "--to", first.isoformat(),
                         "-o", str(out_csv)], capsys)  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "before it starts" in err
    code, _, err = _run(["figures", *span, "-o", str(tmp_path / "f.txt")], capsys)
    assert code == 2 and err.count("\n") == 1 and ".csv or .pdf" in err
    with pytest.raises(SystemExit) as usage:
        cli.main(["figures", "--from", "1 Jan", "--to", "2026-06-30", "-o", str(out_csv)])
    assert usage.value.code == 2
    capsys.readouterr()
    code, _, err = _run(["figures", *span, "-o", str(tmp_path / "gone" / "f.pdf")], capsys)
    assert code == 1 and err.count("\n") == 1 and "folder does not exist" in err
    assert "Traceback" not in err

    with hub_with_demo.hub.read() as session:
        details = [
            str(e.detail)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
            if e.action == "export_figures"
        ]
    assert details == [  # the refused ones wrote nothing and are not recorded; no figure is
        f"service figures {first.isoformat()} to {last.isoformat()} as csv to hub-figures.csv",
        f"service figures {first.isoformat()} to {last.isoformat()} as pdf to hub-figures.pdf",
    ]
