"""The command line: each command parses, calls the library, renders, and returns an exit code.

Exit codes (one contract for every command): 0 success, 1 needs review (gating commands only),
2 usage error, 3 input error, 4 model error, 5 unexpected internal error.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import sys
from typing import Any

import click

from .errors import ExitCode, RhetoricError, UsageError, worst
from .labels import LABEL_KEYS
from .report import counted

FORMATS = click.Choice(["text", "json", "html"])
_EXTENSIONS = {"text": ".txt", "json": ".json", "html": ".html"}


_OUTLET: contextvars.ContextVar[str | None] = contextvars.ContextVar("outlet", default=None)


def _scheduler_option(f):
    return click.option(
        "--scheduler", default=None, metavar="tcp://HOST:PORT",
        help="Run on this Dask cluster (pip install \"rhetoric[cluster]\"; the model path must exist on its workers).",
    )(f)


def _model_option(f):
    """--model and --outlet; the command's `load_model` calls (`_load_model`) see the outlet."""

    @functools.wraps(f)
    def with_outlet(*args, outlet=None, **kwargs):
        token = _OUTLET.set(outlet)
        try:
            return f(*args, **kwargs)
        finally:
            _OUTLET.reset(token)

    with_outlet = click.option(
        "--outlet", default=None, envvar="RHETORIC_OUTLET",
        help="Use the thresholds learned from this outlet's own labels (env RHETORIC_OUTLET).",
    )(with_outlet)
    return click.option(
        "--model", "model_dir", type=click.Path(), envvar="RHETORIC_MODEL", default=None,
        help="Model directory (default: the shipped model; env RHETORIC_MODEL).",
    )(with_outlet)


def _load_model(model_dir):
    """The command's model. What it loads lives for the whole run, so it is frozen out of the garbage
    collector's walks (`gc.freeze`): a full collection during the first scoring cost the example
    article's cold start 10 ms (README, Speed, session 17)."""
    import gc

    from .store import load_model

    model = load_model(model_dir, _OUTLET.get())
    gc.freeze()
    return model


def _echo(message: str = "", nl: bool = True, err: bool = False, colour: bool = False) -> None:
    """click.echo for everything rhetoric prints: control characters from articles, paths and labels
    are made visible (`terminal.safe`), so no text can drive the terminal; `colour` keeps our own."""
    from .terminal import safe, safe_keeping_colour

    _erase_bar()
    try:
        if colour:
            click.echo(safe_keeping_colour(message), nl=nl, err=err, color=True)
            return
        stream = sys.stderr if err else sys.stdout  # written as is: click.echo copies, and a report can be 50 MB
        stream.write(safe(message))
        if nl:
            stream.write("\n")
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone from None


class ReaderGone(Exception):
    """Standard output was closed by its reader (`| head`). Not an OSError, so that click, which
    exits 1 on a broken pipe, leaves it to `RhetoricGroup.main` to end quietly with 0."""


def _error(message: str) -> None:
    _echo(f"rhetoric: error: {_one_line(message)}", err=True)


def _warn(message: str) -> None:
    _echo(f"rhetoric: warning: {_one_line(message)}", err=True)


def _one_line(message: str) -> str:
    """A message stays one line, whatever a file name holds."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


_BARS: list = []
"""The progress bar on screen: erased before anything else is printed, so no line mixes the two."""


def _erase_bar() -> None:
    if _BARS:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


@contextlib.contextmanager
def progress_bar(items, label: str, length: int | None = None):
    """A progress bar on stderr when it is a terminal, nothing at all in a pipe; erased when done."""
    if not sys.stderr.isatty():
        yield items
        return
    bar = click.progressbar(items, length=length, label=label, file=sys.stderr)
    with bar as shown:
        _BARS.append(bar)
        try:
            yield shown
        finally:
            _erase_bar()
            _BARS.remove(bar)
            bar.hidden = True  # its own finish would leave the bar's last line behind
            sys.stderr.write("\033[?25h")  # the cursor click hid while drawing
            sys.stderr.flush()


class RhetoricGroup(click.Group):
    """A click group whose every outcome is one of the documented exit codes.

    click exits 1 for `ClickException` and for uncaught errors, but 1 means "needs review" here, so
    `main` runs click without its own handling and maps each outcome itself.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(args) if args is not None else sys.argv[1:]
        if any("\x00" in str(arg) for arg in argv):
            _error("an argument holds a NUL byte, which no file name can hold")
            return self._finish(ExitCode.INPUT, standalone_mode)
        try:
            code = super().main(args=argv, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "rhetoric"
            _error(f"{exc.format_message().rstrip('.')} (see '{where} --help')")
            code = ExitCode.USAGE
        except click.FileError as exc:
            _error(exc.format_message())
            code = ExitCode.INPUT
        except click.ClickException as exc:
            _error(exc.format_message())
            code = ExitCode.USAGE
        except click.exceptions.Abort:
            _error("aborted")
            code = ExitCode.USAGE
        except RhetoricError as exc:
            _error(str(exc))
            code = exc.exit_code
        except (BrokenPipeError, ReaderGone):  # the reader went away (`| head`): nothing more to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = ExitCode.OK
        except OSError as exc:  # a path the system refuses: too long, a loop of links, a full disk
            _error(f"{exc.filename or 'input'}: {exc.strerror or exc}")
            code = ExitCode.INPUT
        except Exception as exc:  # noqa: BLE001 - the one place that turns a crash into exit 5
            if "--debug" in argv:
                import traceback

                traceback.print_exc()
            _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)")
            code = ExitCode.INTERNAL
        return self._finish(code, standalone_mode)

    @staticmethod
    def _finish(code, standalone_mode: bool):
        if not standalone_mode:
            return code
        sys.exit(int(code) if isinstance(code, int) else 0)


