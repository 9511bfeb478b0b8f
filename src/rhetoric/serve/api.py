"""The JSON API under /v1: score, gate, enqueue, list, show, decide, export labels.

Queue endpoints are plain functions, which FastAPI runs in its thread pool: a decision may wait for
another writer's lock, and the server's one event loop must not wait with it."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from ..report.json_report import render_json
from .app import ArticleIn, Client, DecisionIn, StatusQuery, in_time, limited_body, state_of

router = APIRouter(prefix="/v1")


async def _article(request: Request) -> ArticleIn:
    """The request's article, read within the size limit and validated (422 for invalid fields)."""
    from fastapi.exceptions import RequestValidationError
    from pydantic import ValidationError

    from ..errors import InputError

    body = await limited_body(request)
    try:
        return ArticleIn.model_validate_json(body)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise InputError("the body is not valid JSON") from None
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


def _score(request: Request, article: ArticleIn, thresholds=None) -> dict:
    from ..articles import score_texts
    from ..text import article_from_text

    state = state_of(request)
    parsed = article_from_text(article.text, article.source, article.format)
    report = score_texts([(parsed.source, parsed.text)], state.model, thresholds)[0]
    return {"report": report, "text": parsed.text}


def _gate(request: Request, article: ArticleIn) -> dict:
    from ..gate import verdict

    state = state_of(request)
    scored = _score(request, article, state.policy.thresholds())
    return {**verdict(scored["report"], state.policy), "text": scored["text"]}


_ARTICLE_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": ArticleIn.model_json_schema()}}}}


@router.get("/health", summary="The server is up; which model it scores with")
async def health(request: Request) -> dict:
    return {"status": "ok", "model": state_of(request).model.version}


@router.post("/score", openapi_extra=_ARTICLE_BODY, summary="Score an article: the rhetoric.report/1 report")
async def score(request: Request, client: str = Client) -> Response:
    article = await _article(request)
    report = (await in_time(request, _score, request, article))["report"]
    # serialised once by the report's own renderer: FastAPI's encoder would walk the report again
    return Response(render_json(report), media_type="application/json")


@router.post("/gate", openapi_extra=_ARTICLE_BODY, summary="The policy's verdict on an article, with reasons")
async def gate(request: Request, client: str = Client) -> dict:
    article = await _article(request)
    result = await in_time(request, _gate, request, article)
    result.pop("text")
    return result


@router.post("/queue", status_code=201, openapi_extra=_ARTICLE_BODY,
             summary="Score, gate and enqueue an article (the same text is queued once)")
async def enqueue(request: Request, client: str = Client) -> dict:
    article = await _article(request)
    result = await in_time(request, _gate, request, article)
    state = state_of(request)

    def add() -> tuple[int, bool]:
        with state.queue() as q:
            return q.add(result["text"], article.source, result, state.model.version)

    article_id, created = await in_time(request, add)
    return {"id": article_id, "created": created, "verdict": result["verdict"], "reasons": result["reasons"]}


@router.get("/queue", summary="Queued articles, newest first")
def queue_list(request: Request, status: str | None = StatusQuery, client: str = Client) -> list[dict]:
    with state_of(request).queue() as q:
        return q.list(status)


@router.get("/queue/{article_id}", summary="A queued article: text, report, verdict and decision history")
def queue_item(request: Request, article_id: int, client: str = Client) -> dict:
    with state_of(request).queue() as q:
        return q.get(article_id)


@router.post("/queue/{article_id}/decision", summary="Approve or reject, with sentence corrections")
def decide(request: Request, article_id: int, body: DecisionIn, client: str = Client) -> dict:
    relabels = [(r.index, r.label, r.value, r.passage if r.value == 1 else None) for r in body.relabels]
    with state_of(request).queue() as q:
        return q.decide(article_id, body.decision, client, body.note, relabels, change=body.change)


@router.get("/labels/export", summary="Reviewers' sentence labels in the labels format")
def export(request: Request, after: int = Query(0, ge=0, description="Only decisions after this id."),
                 client: str = Client) -> dict:
    with state_of(request).queue() as q:
        rows, what = q.export_labels(after_decision=after)
    return {"labels": rows, "decisions": what["decisions"], "count": what["count"]}
