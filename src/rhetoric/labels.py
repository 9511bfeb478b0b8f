"""The three labels, defined once, as data."""

from __future__ import annotations

from dataclasses import dataclass

HIGHLIGHTS = {
    "underline": "border-bottom:3px solid {ink}",
    "shade": "background:{shade}",
    "outline": "outline:2px dashed {ink};outline-offset:1px",
    "overline": "border-top:3px double {ink}",
}
"""How a label draws its passages in HTML. Each label takes its own property, so a passage that
carries two or three labels shows every one of them at once."""


@dataclass(frozen=True)
class Label:
    key: str
    name: str
    definition: str
    colour: str  # ANSI colour name for the terminal report
    mark: str  # the one-letter mark of the plain-text report ("[H: may]")
    shade: str  # HTML background of the label's scores and chips
    ink: str  # HTML colour of the label's lines
    highlight: str  # how HTML draws its passages: a key of HIGHLIGHTS

    def __post_init__(self) -> None:
        if self.highlight not in HIGHLIGHTS:
            raise ValueError(f"label {self.key}: highlight must be one of {', '.join(HIGHLIGHTS)}")

    @property
    def passage_style(self) -> str:
        return HIGHLIGHTS[self.highlight].format(ink=self.ink, shade=self.shade)


LABELS: tuple[Label, ...] = (
    Label(
        key="hedging",
        name="Hedging",
        definition=(
            "The writer softens a claim with epistemic uncertainty (may, might, could, possibly, "
            "likely, appears, seems, reportedly, is thought to)."
        ),
        colour="cyan",
        mark="H",
        shade="#cfe8ff",
        ink="#1f6fb2",
        highlight="underline",
    ),
    Label(
        key="loaded_language",
        name="Loaded language",
        definition=(
            "Word choice that carries emotion or judgment beyond the facts: pejoratives, emotive "
            "verbs, exaggeration, violence or disaster metaphors, appeals to fear."
        ),
        colour="red",
        mark="L",
        shade="#ffd2cc",
        ink="#c0392b",
        highlight="shade",
    ),
    Label(
        key="unattributed_speculation",
        name="Unattributed speculation",
        definition=(
            "A claim about what is hidden, intended, believed or about to happen, with no named "
            "source to carry it (insiders say, it is understood that, analysts fear)."
        ),
        colour="yellow",
        mark="S",
        shade="#fff0b3",
        ink="#b7950b",
        highlight="outline",
    ),
)

LABEL_KEYS: tuple[str, ...] = tuple(label.key for label in LABELS)
BY_KEY: dict[str, Label] = {label.key: label for label in LABELS}
if len(BY_KEY) != len(LABELS) or len({label.highlight for label in LABELS}) != len(LABELS):
    raise ValueError("labels need distinct keys and distinct highlights")
