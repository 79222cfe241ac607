"""The WebVTT reader: caption cues -> speaker turns, each turn's label written into the text.

A cue names its speaker by a voice span (``<v Ann Lee>text</v>``, several voices in one cue allowed)
or by a "Name: " prefix (as Zoom writes them); the extracted text gives every voiced stretch its own
block "Name: text", so the turn's label is a real span, and keeps the cue's start time on the turn.
A cue without a speaker is a plain paragraph. "Ana (Acme)" is Ana of the Acme team: a roster hint
carries the affiliation. Broken timings are refused with the line they are on: webvtt-py skips such a
cue silently, which would drop words from the record without a word, so the cues are read here.
"""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.errors import InputError
from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode
from rapporteur.layout import Layout, LayoutBlock, RosterHint

FORMAT = "vtt"
SUFFIXES = (".vtt", ".webvtt")
PRIORITY = 100
BINARY = False
SNIFF_NEEDS = (b"WEBVTT",)  # sniff claims only bytes holding one of these: the WebVTT signature

_TS = r"(?:\d{1,3}:)?\d{2}:\d{2}[.,]\d{3}"
TIMING = re.compile(rf"^[ \t]*(?P<start>{_TS})[ \t]+-->[ \t]+(?P<end>{_TS})(?:[ \t]+[^\n]*)?$")
_VOICE = re.compile(
    r"<v(?:\.[\w.\-]+)?[ \t]+(?P<name>[^>\n]{1,80})>(?P<text>.*?)(?:</v>|(?=<v[ \t.])|$)", re.S
)
_TAG = re.compile(r"</?[a-z][^>\n]{0,80}>|<\d{1,3}:[\d:.]{4,12}>", re.I)
_PREFIX = re.compile(r"^(?P<name>[^\s:<>][^:\n<>]{0,60}?)[ \t]*:[ \t]+(?=\S)")
_AFFIL = re.compile(r"^(?P<name>[^()]+?)[ \t]*\((?P<aff>[^()]{1,40})\)$")


def sniff(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf").lstrip()[:6] == b"WEBVTT"


def _seconds(ts: str) -> float:
    parts = ts.replace(",", ".").split(":")
    return sum(float(p) * 60**i for i, p in enumerate(reversed(parts)))


def is_speaker(name: str) -> bool:
    """A cue prefix that names a voice, not a field ("Note: ...") or a sentence."""
    from rapporteur.attribute._turn_labels import is_prose_label

    words = name.split()
    return 0 < len(words) <= 6 and name[:1].isalpha() and not is_prose_label(name) and not name.endswith(".")


def cues(text: str, source: str, srt: bool = False) -> list[tuple[str, str, int]]:
    """(start time, cue text, line number) of every cue; a broken timing line is refused."""
    out: list[tuple[str, str, int]] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 1 if not srt else 0
    while i < len(lines):
        line = lines[i]
        if "-->" in line:
            m = TIMING.match(line)
            if not m or _seconds(m.group("end")) < _seconds(m.group("start")):
                raise InputError(source, f"line {i + 1}: broken cue timing {line.strip()[:60]!r}")
            if (srt and "." in m.group("start")) or (not srt and "," in m.group("start")):
                raise InputError(source, f"line {i + 1}: broken cue timing {line.strip()[:60]!r}")
            body = []
            j = i + 1
            while j < len(lines) and lines[j].strip():
                if "-->" in lines[j]:
                    break
                body.append(lines[j])
                j += 1
            out.append((m.group("start"), "\n".join(body), i + 1))
            i = j
            continue
        if line.strip().startswith(("NOTE", "STYLE", "REGION")) and not srt:
            while i < len(lines) and lines[i].strip():
                i += 1
        i += 1
    return out


def build(items: list[tuple[str, str, int]]) -> Extracted:
    """Cues -> text with one block per voiced stretch, and the Layout of its turns."""
    parts: list[str] = []
    blocks: list[LayoutBlock] = []
    hints: dict[str, RosterHint] = {}
    pos = 0

    def add(chunk: str, speaker: str | None, time: str) -> None:
        nonlocal pos
        chunk = re.sub(r"[ \t]*\n[ \t]*", " ", _TAG.sub("", chunk)).strip()
        if not chunk:
            return
        if parts:
            parts.append("\n\n")
            pos += 2
        if speaker:
            label = f"{speaker}:"
            line = f"{label} {chunk}"
            blocks.append(
                LayoutBlock(
                    "turn",
                    pos,
                    pos + len(line),
                    label=(pos, pos + len(label)),
                    speaker=_person(speaker, hints),
                    time=time,
                )
            )
        else:
            line = chunk
            blocks.append(LayoutBlock("paragraph", pos, pos + len(line)))
        parts.append(line)
        pos += len(line)

    for time, body, _ in items:
        voices = list(_VOICE.finditer(body))
        if voices:
            lead = body[: voices[0].start()]
            if _TAG.sub("", lead).strip():
                add(lead, None, time)
            for v in voices:
                add(v.group("text"), v.group("name").strip(), time)
            continue
        flat = body.strip()
        m = _PREFIX.match(_TAG.sub("", flat))
        if m and is_speaker(m.group("name").strip()):
            clean = _TAG.sub("", flat)
            add(clean[m.end() :], m.group("name").strip(), time)
        else:
            add(flat, None, time)
    return Extracted(
        "".join(parts) + "\n", Layout(blocks=tuple(blocks), roster=tuple(hints.values())), "utf-8"
    )


def _person(speaker: str, hints: dict[str, RosterHint]) -> str:
    """The name a speaker label gives; "Ana (Acme)" -> "Ana", with Acme kept as the affiliation."""
    m = _AFFIL.match(speaker)
    if m and m.group("name").strip():
        name = m.group("name").strip()
        hints.setdefault(name, RosterHint(name, m.group("aff").strip(), (speaker,)))
        return name
    hints.setdefault(speaker, RosterHint(speaker))  # the speakers are the record's roster
    return speaker


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    if not text.lstrip("\ufeff").lstrip().startswith("WEBVTT"):
        raise InputError(source, "is not WebVTT (no 'WEBVTT' header line)")
    got = build(cues(text, source))
    if not got.layout or not got.layout.blocks:
        raise InputError(source, "has no cues with text")
    return Extracted(got.text, got.layout, encoding)
