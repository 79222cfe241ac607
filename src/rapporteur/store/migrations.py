"""The store's schema as ordered, named migrations (after ``sqlite_utils/migrations.py``).

Each migration runs once, in its own transaction, and is recorded in ``_migrations``; ``user_version``
counts them, so a later release appends migrations here and old stores upgrade when opened for writing.
Migrations never edit the past: a change of schema is a new function at the end of the list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

#: ``PRAGMA application_id`` of a rapporteur store ("RAPP"): tells our files from other SQLite files.
APPLICATION_ID = 0x52415050

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if any(n == name for n, _ in MIGRATIONS):
            raise ValueError(f"migration {name!r} registered twice")
        MIGRATIONS.append((name, fn))
        return fn

    return register


# Foreign keys are DEFERRABLE INITIALLY DEFERRED so a map can be inserted in any order (a theme may name
# a parent that comes later) and are checked once, at COMMIT; cascades still run at once on delete.
_DEFERRED = "DEFERRABLE INITIALLY DEFERRED"

# The triggers that keep the external-content FTS index in step with ``claims`` (they also fire on
# cascades); 0001 creates them and 0003 recreates them with the index.
_FTS_TRIGGERS = [
    """CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER claims_au AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]

_INITIAL = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        length INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    # One row per person across the whole store; ``key`` is the case-folded name they merge on.
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        affiliation TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        in_roster INTEGER NOT NULL
    )""",
    # What each document said about a participant; ``participants`` is recomputed from these, so
    # re-mapping a document replaces its contribution instead of piling stale aliases up.
    f"""CREATE TABLE participant_sources (
        participant INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE {_DEFERRED},
        document INTEGER REFERENCES documents(id) ON DELETE CASCADE {_DEFERRED},
        affiliation TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        in_roster INTEGER NOT NULL
    )""",
    f"""CREATE TABLE themes (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_DEFERRED},
        title TEXT NOT NULL,
        parent INTEGER REFERENCES themes(id) ON DELETE SET NULL {_DEFERRED},
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        level INTEGER NOT NULL,
        section_start INTEGER NOT NULL,
        section_end INTEGER NOT NULL
    )""",
    f"""CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_DEFERRED},
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        theme INTEGER REFERENCES themes(id) ON DELETE SET NULL {_DEFERRED},
        kind TEXT NOT NULL
    )""",
    f"""CREATE TABLE attributions (
        claim INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE {_DEFERRED},
        seq INTEGER NOT NULL,
        participant INTEGER NOT NULL REFERENCES participants(id) {_DEFERRED},
        polarity TEXT NOT NULL,
        cited_as TEXT NOT NULL,
        marker_start INTEGER NOT NULL,
        marker_end INTEGER NOT NULL,
        marker_text TEXT NOT NULL,
        PRIMARY KEY (claim, seq)
    )""",
    f"""CREATE TABLE relations (
        id INTEGER PRIMARY KEY,
        source INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE {_DEFERRED},
        target INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE {_DEFERRED},
        type TEXT NOT NULL,
        cue_start INTEGER NOT NULL,
        cue_end INTEGER NOT NULL,
        cue_text TEXT NOT NULL,
        confidence REAL NOT NULL
    )""",
    # Stances are shared like participants: one row per (a, b, relation), fed by relations of any document.
    f"""CREATE TABLE stances (
        id INTEGER PRIMARY KEY,
        a INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE {_DEFERRED},
        b INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE {_DEFERRED},
        relation TEXT NOT NULL,
        UNIQUE (a, b, relation)
    )""",
    f"""CREATE TABLE stance_relations (
        stance INTEGER NOT NULL REFERENCES stances(id) ON DELETE CASCADE {_DEFERRED},
        relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE {_DEFERRED},
        PRIMARY KEY (stance, relation)
    )""",
    # Which documents' maps gave a stance: it lives while one of them is stored (its relations may be few).
    f"""CREATE TABLE stance_documents (
        stance INTEGER NOT NULL REFERENCES stances(id) ON DELETE CASCADE {_DEFERRED},
        document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_DEFERRED},
        PRIMARY KEY (stance, document)
    )""",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
    f"""CREATE TABLE note_documents (
        note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE {_DEFERRED},
        document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_DEFERRED},
        PRIMARY KEY (note, document)
    )""",
    # Every foreign key gets an index, or each cascading delete would scan the child table.
    "CREATE INDEX participant_sources_participant ON participant_sources(participant)",
    "CREATE INDEX participant_sources_document ON participant_sources(document)",
    "CREATE INDEX themes_document ON themes(document)",
    "CREATE INDEX themes_parent ON themes(parent)",
    "CREATE INDEX claims_document ON claims(document)",
    "CREATE INDEX claims_theme ON claims(theme)",
    "CREATE INDEX attributions_participant ON attributions(participant)",
    "CREATE INDEX relations_source ON relations(source)",
    "CREATE INDEX relations_target ON relations(target)",
    "CREATE INDEX stances_b ON stances(b)",
    "CREATE INDEX stance_relations_relation ON stance_relations(relation)",
    "CREATE INDEX stance_documents_document ON stance_documents(document)",
    "CREATE INDEX note_documents_document ON note_documents(document)",
    # External-content FTS over claim text, kept in sync by triggers (they also fire on cascades).
    """CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, content='claims', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    )""",
    *_FTS_TRIGGERS,
]


@migration("0001_initial")
def _initial(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _INITIAL:
        conn.execute(statement)


@migration("0002_voices")
def _voices(conn: sqlite3.Connection) -> None:
    """How each voice was found (``via``), on whose behalf it spoke, what kind of voice it is, and for
    extracted formats the text's own hash and the page offsets."""
    conn.execute("ALTER TABLE documents ADD COLUMN text_sha256 TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE documents ADD COLUMN pages TEXT NOT NULL DEFAULT '[]'")
    conn.execute("ALTER TABLE participants ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'")
    conn.execute("ALTER TABLE attributions ADD COLUMN via TEXT NOT NULL DEFAULT 'parenthetical'")
    conn.execute(
        "ALTER TABLE attributions ADD COLUMN on_behalf_of INTEGER "
        f"REFERENCES participants(id) ON DELETE SET NULL {_DEFERRED}"
    )


