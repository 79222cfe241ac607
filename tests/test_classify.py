"""The kind cues behind their word prefilter (``attribute._kinds``) give the kinds the plain
alternations gave: the reference below is the classification before the prefilter, and the new one
must agree with it on random texts and on every sentence of the bench fixtures and the corpus."""

from __future__ import annotations

import re
import string
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.attribute import _kinds
from rapporteur.attribute.claims import ParagraphCues, classify
from rapporteur.lexicon import lexicon

ROOT = Path(__file__).resolve().parent.parent


# -- the reference: every pattern of a place as two alternations, searched on every string --------


@cache
def _ref_cue(kind: str, where: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    pats = lexicon("kinds")[kind].get(where, [])

    def alt(ps: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) if ps else None

    return alt([p for p in pats if p.startswith("^")]), alt([p for p in pats if not p.startswith("^")])


def _ref_has(kind: str, where: str, text: str) -> bool:
    anchored, floating = _ref_cue(kind, where)
    return (anchored is not None and anchored.match(text) is not None) or (
        floating is not None and floating.search(text) is not None
    )


def _ref_first(text: str, start: int, end: int, kind: str) -> int | None:
    anchored, floating = _ref_cue(kind, "paragraph")
    ends = []
    if anchored is not None and (m := anchored.match(text[start:end])):
        ends.append(start + m.end())
    if floating is not None and (m := floating.search(text, start, end)):
        ends.append(m.end())
    return min(ends) if ends else None


def _ref_before(kind: str, before: str | tuple[str, int, int, int]) -> bool:
    """A cue in the paragraph before the claim: its text so far, or (text, start, end, pos) for a
    ``ParagraphCues.before(pos)``, which reads the first cue of the whole paragraph."""
    if isinstance(before, str):
        return _ref_has(kind, "paragraph", before)
    first = _ref_first(*before[:3], kind)
    return first is not None and first <= before[3]


def _ref_classify(claim: str, before: str | tuple[str, int, int, int], sentence: str, frame: str = "") -> str:
    c = claim.strip()
    for kind in ("question", "qualification", "proposal"):
        if frame and _ref_has(kind, "frame", frame):
            return kind
    if _ref_has("question", "start", c) or _ref_has("question", "end", c):
        return "question"
    if sentence.rstrip(" .)").endswith("?") and "?" in sentence:
        return "question"
    if (
        _ref_has("proposal", "any", c)
        or _ref_has("proposal", "sentence", sentence)
        or _ref_before("proposal", before)
    ) and not _ref_has("proposal", "not", c):
        return "proposal"
    if _ref_has("qualification", "start", c) or _ref_before("qualification", before):
        return "qualification"
    return "claim"


# -- random texts made of cue words, their near misses, odd capitals and case-folding characters --


def _cue_words() -> list[str]:
    words: set[str] = set()
    for places in lexicon("kinds").values():
        for pats in places.values():
            for p in pats:
                words.update(re.findall(r"[a-z]{2,}", p))
    return sorted(words)


WORDS = [*_cue_words(), "Ana Ruiz", "Acme", "others", "the", "a", "is", "that", "not"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.sampled_from(WORDS).map(str.title),
    # a word with one letter swapped for a character re.IGNORECASE equates with it
    st.sampled_from(WORDS).map(lambda w: w.replace("i", "\u0131", 1).replace("s", "\u017f", 1)),
    st.sampled_from(WORDS).map(lambda w: w.replace("I", "\u0130").replace("k", "\u212a")),
    st.sampled_from([" ", " ", " ", "  ", ", ", ". ", "? ", "?", "\n", "\u00a0", "-", "“", "”", "’", "("]),
    st.text(alphabet=string.ascii_letters + " ,.?'\u00e9\u0130\u0131\u017f\u212a", max_size=6),
)
ALL_PATTERNS = [p for places in lexicon("kinds").values() for pats in places.values() for p in pats]
# strings that match a cue pattern (hypothesis writes them from the regex), so the random texts hold
# real cues, not only their words; then, now and again, a letter swapped for a case-folding look-alike
MATCHING = st.sampled_from(ALL_PATTERNS).flatmap(
    lambda p: st.from_regex(re.compile(p, re.IGNORECASE), fullmatch=p.startswith("^"))
)
SWAPS = {"s": "\u017f", "i": "\u0131", "I": "\u0130", "k": "\u212a", "K": "\u212a"}


def _swap(text: str, at: int) -> str:
    for i in range(len(text)):
        j = (at + i) % len(text)
        if text[j] in SWAPS:
            return text[:j] + SWAPS[text[j]] + text[j + 1 :]
    return text


PIECE = st.one_of(MATCHING, PIECES, PIECES)
TEXTS = st.one_of(
    st.lists(PIECE, max_size=8).map("".join),
    st.tuples(st.lists(PIECE, max_size=6).map("".join), st.integers(0, 99)).map(lambda t: _swap(*t)),
    MATCHING,
    MATCHING.map(lambda t: _swap(t, 0)),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS, TEXTS, st.sampled_from(["", "", "asked whether", "cautioned that", "x"]) | TEXTS)
def test_classify_agrees_with_the_alternations(claim: str, before: str, sentence: str, frame: str) -> None:
    assert classify(claim, before, sentence, frame) == _ref_classify(claim, before, sentence, frame)


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_paragraph_cues_agree_with_the_alternations(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    cues = ParagraphCues(text, start, end)
    for kind in ("proposal", "qualification"):
        first = _ref_first(text, start, end, kind)
        for pos in range(start, end + 1):
            assert cues.has(kind, pos) == (first is not None and first <= pos)
        # and the before-view classify reads is the paragraph's text so far
        for pos in range(start, end + 1, 7):
            claim = text[pos:end]
            want = _ref_classify(claim, (text, start, end, pos), claim)
            assert classify(claim, cues.before(pos), claim) == want


# -- every sentence of the bench fixtures and the corpus ---------------------------------------------


def _records() -> list[str]:
    out = [resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8")]
    out += [p.read_text("utf-8") for p in sorted((ROOT / "bench" / "fixtures").glob("*.txt"))]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        out += [p.read_text("utf-8", errors="replace") for p in sorted(corpus.rglob("*.txt"))[:40]]
    return out


def test_the_fixture_sentences_get_the_alternations_kinds() -> None:
    from rapporteur.ingest import load_text
    from rapporteur.structure import structure

    seen = 0
    for raw in _records():
        doc = load_text(raw, source="t")
        text = doc.text
        for para in structure(doc).paragraphs:
            cues = ParagraphCues(text, para.start, para.end)
            for kind in ("proposal", "qualification"):
                first = _ref_first(text, para.start, para.end, kind)
                assert cues.has(kind, para.end) == (first is not None)
            for s, e in para.sentences:
                sentence = text[s:e]
                for cs in (s, s + (e - s) // 3):
                    claim = text[cs:e]
                    before = text[para.start : cs]
                    want = _ref_classify(claim, (text, para.start, para.end, cs), sentence)
                    assert classify(claim, cues.before(cs), sentence) == want
                    assert classify(claim, before, sentence, claim[:40]) == _ref_classify(
                        claim, before, sentence, claim[:40]
                    )
                    seen += 1
    assert seen > 500  # the bench fixtures alone give ~800 (CI has no corpus), with the corpus many more


# -- the prefilter's own parts ------------------------------------------------------------------------


def test_unsafe_holds_every_character_lowering_would_hide() -> None:
    """A character ``re.IGNORECASE`` equates with an ASCII one must lower to it, or be in UNSAFE
    (checked over every code point: the constant is what the prefilter's soundness rests on)."""
    ascii_chars = [c for c in string.printable if c not in "\t\n\r\x0b\x0c"]
    one = re.compile("[" + re.escape("".join(ascii_chars)) + "]", re.IGNORECASE)
    each = {c: re.compile(re.escape(c), re.IGNORECASE) for c in ascii_chars}
    hidden = set()
    for cp in range(0x80, 0x110000):
        x = chr(cp)
        if one.fullmatch(x) and any(r.fullmatch(x) and x.lower() != c.lower() for c, r in each.items()):
            hidden.add(x)
    assert hidden <= set(_kinds.UNSAFE)
    assert _kinds.lowered("Wh\u0131le") is None and _kinds.lowered("Wh\u00e9n") == "wh\u00e9n"


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bshould\b", "They SHOULD act"),
        (r"\b(?:recommend|recommends|urge)\b", "Ben Cole recommends it"),
        (r"^(?:was|were|is)\b.*\?$", "Is it so?"),
        (r"\bquestion\b(?:(?!\bquestion\b).)*\b(?:whether|why)\b", "the question is why"),
        (r"^(?:[\w,-]+\s+){0,4}(?:the|a) questions? (?:arose|is)", "Then the question arose"),
        (r"\bneeds? to be (?:studied|given)\b", "It needs to be studied"),
    ],
)
def test_a_matching_text_holds_every_required_word(pattern: str, text: str) -> None:
    assert re.search(pattern, text, re.IGNORECASE)
    low = text.lower()
    assert _kinds.possible(_kinds.required(pattern), low)
    begins = _kinds.lead(pattern) if pattern.startswith("^") else None
    assert begins is None or low.startswith(begins)
