"""Reads and writes of a map store: one SQLite file per map, written in one transaction per map."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from rapporteur.errors import StoreError
from rapporteur.model import (
    KINDS,
    POLARITIES,
    RELATION_TYPES,
    VIAS,
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
from rapporteur.store import migrations
from rapporteur.store.recovery import connect as _connect
from rapporteur.store.recovery import needs_rollback as _needs_rollback
from rapporteur.store.recovery import recovered as _recovered

TABLES = ("documents", "participants", "themes", "claims", "attributions", "relations", "stances", "notes")


def participant_key(name: str) -> str:
    """The form participants merge on: NFC, case-folded, whitespace collapsed (a name typed with
    decomposed accents in one record is the same name as the composed one in another)."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (or, writable, create) the map store at ``path``; refuses files that are not ours.

    Read-only stores are opened with a ``mode=ro`` URI, as Datasette does, so they can never write;
    they are not migrated, and refuse a store that needs it. A store left with a hot journal (a writer
    killed mid-write) is first rolled back to its last committed state, as any SQLite reader with write
    access would, so read-only commands and the server never fail on it.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(path, "is a directory, not a map store")
    if readonly and not path.exists():
        raise StoreError(path, "no such map store")
    conn = _connect(path, readonly)
    if readonly and _needs_rollback(conn):
        conn.close()
        copy = _recovered(path)
        conn = _connect(copy, readonly)
        if copy != path:  # a private copy: the open connection keeps it readable once unlinked (POSIX)
            with contextlib.suppress(OSError):
                copy.unlink()
                copy.parent.rmdir()
    try:
        _prepare(conn, path, readonly)
    except BaseException:
        conn.close()
        raise
    return Store(conn, path, readonly=readonly)


def pending_migrations(path: str | Path) -> list[str]:
    """The migrations a store written by an earlier release still needs; empty for a current store, a
    missing file, or a file that is not a store (``open_store`` says what is wrong with those)."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != migrations.APPLICATION_ID:
            return []
        return [] if migrations.unknown(conn) else migrations.pending(conn)
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()


def upgrade(path: str | Path) -> list[str]:
    """Bring a store written by an earlier release up to this one's schema; the migrations it ran."""
    todo = pending_migrations(path)
    if todo:
        open_store(path).close()  # opening for writing migrates, each migration in its own transaction
    return todo


#: Every table the store reads; a store missing one is damaged, and is refused rather than half-read.
REQUIRED = (
    *TABLES,
    "participant_sources",
    "stance_relations",
    "stance_documents",
    "note_documents",
    "claims_fts",
    "_migrations",
)


