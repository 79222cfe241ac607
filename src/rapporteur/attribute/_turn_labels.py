"""The grammar of a speaker label at the start of a line, and the evidence that decides which labels
are speakers.

A line may open with a label in many conventions: "Name: text", "**Name:** text", a bold name alone on
its line, "[name] text", IRC "<nick> text" and "12:01 < nick> text", "Name (00:12:34): text",
"Mr. LIMAN:", "JS:", "Q:". A label is only a candidate here; ``speakers`` decides from the whole record
(labels that repeat, that resolve to a roster, a record with at least two voices), never from a list
of names. Every pattern is anchored and bounded, so a line costs linear time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute._turn_prefix import quick_search
from rapporteur.lexicon import lexicon, words

_BULLET = re.compile(r"[ \t]*(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)?")
_IRC_TAB = re.compile(r"\[[^\]\n]{4,40}\][ \t]*<(?P<nick>[^>\n]{1,80})>[ \t]*")
_IRC_TIME = re.compile(r"(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*)?<[ \t]?(?P<nick>[@+]?[^>\s]{1,40})>[ \t]+")
_BOLD_COLON = re.compile(r"\*\*(?P<name>[^*\n:]{1,60}?)[ \t]*(?::\*\*|\*\*[ \t]*:)[ \t]*")
_BOLD_LINE = re.compile(r"\*\*(?P<name>[^*\n:]{1,60}?)\*\*[ \t]*$")
_BRACKET = re.compile(r"\[(?P<name>[^\[\]\n]{1,60})\](?![(\[:])[ \t]+")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_WORD = r"[@A-Za-zÀ-ÖØ-öø-ÿ][\w.'’\-]*"
_COLON = re.compile(
    rf"(?P<name>{_WORD}(?:[ \t]{_WORD}){{0,4}}|\?\?+)"
    rf"(?:[ \t]*\((?P<time>{_TIME})\)|[ \t]*\([^()\n]{{1,40}}\))?"
    rf"[ \t]*:(?![/:\w])[ \t]*"
)
_AT = re.compile(r"@(?P<name>[A-Za-z][\w\-]{1,38})\b(?!\.)[ \t]+(?=[a-z])")
_NAME_TIME = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3}|[a-z][\w.\-]{1,30})[ \t]+[\[(]?"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?)[\])]?[ \t]*$"
)  # "Jane Doe  00:01:02" or "Jane Doe [10:31 AM]" on its own line, the text below (Zoom, Slack)
_LEAD_TIME = re.compile(rf"[ \t]*\[?(?P<t>{_TIME})\]?[ \t]+(?=[A-Za-z@])")
_TIME_ONLY = re.compile(rf"^[(\[]?{_TIME}[)\]]?[ \t]*$")
_TIME_END = frozenset("0123456789Mm.])")  # what a line can end with after _NAME_TIME's time
_URL_REST = re.compile(r"(?:<?https?://|www\.)\S+>?[ \t]*$")
_LETTER_OR_ASK = re.compile(r"[A-Za-z?]")
_STYLED: tuple[tuple[re.Pattern[str], str], ...] = (
    (_BOLD_COLON, "bold"),
    (_BOLD_LINE, "boldline"),
    (_BRACKET, "bracket"),
)
_CHECKBOX = re.compile(r"\s*[xX ]?\s*")


@dataclass(slots=True)
class Label:
    """A candidate speaker label on one line: its span (the marker), the name it gives, where the
    content starts, and its convention (colon, bold, boldline, bracket, irc, at).

    Not frozen, though nothing changes one once made (and nothing hashes one): a frozen dataclass sets
    each of its twelve fields through ``object.__setattr__``, 2.4 us a label against 0.4 us, and a
    transcript makes up to three per turn (read from the line, opened, rebuilt from the shape)."""

    start: int
    end: int
    name: str
    content: int
    style: str
    indent: int
    bulleted: bool
    time: str | None = None
    nick: str | None = None  # IRC: who typed the line (a scribe, or the speaker)
    opens: bool = False  # the label opens its paragraph
    timed: bool = False  # a time stands before the label ("00:03:01  Name: ...")
    says: bool = False  # what follows the label on its line reads as speech, not a value

    def opened(self) -> Label:
        """The same label, known to open its paragraph (``dataclasses.replace`` costs several times more)."""
        return Label(
            self.start, self.end, self.name, self.content, self.style, self.indent, self.bulleted,
            self.time, self.nick, True, self.timed, self.says,
        )  # fmt: skip

    @property
    def form(self) -> tuple[str, bool, bool]:
        """How the record writes the label: convention, bulleted, timed."""
        return (self.style, self.bulleted, self.timed)


@cache
def _prose() -> frozenset[str]:
    return words("turns", "prose_labels") | words("turns", "decision_labels")


@cache
def pseudo() -> frozenset[str]:
    return words("turns", "pseudo_speakers")


@cache
def honorifics() -> frozenset[str]:
    return words("turns", "honorifics")


_SPACES = re.compile(r"\s+")


@cache
def key(name: str) -> str:
    """A label's comparable form: case-blind, spaces collapsed, decoration stripped."""
    return _SPACES.sub(" ", name.strip(" \t*_?!.,").casefold())