@click.group(cls=RhetoricGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhetoric")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
def cli(debug: bool) -> None:
    """Show where a news article hedges, uses loaded language, or speculates without naming a source.

    \b
    Example:
      rhetoric score article.txt
    """
    # --debug is read from the arguments by RhetoricGroup.main, which must know it before any command runs


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(), default=None,
              help="Report file (one input) or folder (several inputs).")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: one article per line as {\"id\": ..., \"text\": ...}; one JSON report per line out.")
@click.option("--colour/--no-colour", "colour", default=None,
              help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Processes for --input-format jsonl.")
@_scheduler_option
@_model_option
def score(inputs, fmt, output, input_format, colour, jobs, scheduler, model_dir) -> int:
    """Score articles sentence by sentence and report the passages behind each flag.

    INPUTS are .txt, .md or .html files, or - for standard input. Exit status 0 when every report
    was written; 3 for an unreadable input (the others are still scored); 4 for a model problem.

    \b
    Examples:
      rhetoric score article.txt
      rhetoric score --format html -o report.html article.txt
      rhetoric score --format json a.txt b.txt > reports.jsonl
      rhetoric score --input-format jsonl - < articles.jsonl
      rhetoric score --input-format jsonl --jobs 2 archive.jsonl > reports.jsonl
      rhetoric score --input-format jsonl --scheduler tcp://10.0.0.5:8786 archive.jsonl > reports.jsonl
    """

    model = _load_model(model_dir)
    if input_format == "jsonl":
        source = click.get_current_context().get_parameter_source("fmt")
        if fmt != "json" and source is not None and source.name != "DEFAULT":
            raise UsageError("--input-format jsonl writes JSON Lines; use --format json")
        from .batch import score_jsonl

        return score_jsonl(inputs, model, output, _error, jobs, scheduler)
    if scheduler is not None or jobs > 1:
        raise UsageError("--jobs and --scheduler spread --input-format jsonl; score files one by one, or gate them")
    if output is not None and len(inputs) > 1:
        from .outputs import checked_folder

        checked_folder(output)
    elif output is not None:
        from .outputs import checked_output

        checked_output(output, inputs)
    codes: list[int] = []
    names: set[str] = set()
    from .articles import score_file

    with progress_bar(inputs, "Scoring") as items:
        for path in items:
            try:
                report, text = score_file(path, model)
            except RhetoricError as exc:
                _error(str(exc))
                codes.append(exc.exit_code)
                continue
            for warning in report["warnings"]:
                _warn(f"{path}: {warning}")
            use_colour = colour if colour is not None else (
                output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
            from .report import render

            rendered = render(report, fmt, colour=use_colour, text=text)
            try:
                _write(rendered, output, inputs, path, fmt, names, use_colour and fmt == "text")
            except RhetoricError as exc:
                _error(str(exc))
                codes.append(exc.exit_code)
                continue
            codes.append(ExitCode.OK)
    return worst(codes)


def _write(rendered: str, output, inputs: tuple[str, ...], source: str, fmt: str, names: set[str],
           colour: bool = False) -> None:
    """A report to stdout, to the --output file, or into the --output folder under a unique name."""
    from .outputs import write_output

    ending = "" if rendered.endswith("\n") else "\n"  # added at write time: a report can be 50 MB
    if output is None:
        _echo(rendered, nl=bool(ending), colour=colour)
        return
    if len(inputs) == 1:
        write_output(output, rendered, inputs, ending)
        return
    stem = "stdin" if source == "-" else os.path.splitext(os.path.basename(source))[0]
    name = stem
    n = 2
    while name in names:
        name, n = f"{stem}-{n}", n + 1
    names.add(name)
    write_output(os.path.join(output, name + _EXTENSIONS[fmt]), rendered, inputs, ending)


@cli.command()
def schema() -> int:
    """Print the JSON Schema of the report (rhetoric.report/1).

    \b
    Example:
      rhetoric schema > report.schema.json
    """
    import json

    from .report import schema as load_schema

    _echo(json.dumps(load_schema(), indent=2))
    return ExitCode.OK


@cli.group()
def corpus() -> None:
    """Validate and describe the labeled corpus.

    \b
    Example:
      rhetoric corpus check corpora
    """


@corpus.command("check")
@click.argument("directory", default="corpora", type=click.Path())
def corpus_check(directory) -> int:
    """Validate the corpus: format, labels, passages, duplicates, balance; warn about drills.

    Exit status 0 when valid, 3 when a problem is found (each printed on stderr). Warnings (stderr)
    list phrases repeated across many articles, lines that copy a guideline example, articles carried
    by one cue type, and lines labeled against the rest of a pattern the guidelines decide; they do
    not fail the check.

    \b
    Example:
      rhetoric corpus check corpora
    """
    from . import corpus as corpus_mod

    data = corpus_mod.read_corpus(directory)
    problems, warnings = corpus_mod.check(data, directory)
    for w in warnings:
        _warn(w)
    for p in problems:
        _error(p)
    st = corpus_mod.stats(data)
    _echo(f"{directory}: {st['sentences']} written sentences in {st['articles']} articles, "
          f"{st['user_labels']} user labels; {len(problems)} problem(s), {len(warnings)} warning(s)")
    return ExitCode.INPUT if problems else ExitCode.OK


@corpus.command("agreement")
@click.argument("second", type=click.Path())
@click.option("--corpus", "directory", default="corpora", show_default=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def corpus_agreement(second, directory, fmt) -> int:
    """Cohen's kappa per label between the corpus and an independent labeling of a sample of it.

    SECOND is JSON Lines of {"id", "text", and the three labels}: the sample as the second labeler saw
    and labeled it. Prints kappa with a 95% bootstrap interval and the ids where the two disagree.

    \b
    Example:
      rhetoric corpus agreement corpora/agreement/blind_2026-12.jsonl
    """
    import json

    from . import corpus as corpus_mod

    result = corpus_mod.agreement(corpus_mod.read_corpus(directory), second)
    if fmt == "json":
        _echo(json.dumps(result, indent=2))
        return ExitCode.OK
    from .report.tables import agreement_text

    _echo(agreement_text(result))
    return ExitCode.OK


@corpus.command("stats")
@click.argument("directory", default="corpora", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def corpus_stats(directory, fmt) -> int:
    """Print the corpus balance table: positives per label, domain and register.

    \b
    Example:
      rhetoric corpus stats corpora
    """
    import json

    from . import corpus as corpus_mod

    st = corpus_mod.stats(corpus_mod.read_corpus(directory))
    if fmt == "json":
        _echo(json.dumps(st, indent=2))
        return ExitCode.OK
    from .report.tables import stats_text

    _echo(stats_text(st))
    return ExitCode.OK


@cli.command()
@click.option("--corpus", "corpus_dir", default="corpora", show_default=True, type=click.Path(),
              help="Corpus directory (its evaluation split is never trained on).")
@click.option("--extra", multiple=True, type=click.Path(), help="Extra labels file(s) in the labels format.")
@click.option("--out", "out_dir", default="model", show_default=True, type=click.Path(),
              help="Where to write the model directory (replaced atomically).")
@click.option("--config", "config_path", default="training/config.toml", show_default=True, type=click.Path(),
              help="Training configuration: grid, folds, threshold rule.")
@click.option("--hold-out", "hold_out", is_flag=True,
              help="Leave out the --extra rows whose article falls in the evaluation half (the corpus's "
                   "article hash), so `compare --held-out` can measure on them.")
def train(corpus_dir, extra, out_dir, config_path, hold_out) -> int:
    """Train the model from the corpus and write its weights, manifest and model card.

    \b
    Examples:
      rhetoric train --corpus corpora --extra corrections.jsonl --out model
      rhetoric train --extra reviewed.jsonl --hold-out --out /tmp/new
      rhetoric compare model /tmp/new reviewed.jsonl --held-out
    """
    from .train import MIN_COMPARED_EXAMPLES
    from .train import train as run_training

    stages: list[str] = []
    bars: list[Any] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if not stages or stages[-1] != stage:
            if bars:
                bars[-1].render_finish()
            stages.append(stage)
            bars.append(click.progressbar(length=total, label=stage, file=sys.stderr))
        bars[-1].update(done - bars[-1].pos)

    manifest = run_training(corpus_dir, out_dir, list(extra), config_path, progress, hold_out=hold_out)
    if bars:
        bars[-1].render_finish()
    metrics = manifest["metrics"]["evaluation_split"]
    _echo(f"wrote {out_dir} (version {manifest['version']})")
    for key, m in metrics.items():
        _echo(f"  {key}: threshold {manifest['thresholds'][key]:.3f}, evaluation split "
              f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} AP {m['average_precision']}")
    for name, entry in manifest.get("outlets", {}).items():
        weights = [f"{key} own weights at strength {strength:.3g}"
                   for key, strength in entry.get("block_strength", {}).items()]
        weights += [f"{key} shared weights and threshold" for key in entry.get("shared_labels", [])]
        _echo(f"  outlet {name}: {entry['sentences']} sentences; " + ("; ".join(weights) or "shared weights"))
        if entry.get("untested_labels"):
            _echo(f"  outlet {name}: its own weights for {', '.join(entry['untested_labels'])} are untested "
                  f"(fewer than {MIN_COMPARED_EXAMPLES} positives or negatives to compare them with the shared "
                  "weights); measure them on held-out labels (train --hold-out, then compare --held-out)")
    return ExitCode.OK


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path())
@click.option("--by", "by", type=click.Choice(["source"]), default=None,
              help="Also break the metrics down by the prefix of each row's source.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors", "errors_path", type=click.Path(), default=None,
              help="Write every false positive and false negative (JSON Lines) here.")
@click.option("--articles", is_flag=True,
              help="Also judge whole articles (rows grouped by their `article` field) as the gate would.")
@click.option("--policy", "policy_path", type=click.Path(), default=None,
              help="The policy for --articles (default: the shipped default policy).")
@_model_option
def evaluate(data, by, fmt, errors_path, articles, policy_path, model_dir) -> int:
    """Per-label precision, recall, F1, average precision and calibration on labeled sentences.

    DATA is JSON Lines in the labels format (text, label keys with 0, 1 or null, optional source and
    passages), or a corpus directory (its evaluation split).

    With --articles, the policy's rule for each label is applied per article to the annotators'
    labels and to the model's scores: confusion matrix, balanced accuracy, and the rank correlation
    of the flagged share (JSON: "articles": {label: {...}}).

    \b
    Examples:
      rhetoric evaluate ../shared/eval/dev.jsonl --by source --format json
      rhetoric evaluate ../shared/eval/dev.jsonl --articles --policy newsroom.toml
    """
    import json

    from . import evaluate as ev
    from .corpus import read_data
    from .gate import load_policy

    if errors_path is not None:
        from .outputs import checked_output

        checked_output(errors_path, data)
    policy = load_policy(policy_path) if articles else None
    model = _load_model(model_dir)
    examples = [ex for path in data for ex in read_data(path)]
    result = ev.evaluate(model, examples, by_source=by == "source")
    proba, carried = result.pop("_proba"), result.pop("_carried")
    if policy is not None:
        result["articles"] = ev.article_metrics(examples, proba, model.thresholds, policy, carried)
    if errors_path:
        from .outputs import write_output

        rows = ev.errors(examples, proba, model.thresholds, carried)
        write_output(errors_path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), data)
    if fmt == "json":
        _echo(json.dumps(result, indent=2))
        return ExitCode.OK
    from .report.tables import evaluation_text

    _echo(evaluation_text(result, model.version))
    return ExitCode.OK


@cli.command()
@click.argument("sentence")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_model_option
def explain(sentence, fmt, model_dir) -> int:
    """Every label's score for one sentence, with the words and cues that push it up or down.

    \b
    Example:
      rhetoric explain "Insiders say the minister is quietly plotting a humiliating climbdown."
    """
    import json

    from .explain import explain as run_explain

    if not sentence.strip():
        raise UsageError("give a sentence to explain, in quotes")
    result = run_explain(sentence, _load_model(model_dir))
    if fmt == "json":
        _echo(json.dumps(result, indent=2, ensure_ascii=False))
        return ExitCode.OK
    from .report.tables import explanation_text

    _echo(explanation_text(sentence, result))
    return ExitCode.OK


@cli.command()
@click.argument("sentence", required=False)
@click.option("--set", "assignments", multiple=True, metavar="LABEL=0|1", help="A label value (repeatable).")
@click.option("--passage", "passages", multiple=True, metavar="LABEL=TEXT", help="The words that carry a label.")
@click.option("--from", "sources", multiple=True, type=click.Path(),
              help="A JSON Lines file of labels (the labels format); repeatable.")
@click.option("--corpus", "corpus_dir", default="corpora", show_default=True, type=click.Path())
@click.option("--provenance", type=click.Choice(["review", "imported"]), default="imported", show_default=True)
@click.option("--replace", is_flag=True, help="Correct a sentence that is already labeled.")
@click.option("--outlet", default=None,
              help="The outlet or section these sentences are from (e.g. the-courier); training learns its "
                   "own thresholds from them, used with `--outlet` when scoring.")
def label(sentence, assignments, passages, sources, corpus_dir, provenance, replace, outlet) -> int:
    """Add or correct labeled sentences in the corpus's user labels file (corpora/labels.jsonl).

    User labels always join the training side and weigh more than written sentences
    (correction_weight in training/config.toml). A sentence already labeled the same way is left
    unchanged; a conflicting one is refused without --replace; nothing is written unless every label
    is valid. --outlet names where the sentences come from (rows may also carry an "outlet" field).

    \b
    Examples:
      rhetoric label "Ministers slashed the budget." --set loaded_language=1 --passage loaded_language=slashed
      rhetoric label --from corrections.jsonl --provenance review
    """
    from .corpus import read_jsonl
    from .user_labels import add_labels, from_assignments

    if bool(sentence) == bool(sources):
        raise UsageError("give either a SENTENCE with --set, or --from FILE")
    if sentence:
        if not assignments:
            raise UsageError("give at least one --set LABEL=0|1")
        new = [from_assignments(sentence, list(assignments), list(passages), provenance)]
    else:
        new = [ex for path in sources for ex in read_jsonl(path)]
        for ex in new:
            if ex.provenance == "imported" and provenance == "review":
                ex.provenance = "review"
    if outlet is not None:
        from .corpus import OUTLET

        if not OUTLET.fullmatch(outlet):
            raise UsageError(f"--outlet {outlet!r}: a name like the-courier (lowercase letters, digits, _ . -)")
        for ex in new:
            ex.outlet = ex.outlet or outlet
    counts = add_labels(corpus_dir, new, replace=replace)
    _echo(f"{corpus_dir}/labels.jsonl: {counts['added']} added, {counts['replaced']} corrected, "
          f"{counts['unchanged']} unchanged")
    return ExitCode.OK


@cli.command()
@click.argument("old_model", type=click.Path())
@click.argument("new_model", type=click.Path())
@click.argument("data", required=False, type=click.Path())
@click.option("--corpus", "corpus_dir", default="corpora", show_default=True, type=click.Path(),
              help="Whose evaluation split to use when DATA is not given.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", default=50, show_default=True, help="Flipped sentences to list in the text output.")
@click.option("--held-out", "held_out", is_flag=True,
              help="Measure only DATA's rows whose article falls in the evaluation half (see train --hold-out).")
def compare(old_model, new_model, data, corpus_dir, fmt, limit, held_out) -> int:
    """What a retrain changes: metrics side by side and the sentences whose flags flip.

    \b
    Example:
      rhetoric train --out /tmp/new-model && rhetoric compare model /tmp/new-model
    """
    import json

    from .compare import compare_models
    from .corpus import in_eval_split, read_data
    from .errors import InputError
    from .store import load_model

    examples = read_data(data or corpus_dir)
    if held_out:
        if not data:
            raise UsageError("--held-out needs DATA (the corpus's own evaluation split is held out already)")
        examples = [ex for ex in examples if ex.article and in_eval_split(ex.article)]
        if not examples:
            raise InputError(f"{data}: no row has an `article` in the evaluation half to measure on")
    result = compare_models(load_model(old_model), load_model(new_model), examples)
    if fmt == "json":
        _echo(json.dumps(result, indent=2, ensure_ascii=False))
        return ExitCode.OK
    from .report.tables import comparison_text

    _echo(comparison_text(result, len(examples), limit))
    return ExitCode.OK


def _policy_option(f):
    return click.option("--policy", "policy_path", type=click.Path(), default=None,
                        help="Review policy (TOML); default: the policy shipped with rhetoric.")(f)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_policy_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(1), default=None, help="Processes (default: one per core).")
@_scheduler_option
@_model_option
def gate(paths, policy_path, fmt, jobs, scheduler, model_dir) -> int:
    """Decide which articles need a human: one verdict per article, pass or review, with reasons.

    PATHS are article files (.txt, .md, .html), directories (searched for those), or -. Exit status
    0 when every article passes, 1 when any needs review, 3/4 for input/model errors (the most
    severe wins). --format json prints one object per article per line.

    \b
    Examples:
      rhetoric gate drafts/
      rhetoric gate --policy newsroom.toml --format json story.md
      rhetoric gate --scheduler tcp://10.0.0.5:8786 --format json archive/
    """
    from .articles import collect_inputs, gate_files
    from .gate import load_policy

    policy = load_policy(policy_path)
    model = _load_model(model_dir)
    files = collect_inputs(list(paths))
    if not files:
        raise UsageError("no .txt, .md or .html articles found")
    codes: list[int] = []
    jobs = jobs or os.cpu_count() or 1
    outcomes = gate_files(files, model, policy, policy_path, jobs, scheduler, fmt)
    with progress_bar(outcomes, "Gating", length=len(files)) as results:
        for _path, (line, error, code) in results:
            codes.append(code)
            if error:
                _error(error)
                continue
            _echo(line)
    return worst(codes)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(), required=True,
              help="Where to write the calibrated model (a new model directory).")