def _prepare(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise StoreError(path, f"not an SQLite database ({e})") from e
    if app_id != migrations.APPLICATION_ID and not (empty and not readonly):
        what = "an empty database" if empty else "an SQLite database of something else"
        raise StoreError(path, f"not a rapporteur store ({what})")
    if version > len(migrations.MIGRATIONS):
        raise StoreError(
            path,
            f"written by a newer rapporteur (schema version {version}; this release knows "
            f"{len(migrations.MIGRATIONS)}): upgrade rapporteur to read it",
        )
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if newer := migrations.unknown(conn):
            raise StoreError(path, f"written by a newer rapporteur (migrations {', '.join(newer)})")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
            if todo := migrations.pending(conn):
                raise StoreError(path, f"needs migrations {', '.join(todo)}; open it for writing once")
        else:
            migrations.apply(conn)
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as e:
        raise StoreError(path, f"cannot prepare the store: {e}") from e
    if missing := [t for t in REQUIRED if t not in have]:
        raise StoreError(path, f"damaged map store: table {', '.join(missing)} missing")


def _ids(values: Iterable[int]) -> str:
    """A list of ids as one JSON parameter, read back with ``json_each``: no limit on host parameters."""
    return json.dumps(list(values))


class _Scope:
    """The stored ids one write produced, so it can return exactly what it stored."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("documents", "notes", "participants", "stances")

    def __init__(
        self, documents: list[int], participants: list[int], stances: list[int], notes: list[int]
    ) -> None:
        self.documents = documents
        self.participants = participants
        self.stances = stances
        self.notes = notes


class Store:
    """A map store. Writes go through ``write_map`` only; a read-only store's connection cannot write."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, readonly={self.readonly})"

    def close(self) -> None:
        self.conn.close()

    # -- writing ---------------------------------------------------------------------------------------

    def write_map(self, m: Map) -> Map:
        """Store ``m`` in one transaction and return it as stored, with store-wide ids.

        Documents already stored (same sha256) are first deleted with all that hangs off them, so
        re-mapping a document replaces it. On any failure the store is left exactly as it was.
        """
        if self.readonly:
            raise StoreError(self.path, "opened read-only; cannot write")
        _check_vocabulary(self.path, m)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                scope = _Writer(conn, self.path).write(m)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return self._read(scope)
        except sqlite3.Error as e:
            raise StoreError(self.path, f"cannot write the map: {e}") from e

    def write_maps(self, maps: Sequence[Map]) -> list[str]:
        """Store several maps in ONE transaction (a batch's group of records): all or none of them, each
        document with its own participants, stances and notes as ``write_map`` would store it. Returns
        the conflicting identities it noted; nothing is read back (``read_map`` does), since a batch's
        single writer must stay cheap beside the workers."""
        if self.readonly:
            raise StoreError(self.path, "opened read-only; cannot write")
        for m in maps:
            _check_vocabulary(self.path, m)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conflicts: list[str] = []
                for m in maps:
                    writer = _Writer(conn, self.path)
                    writer.write(m)
                    conflicts += dict.fromkeys(writer.conflicts)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return conflicts
        except sqlite3.Error as e:
            raise StoreError(self.path, f"cannot write the map: {e}") from e

    # -- reading ---------------------------------------------------------------------------------------

    def read_map(self) -> Map:
        """Everything in the store, each table in id order."""
        return self._read(None)

    def stats(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def search(self, query: str, limit: int = 50) -> list[Claim]:
        """Claims matching every word of ``query``, best first (bm25); FTS syntax in it is taken literally."""
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        rows = self.conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts), rowid LIMIT ?",
            (match, limit),
        ).fetchall()
        ids = [r[0] for r in rows]
        found = {
            c.id: c for c in self._claims("WHERE c.id IN (SELECT value FROM json_each(?))", (_ids(ids),))
        }
        return [found[f"c{i}"] for i in ids]

    def _read(self, scope: _Scope | None) -> Map:
        def where(column: str, ids: list[int] | None) -> tuple[str, tuple[Any, ...]]:
            if ids is None:
                return "", ()
            return f"WHERE {column} IN (SELECT value FROM json_each(?))", (_ids(ids),)

        conn = self.conn
        docs = scope.documents if scope else None
        sql, args = where("id", docs)
        documents = tuple(
            Document(
                id=f"d{i}",
                text=text,
                source=source,
                title=title,
                format=fmt,
                sha256=sha,
                encoding=enc,
                text_sha256=tsha,
                pages=tuple((int(a), int(b)) for a, b in json.loads(pages)),
            )
            for i, text, source, title, fmt, sha, enc, tsha, pages in conn.execute(
                "SELECT id, text, source, title, format, sha256, encoding, text_sha256, pages "
                f"FROM documents {sql} ORDER BY id",
                args,
            )
        )
        sql, args = where("id", scope.participants if scope else None)
        participants = tuple(
            Participant(f"p{i}", name, affiliation, tuple(json.loads(aliases)), bool(roster), kind)
            for i, name, affiliation, aliases, roster, kind in conn.execute(
                f"SELECT id, name, affiliation, aliases, in_roster, kind FROM participants {sql} ORDER BY id",
                args,
            )
        )
        sql, args = where("document", docs)
        themes = tuple(
            Theme(f"t{i}", f"d{d}", title, None if p is None else f"t{p}", s, e, level, (ss, se))
            for i, d, title, p, s, e, level, ss, se in conn.execute(
                'SELECT id, document, title, parent, start, "end", level, section_start, section_end '
                f"FROM themes {sql} ORDER BY id",
                args,
            )
        )
        sql, args = where("c.document", docs)
        claims = tuple(self._claims(sql, args))
        relations = tuple(
            Relation(f"r{i}", f"c{src}", f"c{tgt}", typ, Span(cs, ce, ct), conf)
            for i, src, tgt, typ, cs, ce, ct, conf in conn.execute(
                "SELECT r.id, r.source, r.target, r.type, r.cue_start, r.cue_end, r.cue_text, r.confidence "
                f"FROM relations r JOIN claims c ON c.id = r.source {sql} ORDER BY r.id",
                args,
            )
        )
        relation_ids = {r.id for r in relations}
        stance_scope = scope.stances if scope else None
        sql, args = where("stance", stance_scope)
        links: dict[int, list[str]] = {}
        for stance, rel in conn.execute(
            f"SELECT stance, relation FROM stance_relations {sql} ORDER BY stance, relation", args
        ):
            # A stance shared with other documents keeps only the relations of the map being returned.
            if f"r{rel}" in relation_ids:
                links.setdefault(stance, []).append(f"r{rel}")
        sql, args = where("id", stance_scope)
        stances = tuple(
            Stance(f"p{a}", f"p{b}", rel, tuple(links.get(i, ())))
            for i, a, b, rel in conn.execute(
                f"SELECT id, a, b, relation FROM stances {sql} ORDER BY id", args
            )
        )
        sql, args = where("id", scope.notes if scope else None)
        notes = tuple(t for (t,) in conn.execute(f"SELECT text FROM notes {sql} ORDER BY id", args))
        return Map(documents, participants, themes, claims, relations, stances, notes)

    def _claims(self, where: str, args: tuple[Any, ...]) -> list[Claim]:
        attributions: dict[int, list[Attribution]] = {}
        for claim, participant, polarity, cited_as, ms, me, mt, via, behalf in self.conn.execute(
            "SELECT a.claim, a.participant, a.polarity, a.cited_as, a.marker_start, a.marker_end, "
            "a.marker_text, a.via, a.on_behalf_of "
            f"FROM attributions a JOIN claims c ON c.id = a.claim {where} ORDER BY a.claim, a.seq",
            args,
        ):
            attributions.setdefault(claim, []).append(
                Attribution(
                    f"p{participant}",
                    polarity,
                    Span(ms, me, mt),
                    cited_as,
                    via,
                    None if behalf is None else f"p{behalf}",
                )
            )
        return [
            Claim(
                f"c{i}",
                f"d{d}",
                s,
                e,
                text,
                None if t is None else f"t{t}",
                kind,
                tuple(attributions.get(i, ())),
            )
            for i, d, s, e, text, t, kind in self.conn.execute(
                'SELECT c.id, c.document, c.start, c."end", c.text, c.theme, c.kind '
                f"FROM claims c {where} ORDER BY c.id",
                args,
            )
        ]


