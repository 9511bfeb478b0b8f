"""What `rhetoric corpus check` warns about beyond format: drills, templates and contradictions.

A corpus written to illustrate the guidelines drifts toward drills: formulas repeated across
articles, guideline examples copied back, articles carried by one cue, and the same pattern labeled
both ways. Each warning names the lines a reviewer should look at. A repeated phrase that is simply
how news is written ("said in a statement") is explained once in `corpora/audit_notes.toml` and is
then no longer a warning.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .labels import LABEL_KEYS

PHRASE_WORDS = 4
PHRASE_ARTICLES = 12
"""A phrase of PHRASE_WORDS words in this many articles or more is a template unless explained."""
CUE_SHARE = 0.5
CUE_MIN_SENTENCES = 4
"""An article where one cue type is in more than half its sentences (and at least four) is a drill."""
EXAMPLE_WORDS = 6
"""A line sharing this many words in a row with an example in the guidelines copies it."""
NOTES_FILE = "audit_notes.toml"


@dataclass(frozen=True)
class Pattern:
    """A wording the guidelines decide one way: every line matching it should agree on `label`."""

    name: str
    label: str
    regex: re.Pattern[str]
    decision: str
    unattributed_only: bool = False  # only where no named source carries the claim


PATTERNS = (
    Pattern("distancing passive", "hedging", re.compile(
        r"\b(?:is|are|was|were) (?:said|thought|believed|rumou?red|understood|alleged) to\b", re.I), "1, 15"),
    Pattern("reportedly / allegedly", "hedging", re.compile(r"\b(?:reportedly|allegedly)\b", re.I), "1"),
    Pattern("adjectival suspected", "hedging", re.compile(
        r"\b(?:a|an|the|two|three|four|several|one)\s+suspected\s+(?!of\b|that\b)\w", re.I), "16"),
    Pattern("agentless expectation", "unattributed_speculation", re.compile(
        r"\b(?:is|are) (?:widely )?(?:expected|forecast) to\b", re.I), "2, 12", unattributed_only=True),
    Pattern("agentless expectation", "hedging", re.compile(
        r"\b(?:is|are) (?:widely )?(?:expected|forecast) to\b", re.I), "2, 12", unattributed_only=True),
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _grams(words: list[str], n: int) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def read_notes(directory: str | Path) -> tuple[dict[str, str], dict[str, str]]:
    """What the audit notes explain: phrases that are ordinary news wording (`[phrases]`), and lines
    whose label is right although they match a decided pattern (`[lines]`, by id); each with its reason."""
    path = Path(directory) / NOTES_FILE
    if not path.exists():
        return {}, {}
    from .errors import InputError

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the audit notes ({exc})") from None
    explained = []
    for table in ("phrases", "lines"):
        entries = data.get(table, {})
        if not isinstance(entries, dict) or not all(isinstance(v, str) and v for v in entries.values()):
            raise InputError(f"{path}: [{table}] must map each entry to its explanation")
        explained.append(entries)
    phrases, lines = explained
    return {" ".join(_words(k)): v for k, v in phrases.items()}, dict(lines)


def repeated_phrases(examples, explained: Iterable[str] = ()) -> list[str]:
    """Phrases of PHRASE_WORDS words that stand in PHRASE_ARTICLES or more articles, unexplained."""
    where: dict[str, set[str]] = defaultdict(set)
    for ex in examples:
        for gram in _grams(_words(ex.text), PHRASE_WORDS):
            where[gram].add(ex.article)
    known = set(explained)
    out = []
    for gram, articles in sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(articles) >= PHRASE_ARTICLES and not any(gram in k or k in gram for k in known):
            out.append(f"template: \"{gram}\" in {len(articles)} articles (explain it in {NOTES_FILE} or vary it)")
    return out


def guideline_examples(guidelines: str) -> list[str]:
    """The example sentences and phrases quoted in the guidelines (four words or more); the README's
    Agreement section quotes corpus lines to discuss them, and is not guidelines."""
    guidelines = re.split(r"^## Agreement", guidelines, maxsplit=1, flags=re.MULTILINE)[0]
    quoted = re.findall(r"\"([^\"]{12,200})\"", guidelines)
    return [q for q in quoted if len(_words(q)) >= 4]


def copied_examples(examples, guidelines: str) -> list[str]:
    """Lines that share EXAMPLE_WORDS words in a row with an example in the guidelines."""
    grams = {g: q for q in guideline_examples(guidelines) for g in _grams(_words(q), EXAMPLE_WORDS)}
    out = []
    for ex in examples:
        hit = next((grams[g] for g in _grams(_words(ex.text), EXAMPLE_WORDS) if g in grams), None)
        if hit:
            out.append(f"{ex.where}: copies the guideline example \"{hit}\"")
    return out


def cue_drills(examples) -> list[str]:
    """Articles in which one cue type carries most sentences (an article built around one decision):
    the cue is in the sentence and the sentence is labeled 1 for the label the cue is evidence of."""
    from . import cues

    by_article: dict[str, list] = defaultdict(list)
    for ex in examples:
        by_article[ex.article].append(ex)
    out = []
    for article, rows in by_article.items():
        counts: Counter[str] = Counter()
        for ex in rows:
            carried = {"hedge:": ex.labels["hedging"] == 1, "loaded:": ex.labels["loaded_language"] == 1}
            counts.update({c.feature for c in cues.find(ex.text) if carried.get(c.feature[:c.feature.find(":") + 1])})
        for feature, n in counts.items():
            if n >= CUE_MIN_SENTENCES and n > CUE_SHARE * len(rows):
                out.append(f"{rows[0].where}: article {article} has \"{feature}\" in {n} of {len(rows)} sentences")
    return out


def contradictions(examples, explained: dict[str, str] | None = None) -> list[str]:
    """Lines matching a decided pattern but labeled against the majority of its lines, per pattern
    (lines the audit notes explain are left out)."""
    from . import cues

    out = []
    explained = explained or {}
    for pattern in PATTERNS:
        matching = [ex for ex in examples if ex.labels.get(pattern.label) is not None and ex.id not in explained
                    and pattern.regex.search(ex.text)]
        if pattern.unattributed_only:
            matching = [ex for ex in matching if not any(
                c.feature in ("attributed to a named source", "named source", "institutional source")
                for c in cues.find(ex.text))]
        values = Counter(ex.labels[pattern.label] for ex in matching)
        if len(values) < 2:
            continue
        majority = values.most_common(1)[0][0]
        for ex in matching:
            if ex.labels[pattern.label] != majority:
                out.append(f"{ex.where}: {pattern.name} labeled {pattern.label}={ex.labels[pattern.label]}, "
                           f"but {values[majority]} of {len(matching)} such lines say {majority} "
                           f"(decision {pattern.decision})")
    return out


def audit(examples, directory: str | Path) -> list[str]:
    """Every audit warning for the written corpus in `directory`."""
    guidelines_path = Path(directory) / "README.md"
    guidelines = guidelines_path.read_text(encoding="utf-8") if guidelines_path.exists() else ""
    phrases, lines = read_notes(directory)
    return (
        repeated_phrases(examples, phrases)
        + copied_examples(examples, guidelines)
        + cue_drills(examples)
        + contradictions(examples, lines)
    )


def register_rates(examples) -> dict[str, dict]:
    """Per register: articles, sentences, each label's rate, and the share of articles with no flag."""
    by_register: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for ex in examples:
        by_register[ex.register][ex.article].append(ex)
    out = {}
    for register, articles in sorted(by_register.items()):
        rows = [ex for group in articles.values() for ex in group]
        out[register] = {
            "articles": len(articles),
            "sentences": len(rows),
            "rate": {k: round(sum(ex.labels[k] == 1 for ex in rows) / len(rows), 4) for k in LABEL_KEYS},
            "articles_without": {
                k: round(sum(not any(ex.labels[k] == 1 for ex in g) for g in articles.values()) / len(articles), 4)
                for k in LABEL_KEYS
            },
        }
    return out
