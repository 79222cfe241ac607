"""The Markdown reader: decoded like plain text; headings, lists and code fences are read from the text
by ``structure`` (a markdown-it-py Layout is the next step, issue 7)."""

from __future__ import annotations

from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode

FORMAT = "markdown"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
PRIORITY = 900
BINARY = False


def sniff(data: bytes) -> bool:
    return False  # Markdown is plain text to a sniffer: chosen by extension or --format


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    return Extracted(text, None, encoding)
