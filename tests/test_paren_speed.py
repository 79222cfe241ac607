"""The parenthetical detector's faster readings say what the slower ones they replaced said.

Each property compares a rewritten step with the plain form it replaced (kept here as the reference),
on made-up texts built from the pieces the step reads, so a difference in any marker fails here.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.attribute import parenthetical as par
from rapporteur.attribute._paren_suffix import _end_anchored_reversal, suffix_search
from rapporteur.attribute.claims import compiled
from rapporteur.lexicon import words
from rapporteur.script import MARKS, UPPER

_CUE_PIECES = [
    "with ",
    "With ",
    "the ",
    "a few ",
    "notable ",
    "possible ",
    "exception",
    "exceptions",
    " of",
    "except",
    "EXCEPT",
    "ing",
    " for",
    "apart from",
    "save for",
    "other than",
    "x",
    " ",
    "  ",
    "\n",
    "\t",
    ",",
    "(",
    "é",
]


def _cue_texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_CUE_PIECES), max_size=12).map("".join)


def _ranges(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [(0, len(text)), *pairwise(bounds)]


def test_the_exception_cues_read_backwards_say_what_the_search_says() -> None:
    alt = re.compile("|".join(f"(?:{p.pattern})" for p in compiled("attribution", "exception_before")), re.I)
    assert _end_anchored_reversal(alt) is not None  # the cues are covered: the fast path is taken
    test = par._exception_before()

    @settings(max_examples=500, deadline=None)
    @given(_cue_texts(), st.lists(st.integers(0, 10_000), max_size=4))
    def check(text: str, cuts: list[int]) -> None:
        for lo, hi in _ranges(text, cuts):
            assert test(text, lo, hi) == (alt.search(text[lo:hi]) is not None)

    check()


_PATTERNS = [
    r"ab+c?$",
    r"\bfoo(?:bar|baz){1,2}\s*\Z",
    r"[^a-c\d]x{2,}?$",
    r"(?:x|y)\B.$",
    r"(q)\1$",  # a back-reference: not covered, the search is kept
    r"a(?=b)b$",  # a lookahead: not covered
    r"abc",  # not anchored at the end: not covered
    r"(?i:ab)$",  # a scoped flag: not covered
    r"^ab$",  # an anchor at the start: not covered
]


def test_any_pattern_read_backwards_or_searched_says_what_the_search_says() -> None:
    covered = [_end_anchored_reversal(re.compile(p)) is not None for p in _PATTERNS]
    assert covered == [True, True, True, True, False, False, False, False, False]

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="abcqxyz19 \n_foobarbaz", max_size=14), st.lists(st.integers(0, 100), max_size=3))
    def check(text: str, cuts: list[int]) -> None:
        for p in _PATTERNS:
            rx = re.compile(p)
            test = suffix_search(rx)
            for lo, hi in _ranges(text, cuts):
                assert test(text, lo, hi) == (rx.search(text[lo:hi]) is not None), (p, text[lo:hi])

    check()


_OLD_TOKEN = re.compile(
    rf"^(?:{UPPER}[\w{MARKS}'’\-]*|(?:{UPPER}\.\s?){{1,4}}|O['’]{UPPER}[\w{MARKS}\-]*|Mc{UPPER}[\w{MARKS}]*)$"
)
_TOKEN_PIECES = ["O", "M", "c", "'", "’", "-", ".", " ", "\n", "A", "b", "Ⓐ", "ⓐ", "𐐀", "𐐨", "Ł", "é"]
_TOKEN_PIECES += ["\u0301", "1", "_", "×", "Σ", "ǅ", "Ⅰ", "J. ", "Neill", "Donald"]


def test_a_token_is_a_name_token_as_the_four_branch_pattern_read_it() -> None:
    @settings(max_examples=1000, deadline=None)
    @given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=9).map("".join))
    def check(token: str) -> None:
        assert (par._TOKEN.match(token) is None) == (_OLD_TOKEN.match(token) is None)

    check()
    for token in ("O'Neill", "O’Brien", "McDonald", "Ruiz", "J.", "J. R.", "Mc", "O'", "Łukasz"):
        assert par._TOKEN.match(token), token
    for token in ("McA.", "ruiz", "O'Ⓐ'x", "J.R.S.T.U."):
        assert (par._TOKEN.match(token) is None) == (_OLD_TOKEN.match(token) is None), token


_OLD_PREV_WORD = re.compile(r"[\w'’\-]+")
_OLD_CAP_WORD = re.compile(r"[A-ZÀ-Þ][\w'’\-]*$")


def _old_is_apposition(text: str, open_at: int, close_at: int, inner: str) -> bool:
    item = inner.strip()
    before = text[max(0, open_at - 120) : open_at].rstrip()
    caps = par._NOT_CAPS.sub("", item)
    if len(caps) >= 2 and " " not in item:
        ws = [w for w in par._LATIN_WORD.findall(before)[-10:] if w.lower() not in par._SMALL]
        initials = "".join(w[0].upper() for w in ws)
        it = iter(initials[-(len(caps) + 3) :])
        if initials.endswith(caps[-1]) and all(c in it for c in caps):
            return True
    if any(sep in item for sep in ",;&") or " and " in item or len(item.split()) > 4:
        return False
    prev = _OLD_PREV_WORD.findall(before[-60:])
    if len(prev) < 2 or not _OLD_CAP_WORD.match(prev[-1]) or not _OLD_CAP_WORD.match(prev[-2]):
        return False
    after = text[close_at : close_at + 40]
    return par._GOES_ON.match(after) is not None


_WORDS = ["Vera", "Holm", "Ana", "Ruiz", "body", "of", "the", "Acme", "Group", "O'Neill", "Ɓen", "Æsir", "ß"]
_WORDS += [" ", ", ", ". ", " and ", "-", "’", "\n", "said", "x" * 30, "Élan", "×", "_"]
_INNERS = ["AG", "Sweden", "Vera Holm", "Ana, Ben", "BC", "A & B", "VH", "JS", "one two three four five"]


def test_an_apposition_is_one_as_the_findall_reading_said() -> None:
    @settings(max_examples=1000, deadline=None)
    @given(
        st.lists(st.sampled_from(_WORDS), max_size=30).map("".join),
        st.sampled_from(_INNERS),
        st.lists(st.sampled_from(_WORDS), max_size=6).map("".join),
    )
    def check(before: str, inner: str, after: str) -> None:
        text = f"{before}({inner}){after}"
        at, close = len(before), len(before) + len(inner) + 2
        assert par.is_apposition(text, at, close, inner) == _old_is_apposition(text, at, close, inner)

    check()


def _old_is_name(item: str, known: frozenset[str] = frozenset()) -> bool:
    item = unicodedata.normalize("NFC", par._ET_AL.sub("", item.strip()))
    if not item or len(item) > 60:
        return False
    if item.lower() in known:
        return True
    toks = item.replace(".", ". ").split()
    if not toks or len(toks) > 5:
        return False
    particles = words("attribution", "particles")
    not_names, orgs = words("attribution", "not_names"), words("attribution", "org_words")
    content = [t for t in toks if t.lower() not in particles]
    if not content or toks[-1].lower() in particles:
        return False
    for t in content:
        if not _OLD_TOKEN.match(t):
            return False
        low = t.lower().strip(".")
        if low in orgs or (low in not_names and len(content) == 1):
            return False
    last = content[-1].strip(".")
    return len(last) >= 2 and not last.isupper() and not any(par._acronym_shaped(t) for t in content)


_NAME_PIECES = [
    "Jose\u0301",
    "José",
    "Ruiz",
    " et al.",
    " et al",
    ", et al",
    "de la",
    " ",
    "J.",
    "OECD",
    "Table",
]
_NAME_PIECES += ["van", "McDonald", "Ⓐ", "table", "\t"]


def test_a_name_is_one_as_before_the_shortcuts() -> None:
    known = frozenset({"josé", "ana ruiz"})

    @settings(max_examples=1000, deadline=None)
    @given(st.lists(st.sampled_from(_NAME_PIECES), max_size=6).map("".join))
    def check(item: str) -> None:
        assert par.is_name(item, known) == _old_is_name(item, known)
        assert par.is_name(item) == _old_is_name(item)

    check()


def _old_acronym_shaped(token: str) -> bool:
    for part in par._PART_SEP.split(token):
        caps = sum(1 for c in part if c.isupper())
        if caps >= 3 or (caps >= 2 and 2 * caps >= len(part)):
            return True
    return False


def test_an_acronym_is_one_as_before_the_count_of_capitals() -> None:
    @settings(max_examples=1000, deadline=None)
    @given(
        st.lists(st.sampled_from(["A", "b", "Ǆ", "ǅ", "-", "'", "’", ".", "Mc", "Do", "OS", "1"]), max_size=8)
    )
    def check(parts: list[str]) -> None:
        token = "".join(parts)
        assert par._acronym_shaped(token) == _old_acronym_shaped(token)

    check()