# What other SQLite tools read: sqlite-utils' ``detect_fts()`` and Datasette find a table's FTS index only
# when ``content="claims"`` is double-quoted (or bracketed) in its CREATE statement, so 0001's single quotes
# hid it from both. The index is rebuilt from ``claims``; the triggers are recreated with it.
_FTS = [
    "DROP TRIGGER IF EXISTS claims_ai",
    "DROP TRIGGER IF EXISTS claims_ad",
    "DROP TRIGGER IF EXISTS claims_au",
    "DROP TABLE IF EXISTS claims_fts",
    """CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, content="claims", content_rowid="id", tokenize="porter unicode61 remove_diacritics 2"
    )""",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
    *_FTS_TRIGGERS,
]

# Views for people who read the store with SQL, Datasette or pandas: claims joined to their people,
# themes and documents, with ids in the JSON contract's form ("c12") beside the integer keys, and
# offsets named ``start_offset``/``end_offset`` because ``end`` is an SQL keyword that must otherwise be
# quoted. The tables keep ``start``/``end``: they mirror ``rapporteur/map@1``'s field names.
_VIEWS = [
    """CREATE VIEW claim_details AS
    SELECT c.id AS claim, 'c' || c.id AS claim_id, c.kind, c.text,
           c.start AS start_offset, c."end" AS end_offset,
           c.theme, t.title AS theme_title,
           c.document, d.source AS document_source, d.title AS document_title,
           (SELECT group_concat(name, '; ') FROM (
                SELECT p.name FROM attributions a JOIN participants p ON p.id = a.participant
                WHERE a.claim = c.id AND a.polarity = 'holds' ORDER BY a.seq)) AS holders,
           (SELECT group_concat(name, '; ') FROM (
                SELECT p.name FROM attributions a JOIN participants p ON p.id = a.participant
                WHERE a.claim = c.id AND a.polarity = 'exception' ORDER BY a.seq)) AS exceptions
    FROM claims c
    JOIN documents d ON d.id = c.document
    LEFT JOIN themes t ON t.id = c.theme""",
    """CREATE VIEW attribution_details AS
    SELECT a.claim, 'c' || a.claim AS claim_id, a.seq, a.participant, 'p' || a.participant AS participant_id,
           p.name AS participant_name, p.affiliation, p.kind AS participant_kind, p.in_roster,
           a.polarity, a.via, a.cited_as, a.on_behalf_of, b.name AS on_behalf_of_name,
           a.marker_text, a.marker_start, a.marker_end,
           c.kind AS claim_kind, c.text AS claim_text, c.start AS claim_start, c."end" AS claim_end,
           c.theme, t.title AS theme_title, c.document
    FROM attributions a
    JOIN participants p ON p.id = a.participant
    JOIN claims c ON c.id = a.claim
    LEFT JOIN participants b ON b.id = a.on_behalf_of
    LEFT JOIN themes t ON t.id = c.theme""",
    """CREATE VIEW relation_details AS
    SELECT r.id AS relation, 'r' || r.id AS relation_id, r.type, r.confidence,
           r.cue_text, r.cue_start, r.cue_end,
           r.source, s.text AS source_text, r.target, g.text AS target_text,
           s.theme AS source_theme, s.document
    FROM relations r
    JOIN claims s ON s.id = r.source
    JOIN claims g ON g.id = r.target""",
    """CREATE VIEW stance_details AS
    SELECT st.id AS stance, st.a, pa.name AS a_name, st.b, pb.name AS b_name, st.relation,
           (SELECT count(*) FROM stance_relations sr WHERE sr.stance = st.id) AS relations
    FROM stances st
    JOIN participants pa ON pa.id = st.a
    JOIN participants pb ON pb.id = st.b""",
    """CREATE VIEW theme_details AS
    SELECT t.id AS theme, 't' || t.id AS theme_id, t.title, t.parent, t.level, t.document,
           t.start AS start_offset, t."end" AS end_offset,
           t.section_start, t.section_end,
           (SELECT count(*) FROM claims c WHERE c.theme = t.id) AS claims
    FROM themes t""",
]


