"""Small-number suppression for anonymised service figures (standard library only).

The rule, as docs/figures.md states it for the team:

- Primary suppression: a count of 1, 2, 3 or 4 is never published. A count of 0 is published as
  0 (the usual statistical-disclosure rule: nobody can be picked out of nobody).
- Secondary suppression: figures are tied together by additive relations (a total and its parts,
  such as "ended = planned + not planned", or a row total over the months). A published table
  must not let a reader work a withheld count out by subtraction, in one relation or by chaining
  several. So, until none applies:

  1. a relation whose only unknown value is a withheld one (or a small hidden one) gets a second
     one withheld, so no withheld value can be worked out, small or not;
  2. a relation whose total is published may not reveal, by subtraction, that its withheld parts
     together come to 1-4 (that is itself a small count): another part is withheld;
  3. no withheld value (nor a small hidden one) may be fixed by the relations taken together
     (exact linear algebra over the rationals): another value near it is withheld.

  The value withheld is the smallest non-zero published part of the relation (its total when no
  part is left), so as little as possible is lost.

Some values are *hidden*: never published but tied into a relation (for example "released without
first-night housing", the difference between two published counts). A hidden count of 1-4 is
protected like any other small count. Every withheld value is shown the same way (``WITHHELD``):
marking the small counts apart from the ones withheld to protect them would let a reader narrow
the second kind down and then recover the first.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar, cast

from engager_desktop.i18n import N_

SMALL_MIN = 1
SMALL_MAX = 4
WITHHELD = N_("Figures", "withheld")
WITHHELD_NOTE = N_(
    "Figures",
    "“withheld”: fewer than 5, or held back so that a count of fewer than 5 cannot be "
    "worked out from the other figures. 0 means none.",
)

Key = Hashable
K = TypeVar("K", bound=Hashable)


def is_small(value: int) -> bool:
    """A count that may identify someone: 1 to 4."""
    return SMALL_MIN <= value <= SMALL_MAX


@dataclass(frozen=True)
class Relation:
    """``total`` equals the sum of ``parts``: a relation a reader of the table can use."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def check_relations(values: Mapping[Key, int], relations: Iterable[Relation]) -> None:
    """Raise ValueError when a relation does not add up (a bug in whoever built the table)."""
    for rel in relations:
        missing = [key for key in rel.keys if key not in values]
        if missing:
            raise ValueError(f"relation names a value not in the table: {missing[0]!r}")
        if values[rel.total] != sum(values[part] for part in rel.parts):
            raise ValueError(f"relation does not add up: {rel.total!r}")
        if any(values[key] < 0 for key in rel.keys):
            raise ValueError("counts are never negative")


def suppress(
    values: Mapping[K, int],
    relations: Sequence[Relation] = (),
    hidden: Set[K] = frozenset(),
) -> dict[K, int | None]:
    """The published table: each key not hidden, with its count or None when withheld."""
    table: Mapping[Key, int] = cast(Mapping[Key, int], values)
    check_relations(table, relations)
    order: dict[Key, int] = {key: index for index, key in enumerate(values)}
    unknown: set[Key] = set(hidden) | {key for key, value in values.items() if is_small(value)}
    small = {key for key, value in values.items() if is_small(value)}
    # Protected: every withheld value, and hidden ones only when small (a hidden difference of
    # 20 may be worked out: it is never shown, but nothing small follows from it).
    while True:
        sensitive = small | (unknown - set(hidden))
        added = _relation_pass(table, relations, unknown, sensitive, order)
        if added is None:
            added = _linear_pass(table, relations, unknown, sensitive, order)
        if added is None:
            break
        unknown.add(added)
    return {
        key: None if key in unknown else value for key, value in values.items() if key not in hidden
    }


def _candidate(
    values: Mapping[Key, int], rel: Relation, unknown: Set[Key], order: Mapping[Key, int]
) -> Key | None:
    """The published value of ``rel`` to withhold next: the smallest non-zero part, else total.

    A zero is chosen only when nothing else is left: withholding it hides nothing and costs a
    figure.
    """
    parts = [p for p in rel.parts if p not in unknown and values[p] > 0]
    if parts:
        return min(parts, key=lambda p: (values[p], order[p]))
    if rel.total not in unknown and values[rel.total] > 0:
        return rel.total
    zeros = [key for key in rel.keys if key not in unknown]
    return min(zeros, key=lambda key: order[key]) if zeros else None