@cache
def is_pseudo(name: str) -> bool:
    k = key(name)
    return not k.strip("?") or k in pseudo() or bool(re.fullmatch(r"speaker[ \t]*(?:\d{1,3}|[a-z])", k))


@cache
def is_prose_label(name: str) -> bool:
    k = key(name)
    if k in _prose():
        return True
    toks = k.split()
    first = toks[0] if toks else ""
    if len(toks) == 2 and first.endswith(("'s", "’s")) and toks[1] in _prose():
        return True  # "Editor's note:", "Author's summary:": the record's own voice, not a speaker's
    return first in _prose() and len(toks) > 1 and first not in honorifics()


@cache
def _name_shaped(name: str) -> bool:
    """Whether a label reads as a voice: a name, a handle, initials, a title and a name, Q or A."""
    toks = name.split()
    if not toks or len(name) > 48:
        return False
    if len(toks) == 1:
        t = toks[0].lstrip("@")
        return bool(re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w.'’\-]*", t)) and not t.endswith(".")
    if len(toks) <= 5 and any(len(t.strip(".")) >= 2 and t.strip(".").isupper() for t in toks):
        return True  # "The SPEAKER pro tempore", "Mrs. LEE of California": a role in capitals
    # several words: each capitalised (or a particle), or a title first
    particles = {"de", "da", "del", "van", "von", "der", "la", "le", "du", "di", "bin", "al", "of", "the"}
    caps = [t for t in toks if t[:1].isupper() or t.lower() in particles]
    return len(caps) == len(toks)


def _says(rest: str) -> bool:
    """Speech ends like a sentence or runs on; a value ("2em;", "Room 4", "{") does neither."""
    r = rest.strip()
    if not r or r.endswith((";", "{", "}", ",")):
        return False
    return r[-1] in '.!?…"”’)]' or len(r.split(maxsplit=4)) == 5  # five words: no need to split them all


def parse(line: str, offset: int) -> Label | None:
    """The candidate label opening ``line`` (which starts at ``offset`` in the text), if any."""
    c0 = line[:1]  # an IRC line opens with "[" (a time, a tab), "<" or a digit (``\d``: a decimal)
    m = (_IRC_TAB.match(line) or _IRC_TIME.match(line)) if c0 in "[<" or c0.isdecimal() else None
    if m:
        nick = m.group("nick").strip().lstrip("@+")
        lt = line.rindex("<", 0, m.start("nick") + 1)
        gt = line.index(">", m.end("nick"))
        return Label(offset + lt, offset + gt + 1, nick, offset + m.end(), "irc", 0, False, nick=nick)
    # a name over a time ends its line with the time (a digit, "PM", "p.m.") or a bracket closing it
    nt = _NAME_TIME.match(line) if line.rstrip(" \t\n")[-1:] in _TIME_END else None
    if nt:
        indent = len(line) - len(line.lstrip(" \t"))
        return Label(
            offset + nt.start("name"),
            offset + nt.end("name"),
            nt.group("name"),
            offset + len(line),
            "boldline",
            indent,
            False,
            nt.group("time"),
        )
    lead = _LEAD_TIME.match(line)  # "00:03:01<TAB>Name:<TAB>text", a chat export with times
    b = None if lead else _BULLET.match(line)
    pos = lead.end() if lead else b.end() if b else 0
    indent = len(line) - len(line.lstrip(" \t"))
    bulleted = b is not None and b.end() > indent
    # each of the three opens with "**" or "[" at ``pos``: a line opening with neither tries none
    styled = _STYLED if line.startswith(("**", "["), pos) else ()
    for rx, style in styled:
        m = rx.match(line, pos)
        if m:
            name = m.group("name").strip()
            end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
            if style == "bracket" and (not _LETTER_OR_ASK.search(name) or _CHECKBOX.fullmatch(name)):
                return None
            at = offset + m.start() if m.start() else offset
            return Label(at, offset + end, name, offset + m.end(), style, indent, bulleted)
    m = _COLON.match(line, pos)
    if m and _URL_REST.match(line, m.end()):
        return None  # "key: <url>" is a field, not a voice
    if (
        (m and m.end() < len(line))
        or (m and m.group("time"))
        or (m and m.end() == len(line) and m.group("name"))
    ):
        name = m.group("name")
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        rest = line[m.end() :]
        time = m.group("time") or (lead.group("t") if lead else None)
        if not m.group("time") and _TIME_ONLY.match(
            rest
        ):  # "Name: (mm:ss)": the text follows on the next lines
            time = rest.strip("()[] \t")
        return Label(
            offset + m.start() if m.start() else offset,  # the line's own offset: no equal int made
            offset + end,
            name,
            offset + m.end(),
            "colon",
            indent,
            bulleted,
            time,
            timed=lead is not None,
            says=_says(rest),
        )
    m = _AT.match(line, pos)
    if m:
        return Label(
            offset + m.start(),
            offset + m.end("name"),
            "@" + m.group("name"),
            offset + m.end(),
            "at",
            indent,
            bulleted,
        )
    return None


@cache
def _has_digit(name: str) -> bool:
    """Whether a label's name holds a digit ("EIP-8037"); asked per label, cached per name as ``key``."""
    return any(c.isdigit() for c in name)


def speakers(labels: list[Label], roster_fits, paragraphs: int = 0) -> set[str]:
    """The label keys that are speakers in this record. ``roster_fits(name) -> bool`` says whether a
    name resolves to the roster. A colon label counts when it resolves to the roster, or repeats, or
    stands beside at least one other voice; stronger markup (bold, brackets, IRC) counts once the
    record uses it at least twice. A record with a single voice label and no roster is prose."""
    counts = Counter(key(lb.name) for lb in labels)
    by_style: dict[str, Counter[str]] = {}
    for lb in labels:
        per = by_style.get(lb.style)
        if per is None:  # not setdefault: that would make a Counter for every label
            per = by_style[lb.style] = Counter()
        per[key(lb.name)] += 1
    # "key: value" fields and CSS ("margin-left: 2em;") never say a sentence after the label
    says = {
        key(lb.name)
        for lb in labels
        if lb.style != "colon" or lb.says or lb.time or is_pseudo(lb.name) or roster_fits(lb.name)
    }
    labels = [lb for lb in labels if key(lb.name) in says]
    ok: set[str] = set()
    for lb in labels:
        k = key(lb.name)
        if k in ok or is_prose_label(lb.name):
            continue
        if lb.style in ("colon", "at") and not (_name_shaped(lb.name) or is_pseudo(lb.name)):
            continue
        marked = lb.style in ("irc", "bracket", "bold", "boldline") and sum(by_style[lb.style].values()) >= 2
        if marked or is_pseudo(lb.name) or roster_fits(lb.name) or counts[k] >= 2:
            ok.add(k)
    # labels that open most of the record's paragraphs or lines, two voices or more: an exchange
    cand = [
        lb
        for lb in labels
        if lb.style == "colon"
        and not lb.bulleted
        and (lb.opens or lb.timed or not paragraphs)
        and _name_shaped(lb.name)
        and not is_prose_label(lb.name)
        and not _has_digit(lb.name)
    ]
    openers = {key(lb.name) for lb in cand}
    units = paragraphs + sum(1 for lb in cand if not lb.opens)
    # ... where some voice speaks twice (a glossary "API: ...", "SDK: ..." names each term once)
    again = (
        any(n >= 2 for n in Counter(key(lb.name) for lb in cand).values())
        or {"q", "a"} <= openers
        or any(is_pseudo(lb.name) for lb in cand)  # "All:", "Audience:": only a record of turns has them
    )
    if len({k for k in openers if not is_pseudo(k)}) >= 2 and again and units and len(cand) >= 0.5 * units:
        ok |= openers
    voices = {k for k in ok if not is_pseudo(k)}
    qa = {k for k in voices if k in words("turns", "question_answer_labels")}
    if qa and qa != {"q", "a"} and not any(roster_fits(k) for k in qa):
        voices -= qa
        ok -= qa
    if len(voices) < 2 and not any(roster_fits(k) for k in voices):
        return set()
    # a lone label that reads as a name, written the way the record writes its speakers, joins a
    # record that has turns ("Vera: ..."); "EIP-8037:" inside a chat message does not
    forms = {lb.form for lb in labels if key(lb.name) in ok}
    for lb in labels:
        k = key(lb.name)
        if k in ok or is_prose_label(lb.name) or lb.style == "at" or lb.form not in forms:
            continue
        if _has_digit(lb.name):
            continue
        caps = any(len(t.strip(".")) >= 2 and t.strip(".").isupper() for t in lb.name.split())
        if _name_shaped(lb.name) and len(lb.name.split()) <= (3 if lb.style != "colon" else 5 if caps else 2):
            ok.add(k)
    return ok


def name_shaped(name: str) -> bool:
    """Whether a label reads as a voice (see ``_name_shaped``)."""
    return _name_shaped(name)


def inner_label(text: str, pos: int, end: int) -> re.Match[str] | None:
    """A "name:" label inside an IRC message (a scribe's line) at ``pos``, the line ending at ``end``."""
    m = _COLON.match(text, pos, end)
    return m if m and m.end() < end and _name_shaped(m.group("name")) else None


@cache
def decision_lines() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in lexicon("turns")["decision_lines"])


