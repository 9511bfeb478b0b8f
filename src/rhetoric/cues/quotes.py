"""Quoted material: where direct speech and scare quotes are in a sentence."""

from __future__ import annotations

import re

_QUOTES = re.compile(r"\"[^\"]{1,600}\"|\u201c[^\u201d]{1,600}\u201d|(?<![\w])\u2018[^\u2019]{1,200}\u2019(?![\w])")


def plain_quotes(text: str) -> str:
    """`text` with typewriter-style double quotes (``like this'', as in LaTeX and in text tokenised
    for the Penn Treebank) as curly ones, keeping every offset: each two-character mark becomes a
    curly quote and a space, on the side away from the words it encloses."""
    if "``" not in text and "''" not in text:
        return text
    return text.replace("``", " \u201c").replace("''", "\u201d ")


def has_quote_mark(text: str) -> bool:
    """Whether `quote_spans` can find anything (substring tests are much cheaper than its regex)."""
    return '"' in text or "\u201c" in text or "\u2018" in text


_OPENS_UNCLOSED = re.compile(r"^\W{0,3}[\"\u201c]")
_CLOSES_UNOPENED = re.compile(r"[\"\u201d]\W{0,3}$")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted material (straight, curly double and curly single quotes). A quote
    that runs over several sentences is quoted in each of them: a sentence that opens a double quote
    and never closes it is quoted from there to its end, and one that closes a quote it never opened
    is quoted from its start."""
    if not has_quote_mark(text) and "\u201d" not in text:
        return []
    spans = [m.span() for m in _QUOTES.finditer(text)]
    odd_straight = text.count('"') % 2 == 1
    opens, closes = text.count("\u201c"), text.count("\u201d")
    if (odd_straight or opens > closes) and _OPENS_UNCLOSED.match(text):
        start = _first_mark(text)
        if not any(a == start for a, _b in spans):
            spans.append((start, len(text)))
        return sorted(spans)
    closing = _CLOSES_UNOPENED.search(text) if odd_straight else None
    end = text.rfind("\u201d") + 1 if closes > opens else closing.start() + 1 if closing else 0
    if end and not any(b == end for _a, b in spans):
        spans.append((0, end))
    return sorted(spans)


def _first_mark(text: str) -> int:
    return min(i for i in (text.find('"'), text.find("\u201c")) if i >= 0)