@click.option("--rethreshold", is_flag=True,
              help="Also choose each flag threshold again at the new rates (default: flags stay as they were).")
@_model_option
def calibrate(paths, out_dir, rethreshold, model_dir) -> int:
    """Move a model to your outlet's base rates, estimated from your own unlabeled articles.

    The model's probabilities are calibrated for its training corpus, where about a fifth of
    sentences carry each label. This estimates each label's rate in PATHS (article files or
    directories, .txt/.md/.html; a few hundred articles of your own copy) by EM (Saerens et al. 2002),
    and shifts the probabilities to those rates; each threshold moves with them, so flags stay as they
    were unless --rethreshold chooses them again at the new rates. No labels are needed. Point
    `--model` or RHETORIC_MODEL at the result to use it.

    \b
    Example:
      rhetoric calibrate archive/2025/ --out models/our-outlet
    """
    from .articles import collect_inputs
    from .calibrate import calibrate as run_calibrate
    from .calibrate import estimate_rates
    from .errors import InputError
    from .sentences import split
    from .text import read_article

    model = _load_model(model_dir)
    files = collect_inputs(list(paths))
    if not files:
        raise UsageError("no .txt, .md or .html articles found")
    sentences: list[str] = []
    with progress_bar(files, "Reading") as chosen:
        for path in chosen:
            article = read_article(path)
            sentences += [u.text for u in split(article.text) if u.prose]
    if not sentences:
        raise InputError("the articles hold no sentences to estimate from")
    rates = estimate_rates(model, sentences)
    described = f"EM on {len(sentences)} sentences of {len(files)} articles"
    manifest = run_calibrate(model, rates, out_dir, described, rethreshold)
    _echo(f"wrote {out_dir} (version {manifest['version']}), {described}")
    for key in LABEL_KEYS:
        _echo(f"  {key}: base rate {manifest['priors']['training'][key]:.3f} in training, "
              f"{rates[key]:.3f} estimated here; threshold {model.thresholds[key]:.3f} -> "
              f"{manifest['thresholds'][key]:.3f}")
    return ExitCode.OK


