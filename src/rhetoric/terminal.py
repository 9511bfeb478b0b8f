"""Untrusted text made safe to print: article text holding `ESC[2J` or an OSC title sequence must not
reach a terminal as a command. C0 and C1 control characters (except newline and tab) and DEL are
printed as the escape JSON spells them (`\\u001b`): visible in text, and inside a JSON string the same
character, so JSON output keeps its data. The only escape sequences rhetoric prints are its own colours."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_OWN_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def safe(text: str) -> str:
    """`text` with every control character but newline and tab written as a visible `\\uXXXX` escape."""
    if not _CONTROL.search(text):
        return text  # the usual case; a report can be 50 MB, so no copy
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def safe_keeping_colour(text: str) -> str:
    """Like `safe`, but SGR colour sequences (ESC [ ... m) pass: for output whose untrusted parts were
    already made safe before rhetoric coloured them."""
    out, last = [], 0
    for match in _OWN_COLOUR.finditer(text):
        out += [safe(text[last : match.start()]), match.group()]
        last = match.end()
    out.append(safe(text[last:]))
    return "".join(out)
