"""PDF reading speed against poppler's ``pdftotext``, side by side in one run, and the whole ``map``.

Both sides read the same file. rapporteur's side is ``ingest.load`` (pypdfium2 text layer -> blocks,
headings, footnotes, pages); pdftotext's side is the ``pdftotext`` command (Debian poppler-utils)
writing plain text to stdout, which includes starting its process. The rounds are interleaved
(rapporteur, pdftotext, rapporteur, ...) so machine noise falls on both; the median of the rounds
counts. The ratio is pdftotext time / rapporteur time (> 1 means rapporteur is faster). Then the whole
map (read, structure, attribute, relate, store) is timed the same way, in-process and as the
``rapporteur map FILE --db`` command.

    python bench/pdf_speed.py [FILE.pdf] [--rounds 7]

FILE defaults to the WSSSPE1 report of the shared corpus.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapporteur import ingest
from rapporteur.pipeline import map_document
from rapporteur.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "wssspe1-report" / "WSSSPE1_summary_report_body.pdf"


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def write(m, db: Path) -> None:
    with open_store(db) as store:
        store.write_map(m)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    path = Path(args.file)
    exe = shutil.which("pdftotext")
    if exe is None:
        sys.exit("pdftotext is not installed: apt-get install -y poppler-utils")

    doc = ingest.load(path)
    pages = len(doc.pages)
    ours: list[float] = []
    theirs: list[float] = []

    def poppler() -> None:
        subprocess.run([exe, "-q", str(path), "-"], check=True, stdout=subprocess.DEVNULL)

    for _ in range(args.rounds):
        ours.append(timed(lambda: ingest.load(path)))
        theirs.append(timed(poppler))
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)

    whole: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.rounds):
            db = Path(tmp) / f"m{k}.db"

            whole.append(timed(lambda db=db: write(map_document(path), db)))
        cli = Path(sys.executable).with_name("rapporteur")
        command: list[float] = []
        for k in range(args.rounds if cli.exists() else 0):
            db = Path(tmp) / f"c{k}.db"
            argv = [str(cli), "map", str(path), "--db", str(db)]
            command.append(timed(lambda argv=argv: subprocess.run(argv, check=True, capture_output=True)))
    m = map_document(path)
    t_map = statistics.median(whole)

    print(f"file: {path.name} ({path.stat().st_size:,} bytes, {pages} pages with text), {args.rounds} rounds")
    print(f"rapporteur ingest.load: {t_ours:7.3f} s  {pages / t_ours:8.1f} pages/s  {len(doc.text):,} chars")
    print(f"pdftotext:              {t_theirs:7.3f} s  {pages / t_theirs:8.1f} pages/s")
    print(f"ratio (pdftotext / rapporteur): {t_theirs / t_ours:.2f}x")
    print(
        f"whole map (read, structure, attribute, relate, store): {t_map:.3f} s  {pages / t_map:.1f} pages/s "
        f"themes={len(m.themes)} claims={len(m.claims)} participants={len(m.participants)}"
    )
    if command:
        t_cli = statistics.median(command)
        print(f"`rapporteur map FILE --db` (a process, start-up included): {t_cli:7.3f} s")


if __name__ == "__main__":
    main()
