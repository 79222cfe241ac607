"""Stores that were damaged, killed mid-write or written by a newer release: read-only openers recover
what can be recovered and refuse the rest with one line; `serve` refuses them at start-up."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur.cli import app, demo_path
from rapporteur.errors import StoreError
from rapporteur.pipeline import map_document
from rapporteur.store import open_store

runner = CliRunner()

# A child that stores the founding example, then starts rewriting it with a one-page cache (so pages
# spill into the database file before commit) and is killed by SIGKILL inside the transaction.
KILLED_WRITER = """
import os, signal, sqlite3, sys
from rapporteur.cli import demo_path
from rapporteur.pipeline import map_document
from rapporteur.store import open_store
db = sys.argv[1]
with open_store(db) as st:
    st.write_map(map_document(demo_path()))
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE documents SET text = text || text")
conn.execute("DELETE FROM claims")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture(scope="module")
def clean_stats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    db = tmp_path_factory.mktemp("clean") / "m.db"
    with open_store(db) as st:
        st.write_map(map_document(demo_path()))
        return st.stats()


def hot(tmp_path: Path) -> Path:
    db = tmp_path / "hot.db"
    res = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db)], capture_output=True)
    assert res.returncode == -signal.SIGKILL
    journal = Path(str(db) + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "no hot journal was left"
    # Without recovery the read-only open fails: this is the bug being guarded against.
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT count(*) FROM claims").fetchone()
    conn.close()
    return db


def test_read_only_open_rolls_a_hot_journal_back(tmp_path: Path, clean_stats: dict[str, int]) -> None:
    db = hot(tmp_path)
    with open_store(db, readonly=True) as st:
        assert st.stats() == clean_stats  # the last committed state, not the half-written one
    assert not Path(str(db) + "-journal").exists()
    res = runner.invoke(app, ["themes", "--db", str(db)])
    assert res.exit_code == 0 and "Introduction" in res.output


def test_unwritable_hot_store_is_read_from_a_private_copy(
    tmp_path: Path, clean_stats: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = hot(tmp_path)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setattr(os, "access", lambda *a, **k: False)  # as if the file were someone else's
    with open_store(db, readonly=True) as st:
        assert st.stats() == clean_stats
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # the file itself untouched
    assert Path(str(db) + "-journal").exists()


def test_server_reads_a_hot_store(tmp_path: Path, clean_stats: dict[str, int]) -> None:
    from rapporteur.serve import get

    db = hot(tmp_path)
    status, body = get(db, "/api/stats")
    assert status == 200 and f'"claims":{clean_stats["claims"]}' in body.replace(" ", "")


def store(tmp_path: Path) -> Path:
    db = tmp_path / "m.db"
    src = tmp_path / "r.txt"
    src.write_text(
        "Introduction\n\nThe board weighed the merger of two clinics and heard a long debate.\n\n"
        "Merging would cut waiting times because staff could be pooled across both sites (Greene).\n",
        "utf-8",
    )
    res = runner.invoke(app, ["map", str(src), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def damage(db: Path, how: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    if how == "newer":
        conn.execute("PRAGMA user_version = 99")
    elif how == "dropped":
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE relations")
    elif how == "other":
        conn.execute("PRAGMA application_id = 7")
    conn.close()


CASES = {
    "newer": "written by a newer rapporteur (schema version 99",
    "dropped": "damaged map store: table relations missing",
    "other": "not a rapporteur store",
    "text": "not an SQLite database",
    "empty": "not a rapporteur store (an empty database)",
}


@pytest.mark.parametrize("how", sorted(CASES))
def test_refused_with_one_line_by_every_reader(tmp_path: Path, how: str) -> None:
    if how == "text":
        db = tmp_path / "notes.db"
        db.write_text("these are my notes, not a database\n" * 50, "utf-8")
    elif how == "empty":
        db = tmp_path / "empty.db"
        sqlite3.connect(db).close()
        db.touch()
    else:
        db = store(tmp_path)
        damage(db, how)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match=re.escape(CASES[how])):
        open_store(db, readonly=True)
    for cmd in (["themes"], ["export", "-f", "json"], ["serve", "--get", "/api/stats"], ["serve"]):
        res = runner.invoke(app, [*cmd, "--db", str(db)])
        assert res.exit_code == 1, (cmd, res.output)
        assert res.output.count("\n") == 1 and res.output.startswith(f"error: {db}: "), (cmd, res.output)
        assert CASES[how] in res.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_writer_refuses_a_newer_or_damaged_store(tmp_path: Path) -> None:
    for how in ("newer", "dropped"):
        sub = tmp_path / how
        sub.mkdir()
        db = store(sub)
        damage(db, how)
        before = db.read_bytes()
        with pytest.raises(StoreError, match=re.escape(CASES[how])):
            open_store(db)
        assert db.read_bytes() == before


def test_serve_refuses_non_loopback_without_public(tmp_path: Path) -> None:
    db = store(tmp_path)
    res = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert res.exit_code == 2 and "--public" in res.output and res.output.count("\n") == 1


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8001", 200),
        ("localhost", 200),
        ("[::1]:8001", 200),
        ("evil.example:8001", 421),
        ("127.0.0.1.evil.example", 421),
        ("", 421),
    ],
)
def test_host_header_checked(tmp_path: Path, host: str, status: int) -> None:
    import asyncio

    import httpx

    from rapporteur.serve import create_app

    db = store(tmp_path)

    async def one() -> int:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return (await client.get("/api/stats", headers={"host": host})).status_code

    assert asyncio.run(one()) == status


def test_public_server_accepts_any_host(tmp_path: Path) -> None:
    import asyncio

    import httpx

    from rapporteur.serve import create_app

    db = store(tmp_path)

    async def one() -> int:
        transport = httpx.ASGITransport(app=create_app(db, hosts=None))
        async with httpx.AsyncClient(transport=transport, base_url="http://192.0.2.7") as client:
            return (await client.get("/api/stats")).status_code

    assert asyncio.run(one()) == 200