def _emit_jsonl(rows: list[dict], out_path: str | None, what: str) -> None:
    """JSON Lines to a file (atomically, with a count on stderr) or to standard output."""
    import json

    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out_path:
        from .outputs import write_output

        write_output(out_path, text)
        _echo(f"wrote {counted(len(rows), what)} to {out_path}", err=True)
    else:
        _echo(text, nl=False)


def _db_option(f):
    return click.option("--db", "db_path", type=click.Path(), default=None, envvar="RHETORIC_DB",
                        help="Queue database (default: $XDG_DATA_HOME/rhetoric/queue.sqlite; env RHETORIC_DB).")(f)


def _open_queue(db_path):
    from .review_queue import Queue, default_db_path

    return Queue(db_path or default_db_path())


@cli.group()
def queue() -> None:
    """The editorial review queue: add scored articles, decide, export reviewers' labels.

    \b
    Example:
      rhetoric queue add drafts/*.txt && rhetoric queue list --status review
    """


@queue.command("add")
@click.argument("paths", nargs=-1, required=True)
@_policy_option
@_db_option
@_model_option
def queue_add(paths, policy_path, db_path, model_dir) -> int:
    """Score articles, apply the policy, and enqueue each with its verdict (same text: added once).

    \b
    Example:
      rhetoric queue add story.txt --db newsroom.sqlite
    """
    from .articles import collect_inputs, gate_article
    from .gate import load_policy

    policy = load_policy(policy_path)
    model = _load_model(model_dir)
    codes: list[int] = []
    with _open_queue(db_path) as q:
        for path in collect_inputs(list(paths)):
            result, text, error, code = gate_article(path, model, policy)
            if error or result is None or text is None:
                _error(error or f"{path}: not scored")
                codes.append(code)
                continue
            article_id, created = q.add(text, path, result, model.version)
            state = "added" if created else "already queued"
            _echo(f"#{article_id} {state}: {path} ({result['verdict']})")
            codes.append(ExitCode.OK)
    return worst(codes)