@migration("0003_tools")
def _tools(conn: sqlite3.Connection) -> None:
    """The FTS index declared so sqlite-utils and Datasette find it; views for reading with SQL."""
    for statement in _FTS + _VIEWS:
        conn.execute(statement)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already run, in order; empty for a database that has none."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def pending(conn: sqlite3.Connection) -> list[str]:
    done = set(applied(conn))
    return [name for name, _ in MIGRATIONS if name not in done]


def unknown(conn: sqlite3.Connection) -> list[str]:
    """Migrations a newer rapporteur ran on this store; we must not write to it."""
    known = {name for name, _ in MIGRATIONS}
    return [name for name in applied(conn) if name not in known]


def apply(conn: sqlite3.Connection) -> list[str]:
    """Run the pending migrations; returns their names (empty: a no-op).

    A store that has run none (a new file) gets the whole schema in ONE transaction: each commit of a
    rollback-journal database pays its fsyncs, and committing each migration apart was most of the time
    ``rapporteur map`` spent creating a store; a new store half made is worth no more than none. A store
    from an earlier release runs each pending migration in its own transaction, as ever. Needs a
    connection in autocommit mode (``isolation_level=None``) so the transactions are ours.
    """
    if not pending(conn):  # read without the lock: a migration once run is never undone
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Checked inside the write lock, so two processes opening a new store cannot both migrate.
        if not applied(conn):
            for number, (name, fn) in enumerate(MIGRATIONS, 1):
                _run(conn, number, name, fn)
            conn.execute("COMMIT")
            return [name for name, _ in MIGRATIONS]
        conn.execute("ROLLBACK")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    done: list[str] = []
    for number, (name, fn) in enumerate(MIGRATIONS, 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if name in applied(conn):
                conn.execute("ROLLBACK")
                continue
            _run(conn, number, name, fn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        done.append(name)
    return done


def _run(conn: sqlite3.Connection, number: int, name: str, fn: Migration) -> None:
    """One migration, recorded, inside the caller's transaction."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    fn(conn)
    conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", (name,))
    conn.execute(f"PRAGMA user_version = {number}")
