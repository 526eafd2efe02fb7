"""``inspector --self-test``: does this installation work? For the built program above all, where a
missing data file or module only shows when the code that needs it runs.

In a new, empty data folder (a temporary one, deleted afterwards, or ``--data-dir DIR``, which must be
empty or new so that real data is never touched) it loads every command, opens and migrates a database,
validates every shipped template, renders and signs a report with the shipped fonts, checks the French
catalogue, the spreadsheet library and the PostgreSQL driver, then checks the database it wrote. One line
per check; exit status 0 when all pass, else 1 with one line on stderr naming the first failure.

``--self-test-gui`` first opens the main window on that folder, as a first run would, and closes it
(offscreen on Linux without a display): ``inspector_app.ui.self_check``, imported only for that check, so
that ``--self-test`` works where Qt cannot start.
"""

from __future__ import annotations

import argparse
import gettext
import io
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inspector_app import __version__, i18n
from inspector_app.errors import InspectorError
from inspector_app.paths import DataDir

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

EXIT_OK = 0
EXIT_FAILED = 1
SELF_TEST_UNIT = "Self-test FPU"


@dataclass
class Check:
    name: str
    run: Callable[[SelfTest], str]  # returns what it found; raises on failure
    needs: tuple[str, ...] = ("database",)  # checks that must have passed first


@dataclass
class SelfTest:
    data: DataDir
    out: Callable[[str], None]
    command_parser: Callable[[], argparse.ArgumentParser]  # builds the command line (loads every command module)
    workspace: Workspace | None = None  # once the database check passed (services load in the checks)
    pdf: bytes = b""
    passed: set[str] = field(default_factory=set)

    @property
    def ws(self) -> Workspace:
        if self.workspace is None:
            raise InspectorError("the database is not open")
        return self.workspace


def main(command_parser: Callable[[], argparse.ArgumentParser], data_dir: str | None = None, gui: bool = False,
         out: Callable[[str], None] | None = None) -> int:
    """Run every check; 0 when all pass. ``out`` receives the report lines (default: stdout, flushed);
    ``command_parser`` is the command line's (the self-test checks that every command module loads)."""
    write = out or _print
    started = time.perf_counter()
    with ExitStack() as stack:
        try:
            folder = _folder(data_dir, stack)
        except InspectorError as exc:
            return _fail(f"self-test cannot start: {exc}")
        write(f"inspector {__version__} self-test ({_runtime()}) in {folder}")
        state = SelfTest(DataDir(folder), write, command_parser)
        stack.callback(_close, state)
        checks = ([Check("window", check_window, needs=())] if gui else []) + CHECKS
        failures = [failure for check in checks if (failure := _run(check, state))]
    if failures:
        more = f" (and {len(failures) - 1} more failure(s) above)" if len(failures) > 1 else ""
        return _fail(f"self-test failed: {failures[0]}{more}")
    write(f"self-test passed: {len(checks)} checks in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _run(check: Check, state: SelfTest) -> str | None:
    if missing := [name for name in check.needs if name not in state.passed]:
        state.out(f"  skip {check.name}: needs {' and '.join(missing)}")
        return None
    started = time.perf_counter()
    try:
        found = check.run(state)
    except Exception as exc:  # noqa: BLE001  (every failure is a finding, reported on one line)
        message = f"{check.name}: {type(exc).__name__}: {_one_line(exc)}"
        state.out(f"  FAIL {message}")
        return message
    state.out(f"  ok   {check.name}: {found} ({(time.perf_counter() - started) * 1000:.0f} ms)")
    state.passed.add(check.name)
    return None


def check_commands(state: SelfTest) -> str:
    parser = state.command_parser()
    commands = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    names = list(commands.choices or ())
    return f"{len(names)} commands load: {', '.join(names)}"


def check_database(state: SelfTest) -> str:
    from inspector_app.services.installation import open_workspace  # noqa: PLC0415  (import time is part of the check)
    from inspector_app.storage import migrations  # noqa: PLC0415

    workspace = open_workspace(state.data.root, actor="self-test")
    state.workspace = workspace
    with workspace.db.engine.connect() as conn:
        current = migrations.current_revision(conn)
    head = migrations.head_revision()
    if current != head:
        raise InspectorError(f"the database is at schema {current}, not at this version's {head}")
    return f"opened and migrated to schema {head} (this version's latest), SQLite {sqlite3.sqlite_version}"


def check_templates(state: SelfTest) -> str:
    from inspector_app.domain.template_loader import parse_template  # noqa: PLC0415
    from inspector_app.resources_access import shipped_templates  # noqa: PLC0415
    from inspector_app.services import templates  # noqa: PLC0415

    shipped = shipped_templates()
    if not shipped:
        raise InspectorError("no checklist template is shipped with this installation")
    parsed = [parse_template(f.read_text(encoding="utf-8"), f.name) for f in shipped]
    installed = {(r.template_id, r.version) for r in templates.installed(state.ws)}
    missing = [f"{t.id} v{t.version}" for t in parsed if (t.id, t.version) not in installed]
    if missing:
        raise InspectorError(f"shipped templates not installed in the database: {', '.join(missing)}")
    return f"{len(parsed)} valid and installed: " + ", ".join(f"{t.id} v{t.version}" for t in parsed)


def check_report(state: SelfTest) -> str:
    """A COE verification report, in French, of a one-line MOU: ReportLab with the shipped fonts."""
    from inspector_app.domain.checklist import MouLineRef  # noqa: PLC0415
    from inspector_app.services import inspections, report, units  # noqa: PLC0415

    ws = state.ws
    mission = units.create_mission(ws, "Self-test mission", "SELFTEST")
    units.create_unit(ws, mission.id, name=SELF_TEST_UNIT, contributing_country="Sénégal",
                      mou=[MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 2, "wet")])
    inspection = inspections.start(ws, SELF_TEST_UNIT, "coe-major-equipment", "periodic", start_date=date.today())
    checklist = inspections.load(ws, inspection.id).checklist
    mou_slot = next(slot for slot in checklist.slots if slot.mou_line is not None)
    inspections.answer(ws, inspection.id, mou_slot.key, "found=2 serviceable=1", remark="Crème, été, 12 °C")
    rendered = report.render(ws, inspection.id, "fr")
    if not rendered.pdf.startswith(b"%PDF-") or rendered.pages < 1:
        raise InspectorError("the report is not a PDF document")
    if b"DejaVu" not in rendered.pdf or b"/FontFile2" not in rendered.pdf:
        raise InspectorError("the report does not embed the shipped DejaVu fonts")
    state.pdf = rendered.pdf
    return f"COE report in French, {rendered.pages} page(s), {len(rendered.pdf) // 1024} KiB, fonts embedded"


