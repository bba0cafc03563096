"""Every guidance prompt is drawn somewhere it is used: wizard pages, workspace tabs, windows."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.domain import guidance
from engager_desktop.store.vault import Vault
from engager_desktop.ui.directory_window import DirectoryWindow
from engager_desktop.ui.guidance_panel import CAUTION_WORDS, FoldingGuidance, GuidancePanel
from engager_desktop.ui.supervision_view import SupervisionView
from engager_desktop.ui.wizards import KINDS, create
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops
from tests.ui.wizard_helpers import make_man


def _panels(qtbot: QtBot, vault: Vault) -> Iterator[tuple[str, GuidancePanel]]:
    """Every guidance panel the app draws, named by where it is, on a real vault."""
    man = make_man(vault)
    for kind in KINDS:
        wizard = create(kind, vault, man, use_drafts=False)
        qtbot.addWidget(wizard)
        for page in wizard.pages:
            yield f"{kind} wizard › {page.TITLE}", page.guidance
    workspace = Workspace()
    qtbot.addWidget(workspace)
    for tab in workspace.tabs:
        if tab.guidance is not None:
            yield f"{tab.title} tab", tab.guidance.panel
    for window in (SupervisionView(vault), DirectoryWindow(vault)):
        qtbot.addWidget(window)
        yield window.windowTitle(), window.guidance.panel
    wait_ops(qtbot)


def test_every_prompt_and_every_place_is_drawn_somewhere(qtbot: QtBot, vault: Vault) -> None:
    drawn: dict[str, list[str]] = {}
    for where, panel in _panels(qtbot, vault):
        text = panel.plain_text()
        for prompt in panel.prompts:
            assert prompt.text in text, (where, prompt.id)
            drawn.setdefault(prompt.id, []).append(where)
        for place in panel.places:
            drawn.setdefault(place, []).append(where)
    prompts = guidance.load_all()
    assert [p.id for p in prompts if p.id not in drawn] == []
    assert [place for place in guidance.PLACES if place not in drawn] == []
    assert len([p for p in prompts if p.id in drawn]) == len(prompts) == 119
    supervision = [p.id for p in guidance.for_point("P34")]
    assert all("Supervision" in drawn[pid] for pid in supervision if pid.startswith("super"))


def test_each_wizard_page_has_a_place_of_its_own(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    for kind in KINDS:
        wizard = create(kind, vault, man, use_drafts=False)
        qtbot.addWidget(wizard)
        places = [page.PLACE for page in wizard.pages]
        assert len(places) == len(set(places)), kind
        for page in wizard.pages:
            own = [p for p in page.guidance.prompts if guidance.is_own(p, (page.PLACE,))]
            assert own and page.guidance.prompts[0] == own[0], page.PLACE


def _page(qtbot: QtBot, vault: Vault, name: str) -> GuidancePanel:
    wizard = create("understanding", vault, make_man(vault), use_drafts=False)
    qtbot.addWidget(wizard)
    return next(page.guidance for page in wizard.pages if page.NAME == name)


def test_life_trauma_and_needs_pages_lead_with_their_own_prompts(
    qtbot: QtBot, vault: Vault
) -> None:
    pages = {name: _page(qtbot, vault, name) for name in ("life_story", "trauma", "needs")}
    firsts = {name: panel.prompts[0].id for name, panel in pages.items()}
    assert firsts == {
        "life_story": "life-story-whole-life",
        "trauma": "trauma-leave-room",
        "needs": "life-story-basic-needs-first",
    }
    ids = [prompt.id for panel in pages.values() for prompt in panel.prompts]
    assert len(ids) == len(set(ids)), "a prompt repeats across the three pages"
    cautions = [p.id for panel in pages.values() for p in panel.prompts if p.caution]
    assert len(cautions) == len(set(cautions)) == 4
    assert all(p.caution for p in pages["trauma"].prompts)
    assert pages["life_story"].plain_text().startswith(pages["life_story"].prompts[0].text)


def test_a_page_shows_its_own_prompts_before_shared_ones_each_once() -> None:
    places = ("tab.people", "tab.services")
    prompts = guidance.for_places(places)
    ids = [prompt.id for prompt in prompts]
    assert len(ids) == len(set(ids)) and "consent-before-sharing" in ids
    own = [guidance.is_own(prompt, places) for prompt in prompts]
    assert own == sorted(own, reverse=True)
    assert prompts[0].caution


def _show(qtbot: QtBot, widget: QWidget) -> None:
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)


def test_tab_guidance_opens_from_the_keyboard_and_names_its_cautions(qtbot: QtBot) -> None:
    workspace = Workspace()
    qtbot.addWidget(workspace)
    _show(qtbot, workspace)
    community = next(tab for tab in workspace.tabs if tab.title == "Community")
    workspace.set_current_tab(workspace.tabs.index(community))
    folding = community.guidance
    assert isinstance(folding, FoldingGuidance)
    workspace.stack.setEnabled(True)
    assert not folding.panel.isVisible() and not folding.is_open()
    assert "2 cautions" in folding.button.accessibleName()
    folding.button.setFocus()
    qtbot.keyClick(folding.button, Qt.Key.Key_Space)
    assert folding.is_open() and folding.panel.isVisible()
    assert f"{CAUTION_WORDS} " in folding.panel.plain_text()
    assert folding.button.text().startswith("Hide")
    qtbot.keyClick(folding.button, Qt.Key.Key_Space)
    assert not folding.panel.isVisible()


def test_supervision_window_shows_the_five_supervision_prompts(qtbot: QtBot, vault: Vault) -> None:
    view = SupervisionView(vault)
    qtbot.addWidget(view)
    _show(qtbot, view)
    view.guidance.button.click()
    assert view.guidance.panel.isVisible()
    text = view.guidance.panel.plain_text()
    own = [p for p in guidance.load_all() if p.id.startswith("supervision-")]
    assert len(own) == 5
    assert all(prompt.text in text for prompt in own)
    wait_ops(qtbot)
