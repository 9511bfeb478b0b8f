"""Renderers of the `rhetoric.report/1` object: text, JSON and HTML. Formatting only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Report


def render(report: Report, fmt: str, colour: bool = False, text: str | None = None, review: dict | None = None) -> str:
    """`text` (the article) lets the HTML page keep paragraph breaks; `review` (a queued article's
    verdict, reasons, status and history) heads the HTML page."""
    if fmt == "json":
        from .json_report import render_json

        return render_json(report)
    if fmt == "html":
        from .html_report import render_html

        return render_html(report, text, review)
    from .text_report import render_text

    return render_text(report, colour=colour)


def counted(n: int, word: str, plural: str | None = None) -> str:
    """"1 sentence", "2 sentences": reports are read by people."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def label_css(shaded: tuple[str, ...] = (".score.on",)) -> str:
    """Each label's HTML styles, from its definition: the `shaded` elements (scores; the review desk
    adds its chips) take the label's shade, and its passages its highlight. The static report and
    the review desk share them."""
    from ..labels import LABELS

    return "".join(
        f"{','.join(f'{element}.{label.key}' for element in shaded)}{{background:{label.shade}}}\n"
        for label in LABELS
    ) + "".join(f"mark.{label.key}{{{label.passage_style}}}\n" for label in LABELS)


def schema() -> dict:
    """The JSON Schema of the report, shipped inside the package, with every label-specific part
    (the label list, the label enum, the score and count objects) made from `labels.LABELS`."""
    import json
    from importlib.resources import files

    from ..labels import LABEL_KEYS

    document = json.loads(files("rhetoric.report").joinpath("schema.json").read_text(encoding="utf-8"))
    keys = list(LABEL_KEYS)
    defs = document["$defs"]
    document["properties"]["labels"] = {"const": keys}
    defs["label"] = {"enum": keys}
    for name, value in (("scores", {"type": "number", "minimum": 0, "maximum": 1}),
                        ("counts", {"type": "integer", "minimum": 0})):
        defs[name] = {"type": "object", "required": keys, "additionalProperties": False,
                      "properties": {key: dict(value) for key in keys}}
    return document


def segments(text: str, start: int, passages: Sequence[Mapping]) -> list[tuple[str, list[Mapping]]]:
    """A sentence cut at every passage boundary: (piece, passages covering it), for highlighting."""
    cuts = {0, len(text)}
    for p in passages:
        cuts.update((p["start"] - start, p["end"] - start))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in zip(points, points[1:]):
        covering = [p for p in passages if p["start"] - start <= a and p["end"] - start >= b]
        out.append((text[a:b], covering))
    return out
