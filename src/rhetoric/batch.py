"""JSON Lines in, JSON Lines out: many articles scored in batches so start-up is paid once.

A bad line is reported when it is read and skipped; the reports of every good line are kept,
whatever comes after them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator

from . import safejson
from .errors import ExitCode, InputError, worst
from .text import decode

BATCH = 256


def parse_article_line(raw: bytes, where: str) -> tuple[str, str] | None:
    """One JSON Lines article as (id, text); None for a blank line; InputError for anything else."""
    if not raw.strip():
        return None
    line = decode(raw, where)
    row = safejson.loads(line, where)
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise InputError(f"{where}: each line must be an object with a string \"text\"")
    ident = row.get("id", where)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        raise InputError(f"{where}: \"id\" must be a string or an integer")
    if not row["text"].strip():
        raise InputError(f"{where}: the article is empty")
    return str(ident), row["text"]


def _articles(stream, name: str, failed: Callable[[int, str], None]) -> Iterator[tuple[str, str]]:
    for number, raw in enumerate(stream, 1):
        try:
            article = parse_article_line(raw, f"{name}:{number}")
        except InputError as exc:
            failed(exc.exit_code, str(exc))
            continue
        if article is not None:
            yield article


def report_lines(articles: list[tuple[str, str]], model) -> list[str]:
    """One batch of (id, text) articles as JSON Lines reports (here, or in a `parallel` worker)."""
    from .articles import score_texts
    from .report.json_report import render_json

    return [render_json(report) + "\n" for report in score_texts(articles, model)]


def score_jsonl(inputs, model, output: str | None, report_error: Callable[[str], None], jobs: int = 1,
                scheduler: str | None = None) -> int:
    """Score every article of every JSON Lines input; bad lines are reported as read, and skipped.

    Batches of BATCH articles (never spanning two inputs) are scored here, or on `jobs` processes or
    the Dask cluster at `scheduler` (`parallel`); the output is the same bytes either way."""
    from .outputs import checked_output, write_output

    if output is not None:
        checked_output(output, inputs)
    out_lines: list[str] = []
    codes: list[int] = [ExitCode.OK]
    sink = None if output else sys.stdout

    def failed(code: int, message: str) -> None:
        report_error(message)
        codes.append(code)

    def batches() -> Iterator[list[tuple[str, str]]]:
        for path in inputs:
            try:
                stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
            except OSError as exc:
                failed(ExitCode.INPUT, f"{path}: cannot read ({exc.strerror or exc})")
                continue
            with stream:
                pending: list[tuple[str, str]] = []
                for article in _articles(stream, path, failed):
                    pending.append(article)
                    if len(pending) >= BATCH:
                        yield pending
                        pending = []
                if pending:
                    yield pending

    if jobs <= 1 and scheduler is None:
        scored: Iterable[list[str]] = (report_lines(batch, model) for batch in batches())
    else:
        from .parallel import ordered, score_batch, share

        share(model)
        where = str(model.directory)
        scored = ordered(score_batch, ((batch, where, model.outlet) for batch in batches()), jobs, scheduler)
    for lines in scored:
        if sink is not None:
            sink.writelines(lines)
        else:
            out_lines.extend(lines)
    if output:
        write_output(output, "".join(out_lines), inputs)
    return worst(codes)
