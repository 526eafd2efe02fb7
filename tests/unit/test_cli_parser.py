"""The command line loads only the modules of the command it runs: the table of commands must say which modules
register each one, or that command would lose sub-commands."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from inspector_app.cli.parser import COMMANDS, build_parser, command_words


def _tree(parser: argparse.ArgumentParser) -> dict[str, object]:
    """Every sub-command below ``parser``, with the options of each, as nested dicts."""
    out: dict[str, object] = {}
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                out[name] = _tree(sub)
        else:
            out[" ".join(action.option_strings) or action.dest] = action.help
    return out


def test_every_command_is_in_the_table_and_nothing_else() -> None:
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    assert set(commands.choices) == set(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_loaded_alone_has_everything_it_has_with_every_module(name: str) -> None:
    every = _tree(build_parser())[name]
    alone = _tree(build_parser([name]))[name]
    assert alone == every


def test_help_names_every_command_without_loading_a_command_module() -> None:
    code = ("import sys; from inspector_app.cli.parser import build_parser; text = build_parser([]).format_help(); "
            "loaded = [m for m in sys.modules if m.startswith('inspector_app.cli.') and m.endswith(('_cmd', 'admin', "
            "'reference'))]; print(loaded); print(text)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "[]"
    for name, (summary, _modules) in COMMANDS.items():
        assert name in out and summary.split()[0] in out


@pytest.mark.parametrize(("words", "found"), [
    (["inspections", "list"], ["inspections", "list"]), (["--help"], []), ([], []),
    (["-h", "hq", "summary", "--json"], ["hq", "summary"]),
    (["inspections", "answer", "--remark", "x", "ID", "KEY", "yes"], ["inspections", "answer"])])
def test_the_command_and_action_are_the_first_words_that_are_not_options(words: list[str], found: list[str]) -> None:
    assert command_words(words) == found
