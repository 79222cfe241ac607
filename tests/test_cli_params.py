"""``_typer_fast`` coerces command-line values without pydantic: for every parameter of every command,
and values plain and odd, it must give what typer's own coercion gives -- the same value of the same
type, or the same error with the same message."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer.main
from typer._click import Context
from typer._coercion import build_runtime_param

from rapporteur import _typer_fast
from rapporteur.cli import app

ODD_TEXT = ["", " ", "x", "ü", "a b", "-", "--", "1", "~/m.db", "dir/", "a\x00b", "007", "1_000", " 5", "5 "]
NUMBERS = ["0", "12", "-5", "+5", "-0", "1.5", ".5", "5.", "1e3", "nan", "inf", "abc", "99999999999999999999"]
SAMPLES: dict[Any, list[Any]] = {
    str: [*ODD_TEXT, *NUMBERS, None],
    int: [*NUMBERS, *ODD_TEXT, 5, 0, -3, 2.0, 2.5, True, None],
    float: [*NUMBERS, *ODD_TEXT, 120.0, 3, 0.0, True, None],
    bool: [True, False, "true", "no", "", None],
    Path: [*ODD_TEXT, *NUMBERS, Path("rapporteur.db"), Path("-"), Path(), None],
}


def outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        got = fn(*args)
    except Exception as exc:
        return ("raised", (type(exc).__name__, str(exc)))
    items = got if isinstance(got, list) else [got]  # repr: nan is the same nan
    return (type(got).__name__, [(type(v).__name__, repr(v)) for v in items])


def values_for(annotation: Any) -> list[Any]:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        single = [v for v in values_for(item) if v is not None]
        return [(), tuple(single[:3]), tuple(single), [single[0]], single[0]]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = list(annotation)
        return [*members, *(m.value for m in members), members[0].value.upper(), "nope", "", None]
    return SAMPLES[annotation]


def parameters() -> list[tuple[str, Any, Any]]:
    group = typer.main.get_command(app)
    found = [("(group)", group, p) for p in group.params]
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        found += [(name, cmd, p) for p in cmd.params]
    return found


def test_the_installed_typer_is_one_we_speed_up() -> None:
    assert _typer_fast.active()
    assert all(type(p._runtime_param).__name__ == "_FastParam" for _, _, p in parameters())


@pytest.mark.parametrize(("command", "cmd", "param"), parameters(), ids=lambda x: getattr(x, "name", x))
def test_same_values_and_errors_as_typers_coercion(command: str, cmd: Any, param: Any) -> None:
    fast = param._runtime_param
    slow = build_runtime_param(param.type_descriptor)
    for value in values_for(param.type_descriptor.annotation):
        ctx = Context(cmd, info_name=command)
        want = outcome(slow.coerce, value, param, ctx)
        got = outcome(fast.coerce, value, param, ctx)
        assert got == want, (command, param.name, value)


PLAIN: dict[Any, list[Any]] = {
    str: ["Okafor", "tcp://127.0.0.1:8786"],
    int: ["8001", "-1", 33554432],
    float: ["120", "1.5", 120.0],
    bool: [True, False],
    Path: ["report.txt", "-", Path("rapporteur.db")],
}


@pytest.mark.parametrize(("command", "cmd", "param"), parameters(), ids=lambda x: getattr(x, "name", x))
def test_plain_values_never_reach_pydantic(
    command: str, cmd: Any, param: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: Any) -> Any:
        raise AssertionError("left to typer's pydantic coercion")

    monkeypatch.setattr(_typer_fast, "build_runtime_param", refuse)
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        values: list[Any] = [tuple(PLAIN[get_args(annotation)[0]])]
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [m.value for m in annotation]
    else:
        values = PLAIN[annotation]
    for value in values:
        param._runtime_param.coerce(value, param, Context(cmd, info_name=command))
