"""The registry of printable documents: kind name -> builder, its input, and how it may be used.

The CLI and GUI list and build documents through ``KINDS`` only, so a new document is one new
module plus one entry here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, BinaryIO

from engager_desktop.worksheets import (
    action_plan,
    device_card_sheet,
    ending,
    explainer,
    family_sheet,
    links_map,
    pledge,
    recovery_sheet,
    release_plan,
    services_card,
    supervision,
    understanding,
    workbook,
)
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import StyleSpec, spec_for

Builder = Callable[[Any, BinaryIO, PrintOptions], None]


@dataclass(frozen=True)
class Kind:
    """One kind of document.

    ``needs_man``: built for one man (the CLI needs ``--man`` unless printing a blank one).
    ``his``: a document he keeps, written to him ("you"), in clear print (14 pt body text).
    ``easy_read``: an Easy Read version exists (a picture beside each idea, short sentences).
    ``for_others``: meant for someone other than the man (shows what it includes; his contact
    details and whereabouts need his consent). ``has_blank``: a blank version exists for in-cell
    use, built from ``input_type()``.
    """

    name: str
    title: str
    build: Builder
    input_type: type
    needs_man: bool
    for_others: bool = False
    has_blank: bool = False
    his: bool = False
    easy_read: bool = False

    def spec(self, options: PrintOptions) -> StyleSpec:
        """The type sizes and margins this kind prints with, for ``options``."""
        if self.name == "services-card":
            return services_card.spec(options)
        return spec_for(options, self.his)

    def blank(self) -> Any:
        """The empty input: every part prints as lines to fill in by hand."""
        return self.input_type()


def _kinds(*kinds: Kind) -> Mapping[str, Kind]:
    return MappingProxyType({kind.name: kind for kind in kinds})


KINDS: Mapping[str, Kind] = _kinds(
    Kind(
        "understanding",
        understanding.TITLE,
        understanding.build,
        i.UnderstandingInput,
        True,
        his=True,
    ),
    Kind(
        "action-plan",
        action_plan.TITLE,
        action_plan.build,
        i.ActionPlanInput,
        True,
        his=True,
        easy_read=True,
    ),
    Kind(
        "workbook", workbook.TITLE, workbook.build, i.WorkbookInput, True, has_blank=True, his=True
    ),
    Kind(
        "pledge",
        pledge.TITLE,
        pledge.build,
        i.PledgeInput,
        True,
        has_blank=True,
        his=True,
        easy_read=True,
    ),
    Kind(
        "release-plan",
        release_plan.TITLE,
        release_plan.build,
        i.ReleaseInput,
        True,
        his=True,
        easy_read=True,
    ),
    Kind(
        "services-card",
        services_card.TITLE,
        services_card.build,
        i.ServicesCardInput,
        True,
        his=True,
    ),
    Kind(
        "family-sheet",
        family_sheet.TITLE,
        family_sheet.build,
        i.FamilySheetInput,
        True,
        for_others=family_sheet.FOR_OTHERS,
    ),
    Kind("ending", ending.TITLE, ending.build, i.EndingInput, True, his=True, easy_read=True),
    Kind(
        "links-map",
        links_map.TITLE,
        links_map.build,
        i.LinksMapInput,
        True,
        has_blank=True,
        his=True,
    ),
    Kind("supervision", supervision.TITLE, supervision.build, i.SupervisionInput, False),
    Kind(
        "explainer",
        explainer.TITLE,
        explainer.build,
        i.ExplainerInput,
        False,
        for_others=explainer.FOR_OTHERS,
    ),
    Kind("recovery-sheet", recovery_sheet.TITLE, recovery_sheet.build, i.RecoveryInput, False),
    Kind(
        "device-card",
        device_card_sheet.TITLE,
        device_card_sheet.build,
        device_card_sheet.DeviceCardInput,
        False,
    ),
)


def kind(name: str) -> Kind:
    """The kind called ``name``; a ValueError listing the kinds for any other name."""
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise ValueError(f"no document kind {name!r}; the kinds are: {known}") from None


def build_pdf(name: str, data: Any | None, options: PrintOptions) -> bytes:
    """The PDF bytes of kind ``name`` for ``data`` (None: the blank version, or an empty one)."""
    chosen = kind(name)
    if options.easy_read and not chosen.easy_read:
        raise ValueError(f"{name} has no Easy Read version")
    if data is None:
        data = chosen.blank()
        options = replace(options, blank=True)
    if not isinstance(data, chosen.input_type):
        raise TypeError(
            f"{name} is built from {chosen.input_type.__name__}, not {type(data).__name__}"
        )
    out = io.BytesIO()
    chosen.build(data, out, options)
    return out.getvalue()
