"""Peak memory with the 10,000-men vault open: in the GUI, and through the services alone."""

from __future__ import annotations

from pathlib import Path

from engager_desktop.crypto import keyslots
from engager_desktop.crypto.kdf import PRODUCTION
from engager_desktop.store.vault import KEYSLOTS_FILE
from tests.benchmarks import probes
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, at_most, register
from tests.benchmarks.stats import Samples

MEN = 10_000
TARGET_MIB = 400
FIGURES = (
    Figure(
        "gui_peak_memory",
        "Peak memory, 10,000-men vault open in the GUI with the caseload shown",
        "MiB",
        "peak memory of an empty PySide6 window",
        at_most(TARGET_MIB, "MiB"),
    ),
    Figure(
        "gui_memory_after_unlock",
        "Peak memory in the GUI after the key derivation (10,000 men, caseload shown)",
        "MiB",
        "peak memory of an empty PySide6 window",
    ),
    Figure(
        "services_peak_memory",
        "Peak memory, 10,000-men vault unlocked and caseload loaded through the services (no GUI)",
        "MiB",
        "peak memory of a process that imports the same modules and opens nothing",
    ),
)


def kdf_memory_mib(folder: Path) -> int:
    data = (folder / KEYSLOTS_FILE).read_bytes()
    params = keyslots.kdf_params(keyslots.Keyslots.from_bytes(data, PRODUCTION, KEYSLOTS_FILE))
    return params.memory_kib // 1024


def _peaks(mode: str, runs: int, vault: Path | None = None) -> tuple[Samples, Samples | None]:
    """Whole-run peaks, and peaks after the key derivation when the child could restart them."""
    found = [probes.probe(mode, vault).values for _ in range(runs)]
    after = [v["peak_after_unlock_mib"] for v in found if "peak_after_unlock_mib" in v]
    return Samples(tuple(v["peak_mib"] for v in found)), Samples(tuple(after)) if after else None


def _why(peak: float, after: Samples | None, kdf_mib: int) -> str:
    """When the peak is over the target: how much is the key derivation, and what would fit."""
    if peak <= TARGET_MIB or after is None:
        return ""
    held = peak - kdf_mib  # what the app held while Argon2id ran
    return (
        f" Over the target because of it: the app held about {held:.0f} MiB when the derivation "
        f"allocated its {kdf_mib} MiB, and its peak once that was freed is {after.median:.0f} MiB. "
        f"Argon2id memory of at most {max(0, TARGET_MIB - held):.0f} MiB (more passes instead, "
        "e.g. KdfPolicy.max_memory_kib) would meet the target."
    )


@register("memory", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Peak resident memory (VmHWM) of child processes, each measured at its end."""
    built = ctx.vault(MEN)
    runs = ctx.runs(3, 1)
    kdf = kdf_memory_mib(built.keyed)
    kdf_note = f"The peak includes Argon2id's {kdf} MiB working memory during unlock."
    out: dict[str, Outcome] = {}
    ctx.log("memory: headless")
    value, _after = _peaks("services", runs, built.keyed)
    floor, _ = _peaks("imports", runs)
    out["services_peak_memory"] = Measurement(value.median, floor.median, runs, kdf_note)
    ctx.log("memory: GUI")
    try:
        value, after = _peaks("app-caseload", runs, built.keyed)
    except probes.ProbeFailed as exc:
        return out | {"gui_peak_memory": NotMeasured(str(exc))}
    floor, _ = _peaks("empty", runs)
    out["gui_peak_memory"] = Measurement(
        value.median, floor.median, runs, kdf_note + _why(value.median, after, kdf)
    )
    if after is None:
        out["gui_memory_after_unlock"] = NotMeasured("the peak can be restarted on Linux only")
    else:
        note = "The peak restarted (/proc/self/clear_refs) as the key derivation returned."
        out["gui_memory_after_unlock"] = Measurement(after.median, floor.median, runs, note)
    return out
