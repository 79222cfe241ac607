"""Cue lexicons kept as data (``data/lexicon/*.yaml``), so rules stay general and words stay editable."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it: the pure-Python one took 34-44 ms of every start-up
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed lexicon ``data/lexicon/<name>.yaml``; cached, since stages call it per document."""
    text = resources.files("rapporteur").joinpath("data", "lexicon", f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader) or {}  # a safe loader, C or Python


@cache
def words(name: str, key: str) -> frozenset[str]:
    """One list of a lexicon as a lower-cased set."""
    return frozenset(str(w).lower() for w in lexicon(name).get(key, []))


def alternation(items: Iterable[str]) -> str:
    """Words as one regex alternation shaped as a trie ("s(?:aid|ays|tated)|a(?:rgued|sked)"), a space
    in a phrase matching any run of whitespace. Python's ``re`` tries every branch of a flat alternation
    at every position; the trie lets one letter rule most branches out, several times faster on the long
    verb and role lists, with the same matches (a longer word is still preferred to its prefix)."""
    tree: dict[str, dict] = {}
    for item in items:
        node = tree
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        parts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(k for k in node if k)
        ]
        if not parts:
            return ""
        body = "|".join(parts)
        if "" in node:
            return f"(?:{body})?"
        return body if len(parts) == 1 else f"(?:{body})"

    return emit(tree) or "(?!)"
