"""Reading untrusted input: articles (size limit, binary detection, UTF-8 with or without BOM) and the
smaller files rhetoric reads (policies, configs, manifests, labels), each with a size limit."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_BYTES = 5 * 1024 * 1024
"""Largest article accepted (5 MiB, about 800,000 words): far beyond any news article."""


@dataclass(frozen=True)
class Article:
    source: str
    text: str


def decode(data: bytes, source: str) -> str:
    """Decode article bytes as UTF-8, dropping a BOM; refuse binary and say which bytes fail."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file (NUL byte at {data.index(0):,}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.end].hex(" ")
        raise InputError(
            f"{source}: not valid UTF-8 at byte {exc.start} ({bad}); re-save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    return text


def read_bytes(path: str) -> bytes:
    """Read a file or stdin (`-`) with one clear error for every way it can fail."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    if Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not an article")
    return _capped_bytes(path, MAX_BYTES, "an article")


def _capped_bytes(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """At most `limit` + 1 bytes of a file: enough to tell it is too large without reading it all."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not {what}") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_limited(path: str | os.PathLike, limit: int, what: str) -> str:
    """A UTF-8 file of at most `limit` bytes: a policy, a config, a manifest, a labels file. An endless
    device (/dev/zero) or a huge file is refused instead of filling memory."""
    data = _capped_bytes(path, limit, what)
    if len(data) > limit:
        raise InputError(f"{path}: over {limit:,} bytes; too large for {what}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def parse_toml(text: str, source: str | os.PathLike, what: str) -> dict:
    """TOML from a file rhetoric reads (policy, training config, users): errors are one input error."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: invalid TOML ({exc})") from None
    except RecursionError:
        raise InputError(f"{source}: nested too deeply to be {what}") from None


def read_toml(path: str | os.PathLike, what: str) -> dict:
    return parse_toml(read_limited(path, SMALL_FILE, what), path, what)


SMALL_FILE = 1024 * 1024
"""Largest policy, training config or manifest read (1 MiB); the shipped ones are a few KiB."""
DATA_FILE = 512 * 1024 * 1024
"""Largest labels or evaluation file read (512 MiB)."""


FORMATS = ("text", "markdown", "html")
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def read_article(path: str) -> Article:
    """Read one article from a path or `-`; HTML and Markdown (by suffix) are reduced to their text."""
    data = read_bytes(path)
    return _reduced(decode(data, path), path, _SUFFIXES.get(os.path.splitext(path)[1].lower(), "text"))


def article_from_text(text: str, source: str, fmt: str = "text") -> Article:
    """An article handed over as a string (the HTTP API): the same checks as a file's bytes."""
    if fmt not in FORMATS:
        raise InputError(f"{source}: format must be one of {', '.join(FORMATS)}")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{source}: holds a lone surrogate escape (like \\ud800), which is not text") from None
    return _reduced(decode(data, source), source, fmt)


def _reduced(text: str, source: str, fmt: str) -> Article:
    if fmt == "html":
        from .markup import html_to_text

        text = html_to_text(text)
    elif fmt == "markdown":
        from .markup import markdown_to_text

        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{source}: the article has no text")
    return Article(source=source, text=text)


def looks_english(text: str) -> bool:
    """A cheap check for the English-only warning: share of very common English function words."""
    import re

    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 8:
        return True
    common = {"the", "a", "an", "of", "to", "and", "in", "is", "was", "that", "for", "on", "with",
              "it", "as", "by", "he", "she", "they", "has", "have", "are", "be", "at", "from", "said"}
    return sum(w in common for w in words) / len(words) >= 0.08
