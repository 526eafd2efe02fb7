"""A checklist's sections as a list of ticks: the sections a spot check covers (new inspection, plan)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from inspector_app.i18n import current_language
from inspector_app.services.templates import TemplateChoice


def fill(ticks: QListWidget, choice: TemplateChoice | None) -> None:
    """``choice``'s sections in the current language, none ticked (no template: an empty list)."""
    ticks.clear()
    for code, title in choice.sections if choice else ():
        item = QListWidgetItem(title.get(current_language()), ticks)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)


def ticked(ticks: QListWidget) -> list[str]:
    """The codes of the ticked sections, in the list's order."""
    items = (ticks.item(i) for i in range(ticks.count()))
    return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]
