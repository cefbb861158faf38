"""`make loadtest` (through scripts/loadtest.sh, which makes sure the stack runs): stage 1, then the step-up.

    python loadtest/run.py [--host URL] [--users 50] [--seconds 120] [--no-step-up] [--cap 400]

Stage 1: Locust headless, 50 users all up within ~10 s, for 2 minutes; the table per request type (count, failures,
p50/p95/p99), the verdict against the bar (0 errors, p95 < 500 ms), the CPU of each process group and the five
slowest queries. Step-up: 75 users, +25 each 60 s stage (loadtest/stepup.py) until p95 passes 1 s or errors appear
(or the cap); one line per stage, then where and why it broke: the request types that were slow, the top 5
queries by total time during that stage (pg_stat_statements) and the CPU of each group (from /proc).

Against the local stack (.prod-local, PMQA_PROD_* variables as prod_local.sh) it reads the stack's env file for the
database and samples its processes; against another host (--host) it runs the same users and prints the tables,
without the queries and the CPU (it needs LOADTEST_ROUND and LOADTEST_SURVEY_KEY then, see loadtest/fixture.py).
Locust's CSV files and the stage lines are kept in <stack folder>/loadtest/ (git-ignored).
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
CPUS = len(os.sched_getaffinity(0))
TOP_QUERIES = """
    SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 1) AS mean_ms,
           regexp_replace(query, '\\s+', ' ', 'g') AS query
    FROM pg_stat_statements JOIN pg_database d ON d.oid = dbid
    WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'
    ORDER BY total_exec_time DESC LIMIT 5"""


def read_env(path: Path) -> dict[str, str]:
    env = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            env[name] = value
    return env


# --- CPU of each process group, from /proc -------------------------------------------------------------------
def _stat(pid: str) -> tuple[int, int] | None:
    """(parent pid, ticks used by the process and its reaped children)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15])  # utime stime cutime cstime


def _pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Sampler:
    """Cumulative CPU ticks of each group: a root pid and everything under it."""

    def __init__(self, roots: dict[str, list[int]]):
        self.roots = roots

    def sample(self) -> tuple[float, dict[str, int]]:
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (s := _stat(entry)):
                stats[int(entry)] = s
        children: dict[int, list[int]] = {}
        for pid, (ppid, _ticks) in stats.items():
            children.setdefault(ppid, []).append(pid)
        ticks = {}
        for name, roots in self.roots.items():
            seen, todo = set(), [r for r in roots if r in stats]
            while todo:
                pid = todo.pop()
                if pid not in seen:
                    seen.add(pid)
                    todo.extend(children.get(pid, []))
            ticks[name] = sum(stats[pid][1] for pid in seen)
        cpu = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        total, idle = sum(int(x) for x in cpu[:8]), int(cpu[3]) + int(cpu[4])
        ticks["other (not this stack)"] = max(0, total - idle - sum(ticks.values()))
        ticks["idle"] = idle
        return time.monotonic(), ticks


def shares(a, b) -> dict[str, float]:
    (t0, before), (t1, after) = a, b
    return report.cpu_shares(before, after, seconds=t1 - t0, ticks_per_second=CLK_TCK, cpus=CPUS)


# --- pg_stat_statements -----------------------------------------------------------------------------------------
class Queries:
    def __init__(self, url: str | None):
        self.conn, self.problem = None, "no database (another host)"
        if not url:
            return
        import psycopg

        try:
            self.conn = psycopg.connect(url, autocommit=True)
            self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            self.reset()
            self.problem = ""
        except psycopg.Error as exc:
            self.conn, self.problem = None, f"pg_stat_statements unavailable ({str(exc).strip()}); " \
                "restart the stack with scripts/prod_local.sh stop/start to load it"

    def reset(self):
        if self.conn:
            self.conn.execute("SELECT pg_stat_statements_reset()")

    def top(self) -> str:
        if not self.conn:
            return f"  (slowest queries: {self.problem})"
        lines = [f"  {'total ms':>9} {'mean ms':>8} {'calls':>7}  query"]
        for calls, total_ms, mean_ms, query in self.conn.execute(TOP_QUERIES):
            lines.append(f"  {total_ms:>9} {mean_ms:>8} {calls:>7}  {report.short_query(query)}")
        return "\n".join(lines)


