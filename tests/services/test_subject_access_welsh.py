"""The subject access document in Welsh (issue 19): its sections, record names and every field
label come out in Welsh under ``i18n.using("cy")``; the JSON file keeps its field names."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from engager_desktop import i18n
from engager_desktop.services import subject_access
from engager_desktop.services.participants import get_participant, update_participant
from engager_desktop.services.subject_access_text import LABELS, SECTIONS
from engager_desktop.store.vault import Vault
from tests.services.protection_fixtures import seed_man
from tests.worksheets.pdfcheck import text_of

CANARY = "Rtvsarcanary4"


def test_a_welsh_subject_access_document_has_welsh_sections_and_labels(
    vault: Vault, tmp_path: Path
) -> None:
    man_id, counts = seed_man(vault, CANARY, meetings=3, goals=2)
    (tmp_path / "en").mkdir()
    with i18n.using("cy"):  # the screens in Welsh: his papers' language (English) decides
        english = subject_access.sar(vault, man_id, tmp_path / "en")
    assert "The information we hold about you" in text_of(english.pdf.read_bytes())
    man = get_participant(vault, man_id)
    update_participant(vault, man_id, replace(man, document_language="cy"))
    result = subject_access.sar(vault, man_id, tmp_path)  # the screens in English
    text = " ".join(text_of(result.pdf.read_bytes()).split())
    assert "Yr wybodaeth sydd gennym ni amdanoch chi" in text
    for kind, number in counts.items():
        title, singular, _intro = SECTIONS[kind]
        welsh_title = i18n.lookup("Doc.SubjectAccess", title, "cy")
        welsh_one = i18n.lookup("Doc.SubjectAccess", singular, "cy") or singular  # "Person"
        assert welsh_title and welsh_title in text, kind
        assert f"{welsh_one} {number} o {number}" in text, kind
        assert f" {number} of {number}" not in text, kind
    english_labels = [
        label
        for label in LABELS.values()
        if i18n.lookup("Doc.SubjectAccess", label, "cy") not in (None, label)
    ]
    shown = [label for label in english_labels if re.search(rf"(^| ){re.escape(label)}:", text)]
    assert shown == []
    assert "Cyfnod: Yn y carchar" in text or "Cyfnod:" in text
    assert re.search(r"y cyfarfod ar \d+ \w+ \d{4}", text)
    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert data["sections"][0]["kind"] == "participants"  # the JSON is not translated
    assert "preferred_name" in data["sections"][0]["records"][0]
