"""The pieces of a reported-speech frame: reporting verbs, and who a subject phrase names.

``reported`` finds a frame as cue (the reporting verb), source (the subject it reports) and content
(the clause reported). This module reads the source side: "Acme developer Vera Holm" is a person
introduced with a role, "the EU" a party, "the US and Japan" two parties, "the Alpha, Beta, and
Gamma client teams" three organizations, "Chile, for the GROUP OF 77," a party speaking on a group's
behalf, "The packaging checklist" and "It" nobody. Everything is decided by the phrase's shape and the
word lists of ``data/lexicon/reporting.yaml``, never by knowing a name.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rapporteur import _regex as re
from rapporteur.lexicon import alternation, lexicon, words
from rapporteur.script import MARKS, UPPER

PARTICLES = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|ibn|al|ter|ten|dos|das)"
# A name's word is at most 40 characters: a bounded run keeps a search over one giant "word" linear.
TOKEN = rf"(?:{UPPER}[\w{MARKS}'’\-]{{0,40}}|(?:[A-Z]\.){{1,3}}|[A-Z]-?\d+)"
_NAME = re.compile(rf"(?:{PARTICLES}\s+)?{TOKEN}(?:\s+(?:{PARTICLES}\s+)*{TOKEN}){{0,4}}")
_WORD = re.compile(r"[\w'’\-]+\.?")  # "C." in "C. Ana Ruiz"
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|s)$|n['’]t$")
_ADVERB = re.compile(r"(?:ally|ously|ively|ently|antly|ingly)$")  # "Diplomatically, ..."
_TRAIL_PAREN = re.compile(r"\s*\([^()\n]{1,60}\)\s*$")


class Verb:
    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("form", "kind", "stance")

    def __init__(self, form: str, kind: str, stance: str | None) -> None:
        self.form = form
        self.kind = kind
        self.stance = stance


class Voice:
    """One voice a subject phrase names: ``name`` as it should be credited, ``start:end`` its span,
    ``kind`` person/party/organization, ``role`` for "the Release Manager" (a mention to resolve),
    ``intro_role`` for "Acme developer X" (a role that introduces X), ``pronoun`` for "He"."""

    __slots__ = ("end", "intro_role", "kind", "name", "pronoun", "role", "start", "title")

    def __init__(
        self,
        name: str,
        start: int,
        end: int,
        kind: str = "person",
        role: str | None = None,
        intro_role: str | None = None,
        pronoun: str | None = None,
        title: str | None = None,
    ) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.kind = kind
        self.role = role
        self.intro_role = intro_role
        self.pronoun = pronoun
        self.title = title


@cache
def verbs() -> dict[str, Verb]:
    out: dict[str, Verb] = {}
    for e in lexicon("reporting")["verbs"]:
        for f in e["forms"]:
            out[f.lower()] = Verb(f.lower(), e["kind"], e.get("stance"))
    return out


@cache
def verb_alt() -> str:
    """Every reporting verb form as one alternation (longest first), for patterns to embed."""
    return "(?:" + alternation(verbs()) + ")"


@cache
def verb_re() -> re.Pattern[str]:
    return re.compile(rf"\b{verb_alt()}\b", re.IGNORECASE)


# What re's IGNORECASE takes for an ASCII letter outside ASCII ("ſaid" matches "said"), as that letter
_ASCII_OF_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def verb_of(matched: str) -> Verb:
    """The lexicon entry of a matched verb form, whatever its case, spacing ("pointed  out") or
    letters that only fold onto ASCII (a long s), so every match of ``verb_re`` has one."""
    low = matched.lower()
    v = verbs().get(low)
    if v is None:
        v = verbs()[_SPACES.sub(" ", matched.translate(_ASCII_OF_FOLD).lower())]
    return v


_SPACES = re.compile(r"\s+")


@cache
def _alt(key: str) -> str:
    return alternation(words("reporting", key))


@cache
def rx(key: str, template: str) -> re.Pattern[str]:
    """A pattern with ``{}`` replaced by the alternation of one word list of the lexicon."""
    return re.compile(template.replace("{}", f"(?:{_alt(key)})"), re.IGNORECASE)


def lex() -> dict[str, Any]:
    return lexicon("reporting")


def _is_name(s: str) -> bool:
    return _NAME.fullmatch(s) is not None


_THE_LEAD = re.compile(r"(?i:the)\s+")


@cache
def _title_lead() -> re.Pattern[str]:
    return re.compile(r"(?i:(" + _alt("titles") + r"))\.?\s+")


@cache
def _lists() -> tuple[frozenset[str], ...]:
    """The word lists ``voice_of`` reads, looked up once."""
    return (
        words("reporting", "function_words"),
        words("reporting", "not_voices"),
        words("reporting", "unnamed"),
        words("attribution", "not_subjects"),
        words("reporting", "roles"),
        words("reporting", "actor_words"),
        words("reporting", "organization_words"),
    )


def voice_of(item: str, start: int, party_doc: bool = False) -> Voice | None:
    """The voice one subject item names, or None: ``party_doc`` says the record names parties
    (delegations speak for groups there), so a bare one-word name is read as a party.

    The tests that only rule an item out come first, cheapest first (a function word is the usual
    reason a candidate subject names nobody); their order changes nothing but the time."""
    had_the = False
    m = _THE_LEAD.match(item)
    if m:
        had_the, item, start = True, item[m.end() :], start + m.end()
    title = None
    tm = _title_lead().match(item)
    if tm:
        title, item, start = tm.group(1), item[tm.end() :], start + tm.end()
    ws = item.split()
    if not ws or len(ws) > 9:
        return None
    fw, nv, unnamed, not_subjects, roles, actors, orgs = _lists()
    low = [w.lower() for w in ws]
    if not fw.isdisjoint(low) or "\n" in item:
        return None  # a voice's name sits on one line
    if low[0] in unnamed or " ".join(low[:2]) in unnamed or low[-1] in nv or (len(ws) == 1 and low[0] in nv):
        return None
    if low[0] in not_subjects and not had_the:
        return None
    if not all(w.isalpha() or (_WORD.fullmatch(w) and any(c.isalpha() for c in w)) for w in ws):
        return None  # every word of a name has a letter: "Lang team advisors --" is a list item's label
    if any(_CONTRACTION.search(w) for w in low):
        return None  # "I've", "They're" are pronouns
    if len(ws) == 1 and _ADVERB.search(low[0]):
        return None
    end = start + len(item)
    if low[-1] in roles and (had_the or len(ws) > 1 or ws[0][0].isupper()):
        return Voice(item, start, end, role=item) if had_the or ws[0][0].isupper() else None
    ri = -1 if roles.isdisjoint(low[:-1]) else max(i for i, w in enumerate(low[:-1]) if w in roles)
    if ri >= 0:
        rest = " ".join(ws[ri + 1 :])
        if _is_name(rest):
            off = item.find(rest, len(" ".join(ws[: ri + 1])))
            if off < 0:
                return None  # the name's words are spaced unevenly ("Ana  Ruiz"): no span to credit
            return Voice(rest, start + off, end, intro_role=" ".join(ws[: ri + 1]), title=title)
        return None
    if not actors.isdisjoint(low):
        if not had_the and not ws[0][0].isupper():
            return None
        return Voice(item, start, end, kind="party")
    if not orgs.isdisjoint(low):
        if not had_the and not ws[0][0].isupper():
            return None
        return Voice(item, start, end, kind="organization")
    if not _is_name(item):
        return None
    if had_the or (item.isupper() and len(item) <= 8) or (party_doc and len(ws) <= 3 and not title):
        return Voice(item, start, end, kind="party")
    return Voice(item, start, end, title=title)


def voices_of(phrase: str, start: int, party_doc: bool = False) -> list[Voice] | None:
    """Every voice of a subject list ("the US and Japan", "Lee, Park and Ruiz"), or None if any item
    names nobody. "ROLE, NAME" ("The Committee Chair, Dora Quist") is one voice with its role."""
    out: list[Voice] = []
    pos = 0
    items = _ITEM_SPLIT.split(phrase)
    for it in items:
        i = phrase.find(it, pos)
        pos = i + len(it)
        if not it.strip():
            return None
        v = voice_of(it, start + i, party_doc)
        if v is None:
            return None
        out.append(v)
    if len(out) == 2 and out[0].role and not out[1].role and ", " in phrase and " and " not in phrase:
        # "the Co-Chair, Dora Quist": a role (every role word is a person's) names a person, even in a
        # record of delegations where a bare two-word name is read as a party
        kind = "person" if out[1].kind == "party" else out[1].kind
        return [Voice(out[1].name, out[1].start, out[1].end, kind, intro_role=out[0].role)]
    if any(v.role for v in out) and len(out) > 1:
        return None
    if len(out) > 1 and not _AND.search(phrase):
        return None  # "Ben, Vera pointed out": a list of voices ends in "and"; this is an address
    kinds = {v.kind for v in out}
    if len(out) > 1 and "party" in kinds and "person" in kinds:
        out = [
            Voice(v.name, v.start, v.end, "party") if v.kind == "person" and not v.intro_role else v
            for v in out
        ]
    return out


# A word: a run of its characters, consumed in one step (a pattern that starts at each word character
# and looks back at the one before it does a match attempt per character, not per word)
_WORD_RUN = re.compile(r"[\w'’\-]+")
_TOKEN = re.compile(r"\S+")


def _last_blocking(seg: str, lo: int, bl: frozenset[str]) -> int:
    """Where the last token of ``seg[lo:]`` that is a word of ``bl`` starts (-1 if none): a token is a
    run of non-space characters, all ASCII letters, with space or an end on each side. Read token by
    token (one match each), not by a look-back tried at every letter."""
    block = -1
    for m in _TOKEN.finditer(seg, lo):
        t = m.group(0)
        if t.isascii() and t.isalpha() and t.lower() in bl:
            p = m.start()
            if p > lo or lo == 0 or seg[lo - 1].isspace():  # a token the start ``lo`` cut is none
                block = p
    return block


def _last_word_starts(seg: str, n: int) -> list[int]:
    """The last ``n`` word starts of ``seg`` (a word character after none, or at the start), looked
    for in a tail that doubles until it holds ``n`` of them or the whole segment: a run that begins
    at the tail's edge is a word start only if the character before the edge is no word character."""
    window = 8 * n
    while True:
        lo = max(0, len(seg) - window)
        starts = [m.start() for m in _WORD_RUN.finditer(seg, lo)]
        if starts and starts[0] == lo and lo > 0 and _WORD_RUN.match(seg, lo - 1):
            del starts[0]  # the tail cut a word: its start is further back
        if len(starts) >= n or lo == 0:
            return starts[-n:]
        window *= 2


