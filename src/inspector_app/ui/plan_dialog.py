"""Plan an inspection: unit, type, checklist (the templates that fit the type), date, team, and for a spot check the
sections it covers."""

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
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.planning import TEAM_SEPARATOR, split_team
from inspector_app.domain.workflow import TEMPLATE_KINDS, InspectionType
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language
from inspector_app.services import planning, profile, templates, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui import section_ticks


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
        self.sections = QListWidget(self)  # a spot check's sections to tick
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _i in range(6)]
        fields = (self.unit, self.type, self.template, self.date, self.team, self.sections)
        for label, field in zip(self.labels, fields, strict=True):
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
        self.template.currentIndexChanged.connect(self._fill_sections)
        self._fill_templates()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        try:
            row = planning.plan(self.workspace, self.unit.currentData() or "", self.template.currentData() or "",
                                self.type.currentData(), self.date.date().toPython(), split_team(self.team.text()),
                                self.chosen_sections())
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
        texts = (_("&Unit:"), _("T&ype:"), _("&Checklist:"), _("&Date:"), _("T&eam:"), _("&Sections:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.team.setPlaceholderText(_("Names as on each member's profile, separated by '{sep}'").format(
            sep=TEAM_SEPARATOR))
        self.sections.setToolTip(_("A spot check may cover part of the checklist: tick the sections it checks (none "
                                   "ticked: all of them)"))
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

    def chosen_sections(self) -> list[str]:
        """The ticked sections' codes (a spot check only)."""
        return section_ticks.ticked(self.sections) if self.type.currentData() == InspectionType.SPOT_CHECK else []

    def _fill_sections(self) -> None:
        """The chosen checklist's sections to tick, shown for a spot check only."""
        spot = self.type.currentData() == InspectionType.SPOT_CHECK
        self.form.setRowVisible(self.sections, spot)
        choice = next((c for c in self._templates if c.template_id == self.template.currentData()), None)
        section_ticks.fill(self.sections, choice if spot else None)
