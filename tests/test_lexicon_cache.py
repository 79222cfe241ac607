"""``data/lexicon/compiled.json`` spares every start PyYAML: it must hold each lexicon exactly as its
YAML parses, and a YAML edited since must be read from the YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapporteur import lexicon as lx


def test_the_compiled_lexicons_are_current() -> None:
    names = sorted(p.stem for p in Path(lx._DIR).glob("*.yaml"))
    stale = [n for n in names if lx._compiled().get(n, {}).get("source") != lx._source(n)]
    assert not stale, (
        f"lexicons edited since compiled.json was written: {stale}; run python -m rapporteur.lexicon"
    )
    for name in names:
        assert lx._same(lx._compiled()[name]["data"], lx.parse(lx._source(name)))


def test_an_edited_lexicon_is_read_from_its_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lx, "_compiled", lambda: {"kinds": {"source": "old text", "data": {"stale": True}}})
    lx.lexicon.cache_clear()
    try:
        got = lx.lexicon("kinds")
    finally:
        lx.lexicon.cache_clear()
    assert "stale" not in got
    assert lx._same(got, lx.parse(lx._source("kinds")))


def test_same_tells_order_and_types_apart() -> None:
    assert lx._same({"a": [1, "x"], "b": None}, {"a": [1, "x"], "b": None})
    assert not lx._same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # an alternation's order is the file's
    assert not lx._same({"a": 1}, {"a": 1.0})
    assert not lx._same({"a": True}, {"a": 1})
    assert not lx._same({1: "x"}, {"1": "x"})
