"""The open inspection as the widgets see it: its state, and every edit saved at once with undo/redo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from inspector_app.domain.checklist import Slot
from inspector_app.domain.results import Results
from inspector_app.domain.workflow import EDITABLE, Status
from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import inspections
from inspector_app.services.inspections import InspectionState
from inspector_app.services.workspace import Workspace

Entry = tuple[Any, str]  # (value or None, remark)


class InspectionController(QObject):
    """Widgets call ``set_value``/``set_remark``; the service commits each change before it returns."""

    saved = Signal(str)  # key: the change is on disk
    failed = Signal(str)  # a message for the user: nothing was changed
    changed = Signal(str)  # key: value or remark changed (edit, undo or redo)
    reloaded = Signal()  # the whole state was read again (status, findings, photos)

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        self.undo_stack = QUndoStack(self)
        self.state: InspectionState = inspections.load(workspace, inspection_id)

    # -- reading ------------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        """Answers may change: the inspection is not locked and the data folder is not read-only."""
        return not self.workspace.read_only and Status(self.state.inspection.status) in EDITABLE

    def slot(self, key: str) -> Slot | None:
        return self.state.checklist.slot(key)

    def entry(self, key: str) -> Entry:
        row = self.state.answers.get(key)
        return (inspections.value_of(row), row.remark) if row else (None, "")

    def value(self, key: str) -> Any:
        return self.entry(key)[0]

    def results(self) -> Results:
        return self.state.results(inspections.threshold(self.workspace))

    def relevant(self, slot: Slot) -> bool:
        return self.state.checklist.relevant(slot, self.state.values())

    def reload(self) -> None:
        self.state = inspections.load(self.workspace, self.inspection_id)
        self.reloaded.emit()

    # -- writing ------------------------------------------------------------------------------
    def set_value(self, key: str, value: Any) -> bool:
        old = self.entry(key)
        if old[0] == value:
            return True
        return self._edit(key, old, (value, old[1]), _("Answer {key}").format(key=key))

    def set_remark(self, key: str, remark: str) -> bool:
        old = self.entry(key)
        if old[1] == remark.strip():
            return True
        return self._edit(key, old, (old[0], remark.strip()), _("Remark on {key}").format(key=key))

    def _edit(self, key: str, old: Entry, new: Entry, text: str) -> bool:
        if not self.write(key, new):
            return False
        self.undo_stack.push(_EditCommand(self, key, old, new, text))
        return True

    def write(self, key: str, entry: Entry) -> bool:
        """Save ``entry`` for ``key`` through the services; False (and ``failed``) when refused."""
        value, remark = entry
        try:
            if value is None:
                row = inspections.clear(self.workspace, self.inspection_id, key)
                if remark != self.entry(key)[1]:
                    row = inspections.set_remark(self.workspace, self.inspection_id, key, remark)
            else:
                row = inspections.answer(self.workspace, self.inspection_id, key, value=value, remark=remark)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            return False
        if row is not None:
            self.state.answers[key] = row
        self.state.inspection.status = (
            Status.IN_PROGRESS.value if self.state.inspection.status == Status.DRAFT.value
            else self.state.inspection.status
        )
        self.saved.emit(key)
        self.changed.emit(key)
        return True


class _EditCommand(QUndoCommand):
    def __init__(self, controller: InspectionController, key: str, old: Entry, new: Entry, text: str) -> None:
        super().__init__(text)
        self.controller, self.key, self.old, self.new = controller, key, old, new
        self._done = True  # the edit was saved before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if not self.controller.write(self.key, self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.controller.write(self.key, self.old):
            self.setObsolete(True)
