"""rapporteur: rebuild the map of who argued what from the written record of a debate.

``map_document(path)`` reads and maps a file; ``load(path)`` / ``load_text(text)`` make a Document and
``extract(doc)`` maps it; ``open_map(db)`` reads a stored map; ``Map.to_json()`` writes the contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it from here (``dynamic = ["version"]``).
__version__ = "0.1.0"

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

if TYPE_CHECKING:
    from rapporteur.pipeline import extract, map_document, map_documents

# The pipeline (and the lexicons, rapidfuzz, the readers) loads on first use, not on ``import
# rapporteur``: a command that only reads a store, or ``--help``, never pays for it.
_LAZY = {"extract", "map_document", "map_documents"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from rapporteur import pipeline

        return getattr(pipeline, name)
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
