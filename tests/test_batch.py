"""`rapporteur batch`: a corpus into one store on Dask, resumable, idempotent, never stopped by a record.

The corpus is generated (``tests/corpus_gen.py``); the Dask tests need the ``dask`` extra and skip
cleanly without it. The kill test runs the batch in-process (``--workers 0``) so SIGKILL reaches the one
process that writes; the resume logic it checks (skip what is stored, groups all-or-nothing) is the
same for every scheduler.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur.batch import MissingDask, discover, map_record, run_batch
from rapporteur.cli import app
from rapporteur.store import open_store
from tests.corpus_gen import minutes, narrative, report, write_corpus

runner = CliRunner()
CLI = [sys.executable, "-c", "from rapporteur.cli import main; main()"]


def canon(db: Path) -> tuple:
    """The stored map with store ids replaced by content: two runs that stored the same records in
    another order compare equal, and a record stored twice or half does not."""
    with open_store(db, readonly=True) as st:
        m = st.read_map()
    sha = {d.id: d.sha256 for d in m.documents}
    who = {p.id: (p.name, p.affiliation) for p in m.participants}
    claim = {c.id: (sha[c.document], c.start, c.end) for c in m.claims}
    claims = sorted(
        (
            *claim[c.id],
            c.kind,
            c.text,
            tuple(sorted((who[a.participant], a.polarity, a.marker.start, a.via) for a in c.attributions)),
        )
        for c in m.claims
    )
    themes = sorted((sha[t.document], t.start, t.end, t.title, t.level) for t in m.themes)
    relations = sorted((claim[r.source], claim[r.target], r.type, r.cue.start) for r in m.relations)
    return (sorted(sha.values()), sorted(who.values()), claims, themes, relations)


def shas_stored(db: Path) -> list[str]:
    with open_store(db, readonly=True) as st:
        return [r[0] for r in st.conn.execute("SELECT sha256 FROM documents")]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder, 12)
    return folder


def test_in_process_batch_maps_everything_once_and_resumes(tmp_path: Path, small: Path) -> None:
    shutil.copy(small / "report-00000.txt", small / "copy-of-report.txt")  # the same bytes twice
    (small / "broken.txt").write_bytes(b"\x00\x01binary")
    db = tmp_path / "c.db"
    res = runner.invoke(app, ["batch", str(small), "--db", str(db), "--workers", "0"])
    assert res.exit_code == 1, res.output  # the broken file failed; nothing else did
    lines = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "broken.txt" in lines[0] and "binary" in lines[0]
    assert "the same bytes as" in res.output
    shas = shas_stored(db)
    assert len(shas) == 12 and len(set(shas)) == 12  # the duplicate stored once, the bad file not at all
    first = canon(db)
    # Again: nothing is mapped twice, and the store is the same.
    (small / "broken.txt").unlink()
    res = runner.invoke(app, ["batch", str(small), "--db", str(db), "--workers", "0"])
    assert res.exit_code == 0, res.output
    assert "already stored\t12" in res.output and "mapped now\t0" in res.output
    assert canon(db) == first


def test_cross_record_participants_and_who(tmp_path: Path) -> None:
    """One person heard in several records is one participant, and `who` names the records."""
    folder = tmp_path / "c"
    folder.mkdir()
    base = "Introduction\n\nThe panel weighed the proposal to close the old bridge to lorries for good.\n\n"
    for k in range(3):
        (folder / f"r{k}.txt").write_text(
            base + f"Closing it would cut repair costs by a third within {k + 2} years (Varga).\n", "utf-8"
        )
    db = tmp_path / "c.db"
    assert run_batch([folder], db, workers=0).failed == []
    res = runner.invoke(app, ["who", "Varga", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "records (3)" in res.output and all(f"r{k}.txt" in res.output for k in range(3))
    with open_store(db, readonly=True) as st:
        assert [p.name for p in st.read_map().participants] == ["Varga"]


def test_conflicting_identities_are_reported_not_merged(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    body = "Introduction\n\nThe board weighed the plan to merge the two clinics into one new building.\n\n"
    body += "Merging would shorten waiting lists because staff could cover both sites (Moreau, Tanaka).\n\n"
    for k, aff in enumerate(["Health Board", "Patients Forum"]):
        roster = f"Participants\n\nClaire Moreau, {aff}\nKen Tanaka, City Council\n"
        (folder / f"r{k}.txt").write_text(body + roster, "utf-8")
    db = tmp_path / "c.db"
    rep = run_batch([folder], db, workers=0)
    assert rep.failed == []
    assert any("conflicting identities" in n and "Claire Moreau" in n for n in rep.notes)
    with open_store(db, readonly=True) as st:
        people = [(p.name, p.affiliation) for p in st.read_map().participants]
    assert sorted(people) == [
        ("Claire Moreau", "Health Board"),
        ("Claire Moreau", "Patients Forum"),
        ("Ken Tanaka", "City Council"),
    ]


def test_discover_dirs_globs_files(tmp_path: Path, small: Path) -> None:
    (small / ".hidden.txt").write_text("x", "utf-8")
    files, missing = discover([small, str(small / "minutes-*.md"), tmp_path / "nope"])
    assert all(not p.name.startswith(".") for p in files)
    assert len(files) == 12  # the glob's files are already in the folder: each listed once
    assert missing == [f"{tmp_path / 'nope'}: no such file, folder or matching glob"]


def test_without_dask_says_which_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, small: Path) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingDask, match=r"rapporteur\[dask\]"):
        run_batch([small], tmp_path / "c.db", workers=2)
    res = runner.invoke(app, ["batch", str(small), "--db", str(tmp_path / "d.db"), "--workers", "2"])
    assert res.exit_code == 1 and res.output.count("\n") == 1 and "rapporteur[dask]" in res.output


def test_sigkill_mid_batch_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 200)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [*CLI, "batch", str(folder), "--db", str(db), "--workers", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "RAPPORTEUR_PLAIN": "1"},
    )
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
            stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            pass
        if stored >= 16:  # at least one group committed: kill it while it maps and writes the next
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert 16 <= len(shas_stored(db)) < 200
    res = runner.invoke(app, ["batch", str(folder), "--db", str(db), "--workers", "0"])
    assert res.exit_code == 0, res.output
    already = next(
        int(ln.split("\t")[1]) for ln in res.output.splitlines() if ln.startswith("already stored")
    )
    assert already >= 16  # the restart mapped only what was missing
    shas = shas_stored(db)
    assert len(shas) == 200 and len(set(shas)) == 200
    clean = tmp_path / "clean.db"
    assert run_batch([folder], clean, workers=0).failed == []
    assert canon(db) == canon(clean)


# -- on Dask ------------------------------------------------------------------------------------------------


def test_local_cluster_equals_in_process(tmp_path: Path, small: Path) -> None:
    pytest.importorskip("dask.distributed")
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert run_batch([small], a, workers=0).failed == []
    rep = run_batch([small], b, workers=2)
    assert rep.failed == [] and rep.count("mapped") == 12
    assert canon(a) == canon(b)


def test_against_a_scheduler_and_worker_in_their_own_processes(tmp_path: Path, small: Path) -> None:
    pytest.importorskip("dask.distributed")
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask command is not installed")
    info = tmp_path / "scheduler.json"
    logs = open(tmp_path / "dask.log", "wb")  # noqa: SIM115 - closed in finally
    scheduler = subprocess.Popen(
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], stdout=logs, stderr=logs,
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert info.exists(), "the scheduler did not start"
        import json

        address = json.loads(info.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        worker = subprocess.Popen(
            [str(dask), "worker", "--scheduler-file", str(info), "--nthreads", "1", "--nworkers", "2",
             "--no-dashboard", "--host", "127.0.0.1"], stdout=logs, stderr=logs,
        )  # fmt: skip
        from dask.distributed import Client

        with Client(address, timeout=30) as c:
            c.wait_for_workers(2, timeout=60)
        (small / "broken.txt").write_bytes(b"\xff\xfe\x00\x00UTF-32 here")
        db = tmp_path / "ext.db"
        res = runner.invoke(app, ["batch", str(small), "--db", str(db), "--scheduler", address])
        assert res.exit_code == 1, res.output
        assert [ln for ln in res.output.splitlines() if ln.startswith("error:")] == [
            f"error: {small / 'broken.txt'}: is UTF-32 (byte-order mark); re-save it as UTF-8"
        ]
        assert "mapped now\t12" in res.output
        ref = tmp_path / "ref.db"
        run_batch([small], ref, workers=0)
        assert canon(db) == canon(ref)
    finally:
        for p in (worker, scheduler):
            if p is not None:
                p.terminate()
        for p in (worker, scheduler):
            if p is not None:
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()
        logs.close()


_release = threading.Event()
_real_map_record = map_record


def _stuck(path: str, *args: object) -> tuple[str, object, float]:
    """Stands in for a record whose stage never ends (in-process cluster only: patched in)."""
    if path.endswith("stuck.txt"):
        _release.wait(60)
    return _real_map_record(path, *args)  # type: ignore[arg-type]


def test_a_record_over_the_time_budget_is_reported_not_waited_on(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("dask.distributed")
    import rapporteur.batch as batch

    (small / "stuck.txt").write_text(report(999), "utf-8")
    monkeypatch.setattr(batch, "map_record", _stuck)
    # Threads cannot be stopped, and this cluster is not ours to restart: the record holds a thread
    # while in its chunk and another when tried alone; the third thread maps the rest.
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=3, processes=False, dashboard_address=None
    )
    try:
        t0 = time.monotonic()
        rep = run_batch([small], tmp_path / "c.db", scheduler=cluster.scheduler_address, budget=3.0)
        took = time.monotonic() - t0
    finally:
        _release.set()
        cluster.close()
    assert [o.detail for o in rep.failed] == [
        f"{small / 'stuck.txt'}: took over 3 s (the time budget); not mapped"
    ]
    assert rep.count("mapped") == 12
    assert took < 40
    assert len(shas_stored(tmp_path / "c.db")) == 12


def test_generated_kinds_all_yield_claims() -> None:
    """The generator's records are real work for the pipeline, not empty maps."""
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    for make in (report, minutes, narrative):
        m = extract(load_text(make(1), source=f"{make.__name__}.txt"))
        assert len(m.claims) >= 2, make.__name__
        assert all(m.documents[0].text[c.start : c.end] == c.text for c in m.claims)


