"""No input stalls a stage: the inputs that once took a minute or more each map within a generous
bound (10 s of CPU time, in a subprocess so a stall is stopped, not waited on), every lexicon pattern
runs in linear time on adversarial strings, and the sweeps and indexes that made the stages linear give
the very answers of the scans they replaced (checked against those scans, written out here).

The bound is a bound, not a benchmark: each case takes a few seconds at most on a quiet machine. It is
CPU time (the child's own ``RLIMIT_CPU``), not wall time, so a busy machine (another job on the other
core) does not fail it; a wall-clock limit six times as long still stops a child that waits instead.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rapporteur.model import Theme
from rapporteur.resolve import FUZZY_MIN, Resolver, RosterPerson, _score, norm
from rapporteur.structure import _theme_lookup

HERE = Path(__file__).parent
BOUND = 10.0

_MAP = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[-1]), int(sys.argv[-1]) + 1))  # SIGXCPU past it
del sys.argv[-1]
from rapporteur.pipeline import map_document
m = map_document(sys.argv[1], roster=sys.argv[2] if len(sys.argv) > 2 else None)
ok = all(m.documents[0].text[c.start:c.end] == c.text for c in m.claims)
print(json.dumps({"claims": len(m.claims), "participants": len(m.participants), "themes": len(m.themes),
                  "relations": len(m.relations),
                  "offsets_ok": ok, "kinds": sorted({c.kind for c in m.claims})}))
"""


def _map(path: Path, roster: Path | None = None) -> dict:
    args = [sys.executable, "-c", _MAP, str(path), *([str(roster)] if roster else []), f"{BOUND:.0f}"]
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=6 * BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: not mapped within {6 * BOUND:g} s of wall time")
    if out.returncode == -signal.SIGXCPU:
        pytest.fail(f"{path.name}: not mapped within {BOUND:g} s of CPU time")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["offsets_ok"]
    return got


