"""JSON from untrusted files: every way a line can be wrong is one InputError naming where it is."""

from __future__ import annotations

import json

from .errors import InputError


def loads(text: str, where: str) -> object:
    """Parse one JSON value; refuse invalid JSON, nesting too deep to parse, and lone surrogate escapes
    (`"\\ud800"` parses, but is not text and cannot be written back out)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
    except ValueError as exc:  # an integer of more than 4,300 digits, for one
        raise InputError(f"{where}: not usable JSON ({str(exc)[:80]})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if "\\u" in text.lower():
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: holds a lone surrogate escape (like \\ud800), which is not text") from None
    return value
