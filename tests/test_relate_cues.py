"""Cue finding by one scan of the text for trigger words finds what tokenising each sentence found.

The reference is the per-sentence path itself (every sentence lower-cased and tokenised, then tried):
the scan must give the same cues on ordinary records, on sentences cut inside a word, and on a text
holding a character that lower-cases into ASCII letters.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapporteur.ingest.text import load_text
from rapporteur.relate_cues import _cues, _to_try, _trie, _trigger_rx, families, find_cues
from rapporteur.structure import Structure, structure

BODY = (
    "Ana Ruiz held that the fund is too small (Ruiz). But others argued that it was large enough "
    "(Cole).\n\nSome participants vigorously disagreed with this interpretation. They said the audit "
    "shows waste (Holm).\n\nOther members offered important qualifications (Cole) and (Holm). "
    "Questions were raised about the viability of the plan (Acme).\n"
)


def _reference(st: Structure) -> list:
    text = st.doc.text
    flat = ((s, e, pi, None, None, 0) for pi, p in enumerate(st.paragraphs) for s, e in p.sentences)
    return _cues(text, flat)


def _key(cues: list) -> list:
    return [(c.family.name, c.span.start, c.span.end, c.type, c.sources, c.paragraph) for c in cues]


def _st(body: str) -> Structure:
    return structure(load_text("# R\n\n## T\n\n" + body, source="t.md"))


def test_scan_finds_what_tokenising_found() -> None:
    st = _st(BODY)
    got = find_cues(st)
    assert len(got) >= 3
    assert _key(got) == _key(_reference(st))


def test_sentence_cut_inside_a_word() -> None:
    """A sentence that ends inside a word ("... others disagreed|ly") has "disagreed" as its last
    word when tokenised alone, and its pattern matches there; the whole-text scan sees "disagreedly":
    such a sentence is tokenised on its own."""
    st = _st("Ana Ruiz held that the fund is small (Ruiz). Others disagreedly said it was large (Cole).\n")
    text = st.doc.text
    cut = text.index("disagreedly") + len("disagreed")
    paras = []
    for p in st.paragraphs:
        sents: list[tuple[int, int]] = []
        for s, e in p.sentences:
            sents += [(s, cut), (cut, e)] if s < cut < e else [(s, e)]
        paras.append(replace(p, sentences=tuple(sents)))
    st = replace(st, paragraphs=paras)
    got = find_cues(st)
    assert _key(got) == _key(_reference(st))
    assert [c.span.end for c in got] == [cut]


def test_text_with_a_character_lowering_into_ascii() -> None:
    """U+0130 lower-cases to two characters: the lower-cased text is not aligned, so every sentence is
    tokenised on its own, as before."""
    st = _st("\u0130lkay Acme held that the fund is small (Ruiz). But others argued it was large (Cole).\n")
    assert _key(find_cues(st)) == _key(_reference(st))
    assert find_cues(st)


def test_trie_keeps_every_word_and_only_them() -> None:
    import re

    words = ["take", "takes", "taken", "took", "but", "by"]
    rx = re.compile("(?:" + _trie(sorted(words)) + r")\Z")
    assert all(rx.match(w) for w in words)
    assert not any(rx.match(w) for w in ("tak", "tooks", "b", "bu", "byt"))


def test_long_text_scanned_block_by_block() -> None:
    """A record longer than one block (64K characters), with a U+0130 in one of its blocks: the cues
    are the per-sentence path's, across block edges, and in the block tokenised sentence by sentence."""
    rounds = [BODY.replace("Ana Ruiz", "\u0130lkay Ruiz") if i == 150 else BODY for i in range(600)]
    st = _st("\n".join(rounds))
    assert len(st.doc.text) > 2 * (1 << 16)
    got = find_cues(st)
    assert len(got) >= 1800
    assert _key(got) == _key(_reference(st))


def _bits(text: str, s: int, e: int) -> int:
    words = set(re.findall("[a-z]+", text[s:e].lower()))
    return sum(1 << k for k, f in enumerate(families()) if not f.trigger.isdisjoint(words))


def test_trigger_bits_are_the_tokenised_ones() -> None:
    """Sentence by sentence, the families the scan lets be tried are those tokenising gives, with
    trigger words at a sentence's very start and end, a capitalised one, and U+0130s that lengthen
    the lower case of a block before them."""
    edge = "Others disagreed\n\nBut others argued\n\nThose who argue\n\nthey took issue with this view"
    odd = "\u0130\u0130\u0130 but others argued, however. TOOK issue with this view"
    body = "\n\n".join(x for i in range(400) for x in [BODY, edge, odd if i == 200 else odd[4:], BODY])
    st = _st(body)
    text = st.doc.text
    flat = [(s, e, pi) for pi, p in enumerate(st.paragraphs) for s, e in p.sentences]
    rx = _trigger_rx()
    assert rx is not None
    starts, ends, pis = ([x[i] for x in flat] for i in range(3))
    got = {(s, e): bits for s, e, _, bits, _, _ in _to_try(text, starts, ends, pis, rx)}
    for s, e, _ in flat:
        want = _bits(text, s, e)
        have = got.get((s, e), 0)
        assert (have is None and (s, e) in got) or have == want, text[s:e]
    assert sum(1 for b in got.values() if b is None) < len(got)  # most blocks are scanned


def test_lowered_search_is_the_case_blind_one() -> None:
    """Patterns searched case-sensitively on the lower-cased block find what they found ignoring case
    on the text: in mixed and upper case, after a digit glued to a sentence's start, and in a block
    holding U+0131 or U+017F (which ignoring case equates with ASCII letters: searched as before)."""
    shouty = (
        "Ana Ruiz held that the fund is small (Ruiz). BUT OTHERS ARGUED IT WAS LARGE (Cole).\n\n"
        "Vera Holm held the plan sound (Holm). SoMe PaRtIcIpAnTs DiSaGrEeD WiTh ThIs ViEw (Cole).\n\n"
        "Ben Cole held it (Cole). 5But others argued that it was not (Holm).\n"
    )
    odd = "Ben Cole held it (Cole). But other\u017f argued the \u0131 case (Holm).\n"
    body = "\n\n".join(x for i in range(300) for x in [shouty, odd if i == 100 else BODY])
    st = _st(body)
    got = find_cues(st)
    assert len(got) >= 900
    assert _key(got) == _key(_reference(st))


def test_blocks_are_cut_where_a_bisection_of_all_the_sentences_cuts_them(monkeypatch) -> None:
    """The blocks read from the paragraphs one at a time are those the ends of every sentence, bisected,
    give: from a sentence over the next ones ending within ``_BLOCK`` of its start, one at least."""
    from bisect import bisect_right

    from rapporteur import relate_cues

    st = _st("\n\n".join([BODY] * 30))
    flat = [(s, e, pi) for pi, p in enumerate(st.paragraphs) for s, e in p.sentences]
    starts, ends = [s for s, _, _ in flat], [e for _, e, _ in flat]
    for size in (1, 40, 200, 5000):
        monkeypatch.setattr(relate_cues, "_BLOCK", size)
        want, i = [], 0
        while i < len(flat):
            j = max(i + 1, bisect_right(ends, starts[i] + size, i))
            want.append(([x[0] for x in flat[i:j]], [x[1] for x in flat[i:j]], [x[2] for x in flat[i:j]]))
            i = j
        assert list(relate_cues._blocks(st.paragraphs)) == want
        assert _key(find_cues(st)) == _key(_reference(st))
