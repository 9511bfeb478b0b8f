"""The terminal report: the article with passages marked, flagged sentences with scores, a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels import BY_KEY, LABELS
from ..terminal import safe
from . import counted, segments

if TYPE_CHECKING:
    from ..records import Report

_MARK = {label.key: label.mark for label in LABELS}


def _style(text: str, labels: list[str], colour: bool) -> str:
    """A marked piece; white space at its edges stays outside the mark ("[S: is] [L: quietly]")."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if colour:
        import click

        marked = click.style(core, fg=BY_KEY[labels[0]].colour, bold=True, underline=len(labels) > 1)
    else:
        marked = f"[{'+'.join(_MARK[k] for k in labels)}: {core}]"
    return lead + marked + trail


def render_text(report: Report, colour: bool = False) -> str:
    """The report for a terminal or a .txt file; the article's control characters are made visible
    (`terminal.safe`) before any colour is added, so only rhetoric's own escapes remain."""
    lines = [f"rhetoric report: {safe(report['source'])} (model {report['model']['version']})", ""]
    legend = ", ".join(f"{_style(label.name, [label.key], colour)}" if colour else f"{_MARK[label.key]} = {label.name}"
                       for label in LABELS)
    lines += [f"Legend: {legend}", ""]
    paragraph: list[str] = []
    for s in report["sentences"]:
        pieces = []
        for piece, covering in segments(s["text"], s["start"], s["passages"]):
            labels = sorted({p["label"] for p in covering}, key=list(BY_KEY).index)
            pieces.append(_style(safe(piece), labels, colour) if labels else safe(piece))
        paragraph.append("".join(pieces) if s["prose"] else f"  ({safe(s['text'])})")
    lines += paragraph
    flagged = [s for s in report["sentences"] if s["flags"]]
    lines += ["", f"Flagged sentences ({len(flagged)}):"]
    for s in flagged:
        scores = "  ".join(f"{_MARK[k]} {v:.2f}" for k, v in (s["scores"] or {}).items())
        kind = "" if s.get("kind", "sentence") == "sentence" else f" ({s['kind'].replace('_', ' ')})"
        lines.append(f"  #{s['index']}{kind} [{scores}] {safe(s['text'])}")
        for p in s["passages"]:
            lines.append(f"      {BY_KEY[p['label']].name}: \"{safe(p['text'])}\" ({p['reason']}, {p['weight']:+.2f})")
    summary = report["summary"]
    lines += ["", f"Summary: {counted(summary['prose'], 'sentence')} scored ({counted(summary['sentences'], 'unit')})."]
    for label in LABELS:
        lines.append(f"  {label.name}: {summary['flagged'][label.key]} flagged "
                     f"(threshold {report['thresholds'][label.key]:.2f})")
    for warning in report.get("warnings", []):
        lines.append(f"Warning: {safe(warning)}")
    return "\n".join(lines) + "\n"
