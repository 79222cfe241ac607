"""The fast ways to make model objects (``Span.of``, ``Attribution.of``, ``Claim.of``) make the very
objects the dataclass constructors make: same type, equality, hashing, pickling, ``replace``, frozen."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from rapporteur.model import Attribution, Claim, SourceText, Span

TEXT = "Ana Ruiz said the plan works (Ben Cole)."


def _pair() -> tuple[Claim, Claim]:
    span = Span.of(TEXT, 30, 38)
    att = Attribution.of("p1", "holds", span, "Ben Cole", "parenthetical", None)
    fast = Claim.of(SourceText(TEXT), "c1", "d1", 0, 28, "t1", "claim", (att,))
    slow = Claim(
        "c1",
        "d1",
        0,
        28,
        TEXT[0:28],
        "t1",
        "claim",
        (Attribution("p1", "holds", Span(30, 38, "Ben Cole"), "Ben Cole"),),
    )
    return fast, slow


def test_same_objects() -> None:
    fast, slow = _pair()
    assert type(fast) is Claim and type(fast.attributions[0]) is Attribution
    assert type(fast.attributions[0].marker) is Span
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert fast.text == "Ana Ruiz said the plan works"
    assert fast.attributions[0].marker.text == "Ben Cole"


def test_pickle_copy_and_replace() -> None:
    fast, slow = _pair()
    for made in (pickle.loads(pickle.dumps(fast)), copy.deepcopy(fast), copy.copy(fast)):
        assert made == slow and made.text == slow.text
    moved = dataclasses.replace(fast, id="c2")
    assert moved == dataclasses.replace(slow, id="c2")
    assert dataclasses.replace(fast.attributions[0], participant="p2").participant == "p2"


def test_still_frozen() -> None:
    fast, _ = _pair()
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.id = "c9"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.attributions[0].marker.start = 1  # type: ignore[misc]
