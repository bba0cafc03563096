"""The engine's pool fits the desktop program's workers: all of them can read at once."""

from __future__ import annotations

import threading

from sqlalchemy import text

from engager_desktop.store import engine
from engager_desktop.store.vault import Vault
from engager_desktop.ui import ops


def test_the_pool_has_a_connection_for_every_worker_thread() -> None:
    assert engine.POOL_SIZE == ops.MAX_WORKERS + 1  # the workers and the ordered worker


def test_every_worker_thread_reads_at_the_same_time_without_waiting(vault: Vault) -> None:
    """Each thread holds its connection until all have one: with a smaller pool (as before,
    two) the third would wait for a connection that is never given back, and the barrier breaks."""
    threads = engine.POOL_SIZE
    together = threading.Barrier(threads, timeout=10)
    counts: list[int] = []
    failures: list[BaseException] = []

    def read() -> None:
        try:
            with vault.read() as session:
                counts.append(session.execute(text("SELECT count(*) FROM sqlite_schema")).scalar())
                together.wait()
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
            together.abort()

    running = [threading.Thread(target=read) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(30)
    assert failures == [] and len(counts) == threads
    assert vault.engine.pool.checkedout() == 0
    assert vault.engine.pool.size() == threads


def test_a_quiet_program_reuses_the_connection_used_last(vault: Vault) -> None:
    """LIFO: one thread reading again and again opens no second connection (so the others'
    page caches are never filled for nothing)."""
    vault.engine.dispose()
    for _ in range(5):
        with vault.read() as session:
            session.execute(text("SELECT 1"))
    assert vault.engine.pool.checkedin() == 1
