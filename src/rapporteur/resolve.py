"""Cited names -> participants.

A record cites people by surname, in its own spelling; the roster gives full names. "Macdonald" is
"A.B.C. MacDonald", "Souza" is "Henrique Souza Ferreira" (a paternal surname before the maternal one),
"Ruiz de la Torre" is a multi-word surname, "Kowalcyzk" a typo for "Kowalczyk". A cited name that
matches nobody is kept as a participant outside the roster and reported, never dropped.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from rapporteur import _regex as re
from rapporteur.errors import NotFoundError, RosterError
from rapporteur.model import Participant

FUZZY_MIN = 85.0
MAX_ROSTER_BYTES = 8 * 1024 * 1024  # a roster is a list of people, not a data dump
MAX_ROSTER_ENTRIES = 500_000  # a register of everyone who ever sat fits; the byte bound comes first


@dataclass(frozen=True, slots=True)
class RosterPerson:
    name: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # person, party, organization, work


def norm(name: str) -> str:
    """Case-, accent- and punctuation-blind form of a name."""
    if name.isascii():  # nothing to decompose: the common case, and a 100k-row roster is all names
        s = name
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c))
    # str.split() and re's \s agree on what whitespace is (both use str.isspace)
    return " ".join(s.casefold().translate(_NAME_PUNCT).split())


_NAME_PUNCT = str.maketrans({c: " " for c in ".’'`"})


def _tokens(name: str) -> list[str]:
    return norm(name).replace("-", " ").split()


def _score(cited: str, person: RosterPerson) -> float:
    """How well a cited name fits a roster person (0-100)."""
    return _score_norm(norm(cited), _tokens(cited), _Entry.of(person))


class _Entry:
    """A roster person's name as ``_score`` compares it, normalised once."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("aliases", "name", "tokens")

    def __init__(self, name: str, aliases: frozenset[str], tokens: tuple[str, ...]) -> None:
        self.name = name
        self.aliases = aliases
        self.tokens = tokens

    @classmethod
    def of(cls, person: RosterPerson) -> _Entry:
        return cls(norm(person.name), frozenset(norm(a) for a in person.aliases), tuple(_tokens(person.name)))


_FUZZY_SIM = 0.84  # below FUZZY_MIN / 100: the candidate cut is looser than the score that decides


def _score_norm(c: str, ct: list[str], e: _Entry) -> float:
    if c == e.name or c in e.aliases:
        return 100.0
    rt = e.tokens
    if not ct or not rt:
        return 0.0
    n = len(ct)
    for i in range(len(rt) - n + 1):
        if list(rt[i : i + n]) == ct:
            if i + n == len(rt):
                return 96.0  # the surname, or a multi-word surname: "Ruiz de la Torre"
            if i > 0:
                return 92.0  # a paternal surname before a maternal one: "Souza" in "Henrique Souza Ferreira"
            if len(rt) == 1:
                return 96.0
    # Spelling variants: compare with the trailing tokens of the roster name.
    best = 0.0
    for i in range(1, len(rt)):
        tail = " ".join(rt[i : i + n])
        if len(tail) >= 4 and len(c) >= 4:
            # Damerau-Levenshtein counts a swap of two letters as one slip, as a typist makes it.
            sim = 100 * DamerauLevenshtein.normalized_similarity(c, tail)
            best = max(best, sim * (1.0 if i + n >= len(rt) else 0.95))
    return best