@queue.command("list")
@click.option("--status", type=click.Choice(["review", "passed", "approved", "rejected"]), default=None)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_db_option
def queue_list(status, fmt, db_path) -> int:
    """List queued articles, newest first.

    \b
    Example:
      rhetoric queue list --status review
    """
    import json

    with _open_queue(db_path) as q:
        rows = q.list(status)
    if fmt == "json":
        _echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return ExitCode.OK
    if rows:
        from .report.tables import queue_text

        _echo(queue_text(rows))
    return ExitCode.OK


@queue.command("show")
@click.argument("article_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@_db_option
def queue_show(article_id, fmt, db_path) -> int:
    """Show a queued article's report, verdict and decision history.

    \b
    Example:
      rhetoric queue show 12 --format html > review.html
    """
    import json

    from .report import render

    with _open_queue(db_path) as q:
        item = q.get(article_id)
    if fmt == "json":
        _echo(json.dumps(item, indent=2, ensure_ascii=False))
        return ExitCode.OK
    if fmt == "html":
        _echo(render(item["report"], "html", text=item["text"], review=item), nl=False)
        return ExitCode.OK
    from .report.tables import queued_text

    _echo(queued_text(item, render(item["report"], "text", colour=False)))
    return ExitCode.OK


@queue.command("decide")
@click.argument("article_id", type=int)
@click.option("--approve", is_flag=True, help="Approve the article.")
@click.option("--reject", is_flag=True, help="Send it back.")
@click.option("--change", is_flag=True, help="Change the decision on an article that was already decided.")
@click.option("--note", default="", help="Why.")
@click.option("--reviewer", default=None, help="Who decided (default: your user name).")
@click.option("--relabel", "relabels", multiple=True, nargs=2, metavar="INDEX LABEL=0|1",
              help="Correct one sentence's label (repeatable); =0 dismisses a wrong flag.")
@click.option("--passage", "passages", multiple=True,
              help="The words carrying a label set to 1; the n-th --passage goes with the n-th --relabel to 1.")
@_db_option
def queue_decide(article_id, approve, reject, change, note, reviewer, relabels, passages, db_path) -> int:
    """Record a reviewer's decision, with sentence-level corrections that become training labels.

    An article that was already approved or rejected keeps its decision unless --change is given.

    \b
    Example:
      rhetoric queue decide 12 --approve --relabel 4 loaded_language=0 --note "quoting the minister"
    """
    import getpass

    from .review_queue import DECISIONS

    if approve == reject:
        raise UsageError("give exactly one of --approve or --reject")
    decision = "approve" if approve else "reject"
    parsed = []
    ones = list(passages)
    for index, assignment in relabels:
        key, _, value = assignment.partition("=")
        if not index.isascii() or not index.isdigit() or value not in ("0", "1"):
            raise UsageError(f"--relabel {index} {assignment}: expected INDEX LABEL=0|1")
        passage = ones.pop(0) if value == "1" and ones else None
        parsed.append((int(index), key, int(value), passage))
    if ones:
        raise UsageError("more --passage options than --relabel LABEL=1")
    with _open_queue(db_path) as q:
        q.decide(article_id, decision, reviewer or getpass.getuser(), note, parsed, change=change)
    _echo(f"#{article_id}: {DECISIONS[decision]}" + (f" with {counted(len(parsed), 'correction')}" if parsed else ""))
    return ExitCode.OK


@queue.command("export-labels")
@click.option("--out", "out_path", type=click.Path(), default=None,
              help="Labels file to write (default: standard output).")
@click.option("--all", "everything", is_flag=True,
              help="Export every reviewed sentence, not only those decided since the last export.")
@_db_option
def queue_export(out_path, everything, db_path) -> int:
    """Write reviewers' sentence labels in the labels format (for `label --from` and `train --extra`).

    Only sentences relabeled since the last export are written (--all: every one), and the export is
    remembered once written, so each review round exports what is new. A line on stderr says what
    was exported.

    \b
    Example:
      rhetoric queue export-labels --out reviewed.jsonl && rhetoric label --from reviewed.jsonl --provenance review
    """
    with _open_queue(db_path) as q:
        rows, what = q.export_labels(since_last=not everything)
        _emit_jsonl(rows, out_path, "labeled sentence")
        since = what["since"]
        after = f" since the export of {since['exported_at']}" if since else ""
        if what["decisions"] is None:
            _echo(f"rhetoric: nothing to export{after}", err=True)
            return ExitCode.OK
        first, last = what["decisions"]
        q.record_export(last, what["count"])
    _echo(f"rhetoric: exported {what['count']} sentence(s) from decisions #{first} to #{last}{after}", err=True)
    return ExitCode.OK


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--n", "count", type=click.IntRange(1), default=50, show_default=True)
@click.option("--from-db", "use_db", is_flag=True, help="Take sentences from the review queue's articles.")
@click.option("--out", "out_path", type=click.Path(), default=None,
              help="File for the annotator (default: standard output).")
@click.option("--corpus", "corpus_dir", default="corpora", show_default=True, type=click.Path(),
              help="Sentences already labeled here (written corpus or labels.jsonl) are never suggested.")
@click.option("--label", "labels", multiple=True, type=click.Choice(LABEL_KEYS),
              help="Only the labels you will judge (repeatable; default: all three).")
@click.option("--explore", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of the sentences drawn at random instead of nearest a threshold (0: nearest only).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random share.")
@_db_option
@_model_option
def suggest(paths, count, use_db, out_path, corpus_dir, labels, explore, seed, db_path, model_dir) -> int:
    """The sentences whose labels would teach the model most, as a file to fill in for `rhetoric label`.

    Half are the sentences whose scores sit nearest a threshold (uncertainty sampling), spread over
    articles; half are drawn at random from the rest (--explore, --seed), so rare positives the model
    scores far from its threshold are seen too. Fill each label with 0 or 1, then
    `rhetoric label --from FILE`.

    \b
    Examples:
      rhetoric suggest --n 50 drafts/ --out to-label.jsonl
      rhetoric suggest --from-db --n 20
      rhetoric suggest --n 100 --label hedging --explore 0.5 archive/
    """

    from .articles import collect_inputs, score_file
    from .suggest import suggest as pick

    if not paths and not use_db:
        raise UsageError("give FILE or DIR arguments, or --from-db")
    reports = []
    codes: list[int] = []
    if paths:

        model = _load_model(model_dir)
        for path in collect_inputs(list(paths)):
            try:
                reports.append(score_file(path, model)[0])
            except RhetoricError as exc:
                _error(str(exc))
                codes.append(exc.exit_code)
    if use_db:
        with _open_queue(db_path) as q:
            reports.extend(q.get(row["id"])["report"] for row in q.list())
    if codes and not reports:
        return worst(codes)  # nothing was read: no empty suggestion file
    rows = pick(reports, count, exclude=_labeled_sentences(corpus_dir), labels=tuple(labels) or LABEL_KEYS,
                explore=explore, seed=seed)
    _emit_jsonl(rows, out_path, "sentence")
    return worst(codes)


def _labeled_sentences(corpus_dir: str) -> set[str]:
    """Normalised texts of every sentence the corpus at `corpus_dir` labels (none if there is none)."""
    from pathlib import Path

    from . import corpus as corpus_mod

    if not (Path(corpus_dir) / "written").is_dir():
        return set()
    data = corpus_mod.read_corpus(corpus_dir)
    return {corpus_mod.normalised(ex.text) for ex in data.written + data.labels}


LOOPBACK = ("127.0.0.1", "::1", "localhost")


@cli.command()
@_policy_option
@_db_option
@_model_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --users.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--users", "users_path", type=click.Path(), default=None,
              help="Reviewers and CMS clients who may sign in (see `rhetoric users`).")
@click.option("--time-limit", type=click.FloatRange(0.1, 600), default=30.0, show_default=True,
              help="Seconds a request may spend scoring before it gets 503.")
def serve(policy_path, db_path, model_dir, host, port, users_path, time_limit) -> int:
    """The review desk in the browser and the JSON API for a CMS (OpenAPI at /v1/openapi.json).

    Without --users it listens on loopback only, and everyone on this machine reviews as your user.

    \b
    Examples:
      rhetoric serve --db newsroom.sqlite
      rhetoric serve --users users.toml --host 0.0.0.0 --port 8080
    """
    from pathlib import Path

    if users_path is None and host not in LOOPBACK:
        raise UsageError(f"--host {host} would let anyone on the network review: give --users FILE, or use "
                         "the default 127.0.0.1")
    from .review_queue import default_db_path
    from .serve import Settings, create_app

    settings = Settings(db=Path(db_path) if db_path else default_db_path(),
                        model_dir=Path(model_dir) if model_dir else None, outlet=_OUTLET.get(),
                        policy=Path(policy_path) if policy_path else None,
                        users=Path(users_path) if users_path else None, time_limit=time_limit)
    app = create_app(settings)
    with _open_queue(settings.db):
        pass  # created (or migrated) before the first request
    import uvicorn

    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    _echo(f"rhetoric: serving the review desk at {where}/queue and the API at {where}/v1 "
          + (f"(accounts from {users_path})" if users_path else "(no --users: loopback only, no sign-in)"),
          err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return ExitCode.OK


@cli.group()
def users() -> None:
    """Reviewers and CMS clients of `rhetoric serve` (a TOML file of hashes).

    \b
    Example:
      rhetoric users add-reviewer users.toml alice
    """


@users.command("add-reviewer")
@click.argument("path", type=click.Path())
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
def users_add_reviewer(path, name, password_stdin) -> int:
    """Add a reviewer (or set a new password); the file keeps only an argon2id hash.

    \b
    Example:
      rhetoric users add-reviewer users.toml alice
    """
    from .serve.auth import add_reviewer

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    add_reviewer(path, name, password)
    _echo(f"{path}: reviewer {name} can sign in")
    return ExitCode.OK


@users.command("add-client")
@click.argument("path", type=click.Path())
@click.argument("name")
def users_add_client(path, name) -> int:
    """Add a CMS client and print its bearer token, once (the file keeps only its sha256).

    \b
    Example:
      rhetoric users add-client users.toml cms
    """
    from .serve.auth import add_client

    token = add_client(path, name)
    _echo(token)
    _echo(f"{path}: client {name} added; send 'Authorization: Bearer <the token above>'", err=True)
    return ExitCode.OK


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """Characters the output encoding lacks become JSON escapes (UTF-16, as JSON spells them): valid
    inside every JSON string rhetoric prints, and readable in text."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped: list[str] = []
    for char in error.object[error.start : error.end]:
        data = char.encode("utf-16-be", "surrogatepass")
        escaped.extend(f"\\u{int.from_bytes(data[i:i + 2], 'big'):04x}" for i in range(0, len(data), 2))
    return "".join(escaped), error.end


def _tolerant_streams() -> None:
    """Writing a report never fails on the terminal's encoding (PYTHONIOENCODING=latin-1 and an emoji)."""
    import codecs

    codecs.register_error("rhetoric-escape", _json_escape)
    for stream, errors in ((sys.stdout, "rhetoric-escape"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors=errors)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    _tolerant_streams()
    cli.main(args=argv, prog_name="rhetoric")
