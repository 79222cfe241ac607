"""A corpus in one store: every record mapped in parallel on Dask, written by one writer.

Mapping is CPU work on independent records, so it fans out to Dask workers (a local cluster of
processes by default, an existing cluster when given its address); writing is a single SQLite writer,
so results stream back (``as_completed``) to this process, which alone opens the store for writing and
commits them in small groups, each group one transaction.

That makes a batch resumable and idempotent for free: a record is known by the sha256 of its bytes,
records already in the store are not mapped again, and a group is either committed whole or (killed
mid-write) rolled back whole, so restarting a killed batch maps only what is missing and nothing is
stored twice or half. Two files with the same bytes are one record: mapped once, reported, never fatal.

A record that runs over the time budget is reported and given up on (its future cancelled, and on a
cluster we started the worker running it restarted), so one hostile file cannot hold a batch forever.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapporteur.errors import NotAFileError, RapporteurError, StoreError, TooLargeError, display_name
from rapporteur.ingest import DEFAULT_MAX_BYTES
from rapporteur.model import Map
from rapporteur.resolve import RosterPerson

DEFAULT_BUDGET = 120.0  # seconds one record may take before it is reported and given up on
GROUP = 32  # results committed per transaction
GROUP_SECONDS = 2.0  # ... or after this long, so a slow batch still makes progress on disk


class MissingDask(RapporteurError):
    """The dask extra is not installed."""

    def __init__(self) -> None:
        super().__init__(
            None,
            "batch runs need Dask: pip install 'rapporteur[dask]' (or run in-process with --workers 0)",
        )


class ClusterError(RapporteurError):
    """The Dask cluster could not be started or reached."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one record came to: ``status`` is mapped, stored (already in the store), duplicate or failed."""

    source: str
    status: str
    detail: str = ""
    sha256: str | None = None
    seconds: float = 0.0


@dataclass(slots=True)
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# -- finding the records ------------------------------------------------------------------------------


def discover(args: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named by ``args``: a directory's files (recursively, hidden ones skipped), a glob's matches,
    or a file itself. Returns the files in a stable order and one line per argument that named nothing."""
    found: dict[Path, None] = {}
    missing: list[str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        found[Path(root) / f] = None
        elif p.exists():
            found[p] = None
        else:
            hits = sorted(glob.glob(str(arg), recursive=True))
            files = [Path(h) for h in hits if Path(h).is_file()]
            if not files:
                missing.append(f"{display_name(os.fspath(arg))}: no such file, folder or matching glob")
            found.update(dict.fromkeys(files))
    return list(found), missing


def _sha256(path: Path, max_bytes: int) -> str:
    """The record's identity, read in chunks; a file over the bound is refused before it is read."""
    if not path.is_file():
        raise NotAFileError(path, "is not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            path, f"is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)"
        )
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# -- the task each worker runs --------------------------------------------------------------------------


def map_record(
    path: str, roster: Sequence[RosterPerson] | None, max_bytes: int, fmt: str | None
) -> tuple[str, Map | str, float]:
    """Map one record on a worker: ``("ok", map, seconds)`` or ``("failed", one line, seconds)``.

    Never raises: any failure, ours or a bug, comes back as one line, so no record can stop the batch."""
    from rapporteur.pipeline import map_document

    t0 = time.perf_counter()
    try:
        m = map_document(path, roster=roster, max_bytes=max_bytes, fmt=fmt)
        return "ok", m, time.perf_counter() - t0
    except RapporteurError as exc:
        return "failed", str(exc), time.perf_counter() - t0
    except RecursionError:
        return "failed", f"{display_name(path)}: nested too deeply to map", time.perf_counter() - t0
    except MemoryError:
        return "failed", f"{display_name(path)}: too large to map in memory", time.perf_counter() - t0
    except Exception as exc:  # a bug must not stop the batch; it is reported as one line
        reason = " ".join(str(exc).split())[:200]
        line = f"{display_name(path)}: internal error ({type(exc).__name__}: {reason}); please report it"
        return "failed", line, time.perf_counter() - t0


# -- the single writer -------------------------------------------------------------------------------------


