"""The faster look-ups of reported speech give what the plain readings they replace give.

``frames._but_verb`` reads "but/and (also) VERB" in steps with the one compiled verb pattern, where one
case-insensitive pattern embedding every verb form was compiled before; ``Mentions.canonical`` finds a
cited name's voice in two dicts, where it compared the name with every voice. Each is checked here
against the plain reading, on made-up names and clauses.
"""

from __future__ import annotations

import itertools
import random
import re

from rapporteur.attribute import frames, speech
from rapporteur.attribute.mentions import Mentions, _toks


def _old_but_verb() -> re.Pattern[str]:
    return re.compile(r"\s+(but|and)\s+(?:also\s+)?(" + speech.verb_alt() + r")\b", re.I)


_WS = ["", " ", "  ", "\n", "x"]
_CONJ = ["but", "BUT", "and", "And", "or", "bu"]
_ALSO = ["", "also ", "ALSO  ", "alſo ", "also", "alsoargued "]
_VERB = ["argued", "Argued", "pointed out", "pointed  out", "said", "saidx", "noted", "agreed", "also", ""]
_TAIL = ["", " that", ",", "s", " x"]


def _clauses() -> list[str]:
    rnd = random.Random(13)
    out = []
    for _ in range(4000):
        ws = rnd.choice(_WS[1:4])
        parts = (
            ws,
            rnd.choice(_CONJ),
            rnd.choice(_WS),
            rnd.choice(_ALSO),
            rnd.choice(_VERB),
            rnd.choice(_TAIL),
        )
        out.append("".join(parts))
    return out


def test_but_verb_matches_the_one_pattern() -> None:
    old_rx, matched = _old_but_verb(), 0
    for rest in _clauses():
        old = old_rx.match(rest)
        new = frames._but_verb(rest)
        if old is None:
            assert new is None, rest
            continue
        matched += 1
        assert new is not None, rest
        conj, vm = new
        assert (conj, vm.group(0), vm.end()) == (old.group(1), old.group(2), old.end()), rest
    assert matched > 100  # the clauses reach the verb often enough to test something


def _old_canonical(m: Mentions, cited: str) -> tuple[str, ...] | str | None:
    """The cited name's voice as a scan of every voice finds it (the full-name index left out)."""
    ct = _toks(cited)
    if not ct:
        return cited
    for i, vt in enumerate(m._toks):
        if vt == ct:
            return m.voices[i].name
    n = len(ct)
    fits = [m.voices[i] for i, vt in enumerate(m._toks) if len(vt) > n and (vt[-n:] == ct or vt[:n] == ct)]
    if len(fits) == 1:
        return fits[0].name
    if len(fits) > 1:
        return tuple(v.name for v in fits)
    return cited


_FIRST = ["Ana", "Ben", "Vera", "Dora", "Ana Maria"]
_LAST = ["Ruiz", "Cole", "Holm", "Quist", "Cole-Holm", "Ruiz Cole"]


def test_canonical_agrees_with_a_scan_of_every_voice() -> None:
    rnd = random.Random(7)
    names = [" ".join(p) for p in itertools.product(_FIRST, _LAST)] + _FIRST + _LAST
    for _ in range(200):
        m = Mentions()
        for step in range(25):
            cited = rnd.choice(names)
            before = len(m.notes)
            want = _old_canonical(m, cited)
            got = m.canonical(cited)
            if isinstance(want, tuple):
                assert got is None
                assert m.notes[before:] == [f"'{cited}' could name {' or '.join(want)}; left unattributed"]
            else:
                assert got == want
            m.add(cited, step)


