"""Docs that are tested: every command is in the README, the README's commands are what CI runs."""

from __future__ import annotations

import re

import rapporteur
from rapporteur.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    missing = [n for n in names if f"rapporteur {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "rapporteur demo" in blocks[0]
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_public_api() -> None:
    for name in rapporteur.__all__:
        assert hasattr(rapporteur, name), name
    assert callable(rapporteur.map_document) and callable(rapporteur.open_map)
