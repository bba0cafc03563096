"""docs/benchmarks.json (the record of a run) and docs/benchmarks.md (rendered from it alone)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMAT = 1
ROOT = Path(__file__).resolve().parents[2]
JSON_PATH = ROOT / "docs" / "benchmarks.json"
MD_PATH = ROOT / "docs" / "benchmarks.md"
COMMAND = "python -m tests.benchmarks.run"

METHOD = """\
- Every figure is compared with a **floor measured in the same run** on the same machine: the
  least work that could produce the same result (the floor column says what it is). The ratio
  is value ÷ floor. Where a target is a ratio, it applies to that ratio.
- Timings are the **median** of repeated runs after an untimed warm-up (p95 is the nearest-rank
  95th percentile of the same samples). A figure and its floor are timed alternately, run by
  run, so a busy machine slows both alike. Garbage collection is held off inside each timed call.
- Demo vaults of 1,000 and 10,000 fictional men (fixed seed, "today" fixed at 2026-11-02, the
  first man a heavy one with 100 meetings and 40 goals) are built once and cached under
  `tests/benchmarks/.cache/`, keyed by the demo generator's source, seed, size, schema head and
  KDF policy. They use the production key derivation, because unlock is measured.
- The unkeyed twin of each vault is made by the same sqlcipher3 build, the same migrations and
  the same demo generator, with the same pragmas, only never keyed: plain SQLite. The services
  run on it unchanged, so the encrypted/unkeyed ratio isolates the cost of SQLCipher.
- Read floors replay the exact SQL the service sent, through the bare sqlcipher3 driver,
  fetching every row: what is left is the database's own work.
- Benchmarks that write run on scratch copies of the cached vaults, removed afterwards.
- A figure that cannot be measured yet (its code has not landed) is listed as "not measured"
  with the reason, so the next run fills it in."""


def build_document(
    entries: Sequence[dict[str, Any]],
    *,
    machine: dict[str, Any],
    vaults: dict[str, Any],
    date: str,
    quick: bool,
    only: Sequence[str] = (),
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "date": date,
        "command": COMMAND + (" --quick" if quick else ""),
        "quick": quick,
        "only": list(only),
        "machine": machine,
        "vaults": vaults,
        "figures": list(entries),
    }


def merge_entries(
    order: Iterable[str], fresh: Sequence[dict[str, Any]], previous: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Fresh entries replace earlier ones by id; earlier ones still registered are kept; ``order``
    (the registry's figure ids) decides the order."""
    by_id = {e["id"]: e for e in previous}
    by_id.update({e["id"]: e for e in fresh})
    return [by_id[fid] for fid in order if fid in by_id]


def load(path: Path = JSON_PATH) -> dict[str, Any] | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and doc.get("format") == FORMAT else None


def write(doc: dict[str, Any], json_path: Path = JSON_PATH, md_path: Path = MD_PATH) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(doc), encoding="utf-8")


# --- markdown ---------------------------------------------------------------------------------


def number(value: float | None, unit: str = "") -> str:
    """A figure for a table: three significant figures, thousands separated, with its unit."""
    if value is None:
        return "—"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".strip()


def met_text(entry: dict[str, Any]) -> str:
    if entry["met"] is None:
        return "—"
    return "yes" if entry["met"] else "**no**"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(entry: dict[str, Any]) -> str:
    target = entry["target"]["text"] if entry.get("target") else "—"
    if entry["value"] is None:
        value = entry["status"]
        floor = ratio = "—"
    else:
        value = number(entry["value"], entry["unit"])
        floor = number(entry["floor"], entry["unit"])
        ratio = "—" if entry["ratio"] is None else f"{entry['ratio']:.2f}×"
    cells = [entry["figure"], value, floor, ratio, target, met_text(entry)]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _summary(figures: Sequence[dict[str, Any]]) -> str:
    targeted = [f for f in figures if f.get("target")]
    met = sum(1 for f in targeted if f["met"] is True)
    missed = [f["figure"] for f in targeted if f["met"] is False]
    waiting = sum(1 for f in figures if f["value"] is None)
    text = f"{met} of {len(targeted)} targets met"
    if missed:
        text += "; missed: " + "; ".join(missed)
    if waiting:
        text += f"; {waiting} figure(s) not measured yet"
    return text + "."


def _machine(doc: dict[str, Any]) -> list[str]:
    m = doc.get("machine", {})
    names = (
        ("cpu", "CPU"),
        ("cores", "cores"),
        ("ram_gib", "RAM (GiB)"),
        ("os", "OS"),
        ("python", "Python"),
        ("sqlcipher", "SQLCipher"),
        ("sqlite", "SQLite"),
        ("sqlcipher3", "sqlcipher3"),
        ("pyside6", "PySide6 / Qt"),
        ("sqlalchemy", "SQLAlchemy"),
        ("reportlab", "reportlab"),
        ("git_commit", "git commit"),
    )
    lines = ["| | |", "|---|---|"]
    lines += [f"| {label} | {_cell(str(m.get(key, '—')))} |" for key, label in names]
    return lines


def _vaults(doc: dict[str, Any]) -> list[str]:
    vaults = doc.get("vaults") or {}
    if not vaults:
        return []
    lines = [
        "",
        "## Vaults used",
        "",
        "| men | cache key | vault.db | unkeyed twin | built |",
        "|---|---|---|---|---|",
    ]
    for men, info in sorted(vaults.items(), key=lambda kv: int(kv[0])):
        lines.append(
            f"| {int(men):,} | `{info.get('key', '')}` | {number(info.get('keyed_mib'), 'MiB')} "
            f"| {number(info.get('plain_mib'), 'MiB')} | {info.get('how', '')} |"
        )
    return lines


def _notes(figures: Sequence[dict[str, Any]]) -> list[str]:
    lines = ["", "## Floors and notes", ""]
    for f in figures:
        note = f" {f['note']}" if f.get("note") else ""
        runs = f" ({f['runs']} run{'s' if f['runs'] != 1 else ''})" if f.get("runs") else ""
        lines.append(f"- **{f['figure']}**{runs}: floor = {f['floor_description']}.{note}")
    return lines


def render_markdown(doc: dict[str, Any]) -> str:
    figures: list[dict[str, Any]] = doc.get("figures", [])
    dates = sorted({f["measured_at"] for f in figures if f.get("measured_at")})
    lines = [
        "# Benchmarks",
        "",
        f"Generated from `docs/benchmarks.json` by `{doc.get('command', COMMAND)}`; do not edit "
        "by hand. Re-run the command to refresh both files.",
        "",
        f"Run of {doc.get('date', '?')}"
        + (" (quick: fewer repetitions)" if doc.get("quick") else "")
        + ". "
        + _summary(figures),
    ]
    if len(dates) > 1:
        lines += ["", f"Figures come from more than one run ({', '.join(dates)}): see each note."]
    lines += [
        "",
        "| Figure | Value | Floor | Ratio | Target | Met |",
        "|---|---|---|---|---|---|",
        *(_row(f) for f in figures),
        *_notes(figures),
        *_vaults(doc),
        "",
        "## Machine",
        "",
        *_machine(doc),
        "",
        "## Method",
        "",
        METHOD,
        "",
    ]
    return "\n".join(lines)
