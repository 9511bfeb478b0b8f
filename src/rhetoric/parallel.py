"""Scoring spread over this machine's cores, or over a Dask cluster, with results in input order.

The same task functions run either way. On this machine (`--jobs N`) they run in forked worker
processes that inherit the model and policy the command has loaded (`share`), so a worker costs no
start-up, imports or model load; where processes cannot fork, joblib's `loky` backend starts workers
that load them once. With `--scheduler tcp://HOST:PORT` they run through joblib's `dask` backend
(`pip install "rhetoric[cluster]"` on this machine and on every worker; the model directory must be
readable at the same path on each worker), where each worker loads the model and the policy once.
Tasks hold the same batches a single process would score, so the output is byte for byte the same as
one process's.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from .errors import UsageError

_loaded: dict[tuple, Any] = {}


def share(model, policy=None, policy_path: str | None = None) -> None:
    """Hand this process's loaded model (and policy) to the workers it starts: where processes fork,
    they inherit them instead of loading their own. Workers score many articles, so numpy and the
    weights' arrays are made here, once, rather than in each worker after its plain-Python budget."""
    model.scorer.ready_for_batches()
    _loaded[("model", str(model.directory), model.outlet)] = model
    if policy is not None:
        _loaded[("policy", policy_path)] = policy


def _model(model_dir: str, outlet: str | None):
    key = ("model", model_dir, outlet)
    if key not in _loaded:
        from .store import load_model

        _loaded[key] = load_model(model_dir, outlet)
    return _loaded[key]


def _policy(policy_path: str | None):
    key = ("policy", policy_path)
    if key not in _loaded:
        from .gate import load_policy

        _loaded[key] = load_policy(policy_path)
    return _loaded[key]


def score_batch(articles: list[tuple[str, str]], model_dir: str, outlet: str | None) -> list[str]:
    """One batch of (id, text) articles as JSON report lines."""
    from .batch import report_lines

    return report_lines(articles, _model(model_dir, outlet))


def gate_batch(paths: list[str], model_dir: str, outlet: str | None, policy_path: str | None,
               fmt: str | None = None) -> list[tuple]:
    """(gate result, error, exit code) for each article file of a batch; with `fmt`, the result rendered
    (`articles.gate_outcome`)."""
    from .articles import gate_outcome

    model, policy = _model(model_dir, outlet), _policy(policy_path)
    return [gate_outcome(path, model, policy, fmt) for path in paths]


def _star(task, batch: tuple) -> Any:
    return task(*batch)


def _reachable(scheduler: str) -> None:
    """Fail at once on a wrong address or a closed port (Dask itself retries until its timeout)."""
    import socket
    from urllib.parse import urlsplit

    scheme: str | None = None
    host: str | None = None
    port: int | None = None
    try:
        parts = urlsplit(scheduler)
        scheme, host, port = parts.scheme, parts.hostname, parts.port
    except ValueError:  # a port that is not a number, or out of range
        pass
    if scheme != "tcp" or not host or not port:
        raise UsageError(f"--scheduler {scheduler}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as exc:
        raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc.strerror or exc})") from None


def ordered(task, batches: Iterable[tuple], jobs: int, scheduler: str | None = None) -> Iterator[Any]:
    """`task(*batch)` for every batch, yielded in input order: on `jobs` local processes, or on the
    Dask cluster at `scheduler`."""
    if scheduler is None and "fork" in multiprocessing.get_all_start_methods():
        import gc

        gc.freeze()  # the workers' collector then leaves inherited objects alone and their pages shared
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                yield from pool.imap(partial(_star, task), batches, chunksize=4)
        finally:
            gc.unfreeze()
        return
    from joblib import Parallel, delayed, parallel_config  # only where workers do not fork: 0.05-0.1 s

    calls = (delayed(task)(*batch) for batch in batches)
    if scheduler is None:
        yield from Parallel(n_jobs=jobs, backend="loky", return_as="generator")(calls)
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError('--scheduler needs Dask: pip install "rhetoric[cluster]"') from None
    _reachable(scheduler)
    try:
        client = Client(scheduler, timeout=30)
    except OSError as exc:
        raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    with client, parallel_config(backend="dask"):
        yield from Parallel(n_jobs=-1, return_as="generator")(calls)