def _relation_pass(
    values: Mapping[Key, int],
    relations: Sequence[Relation],
    unknown: Set[Key],
    sensitive: Set[Key],
    order: Mapping[Key, int],
) -> Key | None:
    for rel in relations:
        inside = [key for key in rel.keys if key in unknown]
        if not inside:
            continue
        lone_small = len(inside) == 1 and inside[0] in sensitive
        parts_sum = sum(values[p] for p in rel.parts if p in unknown)
        small_sum = rel.total not in unknown and is_small(parts_sum)
        if lone_small or small_sum:
            chosen = _candidate(values, rel, unknown, order)
            if chosen is not None:
                return chosen
    return None


def _linear_pass(
    values: Mapping[Key, int],
    relations: Sequence[Relation],
    unknown: Set[Key],
    sensitive: Set[Key],
    order: Mapping[Key, int],
) -> Key | None:
    """A value to withhold so that a small count fixed by the relations together is not.

    The candidates are the published values of the relations that hold the small count, or
    share an unknown with one that does; the smallest that frees it is chosen.
    """
    for key in determined(relations, unknown):
        if key not in sensitive:
            continue
        near = [rel for rel in relations if key in rel.keys]
        linked = {k for rel in near for k in rel.keys if k in unknown}
        near += [rel for rel in relations if rel not in near and linked & set(rel.keys)]
        pool = {k for rel in near for k in rel.keys if k not in unknown}
        ranked = sorted(pool, key=lambda k: (values[k] == 0, values[k], order[k]))
        for chosen in ranked:
            if key not in determined(relations, set(unknown) | {chosen}):
                return chosen
        if ranked:
            return ranked[0]
    return None


def determined(relations: Sequence[Relation], unknown: Set[Key]) -> list[Key]:
    """The unknown values that the relations fix exactly, given every other value.

    Each relation is an equation over the unknowns; a value is fixed when its unit vector lies
    in the span of the equations. In reduced row echelon form (exact, over the rationals) that
    is a pivot row with nothing but its pivot. Rows are sparse: a relation names few values.
    """
    columns = sorted(unknown, key=repr)
    index = {key: i for i, key in enumerate(columns)}
    rows: list[dict[int, Fraction]] = []
    for rel in relations:
        row: dict[int, Fraction] = {}
        for key, sign in ((rel.total, -1), *((part, 1) for part in rel.parts)):
            if key in index:
                col = index[key]
                row[col] = row.get(col, Fraction(0)) + sign
        row = {col: value for col, value in row.items() if value}
        if row:
            rows.append(row)
    return [columns[col] for col, row in _reduce(rows, len(columns)) if len(row) == 1]


def _reduce(rows: list[dict[int, Fraction]], width: int) -> list[tuple[int, dict[int, Fraction]]]:
    """Reduced row echelon form of sparse rows, as (pivot column, row) pairs."""
    done: list[tuple[int, dict[int, Fraction]]] = []
    remaining = [dict(row) for row in rows]
    for col in range(width):
        chosen = next((row for row in remaining if col in row), None)
        if chosen is None:
            continue
        remaining.remove(chosen)
        lead = chosen[col]
        pivot = {c: value / lead for c, value in chosen.items()}
        remaining = [_eliminate(row, pivot, col) for row in remaining]
        done = [(c, _eliminate(row, pivot, col)) for c, row in done]
        done.append((col, pivot))
    return done


def _eliminate(
    row: dict[int, Fraction], pivot: dict[int, Fraction], col: int
) -> dict[int, Fraction]:
    factor = row.get(col)
    if not factor:
        return row
    out = dict(row)
    for c, value in pivot.items():
        updated = out.get(c, Fraction(0)) - factor * value
        if updated:
            out[c] = updated
        else:
            out.pop(c, None)
    return out


def shown(value: int | None) -> str:
    """A published count as text: the number, or ``WITHHELD``."""
    return WITHHELD if value is None else str(value)


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the middle two for an even count); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


__all__ = [
    "Relation",
    "SMALL_MAX",
    "WITHHELD",
    "WITHHELD_NOTE",
    "determined",
    "is_small",
    "median",
    "shown",
    "suppress",
]