@cache
def _blocking() -> frozenset[str]:
    """Words that rule out any subject phrase holding them, wherever they stand in it: the function
    words, save "the" (which may open an item: "the EU and the US") and the titles (which may open a
    name); a whole word, so no item separator or title strip can take it away."""
    return words("reporting", "function_words") - {"the", "and"} - words("reporting", "titles")


_AND = re.compile(r"\s(?:and|&)\s")
_MARKS_ONLY = re.compile(r"[\s\d.|*#>-]+")  # table cells, list marks, heading marks
_BOUNDARY_MARKS = (",", ";", ":", "(", "—", "–", "|", "**")


def _boundary(prefix: str) -> bool:
    r"""Whether a subject may start right after ``prefix``: a sentence or clause start (nothing but
    whitespace and marks before it, or a clause mark last). Read from the prefix's two ends, where
    a search for ``(?:[,;:(—–|]|\*\*|^)\s*$`` tried every position of it."""
    p = prefix.rstrip()
    return not p or p.endswith(_BOUNDARY_MARKS) or _MARKS_ONLY.fullmatch(p) is not None


@cache
def _opener_heads() -> frozenset[str] | None:
    """The first two letters of every opener; None if an opener is shorter or not ASCII (then every
    clause is tried with the pattern)."""
    ops = words("reporting", "openers")
    if any(len(o) < 2 or not o.isascii() or not o[:2].isalpha() for o in ops):
        return None
    return frozenset(o[:2] for o in ops)


