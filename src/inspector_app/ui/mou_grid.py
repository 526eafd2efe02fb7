"""COE major-equipment grid: one editable row per MOU line (found, serviceable, remark, checks) with live totals.

``GridView`` is the data-entry table both grids share: typing starts editing, Enter commits and
moves down, Tab visits editable cells only, Delete withdraws the answer.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFocusEvent, QKeyEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.checklist import Slot
from inspector_app.domain.serviceability import Aggregate, LineCount, aggregate
from inspector_app.i18n import N_, _, ngettext
from inspector_app.locale_format import format_percent as percent
from inspector_app.services import inspections
from inspector_app.ui import theme
from inspector_app.ui.asset_table import AssetTable
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.line_checks import CheckCombo, LineChecks, typed_value
from inspector_app.ui.wrapped_header import WrappedHeader

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

# The counts come right after the item, so they stay in view on a laptop screen; then a column per check of
# the section (see line_checks), then the category and lease: their indexes are the model's category_column
# and lease_column.
COLUMNS = (N_("Line"), N_("Item"), N_("MOU qty"), N_("Found"), N_("Serviceable"), N_("Serviceability %"),
           N_("Shortfall"), N_("Surplus"), N_("Remark"))
LINE, ITEM, MOU, FOUND, SERVICEABLE, PERCENT, SHORTFALL, SURPLUS, REMARK = range(len(COLUMNS))
FIRST_CHECK = len(COLUMNS)
TAIL = (N_("Category"), N_("Lease"))
FIELDS = {FOUND: "found", SERVICEABLE: "serviceable"}
_NUMERIC = {LINE, MOU, FOUND, SERVICEABLE, PERCENT, SHORTFALL, SURPLUS}
_LEASES = {"wet": N_("wet"), "dry": N_("dry")}
MAX_COUNT = 9999
# The row colours of a counted line, in the legend's order: what each means, with the standard as {threshold}.
BANDS = {"shortfall_bg": N_("short, or below {threshold} serviceable"), "surplus_bg": N_("surplus"),
         "ok_bg": N_("{threshold} serviceable or more")}


def brush(name: str) -> QBrush:
    """A named theme colour as the brush a model returns for Foreground/BackgroundRole."""
    return QBrush(theme.colour(name))


def watch_typing(editor: QWidget) -> None:
    """Remember whether the user types in ``editor``, so an empty cell stays empty on a bare Enter."""
    line = editor.findChild(QLineEdit)
    if line is not None:
        line.textEdited.connect(lambda: editor.setProperty("typed", True))


def typed_in(editor: QWidget) -> bool:
    return bool(editor.property("typed"))


class GridView(QTableView):
    """A table for keyboard data entry, shared by the MOU and roster grids.

    As in a spreadsheet, Enter after a run of Tabs goes down to the column where the run began:
    type found, Tab, serviceable, Enter, and the next line's found is ready.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trigger = QAbstractItemView.EditTrigger
        self.setEditTriggers(trigger.AnyKeyPressed | trigger.DoubleClicked | trigger.EditKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self._tab_start: int | None = None  # the column where a run of Tabs began

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's name)
        current = self.currentIndex()
        if self.state() != QAbstractItemView.State.EditingState and current.isValid():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_down()
                return
            if event.key() == Qt.Key.Key_Delete and current.flags() & Qt.ItemFlag.ItemIsEditable:
                self.model().setData(current, None, Role.EditRole)
                return
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
                self._tab_start = None
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # the editor's Enter
            self.move_down()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802  (Qt's name)
        """Arriving in the grid lands on an editable cell, so numbers can be typed at once."""
        super().focusInEvent(event)
        current = self.currentIndex()
        if current.isValid() and current.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        row = current.row() if current.isValid() else 0
        for column in range(self.model().columnCount()):
            index = self.model().index(row, column)
            if index.flags() & Qt.ItemFlag.ItemIsEditable and not self.isColumnHidden(column):
                self.setCurrentIndex(index)
                return

    def moveCursor(  # noqa: N802
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab and Backtab go to the next or previous editable cell, row after row (none: leave the grid)."""
        cursor = QAbstractItemView.CursorAction
        if action not in (cursor.MoveNext, cursor.MovePrevious) or not self.currentIndex().isValid():
            return super().moveCursor(action, modifiers)
        model, current = self.model(), self.currentIndex()
        if self._tab_start is None:
            self._tab_start = current.column()
        columns = model.columnCount()
        step = 1 if action == cursor.MoveNext else -1
        pos = current.row() * columns + current.column() + step
        while 0 <= pos < model.rowCount() * columns:
            index = model.index(pos // columns, pos % columns)
            if index.flags() & Qt.ItemFlag.ItemIsEditable and not self.isColumnHidden(index.column()):
                return index
            pos += step
        return QModelIndex()

    def move_down(self) -> None:
        current = self.currentIndex()
        column = current.column() if self._tab_start is None else self._tab_start
        self._tab_start = None
        below = current.sibling(current.row() + 1, column)
        if below.isValid():
            self.setCurrentIndex(below)


class MouGridModel(QAbstractTableModel):
    """MOU lines of one ``mou_count`` item; a line is saved once both found and serviceable are known."""

    def __init__(self, controller: InspectionController, item_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.item_code = item_code
        self._pending: dict[str, dict[str, int]] = {}  # key -> the half of a count not yet saved
        self._load()
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self._on_reloaded)

    def _load(self) -> None:
        self.slots: list[Slot] = [s for s in self.controller.state.checklist.slots
                                  if s.item.code == self.item_code and s.mou_line is not None]
        self._rows = {slot.key: row for row, slot in enumerate(self.slots)}
        limit = inspections.threshold(self.controller.workspace)  # the installation's, else the template's
        rules = self.controller.state.checklist.template.rules
        self.threshold = limit if limit is not None else rules.serviceability_threshold
        self._pending = {k: v for k, v in self._pending.items() if k in self._rows and self.stored(k) is None}
        self.checks = LineChecks(self.controller, self.slots, FIRST_CHECK)

    @property
    def category_column(self) -> int:
        return self.checks.end

    @property
    def lease_column(self) -> int:
        return self.checks.end + 1

    def check_column(self, code: str) -> int | None:
        """The column of the check item ``code``; None if the grid has no such check."""
        return self.checks.column_of(code)

    # -- reading ------------------------------------------------------------------------------
    def row_of(self, key: str) -> int | None:
        return self._rows.get(key)

    def stored(self, key: str) -> dict[str, int] | None:
        value = self.controller.value(key)
        return value if isinstance(value, dict) else None

    def shown(self, row: int, field: str) -> int | None:
        """The count in the cell: pending if typed but not saved, else stored."""
        key = self.slots[row].key
        if field in self._pending.get(key, {}):
            return self._pending[key][field]
        stored = self.stored(key)
        return stored[field] if stored else None

    def is_pending(self, row: int, field: str) -> bool:
        return field in self._pending.get(self.slots[row].key, {})

    def line(self, row: int) -> LineCount:
        m, stored = self.slots[row].mou_line, self.stored(self.slots[row].key)
        assert m is not None
        return LineCount(m.line_no, m.category, m.item, m.quantity, m.lease,
                         found=stored["found"] if stored else None,
                         serviceable=stored["serviceable"] if stored else None)

    def band(self, row: int) -> str | None:
        """The row's colour (see ``BANDS``): short or below the standard, surplus, else meeting it; none if
        uncounted."""
        line = self.line(row)
        if not line.counted:
            return None
        value = line.serviceability
        if line.shortfall or (value is not None and value < self.threshold):
            return "shortfall_bg"
        return "surplus_bg" if line.surplus else "ok_bg"

    def totals(self) -> Aggregate:
        return aggregate("overall", (self.line(row) for row in range(len(self.slots))), self.threshold)

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.slots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS) + len(self.checks.items) + len(TAIL)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and self.checks.item_at(section) is not None:
            return self.checks.header(section, role)
        if orientation == Qt.Orientation.Horizontal and role in (Role.DisplayRole, Role.ToolTipRole):
            return _(COLUMNS[section] if section < len(COLUMNS) else TAIL[section - self.checks.end])
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        check = self.checks.slot_at(index.row(), index.column())
        if check is not None:
            editable = self.checks.editable(check)
        else:
            editable = index.column() in (FOUND, SERVICEABLE, REMARK) and self.controller.editable
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        check = self.checks.slot_at(row, col)
        if check is not None and role != Role.BackgroundRole:  # the row's colour covers its checks too
            return self.checks.data(check, role)
        if role == Role.DisplayRole:
            return self._text(row, col)
        if role == Role.EditRole:
            if col in FIELDS:
                return self.shown(row, FIELDS[col])
            return self.controller.entry(self.slots[row].key)[1] if col == REMARK else self._text(row, col)
        if role == Role.ForegroundRole:
            return self._foreground(row, col)
        if role == Role.BackgroundRole:
            band = self.band(row)
            return brush(band) if band else None
        if role == Role.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ToolTipRole and col in FIELDS and self.is_pending(row, FIELDS[col]):
            return _("Not saved until both found and serviceable are entered")
        if role == Role.ToolTipRole and col in (ITEM, REMARK, self.category_column):  # whole where elided
            return self._text(row, col) or None
        return None

    def _text(self, row: int, col: int) -> str:
        m, line = self.slots[row].mou_line, self.line(row)
        assert m is not None
        if col in FIELDS:
            value = self.shown(row, FIELDS[col])
            return "" if value is None else str(value)
        texts = {LINE: m.line_no, self.category_column: m.category, ITEM: m.item,
                 self.lease_column: _(_LEASES.get(m.lease, m.lease)),
                 MOU: m.quantity, PERCENT: percent(line.serviceability) if line.counted else "",
                 SHORTFALL: line.shortfall if line.counted else "", SURPLUS: line.surplus if line.counted else "",
                 REMARK: self.controller.entry(self.slots[row].key)[1]}
        return str(texts[col])

    def _foreground(self, row: int, col: int) -> QBrush | None:
        if col in FIELDS and self.is_pending(row, FIELDS[col]):
            return brush("muted")
        line = self.line(row)
        if col == SHORTFALL and line.shortfall:
            return brush("shortfall")
        if col == SURPLUS and line.surplus:
            return brush("surplus")
        value = line.serviceability
        if col == PERCENT and value is not None and value < self.threshold:
            return brush("shortfall")
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:  # noqa: N802
        if role != Role.EditRole or not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        row, col = index.row(), index.column()
        key = self.slots[row].key
        check = self.checks.slot_at(row, col)
        if check is not None:
            ok = self.checks.answer(check, value)
            self.dataChanged.emit(index, index)  # on refusal the cell shows the stored answer again
            return ok
        if col == REMARK:
            ok = self.controller.set_remark(key, str(value or ""))
        elif value is None:  # Delete: withdraw the whole count
            self._pending.pop(key, None)
            ok = self.controller.set_value(key, None)
        else:
            count = {field: self.shown(row, field) for field in FIELDS.values()}
            count[FIELDS[col]] = int(value)
            if None in count.values():
                self._pending.setdefault(key, {})[FIELDS[col]] = int(value)
                ok = True
            else:
                ok = self.controller.set_value(key, count)
                if ok:
                    self._pending.pop(key, None)
        self.refresh_row(row)  # on refusal the cell shows the stored value again
        return ok

    # -- refresh ------------------------------------------------------------------------------
    def refresh_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def refresh_all(self) -> None:
        if self.slots:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.slots) - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def _on_changed(self, key: str) -> None:
        row, cell = self._rows.get(key), self.checks.cell(key)
        if row is not None:
            if self.stored(key) is not None:
                self._pending.pop(key, None)
            self.refresh_row(row)
        elif cell is not None:
            self.dataChanged.emit(self.index(*cell), self.index(*cell))
        if self.checks.follows_answers and self.slots and self.checks.items:  # any answer may change which apply
            self.dataChanged.emit(self.index(0, FIRST_CHECK), self.index(len(self.slots) - 1, self.checks.end - 1))

    def _on_reloaded(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()


class ColouredDelegate(QStyledItemDelegate):
    """Paints the model's foreground and background colours even where a theme's stylesheet sets them."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        background, foreground = index.data(Role.BackgroundRole), index.data(Role.ForegroundRole)
        if background is None and foreground is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if background is not None:
            painter.fillRect(opt.rect, background)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.setPen(foreground.color() if foreground is not None else opt.palette.text().color())
        painter.drawText(rect.adjusted(4, 0, -4, 0), int(opt.displayAlignment), text)
        painter.restore()


class CountDelegate(ColouredDelegate):
    """A spin box 0..9999 for found and serviceable, a combo box for a check, the default line edit for the remark.

    On a check, a typed y, n or a (n/a) answers at once, without opening the combo box.
    """

    def __init__(self, grid: MouGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,  # noqa: N802
                    index: Index) -> bool:
        item = self.grid.checks.item_at(index.column())
        if item is not None and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            value = typed_value(item, event.text())
            if value is not None and index.flags() & Qt.ItemFlag.ItemIsEditable:
                model.setData(index, value, Role.EditRole)
                return True
        return super().editorEvent(event, model, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        item = self.grid.checks.item_at(index.column())
        if item is not None:
            return CheckCombo(item, parent)
        if index.column() in FIELDS:
            spin = QSpinBox(parent)
            spin.setRange(0, MAX_COUNT)
            spin.setFrame(False)
            watch_typing(spin)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QSpinBox):
            editor.setValue(int(index.data(Role.EditRole) or 0))
        elif isinstance(editor, CheckCombo):
            editor.set_value(index.data(Role.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QSpinBox):
            if index.data(Role.EditRole) is None and not typed_in(editor):
                return
            editor.interpretText()
            model.setData(index, editor.value(), Role.EditRole)
        elif isinstance(editor, CheckCombo):
            if editor.currentData() != index.data(Role.EditRole):
                model.setData(index, editor.currentData(), Role.EditRole)
        else:
            super().setModelData(editor, model, index)


class MouGrid(QWidget):
    """The COE major-equipment grid of one ``mou_count`` item, with whole-grid totals below it."""

    def __init__(self, controller: InspectionController, item_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = MouGridModel(controller, item_code, self)
        self.view = GridView(self)
        self.view.setHorizontalHeader(WrappedHeader(2, self.view))
        self.view.setModel(self.model)
        self.view.setItemDelegate(CountDelegate(self.model, self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column, widest in ((self.model.category_column, 200), (ITEM, 240), (REMARK, 260)):
            header.resizeSection(column, min(max(header.sectionSize(column), 120), widest))
        for column in range(FIRST_CHECK, self.model.checks.end):  # long labels: the tooltip shows them whole
            header.resizeSection(column, min(max(header.sectionSize(column), 90), 160))
        self._natural = {column: header.sectionSize(column) for column in range(self.model.columnCount())}
        self.model.headerDataChanged.connect(lambda *_: self._fit_numbers())
        self.model.modelReset.connect(self._fit_width)
        self._fit_numbers()
        self.setFocusProxy(self.view)
        self.footer = QLabel(self)
        self.footer.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self._palette = QPalette(self.footer.palette())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.footer)
        layout.addWidget(self.legend)
        self.assets = AssetTable(controller, self)  # a line of registered items: its assets, under the grid
        layout.addWidget(self.assets)
        self.assets.set_line(None)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._line_changed(current.row()))
        self.model.dataChanged.connect(self.update_footer)
        self.model.modelReset.connect(self.update_footer)
        self.update_footer()

    def _line_changed(self, row: int) -> None:
        m = self.model.slots[row].mou_line if 0 <= row < len(self.model.slots) else None
        self.assets.set_line(m.line_no if m is not None else None)

    def _fit_numbers(self) -> None:
        """Headers change with the language (and some themes capitalise them): keep number columns readable.

        Titles wrap onto two lines, so a number column is as wide as its title's longest word.
        """
        header = self.view.horizontalHeader()
        metrics = header.fontMetrics()
        header.fit_height()
        for column in (LINE, MOU, FOUND, SERVICEABLE, PERCENT, SHORTFALL, SURPLUS, self.model.lease_column):
            words = str(self.model.headerData(column, Qt.Orientation.Horizontal)).upper().split()
            needed = max(metrics.horizontalAdvance(word) for word in words) + 16
            self._natural[column] = max(self.view.sizeHintForColumn(column), needed)
        self._fit_width()

    def _fit_width(self) -> None:
        """Narrow the columns so the grid never scrolls sideways; a narrowed text is whole in its tooltip.

        The text columns (item, remark, category, checks) give way first; then, if that is not enough (large
        fonts, French), the number columns down to their figures, their titles elided.
        """
        view, columns = self.view, range(self.model.columnCount())
        text = {c for c in columns if c in (ITEM, REMARK, self.model.category_column)
                or FIRST_CHECK <= c < self.model.checks.end}
        widths = {c: self._natural.get(c, view.columnWidth(c)) for c in columns}
        bar = max(view.verticalScrollBar().sizeHint().width(), view.verticalScrollBar().width())
        room = view.width() - 2 * view.frameWidth() - bar - 4  # room for a vertical scroll bar, grid lines
        floors = {c: 100 if c == ITEM else 40 for c in text}  # the item stays readable
        widths = _shrunk(widths, floors, room)
        widths = _shrunk(widths, {c: min(widths[c], view.sizeHintForColumn(c)) for c in columns if c not in text},
                         room)
        for column, width in widths.items():
            view.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit_width()

    def focus_key(self, key: str) -> bool:
        """Make the cell of ``key`` current (a count's Found cell) and give the table focus; False if not here."""
        row, cell = self.model.row_of(key), self.model.checks.cell(key)
        if row is not None:
            index = self.model.index(row, FOUND)
        elif cell is not None:
            index = self.model.index(*cell)
        else:
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    def update_footer(self) -> None:
        totals = self.model.totals()
        # every line pooled: an indicator, not a COE result (docs/coe-rules.md)
        text = _("Total: MOU {quantity} · found {found} · serviceable {serviceable} · shortfall {shortfall} · "
                 "surplus {surplus} · indicator, all lines pooled: availability {availability}, "
                 "serviceability {percent}").format(
            quantity=totals.quantity, found=totals.found, serviceable=totals.serviceable,
            availability=percent(totals.availability), percent=percent(totals.serviceability),
            shortfall=totals.shortfall, surplus=totals.surplus)
        if totals.uncounted:
            text += " · " + ngettext("{n} line not counted", "{n} lines not counted",
                                     totals.uncounted).format(n=totals.uncounted)
        self.footer.setText(text)
        palette = QPalette(self._palette)
        if totals.below_threshold:
            palette.setColor(QPalette.ColorRole.WindowText, theme.colour("shortfall"))
        self.footer.setPalette(palette)
        self.update_legend()

    def update_legend(self) -> None:
        """What each row colour means, with the standard; a row not counted yet has none."""
        threshold = percent(self.model.threshold)
        swatches = " ".join(
            f'<span style="background-color:{theme.colour(name).name()}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;'
            f"{escape(_(meaning).format(threshold=threshold))}&nbsp;&nbsp;" for name, meaning in BANDS.items())
        self.legend.setText(_("Row colours:") + " " + swatches + escape(_("no colour: not counted yet")))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.model.refresh_all()
            self.update_footer()
        elif event.type() == QEvent.Type.StyleChange:  # another theme: its colours in the legend
            self.update_legend()
        super().changeEvent(event)


def _shrunk(widths: dict[int, int], floors: dict[int, int], room: int) -> dict[int, int]:
    """``widths`` with the columns of ``floors`` narrowed in proportion, no lower than their floors, to fit ``room``."""
    floors = {c: min(floor, widths[c]) for c, floor in floors.items()}
    over = sum(widths.values()) - room
    spare = sum(widths[c] - floor for c, floor in floors.items())
    if over <= 0 or spare <= 0:
        return widths
    scale = max(1 - over / spare, 0)
    return {c: floors[c] + int((w - floors[c]) * scale) if c in floors else w for c, w in widths.items()}
