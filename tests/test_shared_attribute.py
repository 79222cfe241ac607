"""The overlap index of ``attribute`` (``_Held``) answers as a scan of every held span would."""

from __future__ import annotations

import random

from rapporteur.attribute import _Held
from rapporteur.attribute.claims import RawClaim


def test_held_overlaps_as_a_scan_does() -> None:
    rng = random.Random(7)
    for _ in range(50):
        held = [
            RawClaim(s, s + rng.randint(1, 40), "claim", (), 0)
            for s in (rng.randint(0, 300) for _ in range(12))
        ]
        index = _Held(held)
        for _ in range(40):
            s = rng.randint(0, 320)
            e = s + rng.randint(1, 30)
            assert index.overlaps(s, e) == any(c.start < e and s < c.end for c in held)
    assert not _Held([]).overlaps(0, 10)
