"""One editor per answer type. An editor shows a value and emits ``committed`` with a checked value.

Typed input goes through the domain's ``parse_value``, so the window accepts exactly what the
command line accepts and shows the same message when it does not.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from inspector_app.domain.answers import NA, display, parse_value
from inspector_app.domain.template_model import AnswerType, Item, Option
from inspector_app.errors import ValidationError
from inspector_app.i18n import _


class AnswerEditor(QWidget):
    committed = Signal(object)  # the new value (None withdraws the answer)
    invalid = Signal(str)  # why the typed text was refused
    advance = Signal()  # Enter: the user is done with this item

    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item, self.options, self.lang = item, options, lang
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus(self) -> None:
        self.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def flush(self) -> None:
        """Commit typed text that was not committed yet."""


class _TypedEditor(AnswerEditor):
    """Numbers, scores, dates: typed text, checked on Enter or when focus leaves."""

    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, options, lang, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_placeholder(item))
        self.row.addWidget(self.edit)
        self.range = QLabel(_range(item), self)  # stays in view once a value is typed, unlike the placeholder
        self.range.setVisible(bool(self.range.text()))
        self.row.addWidget(self.range)
        self._shown = ""
        self.edit.editingFinished.connect(self._commit)
        self.edit.returnPressed.connect(self._enter)

    def set_value(self, value: Any) -> None:
        self._shown = "" if value is None else ("n/a" if value == NA else display(value))
        self.edit.setText(self._shown)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def flush(self) -> None:
        self._commit()

    def _enter(self) -> None:
        """Enter saves and moves on; refused text stays in the field with its message."""
        if self._commit():
            self.advance.emit()

    def _commit(self) -> bool:
        text = self.edit.text().strip()
        if text == self._shown:
            return True
        if not text:
            self._shown = ""
            self.committed.emit(None)
            return True
        try:
            value = parse_value(self.item, text, self.options)
        except ValidationError as exc:
            self.invalid.emit(str(exc))
            return False
        self._shown = text
        self.committed.emit(value)
        return True


class _YesNoEditor(AnswerEditor):
    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, options, lang, parent)
        self.group = QButtonGroup(self)
        choices = [("yes", _("&Yes")), ("no", _("&No"))] + ([(NA, _("N/&A"))] if item.allow_na else [])
        for code, label in choices:
            button = QRadioButton(label, self)
            button.setProperty("code", code)
            button.installEventFilter(self)
            self.group.addButton(button)
            self.row.addWidget(button)
        self.row.addStretch()
        self.group.buttonClicked.connect(lambda b: self.committed.emit(b.property("code")))

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(button.property("code") == value)
        self.group.setExclusive(True)

    def focus(self) -> None:
        checked = self.group.checkedButton() or self.group.buttons()[0]
        checked.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                button = watched
                if isinstance(button, QRadioButton) and not button.isChecked():
                    button.click()
                self.advance.emit()
                return True
        return super().eventFilter(watched, event)


class _ChoiceEditor(AnswerEditor):
    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, options, lang, parent)
        self.combo = QComboBox(self)
        self.combo.addItem(_("— not answered —"), None)
        for option in options:
            self.combo.addItem(option.label.get(lang), option.code)
        if item.allow_na and NA not in [o.code for o in options]:
            self.combo.addItem(_("not applicable"), NA)
        self.row.addWidget(self.combo, 1)
        self.combo.activated.connect(lambda i: self.committed.emit(self.combo.itemData(i)))
        self.combo.installEventFilter(self)

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def focus(self) -> None:
        self.combo.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.combo.view().isVisible()):
            self.advance.emit()
            return True
        return super().eventFilter(watched, event)


class _TextEditor(AnswerEditor):
    """Free text: saved when focus leaves or on Ctrl+Enter (which also moves on)."""

    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, options, lang, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(120)
        self.row.addWidget(self.edit)
        self.edit.installEventFilter(self)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = value or ""
        self.edit.setPlainText(self._shown)

    def focus(self) -> None:
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.FocusOut:
            self._commit()
        elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
              and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
              and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._commit()
            self.advance.emit()
            return True
        return super().eventFilter(watched, event)

    def flush(self) -> None:
        self._commit()

    def _commit(self) -> None:
        text = self.edit.toPlainText().strip()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text or None)


class _NoteEditor(AnswerEditor):
    """Photo and signature items are answered elsewhere (photos below, signatures at sign-off)."""

    def __init__(self, item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, options, lang, parent)
        text = _("Add the photos below.") if item.type is AnswerType.PHOTO else _("Captured at sign-off.")
        self.label = QLabel(text, self)
        self.row.addWidget(self.label)

    def set_value(self, value: Any) -> None:
        if value is not None:
            self.label.setText(display(value))


_EDITORS: dict[AnswerType, type[AnswerEditor]] = {
    AnswerType.YES_NO: _YesNoEditor,
    AnswerType.CHOICE: _ChoiceEditor,
    AnswerType.TEXT: _TextEditor,
    AnswerType.NUMBER: _TypedEditor,
    AnswerType.SCORE: _TypedEditor,
    AnswerType.DATE: _TypedEditor,
    AnswerType.MOU_COUNT: _TypedEditor,
    AnswerType.PHOTO: _NoteEditor,
    AnswerType.SIGNATURE: _NoteEditor,
}


def editor_for(item: Item, options: list[Option], lang: str, parent: QWidget | None = None) -> AnswerEditor:
    return _EDITORS[item.type](item, options, lang, parent)


def _placeholder(item: Item) -> str:
    if item.type is AnswerType.DATE:
        return _("YYYY-MM-DD")
    if item.type is AnswerType.MOU_COUNT:
        return "found=8 serviceable=7"
    if item.min is not None and item.max is not None:
        return _("a number from {min:g} to {max:g}").format(min=item.min, max=item.max)
    return _("a number")


def _range(item: Item) -> str:
    """'(0 to 100, pass mark 70)' beside a bounded number or score; "" for anything else."""
    if item.min is None or item.max is None:
        return ""
    if item.pass_max is not None:
        return _("({min:g} to {max:g}, pass at {pass_max:g} or less)").format(min=item.min, max=item.max,
                                                                             pass_max=item.pass_max)
    if item.pass_mark is None:
        return _("({min:g} to {max:g})").format(min=item.min, max=item.max)
    return _("({min:g} to {max:g}, pass mark {pass_mark:g})").format(min=item.min, max=item.max,
                                                                     pass_mark=item.pass_mark)
