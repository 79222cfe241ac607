"""Batch runs on Dask: a generated corpus mapped with 1 and 2 local workers, and peak memory at 2,000
records against 500, in one run.

The corpus is ``tests/corpus_gen.py``'s: rapporteur's reports, Markdown minutes and narrative summaries
written by the generator, plus pieces of the shared corpus where it is present (``--corpus``). Every
run is a fresh child process into a fresh store, so memory figures are per run: the driver's peak RSS
(it is the single writer) and the largest worker's peak RSS (worker processes are reaped children).
Runs are interleaved (1, 2, 2, 1 workers ...) and each configuration's best wall time counts, since
this machine's two cores are shared with other people's jobs. Wall time includes starting the local
cluster. In-process runs (``--workers 0``, no Dask) are printed as the reference.

    python bench/batch_bench.py [--records 2000] [--small 500] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(folder: str, workers: int, db: str) -> None:
    from rapporteur.batch import run_batch

    t0 = time.perf_counter()
    rep = run_batch([folder], db, workers=workers)
    wall = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    driver, workers_rss = me.ru_maxrss / 1024, kids.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall": wall,
                "mapped": rep.count("mapped"),
                "failed": len(rep.failed),
                "duplicates": rep.count("duplicate"),
                "driver_mb": driver,
                "worker_mb": workers_rss,
                "driver_cpu": me.ru_utime + me.ru_stime,
                "workers_cpu": kids.ru_utime + kids.ru_stime,
            }
        )
    )


def writer_cost(folder: Path, tmp: Path, limit: int = 500) -> None:
    """The single writer's share: the same mapped records written in the batch's groups, into a store
    as it is and into one whose full-text triggers are dropped (a measurement, not a configuration)."""
    from rapporteur.batch import GROUP, map_record
    from rapporteur.store import open_store

    every = sorted(folder.iterdir())
    files = every[:: max(1, len(every) // limit)]  # every kind, in its share
    t0 = time.process_time()
    maps = [map_record(str(p), None, 1 << 30, None)[1] for p in files]
    mapping = (time.process_time() - t0) / len(maps) * 1000
    cost = {}
    for label, drop in (("as stored", False), ("without the claims_fts triggers", True)):
        db = tmp / f"w-{drop}.db"
        with open_store(db) as st:
            if drop:
                for trigger in ("claims_ai", "claims_ad", "claims_au"):
                    st.conn.execute(f"DROP TRIGGER {trigger}")
            t0 = time.process_time()
            for i in range(0, len(maps), GROUP):
                st.write_maps(maps[i : i + GROUP])  # type: ignore[arg-type]
            cost[label] = (time.process_time() - t0) / len(maps) * 1000
    print(
        f"per record, CPU: mapping {mapping:.2f} ms; writing "
        + ", ".join(f"{v:.2f} ms {k}" for k, v in cost.items())
    )


def run(folder: Path, workers: int, tmp: Path) -> dict[str, float]:
    db = tmp / f"b-{time.monotonic_ns()}.db"
    res = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(workers), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    db.unlink()
    Path(str(db) + "-journal").unlink(missing_ok=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--small", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return
    sys.path.insert(0, str(ROOT))
    from tests.corpus_gen import write_corpus

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as t:
        tmp = Path(t)
        corpus = args.corpus if args.corpus.is_dir() else None
        big = write_corpus(tmp / "big", args.records, corpus)
        write_corpus(tmp / "small", args.small, corpus)
        kinds: dict[str, int] = {}
        for p in big:
            k = p.name.split("-")[0]
            kinds[k] = kinds.get(k, 0) + 1
        size = sum(p.stat().st_size for p in big)
        print(f"corpus: {len(big)} records, {size / 1e6:.1f} MB, kinds {kinds}; cpus {os.cpu_count()}")
        results: dict[tuple[int, int], list[dict[str, float]]] = {}
        order = [1, 2, 2, 1] * ((args.repeat + 1) // 2)
        plan = [(args.records, w) for w in order[: 2 * args.repeat]] + [(args.small, 1), (args.small, 2)]
        plan += [(args.small, 0), (args.records, 0)]
        for n, w in plan:
            r = run(tmp / ("big" if n == args.records else "small"), w, tmp)
            results.setdefault((n, w), []).append(r)
            print(
                f"  run: {n} records, {w} workers: {r['wall']:.2f} s, mapped {r['mapped']:.0f}, "
                f"failed {r['failed']:.0f}, driver {r['driver_mb']:.0f} MB {r['driver_cpu']:.1f} cpu-s, "
                f"worker {r['worker_mb']:.0f} MB, workers {r['workers_cpu']:.1f} cpu-s",
                flush=True,
            )

        def best(n: int, w: int) -> dict[str, float]:
            return min(results[(n, w)], key=lambda r: r["wall"])

        def peak(n: int, w: int, key: str) -> float:
            return max(r[key] for r in results[(n, w)])

        print()
        print("| records | workers | best wall s | records/s | driver peak MB | worker peak MB |")
        print("|---:|---:|---:|---:|---:|---:|")
        for n, w in sorted(results):
            b = best(n, w)
            print(
                f"| {n} | {w} | {b['wall']:.2f} | {n / b['wall']:.0f} | {peak(n, w, 'driver_mb'):.0f} "
                f"| {peak(n, w, 'worker_mb'):.0f} |"
            )
        print()
        writer_cost(tmp / "big", tmp)
        n = args.records
        speedup = best(n, 1)["wall"] / best(n, 2)["wall"]
        print()
        print(f"speed-up, 2 workers vs 1 at {n} records: {speedup:.2f}x (target >= 1.7x)")
        for w in (1, 2):
            for key, what in (("driver_mb", "driver"), ("worker_mb", "largest worker")):
                ratio = peak(n, w, key) / peak(args.small, w, key)
                print(
                    f"peak memory, {what}, {w} workers: {n} records / {args.small} records = {ratio:.2f}x "
                    "(target <= 1.2x)"
                )


if __name__ == "__main__":
    main()
