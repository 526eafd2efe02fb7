"""``inspector``: the desktop app when called alone, otherwise the command line of design.md."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from inspector_app.cli.parser import build_parser, command_words, hq_option, self_test_options, version_option
from inspector_app.errors import InspectorError
from inspector_app.i18n import set_language
from inspector_app.paths import DataDir

log = logging.getLogger("inspector_app")

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


def main(argv: Sequence[str] | None = None) -> int:
    set_language("en")  # commands that print in another language take --lang
    window_only = argparse.ArgumentParser(add_help=False)
    window_only.add_argument("--data-dir", default=None)
    version_option(window_only)  # answered before any command module loads
    self_test_options(window_only)
    hq_option(window_only)
    known, rest = window_only.parse_known_args(argv)
    if known.self_test:  # before the command modules load: the self-test loads them as one of its checks
        if rest:
            print(f"inspector: error: --self-test takes no command or option but --data-dir: {' '.join(rest)}",
                  file=sys.stderr)
            return EXIT_USAGE
        from inspector_app import self_test  # noqa: PLC0415

        return self_test.main(build_parser, known.data_dir, gui=known.self_test == "gui")
    if known.hq is not None and rest:
        print("inspector: error: --hq starts the desktop app in HQ mode and takes no command; "
              "the hq commands take --db URL", file=sys.stderr)
        return EXIT_USAGE
    if not rest:  # no command: the desktop app, without loading the command modules first
        if _no_display():
            print("inspector: error: no display to open the window on (no DISPLAY or WAYLAND_DISPLAY); "
                  "use the commands (inspector --help), or run it under 'xvfb-run -a inspector'", file=sys.stderr)
            return EXIT_ERROR
        from inspector_app.ui.app import run  # noqa: PLC0415  (Qt only when the window is wanted)

        _log_to_file(DataDir.resolve(known.data_dir))  # the desktop build has no console: errors go to the log
        return run(known.data_dir, known.hq)
    words = command_words(rest)
    parser = build_parser(words[:1], action=words[1] if len(words) > 1 else None)
    args = parser.parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if not hasattr(args, "handler"):
        print(f"inspector: error: '{args.command}' needs an action; see 'inspector {args.command} --help'",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        _log_to_file(DataDir.resolve(data_dir))
        code = args.handler(args) or 0
        for warning in getattr(args, "warnings", []):
            print(f"inspector: warning: {warning}", file=sys.stderr)
        return code
    except InspectorError as exc:
        print(f"inspector: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader stopped early (inspector ... --json | head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("inspector: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001  (the contract: one line, never a traceback)
        log.exception("internal error")
        print(f"inspector: internal error: {type(exc).__name__}: {exc} (details in the log)", file=sys.stderr)
        return EXIT_INTERNAL


def _no_display() -> bool:
    """On Linux, Qt aborts the process without a display unless a platform is chosen explicitly."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _log_to_file(data: DataDir) -> None:
    try:
        data.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(data.logs / "inspector.log", encoding="utf-8")
    except OSError:
        return  # the command itself reports an unusable data folder
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
