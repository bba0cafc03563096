"""How long to wait after failed unlocks: three attempts free, then 2, 4, 8 … seconds, up to 300."""

from __future__ import annotations

FREE_ATTEMPTS = 3
FIRST_DELAY = 2
MAX_DELAY = 300


def delay_after(failures: int) -> int:
    """Seconds to wait before the next attempt, after ``failures`` failed attempts in a row.

    0, 1 or 2 failures: no wait; 3 → 2 s, 4 → 4 s, 5 → 8 s, doubling up to 300 s.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    doublings = failures - FREE_ATTEMPTS
    if doublings >= MAX_DELAY.bit_length():
        return MAX_DELAY
    return min(MAX_DELAY, FIRST_DELAY << doublings)