def fts_query(query: str) -> str:
    """User text as an FTS5 query that cannot be a syntax error: each word a quoted string, all required."""
    cleaned = query.replace("\x00", " ").encode("utf-8", "ignore").decode("utf-8")
    terms = [t for t in cleaned.split() if any(ch.isalnum() for ch in t)]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _check_vocabulary(path: Path, m: Map) -> None:
    for c in m.claims:
        if c.kind not in KINDS:
            raise StoreError(path, f"claim {c.id} has unknown kind {c.kind!r}")
        for a in c.attributions:
            if a.polarity not in POLARITIES:
                raise StoreError(path, f"claim {c.id} has an attribution of unknown polarity {a.polarity!r}")
            if a.via not in VIAS:
                raise StoreError(path, f"claim {c.id} has an attribution found by unknown detector {a.via!r}")
    for r in m.relations:
        if r.type not in RELATION_TYPES:
            raise StoreError(path, f"relation {r.id} has unknown type {r.type!r}")
    for s in m.stances:
        if s.relation not in RELATION_TYPES:
            raise StoreError(path, f"stance {s.a}-{s.b} has unknown relation {s.relation!r}")
    shas = [d.sha256 for d in m.documents]
    if len(set(shas)) != len(shas):
        raise StoreError(path, "the map holds the same document (sha256) twice")


