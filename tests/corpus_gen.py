"""A generated corpus of debate records for batch tests and the batch benchmark (not a test module).

Three kinds written here — a rapporteur's report (headings, parenthetical citations, a roster), Markdown
minutes (headings, list items, reported speech), a plain narrative summary ("X argued that ...") — plus,
where the shared corpus is present, pieces of its text records cut at blank lines. Every record is a
pure function of its index, so two runs build the same corpus byte for byte. The names are invented
and drawn from several scripts, so the corpus also exercises cross-record participants.
"""

from __future__ import annotations

import random
from pathlib import Path

SURNAMES = [
    "Abara", "Bělohlávek", "Castellanos", "Dąbrowska", "Eriksen", "Fonseca", "Gündoğdu", "Halvorsen",
    "Ibáñez", "Jovanović", "Kowalczyk", "Łukasik", "Moreau", "Nakamura", "Okonkwo", "Papadaki",
    "Quispe", "Rautio", "Šimková", "Tanaka", "Ueda", "Varga", "Wiśniewski", "Xu", "Yilmaz", "Żurek",
]  # fmt: skip
GIVEN = ["Ana", "Bruno", "Chidi", "Dora", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena"]
BODIES = [
    "Ministry of Transport",
    "City Council",
    "University of the North",
    "Freight Union",
    "Port Authority",
]
TOPICS = [
    ("Congestion charging", "a charge on cars entering the centre", "traffic"),
    ("Freight levy", "a levy on freight carried by road", "emissions"),
    ("School meals", "free meals in every primary school", "attendance"),
    ("Flood defences", "raising the river walls by a metre", "insurance costs"),
    ("Night buses", "running buses through the night", "late-shift workers"),
    ("Rent controls", "capping rent rises at inflation", "housing supply"),
]
# Unattributed context, as real records have between the points they attribute.
CONTEXT = (
    "The session on {title} was chaired by the secretariat, which had circulated a note on costs and "
    "timing beforehand. Figures from the last {n} budgets were tabled and discussed at some length, and "
    "several questions of detail were left for the written consultation that follows the workshop. The "
    "secretariat will summarise the written answers and circulate them before the next meeting."
)
BACKGROUND = (
    "By way of background, the proposal for {what} was first raised {n} months ago in the annual "
    "review, when officials presented a survey of comparable schemes and their effect on {effect}. The "
    "survey found wide differences between cities, in part because each measured the outcome in its own "
    "way, and in part because the schemes themselves were introduced at different points in the "
    "economic cycle. Officials cautioned that the figures should be read as indicative rather than as a "
    "forecast, and that a local study would be needed before any firm commitment could be made."
)
VERBS = ["argued", "maintained", "suggested", "warned", "insisted", "noted"]


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(full name, affiliation); a person keeps one affiliation across the corpus (by surname)."""
    picked = rng.sample(SURNAMES, n)
    return [
        (f"{GIVEN[SURNAMES.index(s) % len(GIVEN)]} {s}", BODIES[SURNAMES.index(s) % len(BODIES)])
        for s in picked
    ]


def report(i: int) -> str:
    rng = random.Random(i)
    people = _people(rng, 5)
    sur = [p[0].split()[-1] for p in people]
    topics = [rng.choice(TOPICS) for _ in range(6 + i % 7)]
    out = [f"Workshop report {i}", "", "Introduction", "",
           "The workshop brought together officials, researchers and residents to weigh the proposals "
           "for the coming budget, and this report sets out the positions that were taken."]  # fmt: skip
    for k, (title, what, effect) in enumerate(topics, 1):
        a, b, c = rng.sample(sur, 3)
        out += ["", f"{k}. {title} ({rng.choice(['north', 'south', 'centre', 'port'])} district)", ""]
        out.append(
            f"Several participants held that {what} would reduce {effect} within two years ({a}, {b}). "
            f"Others doubted that {what} could be paid for without new borrowing ({c}). "
            f"However, the evidence from comparable cities is mixed and needs a proper review ({a})."
        )
        out += ["", f"Should the council commit to {what} before the review is published? ({b})"]
        out += ["", CONTEXT.format(title=title.lower(), n=rng.randint(2, 9))]
        out += ["", BACKGROUND.format(what=what, effect=effect, n=rng.randint(3, 40))]
    out += ["", "Participants", ""]
    out += [f"{name}, {aff}" for name, aff in people]
    return "\n".join(out) + "\n"


def minutes(i: int) -> str:
    rng = random.Random(10_000 + i)
    people = _people(rng, 4)
    title, what, effect = rng.choice(TOPICS)
    out = [f"# Minutes of meeting {i}", "", f"## {title}", ""]
    for name, _ in people * (3 + i % 5):
        verb = rng.choice(VERBS)
        out.append(f"{name.split()[-1]} {verb} that {what} would change {effect} more than expected.")
        out.append("")
        if rng.random() < 0.5:
            out += [BACKGROUND.format(what=what, effect=effect, n=rng.randint(3, 40)), ""]
    a, b = rng.sample(people, 2)
    out += [
        "## Decisions", "",
        f"- The committee should publish the costs of {what} before the next meeting "
        f"({a[0].split()[-1]}).",
        f"- A pilot in one district is preferable to a city-wide scheme ({b[0].split()[-1]}).",
    ]  # fmt: skip
    return "\n".join(out) + "\n"


def narrative(i: int) -> str:
    rng = random.Random(20_000 + i)
    people = _people(rng, 3 + i % 4)
    title, what, effect = rng.choice(TOPICS)
    lines = [f"Summary {i}: {title}", ""]
    lines += [BACKGROUND.format(what=what, effect=effect, n=rng.randint(3, 40)), ""]
    for name, aff in people:
        verb = rng.choice(VERBS)
        lines.append(
            f"{name.split()[-1]} {verb} that {what} was the only credible way to deal with {effect} "
            f"in the next budget period, speaking for the {aff}."
        )
        lines.append("")
    return "\n".join(lines)


def corpus_pieces(corpus: Path | None, limit: int) -> list[tuple[str, str]]:
    """(name, text) pieces of the shared corpus's text records, cut at blank lines into ~8 KB records."""
    if corpus is None or not corpus.is_dir():
        return []
    out: list[tuple[str, str]] = []
    for f in sorted(corpus.glob("*/*")):
        if f.suffix not in (".txt", ".md") or f.name in ("SOURCE.txt", "README.txt", "readme.txt"):
            continue
        if f.name.startswith("LICENSE"):
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        piece: list[str] = []
        size = 0
        for block in text.split("\n\n"):
            piece.append(block)
            size += len(block)
            if size > 8000:
                out.append((f"{f.parent.name}-{f.stem}-{len(out)}{f.suffix}", "\n\n".join(piece) + "\n"))
                piece, size = [], 0
                if len(out) >= limit:
                    return out
    return out


def write_corpus(
    folder: Path, n: int, corpus: Path | None = None, share_of_pieces: float = 0.25
) -> list[Path]:
    """``n`` records in ``folder`` (kinds in turn, a quarter pieces of the shared corpus where present)."""
    folder.mkdir(parents=True, exist_ok=True)
    pieces = corpus_pieces(corpus, int(n * share_of_pieces))
    kinds = [("report", ".txt", report), ("minutes", ".md", minutes), ("summary", ".txt", narrative)]
    paths: list[Path] = []
    for k, (name, text) in enumerate(pieces):
        p = folder / f"piece-{k:05d}-{name}"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    i = 0
    while len(paths) < n:
        kind, suffix, make = kinds[i % len(kinds)]
        p = folder / f"{kind}-{i:05d}{suffix}"
        p.write_text(make(i), encoding="utf-8")
        paths.append(p)
        i += 1
    return paths
