"""The local server: the explorer page, the report and a JSON API over one map store, read-only.

Every request reads through a read-only connection (``open_store(db, readonly=True)``); the map itself is
read once and kept until the store file changes. The server serves no files: its routes are fixed, so a
path that tries to reach outside the store is simply unknown (404). Request lines and bodies are bounded
(414, 413), no CORS header is sent (a page elsewhere cannot read the API), and it binds to 127.0.0.1
unless told otherwise. ``get(db, path)`` answers one request in-process, as ``datasette serve --get``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, PlainTextResponse

from rapporteur.export.json import claim_dict, to_dict
from rapporteur.model import Map
from rapporteur.serve_models import (  # the response models
    ClaimOut,
    ClaimsPage,
    MapOut,
    ParticipantDetail,
    ParticipantOut,
    RelationOut,
    StanceOut,
)
from rapporteur.store import open_store

MAX_PATH = 1024  # characters of the path
MAX_QUERY = 2048  # characters of the query string
MAX_BODY = 16 * 1024  # bytes: the API only reads, so a large body is never legitimate

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


# -- the map, read once per version of the store file ------------------------------------------------------


class _Maps:
    """The store's map, re-read when the database (or its WAL) changes on disk."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.key: tuple[Any, ...] | None = None
        self.map: Map | None = None
        self.pages: dict[str, str] = {}
        self.data: dict[str, Any] = {}

    def _signature(self) -> tuple[Any, ...]:
        sig: list[Any] = []
        for p in (self.db, Path(str(self.db) + "-wal")):
            try:
                st = os.stat(p)
                sig += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                sig += [None, None]
        return tuple(sig)

    def get(self) -> Map:
        sig = self._signature()
        with self.lock:
            if self.map is None or sig != self.key:
                with open_store(self.db, readonly=True) as store:
                    self.map = store.read_map()
                self.key, self.pages, self.data = sig, {}, {}
            return self.map

    def page(self, name: str, build: Callable[[Map], str]) -> str:
        m = self.get()
        with self.lock:
            if name not in self.pages:
                self.pages[name] = build(m)
            return self.pages[name]

    def page_data(self, name: str, build: Callable[[Map], Any]) -> Any:
        """Like ``page``, for anything derived from the map (the synthesis): built once per version."""
        m = self.get()
        with self.lock:
            if name not in self.data:
                self.data[name] = build(m)
            return self.data[name]


def _claim_count(m: Map) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in m.claims:
        for pid in {a.participant for a in c.attributions}:
            counts[pid] = counts.get(pid, 0) + 1
    return counts


def _participants(m: Map) -> list[dict[str, Any]]:
    counts = _claim_count(m)
    return [
        {
            "id": p.id,
            "name": p.name,
            "affiliation": p.affiliation,
            "aliases": list(p.aliases),
            "in_roster": p.in_roster,
            "claims": counts.get(p.id, 0),
        }
        for p in m.participants
    ]


# -- bounds and headers, as plain ASGI so they apply before any routing --------------------------------


