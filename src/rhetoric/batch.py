"""JSON Lines in, JSON Lines out: many articles scored in batches so start-up is paid once."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from .errors import ExitCode, InputError, worst
from .text import decode

BATCH = 256


def _articles(stream, name: str, errors: list[tuple[int, str]]):
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            line = decode(raw, where)
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise InputError(f"{where}: each line must be an object with a string \"text\"")
            if not row["text"].strip():
                raise InputError(f"{where}: the article is empty")
            yield str(row.get("id", where)), row["text"]
        except json.JSONDecodeError as exc:
            errors.append((ExitCode.INPUT, f"{where}: not valid JSON ({exc.msg})"))
        except InputError as exc:
            errors.append((exc.exit_code, str(exc)))


def score_jsonl(inputs, model, output: str | None, report_error: Callable[[str], None]) -> int:
    """Score every article of every JSON Lines input; bad lines are reported and skipped."""
    from .atomic import write_text
    from .report.json_report import render_json
    from .scoring import score_texts

    out_lines: list[str] = []
    codes: list[int] = [ExitCode.OK]
    sink = None if output else sys.stdout
    for path in inputs:
        errors: list[tuple[int, str]] = []
        try:
            stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            report_error(f"{path}: cannot read ({exc.strerror or exc})")
            codes.append(ExitCode.INPUT)
            continue
        with stream:
            pending: list[tuple[str, str]] = []
            for article in _articles(stream, path, errors):
                pending.append(article)
                if len(pending) >= BATCH:
                    _flush(pending, model, out_lines, sink, score_texts, render_json)
            _flush(pending, model, out_lines, sink, score_texts, render_json)
        for code, message in errors:
            report_error(message)
            codes.append(code)
    if output:
        write_text(output, "".join(out_lines))
    return worst(codes)


def _flush(pending, model, out_lines, sink, score_texts, render_json) -> None:
    for report in score_texts(pending, model):
        line = render_json(report) + "\n"
        if sink is not None:
            sink.write(line)
        else:
            out_lines.append(line)
    pending.clear()
