"""The ~60 fictional services of the demo vault, loaded from resources/demo_services.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from engager_desktop.domain.enums import GoalDomain

_RESOURCE = "demo_services.json"
_FIELDS = (
    "name",
    "kind",
    "setting",
    "area",
    "address",
    "phone",
    "email",
    "opening_hours",
    "weekend_hours",
    "out_of_hours",
    "cost_to_him",
    "referral_route",
    "referral_agreement",
    "does",
    "does_not",
)

# Which kinds of service fit a step towards a goal in each domain.
DOMAIN_SERVICE_KINDS: dict[GoalDomain, tuple[str, ...]] = {
    GoalDomain.HOUSING: ("housing_advice", "resettlement", "shelter"),
    GoalDomain.FAMILY_AND_RELATIONSHIPS: ("family_support",),
    GoalDomain.BENEFITS_AND_MONEY: ("job_centre", "benefits_advice", "debt_advice", "bank"),
    GoalDomain.WORK_AND_LEARNING: ("education", "job_centre", "library"),
    GoalDomain.HEALTH: ("gp", "healthcare", "mental_health", "talking_therapy", "gym"),
    GoalDomain.SUBSTANCES: ("drug_and_alcohol", "mutual_aid"),
    GoalDomain.COPING_WITH_PRISON: ("chaplaincy", "listeners", "gym", "library"),
    GoalDomain.OTHER: ("peer_mentoring", "community_group", "helpline", "food_bank"),
}


class DemoServicesError(ValueError):
    """The packaged demo services file is missing a field or malformed."""


@dataclass(frozen=True)
class DemoService:
    """One directory entry; ``verified_days_ago`` places its last check relative to "today"."""

    fields: dict[str, Any]
    verified_days_ago: int

    def row_fields(self, today: date) -> dict[str, Any]:
        """The Service columns except the synced ones, with last_verified worked out."""
        return {**self.fields, "last_verified": today - timedelta(days=self.verified_days_ago)}


def _parse(entry: dict[str, Any]) -> DemoService:
    missing = [name for name in (*_FIELDS, "verified_days_ago") if name not in entry]
    if missing:
        raise DemoServicesError(f"demo service entry lacks {', '.join(missing)}")
    return DemoService({name: entry[name] for name in _FIELDS}, int(entry["verified_days_ago"]))


@lru_cache(maxsize=1)
def load_demo_services() -> tuple[DemoService, ...]:
    """Every fictional service, in file order (which fixes their ids for a given seed)."""
    text = resources.files("engager_desktop.resources").joinpath(_RESOURCE).read_text("utf-8")
    try:
        entries = json.loads(text)["services"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DemoServicesError("demo services file is not valid") from exc
    return tuple(_parse(entry) for entry in entries)


__all__ = ["DOMAIN_SERVICE_KINDS", "DemoService", "DemoServicesError", "load_demo_services"]
