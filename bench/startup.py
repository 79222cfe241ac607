"""Start-up and store queries, side by side in one run, against ``python -c pass``.

Each command runs as its own process, the median of --runs runs counts, and runs are interleaved (one
of each command per round) so a busy moment of a shared machine falls on all of them alike. Printed:
each command's median and its ratio to ``python -c pass``; then ``who``, ``search``, ``clash`` and
``themes`` on a store of about 5 MB (the founding example plus other records, each a distinct
document) against the same command on the founding example's store alone, and the same answers from
``rapporteur.store.queries`` (which does not read the whole map), with ratios (goal: within 1.2x;
``themes`` lists every record's themes, so its answer grows with the store).

The package's bytecode is compiled first, as ``pip install`` does: with ``PYTHONDONTWRITEBYTECODE``
set (as on the shared machines) an editable checkout otherwise recompiles every module it imports on
every start, which measures the compiler, not the start-up a user meets. ``--no-compile`` measures
that state instead.

Compiled patterns are kept between runs (``rapporteur._regex``); the runs are preceded by one of each
command, so the store is warm, as on any run after a user's first; the row marked ``(no pattern store)``
runs the same ``map`` with the store turned off, every pattern compiled anew, as on a first run.

``--breakdown`` then prints where ``rapporteur map report.txt --json out.json`` spends its time,
phase by phase, in a fresh interpreter (median of --runs): imports, the first ``extract`` against a
second one of the same record (the difference is first-use work: patterns compiled, lexicons read),
the store, the JSON; and the regular expressions compiled on the way, by module. ``--instructions``
runs each command once more under valgrind's callgrind and prints the instructions it executed: a
count that does not move with the machine's load, to see a change of a few percent. ``--against
OLD/src`` adds ``--help`` and ``map`` run from an older source (``git archive <commit> src | tar -x -C
/tmp/old``), both sides as ``python -m rapporteur``, interleaved with the rest (the rows marked
``[older]``).

    python bench/startup.py [--runs 10] [--store-mb 5] [--no-compile] [--breakdown] [--instructions]
                            [--against OLD/src]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent
PY = sys.executable

QUERY = """
import sys
from rapporteur.store import open_store
from rapporteur.store import queries as q
with open_store(sys.argv[1], readonly=True) as st:
    if sys.argv[2] == "who":
        p, _ = q.find_participant(st, sys.argv[3])
        r = q.person(st, p)
        print(len(r.claims))
    else:
        print(len(q.search(st, sys.argv[3])))
"""


# Run in a fresh interpreter: the phases of `rapporteur map FILE --db DB --json OUT`, as the command runs
# them (cli.map_cmd), timed one by one; then the regex compile time by the module that asked for it.
BREAKDOWN = """
import collections, json, sys, time
import re._compiler as rc
compile_, spent, phase = rc.compile, collections.Counter(), ["import"]
def timed(p, flags=0):
    t = time.perf_counter(); r = compile_(p, flags); f = sys._getframe(1)
    while f is not None and f.f_globals.get("__name__", "").startswith(("re", "functools")):
        f = f.f_back
    spent[(phase[0], f.f_globals.get("__name__", "?") if f else "?")] += time.perf_counter() - t
    return r
rc.compile = timed
import rapporteur._regex as rx  # patterns not in the pattern store are compiled by rx._entry
entry_ = rx._entry
def timed_entry(p, flags):
    t = time.perf_counter(); r = entry_(p, flags); f = sys._getframe(2)
    spent[(phase[0], f.f_globals.get("__name__", "?"))] += time.perf_counter() - t
    return r
rx._entry = timed_entry
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
from pathlib import Path
src, db, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
import rapporteur.cli as cli; mark("import rapporteur.cli (typer)")
import typer.main
typer.main.get_command(cli.make_app("map")); mark("typer builds the command (map alone, as main does)")
from rapporteur.pipeline import extract; mark("import the pipeline")
from rapporteur import ingest
doc = ingest.load(src); mark("detect the format and read the record (imports the readers it asks)")
phase[0] = "first extract"
m = extract(doc); mark("first extract")
phase[0] = "later"
extract(ingest.load(src)); mark("second read + extract (same record)")
from rapporteur.store import open_store
with open_store(db) as st:
    m = st.write_map(m)
