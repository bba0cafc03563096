"""What each benchmark is handed: run counts, the cached vaults, scratch space and a log line."""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks.vaults import BuiltVault, VaultSpec, ensure

CACHE_DIR = Path(__file__).resolve().parent / ".cache"


@dataclass
class Context:
    quick: bool = False
    cache_dir: Path = CACHE_DIR
    production_kdf: bool = True
    verbose: bool = True
    shrink_to: int | None = None  # harness tests only: build at most this many men
    _vaults: dict[int, BuiltVault] = field(default_factory=dict)
    _started: float = field(default_factory=time.perf_counter)

    def runs(self, full: int, quick: int) -> int:
        """How many timed runs: fewer with ``--quick``."""
        return quick if self.quick else full

    def vault(self, men: int) -> BuiltVault:
        """The cached keyed vault and unkeyed twin of ``men`` men (built on first use)."""
        if men not in self._vaults:
            size = men if self.shrink_to is None else min(men, self.shrink_to)
            spec = VaultSpec(men=size, production_kdf=self.production_kdf)
            self.log(f"vault of {men} men: checking the cache")
            built = ensure(spec, self.cache_dir)
            how = "reused" if built.reused else f"built in {built.build_seconds:.0f} s"
            self.log(f"vault of {men} men: {how}")
            self._vaults[men] = built
        return self._vaults[men]

    def built_vaults(self) -> dict[int, BuiltVault]:
        return dict(self._vaults)

    def scratch(self, name: str) -> Path:
        """An empty folder for this run; everything under it is removed by ``cleanup``."""
        path = self.cache_dir / "scratch" / name
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    def cleanup(self) -> None:
        shutil.rmtree(self.cache_dir / "scratch", ignore_errors=True)

    def log(self, message: str) -> None:
        if self.verbose:
            elapsed = time.perf_counter() - self._started
            print(f"[bench {elapsed:6.1f} s] {message}", file=sys.stderr, flush=True)
