"""Relations between speaker turns: "I agree with X", "+1", "I disagree", "Objection", "yes, but".

A reaction that names a speaker ("I agree with Ana", "building on what Ana said") answers that
speaker's latest claim in the same theme; an unnamed one answers the previous speaker's turn (its
last claim that is not a question). A reaction that follows reported speech inside the same turn
("As Lee said, the fund is too small. I agree.") answers the reported claim. The cue's span is kept
on the relation, and stances follow from ``relate.derive_stances`` like every other relation.
One pass over the claims in text order: linear in the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from rapporteur.attribute import _turn_labels as lab
from rapporteur.claim_table import in_start_order
from rapporteur.model import Claim, Relation, Span
from rapporteur.resolve import norm

_CONFIDENCE = {"agree": 0.8, "disagree": 0.8, "qualify": 0.7}
_NAMED_BONUS = 0.1
_START = attrgetter("start")


def turn_relations(
    text: str, claims: tuple[Claim, ...], first_id: int, names: dict[str, set[str]]
) -> list[Relation]:
    """Relations from reactions in turns; ``names`` maps participant id -> the forms it is named by
    (lower-cased name, aliases, first name), ids numbered from ``first_id + 1``."""
    out: list[Relation] = []
    ordered = by_start(claims)
    # (turn marker start, speaker) of a tuple of attributions, which a turn's claims share: read once
    # per tuple, not once per claim
    turn_of: dict[int, tuple[int, str] | None] = {}
    latest: dict[tuple[str | None, str], Claim] = {}  # (theme, participant) -> latest claim
    prev_turn: tuple[int, str] | None = None
    last_of_prev: Claim | None = None
    cur_turn: tuple[int, str] | None = None
    last_in_cur: Claim | None = None
    reported_in_cur: Claim | None = None
    cues_any = lab.turn_cues_any()
    for c in ordered:
        atts = c.attributions
        key = id(atts)
        if key in turn_of:
            t = turn_of[key]
        else:
            t = turn_of[key] = next(((a.marker.start, a.participant) for a in atts if a.via == "turn"), None)
        if t is None:
            # reported speech or a parenthetical inside the current turn: the speaker may react to it
            if cur_turn is not None and atts and c.start > cur_turn[0]:
                reported_in_cur = c
            continue
        if t != cur_turn:
            if cur_turn is not None and last_in_cur is not None and t[1] != cur_turn[1]:
                prev_turn, last_of_prev = cur_turn, last_in_cur
            cur_turn, last_in_cur, reported_in_cur = t, None, None
        ct = c.text
        hit = _reaction(text, c, ct) if cues_any.match(ct) else None  # most claims react to nothing
        if hit is not None:
            typ, cue, named = hit
            target: Claim | None = None
            if named:
                pid = _named(named, names, exclude=t[1])
                target = latest.get((c.theme, pid)) if pid else None
            elif (
                reported_in_cur is not None
                and reported_in_cur.holders
                and t[1] not in reported_in_cur.holders
            ):
                target = reported_in_cur
            elif last_of_prev is not None and prev_turn is not None and last_of_prev.theme == c.theme:
                target = last_of_prev
            if target is not None and t[1] not in target.holders:
                conf = _CONFIDENCE[typ] + (_NAMED_BONUS if named else 0.0)
                out.append(Relation(f"r{first_id + len(out) + 1}", c.id, target.id, typ, cue, round(conf, 2)))  # type: ignore[arg-type]
        if c.kind != "question":
            last_in_cur = c
        latest[(c.theme, t[1])] = c
    return out


def by_start(claims: Sequence[Claim]) -> Sequence[Claim]:
    """The claims in the order ``sorted(claims, key=start)`` gives (stable): as given when they are in
    it already, as a map's claims are (no copy of every claim, and no list of keys, at the end of
    mapping a record, where it peaks)."""
    return claims if in_start_order(claims) else sorted(claims, key=_START)


def _reaction(text: str, c: Claim, ct: str) -> tuple[str, Span, str | None] | None:
    """The reaction cue a claim (its text ``ct``) opens with; a cue that names whom it answers wins over
    one that does not."""
    first = None
    for typ, rx in lab.reactions():
        m = rx.search(ct)
        if m is None:
            continue
        named = m.groupdict().get("name")
        hit = (typ, Span.of(text, c.start + m.start(), c.start + m.end()), named)
        if named:
            return hit
        first = first or hit
    return first


def _named(name: str, names: dict[str, set[str]], exclude: str) -> str | None:
    """The one participant a name in a reaction is, or None (unknown or ambiguous)."""
    key = norm(name).lstrip("@")
    fits = [pid for pid, forms in names.items() if pid != exclude and key in forms]
    return fits[0] if len(fits) == 1 else None


def name_forms(participants) -> dict[str, set[str]]:
    """participant id -> the lower-cased forms a reaction may name it by."""
    out: dict[str, set[str]] = {}
    for p in participants:
        forms = {norm(p.name).lstrip("@"), *(norm(a).lstrip("@") for a in p.aliases)}
        toks = norm(p.name).split()
        if toks:
            forms |= {toks[0], toks[-1]}
        out[p.id] = forms
    return out


__all__ = ["by_start", "name_forms", "turn_relations"]
