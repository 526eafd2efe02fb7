"""The yes/no checks asked for every MOU line, as columns of the MOU grid.

Every other ``per: mou_line`` yes/no item of the count's section becomes a column, read from the template.
A cell answers the slot ``code/LINE``; typing y, n or a (n/a, where allowed) answers at once, F2 or a
double click opens a combo box, Delete withdraws the answer. A check that does not apply to the line
(e.g. ``when: {lease: wet}`` on a dry line) shows a muted dash and cannot be edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Slot
from inspector_app.domain.results import slot_passes
from inspector_app.domain.template_model import AnswerType, Item, Per
from inspector_app.i18n import _, current_language
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController

Role = Qt.ItemDataRole
NOT_APPLICABLE = "—"
_KEYS = {"y": "yes", "n": "no", "a": NA}  # typed in any language; a translated label's first letter works too


def choices(item: Item) -> list[tuple[str, str]]:
    """(value, label) of the answers ``item`` accepts: yes, no, and n/a where allowed."""
    pairs = [("yes", _("yes")), ("no", _("no"))]
    return [*pairs, (NA, _("n/a"))] if item.allow_na else pairs


def typed_value(item: Item, text: str) -> str | None:
    """The answer a typed key stands for (y, n, a for n/a, or a label's first letter), else None."""
    key = text.strip().lower()
    if len(key) != 1:
        return None
    allowed = dict(choices(item))
    if _KEYS.get(key) in allowed:
        return _KEYS[key]
    return next((value for value, label in allowed.items() if label[:1].lower() == key), None)


class LineChecks:
    """The check columns of a MOU grid: ``first`` onwards, one per check item, a row per count slot."""

    def __init__(self, controller: InspectionController, count_slots: list[Slot], first: int) -> None:
        self.controller = controller
        self.first = first
        self._lines = [slot.mou_line.line_no if slot.mou_line else None for slot in count_slots]
        siblings = count_slots[0].section.items if count_slots else []
        count = count_slots[0].item.code if count_slots else ""
        self.items: list[Item] = [i for i in siblings
                                  if i.per is Per.MOU_LINE and i.type is AnswerType.YES_NO and i.code != count]
        self._codes = [i.code for i in self.items]
        # an item conditioned on another answer may start or stop applying after any edit
        self.follows_answers = any(i.when is not None and i.when.item is not None for i in self.items)

    @property
    def end(self) -> int:
        """The column after the last check."""
        return self.first + len(self.items)

    def item_at(self, column: int) -> Item | None:
        return self.items[column - self.first] if self.first <= column < self.end else None

    def column_of(self, code: str) -> int | None:
        return self.first + self._codes.index(code) if code in self._codes else None

    def slot_at(self, row: int, column: int) -> Slot | None:
        item = self.item_at(column)
        if item is None or not 0 <= row < len(self._lines):
            return None
        return self.controller.slot(f"{item.code}/{self._lines[row]}")

    def cell(self, key: str) -> tuple[int, int] | None:
        """Row and column of the check slot ``key``; None when it is not one of these checks."""
        slot = self.controller.slot(key)
        if slot is None or slot.mou_line is None or slot.item.code not in self._codes:
            return None
        if slot.mou_line.line_no not in self._lines:
            return None
        return self._lines.index(slot.mou_line.line_no), self.first + self._codes.index(slot.item.code)

    # -- answers ------------------------------------------------------------------------------
    def applies(self, slot: Slot) -> bool:
        cond, checklist = slot.item.when, self.controller.state.checklist
        if cond is None:
            return True
        if cond.item is None:  # a lease condition: no need to gather every answer
            return checklist.relevant(slot, {})
        return self.controller.relevant(slot)

    def editable(self, slot: Slot) -> bool:
        return self.controller.editable and self.applies(slot)

    def text(self, slot: Slot) -> str:
        if not self.applies(slot):
            return NOT_APPLICABLE
        value = self.controller.value(slot.key)
        return "" if value is None else dict(choices(slot.item)).get(value, str(value))

    def foreground(self, slot: Slot) -> QColor | None:
        if not self.applies(slot):
            return theme.colour("muted")
        verdict = slot_passes(self.controller.state.checklist, slot, self.controller.value(slot.key))
        return theme.colour("shortfall") if verdict is False else None

    def data(self, slot: Slot, role: int) -> Any:
        """What the model returns for ``role`` in the cell of ``slot`` (the row's background aside)."""
        if role == Role.DisplayRole:
            return self.text(slot)
        if role == Role.EditRole:
            return self.controller.value(slot.key)
        if role == Role.ForegroundRole:
            colour = self.foreground(slot)
            return None if colour is None else QBrush(colour)
        if role == Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def answer(self, slot: Slot, value: Any) -> bool:
        """Save ``value`` (None withdraws the answer); False when it is not one of the item's answers."""
        if value is not None and value not in dict(choices(slot.item)):
            return False
        return self.controller.set_value(slot.key, value)

    def header(self, column: int, role: int) -> Any:
        item, lang = self.item_at(column), current_language()
        if item is None:
            return None
        if role == Role.DisplayRole:
            return item.label.get(lang)
        if role == Role.ToolTipRole:  # the label too: a narrow column cuts it short
            guidance = item.guidance.get(lang) if item.guidance else ""
            return f"{item.label.get(lang)}\n\n{guidance}" if guidance else item.label.get(lang)
        return None


class CheckCombo(QComboBox):
    """The answers of one check, blank first (no answer); typed keys pick as in the grid, Delete clears."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.addItem("", None)
        for value, label in choices(item):
            self.addItem(label, value)
        self.setFrame(False)

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's name)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setCurrentIndex(0)
            return
        value = typed_value(self.item, event.text())
        if value is not None:
            self.set_value(value)
            return
        super().keyPressEvent(event)
