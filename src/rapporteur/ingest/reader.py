"""What every reader module returns, and what it declares so the registry can find it.

A reader module in ``rapporteur.ingest`` defines:

- ``FORMAT``: the name recorded on the Document and accepted by ``--format`` ("pdf", "tei");
- ``SUFFIXES``: file extensions it is the default for (".pdf");
- ``PRIORITY``: lower is tried first when sniffing content (specific formats before general ones);
- ``BINARY``: whether the format is binary, so a file named for it whose bytes are not it is refused
  rather than read as text (an extension that lies);
- ``sniff(data: bytes) -> bool``: whether the bytes are this format, from content alone, cheaply;
- ``SNIFF_NEEDS`` (optional): byte strings one of which every record ``sniff`` claims holds
  (``(b"%PDF-",)``; ``()`` when ``sniff`` claims nothing), so detection skips a reader, without
  importing it, for bytes that hold none of them: a plain-text record then imports no other reader.
  A reader that does not declare it is always asked;
- ``read(data: bytes, source: str) -> Extracted``: the text and Layout, or a ``RapporteurError``.

Heavy libraries (pypdfium2, python-docx, lxml) are imported inside ``read``, so listing the readers
costs nothing and a command that never meets a PDF never imports one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the readers that make a layout; a plain-text record never needs one
    from rapporteur.layout import Layout


class Extracted:
    """A reader's result: the text every offset indexes, what the format knew of its shape, and the
    encoding the bytes were decoded with (for binary formats, the format's own, e.g. "pdf")."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("encoding", "layout", "text")

    def __init__(self, text: str, layout: Layout | None = None, encoding: str = "utf-8") -> None:
        self.text = text
        self.layout = layout
        self.encoding = encoding
