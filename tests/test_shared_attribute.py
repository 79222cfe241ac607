"""The overlap index of ``attribute`` (``RawTable.held``) answers as a scan of every held span would;
the table reads as the list of raw claims put in it, sorted by (start, end) stably."""

from __future__ import annotations

import random

from rapporteur.attribute._raw_table import RawTable
from rapporteur.attribute.claims import RawClaim


def test_held_overlaps_as_a_scan_does() -> None:
    rng = random.Random(7)
    for _ in range(50):
        held = [
            RawClaim(s, s + rng.randint(1, 40), "claim", (), 0)
            for s in (rng.randint(0, 300) for _ in range(12))
        ]
        table = RawTable()
        for c in held:
            table.add(c)
        index = table.held()
        for _ in range(40):
            s = rng.randint(0, 320)
            e = s + rng.randint(1, 30)
            assert index.overlaps(s, e) == any(c.start < e and s < c.end for c in held)
    assert not RawTable().held().overlaps(0, 10)


def test_the_table_reads_as_its_claims_sorted_stably() -> None:
    rng = random.Random(11)
    for _ in range(30):
        claims = []
        for _ in range(rng.randint(0, 25)):
            s = rng.randint(0, 50)
            answers = (("agree", 1, 2, 3, 4),) if rng.random() < 0.2 else ()
            kind = rng.choice(["claim", "question", "decision"])
            claims.append(RawClaim(s, s + rng.randint(1, 5), kind, (), rng.randint(0, 3), answers))
        table = RawTable()
        for c in claims:
            table.add(c)
        want = sorted(claims, key=lambda c: (c.start, c.end))
        table.done()
        assert list(table) == want and table == want and len(table) == len(want)
        assert [tuple(r) for r in table.rows()] == [
            (c.start, c.end, c.kind, c.markers, c.paragraph, c.answers) for c in want
        ]
        if want:
            assert table[-1] == want[-1] and table[1:3] == want[1:3]