mark("store: import, write")
from rapporteur.export.json import dumps
out.write_text(dumps(m), encoding="utf-8"); mark("JSON")
cli._summary(m); mark("summary and notes")
print(json.dumps([[n, t - marks[i][1]] for i, (n, t) in enumerate(marks[1:])]), file=sys.stderr)
print(json.dumps([[ph, mod, v] for (ph, mod), v in spent.items()]), file=sys.stderr)
"""


def breakdown(runs: int, report: Path, tmp: Path) -> None:
    import json

    phases: dict[str, list[float]] = {}
    compiles: dict[tuple[str, str], list[float]] = {}
    for k in range(runs):
        db = tmp / f"b{k}.db"
        res = subprocess.run(
            [PY, "-c", BREAKDOWN, str(report), str(db), str(tmp / "b.json")],
            cwd=tmp, capture_output=True, text=True, check=True,
        )  # fmt: skip
        timing, spent = (json.loads(line) for line in res.stderr.strip().splitlines()[-2:])
        for name, t in timing:
            phases.setdefault(name, []).append(t)
        for ph, mod, t in spent:
            compiles.setdefault((ph, mod), []).append(t)
    print()
    print(f"`rapporteur map` phase by phase, in-process, median of {runs} fresh interpreters")
    print("| phase | median ms |")
    print("| --- | --- |")
    for name, v in phases.items():
        print(f"| {name} | {statistics.median(v) * 1000:.1f} |")
    total = sum(statistics.median(v) for v in compiles.values())
    print()
    print(f"regular expressions compiled on the way (median ms per run; all: {total * 1000:.0f} ms)")
    print("| when | module | ms |")
    print("| --- | --- | --- |")
    for (ph, mod), v in sorted(compiles.items(), key=lambda kv: -statistics.median(kv[1]))[:15]:
        print(f"| {ph} | {mod} | {statistics.median(v) * 1000:.1f} |")


def rapporteur_cmd() -> list[str]:
    exe = BIN / "rapporteur"
    return [str(exe)] if exe.exists() else [PY, "-m", "rapporteur"]


COLD = " (no pattern store)"  # a command run with RAPPORTEUR_CACHE_DIR empty: every pattern compiled anew


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - t


AGAINST = " [older]"  # a command run from the --against source


def envs_of(cmds: dict[str, list[str]], against: str | None) -> dict[str, dict[str, str] | None]:
    cold = {**os.environ, "RAPPORTEUR_CACHE_DIR": ""}
    older = {**os.environ, "PYTHONPATH": against or ""}
    return {k: cold if k.endswith(COLD) else older if k.endswith(AGAINST) else None for k in cmds}


def medians(cmds: dict[str, list[str]], runs: int, cwd: Path, against: str | None = None) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in cmds}
    envs = envs_of(cmds, against)
    for name, cmd in cmds.items():  # warm the file cache (and the pattern store) once
        run(cmd, cwd, envs[name])
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(run(cmd, cwd, envs[name]))
    return {k: statistics.median(v) for k, v in times.items()}


def instructions(cmds: dict[str, list[str]], cwd: Path, against: str | None = None) -> None:
    """Each command once under valgrind's callgrind: instructions executed, the same from run to run
    whatever else the machine is doing (where timings on a shared 2-core machine move by 10-20%)."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        print("\n(instructions: valgrind not found; skipped)")
        return
    envs = envs_of(cmds, against)
    counts = {}
    for name, cmd in cmds.items():
        res = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
            cwd=cwd, capture_output=True, text=True, check=False, env=envs[name],
        )  # fmt: skip
        found = re.search(r"Collected\s*:\s*(\d+)", res.stderr)
        counts[name] = int(found[1]) if found else 0
    base = counts["python -c pass"] or 1
    print()
    print("instructions (valgrind --tool=callgrind, one run each, after the timed runs)")
    print("| command | million instructions | ratio to python -c pass |")
    print("| --- | --- | --- |")
    for k, v in counts.items():
        print(f"| `{k}` | {v / 1e6:.0f} | {v / base:.1f} |")


