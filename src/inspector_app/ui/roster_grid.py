"""Per-officer results of one section: a row per person of the roster, an editable column per per-person item."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.answers import NA, display
from inspector_app.domain.checklist import PersonRef, Slot
from inspector_app.domain.results import slot_passes
from inspector_app.domain.template_model import AnswerType, Item, Per
from inspector_app.i18n import N_, _
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.mou_grid import ColouredDelegate, GridView, Index, Role, brush, typed_in, watch_typing

FIXED = (N_("ID number"), N_("Name"), N_("Rank"), N_("Gender"))
ID_NUMBER, NAME, RANK, GENDER = range(len(FIXED))
_GENDERS = {"female": N_("female"), "male": N_("male")}
_NUMBERS = (AnswerType.SCORE, AnswerType.NUMBER)
_EDITABLE = (*_NUMBERS, AnswerType.CHOICE, AnswerType.YES_NO, AnswerType.TEXT, AnswerType.DATE)
NUMBER_LIMIT = 999_999


class RosterModel(QAbstractTableModel):
    """Persons by the ``per: person`` items of one section; every edit goes through the controller."""

    def __init__(self, controller: InspectionController, section_code: str, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.section_code = section_code
        self.lang = lang
        self._load()
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self._on_reloaded)

    def _load(self) -> None:
        checklist = self.controller.state.checklist
        section = next((s for s in checklist.template.sections if s.code == self.section_code), None)
        self.items: list[Item] = [i for i in section.items if i.per is Per.PERSON] if section else []
        self.persons: list[PersonRef] = list(checklist.scope.persons)

    # -- reading ------------------------------------------------------------------------------
    def item_at(self, column: int) -> Item | None:
        return self.items[column - len(FIXED)] if column >= len(FIXED) else None

    def slot_at(self, row: int, column: int) -> Slot | None:
        item = self.item_at(column)
        return None if item is None else self.controller.slot(f"{item.code}/{self.persons[row].id_number}")

    def position(self, key: str) -> tuple[int, int] | None:
        """Row and column of the cell of slot ``key``."""
        slot = self.controller.slot(key)
        if slot is None or slot.person is None or slot.item not in self.items:
            return None
        rows = [p.id_number for p in self.persons]
        if slot.person.id_number not in rows:
            return None
        return rows.index(slot.person.id_number), len(FIXED) + self.items.index(slot.item)

    def applies(self, slot: Slot) -> bool:
        return slot.item.when is None or self.controller.relevant(slot)  # relevant() reads every answer

    def choices(self, item: Item) -> list[tuple[Any, str]]:
        """(value, label) pairs a combo box offers for a choice or yes/no item, n/a last where allowed."""
        if item.type is AnswerType.YES_NO:
            pairs: list[tuple[Any, str]] = [("yes", _("yes")), ("no", _("no"))]
        else:
            pairs = [(o.code, o.label.get(self.lang))
                     for o in self.controller.state.checklist.template.options(item)]
        if item.allow_na and NA not in (code for code, _label in pairs):
            pairs.append((NA, _("n/a")))
        return pairs

    def text(self, item: Item, value: Any) -> str:
        if value is None:
            return ""
        if value == NA:
            return _("n/a")
        if item.type in _NUMBERS and isinstance(value, int | float):
            return f"{value:g}"
        if item.type in (AnswerType.CHOICE, AnswerType.YES_NO):
            return dict(self.choices(item)).get(value, str(value))
        return display(value)

    def summary(self) -> list[tuple[Item, int, int]]:
        """(item, persons assessed, persons passing) per item; n/a counts as not assessed."""
        checklist, out = self.controller.state.checklist, []
        for column, item in enumerate(self.items, start=len(FIXED)):
            assessed = passing = 0
            for row in range(len(self.persons)):
                slot = self.slot_at(row, column)
                value = self.controller.value(slot.key) if slot else None
                if slot is None or value is None or value == NA:
                    continue
                assessed += 1
                passing += slot_passes(checklist, slot, value) is True
            out.append((item, assessed, passing))
        return out

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.persons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(FIXED) + len(self.items)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        item = self.item_at(section)
        if role == Role.DisplayRole:
            return _(FIXED[section]) if item is None else item.label.get(self.lang)
        if role == Role.ToolTipRole and item is not None and item.guidance is not None:
            return item.guidance.get(self.lang)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        slot = self.slot_at(index.row(), index.column())
        if slot is not None and slot.item.type in _EDITABLE and self.controller.editable and self.applies(slot):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        slot = self.slot_at(row, col)
        if slot is None:
            if role in (Role.DisplayRole, Role.EditRole) and col < len(FIXED):
                person = self.persons[row]
                value = (person.id_number, person.name, person.rank, person.gender)[col]
                return _(_GENDERS[value]) if col == GENDER and value in _GENDERS else value
            return None
        value = self.controller.value(slot.key)
        if role == Role.DisplayRole:
            return self.text(slot.item, value)
        if role == Role.EditRole:
            return value
        if role == Role.ForegroundRole:
            return self._foreground(slot, value)
        if role == Role.TextAlignmentRole and slot.item.type in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _foreground(self, slot: Slot, value: Any) -> QBrush | None:
        if not self.applies(slot):
            return brush("muted")
        verdict = slot_passes(self.controller.state.checklist, slot, value)
        return None if verdict is None else brush("ok" if verdict else "shortfall")

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:  # noqa: N802
        slot = self.slot_at(index.row(), index.column()) if index.isValid() else None
        if role != Role.EditRole or slot is None or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        if isinstance(value, str) and slot.item.type in (AnswerType.TEXT, AnswerType.DATE):
            value = value.strip() or None
        ok = self.controller.set_value(slot.key, value)
        self.dataChanged.emit(index, index)  # on refusal the cell shows the stored value again
        return ok

    # -- refresh ------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        if self.persons:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.persons) - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def _on_changed(self, key: str) -> None:
        where = self.position(key)
        if where is None:
            if any(item.when is not None for item in self.items):
                self.refresh_all()  # a single item's answer may change which of our cells apply
        else:
            self.dataChanged.emit(self.index(*where), self.index(*where))

    def _on_reloaded(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()


class PersonFilter(QSortFilterProxyModel):
    """Keeps the persons whose name or ID number contains the filter text."""

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        pattern = self.filterRegularExpression()
        model = self.sourceModel()
        return any(pattern.match(str(model.index(source_row, col, source_parent).data() or "")).hasMatch()
                   for col in (ID_NUMBER, NAME))


class _TypedNa:
    """Mixed into a spin box whose special value is n/a, so that typing n, na or n/a chooses it."""

    def _means_na(self, text: str) -> bool:
        typed, special = text.strip().lower(), self.specialValueText().lower()  # type: ignore[attr-defined]
        return bool(typed and special) and (typed in ("n", "na", NA) or special.startswith(typed))

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if self._means_na(text):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)  # type: ignore[misc]

    def valueFromText(self, text: str) -> Any:  # noqa: N802
        return self.minimum() if self._means_na(text) else super().valueFromText(text)  # type: ignore[misc]


class _IntBox(_TypedNa, QSpinBox):
    pass


class _NumberBox(_TypedNa, QDoubleSpinBox):
    pass


class ResultDelegate(ColouredDelegate):
    """Spin boxes within the item's min..max (n/a just below the minimum), combo boxes for choices."""

    def __init__(self, model: RosterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        item = self.roster.item_at(index.column())
        if item is None or item.type not in (*_NUMBERS, AnswerType.CHOICE, AnswerType.YES_NO):
            return super().createEditor(parent, option, index)
        if item.type in _NUMBERS:
            spin: QSpinBox | QDoubleSpinBox = _IntBox(parent) if item.integer else _NumberBox(parent)
            low = (item.min if item.min is not None else 0) - (1 if item.allow_na else 0)
            high = item.max if item.max is not None else NUMBER_LIMIT
            if isinstance(spin, QSpinBox):
                spin.setRange(int(low), int(high))
            else:
                spin.setDecimals(2)
                spin.setRange(low, high)
            if item.allow_na:
                spin.setSpecialValueText(_("n/a"))
            spin.setFrame(False)
            watch_typing(spin)
            return spin
        combo = QComboBox(parent)
        combo.addItem("", None)  # no answer
        for value, label in self.roster.choices(item):
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Role.EditRole)
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            item = self.roster.item_at(index.column())
            if value == NA:
                editor.setValue(editor.minimum())
            elif isinstance(value, int | float):
                editor.setValue(value)  # type: ignore[arg-type]
            else:
                editor.setValue(editor.minimum() + (1 if item and item.allow_na else 0))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            if index.data(Role.EditRole) is None and not typed_in(editor):
                return
            editor.interpretText()
            na = bool(editor.specialValueText()) and editor.value() == editor.minimum()
            model.setData(index, NA if na else editor.value(), Role.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Role.EditRole)
        else:
            super().setModelData(editor, model, index)


