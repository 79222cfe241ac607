"""Plug-in discovery shared by the reader registry and the detector registry: a new format or a new
way of naming a voice is one new module, found here, never a line added to a list elsewhere."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any


def discover(
    package: str,
    path: Iterable[str],
    *,
    needs: tuple[str, ...],
    order: Callable[[ModuleType], Any],
    skip: frozenset[str] = frozenset(),
) -> tuple[ModuleType, ...]:
    """The modules of ``package`` that define every name in ``needs``, sorted by ``order``; modules
    whose name starts with ``_`` or is in ``skip`` are helpers, not plug-ins."""
    found = []
    for info in pkgutil.iter_modules(list(path)):
        if info.name.startswith("_") or info.name in skip:
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        if all(hasattr(mod, n) for n in needs):
            found.append(mod)
    return tuple(sorted(found, key=order))