def check_signature(state: SelfTest) -> str:
    """A PAdES signature by a throw-away identity, then verified: pyHanko and its validator."""
    from inspector_app.services import verification  # noqa: PLC0415

    result = verification.round_trip(state.pdf)
    if not (result.intact and result.trusted and result.ok):
        raise InspectorError(f"the signature does not verify: {result.integrity}, {result.trust} {result.problem}")
    return f"PAdES signature made and verified ({result.integrity}, {result.trust})"


def check_preview(state: SelfTest) -> str:
    """The report's first page rendered as the window's preview does: PDFium (pypdfium2)."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(state.pdf)
    try:
        bitmap = document[0].render(scale=1)
        width, height = bitmap.width, bitmap.height
        bitmap.close()
    finally:
        document.close()
    if width < 100 or height < 100:
        raise InspectorError(f"the report's first page rendered as {width}×{height} pixels")
    return f"report page rendered by PDFium, {width}×{height} pixels"


def check_translations(state: SelfTest) -> str:  # noqa: ARG001  (every check takes the state)
    catalogue = i18n.translations("fr")
    if not isinstance(catalogue, gettext.GNUTranslations):
        raise InspectorError("the French catalogue (inspector.mo) is missing")
    with i18n.language("fr"):
        translated = i18n._("Page {page} of {pages}")
    if translated == "Page {page} of {pages}":
        raise InspectorError("the French catalogue does not translate")
    return f"French catalogue loaded ({translated.format(page=1, pages=2)!r})"


def check_spreadsheets(state: SelfTest) -> str:  # noqa: ARG001
    """openpyxl, for MOU spreadsheets in and HQ exports out: an XLSX written and read back in memory."""
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    book.active.append(["Catégorie", "Quantité"])
    book.active.append(["APC", 10])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    if rows != [("Catégorie", "Quantité"), ("APC", 10)]:
        raise InspectorError(f"an XLSX file did not read back as written: {rows}")
    return f"XLSX written and read back (openpyxl {openpyxl.__version__})"


def check_postgresql_driver(state: SelfTest) -> str:  # noqa: ARG001
    """The driver HQ uses for PostgreSQL loads, with its libpq; no server is contacted."""
    import psycopg  # noqa: PLC0415

    from inspector_app.storage.engine import make_engine  # noqa: PLC0415

    make_engine("postgresql+psycopg://self-test@127.0.0.1/self-test").dispose()  # connects only when used
    libpq = psycopg.pq.version()
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {libpq // 10000}.{libpq % 10000})"


def check_stored(state: SelfTest) -> str:
    from inspector_app.services import maintenance  # noqa: PLC0415

    report = maintenance.check(state.ws)
    if not report.ok:
        raise InspectorError("; ".join(report.problems))
    return f"integrity and audit chain intact ({report.audit_events} events)"


def check_window(state: SelfTest) -> str:
    """The main window opens on the new data folder, in each theme, and closes (``ui.self_check``)."""
    from inspector_app.ui.self_check import window_check  # noqa: PLC0415  (Qt only for --self-test-gui)

    return window_check(state.data, state.out)


CHECKS = [
    Check("commands", check_commands, needs=()),
    Check("database", check_database, needs=()),
    Check("templates", check_templates),
    Check("report", check_report),
    Check("signature", check_signature, needs=("report",)),
    Check("preview", check_preview, needs=("report",)),
    Check("translations", check_translations, needs=()),
    Check("spreadsheets", check_spreadsheets, needs=()),
    Check("postgresql driver", check_postgresql_driver, needs=()),
    Check("stored data", check_stored),
]


def _folder(data_dir: str | None, stack: ExitStack) -> Path:
    if not data_dir:
        return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="inspector-self-test-")))
    folder = DataDir.resolve(data_dir).root
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InspectorError(f"{folder} is not an empty folder; the self-test only works in an empty or new "
                             "folder, so that it never touches real data")
    return folder


def _close(state: SelfTest) -> None:
    if state.workspace is not None:
        state.workspace.close()


def _runtime() -> str:
    kind = "built program" if getattr(sys, "frozen", False) else "from source"
    return f"{kind}, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or "(no message)"


def _print(line: str) -> None:
    try:
        print(line, flush=True)
    except BrokenPipeError:  # the reader stopped early (… | head): the checks go on, the exit status tells
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str) -> int:
    print(f"inspector: error: {message}", file=sys.stderr, flush=True)
    return EXIT_FAILED
