"""``re``, with the compiled form of its patterns kept on disk between runs.

Modules import it as ``re`` (``from rapporteur import _regex as re``); everything but ``compile`` is
``re``'s own. Why: a map's first record compiles some 250 patterns, most of them built from the cue
lexicons (alternations of thousands of characters), about 70 ms of the 230 ms ``rapporteur map
report.txt`` takes: more than all its other first-use work together (``bench/startup.py
--breakdown``). ``re`` keeps compiled patterns only in memory, for one process.

``re.compile`` parses a pattern into a list of opcodes and hands that list to ``_sre.compile``; the
parse is the slow part, in pure Python, and its result depends only on the pattern, the flags and the
Python build. So the list is stored, keyed by pattern and flags, in one file per Python build, and a
pattern met again is made by ``_sre.compile`` from the stored list: the same object ``re.compile``
makes (``tests/test_regex_cache.py`` compares them), in about 1/40 of the time. ``_sre`` checks
every list it is given, as it does for ``re``'s own.

The file lives in ``$RAPPORTEUR_CACHE_DIR`` (else ``$XDG_CACHE_HOME/rapporteur``, else
``~/.cache/rapporteur``); ``RAPPORTEUR_CACHE_DIR=`` (empty) turns the store off. It is read once, at
the first pattern, and written once, when the process ends, only if it compiled a pattern the file did
not hold, by replacing it whole (so two processes at once leave one or the other's file, never a
mixture). Anything unexpected (no home, a read-only or full disk, a damaged file, a Python without
the private names used here) falls back to ``re.compile`` without a word: the store only saves time.

``remembered(fn, arg)`` keeps beside them the answers of pure functions that read a pattern or a word
list into plain data (the words a kind cue needs, a lexicon's trie): the same kind of pure-Python work
as the parse (``bench/startup.py --instructions`` counts what a start costs), keyed so an edited module
is never answered from an older one.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from re import *  # noqa: F403  (this module stands in for re)
from re import Match, Pattern, error, escape  # noqa: F401  (named for type checkers and readers)
from typing import Any, TypeVar

T = TypeVar("T")

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _code = _compiler._code
    _sre_compile = _sre.compile
except (ImportError, AttributeError):  # another Python: re.compile alone
    _sre = None  # type: ignore[assignment]
    _sre_compile = None

# the opcodes are packed as 32-bit words, _sre's code unit; where either differs, re.compile alone
_CODE = next((t for t in "IL" if array(t).itemsize == 4), "")
if not _CODE or getattr(_sre, "CODESIZE", 0) != 4:
    _sre_compile = None
_MAX_ENTRIES = 2048  # bounds the file and this process's table; a pattern beyond it goes to re.compile
_UNSAFE = re.DEBUG | getattr(re, "TEMPLATE", 0)  # flags re.compile treats apart

_stored: dict[tuple[str | bytes, int], tuple[Any, ...]] | None = None  # read from the file at first use
# This process's patterns, in order: the stored entry (what ``save`` writes) and the Pattern made from
# it, handed out again as re's own cache does, so a pattern compiled inside a function costs a lookup.
_used: dict[tuple[str | bytes, int], tuple[tuple[Any, ...], Pattern[Any]]] = {}
_added = False
# Answers of ``remembered`` functions: key ("@", the function's tag, its argument) -> the answer.
_kept: dict[tuple[str, str, Any], Any] = {}
_tags: dict[Any, str | None] = {}


def cache_file() -> Path | None:
    """The file for this Python build, or None when the store is turned off."""
    where = os.environ.get("RAPPORTEUR_CACHE_DIR")
    if where == "":
        return None
    if where is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        where = os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "rapporteur")
    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
    return Path(where) / f"patterns2-{build}.marshal"  # 2: opcodes packed as bytes


def compile(pattern: Any, flags: int | RegexFlag = 0) -> Pattern[Any]:  # noqa: F405
    """``re.compile(pattern, flags)``, made from the stored opcodes when the pattern was compiled before."""
    flags = int(flags)
    if _sre_compile is None or flags & _UNSAFE or pattern.__class__ not in (str, bytes):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    made = _used.get(key)
    if made is not None:
        return made[1]
    if len(_used) >= _MAX_ENTRIES:
        return re.compile(pattern, flags)
    entry = _load().get(key)
    if entry is not None:
        try:
            compiled = _made(pattern, entry)
        except Exception:  # a damaged entry: compile it anew
            entry = None
    if entry is None:
        entry = _entry(pattern, flags)  # raises re.error for a bad pattern, as re.compile does
        compiled = _made(pattern, entry)
        _note_added()
    _used[key] = (entry, compiled)
    return compiled


def remembered(fn: Callable[[Any], T], arg: Any) -> T:
    """``fn(arg)``, kept in the store beside the patterns between runs.

    For the pure functions that read a pattern or a word list into plain data (the words a pattern
    cannot match without, a lexicon's words as one trie-shaped alternation): pure-Python work of the
    same kind as ``re``'s parse, paid at every start though its answer depends only on its argument and
    the code. ``arg`` and the answer must be what ``marshal`` stores (strings, numbers, tuples, lists,
    dicts); an answer read back is data, never run. The key holds the function's name and its module
    file's size and modification time, so an edited or upgraded module is never given an older answer;
    where that cannot be read (no file), or the store is off or full, ``fn(arg)`` is simply called.
    """
    tag = _tags.get(fn, "")
    if tag == "":
        tag = _tags[fn] = _tag(fn)
    if tag is None:
        return fn(arg)
    key = ("@", tag, arg)
    try:
        return _kept[key]  # type: ignore[no-any-return]
    except KeyError:
        pass
    except TypeError:  # an argument that cannot be a key
        return fn(arg)
    got = _load().get(key, _kept)  # _kept: a sentinel no answer can be
    if got is _kept:
        got = fn(arg)
        if len(_used) + len(_kept) >= _MAX_ENTRIES:
            return got  # type: ignore[no-any-return]
        _note_added()
    _kept[key] = got
    return got  # type: ignore[no-any-return]


def _tag(fn: Any) -> str | None:
    try:
        st = os.stat(sys.modules[fn.__module__].__file__)  # type: ignore[arg-type]
    except (KeyError, AttributeError, TypeError, OSError):
        return None
    return f"{fn.__module__}.{fn.__qualname__}:{st.st_size}:{st.st_mtime_ns}"


def _entry(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands ``_sre.compile`` after the pattern, the opcodes packed as
    the bytes of an ``array`` of 32-bit words (``_sre``'s own code unit): ``marshal`` reads bytes back
    at the speed of a copy, where a list of ints costs an object per opcode -- the whole file is read
    at each start, most of it patterns the command will not meet, and as lists it took 12.8 ms to
    read 846 patterns."""
    parsed = _parser.parse(pattern, flags)
    code = array(_CODE, _code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _made(pattern: str | bytes, entry: tuple[Any, ...]) -> Pattern[Any]:
    flags, packed, groups, groupindex, indexgroup = entry
    code = array(_CODE)
    code.frombytes(packed)
    return _sre_compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)  # type: ignore[misc]


def _load() -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
    global _stored
    if _stored is None:
        _stored = {}
        path = cache_file()
        if path is not None:
            try:
                got = marshal.loads(path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                got = None
            if isinstance(got, dict):
                _stored = got
    return _stored


def _note_added() -> None:
    global _added
    if not _added:
        _added = True
        atexit.register(save)


def save() -> None:
    """Write this process's patterns (first) and the file's others, up to ``_MAX_ENTRIES``, if any is new."""
    global _added
    path = cache_file()
    if not _added or path is None:
        return
    merged: dict[Any, Any] = {key: entry for key, (entry, _) in _used.items()}
    merged.update(_kept)
    for key, entry in _load().items():
        if len(merged) >= _MAX_ENTRIES:
            break
        merged.setdefault(key, entry)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(merged))
        os.replace(tmp, path)
    except (OSError, ValueError):
        tmp.unlink(missing_ok=True)
        return
    _added = False
