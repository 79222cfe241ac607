"""Typer's parameter coercion without pydantic for the values a command line usually carries.

Typer (0.2x) turns every parameter value -- even a default, even ``None`` -- into its type through a
pydantic ``TypeAdapter``: importing pydantic and building the adapters cost about 60 ms of every
command, more than the rest of ``rapporteur who`` together. The parameters of our commands are paths,
lists of paths or words, whole numbers, decimals, words and choices. For those, when the value is in a
form whose result is certain, this does what typer's adapters do, with typer's own functions where
typer has them (``coerce_cli_path``, ``coerce_cli_choice``); any other value (``--max-bytes 1_000``,
an unknown choice, a word where a number goes) is handed to typer's own coercion, so every accepted
value and every error message stays typer's. ``tests/test_cli_params.py`` holds the two side by side.

When the installed typer has no such internals (older or newer releases), nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # a typer without pydantic coercion: it needs no help
    RuntimeParam = None  # type: ignore[assignment,misc]

# Only the plainest spellings are done here; "007", "1_000", " 5", "1e3" go to typer (pydantic decides).
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?")


class _Slow(Exception):
    """This value is left to typer."""


def _leaf(annotation: Any, descriptor: Any, value: Any, param: Any, ctx: Any) -> Any:
    info = descriptor.parameter_info
    if info.parser is not None:
        raise _Slow
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return coerce_cli_choice(
            value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx
        )
    if annotation is bool:
        if type(value) is bool:
            return value
        raise _Slow
    if annotation is str:
        if type(value) is str:
            return value
        raise _Slow
    if annotation is int:
        if type(value) is int:
            return value
        if type(value) is str and _INT.fullmatch(value) and info.min is None and info.max is None:
            return int(value)
        raise _Slow
    if annotation is float:
        if type(value) is float:
            return value
        if type(value) is str and _FLOAT.fullmatch(value) and info.min is None and info.max is None:
            return float(value)
        raise _Slow
    if annotation is Path and info.path_type is None:
        if type(value) is str:
            value = Path(value)  # what pydantic's Path validator makes of a str
        if isinstance(value, Path):
            return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    raise _Slow


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _FastParam(RuntimeParam):  # type: ignore[misc,valid-type]
        """A parameter's coercion: ours for the plain cases, typer's (built on first need) for the rest."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if get_origin(self.annotation) is list:
                    (item,) = get_args(self.annotation)
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [_leaf(item, self.descriptor, v, param, ctx) for v in items]
                return _leaf(self.annotation, self.descriptor, value, param, ctx)
            except Exception:  # a value typer refuses, or one left to it: typer words it
                pass
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def lighten(params: Iterable[Any]) -> None:
    """Give each typer parameter the coercion above, where typer's internals are the ones it knows."""
    if RuntimeParam is None:
        return
    for p in params:
        descriptor = getattr(p, "type_descriptor", None)
        if descriptor is None or getattr(p, "_runtime_param", False) is not None:
            continue
        if descriptor.file_annotation is not None:
            continue  # typer opens files itself, without pydantic
        try:
            fast = _FastParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
        except (TypeError, AttributeError):  # a typer whose internals moved on: its own coercion
            continue
        p._runtime_param = fast


def active() -> bool:
    """Whether the installed typer is one this module speeds up (the tests check it still is)."""
    return RuntimeParam is not None