# --- gunicorn's access log: how busy its workers were --------------------------------------------------------
class AccessLog:
    """The lines gunicorn appended to the stack's web.log since `mark()` (each carries its request's time in ms)."""

    def __init__(self, path: Path | None, workers: int):
        self.path, self.workers, self.offset, self.at = path, workers, 0, time.monotonic()

    def mark(self) -> None:
        self.at = time.monotonic()
        self.offset = self.path.stat().st_size if self.path and self.path.exists() else 0

    def busy(self) -> float | None:
        """% of the workers' time spent on requests since the mark, and a new mark."""
        if not self.path or not self.path.exists():
            return None
        with self.path.open("rb") as log:
            log.seek(self.offset)
            lines = log.read().decode("utf-8", "replace").splitlines()
        seconds = time.monotonic() - self.at
        self.mark()
        return report.web_busy(lines, workers=self.workers, seconds=seconds)


# --- running Locust ---------------------------------------------------------------------------------------------
def locust(args, files: str, csv_prefix: Path, extra: list[str], env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "locust", "-f", files, "--headless", "--host", args.host, "--csv",
               str(csv_prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING", *extra]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(f"{csv_prefix}.log", "w"))


def stage_one(args, out: Path, env: dict, sampler: Sampler | None, queries: Queries, access: AccessLog) -> bool:
    spawn = max(1, args.users // 10)  # all up within the first ~10 s
    print(f"\n== Stage 1: {args.users} users for {args.seconds} s (spawn {spawn}/s) against {args.host}", flush=True)
    queries.reset()
    access.mark()
    process = locust(args, "loadtest/locustfile.py", out / "stage1",
                     ["-u", str(args.users), "-r", str(spawn), "-t", f"{args.seconds}s"], env)
    first = last = None
    if sampler:
        sampler.roots["locust"] = [process.pid]
        first = last = sampler.sample()
    while process.poll() is None:
        time.sleep(1)
        if sampler:  # the last sample while Locust still runs: once it exits, its CPU time leaves /proc with it
            now = sampler.sample()
            if process.poll() is None:
                last = now
    cpu = shares(first, last) if sampler else {}
    web = access.busy()
    rows, total = report.rows_from_csv(out / "stage1_stats.csv")
    print(report.table(rows, total))
    passed, sentence = report.verdict(rows, total)
    print("\n" + sentence)
    if cpu:
        print("CPU during stage 1: " + report.saturated(cpu, cpus=CPUS, web=web, workers=access.workers))
    print("Slowest queries during stage 1 (pg_stat_statements, by total time):")
    print(queries.top())
    failures = out / "stage1_failures.csv"
    if total.failures and failures.exists():
        print("Failures (Locust's stage1_failures.csv):")
        print("  " + "\n  ".join(failures.read_text().splitlines()[1:11]))
    return passed


def step_up(args, out: Path, env: dict, sampler: Sampler | None, queries: Queries, access: AccessLog) -> None:
    stage_file = out / "stages.jsonl"
    stage_file.unlink(missing_ok=True)
    env = {**env, "LOADTEST_STAGE_FILE": str(stage_file), "LOADTEST_STEP_CAP": str(args.cap),
           "LOADTEST_STEP": str(args.step), "LOADTEST_STEP_START": str(args.users + args.step),
           "LOADTEST_STAGE_SECONDS": str(args.stage_seconds)}
    print(f"\n== Step-up: {args.users + args.step} users, +{args.step} each {args.stage_seconds} s stage, until p95 > "
          f"{report.STEP_LIMIT_P95_MS} ms or an error (at most {args.cap} users)", flush=True)
    queries.reset()
    access.mark()
    process = locust(args, "loadtest/locustfile.py,loadtest/stepup.py", out / "stepup", [], env)
    if sampler:
        sampler.roots["locust"] = [process.pid]
        mark = sampler.sample()
    seen, last, last_cpu, last_top, alive, last_web = 0, None, {}, "", None, None
    while True:
        if sampler:  # as in stage 1: a stage ends with the last sample taken while Locust ran
            now = sampler.sample()
        done = process.poll() is not None
        if sampler and not done:
            alive = now
        lines = stage_file.read_text().splitlines() if stage_file.exists() else []
        for raw in lines[seen:]:
            last = json.loads(raw)
            if sampler and alive:
                last_cpu, mark = shares(mark, alive), alive
            last_top = queries.top()
            queries.reset()
            last_web = access.busy()
            print(report.stage_line(users=last["users"], rps=last["rps"], p95_ms=last["p95"],
                                    requests=last["requests"], failures=last["failures"], cpu=last_cpu)
                  + (f"  web workers busy {last_web:.0f}%" if last_web is not None else ""), flush=True)
        seen = len(lines)
        if done:
            break
        time.sleep(1)
    if last is None:
        print(f"The step-up recorded no stage: see {out / 'stepup.log'}")
        return
    broke = report.stage_breaks(p95_ms=last["p95"], failures=last["failures"])
    print(f"\n{'It breaks' if broke else 'It held up to the cap'} at {last['users']} users: p95 {last['p95']} ms, "
          f"{last['failures']} errors of {last['requests']} requests, {last['rps']} req/s.")
    slow = sorted(last["types"].items(), key=lambda kv: -kv[1]["p95"])[:5]
    print("Slowest request types at that stage (p95): "
          + ", ".join(f"{name} {figures['p95']} ms" for name, figures in slow))
    if last["errors"]:
        print("Errors: " + "; ".join(last["errors"]))
    if last_cpu:
        print("Saturated resource: " + report.saturated(last_cpu, cpus=CPUS, web=last_web, workers=access.workers))
    print("Slowest queries at that stage (pg_stat_statements, by total time):")
    print(last_top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    prod_dir = Path(os.environ.get("PMQA_PROD_DIR") or REPO / ".prod-local")
    port = os.environ.get("PMQA_PROD_WEB_PORT", "8100")
    parser.add_argument("--host", default=f"http://127.0.0.1:{port}")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--step", type=int, default=25)
    parser.add_argument("--stage-seconds", type=int, default=60)
    parser.add_argument("--cap", type=int, default=400)
    parser.add_argument("--no-step-up", action="store_true")
    args = parser.parse_args(argv)

    out = prod_dir / "loadtest"
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{REPO}"}
    local = args.host.rstrip("/") == f"http://127.0.0.1:{port}" and (prod_dir / "env").exists()
    sampler, queries = None, Queries(None)
    # gunicorn's workers: prod_local.sh's PMQA_PROD_WEB_WORKERS (3, as docker-compose.yml)
    access = AccessLog(None, int(os.environ.get("PMQA_PROD_WEB_WORKERS", "3")))
    if local:
        stack = read_env(prod_dir / "env")
        pg_port = os.environ.get("PMQA_PROD_PG_PORT", "5441")
        redis_port = os.environ.get("PMQA_PROD_REDIS_PORT", "6391")
        services = prod_dir / "services"
        cluster = services / f"postgres-{pg_port}.location"
        postmaster = _pid_in(Path(cluster.read_text().strip()) / "data" / "postmaster.pid") if cluster.exists() else None
        run = prod_dir / "run"
        sampler = Sampler({
            "gunicorn": [p for p in [_pid_in(run / "web.pid")] if p],
            "celery": [p for p in (_pid_in(f) for f in sorted(run.glob("worker*.pid")) + [run / "beat.pid"]) if p],
            "postgres": [postmaster] if postmaster else [],
            "redis": [p for p in [_pid_in(services / f"redis-{redis_port}" / "redis.pid")] if p],
        })
        queries = Queries(stack["DATABASE_URL"])
        access.path = prod_dir / "log" / "web.log"
    if not env.get("LOADTEST_ROUND"):
        print("LOADTEST_ROUND is not set: district staff and citizens skip the survey (see loadtest/fixture.py)")
    print(f"Load test of {args.host}; {CPUS} CPUs here, shared by the stack, Locust"
          + (" and whatever else runs" if local else "") + f"; Locust's CSV files in {out}")
    passed = stage_one(args, out, env, sampler, queries, access)
    if not args.no_step_up:
        step_up(args, out, env, sampler, queries, access)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
