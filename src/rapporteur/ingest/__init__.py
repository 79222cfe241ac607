"""Bytes on disk -> Document (+ Layout): one reader module per format, found by this registry.

A new format is one module in this package that declares ``FORMAT``, ``SUFFIXES``, ``PRIORITY``,
``BINARY``, ``sniff`` and ``read`` (see ``reader.py``); nothing here names it. The format is detected
from the content first and the extension second, ``fmt=`` overrides both, and the format used is
recorded on the Document. A file named for a binary format whose bytes are not that format is refused:
an extension that lies is bad input, not text.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from rapporteur.errors import (
    EmptyInputError,
    InputError,
    NotAFileError,
    NotFoundError,
    TooLargeError,
    display_name,
)

# Imported before ``def reader`` below, as ever: importing a submodule binds its name on this package,
# so a ``reader`` submodule imported later would replace the ``reader()`` function.
from rapporteur.ingest.reader import Extracted

if TYPE_CHECKING:
    from rapporteur.ingest._declared import Declared
    from rapporteur.ingest.text import decode, load_text
    from rapporteur.model import Document

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
_NOT_READERS = frozenset({"reader"})
_NEEDS = ("FORMAT", "SUFFIXES", "PRIORITY", "BINARY", "sniff", "read")

# Loaded on first use: the command line imports this package on every start (``--help`` included) for
# ``DEFAULT_MAX_BYTES`` and ``declared_formats``, and needs no Document for that.
_LAZY = {"decode": "rapporteur.ingest.text", "load_text": "rapporteur.ingest.text"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def readers() -> tuple[ModuleType, ...]:
    """Every reader module of this package, most specific first."""
    from rapporteur.plugins import discover

    return discover(
        __name__,
        __path__,
        needs=_NEEDS,
        order=lambda m: (m.PRIORITY, m.FORMAT),
        skip=_NOT_READERS,
    )


def formats() -> tuple[str, ...]:
    """The names ``--format`` accepts."""
    return tuple(m.FORMAT for m in readers())


@cache
def _declared_readers() -> tuple[Declared, ...] | None:
    from rapporteur.ingest._declared import declarations

    return declarations(__path__, _NOT_READERS)


def declared_formats() -> tuple[str, ...]:
    """``formats()``, from the readers' declarations where they tell, without importing a reader: the
    command line builds its ``--format`` choice on every start, ``--help`` included (``_declared.py``)."""
    decl = None if readers.cache_info().currsize else _declared_readers()
    return formats() if decl is None else tuple(d.format for d in decl)


class _Entry:
    """One reader as detection needs it: its declared format, suffixes and binary flag, and the
    module, imported only when its ``sniff`` or ``read`` is asked for."""

    __slots__ = ("_module", "_name", "binary", "format", "needs", "suffixes")

    def __init__(
        self,
        fmt: str,
        suffixes: tuple[str, ...],
        binary: bool,
        needs: tuple[bytes, ...] | None,
        name: str,
        module: Any,
    ) -> None:
        self.format, self.suffixes, self.binary, self.needs = fmt, suffixes, binary, needs
        self._name, self._module = name, module

    def claims(self, data: bytes) -> bool:
        """Whether this reader's ``sniff`` claims ``data``; not asked (nor imported) when the bytes
        hold none of what it declares every record it claims holds (``SNIFF_NEEDS``)."""
        if self.needs is not None and not any(n in data for n in self.needs):
            return False
        return bool(self.module().sniff(data))

    def module(self) -> ModuleType:
        if self._module is None:
            from importlib import import_module

            self._module = import_module(f"{__name__}.{self._name}")
        return self._module  # type: ignore[no-any-return]


@cache
def _entries() -> tuple[_Entry, ...]:
    """The readers in the registry's order; from their declarations (nothing imported) when the
    sources tell, else from the registry (every reader imported)."""
    decl = None if readers.cache_info().currsize else _declared_readers()
    if decl is None:
        return tuple(
            _Entry(m.FORMAT, tuple(m.SUFFIXES), m.BINARY, getattr(m, "SNIFF_NEEDS", None), "", m)
            for m in readers()
        )
    return tuple(_Entry(d.format, d.suffixes, d.binary, d.needs, d.module, None) for d in decl)


def reader(fmt: str) -> ModuleType:
    for e in _entries():
        if fmt == e.format:
            return e.module()
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(e.format for e in _entries())})")


def detect(data: bytes, path: str | Path = "<bytes>") -> str:
    """The format of ``data``: by content where a reader recognises it, else by the file's extension.

    The reader the extension names is asked first, and if it claims the bytes it is the answer, as
    when every reader is asked; else the readers are asked in order and the first to claim wins. So a
    PDF named ``.pdf`` imports the PDF reader alone. A reader is asked only about bytes that hold what
    it declares its records hold (``SNIFF_NEEDS``), so plain text imports no reader but its own."""
    suffix = Path(path).suffix.lower()
    entries = _entries()
    by_suffix = next((e for e in entries if suffix and suffix in e.suffixes), None)
    if by_suffix is not None and by_suffix.claims(data):
        return by_suffix.format
    claimed = next((e for e in entries if e is not by_suffix and e.claims(data)), None)
    if claimed is not None:
        return claimed.format
    if by_suffix is not None and by_suffix.binary:
        raise InputError(path, f"is named {suffix} but its bytes are not a {by_suffix.format.upper()} file")
    return by_suffix.format if by_suffix is not None else "text"


def load_bytes(
    data: bytes, *, source: str = "<bytes>", fmt: str | None = None, doc_id: str = "d1"
) -> Document:
    """A Document from a record's bytes; ``fmt`` overrides detection. Refusals name ``source``."""
    import hashlib

    from rapporteur.ingest.text import load_text
    from rapporteur.model import Document

    if not data.strip():
        raise EmptyInputError(source, "is empty (no text to map)")
    used = fmt or detect(data, source)
    try:
        mod = reader(used)
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    got: Extracted = mod.read(data, source)
    if not got.text.strip():
        raise EmptyInputError(source, f"has no text to map (read as {used})")
    doc = load_text(got.text, source=source, fmt=used, doc_id=doc_id, encoding=got.encoding)
    pages: list[tuple[int, int]] = []
    if got.layout is not None:
        for b in sorted((b for b in got.layout.blocks if b.page is not None), key=lambda b: b.start):
            if not pages or b.page != pages[-1][1]:
                pages.append((b.start, b.page))  # type: ignore[arg-type]
    title = got.layout.title if got.layout is not None and got.layout.title else doc.title
    # ``sha256`` is of the bytes on disk, so the same file maps to the same stored document.
    return Document(
        doc.id,
        doc.text,
        doc.source,
        title,
        used,
        hashlib.sha256(data).hexdigest(),
        doc.encoding,
        text_sha256=doc.sha256,
        pages=tuple(pages),
        layout=got.layout,
    )


def load(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, doc_id: str = "d1", fmt: str | None = None
) -> Document:
    """Read one record in any format we know; every refusal names the file and the reason."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(p, "no such file")
    if p.is_dir():
        raise NotAFileError(p, "is a directory, not a file")
    if not p.is_file():
        raise NotAFileError(p, "is not a regular file")
    size = p.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            p, f"is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise NotAFileError(p, f"cannot be read ({exc.strerror or exc})") from None
    # The name as one printable, storable line: a name that is not UTF-8 or holds control characters
    # is escaped, so the store (UTF-8 text) and every one-line message can carry it.
    return load_bytes(data, source=display_name(os.fspath(p)), fmt=fmt, doc_id=doc_id)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Extracted",
    "declared_formats",
    "decode",
    "detect",
    "formats",
    "load",
    "load_bytes",
    "load_text",
    "reader",
    "readers",
]
