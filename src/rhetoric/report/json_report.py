from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Report


def render_json(report: Report) -> str:
    """One report as one line of JSON (several reports make JSON Lines); never NaN, which is not JSON."""
    return json.dumps(report, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
