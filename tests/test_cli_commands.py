"""`edition COMMAND` builds the parser of its own command only (``edition.cli.COMMANDS``: the
other command modules' imports are left out of its start-up), and gets the same parser as with
every command registered; the process ends with the command's exit code and all its output."""
from __future__ import annotations

import argparse
import importlib
import json
import tomllib
from pathlib import Path

import pytest

from edition import cli

from cli_helpers import run, seed_project


def _registered(module_name: str) -> list[str]:
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"edition.cli.{module_name}").register(sub)
    return list(sub.choices)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_mapped_to_the_module_that_registers_it():
    registered = {command: name for name in cli.COMMAND_MODULES for command in _registered(name)}
    assert cli.COMMANDS == registered


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_a_command_alone_has_the_parser_it_has_among_all(command):
    alone = _subparsers(cli.build_parser(command))
    assert command in alone
    everything = _subparsers(cli.build_parser())
    assert alone[command].format_help() == everything[command].format_help()


def test_no_command_or_an_unknown_one_builds_the_whole_parser():
    assert set(_subparsers(cli.build_parser())) == set(cli.COMMANDS)
    assert set(_subparsers(cli.build_parser("detcet"))) == set(cli.COMMANDS)
    assert set(_subparsers(cli.build_parser("--help"))) == set(cli.COMMANDS)


def test_the_process_exits_with_the_commands_code_and_its_whole_output(tmp_path):
    source = seed_project(tmp_path)
    run("detect", str(source), "-q", cwd=tmp_path, check=True)
    status = run("status", str(source), "--json", cwd=tmp_path)
    assert status.returncode == 0
    table = json.loads(status.stdout)  # flushed whole before the process ended
    assert sum(sum(row.values()) for row in table.values()) > 0
    missing = run("status", "missing.txt", cwd=tmp_path)
    assert missing.returncode == 1 and "missing.txt: no such file" in missing.stderr
    mistyped = run("detcet", str(source), cwd=tmp_path)
    assert mistyped.returncode == 2 and "invalid choice: 'detcet'" in mistyped.stderr
    assert "COMMAND" in run("--help", cwd=tmp_path, check=True).stdout


def test_the_installed_command_ends_as_python_m_edition_does():
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["edition"] == "edition.__main__:run"
