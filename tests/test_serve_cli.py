"""The CLI side of the review desk: `rhetoric serve`'s safety checks, `rhetoric users`, and the static
page of a queued article (`queue show --format html`) with its verdict, reasons and history."""

from __future__ import annotations

import re

import pytest

from .conftest import DATA

pytest.importorskip("fastapi")


def test_serve_refuses_the_network_without_accounts(invoke):
    result = invoke("serve", "--host", "0.0.0.0")
    assert result.exit_code == 2 and "--users" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_checks_the_model_and_the_users_file_before_serving(invoke, tmp_path):
    assert invoke("serve", "--model", tmp_path / "none").exit_code == 4
    (tmp_path / "users.toml").write_text("[reviewers.alice]\npassword = 3\n")
    assert invoke("serve", "--users", tmp_path / "users.toml").exit_code == 3


def test_users_file_keeps_hashes_only(invoke, tmp_path):
    users = tmp_path / "users.toml"
    result = invoke("users", "add-reviewer", users, "alice", "--password-stdin", input="correct horse battery\n")
    assert result.exit_code == 0, result.stderr
    token_run = invoke("users", "add-client", users, "cms")
    token = token_run.stdout.strip()
    text = users.read_text()
    assert "correct horse battery" not in text and token not in text and "$argon2id$" in text
    from rhetoric.serve.auth import read_users

    loaded = read_users(users)
    assert loaded.check_password("alice", "correct horse battery")
    assert not loaded.check_password("alice", "wrong") and not loaded.check_password("nobody", "x" * 12)
    assert loaded.client_for_token(token) == "cms" and loaded.client_for_token("nope") is None
    assert invoke("users", "add-reviewer", users, "bad name", "--password-stdin", input="long enough pw\n"
                  ).exit_code == 3
    assert invoke("users", "add-reviewer", users, "bob", "--password-stdin", input="short\n").exit_code == 3


def test_static_page_of_a_queued_article_shows_verdict_reasons_and_history(invoke, tmp_path):
    db = tmp_path / "q.sqlite"
    invoke("queue", "add", "--db", db, DATA / "tabloid_article.txt")
    invoke("queue", "decide", "1", "--reject", "--note", "too hot", "--reviewer", "carol",
           "--relabel", "0", "loaded_language=0", "--db", db)
    page = invoke("queue", "show", "1", "--format", "html", "--db", db).stdout
    assert "REVIEW" in page and "labels.loaded_language.min_flagged" in page
    assert "carol" in page and "too hot" in page and "model said 1" in page
    # every label's passages at once: a passage with two labels carries both classes and both letters
    assert re.search(r'<mark class="hedging unattributed_speculation"[^>]*>is said to<sup>HS</sup>', page)
    assert "Flagged sentences (3)" in page and "Loaded language 1.00" in page
