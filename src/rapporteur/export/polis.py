"""Polis-style CSV: the claims as comments, the inferred participant x claim stance matrix as votes.

Polis's export is the exchange format of deliberation tools (red-dwarf reads it): ``comments.csv``
(``timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body``), ``votes.csv``
(``timestamp,datetime,comment-id,voter-id,vote``, vote 1 agree, -1 disagree, 0 pass),
``participants-votes.csv`` (one row per participant, one column per comment) and ``summary.csv``
(key, value rows). Polis ids are non-negative integers, so ``ids.csv`` (our addition) maps each back
to the map's ids and names.

Nobody voted: a vote here is the position ``rapporteur.stances.claim_matrix`` reads from the record —
holding a claim or answering it with ``agree`` is 1, answering it with ``disagree`` or being named as
an exception is -1, and a ``qualify`` (agreement with reservations) is 0, Polis's pass, because it is
neither. Questions carry no votes. A comment's author is its first cited holder; a claim the record
gives to nobody is authored by participant 0, the record itself. Timestamps are not the record's (it
has none): they are one fixed day plus one second per claim, so sorting by time keeps the record's order.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rapporteur.export.csv import csv_files, write_files
from rapporteur.model import Map
from rapporteur.stances import claim_matrix

EPOCH = 946684800  # 2000-01-01 00:00:00 UTC, the fixed day the AIF export also uses
RECORD = 0  # the author of a claim held by no named participant


def vote(weight: float) -> int:
    """Polis's vote for an inferred position: agree 1, disagree -1, pass 0 for anything between."""
    return 1 if weight >= 1.0 else -1 if weight <= -1.0 else 0


def _when(seconds: int) -> tuple[int, str]:
    t = datetime.fromtimestamp(seconds, tz=UTC)
    return seconds, t.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")


def tables(m: Map) -> dict[str, list[list[object]]]:
    """File name (without ``.csv``) -> rows, header first."""
    comment_id = {c.id: i for i, c in enumerate(m.claims)}
    voter_id = {p.id: i for i, p in enumerate(m.participants, 1)}
    matrix = claim_matrix(m)
    votes: dict[str, dict[str, int]] = {c.id: {} for c in m.claims}
    questions = {c.id for c in m.claims if c.kind == "question"}
    for pid, row in matrix.items():
        for cid, weight in row.items():
            if pid in voter_id and cid in votes and cid not in questions:
                votes[cid][pid] = vote(weight)

    comments = [["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
                 "comment-body"]]  # fmt: skip
    vote_rows = [["timestamp", "datetime", "comment-id", "voter-id", "vote"]]
    for c in m.claims:
        ts, dt = _when(EPOCH + comment_id[c.id])
        holders = [p for p in c.holders if p in voter_id]
        author = voter_id[holders[0]] if holders else RECORD
        cast = votes[c.id]
        agrees = sum(1 for v in cast.values() if v == 1)
        disagrees = sum(1 for v in cast.values() if v == -1)
        comments.append([ts, dt, comment_id[c.id], author, agrees, disagrees, 1, c.text])
        for pid in sorted(cast, key=voter_id.__getitem__):
            vote_rows.append([ts, dt, comment_id[c.id], voter_id[pid], cast[pid]])

    authored: dict[int, int] = {}
    for row in comments[1:]:
        authored[row[3]] = authored.get(row[3], 0) + 1  # type: ignore[index]
    by_voter: dict[str, dict[int, int]] = {}
    for cid, cast in votes.items():
        for pid, v in cast.items():
            by_voter.setdefault(pid, {})[comment_id[cid]] = v
    header: list[object] = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    grid = [header + [str(i) for i in range(len(m.claims))]]
    for p in m.participants:
        mine = by_voter.get(p.id, {})
        if not mine and not authored.get(voter_id[p.id]):
            continue  # Polis lists those who took part; a roster name never cited took no part
        grid.append(
            [voter_id[p.id], "", authored.get(voter_id[p.id], 0), len(mine),
             sum(1 for v in mine.values() if v == 1), sum(1 for v in mine.values() if v == -1)]
            + [mine.get(i, "") for i in range(len(m.claims))]
        )  # fmt: skip

    voters = {row[3] for row in vote_rows[1:]}
    summary: list[list[object]] = [
        ["topic", "; ".join(d.title for d in m.documents)],
        ["url", ""],
        ["voters", len(voters)],
        ["voters-in-conv", len(voters)],
        ["commenters", len(authored)],
        ["comments", len(m.claims)],
        ["groups", 0],
        ["conversation-description",
         "Read from the record by rapporteur: votes are inferred positions (holding or agreeing 1, "
         "disagreeing -1, qualifying 0), not votes cast."],
    ]  # fmt: skip
    ids: list[list[object]] = [["kind", "polis-id", "rapporteur-id", "text"]]
    ids.append(["participant", RECORD, "", "(the record: a claim held by no named participant)"])
    ids += [["participant", voter_id[p.id], p.id, p.name] for p in m.participants]
    ids += [["comment", comment_id[c.id], c.id, c.text] for c in m.claims]
    return {"comments": comments, "votes": vote_rows, "participants-votes": grid, "summary": summary,
            "ids": ids}  # fmt: skip


def to_polis(m: Map) -> dict[str, str]:
    """File name -> CSV text."""
    return csv_files(tables(m))


def write_polis(m: Map, path: str | Path) -> Path:
    """Write the files into ``path``: a zip if it ends in ``.zip``, else a directory (created)."""
    return write_files(to_polis(m), path)
