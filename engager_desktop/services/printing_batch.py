"""Many documents of one kind at once (action plans for every man): fast, cancellable, audited.

Each man's input is read here; the PDFs are built in worker processes (reportlab is pure Python,
so threads would not run in parallel), at most a few ahead of the one being delivered. Results
arrive in the order of the men given. Every document delivered is audited, even when the batch
is cancelled or fails part-way.

A packaged (frozen) app may start worker processes only once its entry point has called
``multiprocessing.freeze_support()`` and ``worker_processes.mark_ready()`` (packaging/entry.py
does both). Until then a frozen app builds in this process, which is slower but safe.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from engager_desktop import worker_processes
from engager_desktop.domain.enums import Phase
from engager_desktop.i18n import tr
from engager_desktop.services.common import NotFound
from engager_desktop.services.printing import (
    Gathered,
    PreparedDocument,
    PrintError,
    finish,
    gather,
    record_prints,
)
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from engager_desktop.worksheets.kinds import KINDS
from engager_desktop.worksheets.languages import build_in
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.save import save_pdf

MAX_WORKERS = 4
SMALL_BATCH = 12  # fewer men than this: starting worker processes costs more than it saves
AHEAD_PER_WORKER = 3

Sink = Callable[[PreparedDocument], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchResult:
    delivered: tuple[str, ...]  # the men whose document went to the sink, in order
    skipped: int  # men deleted since the list was made
    cancelled: bool


def men_to_print(vault: Vault) -> tuple[str, ...]:
    """Every man still on the caseload (not closed), by the name he goes by."""
    with vault.read() as session:
        rows = session.scalars(
            select(Participant.id)
            .where(Participant.deleted.is_(False), Participant.phase != Phase.CLOSED.value)
            .order_by(Participant.preferred_name, Participant.id)
        )
        return tuple(rows)


def default_workers(count: int) -> int:
    """Worker processes for a batch of ``count`` (0: build in this process).

    One core is left for this process, which reads the vault and saves or prints meanwhile.
    Even one worker helps: a small process spends far less time collecting garbage than this
    one, which holds the database session and (in the GUI) every widget.
    """
    if count < SMALL_BATCH or not worker_processes.allowed():
        return 0
    return max(1, min(MAX_WORKERS, (os.cpu_count() or 1) - 1))


class _Builder:
    """Builds PDFs in a spawn-started process pool, or here when there are no workers (or the
    pool breaks: a worker killed by the system, say)."""

    def __init__(self, workers: int) -> None:
        self.pool: Executor | None = None
        if workers > 0:
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(self, gathered: Gathered) -> Future[bytes] | None:
        if self.pool is None:
            return None
        try:
            return self.pool.submit(
                build_in, gathered.kind, gathered.data, gathered.options, gathered.language
            )
        except BrokenProcessPool:
            self.pool = None
            return None

    def result(self, gathered: Gathered, future: Future[bytes] | None) -> bytes:
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self.pool = None
        return build_in(gathered.kind, gathered.data, gathered.options, gathered.language)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def run_batch(
    vault: Vault,
    kind: str,
    man_ids: Sequence[str],
    sink: Sink,
    *,
    destination: str,
    options: PrintOptions | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> BatchResult:
    """Send document ``kind`` for each man to ``sink`` (a printer, a folder), in order.

    Stops before the next man once ``cancelled()`` is true. ``progress(done, total)`` is called
    after each man (from this thread). ``workers``: worker processes (0: build here; None: see
    ``default_workers``). Every delivered document is audited as a print to ``destination``.
    Each man's document is in his preferred language for his papers (``printing.print_language``).
    The wording check is left out: a batch has no one to show findings to.
    """
    if kind not in KINDS or not KINDS[kind].needs_man:
        raise PrintError(
            tr(
                "Errors", "a batch prints one document per man; {kind!r} is not one of those"
            ).format(kind=kind)
        )
    total = len(man_ids)
    count = default_workers(total) if workers is None else max(0, workers)
    builder = _Builder(count)
    limit = AHEAD_PER_WORKER * max(1, count)
    pending: deque[tuple[Gathered, Future[bytes] | None]] = deque()
    delivered: list[str] = []
    languages: list[str] = []
    skipped = 0
    stopped = False

    def deliver_one() -> None:
        gathered, future = pending.popleft()
        sink(finish(gathered, builder.result(gathered, future), check=False))
        assert gathered.man_id is not None
        delivered.append(gathered.man_id)
        languages.append(gathered.language)
        if progress is not None:
            progress(len(delivered) + skipped, total)

    try:
        for man_id in man_ids:
            if cancelled():
                stopped = True
                break
            try:
                gathered = gather(vault, kind, man_id, options)
            except NotFound:
                skipped += 1
                continue
            pending.append((gathered, builder.submit(gathered)))
            while len(pending) >= limit or (pending and builder.pool is None):
                deliver_one()
        while pending and not stopped:
            if cancelled():
                stopped = True
                break
            deliver_one()
    finally:
        builder.close()
        if delivered:
            chosen = options or PrintOptions()
            record_prints(
                vault,
                kind,
                delivered,
                destination,
                sensitive=chosen.include_sensitive,
                for_others=chosen.for_others,
                language=languages,
            )
    return BatchResult(tuple(delivered), skipped, stopped)


class FolderSink:
    """Saves each document into one folder under its own name (a second man with the same
    name gets " (2)"), each file written atomically."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise PrintError(tr("Errors", "cannot save there: the folder does not exist"))
        self.used: set[str] = set()
        self.saved: list[Path] = []

    def _name(self, wanted: str) -> str:
        stem, _dot, ext = wanted.rpartition(".")
        name, number = wanted, 1
        while name.lower() in self.used:
            number += 1
            name = f"{stem} ({number}).{ext}"
        self.used.add(name.lower())
        return name

    def __call__(self, document: PreparedDocument) -> None:
        self.saved.append(save_pdf(document.pdf, self.folder / self._name(document.file_name)))