def _names(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct made-up surnames, far enough apart that none is a spelling of another."""
    rng = random.Random(seed)
    syl = ["ka", "lo", "mi", "ru", "sa", "te", "vo", "ne", "di", "po", "gu", "ha", "ji", "ze", "bo", "fa"]
    out: dict[str, None] = {}
    while len(out) < n:
        out["".join(rng.choice(syl) for _ in range(5)).capitalize()] = None
    return list(out)


ROSTER_TEXT = "\n\nParticipants\n\nAnna Abel, First University\nBruno Baker, Second Institute\nCara Cohen, Third College\n"


def test_a_run_of_100k_dots(tmp_path: Path) -> None:
    p = tmp_path / "dots.txt"
    body = (
        "A point is made"
        + "." * 100_000
        + " Then it is answered (Abel). A run with no space"
        + "." * 100_000
        + "x (Baker).\n"
    )
    p.write_text("Introduction\n\n" + body + ROSTER_TEXT)
    got = _map(p)
    assert got["claims"] == 2


def test_question_repeated_20k_times(tmp_path: Path) -> None:
    p = tmp_path / "question.txt"
    p.write_text(
        "Introduction\n\n"
        + "question " * 20_000
        + "(Abel).\n\n"
        + "Question " * 20_000
        + "whether (Baker)?\n"
        + ROSTER_TEXT
    )
    got = _map(p)
    assert got["claims"] == 2 and got["kinds"] == ["claim", "question"]  # no "whether": a claim


def test_a_markdown_table_of_1000_rows_of_markers(tmp_path: Path) -> None:
    p = tmp_path / "table.md"
    rows = "".join("| (Abel) | a view held (Abel) | (Abel) |\n" for _ in range(1000))
    p.write_text("# Table\n\n| a | b | c |\n| --- | --- | --- |\n" + rows + ROSTER_TEXT)
    got = _map(p)
    assert got["claims"] >= 1000


def test_4000_distinct_unknown_names(tmp_path: Path) -> None:
    p = tmp_path / "unknown.txt"
    names = _names(4000)
    p.write_text(
        "Introduction\n\n"
        + " ".join(f"Point {i} was argued ({n})." for i, n in enumerate(names))
        + ROSTER_TEXT
    )
    got = _map(p)
    assert got["participants"] >= 3 + 3900  # a few made-up names may be near spellings of others


def test_20k_headings(tmp_path: Path) -> None:
    p = tmp_path / "headings.md"
    p.write_text(
        "".join(f"{'#' * (1 + i % 3)} Heading {i}\n\nA point made here (Abel).\n\n" for i in range(20_000))
    )
    got = _map(p)
    assert got["themes"] == 20_000 and got["claims"] == 20_000


def test_a_100k_row_roster(tmp_path: Path) -> None:
    names = _names(100_000, seed=3)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,affiliation\n" + "".join(f"Ann {n},Somewhere\n" for n in names))
    doc = tmp_path / "doc.txt"
    cited = [*names[:50], names[60][:-1] + "x", "Nobodyhere"]  # 50 exact, a slip of the pen, an unknown
    doc.write_text("Introduction\n\n" + " ".join(f"A point was argued ({n})." for n in cited) + "\n")
    got = _map(doc, roster)
    assert got["claims"] == len(cited)
    assert got["participants"] >= 100_000


def test_one_paragraph_of_6000_views_and_answers(tmp_path: Path) -> None:
    """Every answer's cue looks for its people and its target among the claims of its paragraph: by
    bisection, not by a scan of the whole paragraph per cue."""
    p = tmp_path / "answers.txt"
    body = " ".join(
        f"Some held that point {i} was right (Abel). But others argued that point {i} was wrong (Baker)."
        for i in range(6000)
    )
    p.write_text("Introduction\n\n" + body + ROSTER_TEXT)
    got = _map(p)
    assert got["claims"] == 12_000 and got["relations"] == 6000


def test_every_lexicon_pattern_is_linear_on_adversarial_strings() -> None:
    """Long runs of each kind of character and of each pattern's own words, 64k characters each: a
    pattern that rescans the rest of the text from every position takes seconds here, a linear one
    milliseconds."""
    script = HERE / "_adversarial_regex.py"
    out = subprocess.run(
        [sys.executable, str(script), "64000"], capture_output=True, text=True, timeout=120, check=True
    )
    got = json.loads(out.stdout)
    assert got["count"] > 1000
    slow = [w for w in got["worst"] if w[0] > 1.0]
    assert not slow, f"patterns that are not linear: {slow}"


# ------------------------------------------------------------------- the sweeps give the scans' answers


def _scan_theme(themes: list[Theme], offset: int) -> str | None:
    best = None
    for t in themes:
        if t.section[0] <= offset < t.section[1] and (best is None or t.level >= best.level):
            best = t
    return best.id if best else None


@pytest.mark.parametrize("seed", range(20))
def test_theme_lookup_equals_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    themes = []
    for i in range(rng.randint(0, 30)):
        s = rng.randint(0, 200)
        themes.append(Theme(f"t{i}", "d1", "x", None, s, s, rng.randint(1, 4), (s, s + rng.randint(0, 80))))
    at = _theme_lookup(themes)
    for offset in range(-2, 300):
        assert at(offset) == _scan_theme(themes, offset), offset


def _scan_resolve(roster: list[RosterPerson], cited: str) -> int | None:
    scored = sorted(((_score(cited, p), i) for i, p in enumerate(roster)), reverse=True)
    if scored and scored[0][0] >= FUZZY_MIN and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def test_indexed_roster_resolves_as_scoring_everyone() -> None:
    rng = random.Random(5)
    surnames = [*_names(40, seed=8), "Ruiz de la Torre", "Souza Ferreira", "van der Berg"]
    roster = [
        RosterPerson(
            f"{rng.choice(['Ana', 'J.', 'Li', 'Marc'])} {s}", aliases=(s.upper(),) if i % 7 == 0 else ()
        )
        for i, s in enumerate(surnames)
    ]
    roster.append(RosterPerson(f"Other {surnames[3]}"))  # two people with one surname: ambiguous
    probes = [*surnames, "Souza", "Torre", "Berg", "Nobody", "Ana"]
    probes += [s[:2] + s[3] + s[2] + s[4:] for s in surnames[:20]]  # two letters swapped
    probes += [s[:-1] for s in surnames[20:]] + [p.name for p in roster[:10]]
    r = Resolver(list(roster))
    for cited in probes:
        want = _scan_resolve(roster, cited)
        got = r.resolve(cited)
        if want is None:
            assert not r.participants[int(got[1:]) - 1].in_roster, cited
        else:
            assert got == f"p{want + 1}", cited


def test_unknown_names_join_the_first_near_equal_earlier_one() -> None:
    from rapidfuzz import fuzz

    names = _names(300, seed=2)
    names += [n[:-1] for n in names[:50]] + [n + "a" for n in names[50:80]] + [n.upper() for n in names[:20]]
    random.Random(1).shuffle(names)
    r = Resolver([RosterPerson("Zed Zulu")])
    seen: list[tuple[str, str]] = []  # (normalised first spelling, id), in order: the scan it replaced
    for n in names:
        c = norm(n)
        want = next((pid for u, pid in seen if u == c or fuzz.ratio(u, c) >= 92), None)
        got = r.resolve(n)
        if want is None and got not in {pid for _, pid in seen}:
            seen.append((c, got))
        else:
            assert got == want, n


def test_patterns_searched_within_a_sentence_stay_linear_on_one_giant_word(tmp_path: Path) -> None:
    """A sentence may be one run of 200k capitals, spaces or word characters with no comma: the
    patterns searched over a sentence (citations, "a point made by", "Name, the Role,", the role word
    before a comma) must not try the whole run from every position (each did, before the merge fix)."""
    p = tmp_path / "giant.txt"
    p.write_text(
        "Introduction\n\n"
        + "A" * 200_000
        + " said that it works.\n\n"
        + "b" * 200_000
        + ", the end.\n\n"
        + "x"
        + " " * 200_000
        + "was a point made by Abel.\n"
    )
    got = _map(p)
    assert got["offsets_ok"]


def test_the_cycle_collector_is_off_while_mapping_and_as_it_was_after() -> None:
    """Every full collection walks every object mapping has made so far, which made mapping 20 MB
    superlinear; ``extract`` turns the collector off for the map and back to how it found it, also when
    a stage raises."""
    import gc

    from rapporteur import pipeline
    from rapporteur.ingest import load_text

    seen: list[bool] = []
    real = pipeline.prepare

    def probe(*a, **k):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*a, **k)

    doc = load_text("Some held the fee too high (Ruiz).\n", source="t.txt")
    was = gc.isenabled()
    try:
        pipeline.prepare = probe  # type: ignore[assignment]
        for state in (True, False):
            gc.enable() if state else gc.disable()
            pipeline.extract(doc)
            assert gc.isenabled() is state
        gc.enable()

        def boom(*a, **k):  # type: ignore[no-untyped-def]
            raise RuntimeError("a stage failed")

        pipeline.prepare = boom  # type: ignore[assignment]
        with pytest.raises(RuntimeError):
            pipeline.extract(doc)
        assert gc.isenabled()
    finally:
        pipeline.prepare = real  # type: ignore[assignment]
        gc.enable() if was else gc.disable()
    assert seen == [False, False]