class RosterGrid(QWidget):
    """The per-officer results of section ``section_code``, with a filter above and a summary below."""

    def __init__(self, controller: InspectionController, section_code: str, parent: QWidget | None = None,
                 *, lang: str = "en") -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = RosterModel(controller, section_code, lang, self)
        self.proxy = PersonFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = GridView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ResultDelegate(self.model, self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.resizeColumnsToContents()
        self.setFocusProxy(self.view)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)
        self.model.dataChanged.connect(self.update_summary)
        self.model.modelReset.connect(self.update_summary)
        self.retranslate()

    def set_language(self, lang: str) -> None:
        """Show item labels and choices in ``lang`` ("en" or "fr")."""
        self.model.lang = lang
        self.retranslate()

    def focus_key(self, key: str) -> bool:
        """Make the cell of slot ``key`` current and give the table focus; False if not in this grid."""
        where = self.model.position(key)
        if where is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(*where))
        if not index.isValid():  # filtered out
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(*where))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    def update_summary(self) -> None:
        total = len(self.model.persons)
        parts = [_("{item}: {assessed} of {total} assessed, {passing} passing").format(
            item=item.label.get(self.model.lang), assessed=assessed, total=total, passing=passing)
            for item, assessed, passing in self.model.summary()]
        self.summary.setText(" · ".join(parts))

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(_("Filter by name or ID number"))
        self.model.refresh_all()
        self.update_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
