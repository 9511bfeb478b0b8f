"""Scoring files: read safely, analyze, attach warnings. Shared by `score`, `gate` and the queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .analysis import analyze_many
from .text import looks_english, read_article

if TYPE_CHECKING:
    from .gate import Policy
    from .records import Report, ScoringModel, Verdict

ENGLISH_ONLY = "the text does not look like English; the model is English-only, so scores may be meaningless"


def score_texts(
    articles: list[tuple[str, str]], model: ScoringModel, thresholds: dict[str, float] | None = None
) -> list[Report]:
    """Reports for (source, text) pairs, with the English-only warning where it applies."""
    reports = analyze_many(articles, model, thresholds)
    for (_, text), report in zip(articles, reports):
        if not looks_english(text):
            report["warnings"].append(ENGLISH_ONLY)
    return reports


def score_file(path: str, model: ScoringModel, thresholds: dict[str, float] | None = None) -> tuple[Report, str]:
    """The report of one article file (or `-`), and the text its offsets index."""
    article = read_article(path)
    return score_texts([(article.source, article.text)], model, thresholds)[0], article.text


ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def collect_inputs(paths: list[str]) -> list[str]:
    """Files named directly, and the .txt, .md and .html articles found under directories (sorted)."""
    from pathlib import Path

    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            out.append(path)
    return out


def gate_file(path: str, model: ScoringModel, policy: Policy) -> tuple[Verdict | None, str | None, int]:
    """(gate result, error message, exit code) for one article; errors never raise."""
    result, _text, error, code = gate_article(path, model, policy)
    return result, error, code


def gate_article(
    path: str, model: ScoringModel, policy: Policy
) -> tuple[Verdict | None, str | None, str | None, int]:
    """(gate result, the text its offsets index, error message, exit code) for one article, read once
    (standard input can be read only once, and a file may change between two reads)."""
    from .errors import ExitCode, RhetoricError
    from .gate import verdict

    try:
        report, text = score_file(path, model, policy.thresholds())
    except RhetoricError as exc:
        return None, None, str(exc), int(exc.exit_code)
    result = verdict(report, policy)
    code = ExitCode.NEEDS_REVIEW if result["verdict"] == "review" else ExitCode.OK
    return result, text, None, int(code)


def render_verdict(result: Verdict, fmt: str) -> str:
    """A gate result as `rhetoric gate` prints it: one JSON line, or the verdict and its reasons."""
    if fmt == "json":
        import json

        return json.dumps(result, ensure_ascii=False)
    from .report.tables import verdict_text

    return verdict_text(result)


def gate_outcome(
    path: str, model: ScoringModel, policy: Policy, fmt: str | None = None
) -> tuple[Verdict | str | None, str | None, int]:
    """`gate_file`, with the result rendered by `render_verdict` when `fmt` is given."""
    result, error, code = gate_file(path, model, policy)
    return render_verdict(result, fmt) if fmt and result else result, error, code


def gate_files(paths: list[str], model, policy, policy_path, jobs: int, scheduler: str | None = None,
               fmt: str | None = None):
    """Gate many articles in order: here, or with jobs > 1 and enough files on one process per job, or
    on the Dask cluster at `scheduler` (`parallel`). Yields (path, (result, error, code)); with `fmt`
    ("json" or "text") the result comes as the text `render_verdict` makes of it, rendered where it was
    computed, so a worker's report is not sent back whole for the parent to encode."""
    if scheduler is None and (jobs <= 1 or len(paths) < 8) or "-" in paths:
        for path in paths:
            yield path, gate_outcome(path, model, policy, fmt)
        return
    from .parallel import gate_batch, ordered, share

    share(model, policy, policy_path)
    size = 4
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    where = str(model.directory)
    done = ordered(gate_batch, ((batch, where, model.outlet, policy_path, fmt) for batch in batches), jobs, scheduler)
    for batch, results in zip(batches, done):
        yield from zip(batch, results)
