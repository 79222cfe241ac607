"""Opening a store that a killed writer left mid-write: SQLite leaves a hot journal, which only a
connection with write access may roll back, so every ``mode=ro`` opener (read-only commands, the
server) failed on it until something opened the store for writing. Here a read-only open rolls it back
first, in place when it may write the file, else on a private copy, leaving the file untouched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from rapporteur.errors import StoreError


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        return sqlite3.connect(path, isolation_level=None, timeout=5.0)
    except sqlite3.Error as e:
        raise StoreError(path, f"cannot open: {e}") from e


def needs_rollback(conn: sqlite3.Connection) -> bool:
    """Whether a read-only connection found a hot journal it may not roll back itself."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as e:
        return getattr(e, "sqlite_errorname", "") in ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY")
    except sqlite3.DatabaseError:
        return False  # not a database: _prepare says so
    return False


def recovered(path: Path) -> Path:
    """Roll a hot journal back: in place when the file is writable (what the next writer would do
    anyway; only the uncommitted write is undone), else on a private copy, leaving the file alone."""
    target = path
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # Imported here: every open of a store imports this module, few opens find a hot journal, and
        # shutil and tempfile (with random) were ~4 ms of every ``rapporteur map``.
        import shutil
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="rapporteur-recover-"))
        target = tmp / path.name
        shutil.copyfile(path, target)
        shutil.copyfile(str(path) + "-journal", str(target) + "-journal")
    try:
        conn = sqlite3.connect(target.resolve().as_uri() + "?mode=rw", uri=True, timeout=5.0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise StoreError(path, f"was left mid-write and cannot be rolled back: {e}") from e
    return target
