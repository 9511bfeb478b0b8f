"""The review desk: server-rendered pages (no build step, no CDN), forms with CSRF tokens.

An editor signs in, works down the queue, and on an article page sees the verdict and its reasons,
every label's passages at once, each flagged sentence's scores and reasons, and the history. Dismissing
a wrong flag or marking a missed passage adds a pending correction to the editor's session; approving
or rejecting records the decision with those corrections in the queue, as `rhetoric queue decide` does.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..labels import BY_KEY, LABEL_KEYS, LABELS
from .app import state_of
from .auth import Session

router = APIRouter(include_in_schema=False)
COOKIE = "rhetoric_session"


def _templates():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                              autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(labels=LABELS, by_key=BY_KEY)
    return environment


_ENVIRONMENT: list = []


def render(template: str, http_status: int = 200, **context) -> HTMLResponse:
    if not _ENVIRONMENT:
        _ENVIRONMENT.append(_templates())
    return HTMLResponse(_ENVIRONMENT[0].get_template(template).render(**context), status_code=http_status)


def _session(request: Request) -> Session | None:
    return state_of(request).sessions.get(request.cookies.get(COOKIE))


def _signed_in(request: Request) -> tuple[Session | None, Response | None]:
    """The editor's session; without --users, a session for this machine's user is started on first visit."""
    state = state_of(request)
    session = _session(request)
    if session is not None:
        return session, None
    if state.users is not None:
        target = "/signin?" + urlencode({"next": request.url.path})
        return None, RedirectResponse(target, status_code=303)
    token, session = state.sessions.start(state.local_reviewer)
    response = RedirectResponse(str(request.url), status_code=303)
    _set_cookie(response, token)
    return None, response


def _set_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def _same_origin(request: Request) -> bool:
    """A form post must come from this server's own pages (with SameSite cookies and CSRF tokens)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _checked_form(request: Request, session: Session | None, csrf: str) -> Response | None:
    if session is None or not _same_origin(request) or not hmac.compare_digest(csrf, session.csrf):
        return render("message.html", 403, title="Not allowed",
                      message="This form has expired or did not come from this review desk. Reload the page.")
    return None


def _safe_next(target: str) -> str:
    """Only a path on this server: `//host` and `/\\host` would send a browser elsewhere."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/queue"


@router.get("/")
def home() -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/labels.css")
def label_styles() -> Response:
    """Each label's colours and highlight, from its definition (`labels.LABELS`)."""
    from ..report import label_css

    return Response(label_css((".score.on", ".chip")), media_type="text/css")


@router.get("/signin")
def signin_page(request: Request, next: str = "/queue") -> Response:  # noqa: A002 - the query's name
    if state_of(request).users is None:
        return RedirectResponse("/queue", status_code=303)
    return render("signin.html", next=_safe_next(next), error=None)


