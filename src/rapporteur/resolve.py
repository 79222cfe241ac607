"""Cited names -> participants.

A record cites people by surname, in its own spelling; the roster gives full names. "Macdonald" is
"A.B.C. MacDonald", "Souza" is "Henrique Souza Ferreira" (a paternal surname before the maternal one),
"Ruiz de la Torre" is a multi-word surname, "Kowalcyzk" a typo for "Kowalczyk". A cited name that
matches nobody is kept as a participant outside the roster and reported, never dropped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from rapporteur.errors import NotFoundError, RosterError
from rapporteur.model import Participant

FUZZY_MIN = 85.0
MAX_ROSTER_BYTES = 8 * 1024 * 1024  # a roster is a list of people, not a data dump
MAX_ROSTER_ENTRIES = 10_000  # ten years of a large parliament fit many times over


@dataclass(frozen=True, slots=True)
class RosterPerson:
    name: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # person, party, organization, work


def norm(name: str) -> str:
    """Case-, accent- and punctuation-blind form of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[.’'`]", " ", s.casefold())
    return re.sub(r"\s+", " ", s).strip()


def _tokens(name: str) -> list[str]:
    return norm(name).replace("-", " ").split()


def _score(cited: str, person: RosterPerson) -> float:
    """How well a cited name fits a roster person (0-100)."""
    c = norm(cited)
    if c == norm(person.name) or c in {norm(a) for a in person.aliases}:
        return 100.0
    ct, rt = _tokens(cited), _tokens(person.name)
    if not ct or not rt:
        return 0.0
    n = len(ct)
    for i in range(len(rt) - n + 1):
        if rt[i : i + n] == ct:
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


@dataclass(slots=True)
class Resolver:
    """Turns cited names into participant ids; one person, one participant."""

    roster: list[RosterPerson]
    participants: list[Participant] = field(default_factory=list)
    _by_cited: dict[str, str] = field(default_factory=dict)
    _aliases: dict[str, set[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    _spoken: set[str] = field(default_factory=set)  # out-of-roster participants that speak in turns

    def __post_init__(self) -> None:
        for i, p in enumerate(self.roster, 1):
            self.participants.append(
                Participant(f"p{i}", p.name, p.affiliation, tuple(p.aliases), True, p.kind)  # type: ignore[arg-type]
            )
            self._aliases[f"p{i}"] = set()

    def resolve(self, cited: str, kind: str | None = None, via: str | None = None) -> str:
        """The participant a cited name is; ``kind`` is what a new participant outside the roster is.
        A speaker label (``via="turn"``) is matched by the looser speaker aliases of ``speaker_match``."""
        if via == "turn":
            return self._speaker(cited, kind)
        key = norm(cited)
        if key in self._by_cited:
            return self._by_cited[key]
        scored = sorted(((_score(cited, p), i) for i, p in enumerate(self.roster)), reverse=True)
        pid: str | None = None
        # Two roster people fitting equally well is a real ambiguity: keep the name apart.
        if scored and scored[0][0] >= FUZZY_MIN and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            pid = self.participants[scored[0][1]].id
        if pid is None and self._spoken:
            # "Cole argued", "Kball pointed out": the speaker "Ben Cole", "Kevin Ball" (surname, handle)
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
            self.participants.append(Participant(pid, cited, None, (), False, kind or "person"))  # type: ignore[arg-type]
            self._aliases[pid] = set()
            self.unknown.append(cited)
            self._spoken.add(pid)
        self._by_cited[key] = self._by_cited[raw] = pid
        return pid

    def _unknown(self, cited: str, kind: str = "person") -> str:
        for p in self.participants:
            # works differ by a year ("Smith et al. 2003" / "... 2004"): only the same name is the same work
            fuzzy = kind != "work" and p.kind != "work" and fuzz.ratio(norm(p.name), norm(cited)) >= 92
            if not p.in_roster and (norm(p.name) == norm(cited) or fuzzy):
                return p.id
        pid = f"p{len(self.participants) + 1}"
        self.participants.append(Participant(pid, cited, None, (), False, kind))  # type: ignore[arg-type]
        self._aliases[pid] = set()
        self.unknown.append(cited)
        return pid

    def result(self) -> list[Participant]:
        """Participants with the aliases they were cited by."""
        out = []
        for p in self.participants:
            extra = tuple(sorted(self._aliases[p.id] - set(p.aliases)))
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
        return 2  # "tim c" for "Tim Cappalli"
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
                return 4  # the handle "joshtriplett" of a "Josh" the roster lists
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


class _RosterLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: a few hundred bytes of nested aliases expand to gigabytes
    (the "billion laughs"), and a roster has no use for them."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _NoAliases(event.start_mark.line + 1)
        return super().compose_node(parent, index)


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
            data = yaml.load(raw, Loader=_RosterLoader)  # a SafeLoader that also refuses aliases
        except _NoAliases as exc:
            reason = f"YAML anchors and aliases are not allowed in a roster (line {exc})"
            raise RosterError(p, reason) from None
        except RecursionError:
            raise RosterError(p, "YAML roster is nested too deeply") from None
        except yaml.YAMLError as exc:
            raise RosterError(p, f"is not valid YAML ({str(exc).splitlines()[0]})") from None
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
