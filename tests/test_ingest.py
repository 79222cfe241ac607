"""Encodings accepted, with offsets into the text as decoded; everything else refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapporteur.errors import EmptyInputError, EncodingError
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


def test_the_digest_read_in_chunks_is_the_whole_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """``load_text`` hashes the text a chunk at a time (no copy of the whole text as bytes): the
    chunks' bytes must be the text's own, whatever characters stand at a cut, and a lone surrogate
    past the first chunk is reported at its offset in the whole text."""
    import hashlib

    from rapporteur.ingest import text as text_reader

    monkeypatch.setattr(text_reader, "_HASH_CHUNK", 3)
    t = "ab€\U0001f600 é (Ruiz).\n\nñ" * 5
    assert text_reader.load_text(t).sha256 == hashlib.sha256(t.encode("utf-8")).hexdigest()
    with pytest.raises(EncodingError, match=r"U\+D800 at 11\)"):
        text_reader.load_text("abcdefghijk\ud800lmn")
    for blank in ("", " \n\t\u3000"):
        with pytest.raises(EmptyInputError):
            text_reader.load_text(blank)
