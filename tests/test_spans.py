"""``Spans`` stands in for the tuple of ``(start, end)`` pairs a paragraph held: every way a detector
reads that tuple must read the packed form the same."""

from __future__ import annotations

import copy
import pickle
import sys
from bisect import bisect_left, bisect_right

import pytest

from rapporteur.spans import Spans, packed, starts_ends

PAIRS = ((0, 5), (6, 300), (301, 70_000), (70_002, 2**32 - 1))


def test_a_packed_run_reads_as_its_tuple() -> None:
    s = packed(PAIRS)
    assert isinstance(s, Spans)
    assert len(s) == 4 and bool(s) and not packed([])
    assert tuple(s) == PAIRS and list(s) == list(PAIRS)
    assert [s[i] for i in range(4)] == list(PAIRS) and s[-1] == PAIRS[-1] and s[-4] == PAIRS[0]
    assert s[1:3] == PAIRS[1:3] and s[::-1] == PAIRS[::-1]
    assert tuple(reversed(s)) == PAIRS[::-1]
    with pytest.raises(IndexError):
        s[4]
    with pytest.raises(IndexError):
        s[-5]
    for key in ((6, 0), (6, float("inf")), (70_001, 0), (10**10, 0)):
        assert bisect_right(s, key) == bisect_right(PAIRS, key)
        assert bisect_left(s, key) == bisect_left(PAIRS, key)
    assert (6, 300) in s and (6, 301) not in s and s.index((301, 70_000)) == 2 and s.count((0, 5)) == 1
    a, b = s[0]
    assert (a, b) == (0, 5)


def test_equality_and_hash_are_those_of_the_tuple() -> None:
    s = packed(PAIRS)
    assert s == PAIRS and PAIRS == s and s == list(PAIRS) and s == packed(list(PAIRS))  # noqa: SIM300
    assert s != PAIRS[:3] and s != packed(PAIRS[:3]) and s != ((0, 5), (6, 300), (301, 70_000), (1, 2))
    assert hash(s) == hash(PAIRS)
    assert {s: 1}[PAIRS] == 1
    assert s != b"" and s != "x"  # not a byte string to compare with
    assert packed([]) == () and hash(packed([])) == hash(())


def test_it_survives_pickling_and_copying() -> None:
    s = packed(PAIRS)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(s, proto))
        assert isinstance(back, Spans) and back == s
    assert copy.copy(s) is s and copy.deepcopy(s) is s
    assert repr(s) == f"Spans({PAIRS!r})"


def test_it_is_smaller_than_the_tuple_it_replaces() -> None:
    pairs = tuple((1000 * i, 1000 * i + 900) for i in range(1, 4))
    as_tuple = sys.getsizeof(pairs) + sum(sys.getsizeof(p) + sum(map(sys.getsizeof, p)) for p in pairs)
    assert sys.getsizeof(packed(pairs)) * 4 < as_tuple


def test_an_offset_past_32_bits_or_below_zero_keeps_the_tuple() -> None:
    assert packed([(0, 2**32)]) == ((0, 2**32),) and not isinstance(packed([(0, 2**32)]), Spans)
    assert packed([(-1, 3)]) == ((-1, 3),)


def test_starts_and_ends_of_runs_packed_or_not() -> None:
    runs = [packed(PAIRS[:2]), packed(PAIRS[2:])]
    starts, ends = starts_ends(runs)
    assert list(starts) == [s for s, _ in PAIRS] and list(ends) == [e for _, e in PAIRS]
    mixed = [packed(PAIRS[:2]), list(PAIRS[2:]), ()]
    s2, e2 = starts_ends(mixed)
    assert list(s2) == list(starts) and list(e2) == list(ends)
    assert bisect_right(starts, 301) - 1 == 2
    empty_s, empty_e = starts_ends([])
    assert len(empty_s) == len(empty_e) == 0


def test_stable_order_is_the_order_a_stable_sort_by_the_keys_gives() -> None:
    import random

    from rapporteur.spans import stable_order

    rng = random.Random(5)
    for _ in range(200):
        n = rng.randint(0, 12)
        first = [rng.randint(0, 4) for _ in range(n)]
        then = [rng.randint(0, 4) for _ in range(n)]
        assert list(stable_order(first)) == sorted(range(n), key=lambda i: first[i])
        assert list(stable_order(first, then)) == sorted(range(n), key=lambda i: (first[i], then[i]))
    assert stable_order([1, 1, 2], [0, 3, 0]) == range(3)  # in order already: no list made