@cache
def _decision_alt() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("turns")["decision_lines"]), re.IGNORECASE)


def is_decision_line(body: str) -> bool:
    """Whether a line (its bullet stripped) records an outcome: one of ``decision_lines`` matches at
    its start (one alternation, tried once)."""
    return _decision_alt().match(body) is not None


@cache
def collective_outcome() -> re.Pattern[str]:
    return re.compile(lexicon("turns")["collective_outcome"], re.IGNORECASE)


@cache
def not_claim() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("turns")["not_claims"]), re.IGNORECASE)


@cache
def turn_cues(kind: str) -> re.Pattern[str]:
    pats = lexicon("turns")[kind]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)


_NAME_PAT = r"(?-i:(?P<name>@?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}|@[\w\-]+))"


@cache
def reactions() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type, pattern) of every reaction cue; a pattern with a ``name`` group names whom it answers."""
    out = []
    for typ, pats in lexicon("turns")["reactions"].items():
        for p in pats:
            out.append((typ, re.compile(p.replace("{name}", _NAME_PAT), re.IGNORECASE)))
    return tuple(out)


def _reaction_patterns() -> list[str]:
    return [
        p.replace("{name}", _NAME_PAT.replace("?P<name>", ""))
        for v in lexicon("turns")["reactions"].values()
        for p in v
    ]


@cache
def turn_cues_any() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _reaction_patterns()), re.IGNORECASE)


def _split(pats: list[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A cue list as two alternations: the patterns anchored at the start ("^..."), tried once there,
    and the rest, searched. In one searched alternation the anchored ones would be retried (and fail)
    at every position of the sentence."""
    anchored = [p for p in pats if p.startswith("^")]
    floating = [p for p in pats if not p.startswith("^")]

    def alt(ps: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) if ps else None

    return alt(anchored), alt(floating)


