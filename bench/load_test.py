"""A bounded load test of `rapporteur serve`: the server runs in its own process on 127.0.0.1, this
process fires concurrent requests at it with httpx, stops after a fixed number of requests (or a time
limit), stops the server, and reports throughput, p50/p95/p99 latency and errors.

Run: .venv/bin/python bench/load_test.py [--requests 5000] [--concurrency 50]"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

PATHS = [
    "/api/claims?limit=20",
    "/api/claims?participant=p5",
    "/api/participants",
    "/api/stances",
    "/api/claims/c10",
    "/api/search?q=mismanagement",
    "/api/stats",
]


async def fire(base: str, total: int, concurrency: int, limit_s: float) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    deadline = time.perf_counter() + limit_s
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal errors
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                t = time.perf_counter()
                try:
                    r = await client.get(PATHS[i % len(PATHS)])
                    if r.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - t)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, errors, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--time-limit", type=float, default=60.0)
    args = ap.parse_args()

    from rapporteur.cli import demo_path
    from rapporteur.pipeline import map_document
    from rapporteur.store import open_store

    db = Path(tempfile.mkdtemp(prefix="rapporteur-load-")) / "demo.db"
    with open_store(db) as store:
        store.write_map(map_document(demo_path()))
    from rapporteur.serve import running

    with running(db) as base:
        lat, errors, elapsed = asyncio.run(fire(base, args.requests, args.concurrency, args.time_limit))
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000

    print(f"requests {len(lat)}  concurrency {args.concurrency}  elapsed {elapsed:.2f} s  errors {errors}")
    print(f"throughput {len(lat) / elapsed:.0f} req/s")
    print(
        f"latency ms: p50 {pct(50):.1f}  p95 {pct(95):.1f}  p99 {pct(99):.1f}  "
        f"mean {statistics.mean(lat) * 1000:.1f}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
