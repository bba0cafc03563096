"""The read workload shared by the caseload and cipher benchmarks: filters, searches, one record.

Everything is chosen from the deterministic demo data, so every run asks the same questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engager_desktop.services import caseload
from engager_desktop.services.caseload import CaseloadFilter
from engager_desktop.store.vault import Vault

FILTERS: tuple[tuple[str, CaseloadFilter], ...] = (
    ("phase:in_prison", CaseloadFilter(phases=("in_prison",))),
    ("phase:in_community", CaseloadFilter(phases=("in_community",))),
    ("release-within:28", CaseloadFilter(release_within=28)),
    ("overdue", CaseloadFilter(overdue=True)),
    ("no-contact:14", CaseloadFilter(no_contact_days=14)),
    ("conflicts", CaseloadFilter(conflicts=True)),
    ("phase:in_community + overdue", CaseloadFilter(phases=("in_community",), overdue=True)),
)
FIXED_SEARCHES = ("tenancy", "gym", "housing benefit", "kids")


@dataclass(frozen=True)
class Call:
    label: str
    run: Callable[[], object]


def search_texts(vault: Vault) -> tuple[str, ...]:
    """What a practitioner types: a surname letter by letter, a full name, a prison number."""
    rows = caseload.list_caseload(vault, CaseloadFilter(phases=("in_prison",)))
    man = rows[len(rows) // 3]
    number = man.prison_number or "Z1"
    family = man.family_name
    typed = (family[:2], family[:3], family[:5], family, f"{man.given_name} {family}")
    return (*dict.fromkeys(typed), number, number[:4], *FIXED_SEARCHES)


def filter_calls(vault: Vault) -> list[Call]:
    return [Call(label, _lister(vault, f)) for label, f in FILTERS]


def search_calls(vault: Vault, texts: tuple[str, ...]) -> list[Call]:
    return [Call(f"search {text!r}", _searcher(vault, text)) for text in texts]


def record_call(vault: Vault, man_id: str) -> Call:
    return Call("whole record", lambda: caseload.load_man(vault, man_id))


def read_workload(vault: Vault, texts: tuple[str, ...], heavy_man_id: str) -> list[Call]:
    """One pass of the caseload read workload: every filter, every search, the heavy record."""
    return [*filter_calls(vault), *search_calls(vault, texts), record_call(vault, heavy_man_id)]


def _lister(vault: Vault, filters: CaseloadFilter) -> Callable[[], object]:
    return lambda: caseload.list_caseload(vault, filters)


def _searcher(vault: Vault, text: str) -> Callable[[], object]:
    return lambda: caseload.search(vault, text)
