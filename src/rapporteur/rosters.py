"""Rosters a record carries itself: attendee lines, "Present:" lists, tables of names, "Name (ABBR)".

Minutes and transcripts name their people before they speak: "Present: Ana, Ben, Vera", a list under
"## Attendees" of "Full Name (Organization)", "John Smith (JS), Ana Ruiz (AR)" defining the
abbreviations the turns then use, a Markdown table "Name | Abbreviation | Organization", an IRC
"present+" per nick. Each is read here by its shape, never by its names. Where a record's own lists
disagree (a "Present:" line naming people its "Participants" list lacks), they are merged and the
difference said in a note, since a reader may need to know who was listed and who spoke.
"""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.lexicon import longest_first, words
from rapporteur.resolve import RosterPerson, norm

# Labels whose line (or the list under them) names people: "Present: A, B", "## Attendees".
_ROSTER_LABELS = (
    "present",
    "attendees",
    "attendance",
    "in attendance",
    "participants",
    "participant list",
    "list of participants",
    "members present",
    "team members",
    "members",
    "others",
    "guests",
    "observers",
    "chair",
    "chairs",
    "co-chairs",
    "chairperson",
    "moderator",
    "scribe",
    "scribes",
    "note-taker",
    "note taker",
    "notetaker",
    "facilitator",
    "speakers",
    "panelists",
    "panellists",
)
_LABEL_RE = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)?(?:#{1,6}[ \t]+)?(?:\*\*)?"
    r"(?P<label>[A-Za-z][A-Za-z \-]{1,30}?)"
    r"(?:\*\*)?[ \t]*(?:\([^)\n]{0,60}\))?[ \t]*:(?:\*\*)?[ \t]*(?P<rest>[^\n]*)$"
)
_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>[^\n]+?)[ \t#]*$")
_ITEM_RE = re.compile(r"^[ \t]*(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)(?P<item>[^\n]+)$")
_NAME_WORD = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]{0,40}\.?|(?:[A-Z]\.){1,4}"
    r"|de|da|del|della|van|von|der|den|la|le|du|di|dos|das|y|bin|al|ter|ten)"
)
_NAME = re.compile(rf"^{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}$")
_HANDLE = re.compile(r"^@?[A-Za-z][\w.\-]{1,30}$")
_ABBR = re.compile(r"^[A-Z][A-Za-z]{0,1}[A-Z]{1,4}\d?$")
_DEFINITION = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,4}})[ \t]*\((?P<abbr>[A-Z][A-Za-z]?[A-Z]{{1,4}}\d?)\)"
)
_ABBR_PAREN = re.compile(r"\([A-Z][A-Za-z]?[A-Z]{1,4}\d?\)")
_IRC_PRESENT = re.compile(
    r"^(?:\[[^\]\n]{4,40}\]|\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*<(?P<nick>[^>\n]{1,80})>"
    r"[ \t]*present\+[ \t]*(?P<who>[^\n]*)$"
)
_TABLE_ROW = re.compile(r"^[ \t]*+\|?(?P<cells>[^\n]*\|[^\n]*?)\|?[ \t]*$")


# parse_person runs on every name of every roster line (a "Present:" line repeated at each session):
# its patterns are compiled once here, not looked up in re's cache at each call
_MARKUP = re.compile(r"[*_`]+")
_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\(([^()\n]{1,80})\)")
_BEFORE_PAREN = re.compile(r"[ \t]*[?]?\(")
_PRONOUNS = re.compile(r"(?:he|she|they|ze)/\w+", re.I)
_NAME_SEP = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


