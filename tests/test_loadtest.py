"""make loadtest's pure parts (loadtest/report.py) and its locustfile: it imports, and its users open only URLs
the app has. The load run itself is not here (it needs the stack: make loadtest)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from loadtest import report

REPO = Path(__file__).resolve().parent.parent
HEADER = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time," \
         "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%," \
         "99.99%,100%\n"


def _csv(tmp_path, lines: list[str]) -> Path:
    path = tmp_path / "stage1_stats.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _line(name: str, count: int, fails: int, p50, p95, p99, kind="GET") -> str:
    return f"{kind},{name},{count},{fails},{p50},1,1,1,1,2.5,0,{p50},1,1,1,1,{p95},1,{p99},1,1,1"


def test_the_table_reads_locusts_csv_and_flags_the_slow_types(tmp_path):
    rows, total = report.rows_from_csv(_csv(tmp_path, [
        _line("committee: register", 120, 0, 90, 640, 900),
        _line("citizen: track status", 300, 0, 20, 60, 110),
        _line("Aggregated", 420, 0, 30, 420, 800, kind=""),
    ]))
    assert [r.name for r in rows] == ["committee: register", "citizen: track status"]
    assert (total.count, total.failures, total.p95) == (420, 0, 420)
    lines = report.table(rows, total).splitlines()
    # sorted by name, so each role's types sit together; the total last
    assert lines[2].startswith("citizen: track status") and lines[3].startswith("committee: register")
    assert lines[3].endswith("> 500 ms") and not lines[2].endswith("> 500 ms")
    assert lines[-1].split() == ["total", "420", "0", "30", "420", "800"]


def test_a_type_without_requests_reads_as_zero(tmp_path):
    rows, total = report.rows_from_csv(_csv(tmp_path, [
        _line("api: complaint", 0, 0, "N/A", "N/A", "N/A"), _line("Aggregated", 0, 0, "N/A", "N/A", "N/A", kind="")]))
    assert rows[0].p95 == 0
    passed, sentence = report.verdict(rows, total)
    assert not passed and "No request was made" in sentence


def test_no_aggregated_line_is_an_error_not_a_pass(tmp_path):
    with pytest.raises(ValueError):
        report.rows_from_csv(_csv(tmp_path, [_line("committee: register", 1, 0, 1, 1, 1)]))


@pytest.mark.parametrize(("failures", "p95", "passed"), [
    (0, 499, True),   # under the bar
    (0, 500, False),  # "under 500 ms": 500 is not under
    (1, 100, False),  # one error fails it, however fast
])
def test_the_verdict_is_zero_errors_and_p95_under_500(failures, p95, passed):
    total = report.Row("Aggregated", 1000, failures, 50, p95, 900)
    ok, sentence = report.verdict([], total)
    assert ok is passed
    assert sentence.startswith("PASS" if passed else "FAIL")


def test_the_verdict_names_the_types_over_500_ms_even_when_the_whole_passes():
    rows = [report.Row("committee: CS3 dashboard", 10, 0, 300, 720, 900), report.Row("citizen: track status", 990, 0,
                                                                                       20, 40, 60)]
    ok, sentence = report.verdict(rows, report.Row("Aggregated", 1000, 0, 20, 60, 700))
    assert ok
    assert "committee: CS3 dashboard 720 ms" in sentence and "track status" not in sentence


@pytest.mark.parametrize(("p95", "failures", "breaks"), [(1000, 0, False), (1001, 0, True), (200, 1, True)])
def test_the_step_up_stops_past_one_second_or_at_the_first_error(p95, failures, breaks):
    assert report.stage_breaks(p95_ms=p95, failures=failures) is breaks


def test_cpu_shares_are_of_all_the_machines_cpus():
    # 2 CPUs, 10 s at 100 ticks/s: 2,000 ticks is the whole machine
    shares = report.cpu_shares({"gunicorn": 1000, "postgres": 0}, {"gunicorn": 2600, "postgres": 300},
                               seconds=10, ticks_per_second=100, cpus=2)
    assert shares == {"gunicorn": 80.0, "postgres": 15.0}
    sentence = report.saturated({**shares, "locust": 4.0, "idle": 1.0}, cpus=2)
    assert sentence.startswith("the CPUs were full (gunicorn used the most: 80% of 2 CPUs)")


def test_an_idle_machine_is_not_called_saturated():
    sentence = report.saturated({"gunicorn": 30.0, "postgres": 10.0, "idle": 60.0}, cpus=2, web=40.0, workers=3)
    assert sentence.startswith("nothing was at its limit: the CPUs were 40% busy (not full), gunicorn's 3 workers")


def test_workers_busy_all_the_time_are_the_limit_when_the_cpus_have_room():
    # 3 workers for 10 s: 30 s of work; the access lines account for 28.5 s of it
    lines = [f'127.0.0.1 "GET /cs3/ HTTP/1.1" 200 1000 {ms}ms request_id=abc' for ms in (9500, 9500, 9500)]
    lines.append("[2026-11-26 10:00:00 +0000] [1] [INFO] Booting worker with pid: 2")  # not an access line
    busy = report.web_busy(lines, workers=3, seconds=10)
    assert busy == 95.0
    sentence = report.saturated({"gunicorn": 43.0, "postgres": 9.0, "idle": 48.0}, cpus=2, web=busy, workers=3)
    assert sentence.startswith("gunicorn's 3 workers were busy 95% of the time: requests waited for a free worker "
                               "while the CPUs were only 52% busy")
    assert report.web_busy([], workers=3, seconds=10) is None


def test_a_query_is_shown_without_its_column_list():
    query = ('SELECT "complaints_ticket"."id", "complaints_ticket"."reference" FROM "complaints_ticket" '
             'WHERE UPPER("complaints_ticket"."subject"::text) LIKE UPPER($1) ORDER BY "complaints_ticket"."id" '
             'DESC LIMIT 51')
    assert report.short_query(query) == ('SELECT … FROM "complaints_ticket" WHERE UPPER("complaints_ticket".'
                                         '"subject"::text) LIKE UPPER($1) ORDER BY "complaints_ticket"."id" DESC LIMIT 51')
    assert len(report.short_query(query, width=40)) == 40


def _locustfile_users() -> dict:
    """Import the locustfile in its own process (Locust patches the standard library with gevent on import)."""
    code = ("import json, locust, locustfile as f; "
            "print(json.dumps({'paths': f.PATHS, 'users': {c.__name__: {'weight': c.weight, 'paths': c.paths} "
            "for c in vars(f).values() if isinstance(c, type) and issubclass(c, locust.HttpUser) "
            "and not c.abstract and c is not locust.HttpUser}}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO / "loadtest", capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def locustfile():
    return _locustfile_users()


def test_the_locustfile_has_the_days_mix(locustfile):
    weights = {name: user["weight"] for name, user in locustfile["users"].items()}
    assert weights == {"Committee": 10, "DistrictStaff": 8, "Executive": 2, "Citizen": 25, "DistrictSystem": 5}


def test_every_url_the_users_open_resolves(locustfile):
    values = {"ref": "B-1", "pk": "1", "token": "abc123", "key": "k3y"}
    for name, user in locustfile["users"].items():
        for key in user["paths"]:
            path = locustfile["paths"][key].format(**values)
            try:
                resolve(path)
            except Resolver404:
                pytest.fail(f"{name} opens {path} ({key}), which no URL pattern serves")
    assert set(locustfile["paths"]) == {key for user in locustfile["users"].values() for key in user["paths"]}
