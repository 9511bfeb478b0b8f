"""Plain-text renderings of the commands' other results: verdicts, evaluation, comparison,
explanation, corpus statistics and agreement, and a queued article. Formatting only; the CLI
prints what these return, and the JSON forms are the results themselves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..labels import LABEL_KEYS
from . import counted


def maybe(value: float | None) -> str:
    """A metric that may be undefined (one class absent): printed as such, never as 0."""
    return "undefined" if value is None else f"{value:.3f}"


def _listed(items: list[str], most: int) -> str:
    more = f" and {len(items) - most} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more


def verdict_text(result: Mapping[str, Any]) -> str:
    """The verdict and its reasons; a shortened list says how many it leaves out."""
    lines = [f"{result['verdict'].upper():<7}{result['source']}"]
    for r in result["reasons"]:
        passages = _listed([f'"{p}"' for p in r["passages"]], 6)
        expected = r.get("count") == "expected" and not r["rule"].endswith(".max_score")
        value = f"{r['value']} expected (the sum of the sentences' probabilities)" if expected else r["value"]
        lines.append(f"  {r['level']}: {r['rule']} = {value} (limit {r['limit']}); "
                     f"flagged sentences {_listed([str(i) for i in r['sentences']], 10) or 'none'}"
                     + (f"; passages {passages}" if passages else ""))
    return "\n".join(lines)


def evaluation_text(result: Mapping[str, Any], version: str) -> str:
    """`rhetoric evaluate`: per source and label, then passages and whole articles."""
    lines = [f"{result['sentences']} sentences, model {version}"]
    sections = [("all", result)] + sorted((result.get("by_source") or {}).items())
    lines.append(f"{'source':<22}{'label':<26}{'n':>7}{'pos':>6}{'P':>7}{'R':>7}{'F1':>7}{'AP':>7}"
                 f"{'Brier':>7}{'ECE':>7}{'all-F1':>8}")
    for name, section in sections:
        for key, m in section["labels"].items():
            ap = "-" if m["average_precision"] is None else f"{m['average_precision']:.3f}"
            lines.append(f"{name:<22}{key:<26}{m['n']:>7}{m['support']:>6}{m['precision']:>7.3f}"
                         f"{m['recall']:>7.3f}{m['f1']:>7.3f}{ap:>7}{m['brier']:>7.3f}{m['ece']:>7.3f}"
                         f"{m['flag_all_f1']:>8.3f}")
    for key, m in result.get("passages", {}).items():
        lines.append(f"passages {key}: token precision {m['token_precision']:.3f}, token recall "
                     f"{m['token_recall']:.3f}, overlap F1 {m['overlap_f1']:.3f}, exact F1 {m['exact_f1']:.3f} "
                     f"({m['support']} gold passages)")
    for key, m in (result.get("articles") or {}).items():
        c = m["confusion"]
        lines.append(f"articles {key} ({m['articles']}, counting {m['count']}): rule fires for annotators and "
                     f"model {c['tp']}, model only {c['fp']}, annotators only {c['fn']}, neither {c['tn']}; "
                     f"balanced accuracy {maybe(m['balanced_accuracy'])}, Spearman of flagged share "
                     f"{maybe(m['spearman_share'])}")
    return "\n".join(lines)


def explanation_text(sentence: str, result: Mapping[str, Any]) -> str:
    """`rhetoric explain`: each label's score, passages and strongest contributions."""
    lines = [sentence]
    for key, entry in result["labels"].items():
        flag = "FLAGGED" if entry["flagged"] else "not flagged"
        if not entry["flagged"] and entry["score"] >= entry["threshold"]:
            flag = "over it, but no passage carries the flag: not flagged"
        lines.append(f"\n{key}: {entry['score']:.3f} (threshold {entry['threshold']:.3f}, {flag})")
        lines += [f"  passage \"{p['text']}\" ({p['reason']}, {p['weight']:+.2f})" for p in entry["passages"]]
        lines += [f"  + {i['weight']:+.2f}  {i['text']}  ({i['reason']})" for i in entry["up"]]
        lines += [f"  - {i['weight']:+.2f}  {i['text']}  ({i['reason']})" for i in entry["down"]]
    return "\n".join(lines)


