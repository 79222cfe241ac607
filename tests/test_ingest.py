"""Encodings accepted, with offsets into the text as decoded; everything else refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapporteur.errors import EncodingError
from rapporteur.ingest import decode, load
from rapporteur.pipeline import map_document

TEXT = (
    "Introduction\n\nLa réforme agraire a échoué faute de crédit rural, selon la plupart (Pásara, Núñez).\n"
)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_accepted_encodings_give_the_same_map(tmp_path: Path, raw: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(raw)
    doc = load(path)
    assert doc.text == TEXT and doc.encoding == encoding
    m = map_document(path)
    claim = m.claims[0]
    assert doc.text[claim.start : claim.end] == claim.text
    assert [a.cited_as for a in claim.attributions] == ["Pásara", "Núñez"]


def test_mojibake_is_refused_not_guessed() -> None:
    # Russian in cp1251 decodes byte for byte as cp1252 letters ("Ïðîòîêîë"), but far too many of them
    # for a Western text with a few accents: refused rather than mapped as gibberish.
    raw = "Протокол заседания: участники обсудили бюджет и не пришли к согласию. " * 5
    with pytest.raises(EncodingError) as exc:
        decode(raw.encode("cp1251"), "x.txt")
    assert "x.txt" in str(exc.value) and "UTF-8" in str(exc.value)
