"""Bytes on disk -> Document. Each loader returns what it used (format, encoding) or refuses clearly."""

from rapporteur.ingest.text import DEFAULT_MAX_BYTES, decode, load, load_text

__all__ = ["DEFAULT_MAX_BYTES", "decode", "load", "load_text"]