def comparison_text(result: Mapping[str, Any], sentences: int, limit: int) -> str:
    """`rhetoric compare`: metrics old against new, then the flags that flip."""
    lines = [f"{sentences} sentences; old {result['old']['version']} -> new {result['new']['version']}",
             f"{'label':<26}{'metric':<20}{'old':>10}{'new':>10}{'change':>9}"]
    for key, rows in result["metrics"].items():
        for metric, (old, new) in rows.items():
            change = "" if old is None or new is None else f"{new - old:+.3f}"
            lines.append(f"{key:<26}{metric:<20}{maybe(old):>10}{maybe(new):>10}{change:>9}")
    flips = result["flips"]
    lines.append(f"\n{counted(len(flips), 'flag')} flip:" if len(flips) != 1 else "\n1 flag flips:")
    for f in flips[:limit]:
        mark = "now flagged" if f["new_flag"] else "no longer flagged"
        gold = "" if f["gold"] is None else f" (label {f['gold']})"
        lines.append(f"  {f['label']}: {mark} {f['old_score']:.2f}->{f['new_score']:.2f}{gold}: {f['text']}")
    return "\n".join(lines)


def agreement_text(result: Mapping[str, Any]) -> str:
    """`rhetoric corpus agreement`: kappa per label with its interval."""
    lines = []
    for key, r in result.items():
        interval = "" if r["ci95"] is None else f" (95% CI {r['ci95'][0]:.3f} to {r['ci95'][1]:.3f})"
        stale = f", {r['stale']} rewritten since" if r["stale"] else ""
        lines.append(f"{key}: kappa {maybe(r['kappa'])}{interval}, n {r['n']}, agreement {maybe(r['agreement'])}, "
                     f"positives {r['positives_first']} vs {r['positives_second']}; "
                     f"{len(r['disagreements'])} disagreements{stale}")
    return "\n".join(lines)


def stats_text(st: Mapping[str, Any]) -> str:
    """`rhetoric corpus stats`: positives by domain, and rates by register."""
    lines = [f"{st['sentences']} sentences, {st['articles']} articles, {st['user_labels']} user labels; "
             f"evaluation split {st['evaluation_sentences']} sentences; "
             f"{st['negatives_all_labels']} with no label",
             f"{'domain':<20}{'sentences':>10}" + "".join(f"{k:>26}" for k in LABEL_KEYS)]
    for domain, n in st["domains"].items():
        pos = st["positives_by_domain"][domain]
        lines.append(f"{domain:<20}{n:>10}" + "".join(f"{pos[k]:>26}" for k in LABEL_KEYS))
    lines.append(f"{'all':<20}{st['sentences']:>10}" + "".join(f"{st['positives'][k]:>26}" for k in LABEL_KEYS))
    lines.append("")
    names = "".join(f"{k[:22] + ' rate':>28}" for k in LABEL_KEYS)
    lines.append(f"{'register':<10}{'articles':>9}{'sentences':>10}{names}")
    for register, r in st["by_register"].items():
        cells = "".join(f"{r['rate'][k]:>12.3f} ({r['articles_without'][k]:>5.0%} none)     " for k in LABEL_KEYS)
        lines.append(f"{register:<10}{r['articles']:>9}{r['sentences']:>10}   {cells}")
    lines.append("(none: the share of the register's articles with no sentence carrying the label)")
    return "\n".join(lines)


def queue_text(rows: list[Mapping[str, Any]]) -> str:
    """`rhetoric queue list`: one line per article."""
    return "\n".join(f"#{r['id']:<5}{r['status']:<10}{r['verdict']:<8}{r['created_at']}  {r['source']}" for r in rows)


def queued_text(item: Mapping[str, Any], report: str) -> str:
    """`rhetoric queue show`: the article's state, verdict, report (`report`, rendered) and history."""
    lines = [f"#{item['id']} {item['source']}: {item['status']} (verdict {item['verdict']})",
             verdict_text({"verdict": item["verdict"], "source": item["source"], "reasons": item["reasons"]}),
             report,
             "History:" if item["history"] else "History: no decisions yet"]
    for h in item["history"]:
        lines.append(f"  {h['decided_at']} {h['reviewer']}: {h['decision']}" + (f" ({h['note']})" if h["note"] else ""))
        for c in h["relabels"]:
            lines.append(f"    sentence {c['index']}: {c['label']}={c['value']} (model said {c['model_value']})"
                         + (f' passage "{c["passage"]}"' if c.get("passage") else ""))
    return "\n".join(lines)
