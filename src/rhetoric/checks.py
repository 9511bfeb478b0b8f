"""Checks on values read from files users control (policies, training configs, manifests)."""

from __future__ import annotations

import math


def finite_number(value: object, kind: type | tuple[type, ...] = (int, float)) -> bool:
    """A number of `kind` that is finite: never a bool (True is an int), NaN or an infinity."""
    return isinstance(value, kind) and not isinstance(value, bool) and math.isfinite(value)  # type: ignore[arg-type]