class _Writer:
    """One write_map, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.conflicts: list[str] = []

    def _next_id(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def _ref(self, ids: dict[str, int], key: str, what: str, owner: str) -> int:
        try:
            return ids[key]
        except KeyError:
            raise StoreError(
                self.path, f"cannot write the map: {owner} refers to unknown {what} {key!r}"
            ) from None

    def _opt(self, ids: dict[str, int], key: str | None, what: str, owner: str) -> int | None:
        return None if key is None else self._ref(ids, key, what, owner)

    def write(self, m: Map) -> _Scope:
        touched = self._delete_documents([d.sha256 for d in m.documents])
        conn, ref = self.conn, self._ref

        doc_ids = {d.id: n for n, d in enumerate(m.documents, self._next_id("documents"))}
        conn.executemany(
            "INSERT INTO documents (id, sha256, source, title, format, encoding, length, text, "
            "text_sha256, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_ids[d.id],
                    d.sha256,
                    d.source,
                    d.title,
                    d.format,
                    d.encoding,
                    d.length,
                    d.text,
                    d.text_sha256,
                    json.dumps([list(p) for p in d.pages]),
                )
                for d in m.documents
            ],
        )
        pids = self._merge_participants(m.participants, list(doc_ids.values()))

        theme_ids = {t.id: n for n, t in enumerate(m.themes, self._next_id("themes"))}
        conn.executemany(
            'INSERT INTO themes (id, document, title, parent, start, "end", level, section_start, '
            "section_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    theme_ids[t.id],
                    ref(doc_ids, t.document, "document", f"theme {t.id}"),
                    t.title,
                    self._opt(theme_ids, t.parent, "theme", f"theme {t.id}"),
                    t.start,
                    t.end,
                    t.level,
                    t.section[0],
                    t.section[1],
                )
                for t in m.themes
            ],
        )

        claim_ids = {c.id: n for n, c in enumerate(m.claims, self._next_id("claims"))}
        conn.executemany(
            'INSERT INTO claims (id, document, start, "end", text, theme, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
                (
                    claim_ids[c.id],
                    ref(doc_ids, c.document, "document", f"claim {c.id}"),
                    c.start,
                    c.end,
                    c.text,
                    self._opt(theme_ids, c.theme, "theme", f"claim {c.id}"),
                    c.kind,
                )
                for c in m.claims
            ],
        )
        conn.executemany(
            "INSERT INTO attributions (claim, seq, participant, polarity, cited_as, marker_start, "
            "marker_end, marker_text, via, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    claim_ids[c.id],
                    seq,
                    ref(pids, a.participant, "participant", f"claim {c.id}"),
                    a.polarity,
                    a.cited_as,
                    a.marker.start,
                    a.marker.end,
                    a.marker.text,
                    a.via,
                    self._opt(pids, a.on_behalf_of, "participant", f"claim {c.id}"),
                )
                for c in m.claims
                for seq, a in enumerate(c.attributions)
            ],
        )

        relation_ids = {r.id: n for n, r in enumerate(m.relations, self._next_id("relations"))}
        conn.executemany(
            "INSERT INTO relations (id, source, target, type, cue_start, cue_end, cue_text, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    relation_ids[r.id],
                    ref(claim_ids, r.source, "claim", f"relation {r.id}"),
                    ref(claim_ids, r.target, "claim", f"relation {r.id}"),
                    r.type,
                    r.cue.start,
                    r.cue.end,
                    r.cue.text,
                    r.confidence,
                )
                for r in m.relations
            ],
        )

        stance_ids = self._write_stances(m.stances, pids, relation_ids)
        conn.executemany(
            "INSERT OR IGNORE INTO stance_documents (stance, document) VALUES (?, ?)",
            [(s, d) for s in dict.fromkeys(stance_ids) for d in doc_ids.values()],
        )
        first_note = self._next_id("notes")
        all_notes = [*m.notes, *dict.fromkeys(self.conflicts)]
        note_ids = list(range(first_note, first_note + len(all_notes)))
        conn.executemany(
            "INSERT INTO notes (id, text) VALUES (?, ?)", list(zip(note_ids, all_notes, strict=True))
        )
        conn.executemany(
            "INSERT INTO note_documents (note, document) VALUES (?, ?)",
            [(n, d) for n in note_ids for d in doc_ids.values()],
        )
        participant_ids = list(dict.fromkeys(pids.values()))
        if touched:  # documents were replaced: rebuild from every source row that is left
            _recompute_participants(conn, touched | set(participant_ids))
        else:  # only added: fold the new contributions in, without re-reading a participant's history
            _extend_participants(conn, m.participants, pids)
        return _Scope(list(doc_ids.values()), sorted(participant_ids), sorted(set(stance_ids)), note_ids)

    def _delete_documents(self, shas: Sequence[str]) -> set[int]:
        """Delete the stored copies of these documents; returns the participants whose sources changed."""
        conn = self.conn
        old = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM documents WHERE sha256 IN (SELECT value FROM json_each(?))",
                (json.dumps(list(shas)),),
            )
        ]
        if not old:
            return set()
        docs = _ids(old)
        in_docs = "IN (SELECT value FROM json_each(?))"
        touched = {
            r[0]
            for r in conn.execute(
                f"SELECT participant FROM participant_sources WHERE document {in_docs}", (docs,)
            )
        }
        stances = _ids(
            r[0]
            for r in conn.execute(f"SELECT stance FROM stance_documents WHERE document {in_docs}", (docs,))
        )
        notes = _ids(
            r[0] for r in conn.execute(f"SELECT note FROM note_documents WHERE document {in_docs}", (docs,))
        )
        conn.execute(f"DELETE FROM documents WHERE id {in_docs}", (docs,))
        # Stances and notes that lived only on these documents go with them; shared ones stay.
        conn.execute(
            f"DELETE FROM stances WHERE id {in_docs} AND id NOT IN (SELECT stance FROM stance_documents)",
            (stances,),
        )
        conn.execute(
            f"DELETE FROM notes WHERE id {in_docs} AND id NOT IN (SELECT note FROM note_documents)", (notes,)
        )
        return touched

    def _merge_participants(self, participants: Sequence[Participant], docs: list[int]) -> dict[str, int]:
        """Map each participant to the store's row for its name, creating rows for new names.

        One name is one person across records, unless the records give it two different affiliations:
        then they are kept as two participants and the conflict is noted (``self.conflicts``), since
        merging two people misrepresents both."""
        conn = self.conn
        # One lookup per name, bound as a parameter: json_each would cut a name at a NUL character.
        rows: dict[str, tuple[int, str | None]] = {}

        def lookup(key: str) -> tuple[int, str | None] | None:
            if key not in rows:
                row = conn.execute(
                    "SELECT id, affiliation FROM participants WHERE key = ?", (key,)
                ).fetchone()
                if row:
                    rows[key] = (row[0], row[1])
            return rows.get(key)

        new_rows = []
        next_id = self._next_id("participants")
        pids: dict[str, int] = {}
        for p in participants:
            key = participant_key(p.name)
            hit = lookup(key)
            if hit is not None and _conflicting(hit[1], p.affiliation):
                self.conflicts.append(
                    f"conflicting identities: {p.name!r} of {p.affiliation!r} and {p.name!r} of {hit[1]!r} "
                    "are kept as two participants"
                )
                key = f"{key} ({participant_key(p.affiliation or '')})"
                hit = lookup(key)
            if hit is None:
                rows[key] = (next_id, p.affiliation)
                new_rows.append(
                    (
                        next_id,
                        p.name,
                        key,
                        p.affiliation,
                        json.dumps(list(p.aliases)),
                        int(p.in_roster),
                        p.kind,
                    )
                )
                next_id += 1
            elif hit[1] is None and p.affiliation:
                rows[key] = (hit[0], p.affiliation)  # what the row's affiliation becomes once recomputed
            pids[p.id] = rows[key][0]
        conn.executemany(
            "INSERT INTO participants (id, name, key, affiliation, aliases, in_roster, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            new_rows,
        )
        # A map without documents still contributes (document NULL), so its participants persist.
        conn.executemany(
            "INSERT INTO participant_sources (participant, document, affiliation, aliases, in_roster) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (pids[p.id], d, p.affiliation, json.dumps(list(p.aliases)), int(p.in_roster))
                for p in participants
                for d in (docs or [None])
            ],
        )
        return pids

    def _write_stances(
        self, stances: Sequence[Stance], pids: dict[str, int], relation_ids: dict[str, int]
    ) -> list[int]:
        conn = self.conn
        # One indexed lookup per stance (UNIQUE (a, b, relation)), not a scan of every stance stored:
        # a batch writes thousands of records into one store.
        known: dict[tuple[int, int, str], int] = {}
        next_id = self._next_id("stances")
        rows, links, ids = [], [], []
        for s in stances:
            owner = f"stance {s.a}-{s.b}"
            key = (
                self._ref(pids, s.a, "participant", owner),
                self._ref(pids, s.b, "participant", owner),
                s.relation,
            )
            if key not in known:
                row = conn.execute(
                    "SELECT id FROM stances WHERE a = ? AND b = ? AND relation = ?", key
                ).fetchone()
                if row:
                    known[key] = row[0]
                else:
                    known[key] = next_id
                    rows.append((next_id, *key))
                    next_id += 1
            ids.append(known[key])
            links += [(known[key], self._ref(relation_ids, r, "relation", owner)) for r in s.relations]
        conn.executemany("INSERT INTO stances (id, a, b, relation) VALUES (?, ?, ?, ?)", rows)
        conn.executemany("INSERT OR IGNORE INTO stance_relations (stance, relation) VALUES (?, ?)", links)
        return ids


def _conflicting(a: str | None, b: str | None) -> bool:
    """Two known affiliations that differ (case and spacing aside)."""
    return bool(a and b) and participant_key(a or "") != participant_key(b or "")


def _extend_participants(
    conn: sqlite3.Connection, participants: Sequence[Participant], pids: dict[str, int]
) -> None:
    """What ``_recompute_participants`` computes when sources are only added, in time independent of
    how many records already mention a participant (a batch adds thousands): aliases unioned in order,
    in_roster OR-ed, the first known affiliation kept."""
    rows = []
    for pid in dict.fromkeys(pids.values()):
        aff, aliases, roster = conn.execute(
            "SELECT affiliation, aliases, in_roster FROM participants WHERE id = ?", (pid,)
        ).fetchone()
        seen = dict.fromkeys(json.loads(aliases))
        for p in participants:
            if pids[p.id] == pid:
                seen.update(dict.fromkeys(p.aliases))
                aff = aff or p.affiliation
                roster = roster or p.in_roster
        rows.append((aff, json.dumps(list(seen)), int(roster), pid))
    conn.executemany("UPDATE participants SET affiliation = ?, aliases = ?, in_roster = ? WHERE id = ?", rows)


def _recompute_participants(conn: sqlite3.Connection, ids: set[int]) -> None:
    """Rebuild merged participants from what their documents say: aliases unioned, in_roster OR-ed,
    the first known affiliation kept; a participant no document mentions any more is deleted."""
    merged: dict[int, tuple[str | None, dict[str, None], bool]] = {}
    for pid, affiliation, aliases, roster in conn.execute(
        "SELECT participant, affiliation, aliases, in_roster FROM participant_sources "
        "WHERE participant IN (SELECT value FROM json_each(?)) ORDER BY rowid",
        (_ids(sorted(ids)),),
    ):
        aff, seen, in_roster = merged.get(pid, (None, {}, False))
        seen.update(dict.fromkeys(json.loads(aliases)))
        if not aff and affiliation is not None:
            aff = affiliation
        merged[pid] = (aff, seen, in_roster or bool(roster))
    conn.executemany(
        "UPDATE participants SET affiliation = ?, aliases = ?, in_roster = ? WHERE id = ?",
        [(aff, json.dumps(list(seen)), int(roster), pid) for pid, (aff, seen, roster) in merged.items()],
    )
    conn.executemany("DELETE FROM participants WHERE id = ?", [(pid,) for pid in sorted(ids - merged.keys())])
