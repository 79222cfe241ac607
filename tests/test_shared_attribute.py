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


def test_drain_gives_the_rows_and_lets_each_marker_tuple_go_after_its_last_row() -> None:
    import weakref

    from rapporteur.attribute.claims import Marker
    from rapporteur.model import Span

    class Names(list):  # a marker's names that can be weakly referenced, to see when they are let go
        pass

    first = Marker(Span(0, 3, "abc"), Names([("Abel", 0, 3)]))  # type: ignore[arg-type]
    second = Marker(Span(5, 8, "def"), Names([("Baker", 5, 8)]))  # type: ignore[arg-type]
    table = RawTable()
    for c in (
        RawClaim(20, 30, "claim", (second,), 0),
        RawClaim(0, 10, "claim", (first,), 0),
        RawClaim(10, 19, "claim", (first,), 0),
    ):
        table.add(c)
    del c
    want = [(s, e) for s, e, *_ in table.done().rows()]
    first_gone, second_gone = weakref.ref(first.names), weakref.ref(second.names)
    del first, second
    got, alive = [], []
    it = table.drain()
    for row in it:
        got.append(row[:2])
        row = None
        alive.append((first_gone() is not None, second_gone() is not None))
    assert got == want == [(0, 10), (10, 19), (20, 30)]
    # while a row is being read its markers are alive; once the loop moves past their last row, gone
    assert alive == [(True, True), (True, True), (False, True)]
    assert second_gone() is None and len(table) == 0 and list(table) == []


def test_the_held_spans_are_those_added_before_the_index_was_asked_for() -> None:
    """A detector's claims may sit side by side: what it adds after asking is not held against it,
    though the index is sorted only at its first question."""
    table = RawTable()
    table.add(RawClaim(0, 10, "claim", (), 0))
    held = table.held()
    table.add(RawClaim(20, 30, "claim", (), 0))  # the asking detector's own, added before it asks
    assert held.overlaps(5, 8) and not held.overlaps(22, 25)
    assert table.held().overlaps(22, 25)
