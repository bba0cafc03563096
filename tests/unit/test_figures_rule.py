"""Small-number suppression (domain.figures): the rule on small tables, exhaustively and by
property, with an attacker written here independently of the code under test."""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engager_desktop.domain.figures import (
    WITHHELD,
    Relation,
    determined,
    is_small,
    median,
    shown,
    suppress,
)

Table = dict[Hashable, int]


def recovered_by_subtraction(
    published: Mapping[Hashable, int | None],
    relations: Sequence[Relation],
    hidden: set[Hashable],
) -> set[Hashable]:
    """What a reader works out: any relation with one unknown gives it; repeat until stuck."""
    known = {k: v for k, v in published.items() if v is not None}
    unknown = {k for k, v in published.items() if v is None} | set(hidden)
    found: set[Hashable] = set()
    changed = True
    while changed:
        changed = False
        for rel in relations:
            missing = [k for k in rel.keys if k in unknown]
            if len(missing) != 1:
                continue
            (key,) = missing
            parts = sum(known[p] for p in rel.parts if p != key)
            known[key] = known[rel.total] - parts if key != rel.total else parts
            unknown.discard(key)
            found.add(key)
            changed = True
    return found


def grid(cells: list[list[int]]) -> tuple[Table, list[Relation]]:
    """A table with row totals, column totals and a grand total, and its relations."""
    values: Table = {}
    rows, cols = len(cells), len(cells[0])
    for r, c in itertools.product(range(rows), range(cols)):
        values[(r, c)] = cells[r][c]
    for r in range(rows):
        values[(r, "T")] = sum(cells[r])
    for c in range(cols):
        values[("T", c)] = sum(cells[r][c] for r in range(rows))
    values[("T", "T")] = sum(map(sum, cells))
    relations = [Relation((r, "T"), tuple((r, c) for c in range(cols))) for r in range(rows)]
    relations += [Relation(("T", c), tuple((r, c) for r in range(rows))) for c in range(cols)]
    relations.append(Relation(("T", "T"), tuple((r, "T") for r in range(rows))))
    relations.append(Relation(("T", "T"), tuple(("T", c) for c in range(cols))))
    return values, relations


def assert_safe(values: Table, relations: list[Relation], hidden: set[Hashable]) -> None:
    published = suppress(values, relations, hidden)
    assert set(published) == set(values) - hidden
    for key, value in published.items():
        if is_small(values[key]):
            assert value is None, key  # every count of 1-4 is withheld
        elif value is not None:
            assert value == values[key]  # anything published is the true count
    small = {k for k, v in values.items() if is_small(v)}
    withheld = {k for k, v in published.items() if v is None}
    recovered = recovered_by_subtraction(published, relations, hidden)
    assert not recovered & withheld, "a withheld count can be worked out by subtraction"
    assert not recovered & small, "a small hidden count can be worked out by subtraction"
    for rel in relations:  # no relation reveals that its withheld parts add up to 1-4
        if published.get(rel.total) is not None:
            gap = sum(values[p] for p in rel.parts if published.get(p) is None)
            assert not is_small(gap), rel


def test_a_small_count_is_withheld_and_zero_is_shown() -> None:
    assert suppress({"a": 0, "b": 3, "c": 5, "d": 4, "e": 1}) == {
        "a": 0,
        "b": None,
        "c": 5,
        "d": None,
        "e": None,
    }
    assert shown(None) == WITHHELD and shown(0) == "0" and shown(12) == "12"


def test_a_total_that_would_reveal_a_small_part_costs_a_second_part() -> None:
    values = {"ended": 20, "planned": 3, "not_planned": 17}
    published = suppress(values, [Relation("ended", ("planned", "not_planned"))])
    assert published == {"ended": 20, "planned": None, "not_planned": None}


def test_the_smallest_other_part_is_withheld_not_the_total() -> None:
    values = {"total": 40, "a": 2, "b": 9, "c": 29}
    published = suppress(values, [Relation("total", ("a", "b", "c"))])
    assert published == {"total": 40, "a": None, "b": None, "c": 29}