def strip_openers(s: str) -> tuple[int, str | None]:
    """How many leading characters of a clause are an opener ("However, ", "In response, "), and the
    opener itself (lower-cased) if there is one.

    A clause that starts with an ASCII letter can only start with the opener itself: its first two
    letters, looked up, rule most clauses out before the pattern is tried."""
    heads = _opener_heads()
    ascii_start = len(s) >= 2 and s[0].isascii() and s[0].isalpha() and s[1].isascii()
    if heads is not None and ascii_start and s[:2].lower() not in heads:
        return 0, None
    m = rx("openers", r"^(?:\W|\d)*?({})\b\s*,?\s*").match(s)
    if not m:
        return 0, None
    return m.end(), _SPACES.sub(" ", m.group(1).lower())


def _ends_of_or_the(prefix: str) -> bool:
    """Whether ``prefix`` ends in whitespace after "of" or "the" (any case): what every match of the
    "representatives of (the)" pattern below needs, tested from the end before it is searched for."""
    if not prefix or not prefix[-1].isspace():
        return False
    t = prefix.rstrip()[-3:].lower()
    return t[-2:] == "of" or t == "the"


def _representatives_of(prefix: str) -> re.Match[str] | None:
    """ "the representatives of (the)" right before a subject: the pattern, anchored at the end, is a
    search that tries every position of the prefix, so it is run only on a prefix that can end so."""
    if not _ends_of_or_the(prefix):
        return None
    return rx("representatives", r"\b(?:{})\s+of\s+(?:the\s+)?$").search(prefix)


