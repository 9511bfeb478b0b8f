"""Load benchmark for `rhetoric serve` (issue 14): requests/s and latency of POST /v1/score, as a Markdown table.

Data: the example article seeds/000_9d25f3013ebffe61.txt, sent as {"text": ..., "format": "text", "source": "bench"}
in two variants: the same article every time, and a distinct article per request (the article plus "Request N was
logged.") so no cache can flatter the figure.
Command: `.venv/bin/python bench/serve.py [--seconds 10] [--clients 20] [--exe .venv/bin/rhetoric]`.
It starts `rhetoric serve --db TMP --host 127.0.0.1 --port FREE` as a subprocess (once more with `--workers 2` when
`rhetoric serve --help` offers it), waits for GET /v1/health to answer 200, and drives it from this process: httpx
AsyncClient, N concurrent clients in one asyncio loop, 2 s warm-up, then a fixed window. Measured per endpoint:
requests/s, p50/p95/p99 latency, errors (non-200, wrong body, exceptions), and CPU used by the server and by the
load generator (percent of one core; both share the machine's cores).
Peer, in the same run: GET /v1/health on the same server with the same client: the framework's floor (no scoring).
Target: at least 100 requests/s and p99 at most 100 ms at 20 clients on 2 cores.
Exit status 0, or 2 when the server does not start.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "000_9d25f3013ebffe61.txt"
TARGET_RPS, TARGET_P99_MS = 100.0, 100.0
TICK = os.sysconf("SC_CLK_TCK")


def machine() -> str:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return f"{os.cpu_count()} cores, {ram:.1f} GiB RAM, load {load}; Python {sys.version.split()[0]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by pid and its live descendants (uvicorn's workers)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0.0))[1]
        todo += [c for c, (parent, _) in stats.items() if parent == p]
    return total


class Server:
    def __init__(self, exe: str, workers: int | None, folder: str):
        self.port = free_port()
        self.argv = [exe, "serve", "--db", os.path.join(folder, f"bench-{workers or 1}.db"),
                     "--host", "127.0.0.1", "--port", str(self.port)] + (["--workers", str(workers)] if workers else [])
        self.log = open(os.path.join(folder, f"serve-{workers or 1}.log"), "w+b")
        self.proc = subprocess.Popen(self.argv, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 30.0) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with status {self.proc.returncode}: {self.tail()}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=1.0).status_code == 200:
                    return time.perf_counter() - start
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"/v1/health did not answer 200 within {timeout:.0f} s: {self.tail()}")

    def tail(self) -> str:
        self.log.flush()
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "(no output)"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session this script started
                self.proc.wait()
        self.log.close()


async def load(url: str, kind: str, article: str, clients: int, warmup: float, seconds: float,
               rate: float | None = None) -> dict:
    """Drive one endpoint with `clients` concurrent loops; keep requests that start and end in the window.

    With `rate`, request n is due at start + n / rate (open loop, at most `clients` in flight) and its latency
    counts from when it was due, so a slow server cannot hide its backlog (no coordinated omission)."""
    counter = iter(range(10 ** 9))
    slots = iter(range(10 ** 9))
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0) as client:
        start = time.perf_counter()
        t0, t1 = start + warmup, start + warmup + seconds
        cpu = {}

        async def worker() -> None:
            while (began := time.perf_counter()) < t1:
                if rate:
                    due = start + next(slots) / rate
                    if due >= t1:
                        break
                    await asyncio.sleep(max(0.0, due - began))
                    began = due
                if "t0" not in cpu and began >= t0:
                    cpu["t0"] = time.process_time()
                try:
                    if kind == "health":
                        r = await client.get("/v1/health")
                        ok = r.status_code == 200
                    else:
                        text = article if kind == "same" else f"{article}\nRequest {next(counter)} was logged."
                        r = await client.post("/v1/score", json={"text": text, "format": "text", "source": "bench"})
                        ok = r.status_code == 200 and b'"rhetoric.report/1"' in r.content
                    problem = None if ok else f"HTTP {r.status_code}: {r.text[:120]!r}"
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__}: {exc}"[:160]
                ended = time.perf_counter()
                if began >= t0 and (rate or ended <= t1):
                    if problem is None:
                        latencies.append(ended - began)
                    else:
                        errors.append(problem)

        await asyncio.gather(*(worker() for _ in range(clients)))
    return {"latencies": latencies, "errors": errors, "client_cpu": time.process_time() - cpu.get("t0", 0.0)}


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q / 100 * len(sorted_values)))] * 1000


def measure(server: Server, kind: str, article: str, args, rate: float | None = None) -> dict:
    before = tree_cpu(server.proc.pid)
    start = time.perf_counter()
    result = asyncio.run(load(server.url, kind, article, args.clients, args.warmup, args.seconds, rate))
    server_cpu = tree_cpu(server.proc.pid) - before
    lat = sorted(result["latencies"])
    whole = time.perf_counter() - start  # warm-up + window: the server's CPU is read over both
    return {"rps": len(lat) / args.seconds, "p50": percentile(lat, 50), "p95": percentile(lat, 95),
            "p99": percentile(lat, 99), "errors": result["errors"], "server_cpu": 100 * server_cpu / whole,
            "client_cpu": 100 * result["client_cpu"] / args.seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured window per row (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up before each window (default 2)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--exe", default=str(ROOT / ".venv" / "bin" / "rhetoric"), help="the rhetoric executable")
    args = parser.parse_args()
    article = ARTICLE.read_text(encoding="utf-8")
    help_text = subprocess.run([args.exe, "serve", "--help"], capture_output=True, text=True).stdout
    configs: list[int | None] = [None, 2] if "--workers" in help_text else [None]
    print(f"# rhetoric serve load benchmark, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(f"machine: {machine()}")
    print(f"command: {' '.join([Path(sys.executable).name, 'bench/serve.py'] + sys.argv[1:])}")
    print(f"load generator: httpx {version('httpx')}, asyncio, 1 process, {args.clients} clients "
          f"(same machine as the server); {args.warmup:g} s warm-up, {args.seconds:g} s measured per row")
    print(f"data: {ARTICLE.relative_to(ROOT)} ({len(article):,} characters); distinct = the article plus "
          f"\"Request N was logged.\"")
    if len(configs) == 1:
        print("`rhetoric serve --help` offers no --workers option: one configuration only")
    rows, notes, verdicts = [], [], []
    rows.append("| server | endpoint | req/s | vs peer | p50 ms | p95 ms | p99 ms | errors | server CPU | client CPU |")
    rows.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="rhetoric-bench-serve-") as folder:
        for workers in configs:
            server = Server(args.exe, workers, folder)
            name = f"--workers {workers}" if workers else "default"
            try:
                ready = server.wait_ready()
            except RuntimeError as exc:
                server.stop()
                print(f"bench/serve: `{' '.join(server.argv)}` did not start: {exc}", file=sys.stderr)
                return 2
            notes.append(f"{name}: ready (health 200) {ready:.1f} s after start")
            try:
                peer, got = None, {}
                for kind, rate, label in (("health", None, "GET /v1/health (peer)"),
                                          ("same", None, "POST /v1/score, same article"),
                                          ("distinct", None, "POST /v1/score, distinct articles"),
                                          ("distinct", TARGET_RPS, f"POST /v1/score, distinct, {TARGET_RPS:.0f}/s")):
                    m = got[kind, rate] = measure(server, kind, article, args, rate)
                    peer = peer or m["rps"]
                    ratio = f"{m['rps'] / peer:.0%}" if peer and not rate else "-"
                    rows.append(f"| {name} | {label} | {m['rps']:.0f} | {ratio} | {m['p50']:.1f} | {m['p95']:.1f} "
                                f"| {m['p99']:.1f} | {len(m['errors'])} | {m['server_cpu']:.0f}% "
                                f"| {m['client_cpu']:.0f}% |")
                    if m["errors"]:
                        notes.append(f"{name} {label}: {len(m['errors'])} errors, first: {m['errors'][0]}")
                flat, paced = got["distinct", None], got["distinct", TARGET_RPS]
                errors = sum(len(m["errors"]) for m in got.values())
                met = flat["rps"] >= TARGET_RPS and paced["p99"] <= TARGET_P99_MS and not errors
                strict = flat["p99"] <= TARGET_P99_MS
                verdicts.append(f"{name}: {'MET' if met else 'NOT MET'}: distinct articles flat out {flat['rps']:.0f} "
                                f"req/s, p99 {paced['p99']:.0f} ms at {TARGET_RPS:.0f} req/s offered, {errors} errors "
                                f"(flat-out p99 {flat['p99']:.0f} ms: the stricter reading is "
                                f"{'met' if strict else 'not met'})")
            finally:
                server.stop()
    print("\n" + "\n".join(rows) + "\n")
    print("CPU: percent of one core over the row (server: the serve process and its workers; client: this process).")
    for note in notes:
        print(f"- {note}")
    print(f"- flat out, {args.clients} clients in a closed loop wait {args.clients}/throughput on average, so flat-out "
          f"p99 <= {TARGET_P99_MS:.0f} ms needs well over {1000 * args.clients / TARGET_P99_MS:.0f} req/s; the paced "
          f"row offers {TARGET_RPS:.0f} req/s open loop (latency from when each request was due)")
    print(f"\nverdict (target: >= {TARGET_RPS:.0f} req/s, p99 <= {TARGET_P99_MS:.0f} ms at {args.clients} clients):")
    for verdict in verdicts:
        print(f"- {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
