"""HQ mode: the signed verification reports of the mission shown, as a simple list (``services.signed_verifications``).

One row a report (rendition): unit, period, language, provisional or countersigned, who signed as what role, and
its document id (to write its signed PDF out: ``inspector hq verifications DOCUMENT_ID -o OUT.pdf``). The HQ
view reads the reports with its summary, on its worker, and hands this box those of the chosen mission.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.i18n import _
from inspector_app.services.signed_verifications import STATUS_LABELS, SignedReport
from inspector_app.ui.settings_dialog import LANGUAGE_NAMES


class SignedVerificationsBox(QWidget):
    """A heading and a read-only table of signed verification reports; ``show_reports`` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signedVerificationsBox")
        self.reports: tuple[SignedReport, ...] = ()
        self.label = QLabel(self)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("signedVerifications")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table)
        self._retranslate()

    def show_reports(self, reports: Sequence[SignedReport]) -> None:
        self.reports = tuple(reports)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.reports))
        for r, report in enumerate(self.reports):
            cells = (report.unit_name, report.period, LANGUAGE_NAMES.get(report.lang, report.lang),
                     _(STATUS_LABELS[report.status]), report.signed_by(), report.document_id)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.setAccessibleDescription(
            _("No signed verification report for this mission yet.") if not self.reports else "")

    def _retranslate(self) -> None:
        self.label.setText(_("Signed verification reports"))
        self.table.setHorizontalHeaderLabels([_("Unit"), _("Period"), _("Language"), _("Status"), _("Signed by"),
                                              _("Document id")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.show_reports(self.reports)
        super().changeEvent(event)
