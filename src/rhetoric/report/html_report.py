"""One self-contained HTML page (no scripts, no external assets); all article text is escaped."""

from __future__ import annotations

from html import escape

from ..labels import BY_KEY, LABELS
from . import counted, segments

_COLOURS = {"hedging": "#cfe8ff", "loaded_language": "#ffd2cc", "unattributed_speculation": "#fff0b3"}
_BORDERS = {"hedging": "#1f6fb2", "loaded_language": "#c0392b", "unattributed_speculation": "#b7950b"}

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font:600 1.3rem system-ui,sans-serif}
.summary,.legend{font:14px system-ui,sans-serif;background:#f6f6f6;padding:.6rem 1rem;border-radius:6px}
.summary table{border-collapse:collapse}.summary td,.summary th{padding:.1rem .8rem;text-align:left}
.legend span{margin-right:1rem;padding:0 .3rem;border-radius:3px}
.article{margin-top:1.2rem}
.s{position:relative;outline:none}
.s.flagged{border-bottom:1px dotted #888}
.s .tip{display:none;position:absolute;left:0;top:1.5em;z-index:2;background:#222;color:#fff;
  font:12px/1.4 system-ui,sans-serif;padding:.4rem .6rem;border-radius:4px;white-space:nowrap}
.s:hover .tip,.s:focus .tip{display:block}
.np{display:block;color:#888;font:13px system-ui,sans-serif;margin:.4rem 0}
.headline{display:block;font-weight:bold;font-size:1.15em;margin:.4rem 0}
mark{border-radius:2px;padding:0 1px}
""" + "".join(
    f"mark.{k}{{background:{_COLOURS[k]};border-bottom:2px solid {_BORDERS[k]}}}\n"
    f".legend .{k}{{background:{_COLOURS[k]};border-bottom:2px solid {_BORDERS[k]}}}\n"
    for k in _COLOURS
)


def _sentence(s: dict) -> str:
    if not s["prose"]:
        return f'<span class="np" title="not prose: not scored">{escape(s["text"])}</span>'
    parts = []
    for piece, covering in segments(s["text"], s["start"], s["passages"]):
        if covering:
            labels = sorted({p["label"] for p in covering}, key=list(BY_KEY).index)
            why = "; ".join(f"{BY_KEY[p['label']].name}: {p['reason']}" for p in covering)
            parts.append(f'<mark class="{" ".join(labels)}" title="{escape(why)}">{escape(piece)}</mark>')
        else:
            parts.append(escape(piece))
    tip = " · ".join(f"{BY_KEY[k].name} {v:.2f}" for k, v in s["scores"].items())
    kind = s.get("kind", "sentence")
    if kind != "sentence":
        tip = f"{kind.replace('_', ' ')} · {tip}"
    cls = "s flagged" if s["flags"] else "s"
    if kind == "headline":
        cls += " headline"
    return (f'<span class="{cls}" tabindex="0" id="s{s["index"]}">{"".join(parts)}'
            f'<span class="tip">#{s["index"]} · {escape(tip)}</span></span> ')


def render_html(report: dict, text: str | None = None) -> str:
    """The page; with the article `text`, paragraph breaks are kept."""
    summary = report["summary"]
    rows = "".join(
        f"<tr><td>{escape(label.name)}</td><td>{summary['flagged'][label.key]}</td>"
        f"<td>{report['thresholds'][label.key]:.2f}</td></tr>"
        for label in LABELS
    )
    legend = "".join(
        f'<span class="{label.key}" title="{escape(label.definition)}">{escape(label.name)}</span>' for label in LABELS
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
<div class="summary"><p>{counted(summary['prose'], 'sentence')} scored ({counted(summary['sentences'], 'unit')}), model
{escape(report['model']['version'])}.</p>
<table><tr><th>label</th><th>flagged sentences</th><th>threshold</th></tr>{rows}</table>{warnings}</div>
<p class="legend">Legend: {legend} Hover over or focus a sentence for its scores.</p>
<div class="article"><p>{"".join(body)}</p></div>
</body></html>
"""