def test_representatives_of_matches_the_plain_search() -> None:
    plain = speech.rx("representatives", r"\b(?:{})\s+of\s+(?:the\s+)?$")
    rnd = random.Random(3)
    pieces = [
        "the",
        "The",
        "THE",
        "of",
        "OF",
        "Of",
        "representatives",
        "Delegates",
        "members",
        "x",
        "thé",
        "ok",
    ]
    spaces = [" ", "  ", "\n", "\t", ""]
    matched = 0
    for _ in range(4000):
        prefix = "".join(rnd.choice(pieces) + rnd.choice(spaces) for _ in range(rnd.randint(0, 5)))
        want = plain.search(prefix)
        got = speech._representatives_of(prefix)
        assert (got and got.span()) == (want and want.span()), prefix
        matched += want is not None
    assert matched > 50


def test_no_opener_starts_with_two_letters_no_opener_starts_with() -> None:
    """``find_subject`` skips ``strip_openers`` where a candidate's first two letters start no opener."""
    heads = speech._opener_heads()
    assert heads is not None
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for a, b in itertools.product(letters, letters):
        if (a + b).lower() not in heads:
            for tail in ("", "x", " and", "so, ", "wever, "):
                assert speech.strip_openers(a + b + tail) == (0, None), a + b + tail


def test_last_word_starts_are_those_of_the_look_back_pattern() -> None:
    start = re.compile(r"[\w'’\-](?<![\w'’\-][\w'’\-])")
    rnd = random.Random(5)
    chars = "ab Z-'’.,( \n9é_"
    for _ in range(3000):
        seg = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 300)))
        n = rnd.choice([1, 3, 12])
        want = [m.start() for m in start.finditer(seg)][-n:]
        assert speech._last_word_starts(seg, n) == want, (seg, n)


def test_last_blocking_is_the_last_alpha_token_of_the_list() -> None:
    token = re.compile(r"[A-Za-z](?<!\S[A-Za-z])[A-Za-z]*(?!\S)")
    bl = frozenset({"it", "was", "which"})
    rnd = random.Random(11)
    pieces = ["it", "It", "was", "WAS", "which", "x", "(it", "it,", "ít", "Ana", " ", " ", "\n", "\t"]
    for _ in range(3000):
        seg = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        lo = rnd.randint(0, len(seg))
        want = -1
        for m in token.finditer(seg, lo):
            if m.group(0).lower() in bl:
                want = m.start()
        assert speech._last_blocking(seg, lo, bl) == want, (seg, lo)


def _old_boundary(prefix: str) -> bool:
    p = prefix.rstrip()
    if not p or re.search(r"(?:[,;:(—–|]|\*\*|^)\s*$", p):
        return True
    return not re.sub(r"^[\s\d.|*#>-]+", "", p)


def test_boundary_reads_the_prefix_as_the_search_did() -> None:
    rnd = random.Random(17)
    pieces = [
        " ",
        "\n",
        "\t",
        "x",
        "Ana",
        ",",
        ";",
        ":",
        "(",
        "—",
        "–",
        "|",
        "*",
        "**",
        "#",
        ">",
        "-",
        "1",
        ".",
        "é",
    ]
    for _ in range(5000):
        prefix = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert speech._boundary(prefix) == _old_boundary(prefix), prefix


def test_verb_last_matches_the_case_insensitive_search() -> None:
    from rapporteur.attribute import reported

    plain = re.compile(r"\s+(" + speech.verb_alt() + r")(?:\s+(?:of|about|on|to|in)\s+[^,;:]{1,40})?$", re.I)
    rnd = random.Random(19)
    pieces = ["Ana Ruiz", "she", " ", "  ", "\n", "asked", "ASKED", "Said", "pointed out", "of", "About", "this",
              "practice", ",", ";", "x" * 30, "é", "ſaid"]  # fmt: skip
    matched = 0
    for _ in range(4000):
        tail = "".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 6)))
        want = plain.search(tail)
        got = reported._verb_last(tail)
        assert (got and (got.span(), got.group(1).lower())) == (
            want and (want.span(), want.group(1).lower())
        ), tail
        matched += want is not None
    assert matched > 300
