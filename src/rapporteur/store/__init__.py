"""The map store: SQLite from the standard library, one file per map, migrated on open.

``open_store(path)`` creates or opens a store for writing; ``open_store(path, readonly=True)`` opens one
that can only be read (for servers and exports); ``upgrade(path)`` migrates a store an earlier release
wrote. ``Store.write_map`` replaces documents already stored (matched by sha256) in one transaction, so
re-mapping a document is idempotent.
"""

from rapporteur.store.store import Store, fts_query, open_store, participant_key, pending_migrations, upgrade

__all__ = ["Store", "fts_query", "open_store", "participant_key", "pending_migrations", "upgrade"]