def build_stores(tmp: Path, mb: float) -> tuple[Path, Path]:
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract
    from rapporteur.store import open_store

    seed = resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8")
    small, big = tmp / "founding.db", tmp / "big.db"
    founding = extract(load_text(seed, source="report.txt"))
    with open_store(small) as st:
        st.write_map(founding)
    with open_store(big) as st:
        st.write_map(founding)
        size, k = len(seed.encode("utf-8")), 0
        others = [(FIXTURES / f).read_text("utf-8") for f in ("narrative.txt", "transcript.txt")]
        while size < mb * 1_000_000:
            k += 1
            # other records, each distinct (a numbered title), about 60 KB each
            text = f"Record {k}\n\n" + "\n\n".join(others * 6)
            st.write_map(extract(load_text(text, source=f"record-{k}.txt", doc_id="d1")))
            size += len(text.encode("utf-8"))
    return small, big


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--store-mb", type=float, default=5.0)
    ap.add_argument("--no-queries", action="store_true", help="start-up only")
    ap.add_argument("--no-compile", action="store_true", help="leave the package's bytecode as it is")
    ap.add_argument("--breakdown", action="store_true", help="then where `map` spends its time")
    ap.add_argument("--instructions", action="store_true", help="then instruction counts (valgrind)")
    ap.add_argument("--against", metavar="OLD/src", help="also run --help and map from an older source")
    args = ap.parse_args()
    import rapporteur

    package = Path(rapporteur.__file__).parent
    if not args.no_compile:
        compileall.compile_dir(package, quiet=1)  # writes __pycache__ even under PYTHONDONTWRITEBYTECODE
    cached = sum(1 for _ in package.rglob("__pycache__/*.pyc"))
    how = "" if args.no_compile else " (compiled first)"
    print(f"rapporteur from {package}; {cached} bytecode files{how}")
    rap = rapporteur_cmd()
    report = resources.files("rapporteur").joinpath("data", "demo-report.txt")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        cmds = {
            "python -c pass": [PY, "-c", "pass"],
            "rapporteur --help": [*rap, "--help"],
            "rapporteur map report.txt --json out.json": [
                *rap,
                "map",
                str(report),
                "--db",
                str(tmp / "m.db"),
                "--json",
                str(tmp / "out.json"),
            ],
        }
        cmds["rapporteur map report.txt --json out.json" + COLD] = cmds[
            "rapporteur map report.txt --json out.json"
        ]
        if args.against:  # both sides as `python -m rapporteur`, so the launcher is the same
            older = Path(args.against).resolve()
            compileall.compile_dir(older / "rapporteur", quiet=1)
            for side in ("", AGAINST):
                db = str(tmp / f"m{side.strip()}.db")
                mapped = ["map", str(report), "--db", db, "--json", str(tmp / "o.json")]
                cmds[f"python -m rapporteur --help{side}"] = [PY, "-m", "rapporteur", "--help"]
                cmds[f"python -m rapporteur map report.txt --json out.json{side}"] = [
                    PY,
                    "-m",
                    "rapporteur",
                    *mapped,
                ]
        med = medians(cmds, args.runs, tmp, args.against)
        base = med["python -c pass"]
        print(f"start-up: median of {args.runs} interleaved runs")
        print("| command | median ms | ratio to python -c pass |")
        print("| --- | --- | --- |")
        for k, v in med.items():
            print(f"| `{k}` | {v * 1000:.0f} | {v / base:.1f} |")
        if args.instructions:
            instructions(cmds, tmp, args.against)
        if args.breakdown:
            breakdown(args.runs, Path(str(report)), tmp)

        if args.no_queries:
            return
        small, big = build_stores(tmp, args.store_mb)
        print()
        print(
            f"store queries: founding store {small.stat().st_size / 1e6:.2f} MB, "
            f"big store {big.stat().st_size / 1e6:.2f} MB"
        )
        q = {}
        for label, db in (("founding", small), ("big", big)):
            q[f"who Thorp ({label})"] = [*rap, "who", "Thorp", "--db", str(db)]
            q[f"search 'military' ({label})"] = [*rap, "search", "military", "--db", str(db)]
            q[f"clash Thorp Sheahan ({label})"] = [*rap, "clash", "Thorp", "Sheahan", "--db", str(db)]
            q[f"themes ({label})"] = [*rap, "themes", "--db", str(db)]
            q[f"queries.person Thorp ({label})"] = [PY, "-c", QUERY, str(db), "who", "Thorp"]
            q[f"queries.search 'military' ({label})"] = [PY, "-c", QUERY, str(db), "search", "military"]
        qm = medians(q, args.runs, tmp)
        print("| query | founding store ms | big store ms | big / founding |")
        print("| --- | --- | --- | --- |")
        names = ("who Thorp", "search 'military'", "clash Thorp Sheahan", "themes")
        for name in (*names, "queries.person Thorp", "queries.search 'military'"):
            a, b = qm[f"{name} (founding)"], qm[f"{name} (big)"]
            print(f"| `{name}` | {a * 1000:.0f} | {b * 1000:.0f} | {b / a:.2f} |")


if __name__ == "__main__":
    main()
