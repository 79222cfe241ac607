"""The plain-text reader, and the decoding every text-based reader shares.

Offsets in the map index the text exactly as decoded here, so decoding is the one place where the
text may change (a UTF-8 BOM is dropped); nothing downstream normalises it. Plain text gives no
Layout: ``structure`` reads the shape from the text itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rapporteur.errors import BinaryInputError, EmptyInputError, EncodingError
from rapporteur.ingest.reader import Extracted
from rapporteur.model import Document

FORMAT = "text"
SUFFIXES = (".txt", ".text", "")
PRIORITY = 1000  # the fallback: anything that decodes as text and no other reader claims
BINARY = False
SNIFF_NEEDS = ()  # sniff claims no bytes: the fallback when no other reader claims them

# Characters a Windows-1252 / Latin-1 text plausibly contains beyond ASCII. A fallback decode that
# yields anything else (box drawing, C1 controls, mostly symbols) is a guess we refuse to make.
_CP1252_PLAUSIBLE = (
    set("‘’“”–—…•€™«»§°±²³µ¶·¼½¾¿×÷")
    | {chr(c) for c in range(0xC0, 0x100)}
    | {
        "\u00a0",
        "¡",
        "¢",
        "£",
        "¥",
        "©",
        "®",
        "ª",
        "º",
        "¨",
        "´",
        "¸",
        "Š",
        "š",
        "Œ",
        "œ",
        "Ž",
        "ž",
        "Ÿ",
    }
)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:  # anywhere, not only in the sample: a NUL cuts a name in C-string code downstream
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return controls > max(4, len(sample) // 100)


def decode(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode a record's bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or plausible Windows-1252.

    Returns ``(text, encoding_used)``; refuses with ``EncodingError`` rather than produce mojibake.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        # The UTF-32 LE mark begins with the UTF-16 LE one; read as UTF-16 it would be text full of NULs.
        raise EncodingError(path, "is UTF-32 (byte-order mark); re-save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                path, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})"
            ) from None
        if "\x00" in text:
            raise BinaryInputError(path, "looks like a binary file, not text (NUL characters)")
        return text, "utf-16"
    if _looks_binary(data):
        raise BinaryInputError(path, "looks like a binary file, not text (NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        extra = [c for c in text if ord(c) > 127]
        if len(extra) <= max(8, len(text) // 20) and all(c in _CP1252_PLAUSIBLE for c in extra):
            return text, "cp1252"
    raise EncodingError(
        path,
        f"is not UTF-8 (invalid byte at offset {utf8_error.start}) and not plausibly Windows-1252; "
        "re-save it as UTF-8",
    )


_HASH_CHUNK = 1 << 20


def _utf8_digest(text: str, source: str) -> str:
    """The SHA-256 of ``text`` as UTF-8, encoded a megabyte of characters at a time: encoding it
    whole makes a copy as large as the text, which outlives its use in the allocator's heap (the
    peak of a large record's mapping). UTF-8 encodes each code point alone, so the chunks' bytes
    are the whole text's."""
    h = hashlib.sha256()
    for i in range(0, len(text), _HASH_CHUNK):
        try:
            h.update(text[i : i + _HASH_CHUNK].encode("utf-8"))
        except UnicodeEncodeError as exc:  # a lone surrogate: a str that is not Unicode text
            at = i + exc.start
            raise EncodingError(
                source, f"is not valid Unicode text (lone surrogate U+{ord(text[at]):04X} at {at})"
            ) from None
    return h.hexdigest()


def load_text(
    text: str, *, source: str = "<text>", fmt: str = "text", doc_id: str = "d1", encoding: str = "utf-8"
) -> Document:
    """A Document from text already in memory (tests, the API, the benchmark)."""
    if not text or text.isspace():  # ``not text.strip()``, with no copy of the text
        raise EmptyInputError(source, "is empty (no text to map)")
    digest = _utf8_digest(text, source)
    title = Path(source).stem if source != "<text>" else "untitled"
    return Document(doc_id, text, source, title, fmt, digest, encoding)


def sniff(data: bytes) -> bool:
    return False  # never claimed by content; the fallback when no other reader claims the bytes


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    return Extracted(text, None, encoding)
