"""rapporteur: rebuild the map of who argued what from the written record of a debate.

``map_document(path)`` reads and maps a file; ``load(path)`` / ``load_text(text)`` make a Document and
``extract(doc)`` maps it; ``open_map(db)`` reads a stored map; ``Map.to_json()`` writes the contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it from here (``dynamic = ["version"]``).
__version__ = "0.1.0"

if TYPE_CHECKING:
    from rapporteur.errors import RapporteurError
    from rapporteur.ingest import load, load_text
    from rapporteur.model import (
        Attribution,
        Claim,
        Document,
        Map,
        Participant,
        Relation,
        Span,
        Stance,
        Theme,
    )
    from rapporteur.pipeline import extract, map_document, map_documents

# Every name loads on first use, not on ``import rapporteur``: ``rapporteur --help`` imports this
# package for ``__version__`` alone, and a command that only reads a store never pays for the pipeline
# (the lexicons, rapidfuzz, the readers) or even the model.
_LAZY = {
    "RapporteurError": "rapporteur.errors",
    "load": "rapporteur.ingest",
    "load_text": "rapporteur.ingest",
    **dict.fromkeys(
        ("Attribution", "Claim", "Document", "Map", "Participant", "Relation", "Span", "Stance", "Theme"),
        "rapporteur.model",
    ),
    **dict.fromkeys(("extract", "map_document", "map_documents"), "rapporteur.pipeline"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value  # asked once
        return value
    raise AttributeError(f"module 'rapporteur' has no attribute {name!r}")


def open_map(path: str, *, readonly: bool = True) -> Map:
    """The map stored in a SQLite file written by ``rapporteur map --db``."""
    from rapporteur.store import open_store

    with open_store(path, readonly=readonly) as store:
        return store.read_map()


__all__ = [
    "Attribution",
    "Claim",
    "Document",
    "Map",
    "Participant",
    "RapporteurError",
    "Relation",
    "Span",
    "Stance",
    "Theme",
    "__version__",
    "extract",
    "load",
    "load_text",
    "map_document",
    "map_documents",
    "open_map",
]
