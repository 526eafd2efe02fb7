"""The "Add finding" dialog: a finding, its recommendation, the item it concerns and an optional action."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import followups
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.forms.finding_dialog_ui import Ui_FindingDialog

DEFAULT_DUE_DAYS = 30


class FindingDialog(QDialog):
    """Saves the finding through ``followups.add_finding`` on OK; a refusal is shown and the dialog stays open."""

    def __init__(
        self, controller: InspectionController, lang: str = "en", key: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.lang = lang
        self.finding: followups.FindingRow | None = None
        self.ui = Ui_FindingDialog()
        self.ui.setupUi(self)
        palette = self.ui.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.colour("shortfall"))
        self.ui.error.setPalette(palette)
        self.ui.error.hide()
        self.ui.dueDate.setDate(QDate(date.today() + timedelta(days=DEFAULT_DUE_DAYS)))
        self._fill_keys(key)
        self.ui.text.textChanged.connect(self._update_ok)
        self._update_ok()

    def _fill_keys(self, selected: str) -> None:
        combo = self.ui.key
        combo.clear()
        combo.addItem(_("(none: the whole unit)"), "")
        for slot in self.controller.state.checklist.slots:
            about = slot.mou_line.item if slot.mou_line else slot.person.name if slot.person else ""
            label = slot.item.label.get(self.lang) + (f" ({about})" if about else "")
            combo.addItem(f"{slot.key} - {label}", slot.key)
        combo.setCurrentIndex(max(combo.findData(selected), 0))

    def _update_ok(self) -> None:
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.ui.text.toPlainText().strip()))

    def action_plan(self) -> followups.ActionPlan | None:
        """The improvement action as typed; None when neither a description nor an owner was given."""
        description, owner = self.ui.description.text(), self.ui.owner.text()
        if not (description.strip() or owner.strip()):
            return None
        return followups.ActionPlan(description, owner, self.ui.dueDate.date().toPython())

    def accept(self) -> None:
        try:
            self.finding = followups.add_finding(
                self.controller.workspace,
                self.controller.inspection_id,
                self.ui.text.toPlainText(),
                self.ui.recommendation.toPlainText(),
                key=self.ui.key.currentData() or "",
                action=self.action_plan(),
            )
        except InspectorError as exc:
            self.ui.error.setText(str(exc))
            self.ui.error.show()
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.ui.key.setItemText(0, _("(none: the whole unit)"))
        super().changeEvent(event)
