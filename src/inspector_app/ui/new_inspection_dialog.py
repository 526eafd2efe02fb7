"""New inspection: unit, type, checklist (the templates that fit the type), team, dates, for a spot check the
sections it covers, and for a performance assessment the quarter it assesses. It names the MOU version the
inspection will be judged against: the unit's version in force on the start date (``services.units.scope``),
which the inspection freezes when it starts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from inspector_app.domain import labels
from inspector_app.domain.checklist import Scope
from inspector_app.domain.workflow import TEMPLATE_KINDS, InspectionType
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language, ngettext
from inspector_app.locale_format import format_date
from inspector_app.services import inspections, templates, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui import section_ticks
from inspector_app.ui.forms.new_inspection_dialog_ui import Ui_NewInspectionDialog

QUARTERS_OFFERED = 6


class NewInspectionDialog(QDialog):
    """On OK, starts the inspection through the service; ``inspection_id`` holds the new id."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = ""
        self.ui = Ui_NewInspectionDialog()
        self.ui.setupUi(self)
        for row in units.list_units(workspace):
            self.ui.unit.addItem(f"{row.unit.name} — {row.mission.code}", row.unit.id)
        self._templates = templates.choices(workspace)
        self._fill_types()
        self.ui.type.currentIndexChanged.connect(self._fill_templates)
        self.ui.template.currentIndexChanged.connect(self._fill_sections)
        self._fill_templates()
        today = QDate.currentDate()
        self.ui.startDate.setDate(today)
        self.ui.endDate.setDate(today.addDays(2))
        self._fill_periods()
        self.ui.unit.currentIndexChanged.connect(self._show_mou)
        self.ui.startDate.dateChanged.connect(self._show_mou)
        self.ui.startDate.dateChanged.connect(self._fill_periods)
        self._show_mou()
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        start, end = self.ui.startDate.date().toPython(), self.ui.endDate.date().toPython()
        try:
            if end < start:
                raise InspectorError(_("The end date is before the start date."))
            inspection = inspections.start(
                self.workspace, self.ui.unit.currentData(), self.ui.template.currentData(),
                self.ui.type.currentData(), team=self.ui.team.text().strip(), start_date=start, end_date=end,
                sections=self.chosen_sections(), period=self.chosen_period(),
            )
        except InspectorError as exc:
            self.ui.error.setText(str(exc))
            return
        self.inspection_id = inspection.id
        super().accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill_types()
            self._fill_periods()
            self._show_mou()
        super().changeEvent(event)

    def _show_mou(self) -> None:
        """The MOU version the inspection would be judged against, for the unit and start date chosen."""
        unit = self.ui.unit.currentData()
        if not unit:
            self.ui.mou.clear()
            return
        on = self.ui.startDate.date().toPython()
        try:
            self.ui.mou.setText(mou_judged_against(units.scope(self.workspace, unit, on), on))
        except InspectorError as exc:
            self.ui.mou.setText(str(exc))
        if self.isVisible():  # the form gives a wrapped label only one line's height: ask for all its lines
            self.ui.mou.setMinimumHeight(self.ui.mou.heightForWidth(self.ui.mou.width()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        self._show_mou()  # now that the label's width is known

    def _fill_types(self) -> None:
        current = self.ui.type.currentData()
        self.ui.type.clear()
        for kind in InspectionType:
            self.ui.type.addItem(kind.label, kind.value)
        if current:
            self.ui.type.setCurrentIndex(self.ui.type.findData(current))

    def _fill_templates(self) -> None:
        kind = self.ui.type.currentData()
        self.ui.template.clear()
        if not kind:
            return
        lang = current_language()
        for choice in self._templates:
            if choice.kind in TEMPLATE_KINDS[InspectionType(kind)]:
                self.ui.template.addItem(choice.title.get(lang), choice.template_id)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.ui.template.count() > 0 and self.ui.unit.count() > 0
        )

    def chosen_sections(self) -> list[str]:
        """The ticked sections' codes (a spot check only)."""
        return section_ticks.ticked(self.ui.sections) if self.ui.type.currentData() == InspectionType.SPOT_CHECK else []

    def chosen_period(self) -> str | None:
        """The quarter chosen (a performance assessment only)."""
        return self.ui.period.currentData() if self._assessment() else None

    def _assessment(self) -> bool:
        return bool(self.ui.type.currentData() == InspectionType.PERFORMANCE_ASSESSMENT)

    def _fill_periods(self) -> None:
        """The quarters that have begun by the start date, the latest first (a year and a half back)."""
        current = self.ui.period.currentData()
        self.ui.period.clear()
        for code in recent_quarters(self.ui.startDate.date().toPython(), QUARTERS_OFFERED):
            self.ui.period.addItem(labels.quarter(code), code)
        if current and (found := self.ui.period.findData(current)) >= 0:
            self.ui.period.setCurrentIndex(found)

    def _fill_sections(self) -> None:
        """The chosen checklist's sections to tick, shown for a spot check only; the quarter for an assessment."""
        self.ui.period.setVisible(self._assessment())
        self.ui.periodLabel.setVisible(self._assessment())
        spot = self.ui.type.currentData() == InspectionType.SPOT_CHECK
        self.ui.sections.setVisible(spot)
        self.ui.sectionsLabel.setVisible(spot)
        choice = next((c for c in self._templates if c.template_id == self.ui.template.currentData()), None)
        section_ticks.fill(self.ui.sections, choice if spot else None)


def recent_quarters(on: date, count: int) -> list[str]:
    """The ``count`` quarters up to the one ``on`` falls in, the latest first: ["2026Q4", "2026Q3", …]."""
    year, quarter = on.year, (on.month - 1) // 3 + 1
    out = []
    for _n in range(count):
        out.append(f"{year}Q{quarter}")
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return out


def mou_judged_against(scope: Scope, on: date) -> str:
    """The MOU version in ``scope`` (a unit's, for an inspection starting ``on``) and what it holds, in words; says
    so when the unit has no MOU, or none in force yet on that date (the inspection then takes the original)."""
    version = scope.mou_version
    if version is None:
        return _("No MOU in force on {date}: the unit has no MOU, so there are no MOU lines or self-sustainment "
                 "categories to judge.").format(date=format_date(on))
    text = _("Version {version}: {mou}").format(version=version.version, mou=labels.mou_version(version))
    text += " — " + ngettext("{n} MOU line", "{n} MOU lines", len(scope.mou_lines)).format(n=len(scope.mou_lines))
    text += ", " + ngettext("{n} self-sustainment category", "{n} self-sustainment categories",
                            len(scope.ss_categories)).format(n=len(scope.ss_categories)) + "."
    if version.effective_from is not None and version.effective_from > on:
        text = _("No MOU in force yet on {date}: the inspection will be judged against the unit's first MOU.").format(
            date=format_date(on)) + " " + text
    return text