class _Writer:
    """Commits mapped records in groups: one transaction per group, so a kill loses at most a group."""

    def __init__(self, store: Any, report: Report) -> None:
        self.store, self.report = store, report
        self.maps: list[tuple[Outcome, Map]] = []
        self.since = time.monotonic()

    def add(self, outcome: Outcome, m: Map) -> None:
        self.maps.append((outcome, m))
        if len(self.maps) >= GROUP or time.monotonic() - self.since > GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.maps:
            return
        group, self.maps, self.since = self.maps, [], time.monotonic()
        try:
            self._write([m for _, m in group])
            self.report.outcomes.extend(o for o, _ in group)
        except StoreError as exc:
            if len(group) == 1:
                o = group[0][0]
                self.report.outcomes.append(Outcome(o.source, "failed", str(exc), o.sha256, o.seconds))
                return
            for o, m in group:  # one map the store refuses must not cost the others: one by one
                try:
                    self._write([m])
                    self.report.outcomes.append(o)
                except StoreError as exc1:
                    self.report.outcomes.append(Outcome(o.source, "failed", str(exc1), o.sha256, o.seconds))

    def _write(self, maps: list[Map]) -> None:
        self.report.notes.extend(self.store.write_maps(maps))


# -- the run -----------------------------------------------------------------------------------------------


Progress = Callable[[Outcome, int, int], None]


