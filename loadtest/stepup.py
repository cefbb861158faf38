"""The step-up of `make loadtest`: Locust's load shape, given with the locustfile (`-f loadtest/locustfile.py,
loadtest/stepup.py`) after stage 1. Stages of LOADTEST_STAGE_SECONDS (60) each: LOADTEST_STEP_START users (75),
then LOADTEST_STEP more (25) each stage, all up within ~10 s of the stage's start, until a stage breaks the rule in
report.stage_breaks (p95 past 1 s or any error) or LOADTEST_STEP_CAP users (400) have had their stage.

At the end of each stage it writes one JSON line to LOADTEST_STAGE_FILE (users, requests, failures, req/s, p95, and
the same per request type) and starts the next stage's figures from zero: each line is that stage alone.
"""
import json
import os
import time

from locust import LoadTestShape
from report import stage_breaks


class StepUp(LoadTestShape):
    start = int(os.environ.get("LOADTEST_STEP_START", "100"))
    step = int(os.environ.get("LOADTEST_STEP", "25"))
    cap = int(os.environ.get("LOADTEST_STEP_CAP", "400"))
    seconds = int(os.environ.get("LOADTEST_STAGE_SECONDS", "60"))
    path = os.environ.get("LOADTEST_STAGE_FILE", "stages.jsonl")

    def __init__(self):
        super().__init__()
        self.stage = 0
        self.stage_started = time.monotonic()
        self.done = False

    def users(self, stage: int) -> int:
        return self.start + self.step * stage

    def _close_stage(self) -> dict:
        stats = self.runner.stats
        elapsed = time.monotonic() - self.stage_started
        total = stats.total

        def figures(entry) -> dict:
            return {"requests": entry.num_requests, "failures": entry.num_failures,
                    "p50": entry.get_response_time_percentile(0.5) or 0,
                    "p95": entry.get_response_time_percentile(0.95) or 0,
                    "p99": entry.get_response_time_percentile(0.99) or 0}

        line = {"stage": self.stage, "users": self.users(self.stage), "seconds": round(elapsed, 1),
                "rps": round(total.num_requests / elapsed, 2) if elapsed else 0, **figures(total),
                "errors": sorted({f"{e.name}: {e.error}" for e in stats.errors.values()})[:10],
                "types": {entry.name: figures(entry) for entry in stats.entries.values()}}
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        stats.reset_all()
        self.stage_started = time.monotonic()
        return line

    def tick(self):
        if self.done:
            return None
        if time.monotonic() - self.stage_started >= self.seconds:
            line = self._close_stage()
            if stage_breaks(p95_ms=line["p95"], failures=line["failures"]) or line["users"] >= self.cap:
                self.done = True
                return None
            self.stage += 1
        users = self.users(self.stage)
        return users, max(self.step, self.start) / 10  # all of a stage's new users within ~10 s
