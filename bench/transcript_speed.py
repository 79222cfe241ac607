"""Transcript extraction speed against spaCy's sentencizer, side by side, interleaved, in one run.

A meeting transcript written for this bench (an attendee line, agenda headings, "**Name:**" and
"Name:" turns, reactions, a collective outcome) is repeated until the text is at least --mb megabytes.
rapporteur maps it end to end from text in memory (structure, the roster, turns and the other
detectors, resolution, relations between turns); spaCy's blank English pipeline with a sentencizer
splits the same paragraphs with ``nlp.pipe``. The two run in turn, --repeat rounds, so both see the
same machine load; the best time of each counts, and the ratio is spaCy time / rapporteur time
(> 1 means rapporteur is faster).

    python bench/transcript_speed.py [--mb 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

from rapporteur.ingest import load_text
from rapporteur.pipeline import extract

SEED = """Attendees: Maria Okafor (MO), Daniel Reyes (DR), Priya Natarajan (PN), Tom Eriksen (TE)

## Item {n}: the regional transit budget

**MO:** Welcome back. The question today is whether the transit budget should be doubled next year.
We have the figures from the last three years, and ridership has grown every quarter.

**DR:** I propose that we fund the northern line first. It carries the most riders, and the delays
there cost commuters an hour a week. We should not spread the money thin.

**PN:** I agree with DR on the northern line. But the southern depot is falling apart, and if it
closes, the whole network stops. Is there any money set aside for repairs?

**TE:** That's not quite right. The depot was inspected in March and passed. The real problem is
staffing: we cannot run more trains without more drivers.

**MO:** Yes, but only if the union agrees to the new rota. Would anyone prefer option 3, a phased plan?

**DR:** +1 to a phased plan. It lets us measure the effect before committing the whole sum.

All: No objections.

RESOLVED: the northern line is funded first, with a phased plan for the rest.

"""


def transcript(mb: float) -> str:
    out, size, n = [], 0, 0
    while size < mb * 1_000_000:
        n += 1
        part = SEED.replace("{n}", str(n))
        out.append(part)
        size += len(part.encode("utf-8"))
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import spacy

    text = transcript(args.mb)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    size = len(text.encode("utf-8"))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    t_rap = t_spacy = float("inf")
    m = None
    n_sents = 0
    for _ in range(args.repeat):  # interleaved: each round runs both, one after the other
        t = time.perf_counter()
        m = extract(load_text(text, source="transcript-bench.md", fmt="markdown"))
        t_rap = min(t_rap, time.perf_counter() - t)
        t = time.perf_counter()
        n_sents = sum(len(list(d.sents)) for d in nlp.pipe(paragraphs))
        t_spacy = min(t_spacy, time.perf_counter() - t)
    assert m is not None
    turns = sum(1 for c in m.claims for a in c.attributions if a.via == "turn")
    print(f"text: {size / 1e6:.2f} MB ({len(text):,} characters, {len(paragraphs):,} paragraphs)")
    print(
        f"rapporteur map:     {t_rap:8.3f} s  {size / 1e6 / t_rap:7.2f} MB/s  claims={len(m.claims):,} "
        f"turn attributions={turns:,} relations={len(m.relations):,} participants={len(m.participants):,}"
    )
    print(f"spaCy sentencizer:  {t_spacy:8.3f} s  {size / 1e6 / t_spacy:7.2f} MB/s  sentences={n_sents:,}")
    print(f"ratio spaCy / rapporteur: {t_spacy / t_rap:.2f}")


if __name__ == "__main__":
    main()