def test_two_small_parts_that_add_up_to_a_small_count_take_a_third() -> None:
    values = {"total": 30, "a": 1, "b": 2, "c": 27}  # a + b = 3 would be revealed
    published = suppress(values, [Relation("total", ("a", "b", "c"))])
    assert published["c"] is None and published["total"] == 30


def test_a_lone_small_total_needs_no_second_suppression_of_zeros() -> None:
    values = {"total": 3, "a": 3, "b": 0}
    published = suppress(values, [Relation("total", ("a", "b"))])
    assert published == {"total": None, "a": None, "b": 0}


def test_a_hidden_difference_of_1_to_4_is_protected() -> None:
    # released 9, with housing 7: the 2 without housing could be worked out
    values = {"released": 9, "housing": 7, "no_housing": 2}
    published = suppress(values, [Relation("released", ("housing", "no_housing"))], {"no_housing"})
    assert published == {"released": 9, "housing": None}


def test_chained_relations_cannot_give_a_small_count_away() -> None:
    # the planned/not planned rectangle: Nov has 4 planned; totals over the months are published
    values = {
        ("ended", "oct"): 50,
        ("planned", "oct"): 30,
        ("not", "oct"): 20,
        ("ended", "nov"): 10,
        ("planned", "nov"): 4,
        ("not", "nov"): 6,
        ("ended", "all"): 60,
        ("planned", "all"): 34,
        ("not", "all"): 26,
    }
    relations = [
        Relation(("ended", m), (("planned", m), ("not", m))) for m in ("oct", "nov", "all")
    ]
    relations += [
        Relation((row, "all"), ((row, "oct"), (row, "nov"))) for row in ("ended", "planned", "not")
    ]
    assert_safe(values, relations, set())
    published = suppress(values, relations)
    assert published[("planned", "nov")] is None
    assert published[("ended", "all")] == 60  # the grand total survives


def test_determined_finds_a_value_fixed_across_relations() -> None:
    relations = [Relation("t", ("a", "b")), Relation("u", ("b", "c"))]
    assert set(determined(relations, {"a", "b"})) == {"a", "b"}  # b from u, then a from t
    assert determined(relations, {"a", "b", "c"}) == []


def test_relations_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError):
        suppress({"t": 5, "a": 1}, [Relation("t", ("a",))])


def test_median() -> None:
    assert median([]) is None
    assert median([3.0]) == 3.0
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 2.0, 10.0]) == 3.0


def test_every_2_by_2_table_of_counts_0_to_6() -> None:
    for cells in itertools.product(range(0, 7), repeat=4):  # all 2,401 of them
        values, relations = grid([list(cells[:2]), list(cells[2:])])
        assert_safe(values, relations, set())


small_counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.lists(
                st.lists(small_counts, min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_no_withheld_count_can_be_recovered_from_any_table(cells: list[list[int]]) -> None:
    values, relations = grid(cells)
    assert_safe(values, relations, set())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(small_counts, small_counts), min_size=1, max_size=8))
def test_hidden_complements_are_never_revealed(pairs: list[tuple[int, int]]) -> None:
    # per month: released = with housing + without (hidden); a total over the months
    values: Table = {}
    relations: list[Relation] = []
    hidden: set[Hashable] = set()
    for month, (yes, no) in enumerate(pairs):
        values[("released", month)] = yes + no
        values[("yes", month)] = yes
        values[("no", month)] = no
        hidden.add(("no", month))
        relations.append(Relation(("released", month), (("yes", month), ("no", month))))
    for row in ("released", "yes", "no"):
        values[(row, "all")] = sum(values[(row, m)] for m in range(len(pairs)))
        relations.append(Relation((row, "all"), tuple((row, m) for m in range(len(pairs)))))
    relations.append(Relation(("released", "all"), (("yes", "all"), ("no", "all"))))
    hidden.add(("no", "all"))
    assert_safe(values, relations, hidden)