def run_batch(
    args: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    roster: Sequence[RosterPerson] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    budget: float = DEFAULT_BUDGET,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Report:
    """Map every record named by ``args`` into the store at ``db``; never raises for a bad record.

    ``workers=0`` maps in this process without Dask (no time budget: nothing can interrupt a stage
    running in the only thread); otherwise a local cluster of ``workers`` processes is started, unless
    ``scheduler`` gives the address of a running one."""

    report = Report()
    files, missing = discover(args)
    report.outcomes.extend(Outcome(line.split(": ", 1)[0], "failed", line) for line in missing)
    client = cluster = None
    if workers != 0 or scheduler is not None:
        client, cluster = _connect(workers, scheduler)
    try:
        _run(report, files, db, client, cluster, roster, max_bytes, fmt, budget, progress, on_total)
        # The format is read from the name as well as the bytes: where a copy failed ("text named .docx"),
        # a copy under another extension is a record of its own, mapped in a further pass.
        by_name = {display_name(os.fspath(p)): p for p in files}
        while True:
            failed_as: dict[str, set[str]] = {}
            for o in report.outcomes:
                if o.status == "failed" and o.sha256:
                    failed_as.setdefault(o.sha256, set()).add(Path(o.source).suffix.lower())
            again = [
                o
                for o in report.outcomes
                if o.status == "duplicate"
                and o.sha256 in failed_as
                and Path(o.source).suffix.lower() not in failed_as[o.sha256]
            ]
            if not again:
                break
            report.outcomes = [o for o in report.outcomes if o not in again]
            _run(report, [by_name[o.source] for o in again], db, client, cluster, roster, max_bytes, fmt,
                 budget, progress, None)  # fmt: skip
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    # A copy of a record that failed failed too, for the same reason: said so, under its own name.
    failed = {o.sha256: o for o in report.outcomes if o.status == "failed" and o.sha256}
    for k, o in enumerate(report.outcomes):
        if o.status == "duplicate" and o.sha256 in failed:
            first = failed[o.sha256]
            reason = (
                first.detail[len(first.source) + 2 :]
                if first.detail.startswith(first.source)
                else first.detail
            )
            line = f"{o.source}: the same bytes as {first.source}, which failed: {reason}"
            report.outcomes[k] = Outcome(o.source, "failed", line, o.sha256)
    return report


def _run(
    report: Report,
    files: list[Path],
    db: str | Path,
    client: Any,
    cluster: Any,
    roster: Sequence[RosterPerson] | None,
    max_bytes: int,
    fmt: str | None,
    budget: float,
    progress: Progress | None,
    on_total: Callable[[int], None] | None,
) -> None:
    from rapporteur.store import open_store

    with open_store(db) as store:
        stored = {r[0] for r in store.conn.execute("SELECT sha256 FROM documents")}
        todo: list[tuple[Path, str, int]] = []
        first: dict[str, str] = {}
        for p in files:
            name = display_name(os.fspath(p))
            try:
                sha = _sha256(p, max_bytes)
            except RapporteurError as exc:
                report.outcomes.append(Outcome(name, "failed", str(exc)))
                continue
            except OSError as exc:
                report.outcomes.append(Outcome(name, "failed", f"{name}: cannot be read ({exc.strerror})"))
                continue
            if sha in first:
                line = f"{name}: the same bytes as {first[sha]} (sha256); mapped once"
                report.outcomes.append(Outcome(name, "duplicate", line, sha))
                continue
            first[sha] = name
            if sha in stored:
                report.outcomes.append(Outcome(name, "stored", "already in the store", sha))
                continue
            todo.append((p, sha, p.stat().st_size))
        total = len(todo)
        if on_total is not None:
            on_total(total)
        writer = _Writer(store, report)
        done = 0

        def finish(o: Outcome, m: Map | None) -> None:
            nonlocal done
            done += 1
            if m is not None:
                writer.add(o, m)
            else:
                report.outcomes.append(o)
            if progress is not None:
                progress(o, done, total)

        if client is None:
            for p, sha, _ in todo:
                status, value, secs = map_record(os.fspath(p), roster, max_bytes, fmt)
                _settle(finish, p, sha, status, value, secs)
        else:
            _on_dask(todo, finish, client, cluster, roster, max_bytes, fmt, budget)
        writer.flush()


def _settle(finish: Callable[[Outcome, Map | None], None], p: Path, sha: str, status: str, value: Any,
            secs: float) -> None:  # fmt: skip
    name = display_name(os.fspath(p))
    if status == "ok":
        stored_sha = value.documents[0].sha256
        if stored_sha != sha:  # the file changed between hashing and mapping: store what was mapped
            sha = stored_sha
        finish(Outcome(name, "mapped", "", sha, secs), value)
    else:
        finish(Outcome(name, "failed", value, sha, secs), None)


def map_records(
    paths: list[str], roster: Sequence[RosterPerson] | None, max_bytes: int, fmt: str | None
) -> list[tuple[str, Map | str, float]]:
    """A chunk of small records in one task: a task costs the scheduler a round trip, a small record
    maps in milliseconds, so one task per record would spend more time scheduling than mapping."""
    return [map_record(p, roster, max_bytes, fmt) for p in paths]


CHUNK_BYTES = 512 * 1024  # a task holds records up to this many bytes in all ...
CHUNK_RECORDS = 32  # ... and at most this many
WINDOW = 3  # chunks in flight per worker thread


def _connect(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    """(client, our cluster or None): a local cluster of processes, or the running one at ``scheduler``.
    Done before the store is opened, so a cluster that cannot start leaves no store behind."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MissingDask() from None
    if scheduler is not None:
        try:
            return Client(scheduler, timeout=5), None
        except (OSError, TimeoutError) as exc:
            raise ClusterError(None, f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    import dask

    try:
        # Our chunks are few and even, and all can go to a worker at once: queueing them on the scheduler
        # (the default for root tasks) would cost a round trip before each one starts.
        with dask.config.set({"distributed.scheduler.worker-saturation": float("inf")}):
            cluster = LocalCluster(
                n_workers=max(workers, 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            )
    except Exception as exc:  # e.g. worker processes that cannot start: one line, not a traceback
        reason = " ".join(str(exc).split())[:200]
        raise ClusterError(None, f"cannot start a local Dask cluster ({reason}); try --workers 0") from None
    return Client(cluster), cluster


def _on_dask(
    todo: list[tuple[Path, str, int]],
    finish: Callable[[Outcome, Map | None], None],
    client: Any,
    cluster: Any,
    roster: Sequence[RosterPerson] | None,
    max_bytes: int,
    fmt: str | None,
    budget: float,
) -> None:
    from dask.distributed import as_completed

    Chunk = list[tuple[Path, str, int]]
    inflight: dict[Any, tuple[Chunk, bool, float]] = {}
    try:
        # WINDOW chunks in flight per thread: workers never wait for the writer, memory stays flat however
        # large the corpus, and a chunk's time in flight is close to its running time, so the budget is fair.
        threads = sum(client.nthreads().values()) or 1
        queue: deque[tuple[Chunk, bool]] = deque()  # (records, alone: a retry of one record by itself)
        chunk: Chunk = []
        for item in todo:
            if chunk and (sum(c[2] for c in chunk) + item[2] > CHUNK_BYTES or len(chunk) >= CHUNK_RECORDS):
                queue.append((chunk, False))
                chunk = []
            chunk.append(item)
        if chunk:
            queue.append((chunk, False))
        ac = as_completed()
        stuck = 0

        def submit() -> None:
            while queue and len(inflight) < WINDOW * max(threads - stuck, 1):
                items, alone = queue.popleft()
                paths = [os.fspath(p) for p, _, _ in items]
                fut = client.submit(map_records, paths, roster, max_bytes, fmt, pure=False)
                inflight[fut] = (items, alone, time.monotonic())
                ac.add(fut)

        def retry_alone(items: Chunk) -> None:
            """A chunk that ran over the budget or lost its worker: each record again, by itself, first."""
            queue.extendleft(([item], True) for item in reversed(items))

        submit()
        while inflight:
            if ac.has_ready():
                # Popped and replaced before anything is written: the workers have work queued while
                # this process commits, so they never wait for the writer.
                ready = [(f, inflight.pop(f)) for f in ac.next_batch(block=False) if f in inflight]
                submit()
                for fut, (items, alone, t0) in ready:
                    try:
                        results = fut.result()
                    except Exception as exc:  # a worker died under it (KilledWorker), or was restarted
                        if not alone:
                            retry_alone(items)
                            continue
                        p, sha, _ = items[0]
                        name = display_name(os.fspath(p))
                        line = f"{name}: lost its worker ({type(exc).__name__})"
                        results = [("failed", line, time.monotonic() - t0)]
                    for (p, sha, _), (status, value, secs) in zip(items, results, strict=True):
                        _settle(finish, p, sha, status, value, secs)
            else:
                time.sleep(0.005)
            now = time.monotonic()
            # Submitted in order, run in order: only the first ``capacity`` chunks in flight are running;
            # the clock of those still waiting for a thread restarts, so the budget counts running time.
            capacity = max(threads - stuck, 1)
            for fut, (items, alone, _) in list(inflight.items())[capacity:]:
                inflight[fut] = (items, alone, now)
            for fut, (items, alone, t0) in list(inflight.items()):
                if now - t0 > budget:
                    del inflight[fut]
                    if not _give_up(client, cluster, fut):
                        stuck += 1  # its thread runs on, on a worker that is not ours to restart
                    if not alone:
                        retry_alone(items)
                        continue
                    p, sha, _ = items[0]
                    name = display_name(os.fspath(p))
                    line = f"{name}: took over {budget:g} s (the time budget); not mapped"
                    finish(Outcome(name, "failed", line, sha, now - t0), None)
            if stuck >= threads:  # every thread is held by a record we gave up on: nothing can run
                left = [item for items, _, _ in inflight.values() for item in items]
                left += [item for items, _ in queue for item in items]
                for fut in inflight:
                    fut.cancel()
                inflight.clear()
                queue.clear()
                for p, sha, _ in left:
                    name = display_name(os.fspath(p))
                    line = f"{name}: not mapped: every worker is held by a record over the time budget"
                    finish(Outcome(name, "failed", line, sha), None)
            submit()
    finally:
        for fut in inflight:
            fut.cancel()


def _give_up(client: Any, cluster: Any, fut: Any) -> bool:
    """Cancel a record over budget; a worker of our own cluster still running it is restarted, since
    a thread cannot be stopped from outside (an external cluster's workers are not ours to restart).
    Returns whether the thread was freed."""
    busy = []
    if cluster is not None:
        try:
            busy = [w for w, keys in client.processing().items() if fut.key in keys]
        except Exception:
            busy = []
    fut.cancel()
    if not busy:
        return False
    try:
        client.restart_workers(busy, timeout=30)
    except Exception:
        return False
    return True
