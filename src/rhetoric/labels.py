"""The three labels, defined once, as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    key: str
    name: str
    definition: str
    colour: str  # ANSI colour name for the terminal report; the HTML report has its own palette
    mark: str  # the one-letter mark of the plain-text report ("[H: may]")


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
    ),
)

LABEL_KEYS: tuple[str, ...] = tuple(label.key for label in LABELS)
BY_KEY: dict[str, Label] = {label.key: label for label in LABELS}
