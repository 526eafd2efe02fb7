"""The team leader's review page: results, unanswered items, findings, follow-up, and submission."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QListWidgetItem, QTableWidget, QTableWidgetItem, QWidget

from inspector_app.domain import aoc, self_sustainment
from inspector_app.domain.checklist import Slot
from inspector_app.domain.labels import lease, mou_version
from inspector_app.domain.results import Compliance, Results
from inspector_app.domain.serviceability import Aggregate, LineCount
from inspector_app.domain.workflow import LOCKED, InspectionType, Status
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, ngettext
from inspector_app.locale_format import format_date
from inspector_app.locale_format import format_percent as percent
from inspector_app.services import assets, followups, inspections
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.finding_dialog import FindingDialog
from inspector_app.ui.forms.review_view_ui import Ui_ReviewView
from inspector_app.ui.mou_grid import ColouredDelegate

KEY_ROLE = Qt.ItemDataRole.UserRole
_COMPLIANCE_COLOURS = {Compliance.MET: "ok", Compliance.PARTIALLY_MET: "attention", Compliance.NOT_MET: "shortfall"}
_DASH = "\u2014"


def type_label(value: str) -> str:
    try:
        return InspectionType(value).label
    except ValueError:
        return value


def verdict(passed: bool | None) -> str:
    return _("open") if passed is None else _("PASS") if passed else _("FAIL")


def verdict_colour(passed: bool | None) -> str:
    return "attention" if passed is None else "ok" if passed else "shortfall"


def subject(slot: Slot) -> str:
    """What a per-line or per-person slot is about ("" for a single item)."""
    if slot.mou_line is not None:
        return _("line {no}: {item}").format(no=slot.mou_line.line_no, item=slot.mou_line.item)
    return f"{slot.person.id_number} {slot.person.name}" if slot.person is not None else ""


def fill_table(table: QTableWidget, rows: Sequence[Sequence[Any]], numeric_from: int | None = None) -> None:
    """Replace the table's rows; columns from ``numeric_from`` on are right-aligned."""
    if not isinstance(table.itemDelegate(), ColouredDelegate):
        table.setItemDelegate(ColouredDelegate(table))
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if numeric_from is not None and c >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def paint_row(table: QTableWidget, row: int, colour: str, tooltip: str = "", bold: bool = False) -> None:
    for col in range(table.columnCount()):
        item = table.item(row, col)
        if item is None:
            continue
        if colour:
            item.setForeground(theme.colour(colour))
        if tooltip:
            item.setToolTip(tooltip)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)


