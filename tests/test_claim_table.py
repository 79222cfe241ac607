"""``ClaimTable``: a mapped document's claims held as columns read as the tuple of claims they replace.

Each test builds the same claims both ways, as a table and as a tuple of ``Claim.of`` objects, and
compares what every reader of a map does with them (indexing, slicing, iterating, ``==``, hashing,
pickling, ``Map`` equality and JSON), and what the column readers give against a pass over the tuple.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

import pytest

from rapporteur.claim_table import ClaimTable, attribution_tuples, by_ids, in_start_order, rows
from rapporteur.ingest import load_text
from rapporteur.model import Attribution, Claim, Map, SourceText, Span
from rapporteur.pipeline import extract

TEXT = "Water is scarce. Prices rose. Was it fair? Meters help. Boards should be elected."


def _att(pid: str, start: int, polarity: str = "holds") -> Attribution:
    return Attribution.of(pid, polarity, Span.of(TEXT, start, start + 5), "Name", "turn", None)  # type: ignore[arg-type]


A = (_att("p1", 0),)
B = (_att("p2", 17), _att("p3", 17, "exception"))
C = (_att("p1", 30), _att("p2", 30))
ROWS = [  # (start, end, theme, kind, attributions): claims of shared tuples, a question, no theme
    (0, 15, "t1", "claim", A),
    (17, 28, "t1", "claim", A),
    (30, 42, None, "question", C),
    (43, 55, "t2", "claim", B),
    (56, 81, "t2", "proposal", C),
]


def _both() -> tuple[ClaimTable, tuple[Claim, ...]]:
    table = ClaimTable(TEXT, "d1")
    for r in ROWS:
        table.add(*r)
    table.done()
    src = SourceText(TEXT)
    plain = tuple(Claim.of(src, f"c{i}", "d1", s, e, t, k, a) for i, (s, e, t, k, a) in enumerate(ROWS, 1))  # type: ignore[arg-type]
    assert [c.id for c in table] == [c.id for c in plain] == ["c1", "c2", "c3", "c4", "c5"]
    return table, plain


def test_reads_as_the_tuple_of_its_claims() -> None:
    table, plain = _both()
    assert len(table) == 5 and list(table) == list(plain)
    assert table == plain and plain == table
    assert table != plain[:-1] and plain[:-1] != table
    assert hash(table) == hash(plain)
    assert table[0] == plain[0] and table[-1] == plain[-1] and table[1:4] == plain[1:4]
    assert table[::-2] == plain[::-2]
    assert [c.text for c in table] == [TEXT[s:e] for s, e, *_ in ROWS]
    assert plain[3] in table and table.index(plain[3]) == 3
    assert table + plain[:1] == (*plain, plain[0]) and plain[:1] + table == (plain[0], *plain)
    with pytest.raises(IndexError):
        table[5]
    with pytest.raises(IndexError):
        table[-6]


def test_shares_each_tuple_of_attributions() -> None:
    table, _ = _both()
    assert table[0].attributions is table[1].attributions is A
    assert table[2].attributions is table[4].attributions


def test_pickles_and_copies_to_an_equal_table() -> None:
    from rapporteur import model

    table, plain = _both()
    data = pickle.dumps(table)
    model.release_source()
    back = pickle.loads(data)
    assert isinstance(back, ClaimTable) and back == plain
    assert model._SOURCE[0] is None  # an unpickled table keeps its text itself, not in the module
    assert copy.deepcopy(table) == plain


def test_a_map_of_a_table_equals_the_map_of_the_tuple() -> None:
    table, plain = _both()
    assert Map(claims=table) == Map(claims=plain)
    assert Map(claims=table).to_json() == Map(claims=plain).to_json()
    assert Map(claims=table) != Map(claims=plain[:-1])
    assert replace(Map(claims=table), notes=("x",)).claims == plain


def test_column_readers_agree_with_a_pass_over_the_claims() -> None:
    table, plain = _both()
    for seq in (table, plain):
        assert list(attribution_tuples(seq)) == [A, C, B]
        assert list(attribution_tuples(seq, but_kind="question")) == [A, B, C]  # C first held by c5
        assert [i for i, _, _ in rows(seq)] == [0, 1, 2, 3, 4] and in_start_order(seq)
        got = by_ids(seq, ["c2", "c5", "c9", "x1", "c0", "c02", "c²"])
        assert got == {"c2": plain[1], "c5": plain[4]}


def test_rows_follow_the_starts_when_added_out_of_order() -> None:
    table = ClaimTable(TEXT, "d1")
    for s in (30, 0, 17, 0):
        table.add(s, s + 5, None, "claim", A)
    table.done()
    assert not in_start_order(table)
    assert [(i, s) for i, s, _ in rows(table)] == [(1, 0), (3, 0), (2, 17), (0, 30)]  # stable


def test_extract_gives_a_table_that_equals_its_own_claims_read_back() -> None:
    text = "Introduction\n\nPrices rose too fast (Abel). Meters should be fitted first (Baker, Chen).\n"
    m = extract(load_text(text, source="t.txt"))
    assert isinstance(m.claims, ClaimTable) and len(m.claims) == 2
    again = tuple(m.claims)
    assert m.claims == again and [c.id for c in again] == ["c1", "c2"]
    assert all(text[c.start : c.end] == c.text for c in again)


def test_an_offset_past_32_bits_is_kept_whole() -> None:
    big = 2**32 + 7
    table = ClaimTable("x", "d1")
    table.add(3, 9, None, "claim", A)
    table.add(big, big + 4, None, "claim", A)
    table.add(5, big + 9, None, "claim", A)
    table.done()
    assert [(c.start, c.end) for c in table] == [(3, 9), (big, big + 4), (5, big + 9)]
