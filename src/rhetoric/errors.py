"""Exit statuses and the errors that map onto them: one contract for every command."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NEEDS_REVIEW = 1
    USAGE = 2
    INPUT = 3
    MODEL = 4
    INTERNAL = 5


class RhetoricError(Exception):
    """An expected failure with a one-line message for the user."""

    exit_code = ExitCode.INTERNAL


class InputError(RhetoricError):
    """An article, corpus, label file, policy or queue that cannot be read or is not valid."""

    exit_code = ExitCode.INPUT


class NotFound(InputError):
    """A queued article (or other named thing) that does not exist: exit 3, HTTP 404."""


class Conflict(InputError):
    """A change that would overwrite someone else's decision without saying so: exit 3, HTTP 409."""


class ModelError(RhetoricError):
    """A model that is missing, changed or built with incompatible libraries."""

    exit_code = ExitCode.MODEL


class UsageError(RhetoricError):
    exit_code = ExitCode.USAGE


def worst(codes: list[int]) -> int:
    """The most severe of several exit codes (5 > 4 > 3 > 1 > 0); usage errors stop earlier."""
    order = [ExitCode.INTERNAL, ExitCode.MODEL, ExitCode.INPUT, ExitCode.USAGE, ExitCode.NEEDS_REVIEW]
    for code in order:
        if code in codes:
            return int(code)
    return int(ExitCode.OK)
