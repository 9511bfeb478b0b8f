"""What a reader sees in a browser is what is scored: markup must not hide a loaded paragraph from
the gate. Each case wraps the same tabloid paragraph, which the gate sends to review as plain text."""

from __future__ import annotations

import pytest

from ..conftest import DATA

PARAGRAPH = " ".join((DATA / "tabloid_article.txt").read_text(encoding="utf-8").splitlines()[:3])

HIDING_PLACES = {
    "nested-quotes.md": lambda p: ">" * 21 + " " + p + "\n",
    "very-nested-quotes.md": lambda p: ">" * 1500 + " " + p + "\n",
    "nested-lists.md": lambda p: "".join("  " * i + "- level\n" for i in range(40)) + "  " * 40 + "- " + p + "\n",
    "stray-head.html": lambda p: f"<html><body><p>Calm opening line.</p><head><p>{p}</p></body></html>",
    "object-fallback.html": lambda p: f'<html><body><object data="missing.swf">{p}</object></body></html>',
    "no-closing-head.html": lambda p: f"<!doctype html><html><head><title>x</title><p>{p}",
    "deep-divs.html": lambda p: "<div>" * 5000 + p + "</div>" * 5000,
    "details.html": lambda p: f"<details><summary>More</summary><p>{p}</p></details>",
    "svg-text.html": lambda p: f'<svg width="900" height="60"><text x="0" y="20">{p}</text></svg>',
    "entities.html": lambda p: "<p>" + "".join(f"&#{ord(c)};" for c in p) + "</p>",
    "table.html": lambda p: f"<table><tr><td>{p}</td></tr></table>",
}


@pytest.mark.parametrize("name", HIDING_PLACES)
def test_a_loaded_paragraph_hidden_in_markup_still_goes_to_review(invoke, tmp_path, name):
    plain = tmp_path / "plain.txt"
    plain.write_text(PARAGRAPH + "\n", encoding="utf-8")
    assert invoke("gate", plain).exit_code == 1
    hidden = tmp_path / name
    hidden.write_text(HIDING_PLACES[name](PARAGRAPH), encoding="utf-8")
    result = invoke("gate", "--format", "json", hidden)
    assert result.exit_code == 1, result.stdout[:300] + result.stderr


def test_what_a_browser_does_not_show_is_not_scored(tmp_path):
    from rhetoric.markup import html_to_text

    page = ("<html><head><title>Title bar</title><style>p{}</style></head><body><p>Shown.</p>"
            "<script>hidden()</script><template><p>Template text.</p></template><!-- a comment --></body></html>")
    assert html_to_text(page) == "Shown."
