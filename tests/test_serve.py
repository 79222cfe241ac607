"""The server: `serve --get` and a real uvicorn on loopback give the same answers; it serves no files,
bounds requests, sends no CORS header, and reads the store only through read-only connections."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import httpx

from rapporteur.serve import create_app, get, running
from rapporteur.store import open_store

PATHS = [
    "/api/stats",
    "/api/claims?limit=5",
    "/api/claims?participant=p5&kind=claim",
    "/api/claims/c3",
    "/api/participants",
    "/api/participants/p5",
    "/api/stances",
    "/api/relations",
    "/api/search?q=mismanagement",
    "/api/map",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, demo_map) -> Path:
    path = tmp_path_factory.mktemp("serve") / "demo.db"
    with open_store(path) as store:
        store.write_map(demo_map)
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with running(db) as base:
        yield base


@pytest.mark.parametrize("path", PATHS)
def test_get_mode_and_a_real_server_answer_the_same(path: str, db: Path, server: str) -> None:
    status, body = get(db, path)
    real = httpx.get(server + path, timeout=10)
    assert status == real.status_code == 200
    assert json.loads(body) == real.json()


def test_cli_get_prints_the_body_and_sets_the_exit_code(db: Path) -> None:
    cmd = [sys.executable, "-c", "from rapporteur.cli import main; main()", "serve", "--db", str(db), "--get"]
    ok = subprocess.run([*cmd, "/api/claims/c1"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and json.loads(ok.stdout)["id"] == "c1"
    missing = subprocess.run([*cmd, "/api/claims/c99999"], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "no such claim" in missing.stdout


def test_api_content(db: Path) -> None:
    claims = json.loads(get(db, "/api/claims?participant=p5")[1])
    assert claims["total"] == len(claims["items"]) > 0
    assert all(any(a["participant"] == "p5" for a in c["attributions"]) for c in claims["items"])
    m = json.loads(get(db, "/api/map?text=true")[1])
    text = m["documents"][0]["text"]
    assert all(text[c["start"] : c["end"]] == c["text"] for c in m["claims"])
    api = json.loads(get(db, "/openapi.json")[1])
    for route in ("/api/map", "/api/claims", "/api/participants", "/api/stances", "/api/search"):
        schema = api["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema, route  # a typed response model, documented


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/api/claims/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/participants/..%2Fdemo.db",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/../demo.db",
        "/demo.db",
        "/docs",
    ],
)
def test_paths_outside_the_api_are_unknown(path: str, db: Path, server: str) -> None:
    assert get(db, path)[0] == 404
    r = httpx.get(server + path, timeout=10)
    assert r.status_code == 404
    assert b"SQLite format" not in r.content and b"root:" not in r.content


def test_requests_are_bounded_and_no_cors(db: Path, server: str) -> None:
    assert httpx.get(server + "/api/search?q=" + "a" * 5000, timeout=10).status_code == 414
    assert httpx.get(server + "/api/" + "a" * 3000, timeout=10).status_code == 414
    assert httpx.post(server + "/api/stats", content=b"x" * 100_000, timeout=10).status_code == 413
    r = httpx.get(server + "/api/stats", headers={"Origin": "http://evil.example"}, timeout=10)
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
    pre = httpx.options(
        server + "/api/stats",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"},
        timeout=10,
    )
    assert "access-control-allow-origin" not in pre.headers


def test_pages(db: Path) -> None:
    status, page = get(db, "/")
    assert status == 200 and 'id="map-data"' in page
    status, rep = get(db, "/report")
    assert status == 200 and "Rapporteur's report" in rep
    status, md = get(db, "/report.md")
    assert status == 200 and md.startswith("# Rapporteur's report")


def test_reads_are_read_only(db: Path) -> None:
    app = create_app(db)
    assert app.title == "rapporteur"
    with open_store(db, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM claims")
