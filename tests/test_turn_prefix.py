"""``quick_search`` answers as the plain case-blind alternation does, on any text, whatever the patterns
start with (literals, classes, optional words, lookarounds) and whatever case folding does to them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rapporteur.attribute._turn_prefix import quick_search
from rapporteur.lexicon import lexicon

_PATTERN_SETS = [
    [r"\bonly\s+if\b", r"\bwith\s+the\s+caveat\b"],
    [r"\bI\s+(?:would\s+)?(?:propose|suggest)\b", r"\blet(?:'|’)?s\s+(?!see\b)\w+"],
    [r"(?:i\s+)?(?:fully\s+)?agree\b", r"\+1\b", r"-1\b"],
    [r"[A-Z][a-z]+\s+said\b", r"(?=x)xy", r"(?<!a)bc"],
    [r"\bstraße\b", r"\bKelvin\b", r"ſun", r"İstanbul", r"é+t"],  # case folding onto and off ASCII
    [r"\w+ly\b"],  # a first class it cannot read: compiled as it is
    [r"(?:ab)?", r"x*"],  # can match the empty string: compiled as it is
    [r"(?>ab|cd)e", r"[0-9]{2}:[0-9]{2}"],
]

_PIECES = [
    "only if",
    "Only  If",
    "ONLY\tIF",
    "with the caveat",
    "I would propose",
    "i suggest",
    "let's go",
    "let’s see",
    "lets",
    "agree",
    "I fully agree",
    "+1",
    "-1",
    "Ana said",
    "ana said",
    "xy",
    "abc",
    "xbc",
    "straße",
    "STRASSE",
    "KELVIN",
    "\u212aelvin",
    "sun",
    "SUN",
    "\u017fun",
    "istanbul",
    "\u0130stanbul",
    "\u0131stanbul",
    "été",
    "ÉTÉ",
    "quickly",
    "abe",
    "cde",
    "12:30",
    " ",
    ".",
    "\n",
    "x",
    "a",
]


@pytest.mark.parametrize("patterns", _PATTERN_SETS)
@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), max_size=8).map(" ".join))
@example(text="")
def test_quick_search_says_what_the_alternation_says(patterns: list[str], text: str) -> None:
    plain = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    quick = quick_search(patterns)
    assert quick is not None
    assert bool(quick.search(text)) == bool(plain.search(text))


@pytest.mark.parametrize("kind", ["proposal", "qualification"])
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="onlyifwthecavatIpsugrmd'’ \t\n.,?\u212a\u017f\u0131\u0130", max_size=40))
def test_the_turn_cues_quick_search_agrees_on_any_text(kind: str, text: str) -> None:
    pats = [p for p in lexicon("turns")[kind] if not p.startswith("^")]
    plain = re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
    quick = quick_search(pats)
    assert quick is not None
    assert bool(quick.search(text)) == bool(plain.search(text))


def test_no_patterns_no_search() -> None:
    assert quick_search([]) is None


def test_a_readable_first_class_is_searched_from_its_characters() -> None:
    """The skipping is what the module is for: the compiled pattern opens with the class."""
    quick = quick_search([r"\bonly\s+if\b"])
    assert quick is not None and quick.pattern.startswith("[^")
    fallback = quick_search([r"\w+ly\b"])
    assert fallback is not None and fallback.flags & re.IGNORECASE
