"""The review policy and the verdict it gives an article: `pass` or `review`, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import finite_number
from .errors import InputError
from .labels import LABEL_KEYS

if TYPE_CHECKING:
    from .records import Reason, Report, SentenceRecord, Verdict

LEVELS = ("review", "warn", "off")
_RULE_KEYS = {"level", "min_flagged", "min_share", "max_score", "threshold", "allow", "count"}
COUNTS = ("flags", "expected")


@dataclass(frozen=True)
class LabelRule:
    level: str = "off"
    min_flagged: int | None = None
    min_share: float | None = None
    max_score: float | None = None
    threshold: float | None = None
    allow: tuple[str, ...] = ()
    count: str = "flags"  # what min_flagged and min_share count: flagged sentences, or expected ones

    def fired(self, count: float, prose: int, top: float) -> tuple[str, float, float] | None:
        """The first condition that holds for an article with `count` counted sentences out of
        `prose` and a highest score `top`: (condition, value, limit), or None."""
        checks = (
            ("min_flagged", round(count, 4), self.min_flagged),
            ("min_share", round(count / max(1, prose), 4), self.min_share),
            ("max_score", top, self.max_score),
        )
        for name, value, limit in checks:
            if limit is not None and value >= limit:
                return name, value, limit
        return None


@dataclass(frozen=True)
class Policy:
    rules: dict[str, LabelRule] = field(default_factory=dict)
    allow: tuple[str, ...] = ()
    source: str = "default"

    def thresholds(self) -> dict[str, float]:
        """Sentence thresholds the policy overrides (the reports then use them)."""
        return {k: r.threshold for k, r in self.rules.items() if r.threshold is not None}

    def allowed(self, label: str, passage: str) -> bool:
        text = passage.lower()
        phrases = self.allow + self.rules.get(label, LabelRule()).allow
        return any(p.lower() == text or p.lower() in text.split() for p in phrases) or any(
            p.lower() in text for p in phrases if " " in p
        )


def _number(where: str, value, kind, low: float, high: float | None):
    if not finite_number(value, kind):
        raise InputError(f"{where} must be a finite {'whole number' if kind is int else 'number'}")
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise InputError(f"{where} must be {bounds}")
    return value


def _phrases(where: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise InputError(f"{where} must be a list of non-empty strings")
    return tuple(p.strip() for p in value)


def parse_policy(data: dict, source: str) -> Policy:
    """Validate a policy table; every error names the file and the key."""
    unknown = set(data) - {"labels", "allow"}
    if unknown:
        raise InputError(f"{source}: unknown key {sorted(unknown)[0]!r} (expected labels, allow)")
    rules = {}
    labels = data.get("labels", {})
    if not isinstance(labels, dict):
        raise InputError(f"{source}: labels must be a table")
    for key, table in labels.items():
        where = f"{source}: labels.{key}"
        if key not in LABEL_KEYS:
            raise InputError(f"{where}: unknown label (expected one of {', '.join(LABEL_KEYS)})")
        if not isinstance(table, dict):
            raise InputError(f"{where} must be a table")
        extra = set(table) - _RULE_KEYS
        if extra:
            raise InputError(f"{where}.{sorted(extra)[0]}: unknown key")
        level = table.get("level", "review")
        if level not in LEVELS:
            raise InputError(f"{where}.level must be one of {', '.join(LEVELS)}")
        rule = LabelRule(
            level=level,
            min_flagged=_number(f"{where}.min_flagged", table["min_flagged"], int, 1, None)
            if "min_flagged" in table else None,
            min_share=_number(f"{where}.min_share", table["min_share"], (int, float), 0, 1)
            if "min_share" in table else None,
            max_score=_number(f"{where}.max_score", table["max_score"], (int, float), 0, 1)
            if "max_score" in table else None,
            threshold=_number(f"{where}.threshold", table["threshold"], (int, float), 0, 1)
            if "threshold" in table else None,
            allow=_phrases(f"{where}.allow", table.get("allow", [])),
            count=table.get("count", "flags"),
        )
        if rule.count not in COUNTS:
            raise InputError(f"{where}.count must be one of {', '.join(COUNTS)}")
        if rule.level != "off" and rule.min_flagged is None and rule.min_share is None and rule.max_score is None:
            raise InputError(f"{where}: give at least one of min_flagged, min_share, max_score")
        rules[key] = rule
    allow = data.get("allow", {})
    if not isinstance(allow, dict) or set(allow) - {"phrases"}:
        raise InputError(f"{source}: allow must be a table with one key, phrases")
    return Policy(rules, _phrases(f"{source}: allow.phrases", allow.get("phrases", [])), source)


def load_policy(path: str | Path | None = None) -> Policy:
    """A policy file, or the default policy shipped with rhetoric."""
    from .text import parse_toml, read_toml

    if path is None:
        from importlib.resources import files

        text = files("rhetoric.policies").joinpath("default.toml").read_text(encoding="utf-8")
        return parse_policy(parse_toml(text, "default policy", "a policy"), "default policy")
    return parse_policy(read_toml(path, "a policy"), str(path))


def verdict(report: Report, policy: Policy) -> Verdict:
    """Apply the policy to a report: marks allowed passages, returns verdict and ordered reasons."""
    prose = max(1, report["summary"]["prose"])
    reasons: list[Reason] = []
    for key in LABEL_KEYS:
        rule = policy.rules.get(key)
        counted: list[SentenceRecord] = []
        for s in report["sentences"]:
            if key not in s["flags"]:
                continue
            mine = [p for p in s["passages"] if p["label"] == key]
            for p in mine:
                p["allowed"] = policy.allowed(key, p["text"])
            if mine and all(p["allowed"] for p in mine):
                continue
            counted.append(s)
        if rule is None or rule.level == "off" or not (counted or rule.count == "expected"):
            continue
        top = max((_score(s, key) for s in counted), default=0.0)
        count: float = len(counted)
        if rule.count == "expected":  # every scored sentence's probability, less those the outlet allows
            kept = {id(s) for s in counted}
            allowed = {id(s) for s in report["sentences"] if key in s["flags"] and id(s) not in kept}
            count = sum(_score(s, key) for s in report["sentences"] if id(s) not in allowed)
        fired = rule.fired(count, prose, top)
        if fired:
            name, value, limit = fired
            ordered = sorted(counted, key=lambda s: -_score(s, key))
            reasons.append({
                "level": rule.level,
                "label": key,
                "rule": f"labels.{key}.{name}",
                "value": value,
                "limit": limit,
                "sentences": [s["index"] for s in ordered],
                "passages": [p["text"] for s in ordered for p in s["passages"]
                             if p["label"] == key and not p.get("allowed")],
                "highest_score": top,
                "count": rule.count,
            })
    reasons.sort(key=lambda r: (r["level"] != "review", -r["highest_score"]))
    needs = any(r["level"] == "review" for r in reasons)
    return {"source": report["source"], "verdict": "review" if needs else "pass", "reasons": reasons,
            "report": report}


def _score(sentence: SentenceRecord, key: str) -> float:
    """A sentence's probability for a label; a unit that is not scored counts 0."""
    return sentence["scores"][key] if sentence["scores"] else 0.0
