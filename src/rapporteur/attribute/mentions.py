"""Later mentions of a voice: surname, first name, full name, role, pronoun.

A narrative record introduces a speaker once ("Acme developer Vera Holm") and then names them
by surname ("Holm"), by role ("the Release Manager") or by pronoun ("He urged"). This module
keeps, in document order, who has been introduced, and answers which introduced voice a later mention
names — or that it names nobody for certain. Precision first: a surname two people share, a role two
people hold, a pronoun two recent people fit, all stay unattributed, and the reason is kept as a note.

Gender is never guessed from a first name. Only the record's own text fixes it: an honorific ("Ms
Ruiz"), or a pronoun it already tied to that person ("Cole said that he ...", or a pronoun that had
exactly one candidate).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapporteur import _regex as re
from rapporteur.lexicon import lexicon, words
from rapporteur.resolve import norm


@lru_cache(maxsize=8192)
def _toks(name: str) -> tuple[str, ...]:
    return tuple(norm(name).replace("-", " ").split())


class Voice:
    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("gender", "kind", "last", "name", "roles")

    def __init__(self, name: str, kind: str = "person", gender: str | None = None) -> None:
        self.name = name
        self.kind = kind
        self.gender = gender
        self.roles: set[str] = set()
        self.last = -1  # offset of the latest mention


class Mentions:
    """Who the record has named so far; ``notes`` says where a mention was left unattributed."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = (
        "_exact",
        "_first",
        "_index",
        "_part",
        "_seen",
        "_toks",
        "named",
        "named_from",
        "notes",
        "voices",
    )

    def __init__(self) -> None:
        self.voices: list[Voice] = []
        self.notes: list[str] = []
        # every mention as offset << 32 | voice index, in order: 8 bytes a mention where a list of
        # (offset, index) pairs took about 100 (a tuple and its int objects)
        self._seen = array("Q")
        # full names the record writes anywhere ("delivered by Ana M. Ruiz of ..."), by offset: a later
        # surname alone is that name when exactly one of them ends with it
        self.named: list[tuple[int, str]] = []
        self.named_from: Callable[[], Iterable[tuple[int, str]]] | None = None
        # by last name token: where each full name ending in it stands, and the name (one string per
        # distinct name: a record writes the same names again and again)
        self._index: dict[str, tuple[array[int], list[str]]] | None = None
        # kept beside ``voices``: each voice's name tokens, and where each name first stands in the list
        self._toks: list[tuple[str, ...]] = []
        self._first: dict[str, int] = {}
        # the voices by their tokens: the first voice with exactly these tokens, and, for every proper
        # leading or trailing run of a voice's tokens, the voices that have it (in voice order), so a
        # mention is looked up in two dicts, not compared with every voice
        self._exact: dict[tuple[str, ...], int] = {}
        self._part: dict[tuple[str, ...], list[int]] = {}

    def canonical(self, cited: str, pos: int | None = None) -> str | None:
        """The introduced voice a cited name is: itself, its surname(s) or its first name, if exactly
        one voice fits; else the one full name written earlier that ends with it; the cited name if
        none does; None if two voices fit (ambiguous)."""
        ct = _toks(cited)
        if not ct:
            return cited
        i = self._exact.get(ct)
        if i is not None:
            return self.voices[i].name
        fits = [self.voices[i] for i in self._part.get(ct, ())]
        if len(fits) == 1:
            return fits[0].name
        if len(fits) > 1:
            self.notes.append(f"'{cited}' could name {' or '.join(v.name for v in fits)}; left unattributed")
            return None
        if pos is not None and len(ct) == 1:
            at, names = self._by_surname().get(ct[0], ((), ()))
            full = set(names[: bisect.bisect_left(at, pos)])
            if len(full) == 1:
                return full.pop()
        return cited

    def _by_surname(self) -> dict[str, tuple[array[int], list[str]]]:
        """``named`` indexed by last name token, built once, so each lookup is a dict access and a
        bisect; the names are read from the text (``named_from``) only when a bare surname first needs
        them, and are not kept as a list beside the index."""
        if self._index is None:
            index: dict[str, tuple[array[int], list[str]]] = {}
            one: dict[str, str] = {}
            named = self.named if self.named or self.named_from is None else self.named_from()
            for p, n in named:  # in order of offset, as ``full_names`` yields them
                t = _toks(n)
                if len(t) > 1:
                    at, names = index.get(t[-1]) or index.setdefault(t[-1], (array("q"), []))
                    at.append(p)
                    names.append(one.setdefault(n, n))
            self._index = index
        return self._index

    def _index_toks(self, i: int) -> None:
        """Index voice ``i``'s tokens in ``_exact`` and ``_part`` (voices are indexed in order)."""
        t = self._toks[i]
        self._exact.setdefault(t, i)
        for k in range(1, len(t)):
            for part in (t[:k], t[-k:]):
                got = self._part.setdefault(part, [])
                if not got or got[-1] != i:
                    got.append(i)

    def voice(self, name: str) -> Voice | None:
        i = self._first.get(name)
        return None if i is None else self.voices[i]

    def add(self, name: str, pos: int, kind: str = "person", role: str | None = None) -> str | None:
        """Record a mention at ``pos``; returns the voice's canonical name (None if ambiguous)."""
        canon = self.canonical(name, pos)
        if canon is None:
            return None
        i = self._first.get(canon)
        if i is None:
            i = len(self.voices)
            v = Voice(canon, kind)
            self.voices.append(v)
            self._toks.append(_toks(canon))
            self._first.setdefault(canon, i)
            self._index_toks(i)
        else:
            v = self.voices[i]
            if len(_toks(name)) > len(self._toks[i]):
                v.name = canon = name  # the fuller name ("Ana Ruiz" after "Ruiz")
                self._toks[i] = _toks(name)
                self._first, self._exact, self._part = {}, {}, {}
                for j, w in enumerate(self.voices):
                    self._first.setdefault(w.name, j)
                    self._index_toks(j)
        if role:
            v.roles.add(role.lower())
        v.last = pos
        bisect.insort(self._seen, pos << 32 | i)
        return canon

    def set_gender(self, name: str, gender: str | None) -> None:
        v = self.voice(name)
        if v is not None and gender and v.gender is None:
            v.gender = gender

    def role(self, phrase: str) -> str | None:
        """The one voice that holds a role ("the Chair" after "the Committee Chair, Dora Quist")."""
        want = _toks(phrase)
        if not want:
            return None
        holders = [
            v for v in self.voices if any(_toks(r)[-len(want) :] == want or _toks(r) == want for r in v.roles)
        ]
        if len(holders) == 1:
            return holders[0].name
        if len(holders) > 1:
            self.notes.append(
                f"'{phrase}' could name {' or '.join(v.name for v in holders)}; left unattributed"
            )
        return None

    def pronoun(self, word: str, pos: int, since: int, before: int) -> str | None:
        """The one person a pronoun at ``pos`` can name: people mentioned in ``[since, pos)`` (the
        pronoun's own stretch), else in ``[before, since)`` (the stretch before), that the pronoun's
        gender does not rule out. Two candidates: None, with a note."""
        gender = lexicon("reporting")["pronouns"].get(word.lower())
        for lo, hi in ((since, pos), (before, since)):
            # mentions are recorded in text order: the stretch is a slice found by bisection
            a = bisect.bisect_left(self._seen, max(lo, 0) << 32)
            b = bisect.bisect_left(self._seen, max(hi, 0) << 32)
            idx = list(dict.fromkeys(k & 0xFFFFFFFF for k in self._seen[a:b]))
            cands = [
                self.voices[i]
                for i in idx
                if self.voices[i].kind == "person" and self.voices[i].gender in (None, gender)
            ]
            if len(cands) == 1:
                cands[0].gender = cands[0].gender or gender
                return cands[0].name
            if len(cands) > 1:
                self.notes.append(
                    f"'{word}' at {pos} could name {' or '.join(v.name for v in cands)}; left unattributed"
                )
                return None
        return None


_GENDER_LEAD = re.compile(r"^(he|she|his|her)\b", re.IGNORECASE)


def gender_of_content(content: str) -> str | None:
    """ "X said that he ...": the pronoun that opens what X said fixes X's gender."""
    m = _GENDER_LEAD.match(content)
    if not m:
        return None
    w = m.group(1).lower()
    lex = lexicon("reporting")
    return lex["pronouns"].get(w) or lex["possessives"].get(w)


def honorific_gender(prefix: str) -> str | None:
    """The gender an honorific right before a name fixes ("Ms", "Lord"), or None."""
    tail = prefix.strip().split()
    if not tail:
        return None
    h = tail[-1].lower()
    hon = lexicon("reporting")["honorifics"]
    return hon.get(h) if h in words("reporting", "titles") or h in hon else None
