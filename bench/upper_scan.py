"""``script.UPPER`` against the class it replaced, side by side: the same patterns scanned over the
founding example, interleaved rounds, median per pattern, the ratio printed (old / new; > 1 is faster).

The old class is rebuilt here as it was written (every capital to U+1FFFF as one list of ranges);
``tests/test_script.py`` holds that both match the same characters.

    python bench/upper_scan.py [--rounds 7] [--copies 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from importlib import resources

from rapporteur import script

SHAPES = {
    "capital word": "{U}[\\w\\-]*",
    "name then verb": "(?<![\\w])(?:{U}\\w+\\s+){{1,3}}(?:said|argued|noted)",
    "initials": "\\b(?:{U}\\.){{1,4}}",
    "surname, ignorecase": "(?i:(?:de|van|von)\\s+)?{U}[\\w'\\-]{{1,40}}\\s+\\(\\d{{4}}\\)",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--copies", type=int, default=5)
    args = ap.parse_args()
    text = resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8") * args.copies
    plain = "[" + script.class_body(script.is_capital, 0, 0x20000) + "]"
    pats = {
        (name, which): re.compile(shape.format(U=u))
        for name, shape in SHAPES.items()
        for which, u in (("old", plain), ("new", script.UPPER))
    }
    times: dict[tuple[str, str], list[float]] = {k: [] for k in pats}
    for _ in range(args.rounds):
        for key, pat in pats.items():
            t = time.perf_counter()
            found = sum(1 for _ in pat.finditer(text))
            times[key].append(time.perf_counter() - t)
            if key[1] == "new":
                assert found == sum(1 for _ in pats[(key[0], "old")].finditer(text)), key
    compile_ms = {}
    for which, u in (("old", plain), ("new", script.UPPER)):
        t = time.perf_counter()
        for _ in range(20):
            re.purge()
            re.compile(u)
        compile_ms[which] = (time.perf_counter() - t) / 20 * 1000
    size = f"{len(text) / 1e6:.2f} MB (the founding example x{args.copies})"
    print(f"{size}, median of {args.rounds} interleaved rounds")
    print("| pattern | old class ms | UPPER ms | old / new |")
    print("| --- | --- | --- | --- |")
    for name in SHAPES:
        a, b = (statistics.median(times[(name, w)]) * 1000 for w in ("old", "new"))
        print(f"| {name} | {a:.1f} | {b:.1f} | {a / b:.1f} |")
    print(f"compiling the class alone: old {compile_ms['old']:.2f} ms, UPPER {compile_ms['new']:.2f} ms")


if __name__ == "__main__":
    main()
