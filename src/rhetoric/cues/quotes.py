"""Quoted material: where direct speech and scare quotes are in a sentence."""

from __future__ import annotations

import re

_QUOTES = re.compile(r"\"[^\"]{1,600}\"|\u201c[^\u201d]{1,600}\u201d|(?<![\w])\u2018[^\u2019]{1,200}\u2019(?![\w])")


def has_quote_mark(text: str) -> bool:
    """Whether `quote_spans` can find anything (substring tests are much cheaper than its regex)."""
    return '"' in text or "\u201c" in text or "\u2018" in text


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted material (straight, curly double and curly single quotes)."""
    return [m.span() for m in _QUOTES.finditer(text)] if has_quote_mark(text) else []
