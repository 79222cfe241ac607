"""Cue lexicons kept as data (``data/lexicon/*.yaml``), so rules stay general and words stay editable.

The YAML files are the source. Parsing them -- and importing PyYAML at all -- was ~15 ms of every
``map``, so ``data/lexicon/compiled.json`` carries each file's parsed form beside the exact text it was
parsed from: a lexicon whose YAML is no longer that text is parsed from the YAML, as before, so an
edit is never missed, only slower until ``python -m rapporteur.lexicon`` writes the JSON again
(``tests/test_lexicon_cache.py`` says when).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rapporteur import _regex as re

_DIR = Path(__file__).with_name("data") / "lexicon"
_COMPILED = _DIR / "compiled.json"


def _source(name: str) -> str:
    try:
        return (_DIR / f"{name}.yaml").read_text("utf-8")
    except OSError:  # a package installed as a zip: no plain files
        from importlib import resources

        return resources.files("rapporteur").joinpath("data", "lexicon", f"{name}.yaml").read_text("utf-8")


def parse(text: str) -> Any:
    """A lexicon's YAML, with libyaml's loader when PyYAML was built with it (the pure-Python one took
    34-44 ms of every start-up); a safe loader either way."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@cache
def _compiled() -> dict[str, Any]:
    try:
        return json.loads(_COMPILED.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed lexicon ``data/lexicon/<name>.yaml``; cached, since stages call it per document."""
    text = _source(name)
    hit = _compiled().get(name)
    if hit is not None and hit["source"] == text:
        return hit["data"]
    return parse(text)


@cache
def words(name: str, key: str) -> frozenset[str]:
    """One list of a lexicon as a lower-cased set."""
    return frozenset(str(w).lower() for w in lexicon(name).get(key, []))


def longest_first(items: Iterable[str]) -> list[str]:
    """Words in the order an alternation of them wants: a longer word before its prefix, and words of
    one length in a fixed order. ``key=len`` alone left a set's words of one length in the set's order,
    which string hashing changes in every process: the same lexicon made another pattern each run, so
    each run compiled it anew and left one more copy of it in the pattern store."""
    return sorted(items, key=lambda w: (-len(w), w))


def _same(a: Any, b: Any) -> bool:
    """Equal, of the same types and in the same order all the way down (JSON has no dates, sets or
    integer keys; a lexicon's order can matter to the pattern made of it)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(k) is str and _same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def compile_all() -> dict[str, Any]:
    """Every lexicon's text and parsed form, for ``compiled.json``; one whose parsed form JSON cannot
    carry exactly is left out (it is parsed from its YAML)."""
    out: dict[str, Any] = {}
    for path in sorted(_DIR.glob("*.yaml")):
        text = path.read_text("utf-8")
        data = parse(text)
        if _same(json.loads(json.dumps(data)), data):
            out[path.stem] = {"source": text, "data": data}
    return out


def alternation(items: Iterable[str]) -> str:
    """Words as one regex alternation shaped as a trie ("s(?:aid|ays|tated)|a(?:rgued|sked)"), a space
    in a phrase matching any run of whitespace. Python's ``re`` tries every branch of a flat alternation
    at every position; the trie lets one letter rule most branches out, several times faster on the long
    verb and role lists, with the same matches (a longer word is still preferred to its prefix). Kept
    between runs (``_regex.remembered``): building the tries of the lexicons was a few ms of each start."""
    return re.remembered(_trie, tuple(sorted(set(items))))


def _trie(items: tuple[str, ...]) -> str:
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


if __name__ == "__main__":
    _COMPILED.write_text(json.dumps(compile_all(), ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {_COMPILED}")
