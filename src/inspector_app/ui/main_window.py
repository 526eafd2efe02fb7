"""The main window: home (units and inspections), the open inspection (checklist, review), sync, menus.

HQ mode (File ▸ Open HQ database…, or ``inspector --hq [URL]``) shows HQ's consolidation database in an
``HqView`` page instead; the laptop's own data stays open underneath, its commands disabled, and
File ▸ Back to field mode returns to the page the user left.

The window can show before the database is open (``MainWindow(None, …)``, then ``attach``): on its home page,
empty, with the commands that need data disabled. So this module imports no service: what a command needs is
imported when it is first used.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from inspector_app import __version__
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language, ngettext
from inspector_app.ui import theme
from inspector_app.ui.forms.main_window_ui import Ui_MainWindow
from inspector_app.ui.home_view import HomeView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace
    from inspector_app.ui.candidates_view import CandidatesView
    from inspector_app.ui.controller import InspectionController
    from inspector_app.ui.home_data import HomeData
    from inspector_app.ui.hq_open_dialog import HqOpenDialog
    from inspector_app.ui.hq_view import HqView
    from inspector_app.ui.review_view import ReviewView
    from inspector_app.ui.sync_view import SyncView
    from inspector_app.ui.workspace_view import WorkspaceView


class MainWindow(QMainWindow):
    workspace: Workspace  # set by ``attach``; until then ``ready`` is False

    def __init__(
        self, workspace: Workspace | None, preferences: Preferences, runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences, self.ready = preferences, False
        self.runner = runner or TaskRunner(self)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.controller: InspectionController | None = None
        self.workspace_view: WorkspaceView | None = None
        self.review_view: ReviewView | None = None
        self.sync_view: SyncView | None = None  # made when first shown
        self.candidates_view: CandidatesView | None = None  # made when first shown
        self.hq_view: HqView | None = None  # in HQ mode only
        self._field_page: QWidget | None = None  # the page to return to from HQ mode
        self.open_conflicts = 0
        self.home = HomeView(parent=self)
        self.tabs = QTabWidget(self)
        self.ui.stack.addWidget(self.home)
        self.ui.stack.addWidget(self.tabs)
        self.conflicts_label = QLabel(self)
        self.conflicts_label.setContentsMargins(0, 0, 16, 0)  # apart from "saved"
        self.ui.statusbar.addPermanentWidget(self.conflicts_label)
        self.saved_label = QLabel(self)
        self.ui.statusbar.addPermanentWidget(self.saved_label)
        self._connect_actions()
        self._check_current_choices()
        self.home.openRequested.connect(self.open_inspection)
        self.home.newRequested.connect(self.new_inspection)
        self.home.planRequested.connect(self.plan_inspection)
        if workspace is None:
            self._set_mode()
        else:
            self.attach(workspace)
        if not preferences.geometry.isEmpty():
            self.restoreGeometry(preferences.geometry)

    def attach(self, workspace: Workspace) -> None:
        """The database is open: the commands that need it are enabled (the home page is loaded by ``show_home``)."""
        self.workspace = self.home.workspace = workspace
        self.ready = True
        self._count_conflicts()
        self._set_mode()

    # -- views --------------------------------------------------------------------------------
    def show_home(self, data: HomeData | None = None) -> None:
        """The home page, read again (or showing ``data``, just read off the window's thread)."""
        if data is None:
            self.home.load()
        else:
            self.home.show_data(data)
        self.ui.stack.setCurrentWidget(self.home)
        self.preferences.last_inspection = ""
        self.home.ui.tree.setFocus()
        self._count_conflicts()

    def go_back(self) -> None:
        """Back (Alt+Left): from any page to the units and inspections, leaving HQ mode first if in it."""
        if self.hq_view is not None:
            self._field_page = self.home
            self.leave_hq()
        else:
            self.show_home()

    def show_sync(self) -> SyncView:
        """The Sync page: export, share, import, conflicts (the open inspection preselected)."""
        if self.workspace_view is not None:
            self.workspace_view.commit_pending()
        if self.sync_view is None:
            from inspector_app.ui.sync_view import SyncView  # noqa: PLC0415  (cryptography: load on use)

            self.sync_view = SyncView(self.workspace, self.runner, self)
            self.sync_view.conflictsChanged.connect(self._show_conflicts)
            self.sync_view.dataChanged.connect(self._synced)
            self.ui.stack.addWidget(self.sync_view)
        self.sync_view.load(self.controller.inspection_id if self.controller is not None else None)
        self.ui.stack.setCurrentWidget(self.sync_view)
        self.sync_view.focus_first()
        return self.sync_view

    def show_candidates(self) -> CandidatesView:
        """The AMS candidate registry of this laptop's database; in HQ mode, of HQ's (in a window of its own)."""
        if self.hq_view is not None:
            return self.hq_view.show_candidates()
        if self.candidates_view is None:
            from inspector_app.ui.candidates_view import CandidatesView  # noqa: PLC0415  (load on use)

            self.candidates_view = CandidatesView(self.workspace, self)
            self.ui.stack.addWidget(self.candidates_view)
        self.candidates_view.load()
        self.ui.stack.setCurrentWidget(self.candidates_view)
        self.candidates_view.focus_first()
        return self.candidates_view

    def open_inspection(self, inspection_id: str, key: str = "") -> None:
        from inspector_app.ui.controller import InspectionController  # noqa: PLC0415  (load on use)
        from inspector_app.ui.review_view import ReviewView  # noqa: PLC0415
        from inspector_app.ui.workspace_view import WorkspaceView  # noqa: PLC0415

        self._close_inspection()
        try:
            self.controller = InspectionController(self.workspace, inspection_id, self)
        except InspectorError as exc:
            self.show_error(str(exc))
            return
        self.controller.saved.connect(self._saved)
        self.controller.failed.connect(self._not_saved)
        self.controller.reloaded.connect(self.home.load)
        self.workspace_view = WorkspaceView(self.controller, self.runner, self.tabs)
        self.workspace_view.keyShown.connect(lambda k: setattr(self.preferences, "last_key", k))
        self.workspace_view.amendRequested.connect(self._amend)
        self.review_view = ReviewView(self.controller, self.tabs)
        self.review_view.set_language(current_language())
        self.review_view.jumpTo.connect(self._jump_to)
        self.review_view.failed.connect(self.show_error)
        self.tabs.addTab(self.workspace_view, _("&Checklist"))
        self.tabs.addTab(self.review_view, _("&Review and results"))
        self.ui.stack.setCurrentWidget(self.tabs)
        self.preferences.last_inspection = inspection_id
        self._bind_undo()
        if key:
            self.workspace_view.show_key(key)
        else:
            self.workspace_view.focus_current()
        self._saved_text(_("All changes saved"))

    def new_inspection(self) -> None:
        from inspector_app.ui.new_inspection_dialog import NewInspectionDialog  # noqa: PLC0415  (load on use)

        dialog = NewInspectionDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._started(dialog.inspection_id))
        dialog.open()

    def plan_inspection(self) -> None:
        from inspector_app.ui.plan_dialog import PlanDialog  # noqa: PLC0415  (load on use)

        dialog = PlanDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.home.load)
        dialog.open()

    def _started(self, inspection_id: str) -> None:
        self.activateWindow()
        self.home.load()
        self.open_inspection(inspection_id)

    def _amend(self) -> None:
        """Correct the signed inspection shown: start its amendment and open it."""
        from inspector_app.services import amendments  # noqa: PLC0415  (load on use)

        assert self.controller is not None  # the banner's button belongs to an open inspection
        try:
            amendment = amendments.amend(self.workspace, self.controller.inspection_id)
        except InspectorError as exc:
            self.show_error(str(exc))
            return
        self._started(amendment.id)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("Inspector"), message)

    # -- HQ mode ------------------------------------------------------------------------------
    def choose_hq_database(self) -> HqOpenDialog:
        """File ▸ Open HQ database…: the dialog opens the database, then the window switches to HQ mode."""
        from inspector_app.ui.hq_open_dialog import HqOpenDialog  # noqa: PLC0415  (HQ mode: load on use)

        dialog = HqOpenDialog(self.workspace.data, self.workspace.actor, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.workspace and self.enter_hq(dialog.workspace, dialog.url))
        dialog.open()
        return dialog

    def open_hq_database(self, given: str | None = None) -> None:
        """``inspector --hq [URL]``: open HQ's database off the window's thread; a refusal is shown in one line."""
        from inspector_app.services.hq_database import database_place, database_url, open_hq  # noqa: PLC0415

        def failed(message: str) -> None:
            self.statusBar().clearMessage()
            self.show_error(_("HQ's database was not opened: {error}").format(error=message))

        try:
            url = database_url(self.workspace.data, given)
        except InspectorError as exc:
            failed(str(exc))
            return
        self.statusBar().showMessage(_("Opening {url}…").format(url=database_place(url)))
        self.runner.submit("hq-open", lambda _p: open_hq(self.workspace.data, url, self.workspace.actor),
                           on_success=lambda ws: self.enter_hq(ws, url), on_failure=failed)

    def enter_hq(self, hq: Workspace, url: str) -> HqView:
        """Show HQ's database ``hq`` (opened at ``url``); another one open before is closed."""
        from inspector_app.ui.hq_view import HqView  # noqa: PLC0415  (HQ mode: load on use)

        self.statusBar().clearMessage()
        self.activateWindow()  # after the dialog: the keyboard comes back to the window
        if self.workspace_view is not None:
            self.workspace_view.commit_pending()
        if self.hq_view is None:
            self._field_page = self.ui.stack.currentWidget()
        self._close_hq()
        self.hq_view = HqView(hq, url, self.runner, self)
        self.ui.stack.addWidget(self.hq_view)
        self.ui.stack.setCurrentWidget(self.hq_view)
        self._set_mode()
        self.hq_view.load()
        self.hq_view.focus_first()
        return self.hq_view

    def leave_hq(self) -> None:
        """Back to field mode: HQ's database is closed and the page left for it is shown again."""
        if self.hq_view is None:
            return
        self._close_hq()
        self._set_mode()
        page, self._field_page = self._field_page, None
        if page is None or page is self.home or (page is self.tabs and self.controller is None):
            self.show_home()
        elif page is self.sync_view:
            self.show_sync()
        else:
            self._tab(self.tabs.currentIndex())
            if self.workspace_view is not None and self.tabs.currentWidget() is self.workspace_view:
                self.workspace_view.focus_current()

    def _close_hq(self) -> None:
        view, self.hq_view = self.hq_view, None
        if view is None:
            return
        view.shut()
        self.runner.wait()  # nothing runs on HQ's database any more
        self.ui.stack.removeWidget(view)
        view.deleteLater()
        view.workspace.close()

    def _set_mode(self) -> None:
        """In HQ mode the commands on this laptop's inspections are disabled; back in field mode, enabled.

        A read-only data folder can be browsed, shown and reported on: what would save anything is disabled.
        """
        hq, ui, ready = self.hq_view is not None, self.ui, self.ready
        read_only = ready and self.workspace.read_only
        for action in (ui.actionSettings, ui.actionVerificationReport, ui.actionOpenHq,
                       ui.actionCandidates):
            action.setEnabled(ready)
        for action in (ui.actionReport, ui.actionHome, ui.actionChecklist, ui.actionReview, ui.actionFind,
                       ui.actionNextItem, ui.actionPreviousItem, ui.actionSync):
            action.setEnabled(ready and not hq)
        for action in (ui.actionNewInspection, ui.actionPlanInspection, ui.actionSignOff, ui.actionExportHq,
                       ui.actionShare, ui.actionImportBundles):
            action.setEnabled(ready and not hq and not read_only)
        self.home.ui.newButton.setEnabled(ready and not read_only)
        self.home.ui.planButton.setEnabled(ready and not read_only)
        stack = self.controller.undo_stack if self.controller is not None else None
        ui.actionUndo.setEnabled(not hq and stack is not None and stack.canUndo())
        ui.actionRedo.setEnabled(not hq and stack is not None and stack.canRedo())
        ui.actionFieldMode.setEnabled(hq)
        self.saved_label.setVisible(not hq)
        self.conflicts_label.setVisible(not hq and self.open_conflicts > 0)
        if read_only:
            self._saved_text(_("Read-only: nothing can be saved"), error=True)
        self._set_title()

    # -- appearance ---------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch every window to ``lang`` at once; nothing typed is lost (it is all saved)."""
        if self.workspace_view is not None:
            self.workspace_view.commit_pending()
        switch_language(lang)
        self.preferences.language = lang
        if self.review_view is not None:
            self.review_view.set_language(lang)
        self._check_current_choices()

    def set_theme(self, name: str) -> None:
        theme.apply(QApplication.instance(), name, self.preferences.font_size)
        self.preferences.theme = name
        self._check_current_choices()
        if self.hq_view is not None:
            self.hq_view.restyle()

    def set_font_size(self, size: int) -> None:
        self.preferences.font_size = max(theme.FONT_SIZES[0], min(size, 22))
        theme.apply(QApplication.instance(), self.preferences.theme, self.preferences.font_size)

    # -- internals ----------------------------------------------------------------------------
    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionNewInspection.triggered.connect(self.new_inspection)
        ui.actionPlanInspection.triggered.connect(self.plan_inspection)
        ui.actionHome.triggered.connect(self.show_home)
        ui.actionBack.triggered.connect(self.go_back)
        ui.stack.currentChanged.connect(lambda _i: ui.actionBack.setEnabled(ui.stack.currentWidget() is not self.home))
        ui.actionBack.setEnabled(False)  # home is shown first
        ui.actionChecklist.triggered.connect(lambda: self._tab(0))
        ui.actionReview.triggered.connect(lambda: self._tab(1))
        ui.actionSettings.triggered.connect(self._settings)
        ui.actionReport.triggered.connect(self._report)
        ui.actionVerificationReport.triggered.connect(self._verification_report)
        ui.actionSignOff.triggered.connect(self._sign_off)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionFind.triggered.connect(self._find)
        ui.actionNextItem.triggered.connect(lambda: self.workspace_view and self.workspace_view.next_item(1))
        ui.actionPreviousItem.triggered.connect(lambda: self.workspace_view and self.workspace_view.next_item(-1))
        ui.actionShortcuts.triggered.connect(self._shortcuts)
        ui.actionSync.triggered.connect(self.show_sync)
        ui.actionCandidates.triggered.connect(self.show_candidates)
        ui.actionExportHq.triggered.connect(lambda: self.show_sync().export_for_hq())
        ui.actionShare.triggered.connect(lambda: self.show_sync().share())
        ui.actionImportBundles.triggered.connect(lambda: self.show_sync().import_bundles())
        ui.actionOpenHq.triggered.connect(self.choose_hq_database)
        ui.actionFieldMode.triggered.connect(self.leave_hq)
        ui.actionAbout.triggered.connect(self._about)
        ui.actionFontLarger.setShortcuts(["Ctrl++", "Ctrl+="])
        ui.actionFontLarger.triggered.connect(lambda: self.set_font_size(self.preferences.font_size + 1))
        ui.actionFontSmaller.triggered.connect(lambda: self.set_font_size(self.preferences.font_size - 1))
        ui.actionRedo.setShortcuts(["Ctrl+Shift+Z", "Ctrl+Y"])
        self._exclusive({ui.actionEnglish: "en", ui.actionFrench: "fr"}, self.set_language)
        self._exclusive({ui.actionThemeLight: "light", ui.actionThemeDark: "dark",
                         ui.actionThemeHighContrast: "high_contrast"}, self.set_theme)
        ui.actionUndo.setEnabled(False)
        ui.actionRedo.setEnabled(False)

    def _exclusive(self, choices: dict[QAction, str], apply: object) -> None:
        group = QActionGroup(self)
        for action, value in choices.items():
            group.addAction(action)
            action.triggered.connect(lambda _c=False, v=value: apply(v))  # type: ignore[operator]

    def _check_current_choices(self) -> None:
        ui = self.ui
        ui.actionEnglish.setChecked(self.preferences.language == "en")
        ui.actionFrench.setChecked(self.preferences.language == "fr")
        ui.actionThemeLight.setChecked(self.preferences.theme == "light")
        ui.actionThemeDark.setChecked(self.preferences.theme == "dark")
        ui.actionThemeHighContrast.setChecked(self.preferences.theme == "high_contrast")

    def _bind_undo(self) -> None:
        assert self.controller is not None
        stack = self.controller.undo_stack
        for action in (self.ui.actionUndo, self.ui.actionRedo):
            try:
                action.triggered.disconnect()
            except (RuntimeError, TypeError):
                pass
        self.ui.actionUndo.triggered.connect(stack.undo)
        self.ui.actionRedo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.ui.actionUndo.setEnabled)
        stack.canRedoChanged.connect(self.ui.actionRedo.setEnabled)
        self.ui.actionUndo.setEnabled(stack.canUndo())
        self.ui.actionRedo.setEnabled(stack.canRedo())

    def _close_inspection(self) -> None:
        if self.workspace_view is not None:
            self.workspace_view.commit_pending()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        if self.controller is not None:
            self.controller.deleteLater()
        self.controller = self.workspace_view = self.review_view = None
        self.ui.actionUndo.setEnabled(False)
        self.ui.actionRedo.setEnabled(False)

    def _tab(self, index: int) -> None:
        if self.controller is not None:
            self.ui.stack.setCurrentWidget(self.tabs)
            self.tabs.setCurrentIndex(index)
            if index == 1 and self.review_view is not None:
                self.review_view.refresh()

    def _jump_to(self, key: str) -> None:
        self._tab(0)
        if self.workspace_view is not None:
            self.workspace_view.show_key(key)

    def _find(self) -> None:
        if self.ui.stack.currentWidget() is self.home:
            self.home.focus_filter()
        elif self.workspace_view is not None:
            self._tab(0)
            self.workspace_view.focus_find()

    def _settings(self) -> None:
        from inspector_app.ui.settings_dialog import SettingsDialog  # noqa: PLC0415  (cryptography: load on use)

        dialog = SettingsDialog(self.workspace, self.preferences, self)
        dialog.languageChosen.connect(self.set_language)
        dialog.themeChosen.connect(self.set_theme)
        dialog.fontSizeChosen.connect(self.set_font_size)
        dialog.exec()

    def _report(self) -> None:
        if self.controller is None:
            self.show_error(_("Open an inspection first."))
            return
        from inspector_app.ui.report_dialog import ReportDialog  # noqa: PLC0415  (ReportLab, pyHanko: load on use)

        dialog = ReportDialog(self.workspace, self.controller.inspection_id, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.controller and self.controller.reload())
        dialog.open()

    def _verification_report(self) -> None:
        """The verification report of a unit (the open inspection's, if any) for a month or quarter."""
        from inspector_app.ui.verification_dialog import VerificationReportDialog  # noqa: PLC0415  (load on use)

        unit_id = self.controller.state.unit.id if self.controller is not None else None
        dialog = VerificationReportDialog(self.workspace, self.runner, unit_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _sign_off(self) -> None:
        if self.controller is None:
            self.show_error(_("Open an inspection first."))
            return
        from inspector_app.ui.sign_off_dialog import SignOffDialog  # noqa: PLC0415  (pyHanko: load on use)

        dialog = SignOffDialog(self.workspace, self.controller.inspection_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _shortcuts(self) -> None:
        from inspector_app.ui.shortcuts_dialog import ShortcutsDialog  # noqa: PLC0415  (load on use)

        dialog = ShortcutsDialog(self._actions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(self, _("About Inspector"), _("Inspector {version}\nData folder: {folder}").format(
            version=__version__, folder=self.preferences.data.root))

    def _actions(self) -> list[QAction]:
        return [a for a in self.findChildren(QAction) if not a.shortcut().isEmpty()]

    def _synced(self, inspection_id: str) -> None:
        """Records changed by an import ("": any inspection) or a resolved conflict: show them everywhere."""
        self.home.load()
        if self.controller is not None and inspection_id in ("", self.controller.inspection_id):
            self.controller.undo_stack.clear()  # undoing an edit made before the merge would undo the merge
            self.controller.reload()

    def _count_conflicts(self) -> None:
        from inspector_app.services import conflicts  # noqa: PLC0415  (imported off the window's thread by ui.app)

        try:
            self._show_conflicts(len(conflicts.list_open(self.workspace)))
        except InspectorError as exc:
            self.show_error(str(exc))

    def _show_conflicts(self, count: int) -> None:
        self.open_conflicts = count
        self.conflicts_label.setVisible(count > 0 and self.hq_view is None)
        self.conflicts_label.setText(ngettext(
            "{n} merge conflict to resolve: Sync ({keys})", "{n} merge conflicts to resolve: Sync ({keys})", count,
        ).format(n=count, keys=self.ui.actionSync.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        palette = self.conflicts_label.palette()
        palette.setColor(self.conflicts_label.foregroundRole(), theme.colour("attention"))
        self.conflicts_label.setPalette(palette)

    def _saved(self, _key: str) -> None:
        self._saved_text(_("Saved ✓ {time}").format(time=datetime.now().strftime("%H:%M:%S")))

    def _not_saved(self, message: str) -> None:
        self._saved_text(_("Not saved"), error=True)
        self.show_error(message)

    def _saved_text(self, text: str, error: bool = False) -> None:
        self.saved_label.setText(text)
        colour = theme.colour("shortfall" if error else "ok")
        palette = self.saved_label.palette()
        palette.setColor(self.saved_label.foregroundRole(), colour)
        self.saved_label.setPalette(palette)

    def _set_title(self) -> None:
        if self.hq_view is not None:
            from inspector_app.services.hq_database import database_place  # noqa: PLC0415  (HQ mode)

            self.setWindowTitle(_("Inspector — HQ — {database}").format(database=database_place(self.hq_view.url)))
        elif self.ready and self.workspace.read_only:
            self.setWindowTitle(_("Inspector — {folder} — read-only").format(folder=self.workspace.data.root))
        else:
            self.setWindowTitle(_("Inspector — {folder}").format(folder=self.preferences.data.root))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._set_title()
            self.tabs.setTabText(0, _("&Checklist"))
            self.tabs.setTabText(1, _("&Review and results"))
            self._saved_text(_("All changes saved"))
            self._show_conflicts(self.open_conflicts)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's name)
        if self.workspace_view is not None:
            self.workspace_view.commit_pending()
        self.preferences.geometry = self.saveGeometry()
        self.runner.cancel_all()
        self.runner.wait()
        self._close_hq()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        page = self.ui.stack.currentWidget()
        if event.key() == Qt.Key.Key_Escape and page is self.sync_view and self.controller is not None:
            self._tab(self.tabs.currentIndex())
            return
        if event.key() == Qt.Key.Key_Escape and page in (self.tabs, self.sync_view):
            self.show_home()
            return
        super().keyPressEvent(event)
