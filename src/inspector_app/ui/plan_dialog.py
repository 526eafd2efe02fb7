"""Plan an inspection: unit, type, checklist (the templates that fit the type), date and team."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.planning import TEAM_SEPARATOR, split_team
from inspector_app.domain.workflow import TEMPLATE_KINDS, InspectionType
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language
from inspector_app.services import planning, profile, templates, units
from inspector_app.services.workspace import Workspace


class PlanDialog(QDialog):
    """On OK, plans the inspection through the service; ``plan_id`` holds the new plan's id."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.plan_id = ""
        self.unit, self.type, self.template = QComboBox(self), QComboBox(self), QComboBox(self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate().addDays(7))
        self.team = QLineEdit(self)
        self.team.setText(profile.current(workspace).name)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _i in range(5)]
        for label, field in zip(self.labels, (self.unit, self.type, self.template, self.date, self.team), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for row in units.list_units(workspace):
            self.unit.addItem(f"{row.unit.name} — {row.mission.code}", row.unit.id)
        self._templates = templates.choices(workspace)
        self._retranslate()
        self.type.currentIndexChanged.connect(self._fill_templates)
        self._fill_templates()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        try:
            row = planning.plan(self.workspace, self.unit.currentData() or "", self.template.currentData() or "",
                                self.type.currentData(), self.date.date().toPython(), split_team(self.team.text()))
        except InspectorError as exc:
            self.error.setText(str(exc))
            return
        self.plan_id = row.id
        super().accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Plan an inspection"))
        texts = (_("&Unit:"), _("T&ype:"), _("&Checklist:"), _("&Date:"), _("T&eam:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.team.setPlaceholderText(_("Names as on each member's profile, separated by '{sep}'").format(
            sep=TEAM_SEPARATOR))
        current = self.type.currentData()
        self.type.clear()
        for kind in InspectionType:
            self.type.addItem(kind.label, kind.value)
        if current:
            self.type.setCurrentIndex(self.type.findData(current))

    def _fill_templates(self) -> None:
        kind = self.type.currentData()
        self.template.clear()
        if not kind:
            return
        lang = current_language()
        for choice in self._templates:
            if choice.kind in TEMPLATE_KINDS[InspectionType(kind)]:
                self.template.addItem(choice.title.get(lang), choice.template_id)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.template.count() > 0 and self.unit.count() > 0)