class RecordRoster:
    """The people a record lists, the lines that list them (kept out of the claims), and what differed."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("notes", "people", "spans")

    def __init__(self) -> None:
        self.people: list[RosterPerson] = []
        self.spans: list[tuple[int, int]] = []
        self.notes: list[str] = []


class _Entry:
    __slots__ = ("affiliation", "aliases", "name", "source")

    def __init__(self, name: str, affiliation: str | None, aliases: list[str], source: str) -> None:
        self.name = name
        self.affiliation = affiliation
        self.aliases = aliases
        self.source = source  # which list named them ("Present", "Participants", "table", ...)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _clean_name(raw: str) -> str:
    s = _MARKUP.sub("", raw).strip(" \t?,;.")
    return _SPACES.sub(" ", s)


def parse_person(item: str) -> tuple[str, str | None, list[str]] | None:
    """``Full Name (Org)``, ``Name (ABBR)``, ``Name, Org``, ``Name — Org``, ``handle // Name``, or a
    bare name -> (name, affiliation, aliases); None for anything that reads as prose."""
    item = _MARKUP.sub("", item).strip()
    if (
        not item
        or len(item) > 160
        or (item.endswith((".", ":")) and not item.endswith(").") and len(item) > 40)
    ):
        return None
    aliases: list[str] = []
    if "//" in item:  # "BigBen // Ben Cole (he/him) (Org)": a handle, then the name
        handle, _, item = item.partition("//")
        if _HANDLE.match(handle.strip()):
            aliases.append(handle.strip())
        item = item.strip()
    parens = _PARENS.findall(item)
    head = _BEFORE_PAREN.split(item, maxsplit=1)[0]
    aff: str | None = None
    # kept inline (not audited as a module pattern): it backtracks on a run of spaces, but runs only
    # on an item of at most 160 characters
    m = re.match(r"^(?P<n>[^,—–]+?)[ \t]*(?:,|—|–|[ \t]-[ \t])[ \t]*(?P<a>.+)$", head)
    if m:
        head, aff = m.group("n"), m.group("a").strip()
    name = _clean_name(head)
    if not name or not (_NAME.match(name) or (_HANDLE.match(name) and " " not in name)):
        return None
    if name.lower() in words("turns", "pseudo_speakers") or name.lower() in words("turns", "prose_labels"):
        return None
    if name.isupper() and len(name) > 5:
        return None
    if " " not in name and name[:1].islower():
        # "bcole (Ben Cole)": a handle, then the name it stands for
        full = next((p.strip() for p in parens if _NAME.match(p.strip()) and " " in p.strip()), None)
        if full:
            aliases.append(name)
            parens = [p for p in parens if p.strip() != full]
            name = full
    for p in parens:
        p = p.strip()
        if _ABBR.match(p) and len(p) <= 5 and " " not in p:
            aliases.append(p)
        elif _PRONOUNS.fullmatch(p):
            continue  # pronouns are not an affiliation
        elif aff is None and len(p.split()) <= 6 and p[:1].isupper():
            aff = p.strip()
    return name, aff, aliases


def _split_names(rest: str) -> list[str]:
    return [p.strip() for p in _NAME_SEP.split(rest) if p.strip()]


# The lines that can matter to ``read_rosters``, found by one scan of the text: a list item, a line
# that begins with a roster label ("Present:", "**Attendees**:"), or one holding "#" (a heading), "+"
# ("present+") or "(" (abbreviations defined). Any other line changes nothing
# whatever list it stands under (only a heading or a roster label sets what the lines below stand
# under, only an item is read under one), so the rest are never split. A transcript, whose every
# turn holds ":", was read line by line when any ":" made a line a candidate.
# The run before the first "#", "(" or "+" is possessive: a line without one fails in one
# pass, not after backing up through it (every alternative ends at the line's end, so the match
# is the whole line either way).
def _may_list() -> re.Pattern[str]:
    labels = "|".join(longest_first(re.escape(w) for w in _ROSTER_LABELS))
    return re.compile(
        r"^(?:[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t][^\n]*|[^\n#(+]*+[#(+][^\n]*"
        r"|[ \t]*(?:\*\*)?(?i:" + labels + r")[^\n]*)$",
        re.M,
    )


_MAY_LIST = _may_list()


def read_rosters(text: str, skip: list[tuple[int, int]] | None = None) -> RecordRoster:
    """Every roster the record states, merged; ``skip`` spans (code) are not read."""
    skip = skip or []
    out = RecordRoster()
    lists: dict[str, list[_Entry]] = {}
    under: str | None = None  # the roster heading the lines below stand under
    roster_labels = set(_ROSTER_LABELS)

    def add(source: str, entry: tuple[str, str | None, list[str]], span: tuple[int, int]) -> None:
        lists.setdefault(source, []).append(_Entry(entry[0], entry[1], list(entry[2]), source))
        out.spans.append(span)

    for m in _MAY_LIST.finditer(text):
        s, e, line = m.start(), m.end(), m.group()
        if any(a <= s < b for a, b in skip):
            continue
        h = _HEADING_RE.match(line)
        if h:
            title = re.sub(r"\([^)]*\)", "", h.group("title")).strip(" :*").lower()
            label_m = _LABEL_RE.match(line)
            under = title if title in roster_labels else None
            if label_m and label_m.group("label").strip().lower() in roster_labels and label_m.group("rest"):
                under = None
                _inline(label_m, s, add)
            continue
        if not line.strip():
            continue
        irc = _IRC_PRESENT.match(line) if "present+" in line else None
        if irc:
            nick = irc.group("nick").strip()
            parsed = parse_person(nick.replace("_", " "))
            if parsed:
                name, aff, aliases = parsed
                if nick != name:
                    aliases = [*aliases, nick]
                add("present+", (name, aff, aliases), (s, e))
            continue
        label_m = _LABEL_RE.match(line) if ":" in line else None
        if label_m and label_m.group("label").strip().lower() in roster_labels:
            if label_m.group("rest").strip():
                _inline(label_m, s, add)
            else:
                under = label_m.group("label").strip().lower()
            continue
        if under is not None:
            item = _ITEM_RE.match(line)
            parsed = parse_person(item.group("item")) if item else None
            if parsed:
                add(under, parsed, (s, e))
            continue
        # "John Smith (JS), Ana Ruiz (AR)": a line that defines two or more abbreviations
        # each definition ends in its own "(ABBR)": fewer than two of those, and there are not two
        # definitions (the name pattern, tried at every position of a long line, is not run)
        two = line.count("(") >= 2 and len(_ABBR_PAREN.findall(line)) >= 2
        defs = list(_DEFINITION.finditer(line)) if two else []
        if len(defs) >= 2 and sum(d.end() - d.start() for d in defs) > 0.6 * len(line.strip()):
            for d in defs:
                add("abbreviations", (_clean_name(d.group("name")), None, [d.group("abbr")]), (s, e))
            continue
    if "|" in text:  # a table row holds one
        _tables(text, _lines(text), skip, add)
    out.people = _merge(lists, out.notes)
    return out


def _inline(m: re.Match[str], line_start: int, add) -> None:
    source = m.group("label").strip().lower()
    rest = m.group("rest")
    for part in _split_names(rest):
        parsed = parse_person(part)
        if parsed:
            add(source, parsed, (line_start, line_start + len(m.group(0))))


def _tables(text: str, lines: list[tuple[int, int, str]], skip, add) -> None:
    """Markdown tables whose header has a name column: Name | Abbreviation | Organization."""
    i = 0
    while i < len(lines) - 2:
        s, _, line = lines[i]
        if "|" not in line or any(a <= s < b for a, b in skip):
            i += 1
            continue
        header = [c.strip(" *").lower() for c in line.strip().strip("|").split("|")]
        rule = lines[i + 1][2]
        if not re.fullmatch(r"[ \t|:\-]+", rule or "x") or "name" not in " ".join(header):
            i += 1
            continue
        col = {k: j for j, k in enumerate(header)}
        name_col = next((j for k, j in col.items() if "name" in k), None)
        abbr_col = next(
            (
                j
                for k, j in col.items()
                if any(w in k for w in ("abbrev", "initial", "alias", "handle", "nick"))
            ),
            None,
        )
        org_col = next(
            (
                j
                for k, j in col.items()
                if any(w in k for w in ("org", "affil", "company", "team", "country"))
            ),
            None,
        )
        j = i + 2
        while j < len(lines) and "|" in lines[j][2]:
            cells = [c.strip() for c in lines[j][2].strip().strip("|").split("|")]
            if name_col is not None and name_col < len(cells):
                name = _clean_name(cells[name_col])
                if name and (_NAME.match(name) or _HANDLE.match(name)):
                    aliases = []
                    if abbr_col is not None and abbr_col < len(cells) and cells[abbr_col].strip():
                        aliases = [a.strip() for a in re.split(r"[,;/]", cells[abbr_col]) if a.strip()]
                    org = cells[org_col].strip() if org_col is not None and org_col < len(cells) else ""
                    add("table", (name, org or None, aliases), (lines[j][0], lines[j][1]))
            j += 1
        i = j


def _first(name: str) -> str:
    return norm(name).split(" ")[0] if norm(name) else ""


def _merge(lists: dict[str, list[_Entry]], notes: list[str]) -> list[RosterPerson]:
    """One person per name across every list: a bare first name joins the one full name it begins."""
    merged: dict[str, _Entry] = {}
    seen_in: dict[str, set[str]] = {}
    for source, entries in lists.items():
        for en in entries:
            key = norm(en.name)
            if " " not in key:  # a bare first name or handle: the one full name it begins, if only one
                fits = [k for k in merged if " " in k and k.split(" ")[0] == key]
                fits += [k for k in merged if key in {norm(a) for a in merged[k].aliases}]
                fits = list(dict.fromkeys(fits))
                if not fits:  # "veraholm" as note-taker and "Vera" in attendance: one person
                    from rapporteur.resolve import speaker_match

                    keys = list(merged)
                    near = speaker_match(
                        en.name, [RosterPerson(merged[k].name, None, tuple(merged[k].aliases)) for k in keys]
                    )
                    fits = [keys[i] for i in near]
                if len(fits) == 1:
                    key = fits[0]
                    if norm(en.name) != key:
                        en.aliases = [*en.aliases, en.name]
            if key in merged:
                old = merged[key]
                old.affiliation = old.affiliation or en.affiliation
                old.aliases = list(dict.fromkeys(old.aliases + en.aliases))
                if " " in norm(en.name) and " " not in norm(old.name):
                    old.aliases.append(old.name)
                    old.name = en.name
            else:
                merged[key] = _Entry(en.name, en.affiliation, list(en.aliases), source)
            seen_in.setdefault(key, set()).add(source)
    # Lists that should agree (who attended): say where they do not.
    attendance = [
        s for s in lists if s in {"present", "attendees", "attendance", "participants", "in attendance"}
    ]
    if len(attendance) >= 2:
        for src in attendance:
            others = [o for o in attendance if o != src]
            only = [merged[k].name for k, srcs in seen_in.items() if src in srcs and not srcs & set(others)]
            if only:
                notes.append(
                    f"the record's {src.title()} list names {', '.join(only)}, not in its "
                    f"{' or '.join(o.title() for o in others)} list; the lists are merged"
                )
    return [
        RosterPerson(e.name, e.affiliation, tuple(a for a in e.aliases if a != e.name))
        for e in merged.values()
    ]


def load_name_list(raw: str) -> list[RosterPerson]:
    """A plain roster file, one person a line: "Name (ABBR)", "Name (Organization)", "Name, Org"."""
    out: list[RosterPerson] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"^(?:[-*+•]|\d{1,3}[.)])[ \t]+", "", line)
        parsed = parse_person(line)
        if parsed:
            out.append(RosterPerson(parsed[0], parsed[1], tuple(parsed[2])))
    return out


__all__ = ["RecordRoster", "load_name_list", "parse_person", "read_rosters"]
