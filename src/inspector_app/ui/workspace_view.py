"""The inspection workspace: section tree with completion and attention markers, and the item pages.

A self-sustainment section's pages say who provides its category and the standard the MOU sets, from the terms the
inspection froze when it started (``Scope.ss_terms``). A category the UN or another party provides is not asked:
its section has one page that says so."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTreeWidgetItem, QTreeWidgetItemIterator, QWidget

from inspector_app.domain import labels
from inspector_app.domain.checklist import Scope, SsTerms, section_applies
from inspector_app.domain.performance import evidence_lines
from inspector_app.domain.results import Compliance, Results
from inspector_app.domain.self_sustainment import CONTINGENT, provider_label
from inspector_app.domain.template_model import AnswerType, Per, Section
from inspector_app.domain.workflow import LOCKED, Status
from inspector_app.i18n import _, current_language
from inspector_app.locale_format import format_date
from inspector_app.services import amendments, performance
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.forms.workspace_view_ui import Ui_WorkspaceView
from inspector_app.ui.item_editors import AnswerEditor, editor_for
from inspector_app.ui.mou_grid import MouGrid
from inspector_app.ui.photos_panel import PhotosPanel
from inspector_app.ui.roster_grid import RosterGrid
from inspector_app.ui.workers import TaskRunner

NODE = Qt.ItemDataRole.UserRole + 1  # ("slot", key) | ("grid", item code) | ("roster" | "terms", section code)
SECTION = Qt.ItemDataRole.UserRole + 2


class WorkspaceView(QWidget):
    """Walk the checklist: every change goes through the controller and is saved at once."""

    keyShown = Signal(str)  # the key (or page) now shown, to reopen there after a restart
    amendRequested = Signal()  # the user asked to correct this signed inspection with an amendment

    def __init__(self, controller: InspectionController, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ui = Ui_WorkspaceView()
        self.ui.setupUi(self)
        self.photos = PhotosPanel(controller.workspace, runner, self.ui.photosHost)
        self.photos.set_undo_stack(controller.undo_stack)
        self.photos.changed.connect(controller.reload)
        self.photos.failed.connect(controller.failed)
        self.ui.photosLayout.addWidget(self.photos)
        self.ui.splitter.setSizes([240, 960])  # a 1366-pixel screen leaves the MOU grid room for its columns
        self._editor: AnswerEditor | None = None
        self._key = ""
        self._evidence_found: dict[str, Any] | None = None  # a performance assessment's (services.performance)
        self._pages: dict[tuple[str, str], QWidget] = {}
        self.ui.sections.currentItemChanged.connect(lambda item, _prev: self._show_node(item))
        self.ui.sections.itemActivated.connect(lambda item, _col: self.focus_current())
        self.ui.find.textChanged.connect(self._find)
        self.ui.find.returnPressed.connect(self.ui.sections.setFocus)
        self.ui.remark.installEventFilter(self)
        self.ui.amendButton.clicked.connect(self.amendRequested)
        controller.changed.connect(lambda _key: self.refresh_markers())
        controller.changed.connect(self._changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    @property
    def current_key(self) -> str:
        """The item key, grid item code or roster section code now shown."""
        return self._key

    # -- navigation ---------------------------------------------------------------------------
    def show_key(self, key: str) -> None:
        """Show the page that answers ``key`` (a slot key, or a grid's node) and focus it."""
        code = key.split("/", 1)[0]
        slot = self.controller.slot(key)
        for item in self._leaves():
            kind, ref = item.data(0, NODE)
            section = item.parent().data(0, SECTION) if item.parent() else None
            in_grid = slot is not None and slot.mou_line is not None and slot.section.code == section
            if (kind == "slot" and ref == key) or (kind == "grid" and (ref == code or in_grid)) or (
                kind == "roster" and (ref == key or (slot is not None and slot.section.code == ref))
            ) or (kind == "terms" and ref == key):
                self.ui.sections.setCurrentItem(item)
                page = self.ui.pages.currentWidget()
                if kind != "slot" and hasattr(page, "focus_key"):
                    page.focus_key(key)
                else:
                    self.focus_current()
                return

    def next_item(self, step: int = 1) -> None:
        leaves = self._leaves()
        current = self.ui.sections.currentItem()
        index = leaves.index(current) if current in leaves else -1
        target = index + step
        while 0 <= target < len(leaves) and leaves[target].data(0, NODE)[0] == "terms":  # nothing to answer there
            target += step
        if 0 <= target < len(leaves):
            self.ui.sections.setCurrentItem(leaves[target])
            self.focus_current()

    def focus_current(self) -> None:
        page = self.ui.pages.currentWidget()
        if page is self.ui.itemPage and self._editor is not None:
            self._editor.focus()
        elif page is not None:
            page.setFocus()

    def focus_find(self) -> None:
        self.ui.find.setFocus()
        self.ui.find.selectAll()

    # -- building -----------------------------------------------------------------------------
    def rebuild(self) -> None:
        state, lang = self.controller.state, current_language()
        version = state.checklist.scope.mou_version
        self.ui.heading.setText(
            f"<b>{state.unit.name}</b> — {state.checklist.template.title.get(lang)} "
            f"({format_date(state.inspection.start_date)})"
            + (f"<br>{html.escape(_('MOU: {version}').format(version=labels.mou_version(version)))}"
               if version else "")
        )
        self._show_signed_banner()
        self._evidence_found = None  # read again when a page asks for it
        current = self._key
        self.ui.sections.clear()  # grid pages stay: they follow the controller and keep half-typed counts
        scope = state.checklist.scope
        for section in state.checklist.template.sections:
            if section_applies(section, scope):
                self._add_section(section, lang)
            elif _not_asked(section, scope):
                self._add_not_asked(section, lang)
        self.ui.sections.expandAll()
        self.refresh_markers()
        leaves = self._leaves()
        if current:
            self.show_key(current)
        elif leaves:
            self.ui.sections.setCurrentItem(leaves[0])

    def _show_signed_banner(self) -> None:
        """A signed inspection says who signed it and when, that it is read-only, and offers an amendment."""
        locked = Status(self.controller.state.inspection.status) in LOCKED
        self.ui.signedBanner.setVisible(locked)
        if not locked:
            return
        rows = amendments.signers(self.controller.workspace, self.controller.inspection_id)
        names = ", ".join(dict.fromkeys(r.signer_name for r in rows)) or _("an unknown signer")
        when = format_date(rows[-1].signed_at.date() if rows else None)
        self.ui.signedText.setText(_("Signed by {names} on {date}: read-only. Corrections go into an amendment.")
                                   .format(names=names, date=when))
        self.ui.amendButton.setEnabled(not self.controller.workspace.read_only)

    def _add_section(self, section: Section, lang: str) -> None:
        node = QTreeWidgetItem([section.title.get(lang)])
        node.setData(0, SECTION, section.code)
        node.setFlags(node.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.ui.sections.addTopLevelItem(node)
        roster_added = False
        lines = len(self.controller.state.checklist.scope.mou_lines)
        for item in section.items:
            if item.per is Per.MOU_LINE:
                if item.type is AnswerType.MOU_COUNT:
                    child = QTreeWidgetItem([_("{label} — {n} MOU lines").format(label=item.label.get(lang), n=lines)])
                    child.setData(0, NODE, ("grid", item.code))
                    node.addChild(child)
            elif item.per is Per.PERSON:
                if not roster_added:
                    child = QTreeWidgetItem([_("Results per officer")])
                    child.setData(0, NODE, ("roster", section.code))
                    node.addChild(child)
                    roster_added = True
            else:
                child = QTreeWidgetItem([item.label.get(lang)])
                child.setData(0, NODE, ("slot", item.code))
                node.addChild(child)

    def _add_not_asked(self, section: Section, lang: str) -> None:
        """A category the contingent does not provide: its section, with one page that says so."""
        node = QTreeWidgetItem([section.title.get(lang)])
        node.setData(0, SECTION, section.code)
        node.setFlags(node.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        provider = self.controller.state.checklist.scope.provider(section.mou_category or "")
        text = _("Not asked: provided by {provider}").format(provider=provider_label(provider))
        child = QTreeWidgetItem([text])
        child.setToolTip(0, text)  # whole where the tree is narrow
        child.setData(0, NODE, ("terms", section.code))
        node.addChild(child)
        self.ui.sections.addTopLevelItem(node)

    def refresh_markers(self) -> None:
        results = self.controller.results()
        completion = {c.section.code: c for c in results.completion}
        sections = self.controller.state.checklist.template.sections
        reasons = _attention(results, sections)
        values = self.controller.state.values()
        for i in range(self.ui.sections.topLevelItemCount()):
            node = self.ui.sections.topLevelItem(i)
            code = node.data(0, SECTION)
            title = next(s for s in sections if s.code == code).title.get(current_language())
            done = completion.get(code)
            count = f"  {done.answered}/{done.required}" if done and done.required else ""
            flagged = reasons.get(code, [])
            node.setText(0, f"{title}{count}{'  ⚠' if flagged else ''}")
            node.setToolTip(0, "\n".join(flagged))
            node.setForeground(0, QBrush(theme.colour("attention")) if flagged else QBrush())
            for j in range(node.childCount()):
                child = node.child(j)
                kind, ref = child.data(0, NODE)
                if kind == "slot":
                    slot = self.controller.slot(ref)
                    answered = ref in values
                    mark = "✓" if answered else ("•" if slot and slot.item.required else "·")
                    child.setText(0, f"{mark} {slot.item.label.get(current_language()) if slot else ref}")

    # -- pages --------------------------------------------------------------------------------
    def _show_node(self, node: QTreeWidgetItem | None) -> None:
        if node is None or node.data(0, NODE) is None:
            return
        self.commit_pending()
        kind, ref = node.data(0, NODE)
        if kind == "slot":
            self._show_slot(ref)
        elif kind == "terms":
            self._show_not_asked(ref)
        else:
            page = self._pages.get((kind, ref))
            if page is None:
                page = (MouGrid(self.controller, ref) if kind == "grid"
                        else RosterGrid(self.controller, ref, lang=current_language()))
                self._pages[(kind, ref)] = page
                self.ui.pages.addWidget(page)
            self.ui.pages.setCurrentWidget(page)
            self._key = ref
        self.keyShown.emit(self._key)

    def _show_not_asked(self, code: str) -> None:
        section = next(s for s in self.controller.state.checklist.template.sections if s.code == code)
        terms = _terms(self.controller.state.checklist.scope, section.mou_category or "")
        self.ui.termsTitle.setText(f"<b>{html.escape(section.title.get(current_language()))}</b>")
        self.ui.termsText.setText(
            _("Provided by: {provider}. The contingent is not judged on a category it does not provide, so this "
              "inspection does not ask about it.").format(provider=provider_label(terms.provider))
            + " " + _standard(terms))
        self.ui.pages.setCurrentWidget(self.ui.termsPage)
        self._key = code

    def _show_slot(self, key: str) -> None:
        slot = self.controller.slot(key)
        if slot is None:
            return
        self._key = key
        lang = current_language()
        item = slot.item
        required = _(" (required)") if item.required else ""
        self.ui.itemTitle.setText(f"<b>{item.label.get(lang)}</b>{required}")
        self.ui.itemGuidance.setText(item.guidance.get(lang) if item.guidance else "")
        category = slot.section.mou_category
        self.ui.itemTerms.setVisible(bool(category or slot.section.evidence))
        if category:
            terms = _terms(self.controller.state.checklist.scope, category)
            self.ui.itemTerms.setText(_("Self-sustainment, provided by: {provider}.").format(
                provider=provider_label(terms.provider)) + " " + _standard(terms))
        elif slot.section.evidence:
            self.ui.itemTerms.setText("\n".join(self._evidence(slot.section)))
        self.ui.itemError.clear()
        if self._editor is not None:
            self._editor.blockSignals(True)  # saved already (commit_pending); its focus-out must not report here
            self._editor.deleteLater()
        editor = editor_for(item, self.controller.state.checklist.template.options(item), lang, self.ui.editorHost)
        value, remark = self.controller.entry(key)
        editor.set_value(value)
        relevant = self.controller.relevant(slot)
        editor.set_read_only(not (self.controller.editable and relevant))
        if not relevant:
            self.ui.itemError.setText(_("This item does not apply, given the answers so far."))
        editor.committed.connect(lambda v, k=key: self._commit(k, v))
        editor.invalid.connect(self._invalid)
        editor.advance.connect(self.next_item)
        self.ui.editorLayout.addWidget(editor)
        self._editor = editor
        self.ui.remark.setPlainText(remark)
        self.ui.remark.setReadOnly(not self.controller.editable)
        self.photos.set_target(self.controller.inspection_id, key, self.controller.editable)
        self.ui.pages.setCurrentWidget(self.ui.itemPage)

    def _evidence(self, section: Section) -> list[str]:
        """The unit's results of the assessed quarter that the section shows (a performance assessment)."""
        state = self.controller.state
        period = state.checklist.scope.period
        if not period:
            return []
        if self._evidence_found is None:
            kinds = {k for s in state.checklist.template.sections for k in s.evidence}
            self._evidence_found = performance.evidence(self.controller.workspace, state.unit.id, period, kinds)
        return evidence_lines(list(section.evidence), self._evidence_found)

    def _commit(self, key: str, value: object) -> None:
        if self.controller.set_value(key, value):
            self.ui.itemError.clear()

    def _invalid(self, message: str) -> None:
        self.ui.itemError.setText(message)

    def commit_pending(self) -> None:
        """Save what is typed but not yet saved (the open editor and the remark)."""
        if self._editor is not None:
            self._editor.flush()
        self._commit_remark()

    def _commit_remark(self) -> None:
        if self._key and self.controller.slot(self._key) and self.ui.pages.currentWidget() is self.ui.itemPage:
            self.controller.set_remark(self._key, self.ui.remark.toPlainText())

    def _changed(self, key: str) -> None:
        if key == self._key and self._editor is not None and self.ui.pages.currentWidget() is self.ui.itemPage:
            value, remark = self.controller.entry(key)
            self._editor.set_value(value)
            if self.ui.remark.toPlainText().strip() != remark:
                self.ui.remark.setPlainText(remark)

    def _find(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.ui.sections.topLevelItemCount()):
            node = self.ui.sections.topLevelItem(i)
            any_shown = False
            for j in range(node.childCount()):
                child = node.child(j)
                hidden = bool(needle) and needle not in child.text(0).lower() and needle not in node.text(0).lower()
                child.setHidden(hidden)
                any_shown = any_shown or not hidden
            node.setHidden(not any_shown)
        visible = [leaf for leaf in self._leaves() if not leaf.isHidden()]
        if needle and visible:
            self.ui.sections.setCurrentItem(visible[0])

    def _leaves(self) -> list[QTreeWidgetItem]:
        leaves = []
        iterator = QTreeWidgetItemIterator(self.ui.sections)
        while iterator.value():
            item = iterator.value()
            if item.data(0, NODE) is not None and not item.isHidden():
                leaves.append(item)
            iterator += 1
        return leaves

    # -- Qt events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if watched is self.ui.remark and event.type() == QEvent.Type.FocusOut:
            self._commit_remark()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.rebuild()
        super().changeEvent(event)


def _terms(scope: Scope, category: str) -> SsTerms:
    """What the inspection's frozen MOU says of a self-sustainment category (an old scope: the contingent's)."""
    return next((t for t in scope.ss_terms if t.category == category), SsTerms(category))


def _standard(terms: SsTerms) -> str:
    if terms.standard:
        return _("Standard in the MOU: {standard}").format(standard=terms.standard)
    return _("The MOU sets no standard in words for it.")


def _not_asked(section: Section, scope: Scope) -> bool:
    """A self-sustainment section the MOU lists but someone other than the contingent provides (a spot check:
    among the sections it covers)."""
    category = section.mou_category
    return category is not None and category in scope.ss_categories and scope.provider(category) != CONTINGENT and (
        not scope.sections or section.code in scope.sections)


def _attention(results: Results, sections: list[Section]) -> dict[str, list[str]]:
    """Why each section needs attention: open required items, results below standard."""
    reasons: dict[str, list[str]] = {}
    for slot in results.missing:
        reasons.setdefault(slot.section.code, []).append("")
    for code, marks in reasons.items():
        reasons[code] = [_("{n} required answers missing").format(n=len(marks))]
    below = [c.name for c in results.categories if c.below_threshold]
    if below:
        for section in sections:
            if any(i.type is AnswerType.MOU_COUNT for i in section.items):
                reasons.setdefault(section.code, []).append(
                    _("below the serviceability standard: {categories}").format(categories=", ".join(below)))
    for compliance in results.compliance:
        if compliance.status in (Compliance.NOT_MET, Compliance.PARTIALLY_MET):
            reasons.setdefault(compliance.section.code, []).append(
                _("standard {status}").format(status=compliance.status.label))
    for outcome in results.outcomes:
        if outcome.passed is False:
            reasons.setdefault(outcome.section.code, []).append(_("component failed"))
    return reasons
