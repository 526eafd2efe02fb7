"""The ``inspector`` argument parser: global options, then every command module's sub-commands.

Its own module so that ``cli.main`` and the self-test (which checks that every command loads) both use it
without importing each other.
"""

from __future__ import annotations

import argparse

from inspector_app import __version__


def build_parser() -> argparse.ArgumentParser:
    """Every command and option; the command modules load here, not on import."""
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
    from inspector_app.cli import (  # noqa: PLC0415  (not for the window)
        actions_cmd,
        admin,
        bundle_cmd,
        candidates_cmd,
        hq_archive_cmd,
        hq_cmd,
        hq_demo_cmd,
        hq_import_cmd,
        hq_mou_cmd,
        hq_package_cmd,
        hq_verifications_cmd,
        hq_views_cmd,
        inspections_cmd,
        keys_cmd,
        plan_cmd,
        profile_cmd,
        reference,
        report_cmd,
        verify_cmd,
    )

    modules = (
        admin, profile_cmd, reference, inspections_cmd, keys_cmd, report_cmd, verify_cmd, bundle_cmd, hq_cmd,
        hq_import_cmd, hq_archive_cmd, hq_mou_cmd, hq_package_cmd, hq_views_cmd, plan_cmd,
        hq_verifications_cmd, candidates_cmd, actions_cmd, hq_demo_cmd,
    )
    for module in modules:
        module.register(commands, common)
    return parser


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
