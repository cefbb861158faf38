"""The pure part of `make loadtest`: reading Locust's numbers, the table, the verdict against the bar, the step-up's
stop rule and the CPU shares. No Locust and no Django here (tests/test_loadtest.py runs it in the main suite)."""
import csv
import re
from dataclasses import dataclass

# The bar of issue 15: no errors at all, and 95 % of all requests answered within half a second.
BAR_P95_MS = 500
# The step-up stops at the first stage whose p95 passes this, or that has any error.
STEP_LIMIT_P95_MS = 1000


@dataclass(frozen=True)
class Row:
    name: str  # the request type, e.g. "committee: register"
    count: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float = 0.0


def _number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):  # Locust writes "N/A" for a type without requests
        return 0.0


def rows_from_csv(path) -> tuple[list[Row], Row]:
    """Locust's <prefix>_stats.csv: (one row per request type, the "Aggregated" line)."""
    rows, total = [], None
    with open(path, newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            row = Row(name=record["Name"], count=int(record["Request Count"]), failures=int(record["Failure Count"]),
                      p50=_number(record["50%"]), p95=_number(record["95%"]), p99=_number(record["99%"]),
                      rps=_number(record["Requests/s"]))
            if record["Name"] == "Aggregated":
                total = row
            else:
                rows.append(row)
    if total is None:
        raise ValueError(f"{path}: no Aggregated line (did Locust run?)")
    return rows, total


def table(rows: list[Row], total: Row) -> str:
    """The results table: one line per request type (sorted by name, so a role's types sit together), then the total."""
    width = max([len(r.name) for r in rows] + [len("total")])
    head = f"{'request type':<{width}}  {'count':>7}  {'fails':>5}  {'p50 ms':>7}  {'p95 ms':>7}  {'p99 ms':>7}"
    lines = [head, "-" * len(head)]
    for r in sorted(rows, key=lambda r: r.name) + [None, total]:
        if r is None:
            lines.append("-" * len(head))
            continue
        name = "total" if r is total else r.name
        flag = "  > 500 ms" if r is not total and r.p95 >= BAR_P95_MS else ""
        lines.append(f"{name:<{width}}  {r.count:>7}  {r.failures:>5}  {r.p50:>7.0f}  {r.p95:>7.0f}  {r.p99:>7.0f}{flag}")
    return "\n".join(lines)


def verdict(rows: list[Row], total: Row) -> tuple[bool, str]:
    """(passed, the sentence): 0 errors and p95 < 500 ms over all requests; the types over 500 ms on their own are
    named either way (a slow page can hide in a fast mix)."""
    passed = total.failures == 0 and total.p95 < BAR_P95_MS and total.count > 0
    slow = sorted((r for r in rows if r.p95 >= BAR_P95_MS), key=lambda r: -r.p95)
    words = [f"{'PASS' if passed else 'FAIL'}: {total.count} requests, {total.failures} errors, "
             f"p95 {total.p95:.0f} ms overall (bar: 0 errors and p95 < {BAR_P95_MS} ms)."]
    if total.count == 0:
        words.append("No request was made.")
    if slow:
        words.append("Over 500 ms on their own (p95): " + ", ".join(f"{r.name} {r.p95:.0f} ms" for r in slow) + ".")
    else:
        words.append("No request type has a p95 of 500 ms or more on its own.")
    return passed, " ".join(words)


def stage_breaks(*, p95_ms: float, failures: int) -> bool:
    """The step-up's stop rule: this stage is where it breaks (p95 past 1 s, or any error)."""
    return failures > 0 or p95_ms > STEP_LIMIT_P95_MS


def stage_line(*, users: int, rps: float, p95_ms: float, requests: int, failures: int, cpu: dict[str, float]) -> str:
    """One line per step-up stage; cpu is each process group's share of the machine's CPUs in %."""
    shares = " ".join(f"{name} {share:.0f}%" for name, share in cpu.items())
    return (f"{users:>4} users  {rps:>6.1f} req/s  p95 {p95_ms:>6.0f} ms  {failures:>4} errors / {requests:<6}"
            f"  CPU: {shares}")


def cpu_shares(before: dict[str, int], after: dict[str, int], *, seconds: float, ticks_per_second: int,
               cpus: int) -> dict[str, float]:
    """Each group's CPU between two samples of its cumulative ticks (utime + stime), in % of all the machine's
    CPUs (100 % = every CPU busy for the whole time)."""
    if seconds <= 0:
        return {name: 0.0 for name in after}
    return {name: 100.0 * max(0, after[name] - before.get(name, 0)) / ticks_per_second / seconds / cpus
            for name in after}


ACCESS_MS = re.compile(r" (\d+)ms request_id=")
# A web worker busy this share of a stage has no room left: the requests that arrive queue for it.
WORKERS_FULL = 85.0


def web_busy(access_lines: list[str], *, workers: int, seconds: float) -> float | None:
    """How busy gunicorn's workers were, in % of their time: the time spent on requests (gunicorn.conf.py writes it
    on each access line, in ms) over workers × seconds. A sync worker serves one request at a time, so at 100 %
    every request that arrives waits for a free worker even when the CPUs have room. None without figures."""
    spent = [int(m.group(1)) for line in access_lines if (m := ACCESS_MS.search(line))]
    if not spent or workers <= 0 or seconds <= 0:
        return None
    return min(100.0, 100.0 * sum(spent) / 1000 / (workers * seconds))


def saturated(cpu: dict[str, float], *, cpus: int, idle_name: str = "idle", web: float | None = None,
              workers: int = 0) -> str:
    """The sentence naming what was at its limit: the CPUs when they were full, else gunicorn's workers when they
    were busy nearly all the time (requests queue for a free one), else nothing, with each group's CPU share."""
    groups = {name: share for name, share in cpu.items() if name != idle_name}
    if not groups:
        return "no CPU figures"
    busiest = max(groups, key=groups.get)
    busy = sum(groups.values())
    ordered = sorted(groups.items(), key=lambda kv: -kv[1])
    shares = "(" + ", ".join(f"{name} {share:.0f}%" for name, share in ordered) + ")"
    workers_text = f"gunicorn's {workers} workers were busy {web:.0f}% of the time" if web is not None else ""
    if busy >= 90:
        head = f"the CPUs were full ({busiest} used the most: {groups[busiest]:.0f}% of {cpus} CPUs)"
        return head + (f"; {workers_text}" if workers_text else "") + " " + shares
    if web is not None and web >= WORKERS_FULL:
        return (f"{workers_text}: requests waited for a free worker while the CPUs were only {busy:.0f}% busy "
                f"(more workers or threads would use the room) {shares}")
    return (f"nothing was at its limit: the CPUs were {busy:.0f}% busy (not full)"
            + (f", {workers_text}" if workers_text else "") + f"; {busiest} used the most CPU {shares}")


def short_query(query: str, width: int = 220) -> str:
    """A query as pg_stat_statements keeps it, without its column list (Django names every column; the tables,
    the WHERE and the ORDER BY tell the queries apart), cut to `width`."""
    query = re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1… FROM ", query, count=1)
    return query if len(query) <= width else query[:width - 1] + "…"
