#!/usr/bin/env python3
"""Build tests/gold/peru-1978.json from the hand-written peru-1978.yaml.

The YAML gives every anchor as literal text copied from the report; this script
resolves each anchor to exact character offsets (Python ``str`` indices into the
report decoded as UTF-8) and fails loudly when an anchor is missing, ambiguous,
or inconsistent.  It deliberately uses nothing from ``src/rapporteur`` so that the
gold stays independent of the extractor.

Usage (from the repository root)::

    .venv/bin/python tests/gold/build_gold.py [--report PATH] [--check]

``--check`` rebuilds in memory and fails if the committed JSON differs.
Requires only Python 3.11+ and PyYAML.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import itertools
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_REPORT = REPO / "src" / "rapporteur" / "data" / "demo-report.txt"
YAML_PATH = HERE / "peru-1978.yaml"
JSON_PATH = HERE / "peru-1978.json"

KINDS = ("claim", "question", "qualification", "proposal")
POLARITIES = ("holds", "exception")
NON_ATTR_TYPES = ("acronym", "foreign_term", "gloss", "date", "aside", "cross_reference")


class GoldError(Exception):
    pass


def fail(msg: str) -> None:
    raise GoldError(msg)


def occurrences(hay: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """All (possibly overlapping) start offsets of needle in hay[lo:hi]."""
    if not needle:
        fail("empty anchor string")
    hi = len(hay) if hi is None else hi
    out = []
    i = hay.find(needle, lo, hi)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1, hi)
    return out


def find_unique(hay: str, needle: str, what: str, lo: int = 0, hi: int | None = None) -> int:
    occ = occurrences(hay, needle, lo, hi)
    if not occ:
        fail(f"{what}: anchor not found: {needle!r}")
    if len(occ) > 1:
        fail(f"{what}: anchor ambiguous ({len(occ)} occurrences at {occ}): {needle!r}")
    return occ[0]


def find_line(text: str, line: str, what: str) -> int:
    """Start offset of the unique line equal to `line` (trailing spaces ignored)."""
    pat = re.compile(r"^" + re.escape(line) + r"[ \t]*$", re.M)
    hits = [m.start() for m in pat.finditer(text)]
    if len(hits) != 1:
        fail(f"{what}: expected exactly one line {line!r}, found {len(hits)}")
    return hits[0]


def span(text: str, start: int, end: int) -> dict:
    s = {"start": start, "end": end, "text": text[start:end]}
    assert text[s["start"] : s["end"]] == s["text"]
    return s


def paren_extent(text: str, start: int) -> int | None:
    """End offset (exclusive) of the parenthetical opening at `start`, honouring
    nesting; None if it does not close before the end of its line."""
    if text[start] != "(":
        fail(f"offset {start} is not '(' but {text[start]!r}")
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "\n":
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def load_report(path: Path) -> tuple[bytes, str]:
    raw = path.read_bytes()
    return raw, raw.decode("utf-8")


def build(report_path: Path) -> dict:
    raw, text = load_report(report_path)
    gold = yaml.safe_load(YAML_PATH.read_text(encoding="utf-8"))
    n = len(text)

    # ------------------------------------------------------------------ regions
    front_end = find_line(text, gold["front_matter_end"]["line"], "front_matter_end")
    body_end = find_line(text, gold["body_end"]["line"], "body_end")
    if not front_end < body_end:
        fail("front matter end must precede body end")

    # footnotes
    footnotes = []
    for fn in gold["footnotes"]:
        fs = find_unique(text, fn["starts_with"], "footnote start")
        fe_at = find_unique(text, fn["ends_with"], "footnote end")
        fe = fe_at + len(fn["ends_with"])
        if not front_end < fs < fe < body_end:
            fail("footnote must lie inside the body region")
        if "\n\n" not in text[fs:fe] and text[fe : fe + 2] != "\n\n":
            fail("footnote block boundaries look wrong")
        # the '---' rule right before the footnote
        rule = text.rfind("\n---\n", front_end, fs)
        if rule == -1 or text[rule + 5 : fs].strip():
            fail("expected a '---' rule directly before the footnote")
        ctx_at = find_unique(text, fn["ref_context"], "footnote ref context")
        ref_at = ctx_at + fn["ref_context"].index(fn["ref"])
        if fn["ref_context"].count(fn["ref"]) != 1:
            fail("footnote ref must occur once in its context")
        footnotes.append(
            {
                **span(text, fs, fe),
                "rule": span(text, rule + 1, rule + 4),
                "ref": span(text, ref_at, ref_at + len(fn["ref"])),
            }
        )
    foot_regions = [(f["rule"]["start"], f["end"]) for f in footnotes]

    def in_footnote(pos: int) -> bool:
        return any(a <= pos < b for a, b in foot_regions)

    def in_body(pos: int) -> bool:
        return front_end <= pos < body_end and not in_footnote(pos)

    # ------------------------------------------------------------------ themes
    themes = []
    seen_titles = set()
    for th in gold["themes"]:
        h = th["heading"]
        hs = find_line(text, h, f"theme heading {h!r}")
        hashes = len(h) - len(h.lstrip("#"))
        title = h.lstrip("#").strip()
        if title != th["title"]:
            fail(f"theme title {th['title']!r} != heading text {title!r}")
        if title in seen_titles:
            fail(f"duplicate theme title {title!r}")
        parent = th["parent"]
        if parent is not None and parent not in seen_titles:
            fail(f"theme {title!r}: parent {parent!r} must be listed before it")
        seen_titles.add(title)
        ts = hs + h.index(title)
        if hs < front_end or hs >= body_end:
            fail(f"theme heading {title!r} outside the body")
        themes.append(
            {
                "title": title,
                "parent": parent,
                "level": 1 if parent is None else 2,
                "markdown_level": hashes,
                "heading": span(text, hs, hs + len(h)),
                "title_span": span(text, ts, ts + len(title)),
            }
        )
    if [t["heading"]["start"] for t in themes] != sorted(t["heading"]["start"] for t in themes):
        fail("themes must be listed in document order")
    if themes[0]["heading"]["start"] != front_end:
        fail("the first theme must start the body")
    # spans: a theme runs to the next heading at the same or a higher tree level
    for i, t in enumerate(themes):
        end = body_end
        for u in themes[i + 1 :]:
            if u["level"] <= t["level"]:
                end = u["heading"]["start"]
                break
        t["span"] = {"start": t["heading"]["start"], "end": end}

    def innermost_theme(pos: int) -> str:
        best = None
        for t in themes:
            if t["heading"]["start"] <= pos:
                best = t
        if best is None or not in_body(pos):
            fail(f"offset {pos} is in no theme")
        return best["title"]

    # ------------------------------------------------------------------ roster
    roster_lines = []
    after_header = text.index("\n\n", body_end) + 2
    for m in re.finditer(r"^(.+?)[ \t]*$", text[after_header:], re.M):
        if m.group(1).strip():
            roster_lines.append((after_header + m.start(1), after_header + m.end(1), m.group(1)))
    if len(roster_lines) != len(gold["roster"]):
        fail(f"roster: file has {len(roster_lines)} lines, YAML has {len(gold['roster'])}")
    roster = []
    for (ls, le, line), entry in zip(roster_lines, gold["roster"], strict=False):
        name, _, rest = line.partition(",")
        if name != entry["name"] or rest.strip() != entry["affiliation"]:
            fail(f"roster mismatch: file {line!r} vs YAML {entry!r}")
        roster.append(
            {
                "name": entry["name"],
                "affiliation": entry["affiliation"],
                "line": span(text, ls, le),
                "name_span": span(text, ls, ls + len(name)),
            }
        )
    roster_names = [r["name"] for r in roster]
    if len(set(roster_names)) != len(roster_names):
        fail("duplicate roster names")

    resolution = gold["name_resolution"]
    for cited, full in resolution.items():
        if full is not None and full not in roster_names:
            fail(f"name_resolution: {cited!r} -> {full!r} is not a roster name")

    # ------------------------------------------------------------ page breaks
    page_breaks = []
    for pb in gold["page_breaks"]:
        b = find_unique(text, pb["before"], "page break before") + len(pb["before"])
        a = find_unique(text, pb["after"], "page break after")
        if not b < a:
            fail(f"page break {pb['before']!r}: parts out of order")
        gap = text[b:a]
        stripped = gap
        for f in footnotes:
            if b <= f["rule"]["start"] and f["end"] <= a:
                stripped = text[b : f["rule"]["start"]] + text[f["end"] : a]
        if stripped.strip() or stripped.count("\n") < 2:
            fail(f"page break {pb['before']!r}: gap is not blank lines (+footnote): {gap[:80]!r}")
        if not in_body(b - 1) or not in_body(a):
            fail(f"page break {pb['before']!r} outside the body")
        page_breaks.append(
            {
                "before_text": text[max(b - 20, 0) : b],
                "after_text": text[a : a + 20],
                "first_part_end": b,
                "second_part_start": a,
                "contains_footnote": stripped != gap,
                "note": pb.get("note"),
            }
        )
    between = []
    for pb in gold.get("page_breaks_between_paragraphs", []):
        b = find_unique(text, pb["before"], "paragraph page break before") + len(pb["before"])
        a = find_unique(text, pb["after"], "paragraph page break after")
        if text[b:a].strip() or text[b:a].count("\n") < 3:
            fail(f"paragraph page break {pb['before']!r}: unexpected gap")
        between.append(
            {
                "first_part_end": b,
                "second_part_start": a,
                "before_text": text[max(b - 20, 0) : b],
                "after_text": text[a : a + 20],
            }
        )

    # ------------------------------------------------- non-attribution parens
    def locate_paren(entry: dict, what: str) -> dict:
        ctx = entry["context"]
        cs = find_unique(text, ctx, f"{what} context")
        ptxt = entry["text"]
        # the parenthetical must OPEN inside the context (long asides may run past it)
        starts = [cs + i for i, c in enumerate(ctx) if c == "(" and text.startswith(ptxt, cs + i)]
        if len(starts) != 1:
            fail(f"{what}: {ptxt!r} must open exactly once inside its context {ctx!r}")
        ps = starts[0]
        pe = paren_extent(text, ps)
        if pe != ps + len(ptxt):
            fail(f"{what}: {ptxt!r} is not a complete parenthetical at {ps}")
        return span(text, ps, pe)

    non_attr = []
    for e in gold["non_attributions"]:
        s = locate_paren(e, "non_attribution")
        if e["type"] not in NON_ATTR_TYPES:
            fail(f"non_attribution {e['text']!r}: bad type {e['type']!r}")
        if not in_body(s["start"]):
            fail(f"non_attribution {e['text']!r} is not in the body")
        inner = [x.strip() for x in s["text"][1:-1].split(",")]
        if all(x in resolution for x in inner):
            fail(f"non_attribution {s['text']!r} looks like an attribution marker")
        non_attr.append(
            {
                **s,
                "type": e["type"],
                "theme": innermost_theme(s["start"]),
                "context": e["context"],
                "note": e.get("note"),
            }
        )

    non_body = []
    for e in gold["non_body_parentheticals"]:
        s = locate_paren(e, "non_body_parenthetical")
        if in_body(s["start"]):
            fail(f"non_body_parenthetical {e['text']!r} is inside the body")
        where = (
            "footnote"
            if in_footnote(s["start"])
            else ("front_matter" if s["start"] < front_end else "back_matter")
        )
        if where != e["where"]:
            fail(f"non_body_parenthetical {e['text']!r}: is in {where}, YAML says {e['where']}")
        non_body.append({**s, "where": where, "context": e["context"]})

    unclosed = []
    for e in gold["unclosed_parentheses"]:
        ctx = e["context"]
        cs = find_unique(text, ctx, "unclosed context")
        if ctx.count(e["text_starts"]) != 1:
            fail("unclosed: text_starts must occur once in context")
        ps = cs + ctx.index(e["text_starts"])
        if paren_extent(text, ps) is not None:
            fail(f"unclosed parenthesis at {ps} actually closes")
        le = text.find("\n", ps)
        unclosed.append(
            {
                "start": ps,
                "end": ps + 1,
                "text": "(",
                "rest_of_line": span(text, ps, le),
                "theme": innermost_theme(ps),
                "context": ctx,
                "note": e.get("note"),
            }
        )

    # ------------------------------------------------------------ attributions
    attributions = []
    for sec in gold["sections"]:
        theme = sec["theme"]
        if theme not in seen_titles:
            fail(f"section theme {theme!r} is not a theme")
        for e in sec["attributions"]:
            idx = len(attributions)
            what = f"attribution #{idx} {e['marker']!r}"
            marker = e["marker"]
            ctx = e["context"]
            if len(ctx) < 25:
                fail(f"{what}: context too short to be a robust anchor: {ctx!r}")
            cs = find_unique(text, ctx, f"{what} context")
            if ctx.count(marker) != 1:
                fail(f"{what}: marker must occur exactly once in context {ctx!r}")
            ms = cs + ctx.index(marker)
            me = ms + len(marker)
            if not in_body(ms):
                fail(f"{what}: not in the body")

            # marker shape, cited names, enclosing parenthetical
            if marker.startswith("("):
                if paren_extent(text, ms) != me:
                    fail(f"{what}: marker is not a complete parenthetical")
                names = marker[1:-1].split(", ")
                paren = span(text, ms, me)
                embedded = False
            elif marker.startswith("; ") and marker.endswith(")"):
                names = marker[2:-1].split(", ")
                ps = text.rfind("(", text.rfind("\n", 0, ms) + 1, ms)
                if ps == -1 or not text.startswith(e["parenthetical_starts"], ps):
                    fail(f"{what}: enclosing parenthetical not found")
                if paren_extent(text, ps) != me:
                    fail(f"{what}: enclosing parenthetical does not end at the marker")
                paren = span(text, ps, me)
                embedded = True
            else:
                fail(f"{what}: unrecognised marker shape")
            if names != e["cited"]:
                fail(f"{what}: cited {e['cited']} but marker names {names}")
            for nm in names:
                if nm not in resolution:
                    fail(f"{what}: cited name {nm!r} missing from name_resolution")
            participants = [resolution[nm] if resolution[nm] is not None else nm for nm in names]
            in_roster = [resolution[nm] is not None for nm in names]

            if e["polarity"] not in POLARITIES:
                fail(f"{what}: bad polarity {e['polarity']!r}")
            if e["kind"] not in KINDS:
                fail(f"{what}: bad kind {e['kind']!r}")
            actual_theme = innermost_theme(ms)
            if actual_theme != theme:
                fail(f"{what}: YAML theme {theme!r} but marker lies in {actual_theme!r}")

            # claim
            claim = e["claim"]
            direction = e.get("direction", "backward")
            if claim != claim.strip():
                fail(f"{what}: claim has leading/trailing whitespace")
            if claim.endswith((".", "?")) and not claim.endswith("..."):
                fail(f"{what}: claim must not include the final '.'/'?'")
            cands = []
            for cst in occurrences(text, claim):
                cen = cst + len(claim)
                if direction == "backward":
                    gap = text[cen:ms]
                    ok = cen <= ms and re.fullmatch(r"\??[ ]?", gap) is not None
                elif direction == "forward":
                    gap = text[me:cst]
                    ok = cst >= me and re.fullmatch(r",? (that )?", gap) is not None
                else:
                    fail(f"{what}: bad direction {direction!r}")
                if ok:
                    cands.append((cst, cen, gap))
            if len(cands) != 1:
                fail(
                    f"{what}: claim must be found exactly once adjacent to the marker "
                    f"({len(cands)} candidates; {len(occurrences(text, claim))} occurrences "
                    f"in text): {claim[:70]!r}"
                )
            cst, cen, gap = cands[0]
            if embedded and cst != paren["start"] + 1:
                fail(f"{what}: embedded claim must start right after '('")
            for a, b in foot_regions:
                if cst < b and a < cen:
                    fail(f"{what}: claim crosses the footnote")
            if not (in_body(cst) and in_body(cen - 1)):
                fail(f"{what}: claim outside the body")

            core = e["core"]
            if claim.count(core) != 1:
                fail(f"{what}: core must occur exactly once in the claim: {core!r}")
            if not 5 <= len(core.split()) <= 12:
                fail(f"{what}: core should be a short phrase (got {len(core.split())} words)")
            cos = cst + claim.index(core)

            attributions.append(
                {
                    "index": idx,
                    "marker": span(text, ms, me),
                    "parenthetical": paren,
                    "embedded": embedded,
                    "cited": names,
                    "participants": participants,
                    "in_roster": in_roster,
                    "polarity": e["polarity"],
                    "kind": e["kind"],
                    "theme": theme,
                    "direction": direction,
                    "claim": span(text, cst, cen),
                    "claim_core": span(text, cos, cos + len(core)),
                    "claim_gap": gap,
                    "claim_crosses_page_break": "\n" in claim,
                    "note": e.get("note"),
                }
            )

    # order, overlap
    starts = [a["marker"]["start"] for a in attributions]
    if starts != sorted(starts):
        bad = next(i for i in range(1, len(starts)) if starts[i] < starts[i - 1])
        fail(f"attributions are not in document order at #{bad}")
    for x, y in itertools.pairwise(attributions):
        if x["marker"]["end"] > y["marker"]["start"]:
            fail(f"markers #{x['index']} and #{y['index']} overlap")
    for a in attributions:
        for b in attributions:
            if a is b:
                continue
            if a["claim"]["start"] < b["marker"]["end"] and b["marker"]["start"] < a["claim"]["end"]:
                fail(f"claim of #{a['index']} overlaps marker #{b['index']}")
            if (
                a["index"] < b["index"]
                and a["claim"]["start"] < b["claim"]["end"]
                and b["claim"]["start"] < a["claim"]["end"]
            ):
                fail(f"claims of #{a['index']} and #{b['index']} overlap")
        for p in non_attr:
            if p["start"] < a["marker"]["end"] and a["marker"]["start"] < p["end"]:
                fail(f"marker #{a['index']} overlaps non-attribution {p['text']!r}")

    # ---------------------------------------------- every '(' / ')' accounted
    body_open = {i for i, c in enumerate(text) if c == "(" and in_body(i)}
    body_close = {i for i, c in enumerate(text) if c == ")" and in_body(i)}
    claimed_open = collections.Counter(
        [a["parenthetical"]["start"] for a in attributions]
        + [p["start"] for p in non_attr]
        + [u["start"] for u in unclosed]
    )
    claimed_close = collections.Counter(
        [a["parenthetical"]["end"] - 1 for a in attributions] + [p["end"] - 1 for p in non_attr]
    )
    dup = [k for k, v in (claimed_open + claimed_close).items() if v > 1]
    if dup:
        fail(f"parentheses accounted for twice at {dup}")
    if set(claimed_open) != body_open:
        miss = sorted(body_open - set(claimed_open))
        extra = sorted(set(claimed_open) - body_open)
        fail(f"body '(' not accounted: missing {[(i, text[i : i + 30]) for i in miss]}, extra {extra}")
    if set(claimed_close) != body_close:
        miss = sorted(body_close - set(claimed_close))
        fail(f"body ')' not accounted: {[(i, text[i - 30 : i + 1]) for i in miss]}")
    outside_open = {i for i, c in enumerate(text) if c == "(" and not in_body(i)}
    if outside_open != {p["start"] for p in non_body}:
        fail("non-body '(' not all listed under non_body_parentheticals")
    # sanity: every parenthetical whose content is a list of known surnames is a marker
    marker_starts = {a["parenthetical"]["start"] for a in attributions}
    for i in body_open:
        pe = paren_extent(text, i)
        if pe and all(x in resolution for x in text[i + 1 : pe - 1].split(", ")) and i not in marker_starts:
            fail(f"parenthetical {text[i:pe]!r} at {i} looks like a marker but is not one")

    # ------------------------------------------------------------------ output
    questions = [a["index"] for a in attributions if a["kind"] == "question"]
    mentions = [nm for a in attributions for nm in a["cited"]]
    not_in_roster = sorted({nm for nm in mentions if resolution[nm] is None})
    summary = {
        "markers": len(attributions),
        "embedded_markers": sum(a["embedded"] for a in attributions),
        "name_mentions": len(mentions),
        "distinct_cited_names": len(set(mentions)),
        "cited_names_not_in_roster": not_in_roster,
        "mentions_not_in_roster": sum(1 for nm in mentions if resolution[nm] is None),
        "roster_members_never_cited": [
            r for r in roster_names if r not in {resolution[nm] for nm in mentions}
        ],
        "mentions_per_name": dict(
            sorted(collections.Counter(mentions).items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        "kinds": {k: sum(a["kind"] == k for a in attributions) for k in KINDS},
        "polarity": {p: sum(a["polarity"] == p for a in attributions) for p in POLARITIES},
        "forward_markers": sum(a["direction"] == "forward" for a in attributions),
        "markers_per_theme": {
            t["title"]: sum(a["theme"] == t["title"] for a in attributions) for t in themes
        },
        "non_attributions": len(non_attr),
        "non_attribution_types": dict(collections.Counter(p["type"] for p in non_attr)),
        "unclosed_parentheses": len(unclosed),
        "non_body_parentheticals": len(non_body),
        "body_open_parens": len(body_open),
        "page_breaks": len(page_breaks),
        "claims_crossing_page_breaks": sum(a["claim_crosses_page_break"] for a in attributions),
        "themes": len(themes),
        "roster": len(roster),
    }
    return {
        "schema_version": 1,
        "document": {
            "corpus_path": gold["document"]["corpus_path"],
            "package_copy": gold["document"]["package_copy"],
            "encoding": "utf-8",
            "offsets": "Python str indices into the decoded text; end exclusive",
        },
        "sha256": hashlib.sha256(raw).hexdigest(),
        "length": n,
        "front_matter_end": front_end,
        "body_end": body_end,
        "themes": themes,
        "roster": roster,
        "name_resolution": resolution,
        "attributions": attributions,
        "questions": questions,
        "non_attributions": non_attr,
        "unclosed_parentheses": unclosed,
        "non_body_parentheticals": non_body,
        "page_breaks": page_breaks,
        "page_breaks_between_paragraphs": between,
        "footnotes": footnotes,
        "summary": summary,
    }


def verify(out: dict, text: str) -> None:
    """Re-check every {start, end, text} triple in the output against the report."""
    count = 0

    def walk(o):
        nonlocal count
        if isinstance(o, dict):
            if {"start", "end", "text"} <= o.keys():
                if text[o["start"] : o["end"]] != o["text"]:
                    fail(f"span mismatch at {o['start']}:{o['end']}")
                count += 1
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(out)
    for pb in out["page_breaks"]:
        if not text[: pb["first_part_end"]].endswith(pb["before_text"]) or not text[
            pb["second_part_start"] :
        ].startswith(pb["after_text"]):
            fail("page break offsets inconsistent")
    if text[out["front_matter_end"] :].split("\n", 1)[0] != "Introduction":
        fail("front_matter_end does not point at the Introduction line")
    out["summary"]["spans_verified"] = count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    ap.add_argument(
        "--check", action="store_true", help="do not write; fail if the committed JSON is out of date"
    )
    args = ap.parse_args(argv)
    try:
        out = build(args.report)
        verify(out, args.report.read_bytes().decode("utf-8"))
    except GoldError as exc:
        print(f"build_gold: ERROR: {exc}", file=sys.stderr)
        return 1
    rendered = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        if not JSON_PATH.exists() or JSON_PATH.read_text(encoding="utf-8") != rendered:
            print("build_gold: ERROR: peru-1978.json is out of date", file=sys.stderr)
            return 1
    else:
        JSON_PATH.write_text(rendered, encoding="utf-8")
    s = out["summary"]
    print(f"report   {args.report}  sha256 {out['sha256'][:16]}...  length {out['length']}")
    print(
        f"markers  {s['markers']} (embedded {s['embedded_markers']}, forward {s['forward_markers']}); "
        f"name mentions {s['name_mentions']}; distinct names {s['distinct_cited_names']}"
    )
    print(
        f"not in roster: {s['cited_names_not_in_roster']} ({s['mentions_not_in_roster']} mentions); "
        f"roster never cited: {s['roster_members_never_cited']}"
    )
    print(f"kinds    {s['kinds']}; polarity {s['polarity']}")
    print(
        f"non-attributions {s['non_attributions']} {s['non_attribution_types']}; "
        f"unclosed {s['unclosed_parentheses']}; non-body {s['non_body_parentheticals']}; "
        f"body '(' {s['body_open_parens']}"
    )
    print(
        f"themes {s['themes']}; roster {s['roster']}; page breaks {s['page_breaks']} "
        f"(claims crossing them {s['claims_crossing_page_breaks']}); spans verified {s['spans_verified']}"
    )
    for t, c in s["markers_per_theme"].items():
        print(f"  {c:3d}  {t}")
    print(("checked " if args.check else "wrote ") + str(JSON_PATH.relative_to(REPO)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