def find_subject(
    text: str, lo: int, hi: int, party_doc: bool, cut: bool = False
) -> tuple[int, list[Voice]] | None:
    """The subject that ends at ``hi`` (right before a reporting verb): the longest word-initial
    suffix of ``text[lo:hi]`` that names voices and starts a clause. Returns (subject start, voices)."""
    seg = text[lo:hi]
    starts = _last_word_starts(seg, 12)
    # The rightmost word no voice's name holds ("it", "was", "which"): a phrase that keeps it names
    # nobody, so the longer candidates are ruled out without reading them.
    block = -1
    bl = _blocking()
    if starts and not bl.isdisjoint(seg[starts[0] :].lower().split()):  # no such word: nothing to find
        block = _last_blocking(seg, starts[0], bl)
    blocked = False
    heads = _opener_heads()
    for s in starts:
        if cut and s == 0:
            continue  # ``lo`` cut a long sentence: its first word is no clause start
        phrase = seg[s:].rstrip()
        two = seg[s : s + 2]
        if heads is not None and two.isascii() and two.isalpha() and two.lower() not in heads:
            skip = 0  # ``strip_openers``'s own first test, without the call: no opener starts here
        else:
            skip, _ = strip_openers(phrase)
        if s + skip <= block:
            continue
        phrase_start = lo + s + skip
        phrase = phrase[skip:]
        if not phrase:
            continue
        vs = voices_of(phrase, phrase_start, party_doc)
        if vs is None:
            continue
        prefix = seg[:s]
        rep = _representatives_of(prefix)
        if rep and vs:
            last = vs[-1]
            head = re.search(r"(?:\s+[a-z][\w\-]*){1,2}$", last.name)
            if head:
                cut = Voice(last.name[: head.start()], last.start, last.start + head.start(), "organization")
                vs = [Voice(v.name, v.start, v.end, "organization") for v in vs[:-1]] + [cut]
                if all(_is_name(v.name) for v in vs):
                    return lo + rep.start(), vs
            continue
        if blocked:
            return None  # a longer list failed at its start: this shorter one is inside a bigger phrase
        if _boundary(prefix) or skip:
            return phrase_start, vs
        if len(vs) >= 1 and s > 0:
            blocked = True
    return None
