"""The ``inspector`` argument parser: global options, then the command modules' sub-commands, loaded on demand.

Its own module so that ``cli.main`` and the self-test (which checks that every command loads) both use it
without importing each other.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

from inspector_app import __version__

# Every top-level command: what ``inspector --help`` says of it, and the command modules that register it (in
# order), loaded only when the command runs: ``inspector inspections list …`` loads two modules, ``--help`` none.
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "profile": ("who is on the record: your name and role", ("profile_cmd",)),
    "units": ("formed units", ("reference",)),
    "templates": ("checklist templates", ("reference",)),
    "inspections": ("inspections and their answers", ("inspections_cmd", "plan_cmd")),
    "actions": ("improvement actions: list, add, close, extend", ("actions_cmd",)),
    "keys": ("this laptop's signing key and certificate", ("keys_cmd",)),
    "report": ("the PDF report of an inspection, or a unit's verification report for a period; optionally signed",
               ("report_cmd",)),
    "verify": ("every signature: signer, trust, intact or altered", ("verify_cmd",)),
    "bundle": ("sync bundles between laptops and HQ", ("bundle_cmd",)),
    "hq": ("HQ: certificate authority, consolidation, reference packages",
           ("hq_cmd", "hq_import_cmd", "hq_archive_cmd", "hq_mou_cmd", "hq_package_cmd", "hq_views_cmd", "plan_cmd",
            "hq_verifications_cmd", "hq_demo_cmd")),
    "candidates": ("AMS candidates: who was assessed, cleared, until when", ("candidates_cmd",)),
    "demo": ("seed a realistic demo mission (safe to run twice)", ("admin",)),
    "db": ("database maintenance", ("admin",)),
}


# Actions whose own module registers them alone, so that running one loads only what it needs (the answer path:
# no other service of ``inspections``); ``inspector inspections --help`` still loads the command's modules.
ACTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("inspections", "answer"): ("answer_cmd",),
}


def build_parser(wanted: Iterable[str] | None = None, action: str | None = None) -> argparse.ArgumentParser:
    """Every command and option; the modules of the ``wanted`` commands load here (None: every one), the others
    are named with their help only. With one wanted command and its ``action`` in ``ACTIONS``, only that action's
    modules load."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="data folder (default: $INSPECTOR_DATA_DIR or the user data folder)")
    parser = argparse.ArgumentParser(
        prog="inspector", parents=[common],
        description="Offline inspections of UN formed police units. Without a command, starts the desktop app.",
    )
    version_option(parser)
    self_test_options(parser)
    hq_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = list(COMMANDS) if wanted is None else [name for name in wanted if name in COMMANDS]
    modules = [m for name in chosen for m in COMMANDS[name][1]]
    if len(chosen) == 1 and (chosen[0], action) in ACTIONS:
        modules = list(ACTIONS[chosen[0], action or ""])
    for module in dict.fromkeys(modules):
        importlib.import_module(f"inspector_app.cli.{module}").register(commands, common)
    for name in COMMANDS:  # in the table's order for the help; a command not loaded is named only
        command(commands, name)
    return parser


def command(commands: Any, name: str, **options: Any) -> argparse.ArgumentParser:
    """The top-level command ``name`` (see ``COMMANDS``), added with its help unless a module added it already."""
    found: argparse.ArgumentParser | None = commands.choices.get(name)
    return found if found is not None else commands.add_parser(name, help=COMMANDS[name][0], **options)


def actions_of(commands: Any, name: str, dest: str, metavar: str = "COMMAND") -> Any:
    """The sub-commands of the top-level command ``name``, created by whichever module registers first."""
    parser = command(commands, name)
    for action in parser._actions:  # noqa: SLF001  (argparse offers no public accessor)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return action
    return parser.add_subparsers(dest=dest, metavar=metavar)


def inspections_actions(commands: Any) -> Any:
    """The actions of ``inspector inspections``: ``inspections_cmd`` adds most, ``answer_cmd`` its own."""
    return actions_of(commands, "inspections", "action", "ACTION")


def hq_actions(commands: Any) -> Any:
    """The sub-commands of ``inspector hq``: every ``hq_*`` module adds its own."""
    return actions_of(commands, "hq", "hq_command")


def command_words(args: Sequence[str]) -> list[str]:
    """The command and action a command line runs (its first two words that are not options), as many as given."""
    return [word for word in args if not word.startswith("-")][:2]


def version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")


def self_test_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--self-test", dest="self_test", action="store_const", const="core",
                        help="check this installation in a new temporary data folder (or an empty --data-dir)")
    parser.add_argument("--self-test-gui", dest="self_test", action="store_const", const="gui",
                        help="the same, after opening the main window (offscreen without a display)")


def hq_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hq", nargs="?", const="", default=None, metavar="URL",
                        help="start the desktop app in HQ mode on HQ's database: URL, a SQLite file, or without "
                             "one DATA_DIR/hq.sqlite")
