"""HQ mode, read-only: the versions of a unit's MOU (the original and its amendments), what each holds, which is in
force today, and what each changed against the version before it (``services.hq_views.mou_versions``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from inspector_app.domain import labels
from inspector_app.domain.checklist import MouLineRef
from inspector_app.i18n import _, ngettext
from inspector_app.locale_format import format_date
from inspector_app.services.hq_views import MouVersionView
from inspector_app.services.mou_import import LineChange
from inspector_app.ui.forms.mou_versions_dialog_ui import Ui_MouVersionsDialog

NUMBERS = (3, 4, 5)  # right-aligned columns


class MouVersionsDialog(QDialog):
    """The versions table; the lines and terms the selected version changed below it."""

    def __init__(self, unit: str, versions: Sequence[MouVersionView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit, self.versions = unit, tuple(versions)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui = Ui_MouVersionsDialog()
        self.ui.setupUi(self)
        header = self.ui.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(header.count() - 1, QHeaderView.ResizeMode.Stretch)  # whole in the tooltip
        self.ui.versions.currentCellChanged.connect(lambda *_a: self._show_changes())
        self.ui.buttons.rejected.connect(self.reject)
        self._fill()

    def _fill(self) -> None:
        count = len(self.versions)
        self.ui.heading.setText(
            ngettext("{unit}: {n} MOU version, the original first.", "{unit}: {n} MOU versions, the original first.",
                     count).format(unit=self.unit, n=count) + " " + _("An inspection is judged against the version "
                                                                      "in force on its date.")
            if count else _("{unit} has no MOU in HQ's database.").format(unit=self.unit))
        table, row = self.ui.versions, self.ui.versions.currentRow()
        table.setRowCount(count)
        for r, view in enumerate(self.versions):
            for c, text in enumerate(_cells(view)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if c in NUMBERS:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, cell)
        if count:  # the latest version first in view: what the last amendment did
            table.setCurrentCell(row if 0 <= row < count else count - 1, 0)
        self._show_changes()

    def _show_changes(self) -> None:
        self.ui.changes.clear()
        row = self.ui.versions.currentRow()
        if 0 <= row < len(self.versions):
            self.ui.changes.addItems(change_lines(self.versions[row]))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill()
        super().changeEvent(event)


def _cells(view: MouVersionView) -> list[str]:
    row, ref = view.row, view.row.ref
    version = str(ref.version)
    if row.in_force:
        version = _("{version} (in force today)").format(version=version)
    return [version, ref.reference or "—", format_date(ref.effective_from) if ref.effective_from else _("the start"),
            str(row.lines), str(row.quantity), str(row.ss_categories), change_summary(view)]


def change_summary(view: MouVersionView) -> str:
    """What a version changed against the one before it, in a few words."""
    if view.lines is None:
        return _("the original MOU")
    added, removed, changed = len(view.lines.added), len(view.lines.removed), len(view.lines.changed)
    parts = [text.format(n=n) for n, text in (
        (added, ngettext("{n} line added", "{n} lines added", added)),
        (removed, ngettext("{n} line removed", "{n} lines removed", removed)),
        (changed, ngettext("{n} line changed", "{n} lines changed", changed))) if n]
    if view.ss_changed:
        parts.append(ngettext("{n} self-sustainment category's terms", "{n} self-sustainment categories' terms",
                              len(view.ss_changed)).format(n=len(view.ss_changed)))
    return ", ".join(parts) if parts else _("no change to the lines or the self-sustainment terms")


def change_lines(view: MouVersionView) -> list[str]:
    """One sentence a line added, removed or changed, then the self-sustainment categories whose terms changed."""
    if view.lines is None:
        return [_("The original MOU: nothing before it to compare with.")]
    out = [_("Added line {no}: {line}").format(no=line.line_no, line=_line(line)) for line in view.lines.added]
    out += [_("Removed line {no}: {line}").format(no=line.line_no, line=_line(line)) for line in view.lines.removed]
    out += [_("Changed line {no}, {item}: {changes}").format(no=c.new.line_no, item=c.new.item, changes=_fields(c))
            for c in view.lines.changed]
    if view.ss_changed:
        out.append(_("Self-sustainment terms (provider or standard) changed: {categories}").format(
            categories=", ".join(view.ss_changed)))
    return out or [_("No change to the lines or the self-sustainment terms.")]


def _line(line: MouLineRef) -> str:
    return _("{category} / {item}, {quantity}, {lease} lease").format(
        category=line.category, item=line.item, quantity=line.quantity, lease=labels.lease(line.lease))


def _fields(change: LineChange) -> str:
    names = {"category": _("category"), "item": _("item"), "quantity": _("quantity"), "lease": _("lease"),
             "registered": _("registered")}
    return "; ".join(f"{names[name]} {_value(old)} → {_value(new)}" for name, (old, new) in change.fields.items())


def _value(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return labels.lease(value) if isinstance(value, str) else str(value)
