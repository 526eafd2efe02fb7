"""The settings dialog edits the profile through the profile service; the certificate's name wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.services import profile
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, ws: Workspace) -> SettingsDialog:
    dialog = SettingsDialog(ws, Preferences(ws.data))
    qtbot.addWidget(dialog)
    return dialog


def test_no_profile_shows_no_login_and_saves_the_name_typed(qtbot: QtBot, data_dir: Path) -> None:
    with open_workspace(data_dir) as ws:
        dialog = _dialog(qtbot, ws)
        assert dialog.ui.name.text() == "" and "unknown inspector" in dialog.ui.profileStatus.text()
        qtbot.keyClicks(dialog.ui.name, "Awa Diop")
        dialog.ui.role.setCurrentIndex(dialog.ui.role.findData("team_leader"))
        dialog.accept()
        assert profile.current(ws) == profile.Profile("Awa Diop", "team_leader", profile.PROFILE)
        assert ws.actor == "Awa Diop"


def test_a_cleared_name_is_refused_in_the_dialog(qtbot: QtBot, ws: Workspace) -> None:
    profile.save(ws, "Awa Diop", "inspector")
    dialog = _dialog(qtbot, ws)
    dialog.ui.name.clear()
    dialog.accept()
    assert "give the inspector's full name" in dialog.ui.profileStatus.text()
    assert profile.current(ws).name == "Awa Diop"


def test_the_certificate_names_the_inspector_once_a_key_exists(qtbot: QtBot, ws: Workspace) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.ui.name.setText("Moussa Fall")
    assert dialog.create_key("a long enough passphrase")
    assert dialog.ui.name.text() == "Moussa Fall" and not dialog.ui.name.isEnabled()
    assert not dialog.ui.role.isEnabled() and "certificate" in dialog.ui.profileStatus.text()
    assert profile.current(ws).source == profile.CERTIFICATE