class _RosterIndex:
    """The roster normalised once, with the people a cited name could score ``FUZZY_MIN`` against found
    by key: the exact name or alias, a token the name's tokens start at, or a close spelling of a tail
    of the name (rapidfuzz over every tail at once). Everyone else scores under ``FUZZY_MIN``, so the
    best and the runner-up are the same as scoring the whole roster, without scoring a 100k-row roster
    for every cited name."""

    def __init__(self, roster: list[RosterPerson]) -> None:
        self.entries = [_Entry.of(p) for p in roster]
        self.by_key: dict[str, list[int]] = {}
        self.by_token: dict[str, list[int]] = {}
        for k, e in enumerate(self.entries):
            for key in {e.name, *e.aliases}:
                self.by_key.setdefault(key, []).append(k)
            for t in set(e.tokens):
                self.by_token.setdefault(t, []).append(k)
        # per number of tokens: tails grouped by length, since a similarity of 0.84 allows lengths
        # within 16% of each other only
        self._tails: dict[int, dict[int, tuple[list[str], list[int]]]] = {}

    def tails(self, n: int) -> dict[int, tuple[list[str], list[int]]]:
        """Every tail of ``n`` tokens (or fewer, at the end) after a name's first token, as ``_score``
        compares them, with the roster index each belongs to, by length."""
        if n not in self._tails:
            by_len: dict[int, tuple[list[str], list[int]]] = {}
            for k, e in enumerate(self.entries):
                for i in range(1, len(e.tokens)):
                    tail = " ".join(e.tokens[i : i + n])
                    if len(tail) >= 4:
                        strings, owners = by_len.setdefault(len(tail), ([], []))
                        strings.append(tail)
                        owners.append(k)
            self._tails[n] = by_len
        return self._tails[n]

    def candidates(self, c: str, ct: list[str]) -> set[int]:
        found = set(self.by_key.get(c, ()))
        if ct:
            found.update(self.by_token.get(ct[0], ()))
        if len(c) >= 4 and ct:
            by_len = self.tails(len(ct))
            for length in range(math.floor(len(c) * _FUZZY_SIM), math.ceil(len(c) / _FUZZY_SIM) + 1):
                strings, owners = by_len.get(length, ((), ()))
                if not strings:
                    continue
                # a Damerau-Levenshtein edit is at most two Levenshtein edits (a swap is two
                # substitutions), and a bounded Levenshtein distance is far faster to test
                most = math.floor((1 - _FUZZY_SIM) * max(len(c), length) + 1e-9)
                hits = process.extract(
                    c, strings, scorer=Levenshtein.distance, score_cutoff=2 * most, limit=None
                )
                found.update(owners[i] for _, _, i in hits)
        return found


