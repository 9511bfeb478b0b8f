"""One self-contained HTML page (no scripts, no external assets); all article text is escaped.

Every label's passages are visible at once (each label styles its own property, `Label.highlight`,
and a letter follows each passage), and the flagged sentences are listed with their scores and
reasons, so nothing depends on hovering."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..labels import BY_KEY, LABELS
from . import counted, label_css, segments

if TYPE_CHECKING:
    from ..records import Report, SentenceRecord

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font:600 1.3rem system-ui,sans-serif}h2{font:600 1.05rem system-ui,sans-serif}
.summary,.legend,.review,.flagged,.history{font:14px system-ui,sans-serif}
.summary,.review{background:#f6f6f6;padding:.6rem 1rem;border-radius:6px}
.review.review-verdict{border-left:6px solid #b3261e}.review.pass-verdict{border-left:6px solid #1e7d32}
.summary table{border-collapse:collapse}.summary td,.summary th{padding:.1rem .8rem;text-align:left}
.legend mark{margin-right:1rem}
.article{margin-top:1.2rem}
.s.flagged{background:linear-gradient(transparent 92%,#bbb 92%)}
.np{display:block;color:#888;font:13px system-ui,sans-serif;margin:.4rem 0}
.headline{display:block;font-weight:bold;font-size:1.15em;margin:.4rem 0}
mark{background:none;color:inherit;padding:0 1px;border-radius:2px}
mark sup{font:700 9px system-ui,sans-serif;margin-left:1px;color:#444}
.score{padding:0 .35rem;border-radius:3px;margin-right:.3rem}.score.on{font-weight:700}
""" + label_css()


def _sentence(s: SentenceRecord) -> str:
    if not s["prose"]:
        return f'<span class="np" title="not prose: not scored">{escape(s["text"])}</span>'
    parts = []
    for piece, covering in segments(s["text"], s["start"], s["passages"]):
        if covering:
            labels = sorted({p["label"] for p in covering}, key=list(BY_KEY).index)
            why = "; ".join(f"{BY_KEY[p['label']].name}: {p['reason']}" for p in covering)
            letters = "".join(BY_KEY[k].mark for k in labels)
            parts.append(f'<mark class="{" ".join(labels)}" title="{escape(why)}">{escape(piece)}<sup>{letters}</sup>'
                         "</mark>")
        else:
            parts.append(escape(piece))
    kind = s.get("kind", "sentence")
    cls = "s flagged" if s["flags"] else "s"
    if kind == "headline":
        cls += " headline"
    return f'<span class="{cls}" id="s{s["index"]}">{"".join(parts)}</span> '


def _flagged(report: Report) -> str:
    """Each flagged sentence with its scores and the reasons of its passages, visible without hovering."""
    rows = []
    for s in report["sentences"]:
        if not s["flags"]:
            continue
        scores = "".join(f'<span class="score {k}{" on" if k in s["flags"] else ""}">{escape(BY_KEY[k].name)} '
                         f"{v:.2f}</span>" for k, v in (s["scores"] or {}).items())
        passages = "".join(f'<li><mark class="{p["label"]}">{escape(p["text"])}</mark> '
                           f'{escape(BY_KEY[p["label"]].name)}: {escape(p["reason"])} ({p["weight"]:+.2f})</li>'
                           for p in s["passages"])
        rows.append(f'<li><a href="#s{s["index"]}">#{s["index"]}</a> {escape(s["text"])}<br>{scores}'
                    f"<ul>{passages}</ul></li>")
    return f'<section class="flagged"><h2>Flagged sentences ({len(rows)})</h2><ol>{"".join(rows)}</ol></section>'


def _review(review: dict) -> str:
    """A queued article's verdict, its reasons and its decision history (`queue show --format html`)."""
    reasons = "".join(
        f"<li><strong>{escape(r['level'])}</strong> {escape(BY_KEY[r['label']].name)}: {escape(r['rule'])} = "
        f"{escape(str(r['value']))} (limit {escape(str(r['limit']))}); sentences "
        + ", ".join(f'<a href="#s{i}">{i}</a>' for i in r["sentences"])
        + (f"; passages {escape(', '.join(r['passages'][:8]))}" if r["passages"] else "") + "</li>"
        for r in review.get("reasons", [])
    ) or "<li>No rule of the policy fired.</li>"
    history = "".join(
        f"<li>{escape(h['decided_at'])} <strong>{escape(h['reviewer'])}</strong>: {escape(h['decision'])}"
        + (f" ({escape(h['note'])})" if h["note"] else "")
        + "".join(f"<br>sentence #{c['index']}: {escape(BY_KEY[c['label']].name)} = {c['value']} (model said "
                  f"{c['model_value']})" + (f" &ldquo;{escape(c['passage'])}&rdquo;" if c.get("passage") else "")
                  for c in h["relabels"]) + "</li>"
        for h in review.get("history", [])
    ) or "<li>No decisions yet.</li>"
    verdict = escape(review["verdict"])
    return (f'<section class="review {verdict}-verdict"><p><strong>{verdict.upper()}</strong> · status '
            f'{escape(review["status"])}</p><ul>{reasons}</ul></section>'
            f'<section class="history"><h2>History</h2><ol>{history}</ol></section>')


def render_html(report: Report, text: str | None = None, review: dict | None = None) -> str:
    """The page; with the article `text`, paragraph breaks are kept; with `review` (a queued article's
    verdict, reasons, status and history), those come first."""
    summary = report["summary"]
    rows = "".join(
        f"<tr><td>{escape(label.name)}</td><td>{summary['flagged'][label.key]}</td>"
        f"<td>{report['thresholds'][label.key]:.2f}</td></tr>"
        for label in LABELS
    )
    legend = "".join(
        f'<mark class="{label.key}" title="{escape(label.definition)}">{escape(label.name)}'
        f"<sup>{label.mark}</sup></mark>" for label in LABELS
    )
    body = []
    last_end = None
    for s in report["sentences"]:
        if last_end is not None and text is not None and "\n" in text[last_end : s["start"]]:
            body.append("</p><p>")
        body.append(_sentence(s))
        last_end = s["end"]
    warnings = "".join(f"<p><strong>Warning:</strong> {escape(w)}</p>" for w in report.get("warnings", []))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>rhetoric: {escape(report['source'])}</title><style>{_CSS}</style></head>
<body>
<h1>rhetoric report: {escape(report['source'])}</h1>
{_review(review) if review else ""}
<div class="summary"><p>{counted(summary['prose'], 'sentence')} scored ({counted(summary['sentences'], 'unit')}), model
{escape(report['model']['version'])}.</p>
<table><tr><th>label</th><th>flagged sentences</th><th>threshold</th></tr>{rows}</table>{warnings}</div>
<p class="legend">Legend: {legend} A passage with two labels shows both styles and both letters.</p>
<div class="article"><p>{"".join(body)}</p></div>
{_flagged(report)}
</body></html>
"""