def _sleepy_records(paths: list[str], *args: object) -> list[tuple[str, object, float]]:
    """Stands in for ``map_records`` on worker processes (shipped by value): one record never ends."""
    from rapporteur.batch import map_record as real

    out = []
    for p in paths:
        if p.endswith("stuck.txt"):
            time.sleep(300)
        out.append(real(p, *args))  # type: ignore[arg-type]
    return out


def test_over_budget_on_our_own_cluster_restarts_the_worker(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the local cluster the batch starts, the worker stuck on a record is restarted, so the rest
    of the corpus still has both workers."""
    pytest.importorskip("dask.distributed")
    import cloudpickle

    import rapporteur.batch as batch

    (small / "stuck.txt").write_text(report(998), "utf-8")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    monkeypatch.setattr(batch, "map_records", _sleepy_records)
    try:
        t0 = time.monotonic()
        rep = run_batch([small], tmp_path / "c.db", workers=2, budget=3.0)
        took = time.monotonic() - t0
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [o.detail for o in rep.failed] == [
        f"{small / 'stuck.txt'}: took over 3 s (the time budget); not mapped"
    ]
    assert rep.count("mapped") == 12 and len(shas_stored(tmp_path / "c.db")) == 12
    assert took < 60


def test_participants_folded_in_equal_a_full_recompute(tmp_path: Path) -> None:
    """A batch folds each record's participants in incrementally; the result is what rebuilding them
    from every source row gives."""
    from rapporteur.store.store import _recompute_participants

    folder = tmp_path / "c"
    write_corpus(folder, 40)
    db = tmp_path / "c.db"
    assert run_batch([folder], db, workers=0).failed == []
    with open_store(db) as st:
        rows = "SELECT id, name, affiliation, aliases, in_roster FROM participants ORDER BY id"
        before = st.conn.execute(rows).fetchall()
        ids = {r[0] for r in before}
        st.conn.execute("BEGIN")
        _recompute_participants(st.conn, ids)
        after = st.conn.execute(rows).fetchall()
        st.conn.execute("ROLLBACK")
    assert len(before) > 20 and after == before


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, small: Path) -> None:
    pytest.importorskip("dask.distributed")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    res = runner.invoke(
        app, ["batch", str(small), "--db", str(tmp_path / "c.db"), "--scheduler", f"tcp://127.0.0.1:{port}"]
    )
    assert res.exit_code == 1 and res.output.count("\n") == 1, res.output
    assert res.output.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert not (tmp_path / "c.db").exists()  # checked before the store is created
