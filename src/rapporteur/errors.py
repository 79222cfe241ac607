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

from pathlib import Path


class RapporteurError(Exception):
    """Base class; ``str(err)`` is the one line a user sees: ``FILE: reason``."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


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