class Resolver:
    """Turns cited names into participant ids; one person, one participant."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = (
        "_aliases",
        "_by_cited",
        "_index",
        "_spoken",
        "_unknown_by_len",
        "ambiguous",
        "participants",
        "roster",
        "unknown",
    )

    def __init__(self, roster: list[RosterPerson]) -> None:
        self.roster = roster
        self.participants: list[Participant] = []
        self._by_cited: dict[str, str] = {}
        self._aliases: dict[str, set[str]] = {}
        self.unknown: list[str] = []
        self.ambiguous: list[tuple[str, tuple[str, ...]]] = []
        self._spoken: set[str] = set()  # out-of-roster participants that speak in turns
        # names outside the roster, normalised, grouped by length: fuzz.ratio >= 92 needs lengths
        # within 8%
        self._unknown_by_len: dict[int, tuple[list[int], list[str]]] = {}
        for i, p in enumerate(self.roster, 1):
            self.participants.append(
                Participant(f"p{i}", p.name, p.affiliation, tuple(p.aliases), True, p.kind)  # type: ignore[arg-type]
            )
            self._aliases[f"p{i}"] = set()
        self._index = _RosterIndex(self.roster)

    def resolve(self, cited: str, kind: str | None = None, via: str | None = None) -> str:
        """The participant a cited name is; ``kind`` is what a new participant outside the roster is.
        A speaker label (``via="turn"``) is matched by the looser speaker aliases of ``speaker_match``."""
        if via == "turn":
            return self._speaker(cited, kind)
        key = norm(cited)
        if key in self._by_cited:
            return self._by_cited[key]
        ix = self._index
        assert ix is not None
        ct = _tokens(cited)
        scored = sorted(
            ((_score_norm(key, ct, ix.entries[i]), i) for i in ix.candidates(key, ct)), reverse=True
        )
        pid: str | None = None
        # Two roster people fitting equally well is a real ambiguity: keep the name apart.
        if scored and scored[0][0] >= FUZZY_MIN and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            pid = self.participants[scored[0][1]].id
        if pid is None and self._spoken:
            # "Cole argued", "aruiz pointed out": the speaker "Ben Cole", "Ana Ruiz" (surname, handle)
            spoken = [p for p in self.participants if p.id in self._spoken]
            people = [RosterPerson(p.name, None, tuple(self._aliases[p.id])) for p in spoken]
            near = [i for i in speaker_match(cited, people) if _tier(cited, people[i]) <= 3]
            if len(near) == 1:
                pid = spoken[near[0]].id
                self._aliases[pid].add(cited)
        if pid is None:
            pid = self._unknown(cited, kind or "person")
        elif pid not in self._spoken:
            person = self.roster[int(pid[1:]) - 1]
            if key != norm(person.name):
                self._aliases[pid].add(cited)
        self._by_cited[key] = pid
        return pid

    def _speaker(self, cited: str, kind: str | None) -> str:
        """A turn's label: a roster person by a speaker alias, else the one speaker it is an alias of,
        else a new participant. A label that fits two people is kept apart and reported."""
        raw = "turn-raw:" + cited
        if raw in self._by_cited:
            return self._by_cited[raw]  # a speaker resolves the same way each of the many times it speaks
        key = "turn:" + norm(cited)
        if key in self._by_cited:
            self._by_cited[raw] = self._by_cited[key]
            return self._by_cited[key]
        fits = speaker_match(cited, self.roster)
        pid: str | None = None
        if len(fits) == 1:
            pid = self.participants[fits[0]].id
            if norm(cited) != norm(self.roster[fits[0]].name):
                self._aliases[pid].add(cited)
        elif len(fits) > 1:
            self.ambiguous.append((cited, tuple(self.roster[i].name for i in fits)))
        else:
            spoken = [p for p in self.participants if p.id in self._spoken]
            people = [RosterPerson(p.name, None, tuple(self._aliases[p.id])) for p in spoken]
            near = speaker_match(cited, people)
            if len(near) == 1:
                pid = spoken[near[0]].id
                if norm(cited) != norm(spoken[near[0]].name):
                    self._aliases[pid].add(cited)
        if pid is None:
            pid = f"p{len(self.participants) + 1}"
            owners, names = self._unknown_by_len.setdefault(len(norm(cited)), ([], []))
            owners.append(len(self.participants))
            names.append(norm(cited))
            self.participants.append(Participant(pid, cited, None, (), False, kind or "person"))  # type: ignore[arg-type]
            self._aliases[pid] = set()
            self.unknown.append(cited)
            self._spoken.add(pid)
        self._by_cited[key] = self._by_cited[raw] = pid
        return pid

    def _unknown(self, cited: str, kind: str = "person") -> str:
        """The participant outside the roster a name is: the first earlier one it equals or nearly
        equals (fuzz.ratio >= 92), else a new one. Only names of a length that could reach 92 are
        compared, all at once by rapidfuzz, so 4000 distinct names are not 8 million comparisons.
        Works differ by a year ("Smith et al. 2003" / "... 2004"): a work is only ever its own name."""
        c = norm(cited)
        first: int | None = None
        for length in range(math.floor(len(c) * 0.92 / 1.08), math.ceil(len(c) * 1.08 / 0.92) + 1):
            owners, names = self._unknown_by_len.get(length, ((), ()))
            if length == len(c):
                first = min((k for k, u in zip(owners, names, strict=True) if u == c), default=first)
            if kind == "work":
                continue
            for u, _, j in process.extract(c, names, scorer=fuzz.ratio, score_cutoff=91, limit=None):
                # the cut above is looser; this is the test that decides
                if fuzz.ratio(u, c) >= 92 and self.participants[owners[j]].kind != "work":
                    first = owners[j] if first is None else min(first, owners[j])
        if first is not None:
            return self.participants[first].id
        pid = f"p{len(self.participants) + 1}"
        owners, names = self._unknown_by_len.setdefault(len(c), ([], []))
        owners.append(len(self.participants))
        names.append(c)
        self.participants.append(Participant(pid, cited, None, (), False, kind))  # type: ignore[arg-type]
        self._aliases[pid] = set()
        self.unknown.append(cited)
        return pid

    def result(self) -> list[Participant]:
        """Participants with the aliases they were cited by."""
        out = []
        for p in self.participants:
            cited = self._aliases[p.id]
            extra = tuple(sorted(cited - set(p.aliases))) if cited else ()
            out.append(
                Participant(p.id, p.name, p.affiliation, tuple(p.aliases) + extra, p.in_roster, p.kind)
            )
        return out


# ------------------------------------------------------------------------------------------ speaker aliases


def _handle_forms(tokens: list[str]) -> set[str]:
    """How a person with these name tokens may write a handle: "jsmith", "johnsmith", "smithj",
    "johns"; the first letter and the start of the surname ("jsmit") are added by the caller."""
    if len(tokens) < 2:
        return set()
    first, last = tokens[0], tokens[-1]
    return {
        first + last,
        first[0] + last,
        last + first[0],
        first + last[0],
        first + "_" + last,
        first + "." + last,
    }


def _tier(label: str, person: RosterPerson) -> int:
    """How surely a speaker label names a person: 1 (its name or alias) .. 5 (a one-letter slip); 0 never."""
    lab = norm(label).lstrip("@")
    if not lab:
        return 0
    names = [norm(person.name).lstrip("@"), *(norm(a).lstrip("@") for a in person.aliases)]
    if lab in names:
        return 1
    toks = norm(person.name).replace("-", " ").split()
    ltoks = lab.replace("-", " ").split()
    if toks and len(ltoks) == 1 and (ltoks[0] == toks[0] or (len(toks) > 1 and ltoks[0] == toks[-1])):
        return 2  # a first name or a surname
    if len(toks) > 1 and len(ltoks) == 2 and ltoks[0] == toks[0] and toks[-1].startswith(ltoks[1]):
        return 2  # "ana r" for "Ana Ruiz"
    flat = lab.replace(" ", "")
    if len(toks) > 1 and (
        flat in _handle_forms(toks)
        or (len(flat) >= 5 and flat[0] == toks[0][0] and toks[-1].startswith(flat[1:]))
    ):
        return 3  # "jsmith", "cwilso"
    if " " not in lab and len(lab) >= 3:
        for n in names:
            if " " not in n and n != lab and len(n) > len(lab) and _part_of(lab, n):
                return 4  # "niko" of the handle "nikomatsakis", "felix" of "pnkfelix", "oli" of "oli-obk"
            if " " not in n and len(lab) > len(n) and re.fullmatch(r"[\w-]+", lab) and _part_of(n, lab):
                return 4  # the handle "anaruiz" of an "Ana" the roster lists
    if len(lab) >= 5:
        for n in [*names, toks[0] if toks else ""]:
            if len(n) >= 5 and DamerauLevenshtein.distance(lab, n) <= 1:
                return 5  # a typo of one letter: "ioliver", "micheal"
    return 0


def _part_of(short: str, handle: str) -> bool:
    """Whether ``short`` starts or ends the one-word ``handle``: four letters or more, or three where
    the handle breaks right after them ("oli-obk"); "leo" is not part of "leonardr"."""
    if len(short) >= 4:
        return handle.startswith(short) or handle.endswith(short)
    return len(short) == 3 and handle.startswith(short) and not handle[3].isalpha()


def speaker_match(label: str, roster: list[RosterPerson]) -> list[int]:
    """Indexes of the roster people a speaker label may name, at the surest tier that has any: one
    index is an answer, several an ambiguity to report (never a guess), none a new speaker."""
    best, fits = 9, []
    for i, p in enumerate(roster):
        t = _tier(label, p)
        if t and t < best:
            best, fits = t, [i]
        elif t and t == best:
            fits.append(i)
    return fits


# ------------------------------------------------------------------------------------------- roster files


def _split_aliases(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(a.strip() for a in re.split(r"[;|]", str(value)) if a.strip())


class _NoAliases(Exception):
    pass


def _yaml_roster(raw: str) -> object:
    """Safe YAML without anchors and aliases: a few hundred bytes of nested aliases expand to gigabytes
    (the "billion laughs"), and a roster has no use for them. PyYAML is imported here, for a YAML
    roster only: a map without one never pays for it (about 13 ms of start-up)."""
    import yaml

    class _RosterLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _NoAliases(event.start_mark.line + 1)
            return super().compose_node(parent, index)

    try:
        return yaml.load(raw, Loader=_RosterLoader)  # a SafeLoader that also refuses aliases
    except yaml.YAMLError as exc:
        raise _BadYaml(str(exc).splitlines()[0]) from None


class _BadYaml(Exception):
    pass


def load_roster(path: str | Path) -> list[RosterPerson]:
    """A roster file: CSV with a ``name`` column (``affiliation``, ``aliases`` optional, aliases split by
    ``;`` or ``|``), YAML: a list of mappings, or a mapping with a ``participants`` list, or a plain list
    of "Name (ABBR)" / "Name (Organization)" lines."""
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(p, "roster file not found") if not p.exists() else RosterError(p, "is not a file")
    size = p.stat().st_size
    if size > MAX_ROSTER_BYTES:
        raise RosterError(p, f"roster is {size:,} bytes, over the limit of {MAX_ROSTER_BYTES:,}")
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(p, "roster is not UTF-8 text") from None
    if "\x00" in raw:
        raise RosterError(p, "roster contains NUL characters; not text")
    rows: list[dict[str, object]]
    if p.suffix.lower() in {".yaml", ".yml", ".json"}:
        try:
            data = _yaml_roster(raw)
        except _NoAliases as exc:
            reason = f"YAML anchors and aliases are not allowed in a roster (line {exc})"
            raise RosterError(p, reason) from None
        except RecursionError:
            raise RosterError(p, "YAML roster is nested too deeply") from None
        except _BadYaml as exc:
            raise RosterError(p, f"is not valid YAML ({exc})") from None
        if isinstance(data, dict):
            data = data.get("participants")
        if not isinstance(data, list):
            raise RosterError(p, "YAML roster must be a list of {name, affiliation, aliases}")
        rows = [r if isinstance(r, dict) else {"name": r} for r in data]
    elif p.suffix.lower() != ".csv" and "name" not in raw.split("\n", 1)[0].lower():
        from rapporteur.rosters import load_name_list  # a plain "Name (ABBR)" list, one person a line

        people = load_name_list(raw)
        if not people:
            raise RosterError(p, "roster has no entries (one 'Name (ABBR)' or 'Name (Organization)' a line)")
        return people
    else:
        reader = csv.DictReader(io.StringIO(raw))
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "name" not in fields:
            raise RosterError(p, "CSV roster needs a header row with a 'name' column")
        rows = [{(k or "").strip().lower(): v for k, v in r.items()} for r in reader]
    if len(rows) > MAX_ROSTER_ENTRIES:
        raise RosterError(p, f"roster has {len(rows):,} entries, over the limit of {MAX_ROSTER_ENTRIES:,}")
    out: list[RosterPerson] = []
    for n, r in enumerate(rows, 1):
        for key in ("name", "affiliation"):
            if isinstance(r.get(key), (dict, list, tuple, set)):
                raise RosterError(p, f"entry {n} has a {key} that is not text")
        name = str(r.get("name") or "").strip()
        if not name:
            raise RosterError(p, f"entry {n} has no name")
        aff = str(r.get("affiliation") or "").strip() or None
        out.append(RosterPerson(name, aff, _split_aliases(r.get("aliases"))))
    if not out:
        raise RosterError(p, "roster has no entries")
    return out
