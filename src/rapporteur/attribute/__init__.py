"""Attribution: one detector module per way a record names a voice, each ``Structure -> RawClaims``.

- ``parenthetical``  "(Abel, Baker)", "; Baker)", exceptions
- ``reported``       "Smith argued that ...", "According to Lee, ..."

A detector module declares ``VIA`` (recorded on each marker and attribution), ``PRIORITY`` (lower is
more specific) and ``detect(st, ctx) -> Iterable[RawClaim]`` (a list, or a generator: its claims are
taken as it yields them); this package finds the modules itself, so a new way of naming a voice is
one new module. Detectors are independent and may overlap: where claims
of two detectors overlap, the more specific detector's claim stands and the other is dropped (claims
of one detector may sit side by side in one sentence, as "(A) ... (B)" gives two).
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from rapporteur.attribute._raw_table import RawTable
from rapporteur.attribute.claims import Context, Marker, RawClaim, classify
from rapporteur.plugins import discover
from rapporteur.structure import Structure

_NOT_DETECTORS = frozenset({"claims"})


@cache
def detectors() -> tuple[ModuleType, ...]:
    """Every detector module of this package, most specific first."""
    return discover(
        __name__,
        __path__,
        needs=("VIA", "PRIORITY", "detect"),
        order=lambda m: (m.PRIORITY, m.VIA),
        skip=_NOT_DETECTORS,
    )


def attribute(st: Structure, ctx: Context | frozenset[str] = frozenset()) -> RawTable:
    """Every detector's claims, overlaps settled by specificity, in text order: as columns, added as
    each detector yields them (a detector may return a list or yield), so no detector's claims are
    ever all held as objects."""
    if not isinstance(ctx, Context):
        ctx = Context(known=ctx)
    kept = RawTable()
    add = kept.add
    for det in detectors():
        overlaps = kept.held().overlaps
        for c in det.detect(st, ctx):
            if not overlaps(c.start, c.end):
                add(c)
    return kept.done()


__all__ = ["Context", "Marker", "RawClaim", "RawTable", "attribute", "classify", "detectors"]
