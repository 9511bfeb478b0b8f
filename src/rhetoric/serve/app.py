"""The FastAPI application: the versioned JSON API (`/v1`) and the review pages, over one queue.

Errors follow the CLI's contract as HTTP statuses, always as JSON `{"error": {"status", "message"}}`
and never a stack trace: 400 bad input, 401/403 not allowed, 404 unknown article, 409 a decision that
would overwrite another without saying so, 413 a body over 5 MiB, 422 invalid fields, 503 a model
problem or scoring that ran past the time limit.
"""

from __future__ import annotations

import asyncio
import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import Conflict, ModelError, NotFound, RhetoricError
from ..labels import LABEL_KEYS
from ..review_queue import STATUSES
from ..text import MAX_BYTES
from .auth import Sessions, SignInLimiter, Users, read_users

if TYPE_CHECKING:
    import anyio

API_VERSION = "v1"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send `Origin: null` on our own forms
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Settings:
    """What `rhetoric serve` was started with."""

    db: Path
    model_dir: Path | None = None
    outlet: str | None = None
    policy: Path | None = None
    users: Path | None = None
    time_limit: float = 30.0
    max_bytes: int = MAX_BYTES


class ArticleIn(BaseModel):
    """An article: plain text, Markdown or HTML (reduced to the text a reader sees)."""

    text: str = Field(description="The article, at most 5 MiB of UTF-8.")
    format: Literal["text", "markdown", "html"] = "text"
    source: str = Field("api", max_length=500, description="A name for the article, shown in reports.")


class RelabelIn(BaseModel):
    index: int = Field(ge=0, description="The sentence's index in the report.")
    label: Literal[LABEL_KEYS]  # type: ignore[valid-type]  # the labels, defined once in labels.py
    value: Literal[0, 1]
    passage: str | None = Field(None, description="The words carrying the label (value 1 only).")


class DecisionIn(BaseModel):
    decision: Literal["approve", "reject"]
    note: str = Field("", max_length=5000)
    relabels: list[RelabelIn] = Field(default_factory=list, max_length=1000)
    change: bool = Field(False, description="Change a decision already made (else 409).")


class TooLarge(Exception):
    """A request body over the size limit."""


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def status_of(exc: RhetoricError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, ModelError):
        return 503
    return 400


class State:
    """The loaded model and policy, the users, the sessions: one per application."""

    def __init__(self, settings: Settings) -> None:
        from ..gate import load_policy
        from ..store import load_model

        self.settings = settings
        self.model = load_model(settings.model_dir, settings.outlet)
        self.policy = load_policy(settings.policy)
        self.users: Users | None = read_users(settings.users) if settings.users else None
        self.sessions = Sessions()
        self.limiter = SignInLimiter()
        self.local_reviewer = _local_user()
        self.scoring: anyio.CapacityLimiter | None = None  # made in the server's event loop on first use

    def queue(self):
        from ..review_queue import Queue

        return Queue(self.settings.db)


def _local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


def create_app(settings: Settings) -> FastAPI:
    """The application; the model, policy and users are loaded (and checked) here, before serving."""
    state = State(settings)
    app = FastAPI(
        title="rhetoric",
        version=API_VERSION,
        description="Hedging, loaded language and unattributed speculation in news articles, sentence by "
                    "sentence; the gate and the editorial review queue.",
        docs_url=None, redoc_url=None, openapi_url=f"/{API_VERSION}/openapi.json",
    )
    app.state.rhetoric = state

    app.add_middleware(Guard, max_bytes=settings.max_bytes)

    @app.exception_handler(RhetoricError)
    async def rhetoric_error(_request: Request, exc: RhetoricError):
        return error(status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in exc.errors())
        return error(422, problems[:2000] or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException):
        response = error(exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(TooLarge)
    async def too_large(_request: Request, _exc: TooLarge):
        return error(413, f"the request body is over the {settings.max_bytes:,}-byte limit")

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception):
        return error(500, f"internal error: {type(exc).__name__}")

    from .api import router
    from .pages import router as pages_router

    app.include_router(router)
    app.include_router(pages_router)
    from fastapi.staticfiles import StaticFiles

    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    return app


class Guard:
    """Every response gets the security headers; a body declared over the limit gets 413 unread.

    A plain ASGI middleware: Starlette's BaseHTTPMiddleware costs about a millisecond a request."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import MutableHeaders

        async def secured(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers.append(name, value)
            await send(message)

        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            response = error(413, f"the request body is over the {self.max_bytes:,}-byte limit")
            await response(scope, receive, secured)
            return
        await self.app(scope, receive, secured)


def state_of(request: Request) -> State:
    return request.app.state.rhetoric


async def limited_body(request: Request) -> bytes:
    """The body, read up to the size limit (a chunked body has no Content-Length to check first)."""
    limit = state_of(request).settings.max_bytes
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def in_time(request: Request, work, *args):
    """Run blocking work in a thread, answering 503 if it passes the time limit (waiting included).

    Scoring is pure Python: threads scoring at once only take turns on the interpreter lock, so
    one at a time (`State.scoring`) serves the same requests with less switching."""
    import anyio

    state = state_of(request)
    limit = state.settings.time_limit
    try:
        if state.scoring is None:
            state.scoring = anyio.CapacityLimiter(1)
        return await asyncio.wait_for(anyio.to_thread.run_sync(work, *args, limiter=state.scoring), timeout=limit)
    except TimeoutError:
        raise HTTPException(503, f"scoring took longer than the {limit:g}-second limit") from None


def api_client(request: Request) -> str:
    """Who is calling the API: a CMS client by bearer token, or (no --users: loopback only) this machine."""
    state = state_of(request)
    if state.users is None:
        return state.local_reviewer
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    name = state.users.client_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if name is None:
        raise HTTPException(401, "send Authorization: Bearer <token> (see `rhetoric users add-client`)",
                            headers={"WWW-Authenticate": "Bearer"})
    return name


Client = Depends(api_client)
StatusQuery = Query(None, pattern=f"^({'|'.join(STATUSES)})$")