@cache
def _turn_cue_split(kind: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    if kind == "reactions":
        return _split(_reaction_patterns())
    return _split(list(lexicon("turns")[kind]))


def has_turn_cue(kind: str, text: str) -> bool:
    """Whether ``text`` holds a cue of ``kind`` (``proposal``, ``qualification``, or ``reactions``):
    the same answer as searching the kind's alternation (``turn_cues``, ``turn_cues_any``)."""
    anchored, floating = _turn_cue_split(kind)
    return (anchored is not None and anchored.match(text) is not None) or (
        floating is not None and floating.search(text) is not None
    )


@cache
def _kind_cues() -> tuple[re.Pattern[str] | None, ...]:
    """The cues ``turn_kind`` reads: qualification and proposal, anchored and floating, and both
    kinds' floating patterns as one alternation (a claim holds neither, mostly: one search says so),
    searched from the characters a cue can start with (``_turn_prefix``)."""
    qa, qf = _turn_cue_split("qualification")
    pa, pf = _turn_cue_split("proposal")
    floating = [
        p for k in ("qualification", "proposal") for p in lexicon("turns")[k] if not p.startswith("^")
    ]
    return qa, qf, pa, pf, quick_search(floating)  # searched on most claims: from candidate starts only


def turn_kind(claim: str) -> str:
    """``qualification`` or ``proposal`` where a turn's own cue of that kind is in ``claim`` (in that
    order, as ``has_turn_cue`` of each would say), else ``claim``."""
    qa, qf, pa, pf, either = _kind_cues()
    if qa is not None and qa.match(claim):
        return "qualification"
    if either is not None and either.search(claim):  # a floating cue: which kind, asked of each
        if qf is not None and qf.search(claim):
            return "qualification"
        if pf is not None and pf.search(claim):
            return "proposal"
    return "proposal" if pa is not None and pa.match(claim) else "claim"


__all__ = [
    "Label",
    "decision_lines",
    "has_turn_cue",
    "inner_label",
    "is_decision_line",
    "is_prose_label",
    "is_pseudo",
    "key",
    "parse",
    "reactions",
    "speakers",
    "turn_cues_any",
    "turn_kind",
]
