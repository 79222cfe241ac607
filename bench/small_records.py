"""Many small records mapped one after another in one process: time per record (goal: <= 15 ms for a
~60 KB record in a batch of 2,000).

The records are the three kinds of ``extract_speed.py`` (the founding example, 60 KB; the transcript
and narrative fixtures, each repeated to about 60 KB), in turn, each made a distinct document by a
numbered first line, written to files and mapped with ``map_document`` (reading, detection, hashing
and every stage). Printed: mean and median milliseconds per record for each kind and overall, the
throughput, and resident memory after the first quarter of the batch and at its end (a batch must
not grow as it goes); then, apart, the median time of ``ingest.load`` alone on the same files (read,
detect the format, decode, hash: the per-record cost that is not extraction).

    python bench/small_records.py [--records 2000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_speed import seed

KINDS = ("founding", "transcript", "narrative")


def record(kind: str, k: int, target: int = 60_000) -> str:
    s = seed(kind)
    copies = max(1, round(target / len(s.encode("utf-8"))))
    return f"Record {k}\n\n" + "\n\n".join([s] * copies)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    args = ap.parse_args()

    from rapporteur.ingest import load
    from rapporteur.pipeline import map_document

    with tempfile.TemporaryDirectory() as d:
        paths: list[tuple[str, Path]] = []
        total_bytes = 0
        for k in range(args.records):
            kind = KINDS[k % len(KINDS)]
            p = Path(d) / f"record-{k:05d}.txt"
            text = record(kind, k)
            p.write_text(text, encoding="utf-8")
            total_bytes += len(text.encode("utf-8"))
            paths.append((kind, p))
        map_document(paths[0][1])  # warm-up: lexicons, patterns, lazy imports
        times: dict[str, list[float]] = {k: [] for k in KINDS}
        rss_quarter = 0.0
        started = time.perf_counter()
        for i, (kind, p) in enumerate(paths):
            t = time.perf_counter()
            map_document(p)
            times[kind].append(time.perf_counter() - t)
            if i + 1 == len(paths) // 4:
                rss_quarter = rss_mb()
        wall = time.perf_counter() - started
        rss_end = rss_mb()
        loading: dict[str, list[float]] = {k: [] for k in KINDS}
        for kind, p in paths:
            t = time.perf_counter()
            load(p)
            loading[kind].append(time.perf_counter() - t)

    every = [t for v in times.values() for t in v]
    print(f"{len(every)} records, {total_bytes / len(every) / 1000:.0f} KB each on average, one process")
    print("| kind | records | mean ms | median ms | of which ingest.load, median ms |")
    print("| --- | --- | --- | --- | --- |")
    for kind, v in times.items():
        mean, median = statistics.mean(v) * 1000, statistics.median(v) * 1000
        ld = statistics.median(loading[kind]) * 1000
        print(f"| {kind} | {len(v)} | {mean:.1f} | {median:.1f} | {ld:.2f} |")
    mean, median = statistics.mean(every) * 1000, statistics.median(every) * 1000
    ld = statistics.median([t for v in loading.values() for t in v]) * 1000
    print(f"| all | {len(every)} | {mean:.1f} | {median:.1f} | {ld:.2f} |")
    print(f"wall {wall:.1f} s, {total_bytes / 1e6 / wall:.2f} MB/s")
    quarter = len(every) // 4
    print(
        f"resident memory: {rss_quarter:.0f} MB after {quarter} records, {rss_end:.0f} MB after {len(every)}"
    )


if __name__ == "__main__":
    main()
