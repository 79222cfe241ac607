"""One error tree for the whole library; the CLI turns any of these into one line and exit code 1.

RapporteurError             anything the library refuses, with the file it concerns
├── InputError              a source cannot be read as a debate record
│   ├── NotFoundError       the path does not exist
│   ├── NotAFileError       the path is a directory or a device
│   ├── EmptyInputError     the file has no text
│   ├── BinaryInputError    the bytes are not text (NUL bytes, control characters)
│   ├── EncodingError       the bytes decode in no encoding we accept
│   ├── TooLargeError       the file is over the size bound
│   └── RosterError         a roster file (CSV/YAML) is malformed
└── StoreError              a map database cannot be opened or is not ours
"""

from __future__ import annotations

import os
from pathlib import Path


def display_name(path: str | Path | bytes) -> str:
    """A file name as one printable line: bytes that are not UTF-8 shown as ``\\xNN`` and control
    characters (newlines, escape sequences) as ``\\n``, ``\\x1b``, so a hostile name can neither break
    the one-line error nor reach the terminal, and can be stored as text."""
    try:
        raw = path if isinstance(path, bytes) else os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate no file system name decodes to
        return safe_text(str(path))
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        name = raw.decode("utf-8", "backslashreplace")
    return safe_text(name)


def safe_text(text: str) -> str:
    """``text`` with control characters, lone surrogates and line/paragraph separators escaped."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


class RapporteurError(Exception):
    """Base class; ``str(err)`` is the one line a user sees: ``FILE: reason``, the name escaped."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = display_name(path) if path is not None else None
        self.reason = safe_text(reason)
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)


class InputError(RapporteurError):
    pass


class NotFoundError(InputError):
    pass


class NotAFileError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class TooLargeError(InputError):
    pass


class RosterError(InputError):
    pass


class StoreError(RapporteurError):
    pass
