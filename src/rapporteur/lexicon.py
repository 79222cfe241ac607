"""Cue lexicons kept as data (``data/lexicon/*.yaml``), so rules stay general and words stay editable."""

from __future__ import annotations

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
