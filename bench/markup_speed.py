"""The markup readers against the parsers they stand on, side by side in one run, interleaved.

Each reader does more than its parser (blocks with exact offsets, turns, roster), so the parser alone
is the floor: HTML against lxml's ``document_fromstring(...).text_content()``, Markdown against
markdown-it-py's ``parse``, on the same bytes. Rounds alternate the two sides; the best time of
--repeat rounds counts; the ratio is reader time / parser time. With --big MB the HTML reader also
reads one page of that size once (the CLI refuses files over 32 MB unless --max-bytes is raised).

    python bench/markup_speed.py [--mb 5] [--repeat 3] [--big 50]
"""

from __future__ import annotations

import argparse
import time

from rapporteur.ingest import html as html_reader
from rapporteur.ingest import markdown as md_reader

TURN = (
    '<div class="comment"><span class="name">Speaker {i}</span>: We should keep the budget as it is '
    "this year, because the review found no waste (Abel, Baker). &amp; more words here.</div>\n"
)
MD = (
    "## Topic {i}\n\n- The permit register should be public for every well (Abel).\n"
    "- Fees should fall for small farms, said several members (Baker, Cohen).\n\n"
    "Prose paragraph with `code (Foo)` and more words that run on for a while here.\n\n"
)


def build(unit: str, mb: float, head: str = "", tail: str = "") -> bytes:
    parts, size, i = [head], len(head), 0
    while size < mb * 1_000_000:
        s = unit.format(i=i)
        parts.append(s)
        size += len(s)
        i += 1
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def lxml_floor(data: bytes) -> int:
    from lxml import html

    return len(html.document_fromstring(data.decode("utf-8")).text_content())


def mdit_floor(data: bytes) -> int:
    from markdown_it import MarkdownIt

    return len(MarkdownIt("commonmark").enable("table").parse(data.decode("utf-8")))


def timed(fn, data: bytes) -> float:
    t = time.perf_counter()
    fn(data)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", type=float, default=0.0)
    args = ap.parse_args()
    page = build(TURN, args.mb, "<!DOCTYPE html><html><body>\n", "</body></html>\n")
    text = build(MD, args.mb, "# Record\n\n")
    cases = [
        ("html", page, lambda d: html_reader.read(d, "bench.html"), lxml_floor, "lxml text_content"),
        ("markdown", text, lambda d: md_reader.read(d, "bench.md"), mdit_floor, "markdown-it parse"),
    ]
    print("| format | MB | reader s | parser alone | parser s | reader MB/s | ratio reader/parser |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, data, reader, floor, floor_name in cases:
        best_r = best_f = float("inf")
        for _ in range(args.repeat):
            best_r = min(best_r, timed(reader, data))
            best_f = min(best_f, timed(floor, data))
        mb = len(data) / 1_000_000
        print(
            f"| {name} | {mb:.1f} | {best_r:.2f} | {floor_name} | {best_f:.2f} | {mb / best_r:.1f} "
            f"| {best_r / best_f:.2f} |"
        )
    if args.big:
        big = build(TURN, args.big, "<!DOCTYPE html><html><body>\n", "</body></html>\n")
        t = timed(lambda d: html_reader.read(d, "big.html"), big)
        print(f"one {len(big) / 1_000_000:.0f} MB page read by the HTML reader in {t:.1f} s")


if __name__ == "__main__":
    main()