class ReviewView(QWidget):
    """Results, open items, findings and follow-up of the controller's inspection; submits it for review."""

    jumpTo = Signal(str)  # slot key: show this item in the checklist
    failed = Signal(str)  # a message for the user: nothing was changed

    def __init__(self, controller: InspectionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.lang = "en"
        self._stale = False
        self._refusal = ""  # why the last submission was refused ("" when none is shown)
        self._refused_for_missing = False
        self._follow_ups: list[followups.FollowUpRow] = []  # in table order
        self.ui = Ui_ReviewView()
        self.ui.setupUi(self)
        self.addActions([self.ui.actionSubmit, self.ui.actionReopen, self.ui.actionAddFinding])
        ui = self.ui
        for table, col in ((ui.categories, 0), (ui.lines, 2), (ui.compliance, 0), (ui.outcomes, 0),
                           (ui.missing, 0), (ui.findings, 0), (ui.followUps, 0)):
            table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.ui.messageBox.hide()
        self.assetsNote = QLabel(self.ui.serviceabilityTab)  # registered items: duplicates, reconciliation
        self.assetsNote.setWordWrap(True)
        self.assetsNote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.serviceabilityLayout.addWidget(self.assetsNote)
        self.ui.actionSubmit.triggered.connect(self._submit_triggered)
        self.ui.actionReopen.triggered.connect(self._reopen_triggered)
        self.ui.actionAddFinding.triggered.connect(self._add_finding_triggered)
        self.ui.missing.activated.connect(self._missing_activated)
        self.ui.messages.itemActivated.connect(self._message_activated)
        self.ui.followUps.currentCellChanged.connect(self._follow_up_selected)
        self.ui.recordFollowUp.clicked.connect(self._record_triggered)
        self.ui.followUpStatus.currentIndexChanged.connect(self._update_actions)
        self._fill_follow_up_statuses()
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    # -- public API ---------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """The language of template texts (item labels, section titles)."""
        self.lang = lang
        self.refresh()

    def refresh(self) -> None:
        """Read the inspection's results, findings and follow-ups again and show them."""
        self._stale = False
        c = self.controller
        try:
            found = followups.findings(c.workspace, c.inspection_id)
            follow = followups.follow_ups(c.workspace, c.inspection_id)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            return
        results = c.results()
        self._show_overview(results)
        self._show_serviceability(results)
        self._show_compliance(results)
        self._show_outcomes(results)
        self._show_missing(results.missing)
        self._show_findings(found)
        self._show_follow_ups(follow)
        self._update_actions()
        ui = self.ui
        for table in (ui.categories, ui.lines, ui.compliance, ui.outcomes, ui.missing, ui.findings, ui.followUps):
            table.resizeColumnsToContents()

    def submit(self) -> bool:
        """In progress → ready for review; a refusal is listed in the page and the status stays."""
        missing = self.controller.results().missing
        try:
            inspections.submit(self.controller.workspace, self.controller.inspection_id)
        except InspectorError as exc:
            self._refusal = ngettext(
                "{n} required item is still unanswered:", "{n} required items are still unanswered:", len(missing)
            ).format(n=len(missing)) if missing else str(exc)
            self._refused_for_missing = bool(missing)
            self._show_messages(missing)
            self.failed.emit(str(exc))
            return False
        self._refusal = ""
        self.controller.reload()
        return True

    def reopen(self) -> bool:
        """Ready for review → in progress, to correct answers."""
        try:
            inspections.reopen(self.controller.workspace, self.controller.inspection_id)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            return False
        self.controller.reload()
        return True

    def add_finding(self, key: str = "") -> FindingDialog:
        """Open the "Add finding" dialog (window-modal); the list refreshes when it saves."""
        dialog = FindingDialog(self.controller, self.lang, key, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def record_follow_up(self, action_id: str, status: str, remark: str = "", due: date | None = None) -> bool:
        """Record the follow-up of an earlier open action (pending, done, not_done, or extended to ``due``)."""
        try:
            followups.follow_up(self.controller.workspace, self.controller.inspection_id, action_id, status, remark,
                                due)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            return False
        self.refresh()
        return True

    # -- sections -----------------------------------------------------------------------------
    def _show_overview(self, results: Results) -> None:
        state = self.controller.state
        parts = [state.unit.name, state.checklist.template.title.get(self.lang), type_label(state.inspection.type),
                 _("status: {status}").format(status=state.status.label)]
        if version := state.checklist.scope.mou_version:
            parts.append(_("MOU: {version}").format(version=mou_version(version)))
        self.ui.overview.setText(" \u00b7 ".join(p for p in parts if p))
        self.ui.completion.setValue(int(results.percent_complete))

    def _show_serviceability(self, results: Results) -> None:
        """Per category and per MOU line: availability and serviceability apart, and the reimbursable quantity.

        Every category pooled shows only in the caption, labelled as an indicator (not a COE result)."""
        tabs, tab = self.ui.tabs, self.ui.tabs.indexOf(self.ui.serviceabilityTab)
        tabs.setTabVisible(tab, results.overall is not None)
        if results.overall is None:
            return
        limit, pooled = results.overall.threshold, results.overall
        text = _("Standard: {threshold} serviceable per category; categories below it are marked. Availability = "
                 "deployed up to the MOU ÷ MOU; serviceability = serviceable ÷ deployed up to the MOU (— when "
                 "nothing is deployed).").format(threshold=percent(limit, 0))
        if pooled.quantity:
            text += "\n" + _("Indicator, all categories pooled (not a COE result): availability {availability}, "
                             "serviceability {serviceability}.").format(
                availability=percent(pooled.availability), serviceability=percent(pooled.serviceability))
        self.ui.standard.setText(text)
        aggregates: list[Aggregate] = results.categories
        rows = [[a.name, a.quantity, a.deployed, a.serviceable, a.unserviceable, a.shortfall, a.surplus,
                 percent(a.availability), percent(a.serviceability), a.reimbursable] for a in aggregates]
        table = self.ui.categories
        fill_table(table, rows, numeric_from=1)
        below = _("Below the {threshold} standard").format(threshold=percent(limit, 0))
        for r, a in enumerate(aggregates):
            if a.below_threshold:
                paint_row(table, r, "shortfall", below)
            if a.uncounted:
                table.item(r, 0).setText(ngettext(
                    "{name} ({n} line not counted yet)", "{name} ({n} lines not counted yet)", a.uncounted,
                ).format(name=table.item(r, 0).text(), n=a.uncounted))
        lines = results.lines

        def count(ln: LineCount, value: int | None) -> object:
            return value if ln.counted else _DASH

        fill_table(self.ui.lines, [
            [ln.line_no, ln.category, ln.item, lease(ln.lease), ln.quantity, count(ln, ln.found),
             count(ln, ln.serviceable), count(ln, ln.unserviceable), ln.shortfall or "", ln.surplus or "",
             percent(ln.availability), percent(ln.serviceability), count(ln, ln.reimbursable)]
            for ln in lines
        ], numeric_from=4)
        self._show_assets()
        for r, ln in enumerate(lines):
            if ln.shortfall:
                self.ui.lines.item(r, 8).setForeground(theme.colour("shortfall"))
            if ln.surplus:
                self.ui.lines.item(r, 9).setForeground(theme.colour("surplus"))
            if not ln.counted:
                paint_row(self.ui.lines, r, "muted", _("Not counted yet"))

    def _show_assets(self) -> None:
        """Registered items in words: how many, the serials seen more than once, a repatriation's reconciliation."""
        data = assets.summary_of(self.controller.workspace, self.controller.inspection_id)
        parts: list[str] = []
        counted = [line for line in data["assets"] if line["assets"]]
        if counted:
            parts.append(_("Registered items: {n} recorded on {lines} line(s).").format(
                n=sum(len(line["assets"]) for line in counted), lines=len(counted)))
        if data["duplicate_serials"]:
            parts.append(_("Serials seen more than once:") + " " + "; ".join(
                d["serial"] + " (" + ", ".join(_("{unit} line {line}").format(unit=p["unit"], line=p["line"])
                                               for p in d["seen"]) + ")" for d in data["duplicate_serials"]))
        rec = data["reconciliation"]
        if rec is not None and not rec["has_baseline"]:
            parts.append(_("Repatriation reconciliation: the unit has no counted arrival inspection (no baseline)."))
        elif rec is not None:
            missing = [a["serial"] for a in rec["assets"] if a["status"] == "missing"]
            parts.append(_("Against the arrival baseline: {present} present, {damaged} damaged, {missing} missing, "
                           "{written_off} written off; {extra} found that the baseline does not hold.").format(
                extra=len(rec["not_in_baseline"]), **rec["totals"])
                + (" " + _("Missing: {serials}.").format(serials=", ".join(missing)) if missing else ""))
        self.assetsNote.setText("\n".join(parts))
        self.assetsNote.setVisible(bool(parts))

    def _show_compliance(self, results: Results) -> None:
        """Per self-sustainment category: who provides it, the MOU's standard, the verdict, whether the
        reimbursement is affected, the score."""
        state = self.controller.state
        remarks = {key: answer.remark for key, answer in state.answers.items()}
        rows = self_sustainment.categories(state.checklist, results, remarks) if results.compliance else []
        titles = {s.code: s.title.get(self.lang) for s in state.checklist.template.sections}
        self.ui.tabs.setTabVisible(self.ui.tabs.indexOf(self.ui.complianceTab), bool(rows))
        fill_table(self.ui.compliance, [
            [titles.get(c.section_code or "", c.category), self_sustainment.provider_label(c.provider),
             c.standard or "—", self_sustainment.verdict_label(c.verdict and c.verdict.value, c.provider),
             _("yes") if c.reimbursement_affected else _("no"), percent(c.score)] for c in rows
        ], numeric_from=5)
        for r, c in enumerate(rows):
            if c.verdict is None:
                paint_row(self.ui.compliance, r, "muted")
            elif c.verdict in _COMPLIANCE_COLOURS:
                paint_row(self.ui.compliance, r, _COMPLIANCE_COLOURS[c.verdict])

    def _show_outcomes(self, results: Results) -> None:
        outcomes = results.outcomes
        self.ui.tabs.setTabVisible(self.ui.tabs.indexOf(self.ui.outcomesTab), bool(outcomes))
        self.ui.verdict.setText(_("Overall outcome: {verdict}").format(verdict=verdict(results.passed)))
        roster = self.controller.state.checklist.scope.persons
        strength, women = len(roster), sum(1 for p in roster if p.gender == "female")
        o = aoc.officers(results.persons)
        self.ui.persons.setText(_(
            "Officers assessed: {assessed}; certified: {certified} ({certified_share}). Women assessed: "
            "{women_assessed} ({women_assessed_share}); certified: {women_certified} ({women_certified_share}). "
            "Roster: {strength}, of whom {women} women ({share})."
        ).format(assessed=o.assessed, certified=o.certified, certified_share=percent(o.certified_share),
                 women_assessed=o.women_assessed, women_assessed_share=percent(o.women_assessed_share),
                 women_certified=o.women_certified, women_certified_share=percent(o.women_certified_share),
                 strength=strength, women=women, share=percent(women / strength if strength else None)))
        self.ui.persons.setVisible(bool(strength))
        rows = [[o.section.title.get(self.lang), verdict(o.passed),
                 f"{sum(1 for c in o.criteria if c.passed)} / {len(o.criteria)}"] for o in outcomes]
        rows.append([_("Overall"), verdict(results.passed), ""])
        fill_table(self.ui.outcomes, rows, numeric_from=2)
        for r, passed in enumerate([*(o.passed for o in outcomes), results.passed]):
            paint_row(self.ui.outcomes, r, verdict_colour(passed), bold=r == len(outcomes))

    def _show_missing(self, missing: list[Slot]) -> None:
        table = self.ui.missing
        current = table.item(table.currentRow(), 0)
        keep = current.data(KEY_ROLE) if current is not None else None
        fill_table(table, [[s.item.label.get(self.lang), subject(s), s.key] for s in missing])
        for r, slot in enumerate(missing):
            table.item(r, 0).setData(KEY_ROLE, slot.key)
            if slot.key == keep:
                table.setCurrentCell(r, 0)
        tab = self.ui.tabs.indexOf(self.ui.missingTab)
        self.ui.tabs.setTabText(tab, _("Unanswered ({n})").format(n=len(missing)))
        self._show_messages(missing)

    def _show_messages(self, missing: list[Slot]) -> None:
        if self._refused_for_missing and not missing:
            self._refusal = ""  # every item it named has been answered since
        self.ui.messageBox.setVisible(bool(self._refusal))
        self.ui.messageText.setText(self._refusal)
        self.ui.messages.clear()
        if not self._refusal:
            return
        for slot in missing:
            label = ", ".join(t for t in (slot.item.label.get(self.lang), subject(slot)) if t)
            item = QListWidgetItem(f"{label} ({slot.key})")
            item.setData(KEY_ROLE, slot.key)
            self.ui.messages.addItem(item)

    def _show_findings(self, findings: list[followups.FindingRow]) -> None:
        fill_table(self.ui.findings, [
            [f.text, f.recommendation, f.key, *(
                (a.description, a.owner, format_date(a.due_date), followups.status_label(a.status)) if a else ()
            )]
            for f, a in ((f, f.action) for f in findings)
        ])
        self.ui.tabs.setTabText(self.ui.tabs.indexOf(self.ui.findingsTab),
                                _("Findings ({n})").format(n=len(findings)))

    def _show_follow_ups(self, follow: list[followups.FollowUpRow]) -> None:
        table = self.ui.followUps
        row = table.currentRow()
        self._follow_ups = follow
        table.blockSignals(True)
        fill_table(table, [[fu.action.description, fu.action.owner, format_date(fu.action.due_date),
                            followups.status_label(fu.status), fu.remark] for fu in follow])
        table.blockSignals(False)
        tab = self.ui.tabs.indexOf(self.ui.followUpTab)
        self.ui.tabs.setTabVisible(tab, bool(follow))
        self.ui.tabs.setTabText(tab, _("Follow-up ({n})").format(n=len(follow)))
        if follow:
            table.setCurrentCell(min(max(row, 0), len(follow) - 1), 0)
        self._follow_up_selected(table.currentRow())

    def _update_actions(self) -> None:
        status = self.controller.state.status
        locked = status in LOCKED
        for action, button, on in (
            (self.ui.actionSubmit, self.ui.submit, status is Status.IN_PROGRESS),
            (self.ui.actionReopen, self.ui.reopen, status is Status.READY_FOR_REVIEW),
            (self.ui.actionAddFinding, self.ui.addFinding, not locked),
        ):
            action.setEnabled(on)
            button.setEnabled(on)
        self.ui.reopen.setVisible(status is Status.READY_FOR_REVIEW)
        has_row = self.ui.followUps.currentRow() >= 0
        for widget in (self.ui.followUpStatus, self.ui.followUpRemark, self.ui.recordFollowUp):
            widget.setEnabled(has_row and not locked)
        extending = has_row and not locked and self.ui.followUpStatus.currentData() == "extended"
        self.ui.followUpDue.setEnabled(extending)
        self.ui.followUpDueLabel.setEnabled(extending)

    # -- follow-up editor ---------------------------------------------------------------------
    def _fill_follow_up_statuses(self) -> None:
        combo = self.ui.followUpStatus
        current = combo.currentData()
        combo.clear()
        for code in followups.FOLLOW_UP_STATUSES:
            combo.addItem(followups.status_label(code), code)
        combo.setCurrentIndex(max(combo.findData(current), 0))

    def _follow_up_selected(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self._follow_ups):
            follow_up = self._follow_ups[row]
            combo = self.ui.followUpStatus
            combo.setCurrentIndex(max(combo.findData(follow_up.status), 0))
            self.ui.followUpRemark.setText(follow_up.remark)
            self.ui.followUpDue.setDate(follow_up.action.due_date)
        self._update_actions()

    def _record_triggered(self) -> None:
        row = self.ui.followUps.currentRow()
        if 0 <= row < len(self._follow_ups):
            status = self.ui.followUpStatus.currentData()
            self.record_follow_up(self._follow_ups[row].action.id, status, self.ui.followUpRemark.text(),
                                  self.ui.followUpDue.date().toPython() if status == "extended" else None)

    # -- slots --------------------------------------------------------------------------------
    def _submit_triggered(self) -> None:
        self.submit()

    def _reopen_triggered(self) -> None:
        self.reopen()

    def _add_finding_triggered(self) -> None:
        self.add_finding()

    def _missing_activated(self, index: QModelIndex) -> None:
        item = self.ui.missing.item(index.row(), 0)
        if item is not None:
            self.jumpTo.emit(item.data(KEY_ROLE))

    def _message_activated(self, item: QListWidgetItem) -> None:
        if key := item.data(KEY_ROLE):
            self.jumpTo.emit(key)

    def _on_changed(self, _key: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # refreshed when shown again

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill_follow_up_statuses()
            self.refresh()
        super().changeEvent(event)