@router.post("/signin")
def signin(request: Request, user: str = Form(...), password: str = Form(...), next: str = Form("/queue")):  # noqa: A002
    state = state_of(request)
    if state.users is None:
        return RedirectResponse("/queue", status_code=303)
    if not _same_origin(request):
        return render("message.html", 403, title="Not allowed", message="Sign in from this review desk's page.")
    address = request.client.host if request.client else "unknown"
    keys = (f"user:{user}", f"address:{address}")
    if state.limiter.blocked(*keys):
        return render("signin.html", 429, next=_safe_next(next),
                      error="Too many failed sign-ins. Wait 15 minutes and try again.")
    if not state.users.check_password(user, password):
        state.limiter.failed(*keys)
        return render("signin.html", 401, next=_safe_next(next), error="That name and password do not match.")
    token, _session = state.sessions.start(user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(response, token)
    return response


@router.post("/signout")
def signout(request: Request, csrf: str = Form("")) -> Response:
    session = _session(request)
    refused = _checked_form(request, session, csrf)
    if refused:
        return refused
    state_of(request).sessions.end(request.cookies.get(COOKIE))
    response = RedirectResponse("/signin" if state_of(request).users else "/queue", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


SORTS = ("age", "score")


@router.get("/queue")
def queue_page(request: Request, status: str = "review", label: str = "", sort: str = "age",
               notice: str = "") -> Response:
    session, redirect = _signed_in(request)
    if redirect:
        return redirect
    from ..review_queue import STATUSES

    status = status if status in (*STATUSES, "all") else "review"
    label = label if label in LABEL_KEYS else ""
    sort = sort if sort in SORTS else "age"
    with state_of(request).queue() as q:
        everything = q.list()
    left = sum(item["status"] == "review" for item in everything)
    items = [i for i in everything if status == "all" or i["status"] == status]
    if label:
        items = [i for i in items if i["flagged"].get(label)]
    if sort == "score":
        items.sort(key=lambda i: -i["highest_score"])
    else:
        items.sort(key=lambda i: i["id"])  # oldest first: the longest waiting is reviewed first
    return render("queue.html", session=session, items=items, left=left, status=status, label=label, sort=sort,
                  statuses=(*STATUSES, "all"), sorts=SORTS, notice=notice[:300])


def _neighbours(request: Request, article_id: int) -> tuple[int | None, int | None]:
    """The previous and next article still to review, around `article_id` (oldest first)."""
    with state_of(request).queue() as q:
        waiting = sorted(item["id"] for item in q.list("review"))
    before = [i for i in waiting if i < article_id]
    after = [i for i in waiting if i > article_id] or [i for i in waiting if i != article_id]  # then wrap round
    return (before[-1] if before else None), (after[0] if after else None)


def _pieces(sentence: dict) -> list[tuple[str, list[str]]]:
    from ..report import segments

    return [(piece, sorted({p["label"] for p in covering}, key=LABEL_KEYS.index))
            for piece, covering in segments(sentence["text"], sentence["start"], sentence["passages"])]


@router.get("/queue/{article_id}")
def article_page(request: Request, article_id: int, notice: str = "") -> Response:
    session, redirect = _signed_in(request)
    if redirect:
        return redirect
    with state_of(request).queue() as q:
        try:
            item = q.get(article_id)
        except InputError as exc:
            return render("message.html", 404, title="Not in the queue", message=str(exc))
    previous, following = _neighbours(request, article_id)
    sentences = item["report"]["sentences"]
    paragraphs: list[list[dict]] = [[]]
    last_end = None
    for s in sentences:
        if last_end is not None and "\n" in item["text"][last_end : s["start"]] and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append({**s, "pieces": _pieces(s)})
        last_end = s["end"]
    draft = session.draft.get(article_id, []) if session else []
    return render("article.html", session=session, item=item, paragraphs=paragraphs,
                  flagged=[s for s in sentences if s["flags"]], draft=draft, previous=previous, following=following,
                  notice=notice[:300], decided=item["status"] in ("approved", "rejected"))


@router.post("/queue/{article_id}/draft")
def draft(request: Request, article_id: int, csrf: str = Form(""), action: str = Form(...),
          index: int = Form(-1), label: str = Form(""), passage: str = Form(""), position: int = Form(-1)) -> Response:
    """Add (dismiss, mark) or drop (undo) one pending correction of this editor's."""
    session = _session(request)
    refused = _checked_form(request, session, csrf)
    if refused or session is None:
        return refused or render("message.html", 403, title="Not allowed", message="Sign in first.")
    pending = session.draft.setdefault(article_id, [])
    anchor = f"#s{index}" if index >= 0 else "#corrections"
    if action == "undo" and 0 <= position < len(pending):
        pending.pop(position)
    elif action in ("dismiss", "mark") and label in LABEL_KEYS and index >= 0:
        value = 0 if action == "dismiss" else 1
        chosen = passage.strip()[:500] or None if value == 1 else None
        pending[:] = [c for c in pending if (c[0], c[1]) != (index, label)] + [(index, label, value, chosen)]
    return RedirectResponse(f"/queue/{article_id}{anchor}", status_code=303)


@router.post("/queue/{article_id}/decision")
def decision(request: Request, article_id: int, csrf: str = Form(""), decision: str = Form(...),
             note: str = Form(""), change: bool = Form(False)) -> Response:
    session = _session(request)
    refused = _checked_form(request, session, csrf)
    if refused or session is None:
        return refused or render("message.html", 403, title="Not allowed", message="Sign in first.")
    pending = session.draft.get(article_id, [])
    with state_of(request).queue() as q:
        try:
            q.decide(article_id, decision, session.user, note[:5000], pending, change=change)
        except InputError as exc:
            return RedirectResponse(f"/queue/{article_id}?" + urlencode({"notice": str(exc)}), status_code=303)
    session.draft.pop(article_id, None)
    _previous, following = _neighbours(request, article_id)
    target = f"/queue/{following}" if following else "/queue"
    return RedirectResponse(target + "?" + urlencode({"notice": f"#{article_id} {decision}d"}), status_code=303)
