"""The caption readers: WebVTT voice spans and "Name: " prefixes, several voices in one cue, cue times
kept, SRT with speaker prefixes; broken timings refused with one line naming the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur import ingest
from rapporteur.cli import app
from rapporteur.errors import InputError
from rapporteur.pipeline import map_document

runner = CliRunner()

VTT = """WEBVTT

NOTE a comment the reader skips

1
00:00:01.000 --> 00:00:04.000
<v Ana Ruiz>The budget is too small for the work we have.</v>

2
00:00:04.500 --> 00:00:08.000
<v Ben Cole>We should wait a year.</v><v Ana Ruiz>I disagree with that.</v>

3
00:00:09.000 --> 00:00:12.000 align:start
Carl Dunn (Acme): The board will decide <i>next month</i>.

4
00:00:12.500 --> 00:00:14.000
Applause and some noise in the room.
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
Ana Ruiz: The budget is too small for the work.

2
00:00:04,500 --> 00:00:08,000
- Ben Cole: We should wait a year before deciding.
"""


def _turns(m):
    people = {p.id: p for p in m.participants}
    return [
        (people[a.participant].name, a.marker.text, c.text)
        for c in m.claims
        for a in c.attributions
        if a.via == "turn"
    ]


def test_vtt_voices_prefixes_and_times(tmp_path: Path) -> None:
    f = tmp_path / "call.vtt"
    f.write_text(VTT, encoding="utf-8")
    doc = ingest.load(f)
    assert doc.format == "vtt"
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [(b.speaker, b.time) for b in turns] == [
        ("Ana Ruiz", "00:00:01.000"),
        ("Ben Cole", "00:00:04.500"),
        ("Ana Ruiz", "00:00:04.500"),
        ("Carl Dunn", "00:00:09.000"),
    ]
    for b in turns:  # the label is written into the text: a real, checkable span
        assert doc.text[b.label[0] : b.label[1]].endswith(":")
    assert "<i>" not in doc.text and "NOTE" not in doc.text
    m = map_document(f)
    got = _turns(m)
    assert got[0] == ("Ana Ruiz", "Ana Ruiz:", "The budget is too small for the work we have")
    assert ("Ben Cole", "Ben Cole:", "We should wait a year") in got
    carl = next(p for p in m.participants if p.name == "Carl Dunn")
    assert carl.affiliation == "Acme"
    assert not any("Applause" in c.text for c in m.claims if c.attributions)
    claims = {c.id: c for c in m.claims}
    names = {p.id: p.name for p in m.participants}
    rel = [
        (r.type, names[claims[r.source].holders[0]], names[claims[r.target].holders[0]]) for r in m.relations
    ]
    assert ("disagree", "Ana Ruiz", "Ben Cole") in rel


def test_srt_with_speaker_prefixes(tmp_path: Path) -> None:
    f = tmp_path / "call.srt"
    f.write_text(SRT, encoding="utf-8")
    m = map_document(f)
    assert m.documents[0].format == "srt"
    assert [t[0] for t in _turns(m)] == ["Ana Ruiz", "Ben Cole"]


def test_srt_is_sniffed_without_its_extension(tmp_path: Path) -> None:
    f = tmp_path / "captions.txt"
    f.write_text(SRT, encoding="utf-8")
    assert ingest.load(f).format == "srt"


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("bad.vtt", "WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nAna: Hello there all.\n"),
        ("backwards.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nAna: Hello there all.\n"),
        (
            "bad.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n\n2\n00:00:03.000 --> 00:00:04,000\nBen: Hi.\n",
        ),
    ],
)
def test_broken_timings_are_one_line_exit_1_store_untouched(tmp_path: Path, name: str, body: str) -> None:
    good = tmp_path / "good.vtt"
    good.write_text(VTT, encoding="utf-8")
    db = tmp_path / "m.db"
    assert runner.invoke(app, ["map", str(good), "--db", str(db)]).exit_code == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / name
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match="broken cue timing"):
        ingest.load(bad)
    res = runner.invoke(app, ["map", str(bad), "--db", str(db)])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "broken cue timing" in lines[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_bad_caption_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:00:01 --> 00:00:02.000\nAna: Hello there all.\n", encoding="utf-8")
    good = tmp_path / "good.srt"
    good.write_text(SRT, encoding="utf-8")
    db = tmp_path / "b.db"
    res = runner.invoke(app, ["map", str(bad), str(good), "--db", str(db)])
    assert res.exit_code == 1 and "bad.vtt" in res.stderr
    who = runner.invoke(app, ["who", "Ben Cole", "--db", str(db)])
    assert who.exit_code == 0 and "wait a year" in who.stdout


def test_vtt_without_header_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.vtt"
    f.write_text("00:00:01.000 --> 00:00:02.000\nAna: Hello.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not WebVTT"):
        ingest.load(f)