#: Host names a loopback server answers to. Any other Host header is a page that resolved its own name
#: to 127.0.0.1 (DNS rebinding) to read the API from the browser; it is refused with 421.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(value: bytes) -> str:
    """The name in a Host header, without its port: ``127.0.0.1:8001`` -> ``127.0.0.1``, ``[::1]:80`` ->
    ``[::1]``."""
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """Refuses over-long request lines (414) and bodies (413), and a Host header that is not one of
    ``hosts`` (421; None accepts any, for ``--public``); adds security headers to every answer."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_path: int = MAX_PATH,
        max_query: int = MAX_QUERY,
        max_body: int = MAX_BODY,
        hosts: frozenset[str] | None = LOOPBACK_HOSTS,
    ):
        self.app, self.max_path, self.max_query, self.max_body = app, max_path, max_query, max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names
                ]
            await send(message)

        if self.hosts is not None:
            host = dict(scope.get("headers", [])).get(b"host")
            if host is None or _host_name(host) not in self.hosts:
                refusal = PlainTextResponse("misdirected request: unknown Host\n", 421)
                await refusal(scope, receive, send_headers)
                return
        if (
            len(scope.get("raw_path") or scope["path"].encode()) > self.max_path
            or len(scope.get("query_string", b"")) > self.max_query
        ):
            await PlainTextResponse("request line too long\n", 414)(scope, receive, send_headers)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await PlainTextResponse("request body too large\n", 413)(scope, receive, send_headers)
            return
        seen = 0

        async def bounded_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, bounded_receive, send_headers)


# -- the app --------------------------------------------------------------------------------------------


def create_app(db: str | Path, *, hosts: frozenset[str] | None = LOOPBACK_HOSTS) -> FastAPI:
    """The FastAPI app over the store at ``db`` (opened read-only for every read); ``hosts`` are the Host
    header names it answers (None: any, for a server bound in public on purpose)."""
    import rapporteur

    db = Path(db)
    maps = _Maps(db)
    app = FastAPI(
        title="rapporteur",
        version=rapporteur.__version__,
        description="Who argued what: the map of a debate's record, read-only. "
        "Every claim carries the character offsets of its span in its document.",
        docs_url=None,  # the interactive docs pages load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )

    def page_headers(csp: str | None = None) -> dict[str, str]:
        return {"content-security-policy": csp} if csp else {}

    @app.get("/", response_class=HTMLResponse, summary="The explorer page", tags=["pages"])
    def explorer_page() -> HTMLResponse:
        from rapporteur.render.explorer import explorer

        return HTMLResponse(maps.page("explorer", explorer))

    @app.get("/report", response_class=HTMLResponse, summary="The rapporteur's report (HTML)", tags=["pages"])
    def report_page() -> HTMLResponse:
        from rapporteur.render.report import report

        html = maps.page("report.html", lambda m: report(m, "html"))
        return HTMLResponse(html, headers=page_headers("default-src 'none'; style-src 'unsafe-inline'"))

    @app.get(
        "/report.md",
        response_class=PlainTextResponse,
        summary="The rapporteur's report (Markdown)",
        tags=["pages"],
    )
    def report_md() -> PlainTextResponse:
        from rapporteur.render.report import report

        return PlainTextResponse(
            maps.page("report.md", lambda m: report(m, "md")), media_type="text/markdown"
        )

    @app.get("/api/map", response_model=MapOut, summary="The whole map as rapporteur/map@1", tags=["api"])
    def api_map(text: bool = Query(False, description="Include each document's text.")) -> dict[str, Any]:
        m = maps.get()
        d = to_dict(m, include_text=text)
        d["participants"] = _participants(m)
        return d

    @app.get("/api/claims", response_model=ClaimsPage, summary="Claims, filtered", tags=["api"])
    def api_claims(
        participant: str | None = Query(None, max_length=64, description="A participant id, e.g. p3."),
        theme: str | None = Query(
            None, max_length=64, description="A theme id; its sub-themes are included."
        ),
        kind: Literal["claim", "question", "qualification", "proposal"] | None = None,
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        m = maps.get()
        themes = None
        if theme is not None:
            themes = {theme}
            grew = True
            while grew:
                more = {t.id for t in m.themes if t.parent in themes} - themes
                themes |= more
                grew = bool(more)
        found = [
            c
            for c in m.claims
            if (kind is None or c.kind == kind)
            and (themes is None or c.theme in themes)
            and (participant is None or any(a.participant == participant for a in c.attributions))
        ]
        return {"total": len(found), "items": [claim_dict(c) for c in found[offset : offset + limit]]}

    @app.get(
        "/api/claims/{claim_id}",
        response_model=ClaimOut,
        summary="One claim",
        tags=["api"],
        responses={404: {"description": "No such claim"}},
    )
    def api_claim(claim_id: str) -> dict[str, Any]:
        for c in maps.get().claims:
            if c.id == claim_id:
                return claim_dict(c)
        raise HTTPException(404, "no such claim")

    @app.get("/api/participants", response_model=list[ParticipantOut], summary="Participants", tags=["api"])
    def api_participants() -> list[dict[str, Any]]:
        return _participants(maps.get())

    @app.get(
        "/api/participants/{participant_id}",
        response_model=ParticipantDetail,
        summary="One participant, with their claims and stances",
        tags=["api"],
        responses={404: {"description": "No such participant"}},
    )
    def api_participant(participant_id: str) -> dict[str, Any]:
        m = maps.get()
        person = next((p for p in _participants(m) if p["id"] == participant_id), None)
        if person is None:
            raise HTTPException(404, "no such participant")
        return {
            "participant": person,
            "claims": [
                claim_dict(c)
                for c in m.claims
                if any(a.participant == participant_id for a in c.attributions)
            ],
            "stances": [
                {"a": s.a, "b": s.b, "relation": s.relation, "relations": list(s.relations)}
                for s in m.stances
                if participant_id in (s.a, s.b)
            ],
        }

    @app.get(
        "/api/stances", response_model=list[StanceOut], summary="Stances between participants", tags=["api"]
    )
    def api_stances() -> list[dict[str, Any]]:
        return [
            {"a": s.a, "b": s.b, "relation": s.relation, "relations": list(s.relations)}
            for s in maps.get().stances
        ]

    @app.get(
        "/api/relations", response_model=list[RelationOut], summary="Relations between claims", tags=["api"]
    )
    def api_relations() -> list[dict[str, Any]]:
        return to_dict(maps.get(), include_text=False)["relations"]

    @app.get(
        "/api/search", response_model=list[ClaimOut], summary="Full-text search over claims", tags=["api"]
    )
    def api_search(
        q: str = Query(..., min_length=1, max_length=200, description="Words; all must match."),
        limit: int = Query(50, ge=1, le=500),
    ) -> list[dict[str, Any]]:
        with open_store(db, readonly=True) as store:
            return [claim_dict(c) for c in store.search(q, limit=limit)]

    @app.get(
        "/api/themes/{theme_id}/interpretations",
        summary="A theme's competing views, cruxes and common ground",
        tags=["api"],
        responses={404: {"description": "No such theme"}},
    )
    def api_interpretations(theme_id: str) -> dict[str, Any]:
        from rapporteur.synthesis import synthesize, theme_dict

        s = maps.page_data("synthesis", synthesize)
        found = s.theme(theme_id)
        if found is None:
            raise HTTPException(404, "no such theme (or no claims in it)")
        return theme_dict(found)

    @app.get("/api/stats", response_model=dict[str, int], summary="Row counts of the store", tags=["api"])
    def api_stats() -> dict[str, int]:
        with open_store(db, readonly=True) as store:
            return store.stats()

    app.add_middleware(Guard, hosts=hosts)
    return app


def check_store(db: str | Path) -> None:
    """Refuse at start-up, with the store's one-line error, a file that is not a current map store:
    otherwise the server starts and answers 500 to everything."""
    with open_store(db, readonly=True) as store:
        store.stats()


def get(db: str | Path, path: str) -> tuple[int, str]:
    """Answer one GET request in-process through httpx's ASGI transport, no socket: (status, body)."""
    import asyncio

    import httpx

    if not path.startswith("/"):
        path = "/" + path
    app = create_app(db)

    async def one() -> tuple[int, str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            response = await client.get(path)
        return response.status_code, response.text

    return asyncio.run(one())


def run(db: str | Path, *, host: str = "127.0.0.1", port: int = 8001, public: bool = False) -> None:
    """Serve until interrupted. A non-loopback ``host`` needs ``public``: the map holds full texts."""
    import uvicorn

    if not is_loopback(host) and not public:
        raise ValueError(f"{host} is not a loopback address; binding it needs public=True")
    hosts = None if public else LOOPBACK_HOSTS | {host.lower()}
    print(f"serving {Path(db).resolve()} at http://{host}:{port}/  (API schema: /openapi.json)", flush=True)
    uvicorn.run(create_app(db, hosts=hosts), host=host, port=port, log_level="warning")


@contextmanager
def running(db: str | Path, *, timeout: float = 10.0) -> Iterator[str]:
    """``rapporteur serve`` in a child process on a free loopback port, stopped on exit; yields its URL.

    For end-to-end tests and load tests, which need a real server in another process."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from rapporteur.cli import main; main()", "serve", "--db", str(db)]
    proc = subprocess.Popen([*cmd, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                httpx.get(base + "/api/stats", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    detail = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                    raise RuntimeError(f"the server did not start: {detail.strip()}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
