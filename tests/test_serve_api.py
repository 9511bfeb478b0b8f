"""`rhetoric serve`: every API endpoint, every error status, who may do what, and the review pages
through the framework's test client (the whole flow in a real browser is tests/test_serve_browser.py)."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from .conftest import DATA, SEED

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from rhetoric.serve import Settings, create_app  # noqa: E402
from rhetoric.serve.auth import add_client, add_reviewer  # noqa: E402

TABLOID = (DATA / "tabloid_article.txt").read_text(encoding="utf-8")
WIRE = (DATA / "wire_article.txt").read_text(encoding="utf-8")
PASSWORD = "correct horse battery"


@pytest.fixture()
def open_client(tmp_path):
    """No --users: loopback only, no sign-in."""
    return TestClient(create_app(Settings(db=tmp_path / "q.sqlite")), base_url="http://127.0.0.1")


@pytest.fixture()
def users(tmp_path) -> tuple[Path, str]:
    path = tmp_path / "users.toml"
    add_reviewer(path, "alice", PASSWORD)
    add_reviewer(path, "bob", PASSWORD + "!")
    return path, add_client(path, "cms")


@pytest.fixture()
def secured(tmp_path, users):
    path, token = users
    client = TestClient(create_app(Settings(db=tmp_path / "q.sqlite", users=path)), base_url="http://127.0.0.1")
    return client, token


def _article(text: str = TABLOID, **extra) -> dict:
    return {"text": text, "source": "tabloid.txt", **extra}


def test_score_returns_the_report_contract(open_client):
    from rhetoric.report import schema

    jsonschema = pytest.importorskip("jsonschema")
    response = open_client.post("/v1/score", json=_article())
    assert response.status_code == 200
    report = response.json()
    jsonschema.validate(report, schema())
    assert report["source"] == "tabloid.txt" and report["summary"]["flagged"]["loaded_language"] >= 2
    for s in report["sentences"]:
        assert TABLOID[s["start"] : s["end"]] == s["text"]


def test_markdown_and_html_are_reduced_to_what_a_reader_sees(open_client):
    html = "<html><body><p>Calm line.</p><head><p>" + TABLOID.splitlines()[0] + "</p></body></html>"
    report = open_client.post("/v1/score", json=_article(html, format="html")).json()
    assert any("pocketed" in s["text"] for s in report["sentences"])
    report = open_client.post("/v1/score", json=_article("> " + TABLOID.splitlines()[0], format="markdown")).json()
    assert report["sentences"][0]["text"].startswith("Fat-cat")


def test_gate_gives_the_verdict_with_reasons(open_client):
    result = open_client.post("/v1/gate", json=_article()).json()
    assert result["verdict"] == "review" and result["reasons"][0]["label"] == "loaded_language"
    assert open_client.post("/v1/gate", json=_article(WIRE)).json()["verdict"] == "pass"


def test_queue_round_trip_through_the_api(open_client):
    created = open_client.post("/v1/queue", json=_article())
    assert created.status_code == 201 and created.json()["created"] is True
    again = open_client.post("/v1/queue", json=_article())
    assert again.json() == {**created.json(), "created": False}
    article_id = created.json()["id"]
    listed = open_client.get("/v1/queue", params={"status": "review"}).json()
    assert [row["id"] for row in listed] == [article_id]
    item = open_client.get(f"/v1/queue/{article_id}").json()
    assert item["text"] == TABLOID and item["history"] == []
    decision = {"decision": "approve", "note": "fine", "relabels": [
        {"index": 0, "label": "loaded_language", "value": 0},
        {"index": 3, "label": "hedging", "value": 1, "passage": "declined"}]}
    decided = open_client.post(f"/v1/queue/{article_id}/decision", json=decision)
    assert decided.status_code == 200 and decided.json()["decision"] == "approve"
    exported = open_client.get("/v1/labels/export").json()
    assert exported["count"] == 2 and exported["decisions"] == [1, 1]
    assert open_client.get("/v1/labels/export", params={"after": 1}).json()["count"] == 0
    assert open_client.get("/v1/queue", params={"status": "approved"}).json()[0]["id"] == article_id


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "/v1/score", b"not json", 400),
        ("post", "/v1/score", json.dumps({"text": "   "}).encode(), 400),
        ("post", "/v1/score", json.dumps({"text": "a\u0000b"}).encode(), 400),
        ("post", "/v1/score", b'{"text": "x \\ud800 y"}', 400),
        ("post", "/v1/score", json.dumps({"txt": "x"}).encode(), 422),
        ("post", "/v1/score", json.dumps({"text": "x", "format": "pdf"}).encode(), 422),
        ("get", "/v1/queue/999", None, 404),
        ("get", "/v1/queue?status=lost", None, 422),
        ("post", "/v1/queue/1/decision", json.dumps({"decision": "maybe"}).encode(), 422),
        ("get", "/v1/nothing", None, 404),
    ],
)
def test_errors_are_json_with_the_contracts_status(open_client, method, path, body, status):
    response = getattr(open_client, method)(path, content=body, headers={"content-type": "application/json"}) \
        if body is not None else getattr(open_client, method)(path)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and error["message"] and "Traceback" not in response.text


def test_bodies_over_5_mib_get_413(open_client):
    big = json.dumps({"text": "word " * (1024 * 1024 + 10)})
    assert open_client.post("/v1/score", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks():
        yield b'{"text": "'
        for _ in range(6):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    response = open_client.post("/v1/score", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["status"] == 413


def test_a_decision_that_would_overwrite_another_is_409(open_client):
    article_id = open_client.post("/v1/queue", json=_article()).json()["id"]
    first = open_client.post(f"/v1/queue/{article_id}/decision", json={"decision": "approve"})
    second = open_client.post(f"/v1/queue/{article_id}/decision", json={"decision": "reject"})
    assert first.status_code == 200 and second.status_code == 409
    changed = open_client.post(f"/v1/queue/{article_id}/decision", json={"decision": "reject", "change": True})
    assert changed.status_code == 200


def test_scoring_past_the_time_limit_is_503(tmp_path, monkeypatch):
    import time

    from rhetoric import articles

    client = TestClient(create_app(Settings(db=tmp_path / "q.sqlite", time_limit=0.2)), base_url="http://127.0.0.1")
    real = articles.score_texts
    monkeypatch.setattr(articles, "score_texts", lambda *a, **k: (time.sleep(0.6), real(*a, **k))[1])
    response = client.post("/v1/score", json=_article())
    assert response.status_code == 503 and "second limit" in response.json()["error"]["message"]


def test_a_model_problem_stops_the_server_before_it_serves(tmp_path):
    from rhetoric.errors import ModelError

    with pytest.raises(ModelError):
        create_app(Settings(db=tmp_path / "q.sqlite", model_dir=tmp_path / "no-model"))


def test_openapi_document_lists_every_endpoint(open_client):
    document = open_client.get("/v1/openapi.json").json()
    paths = set(document["paths"])
    assert {"/v1/score", "/v1/gate", "/v1/queue", "/v1/queue/{article_id}", "/v1/queue/{article_id}/decision",
            "/v1/labels/export"} <= paths
    assert "requestBody" in document["paths"]["/v1/score"]["post"]


def test_api_needs_a_bearer_token_when_there_are_users(secured):
    client, token = secured
    assert client.post("/v1/score", json=_article()).status_code == 401
    assert client.post("/v1/score", json=_article(), headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/v1/queue", json=_article(), headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 201
    decided = client.post("/v1/queue/1/decision", json={"decision": "approve"},
                          headers={"Authorization": f"Bearer {token}"})
    assert decided.json()["reviewer"] == "cms"


def _sign_in(client, user="alice", password=PASSWORD):
    return client.post("/signin", data={"user": user, "password": password, "next": "/queue"},
                       headers={"origin": "http://127.0.0.1"}, follow_redirects=False)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_pages_need_a_signed_in_reviewer_and_record_who_decided(secured):
    client, token = secured
    client.post("/v1/queue", json=_article(), headers={"Authorization": f"Bearer {token}"})
    assert client.get("/queue", follow_redirects=False).headers["location"].startswith("/signin")
    assert _sign_in(client, password="wrong password").status_code == 401
    assert _sign_in(client).status_code == 303
    page = client.get("/queue/1").text
    assert "REVIEW" in page and "Loaded language 1.00" in page and "History" in page
    assert re.search(r'<mark class="hedging unattributed_speculation">', page)
    csrf = _csrf(page)
    origin = {"origin": "http://127.0.0.1"}
    client.post("/queue/1/draft", data={"csrf": csrf, "action": "dismiss", "index": 0, "label": "loaded_language"},
                headers=origin)
    client.post("/queue/1/draft", data={"csrf": csrf, "action": "mark", "index": 3, "label": "hedging",
                                        "passage": "declined"}, headers=origin)
    assert "Your corrections (2)" in client.get("/queue/1").text
    response = client.post("/queue/1/decision", data={"csrf": csrf, "decision": "reject", "note": "too hot"},
                           headers=origin, follow_redirects=False)
    assert response.status_code == 303
    history = client.get("/v1/queue/1", headers={"Authorization": f"Bearer {token}"}).json()["history"]
    assert history[-1]["reviewer"] == "alice" and history[-1]["note"] == "too hot"
    assert {(c["index"], c["label"], c["value"]) for c in history[-1]["relabels"]} == {
        (0, "loaded_language", 0), (3, "hedging", 1)}


def test_forms_without_the_csrf_token_or_from_elsewhere_are_refused(secured):
    client, token = secured
    client.post("/v1/queue", json=_article(), headers={"Authorization": f"Bearer {token}"})
    _sign_in(client)
    csrf = _csrf(client.get("/queue/1").text)
    forged = client.post("/queue/1/decision", data={"csrf": "guess", "decision": "approve"},
                         headers={"origin": "http://127.0.0.1"})
    assert forged.status_code == 403
    elsewhere = client.post("/queue/1/decision", data={"csrf": csrf, "decision": "approve"},
                            headers={"origin": "https://evil.example"})
    assert elsewhere.status_code == 403
    assert client.get("/v1/queue/1", headers={"Authorization": f"Bearer {token}"}).json()["status"] == "review"


def test_failed_sign_ins_are_rate_limited(secured):
    client, _token = secured
    for _ in range(5):
        assert _sign_in(client, password="wrong password").status_code == 401
    assert _sign_in(client).status_code == 429  # even the right password waits now


def test_pages_send_a_strict_content_security_policy_and_escape_article_text(open_client):
    hostile = '<script>alert(1)</script> The "minister" said it may <b>collapse</b>.'
    open_client.post("/v1/queue", json=_article(hostile, source="<img src=x onerror=alert(1)>"))
    page = open_client.get("/queue/1", follow_redirects=True)
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "<img src=x" not in open_client.get("/queue").text


def test_queue_page_filters_sorts_and_counts_what_is_left(open_client):
    for text, source in ((TABLOID, "tabloid.txt"), (WIRE, "wire.txt"), (SEED.read_text(), "seed.txt")):
        open_client.post("/v1/queue", json=_article(text, source=source))
    page = open_client.get("/queue", follow_redirects=True).text
    assert re.search(r"<strong>2</strong> articles left to review", page)
    by_score = open_client.get("/queue", params={"status": "all", "sort": "score"}).text
    assert by_score.index("tabloid.txt") < by_score.index("wire.txt")
    only_hedging = open_client.get("/queue", params={"status": "all", "label": "hedging"}).text
    assert "seed.txt" in only_hedging


def test_two_reviewers_deciding_at_once_lose_nothing(open_client):
    ids = [open_client.post("/v1/queue", json=_article(f"{TABLOID}\nLine {n} was added.")).json()["id"]
           for n in range(6)]
    results: list[int] = []

    def decide(article_id: int, decision: str) -> None:
        results.append(open_client.post(f"/v1/queue/{article_id}/decision", json={"decision": decision}).status_code)

    threads = [threading.Thread(target=decide, args=(i, d)) for i in ids for d in ("approve", "reject")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] * len(ids) + [409] * len(ids)
    for article_id in ids:
        history = open_client.get(f"/v1/queue/{article_id}").json()["history"]
        assert len(history) == 1  # one decision each: the other reviewer was told, not overwritten


@pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example", "https://evil.example"])
def test_sign_in_never_redirects_off_the_desk(secured, target):
    client, _token = secured
    response = client.post("/signin", data={"user": "alice", "password": PASSWORD, "next": target},
                           headers={"origin": "http://127.0.0.1"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/queue"


def test_label_styles_come_from_the_label_definitions(open_client):
    from rhetoric.labels import LABELS

    response = open_client.get("/labels.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    for label in LABELS:
        assert f"mark.{label.key}{{{label.passage_style}}}" in response.text
        assert f".chip.{label.key}" in response.text and label.shade in response.text
