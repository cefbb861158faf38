"""make drills: faults injected into the local production stack (make prod-local), each drill printing what it did
and whether the stack held.

    .venv/bin/python scripts/drills/run.py [DRILL ...]      (no names: all of them, in the order below)

Each drill module has `NAME` (a short English name used on the command line), `TITLE` (what it proves, one line)
and `drill(stack) -> Result`. A drill leaves the stack as it found it (every service running, healthy).
"""
from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import Result, Stack  # noqa: E402

# In the order they run: the quick, local faults first, the long ones under load after.
MODULES: list[str] = ["full_disk", "postgres_restart", "redis_down", "worker_killed", "beat_twice"]


def main(argv: list[str]) -> int:
    drills = [importlib.import_module(name) for name in MODULES]
    wanted = set(argv)
    unknown = wanted - {d.NAME for d in drills}
    if unknown:
        print(f"unknown drill(s): {', '.join(sorted(unknown))}; known: {', '.join(d.NAME for d in drills)}")
        return 2
    stack = Stack()
    if not stack.wait_healthy(30):
        print(f"{stack.url}/health/ is not 200: start the stack with `make prod-local` first")
        return 2
    results: list[tuple[Result, float]] = []
    for module in drills:
        if wanted and module.NAME not in wanted:
            continue
        print(f"\n=== drill: {module.NAME} — {module.TITLE}", flush=True)
        start = time.monotonic()
        try:
            result = module.drill(stack)
        except Exception as exc:  # noqa: BLE001 - a drill that crashes did not hold; the others still run
            result = Result(module.NAME, False, [f"the drill itself failed: {type(exc).__name__}: {exc}"])
        elapsed = time.monotonic() - start
        for line in result.lines:
            print(f"    {line}")
        print(f"    -> {'HELD' if result.held else 'DID NOT HOLD'} ({elapsed:.0f} s)", flush=True)
        results.append((result, elapsed))
        if not stack.wait_healthy(120):
            print("    the stack is not healthy after this drill; stopping here")
            break
    print("\n| drill | held | time |\n|---|---|---|")
    for result, elapsed in results:
        print(f"| {result.name} | {'yes' if result.held else 'NO'} | {elapsed:.0f} s |")
    return 0 if results and all(r.held for r, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
