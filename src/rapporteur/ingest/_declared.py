"""The reader modules' declarations, read from their source without importing them.

Importing every reader (with lxml's and the PDF reader's helpers) cost ~25 ms of every start, and the
command line needs the formats' names for ``--format`` on every start, ``--help`` included; detection
imports a reader when it asks its ``sniff`` (the one its extension names first: a ``.pdf`` that is a
PDF imports the PDF reader alone; plain text, which no reader claims, still asks them all). A reader
declares ``FORMAT``, ``SUFFIXES``, ``PRIORITY`` and ``BINARY`` as literals and defines ``sniff`` and
``read``, each at the start of a line, as every reader does (``FORMAT = "pdf"``, ``SUFFIXES =
(".pdf",)``, ``PRIORITY = 10``, ``BINARY = True``, ``def sniff(``, ``def read(``). When a module
declares only some of the six names, one of them twice or in another way, or has no source to read,
``declarations`` answers None and the registry imports the readers after all, so the answer is the
registry's either way (``tests/test_cli_startup.py`` holds the two equal). ``SNIFF_NEEDS`` is optional:
a tuple of byte-string literals of printable ASCII and ``\\xNN`` escapes; declared otherwise, the reader
is asked whatever the bytes (``needs`` is None), as when it is not declared.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterable
from pathlib import Path

from rapporteur import _regex as re

_NAMES = ("FORMAT", "SUFFIXES", "PRIORITY", "BINARY")
_DEFS = ("sniff", "read")
# Only a line that starts with one of these can declare or define: the rest of a module's source is
# skipped by one C-level ``startswith`` per line instead of eight whole-source regex scans (those and
# their compiling were most of the ~3 ms -- 15 ms on a busy machine -- this took at every start).
_OPTIONAL = "SNIFF_NEEDS"
_STARTS = (*_NAMES, _OPTIONAL, *(f"def {name}(" for name in _DEFS))
_DECLARED = re.compile(
    r"(?P<name>FORMAT|SUFFIXES|PRIORITY|BINARY|SNIFF_NEEDS)\b"
    r"(?:\s*:[^=\n]*)?\s*=\s*(?P<value>[^\n#]*?)\s*(?:#.*)?$"
)
_STRING = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
_FORMAT = re.compile(rf"{_STRING}")
_SUFFIXES = re.compile(rf"\(\s*(?:{_STRING}\s*,\s*)*(?:{_STRING}\s*)?\)")
_PRIORITY = re.compile(r"-?\d+")
_BYTES = r'b"(?:[ !#-\[\]-~]|\\x[0-9a-fA-F]{2})*"'  # printable ASCII but '"' and '\', and \xNN escapes
_NEEDS = re.compile(rf"\(\s*(?:{_BYTES}\s*,\s*)*(?:{_BYTES}\s*)?\)")
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


def _needs(value: str | None) -> tuple[bytes, ...] | None:
    """The byte strings of a ``SNIFF_NEEDS`` literal; None when it is absent or not such a literal."""
    if value is None or not _NEEDS.fullmatch(value):
        return None
    return tuple(
        _ESCAPE.sub(lambda m: chr(int(m[1], 16)), lit[2:-1]).encode("latin-1")
        for lit in re.findall(_BYTES, value)
    )


class Declared:
    """One reader as its module declares it."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("binary", "format", "module", "needs", "priority", "suffixes")

    def __init__(
        self,
        module: str,
        format: str,
        priority: int,
        suffixes: tuple[str, ...],
        binary: bool,
        needs: tuple[bytes, ...] | None = None,  # SNIFF_NEEDS; None: asked whatever the bytes
    ) -> None:
        self.module = module
        self.format = format
        self.priority = priority
        self.suffixes = suffixes
        self.binary = binary
        self.needs = needs


def declarations(path: Iterable[str], skip: frozenset[str]) -> tuple[Declared, ...] | None:
    """The readers of the package at ``path``, most specific first (``PRIORITY``, then ``FORMAT``, as
    the registry orders them); None when a module's source does not tell."""
    found: list[Declared] = []
    for info in pkgutil.iter_modules(list(path)):
        if info.name.startswith("_") or info.name in skip:
            continue
        try:
            folder = Path(info.module_finder.path)  # type: ignore[union-attr]
            source = (folder / f"{info.name}.py").read_text("utf-8")
        except (AttributeError, OSError, UnicodeDecodeError):
            return None
        declared: dict[str, list[str]] = {n: [] for n in (*_NAMES, _OPTIONAL)}
        defined = dict.fromkeys(_DEFS, 0)
        for line in source.split("\n"):
            if not line.startswith(_STARTS):
                continue
            if line.startswith("def "):
                defined[line[4 : line.index("(")]] += 1
            elif m := _DECLARED.match(line):
                declared[m["name"]].append(m["value"])
        needs = declared.pop(_OPTIONAL)
        if not any(declared.values()) and not any(defined.values()):
            continue  # a helper, not a reader
        if not (all(len(v) == 1 for v in declared.values()) and all(n == 1 for n in defined.values())):
            return None
        fmt, suffixes, priority, binary = (declared[n][0] for n in _NAMES)
        if not (
            _FORMAT.fullmatch(fmt)
            and _SUFFIXES.fullmatch(suffixes)
            and _PRIORITY.fullmatch(priority)
            and binary in ("True", "False")
        ):
            return None
        found.append(
            Declared(
                info.name,
                fmt[1:-1],
                int(priority),
                tuple(s[1:-1] for s in re.findall(_STRING, suffixes)),
                binary == "True",
                _needs(needs[0]) if len(needs) == 1 else None,
            )
        )
    return tuple(sorted(found, key=lambda d: (d.priority, d.format))) or None
