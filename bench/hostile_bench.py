"""Every case of the hostile corpus (``tests/test_hostile.py``) timed on its own: map or refusal, in a
fresh process each, killed at --timeout seconds. Prints one line per case, the slowest, and the stall
cases (the stages the speed branch makes linear) apart.

    python bench/hostile_bench.py [--timeout 15]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MAP_ONE = """
import sys, time
from rapporteur.errors import RapporteurError
from rapporteur.pipeline import map_document
import rapporteur.attribute, rapporteur.relate  # imports are not the case's time
t0 = time.perf_counter()
try:
    m = map_document(sys.argv[1])
    outcome = f"mapped ({len(m.claims)} claims)"
except RapporteurError as exc:
    outcome = "refused: " + exc.reason
print(f"{time.perf_counter() - t0:.3f}\\t{outcome}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=15.0)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.test_hostile import CASES, STALL_CASES, write_cases

    with tempfile.TemporaryDirectory(prefix="hostile-") as t:
        for title, cases in (("cases", CASES), ("stall cases", STALL_CASES)):
            paths = write_cases(Path(t) / title.replace(" ", "-"), cases)
            times: dict[str, float] = {}
            over = []
            print(f"{title}: {len(paths)}")
            for name, p in paths.items():
                try:
                    res = subprocess.run(
                        [sys.executable, "-c", MAP_ONE, str(p)],
                        capture_output=True,
                        text=True,
                        timeout=args.timeout,
                    )
                except subprocess.TimeoutExpired:
                    over.append(name)
                    print(f"  {name:34s} over {args.timeout:g} s (killed)")
                    continue
                if res.returncode != 0:
                    print(f"  {name:34s} CRASHED: {res.stderr.strip().splitlines()[-1]}")
                    continue
                secs, outcome = res.stdout.strip().split("\t", 1)
                times[name] = float(secs)
                print(f"  {name:34s} {float(secs):7.3f} s  {outcome[:70]}")
            if times:
                slow = max(times, key=times.__getitem__)
                print(f"  slowest that finished: {slow} {times[slow]:.3f} s; over the limit: {len(over)}")


if __name__ == "__main__":
    main()
