"""Run every lexicon pattern (and the sentence splitter) against adversarial strings; print the
slowest as JSON. Run as a script by ``test_linear.py`` so a runaway pattern is stopped by a timeout."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time

import rapporteur.attribute
from rapporteur import relate, structure
from rapporteur.attribute import claims, speech
from rapporteur.lexicon import lexicon

# Modules whose own compiled patterns (module-level ``re.Pattern``s) are tried at one position, so a
# pattern that backtracks catastrophically anywhere shows, whatever way the module applies it.
MODULES = [
    f"rapporteur.attribute.{m.name}" for m in pkgutil.iter_modules(rapporteur.attribute.__path__)
] + [
    f"rapporteur.{m.name}" for m in pkgutil.iter_modules(rapporteur.__path__)
    if m.name in ("structure", "blocks", "sentences", "rosters", "resolve") or m.name.startswith("relate")
] + ["rapporteur.ingest.markdown"]  # fmt: skip


def _lazy(mod: object) -> dict[str, re.Pattern[str]]:
    """A module's patterns compiled on first use: those a module ``__getattr__`` serves from its
    ``_LAZY`` table, and those a cached function of no arguments returns (alone or in a tuple), so a
    pattern made lazy for start-up is still tried here."""
    import inspect

    out: dict[str, re.Pattern[str]] = {}
    for name in getattr(mod, "_LAZY", {}) or {}:
        value = getattr(mod, name, None)
        if isinstance(value, re.Pattern):
            out[name] = value
    for attr, fn in list(vars(mod).items()):
        if not (callable(fn) and hasattr(fn, "cache_info")) or getattr(fn, "__module__", "") != mod.__name__:  # type: ignore[attr-defined]
            continue
        try:
            if inspect.signature(inspect.unwrap(fn)).parameters:
                continue
            got = fn()
        except (TypeError, ValueError):
            continue
        for i, value in enumerate(got if isinstance(got, tuple) else (got,)):
            if isinstance(value, re.Pattern):
                out[f"{attr}()[{i}]"] = value
    return out


N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000


# Patterns the code only ever tries at one position (``match``): a search would try them everywhere,
# which is not how they run. Every other pattern is searched.
MATCHED = (
    "attribution.frames",
    "attribution.new_view",
    "attribution.leading_connectives",
    "attribution.continuation",
    "attribution.narrative",
    "relations.carries_on",
    ".alternation0",
)


def patterns() -> dict[str, re.Pattern[str]]:
    out: dict[str, re.Pattern[str]] = {}
    for kind, places in lexicon("kinds").items():
        for where, pats in places.items():
            for i, p in enumerate(pats):
                out[f"kinds.{kind}.{where}[{i}]"] = re.compile(p, re.IGNORECASE)
            for j, rx in enumerate(claims._cue(kind, where)):
                if rx is not None:
                    out[f"kinds.{kind}.{where}.alternation{j}"] = rx
    for f in relate.families():
        for i, rx in enumerate(f.patterns):
            out[f"relations.{f.name}[{i}]"] = rx
    for key in ("continues", "carries_on"):
        out[f"relations.{key}"] = relate._rx(key)
    out["relations.views"] = relate._view_rx()
    for i, rx in enumerate(relate._qualify_if()):
        out[f"relations.qualify_if[{i}]"] = rx
    for i, rx in enumerate(claims.compiled("attribution", "exception_before")):
        out[f"attribution.exception_before[{i}]"] = rx
    for i, rx in enumerate(claims.frame_res()):
        out[f"attribution.frames[{i}]"] = rx
    out["attribution.new_view"] = claims.new_view_re()
    out["attribution.leading_connectives"] = claims.lexicon_re("leading_connectives")
    out["attribution.continuation"] = claims.lexicon_re("continuation")
    out["attribution.meta_words"] = claims.framing_re()
    out["reporting.verbs"] = speech.verb_re()
    out["structure._SENT_END"] = structure._SENT_END
    for name in MODULES:
        mod = importlib.import_module(name)
        for attr, value in vars(mod).items():
            if name in ("rapporteur.structure", "rapporteur.sentences") and attr == "_ABBREV_WORD":
                continue  # only ever run on a window ending at a sentence end: timed via split_sentences
            if isinstance(value, re.Pattern) and value.pattern:
                out.setdefault(f"{name}.{attr}.match", value)
        for attr, value in _lazy(mod).items():
            if value.pattern:
                out.setdefault(f"{name}.{attr}.match", value)
    return out


def adversarial(rx: re.Pattern[str]) -> dict[str, str]:
    """Long runs of each kind of character, and each word of the pattern itself repeated."""
    out = {}
    for name, unit in {
        "letters": "a",
        "capitals": "A",
        "spaces": " ",
        "newlines": "\n",
        "dots": ".",
        "bangs": "!",
        "questions": "?",
        "commas": ",",
        "opens": "(",
        "closes": ")",
        "quotes": "'",
        "curly": "”",
        "dashes": "-",
        "digits": "1",
        "accents": "é",
        "words": "ab ",
        "initials": "A. ",
        "listed": "a, ",
        "dotted": "a.",
        "semis": "a; ",
        "mixed": "Ab, cd. (Ef) ",
    }.items():
        out[name] = unit * (N // len(unit))
        out[name + "+x"] = unit * (N // len(unit)) + "\x00"
    for w in sorted(set(re.findall(r"[a-z]{3,}", rx.pattern.lower())))[:80]:
        out[f"'{w} '*"] = (w + " ") * (N // (len(w) + 1))
    return out


def main() -> None:
    worst: list[tuple[float, str, str]] = []
    for pname, rx in patterns().items():
        for sname, s in adversarial(rx).items():
            t = time.perf_counter()
            if pname.endswith(".match") or any(m in pname for m in MATCHED):
                rx.match(s)
            else:
                rx.search(s)
            worst.append((time.perf_counter() - t, pname, sname))
    # the sentence splitter as it is used: its abbreviation test only ever sees a window that ends
    # where a sentence end matched, so it is timed through split_sentences, not on its own
    for sname, s in adversarial(re.compile("question whether")).items():
        t = time.perf_counter()
        structure.split_sentences(s, 0, len(s))
        worst.append((time.perf_counter() - t, "structure.split_sentences", sname))
    worst.sort(reverse=True)
    print(json.dumps({"count": len(worst), "worst": worst[:10]}))


if __name__ == "__main__":
    main()
