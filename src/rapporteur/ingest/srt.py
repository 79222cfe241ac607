"""The SubRip (SRT) reader: numbered cues with "HH:MM:SS,mmm --> ..." timings; a "Name: " prefix on a
cue names its speaker, as in WebVTT (the cue grammar is shared with ``vtt``). Broken timings are
refused with the line they are on."""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.errors import InputError
from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode
from rapporteur.ingest.vtt import build, cues

FORMAT = "srt"
SUFFIXES = (".srt",)
PRIORITY = 110
BINARY = False
SNIFF_NEEDS = (b"-->",)  # sniff claims only bytes holding one of these: a cue's timing arrow

_HEAD = re.compile(rb"^\s*\d{1,6}[ \t]*\r?\n[ \t]*\d{1,3}:\d{2}:\d{2},\d{3}[ \t]+-->")


def sniff(data: bytes) -> bool:
    return bool(_HEAD.match(data.lstrip(b"\xef\xbb\xbf")[:200]))


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    items = [(t, re.sub(r"^\s*-\s+", "", body), n) for t, body, n in cues(text, source, srt=True)]
    if not items:
        raise InputError(source, "is not SubRip: no 'HH:MM:SS,mmm --> HH:MM:SS,mmm' cue timings")
    got = build(items)
    return Extracted(got.text, got.layout, encoding)
