"""Every `cpbtracker` command of the project probed with hostile arguments: a clear error
(CommandError: exit status 1, one line per problem) or success, never a traceback.

The commands and their arguments come from their own parsers (a new command or option is
probed without anyone listing it); each argument in turn takes each hostile value while the
others keep a plausible one. Run in-process through call_command, as the console script
would run them."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class

HOSTILE = {
    "superscript two": "²",
    "NUL": "\x00",
    "vertical tab": "\x0b",
    "20 digits": "9" * 20,
    "5,000 digits": "9" * 5000,
    "negative": "-1",
    "empty": "",
    "parent folder": "../",
    "very long": "A" * 5000,
}
# Left out, with the reason: `serve` starts a server and `demo` loads the whole demo (its
# one argument, --seed, is a bounded int read by argparse).
NOT_PROBED = {"serve", "demo"}


def project_commands() -> list[str]:
    return sorted(
        name
        for name, app in get_commands().items()
        if app.startswith("cpbtracker") and name not in NOT_PROBED
    )


def _value_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if not isinstance(a, argparse._SubParsersAction | argparse._HelpAction)
        and a.nargs != 0
        and a.dest not in {"verbosity", "settings", "pythonpath", "traceback", "no_color"}
        and a.dest not in {"force_color", "skip_checks"}
    ]


def _plausible(action: argparse.Action, tmp: Path) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    if action.type is int:
        return "5"
    if action.type is Path or "path" in action.dest or "file" in action.dest:
        return str(tmp / "missing.json")
    return "KE"


def _argv(action: argparse.Action, value: str) -> list[str]:
    if action.option_strings:
        return [action.option_strings[-1], value]
    return [value]


def invocations(tmp: Path) -> Iterator[list[str]]:
    """Each command (and subcommand) with each argument taking each hostile value."""
    for name in project_commands():
        command = load_command_class(get_commands()[name], name)
        parser = command.create_parser("cpbtracker", name)
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        targets = (
            [([name, sub], p) for sub, p in subparsers[0].choices.items()]
            if subparsers
            else [([name], parser)]
        )
        for prefix, sub in targets:
            actions = _value_actions(sub)
            required = [a for a in actions if a.required or not a.option_strings]
            for action in actions:
                for value in HOSTILE.values():
                    argv = list(prefix)
                    for other in required:
                        if other is not action:
                            argv += _argv(other, _plausible(other, tmp))
                    argv += _argv(action, value)
                    yield argv


@pytest.mark.django_db
def test_no_command_ends_in_a_traceback_whatever_its_arguments(tmp_path, monkeypatch):
    # A hostile value is also a file name (`plan export --output -1` writes "-1"): written
    # in a folder of the test's own, then read back by later commands (`plan check --plan`).
    monkeypatch.chdir(tmp_path)
    failures = []
    assert len(project_commands()) >= 11  # every command of the project's apps is found
    for argv in invocations(tmp_path):
        try:
            call_command(*argv, stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError:
            pass  # exit status 1 with its message: what a refusal should be
        except Exception as error:  # noqa: BLE001 - any other is the traceback looked for
            shown = [a if len(a) < 40 else a[:20] + "…" for a in argv]
            failures.append(f"{' '.join(map(repr, shown))}: {type(error).__name__}: {error}")
    assert failures == [], "\n".join(failures)
