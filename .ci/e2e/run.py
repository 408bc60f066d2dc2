#!/usr/bin/env python3
"""The end-to-end stages of CI: the product as real clients reach it, over a socket.

    python3 .ci/e2e/run.py --binary .build/debug/lamtheo [--backend sqlite|postgres|all]
                           [--stages browser,reports,schemathesis,hostile,restart] [--artifacts .build/e2e]

Starts `lamtheo demo` on SQLite and on a throwaway PostgreSQL (servers.py), then for each backend runs
  browser       .ci/e2e/browser.py (Selenium; its exit code decides; skipped when the file is absent),
  reports       .ci/office/report_check.py: a sơ kết drafted, compared with the dashboard, issued, its files checked by
                check.py, and downloaded unchanged after the data changed (its exit code decides),
  schemathesis  the OpenAPI document fuzzed with every check, as an administrator and as a member,
                stateful phase included (reports in ARTIFACTS/schemathesis-BACKEND-ROLE/),
  hostile       hostile.py (huge paging values, oversized requests, malformed bodies, traversal, sign-in
                bursts, TRACE, open redirects),
  restart       `lamtheo demo` stopped with SIGINT and started again on the database the stages used.
After every stage the server process must still be alive and answer /healthz: no input from outside may
end it. A dead server is a failure; it is restarted on the same database so that later stages can run.
Installs nothing: .ci/e2e/install.sh does. Prints one line per stage and ends with `N passed, M failed`;
exits 1 when anything failed.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, HERE)
import hostile  # noqa: E402
import httpkit  # noqa: E402
import servers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
STAGES = ("browser", "reports", "schemathesis", "hostile", "restart")

# Schemathesis: bounded so that both backends and both roles take a few minutes in all.
MAX_EXAMPLES = int(os.environ.get("LAMTHEO_E2E_MAX_EXAMPLES", "3"))
SHOWN_FAILURES = int(os.environ.get("LAMTHEO_E2E_SHOWN_FAILURES", "25"))
SEED = os.environ.get("LAMTHEO_E2E_SEED", "20251204")
SCHEMATHESIS_TIMEOUT = int(os.environ.get("LAMTHEO_E2E_SCHEMATHESIS_TIMEOUT", "420"))
# Operations left out of the fuzzing, because they end the very session the run is made with:
#  - revokeCurrentToken (DELETE /auth/tokens/current) revokes the bearer token of the run: every later
#    request would be a 401 and nothing after it would be tested;
#  - revokeRole (DELETE /grants/{id}) can take the administrator's own role away (grant ids are small
#    integers, the administrator's is among the first), with the same effect for the rest of the run;
#  - resetPassword and deactivateUser (POST /users/{id}/password-reset, /deactivation) end every session and token
#    of the account they reach, the demo accounts whose tokens the other stages hold among them;
#  - endMySessions, endMySession and revokeMyToken end the run's own web session or tokens (the hostile stage's
#    admin and member tokens belong to the same two accounts).
# All are covered by the Swift tests; the hostile stage still sends them malformed requests.
EXCLUDED_OPERATIONS = ("revokeCurrentToken", "revokeRole", "resetPassword", "deactivateUser", "endMySessions", "endMySession",
                       "revokeMyToken")


def say(line: str = "") -> None:
    print(line, flush=True)


@dataclass
class StageResult:
    stage: str
    backend: str
    cases: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def passed(self) -> int:
        return max(0, self.cases - len(self.failures))


# MARK: browser, reports

def browser_stage(server: servers.DemoServer, artifacts: str) -> StageResult:
    return script_stage("browser", os.path.join(HERE, "browser.py"), server, artifacts, ["--backend", server.name], timeout=900)


def reports_stage(server: servers.DemoServer, artifacts: str) -> StageResult:
    return script_stage("reports", os.path.join(ROOT, ".ci", "office", "report_check.py"), server, artifacts, [], timeout=600)


def script_stage(stage: str, script: str, server: servers.DemoServer, artifacts: str, arguments: list[str], timeout: int) -> StageResult:
    """A script run against the server with --base and --artifacts, printing PASS/FAIL lines and `N passed, M failed`;
    its exit code decides."""
    result = StageResult(stage, server.name)
    name = os.path.basename(script)
    if not os.path.exists(script):
        result.skipped = f"skipped: {os.path.relpath(script, ROOT)} does not exist yet"
        return result
    out_dir = os.path.join(artifacts, f"{stage}-{server.name}")
    os.makedirs(out_dir, exist_ok=True)
    log_path = os.path.join(out_dir, f"{stage}.log")
    try:
        with open(log_path, "w") as log:
            proc = subprocess.run([sys.executable, script, "--base", server.base, *arguments, "--artifacts", out_dir],
                                  cwd=ROOT, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
            log.write(proc.stdout)
        output, code = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as error:
        output, code = (error.stdout or b"").decode("utf-8", "replace") if isinstance(error.stdout, bytes) else (error.stdout or ""), None
    for line in output.splitlines():
        say(f"  {line}")
    counts = re.findall(r"(\d+) passed, (\d+) failed", output)
    if counts:
        passed, failed = (int(x) for x in counts[-1])
        result.cases = passed + failed
        result.failures = [line.strip() for line in output.splitlines() if re.match(r"\s*(FAIL|FAILED|✗)", line)][:failed]
        while len(result.failures) < failed:
            result.failures.append(f"{stage} check failed (see {log_path})")
    else:
        result.cases = 1
    if code is None:
        result.failures.append(f"{name} did not finish within {timeout} s")
        result.cases = max(result.cases, len(result.failures))
    elif code != 0 and not result.failures:
        result.failures.append(f"{name} exited with {code} (see {log_path})")
        result.cases = max(result.cases, 1)
    return result


# MARK: schemathesis

def schemathesis_command(binary: str, server: servers.DemoServer, token: str, report_dir: str) -> list[str]:
    command = [binary, "--config-file", os.path.join(HERE, "schemathesis.toml"), "--no-color", "run", f"{server.base}/api/v1/openapi.json",
               "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful", "-H", f"Authorization: Bearer {token}",
               "--max-examples", str(MAX_EXAMPLES), "--no-shrink", "--seed", SEED, "--request-timeout", "30", "--workers", "2",
               "--generation-database", "none", "--report", "junit,ndjson", "--report-dir", report_dir]
    for operation in EXCLUDED_OPERATIONS:
        command += ["--exclude-operation-id", operation]
    return command


def schemathesis_stage(server: servers.DemoServer, tokens: dict[str, str], artifacts: str) -> StageResult:
    """Both roles at once (the machine has idle time while either waits on the server), each bounded."""
    result = StageResult("schemathesis", server.name)
    binary = shutil.which("schemathesis") or shutil.which("st")
    if not binary:
        result.cases, result.failures = 1, ["schemathesis is not installed: run bash .ci/e2e/install.sh"]
        return result
    env = dict(os.environ, SCHEMATHESIS_HOOKS=os.path.join(HERE, "schemathesis_hooks.py"), PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    runs = {}
    for role, token in tokens.items():
        report_dir = os.path.join(artifacts, f"schemathesis-{server.name}-{role}")
        shutil.rmtree(report_dir, ignore_errors=True)
        os.makedirs(report_dir)
        command = schemathesis_command(binary, server, token, report_dir)
        shown = " ".join("'Authorization: Bearer …'" if "Bearer" in c else c for c in command[1:])
        say(f"  schemathesis as {role}: schemathesis {shown}")
        output = open(os.path.join(report_dir, "output.txt"), "w+")
        proc = subprocess.Popen(command, cwd=report_dir, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        runs[role] = (proc, output, report_dir, time.monotonic(), token)
    deadline = time.monotonic() + SCHEMATHESIS_TIMEOUT
    for role, (proc, output, report_dir, started, token) in runs.items():
        try:
            code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            code = None
        seconds = time.monotonic() - started
        output.seek(0)
        text = output.read().replace(token, "TOKEN")
        output.close()
        with open(os.path.join(report_dir, "output.txt"), "w") as handle:
            handle.write(text)
        cases, failures, errors = summarize_schemathesis(text, report_dir)
        failures.sort(key=_failure_rank)
        failures = [f"{role}: {line}" for line in failures]
        # Errors are schemathesis's own (an operation it could not generate or send for): shown, not
        # counted, since they say nothing about the server; the operation named went untested.
        for line in errors:
            say(f"  schemathesis as {role}: tool error, not counted: {line}")
        if code is None:
            failures.append(f"{role}: schemathesis did not finish within {SCHEMATHESIS_TIMEOUT} s")
        elif code != 0 and not failures:
            failures.append(f"{role}: schemathesis exited with {code}: {tail_lines(text, 12)}")
        with open(os.path.join(report_dir, "failures.txt"), "w") as handle:
            handle.write("\n".join(failures) + "\n")
        phases = re.findall(r"^\s*(\S+)\s+(Examples|Coverage|Fuzzing|Stateful)\s*$", text, re.MULTILINE)
        say(f"  schemathesis as {role}: {cases} test cases, {len(failures)} distinct failures, {seconds:.0f}s; phases "
            + (" ".join(f"{name} {mark}" for mark, name in phases) if phases else "?")
            + f" (report {os.path.relpath(report_dir, ROOT)})")
        shown = [f for f in failures if _failure_rank(f) < 2][:SHOWN_FAILURES]
        for failure in shown:
            say(f"    - {failure}")
        for check in NOISY_CHECKS:
            same = [f for f in failures if f": {check} [" in f]
            if same:
                say(f"    - {check} fails on {len(same)} operations, e.g. {same[0]}")
        if len(failures) > len(shown):
            say(f"    (all {len(failures)} in {os.path.join(report_dir, 'failures.txt')})")
        result.cases += max(cases, len(failures), 1)
        advisory = [f for f in failures if any(f": {check} [" in f for check in ADVISORY_CHECKS)]
        if advisory:
            say(f"    {len(advisory)} of them are findings of {', '.join(ADVISORY_CHECKS)}: listed, not failing the stage")
        result.failures += [f for f in failures if f not in advisory]
    return result


# Run and reported, but not failing the stage: they find where the document states less than the server
# checks (a business rule such as a year's range or a name's length that the schema does not carry) or
# where the server tolerates what the schema forbids (null for an absent field). Those are gaps in the
# document's precision, tracked for the structure work that derives the schemas from the types; the
# checks that fail the stage are server errors, responses that break the document, statuses and methods
# it does not list.
ADVISORY_CHECKS = ("negative_data_rejection", "positive_data_acceptance")


# Checks listed first: the brief's minimum (no 5xx, responses that fit the document, documented statuses).
FIRST_CHECKS = ("not_a_server_error", "response_schema_conformance", "status_code_conformance", "content_type_conformance",
                "response_headers_conformance")
# Checks that fail once per operation for one cause (405 handling); summarised on the console.
NOISY_CHECKS = ("unsupported_method", "allow_header_conformance")


def _failure_rank(line: str) -> int:
    check = re.search(r": ([a-z_]+) \[", line)
    name = check.group(1) if check else ""
    return 0 if name in FIRST_CHECKS else 2 if name in NOISY_CHECKS else 1


def tail_lines(text: str, count: int) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:] if line.strip())


def summarize_schemathesis(output: str, report_dir: str) -> tuple[int, list[str], list[str]]:
    """Test cases run, one line per distinct failure (operation, check, what was sent and answered), and the
    errors (operations schemathesis could not test), from the NDJSON events; the text output as a fallback."""
    failures: dict[tuple, str] = {}  # one line per (operation, check, status): the first example of each
    errors: dict[str, None] = {}
    for name in sorted(os.listdir(report_dir)):
        if not name.endswith(".ndjson"):
            continue
        with open(os.path.join(report_dir, name)) as handle:
            for raw in handle:
                try:
                    event = json.loads(raw)
                except ValueError:
                    continue
                for kind, body in event.items():
                    if kind == "ScenarioFinished" and isinstance(body, dict):
                        for key, line in _scenario_failures(body.get("recorder") or {}):
                            failures.setdefault(key, line)
                    elif kind == "NonFatalError" and isinstance(body, dict):
                        value = body.get("value") or body.get("info") or {}
                        label = body.get("label") or ""
                        title = f"{value.get('type', 'error')}: {value.get('message') or value.get('title') or ''}".strip(": ")
                        errors.setdefault(f"{label} ({body.get('phase', '?')} phase): {_short(title, 200)}", None)
    match = re.search(r"(\d+) generated", output)
    cases = int(match.group(1)) if match else 0
    if not failures and re.search(r"\d+ unique failures", output) and not re.search(r"\b0 unique failures", output):
        failures.setdefault(("?",), "failures found; see output.txt (the NDJSON report could not be read)")
    return cases, list(failures.values()), list(errors)


def _decoded(body) -> str:
    """A recorded body: {"$base64": …} or a string, as text."""
    if isinstance(body, dict) and "$base64" in body:
        try:
            return base64.b64decode(body["$base64"]).decode("utf-8", "replace")
        except ValueError:
            return ""
    return body if isinstance(body, str) else ("" if body is None else json.dumps(body))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _scenario_failures(recorder: dict) -> list[tuple[tuple, str]]:
    found = []
    cases = recorder.get("cases") or {}
    interactions = recorder.get("interactions") or {}
    for case_id, checks in (recorder.get("checks") or {}).items():
        for check in checks or []:
            if check.get("status") not in ("failure", "FAILURE"):
                continue
            info = ((check.get("failure_info") or {}).get("failure")) or {}
            case = (cases.get(case_id) or {}).get("value") or {}
            path = case.get("path", "?")
            for name, value in (case.get("path_parameters") or {}).items():
                path = path.replace("{" + name + "}", str(value))
            request = f"{case.get('method', '?')} {path}"
            query = case.get("query")
            if query:
                request += "?" + "&".join(f"{k}={v}" for k, v in query.items())[:120]
            interaction = interactions.get(case_id) or {}
            response = interaction.get("response") or {}
            status = response.get("status_code")
            sent = _decoded((interaction.get("request") or {}).get("body"))
            content_type = ((interaction.get("request") or {}).get("headers") or {}).get("Content-Type")
            if isinstance(content_type, list):
                content_type = content_type[0] if content_type else None
            answer = _decoded(response.get("content"))
            try:
                problem = json.loads(answer)
                answer = problem.get("detail") or problem.get("title") or answer if isinstance(problem, dict) else answer
            except ValueError:
                pass
            message = (info.get("message") or "").strip().splitlines()
            detail = message[0] if message else ""
            operation = info.get("operation") or recorder.get("label", "?")
            line = f"{operation}: {check.get('name')} [{info.get('code', '')}] {info.get('title', '')} — sent {request}"
            if sent:
                line += f" ({content_type or 'no Content-Type'}: {_short(sent, 160)})"
            elif content_type:
                line += f" (Content-Type {content_type}, empty body)"
            if status:
                line += f", got {status}" + (f" {_short(answer, 200)!r}" if answer else "")
            if detail and not detail.startswith(("Received:", "Valid data should", "Invalid data should")):
                line += f": {detail}"
            found.append(((operation, check.get("name"), status), line))
    return found


# MARK: hostile

def hostile_stage(server: servers.DemoServer, credentials: hostile.Credentials, artifacts: str) -> StageResult:
    result = StageResult("hostile", server.name)

    def revive(reason: str) -> tuple[bool, str | None]:
        death = server.check(reason)
        if death:
            say(server.log_tail(25))
            try:
                server.restart()
            except RuntimeError as error:
                say(f"  !! restart failed: {error}")
                return False, death
        return server.healthy(), death

    def out(line: str) -> None:
        say(f"  {line}")

    stage = hostile.Hostile(server.base, credentials=credentials, revive=revive, out=out, metrics_token=servers.METRICS_TOKEN,
                            budget=float(os.environ.get("LAMTHEO_E2E_HOSTILE_BUDGET", "300")))
    stage.run()
    with open(os.path.join(artifacts, f"hostile-{server.name}.json"), "w") as handle:
        json.dump({"cases": stage.cases, "failures": [f.__dict__ for f in stage.failures]}, handle, indent=1)
    result.cases = stage.cases
    result.failures = [failure.line() for failure in stage.failures]
    return result


# MARK: restart

def restart_stage(server: servers.DemoServer, token: str) -> StageResult:
    """The README's promise, after every stage has used the demo: `lamtheo demo` again on its database comes up.
    First, through the API, what a user may do and the demo's start-up once tripped on: the study sessions
    deleted, the demo campaign closed, and next year's campaign launched."""
    result = StageResult("restart", server.name, cases=1)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    year = time.gmtime().tm_year + 1
    sessions = httpkit.get(server.base, "/api/v1/study-sessions?per=200", headers, source=hostile.MAIN_SOURCE)
    for item in (sessions.json().get("items", []) if sessions.status == 200 else []):
        httpkit.request(server.base, "DELETE", f"/api/v1/study-sessions/{item['id']}", headers, source=hostile.MAIN_SOURCE)
    campaigns = httpkit.get(server.base, "/api/v1/campaigns?per=200", headers, source=hostile.MAIN_SOURCE)
    active = [c for c in (campaigns.json().get("items", []) if campaigns.status == 200 else []) if c.get("status") == "active"]
    if active:
        first = active[0]
        httpkit.post_json(server.base, "/api/v1/campaigns", {
            "documentId": first["documentId"], "organizationId": first["organizationId"], "title": f"Chuyên đề năm {year}",
            "startsOn": f"{year}-01-01", "endsOn": f"{year}-12-31", "reflectionDueOn": f"{year}-11-30", "topicYear": year,
            "requirements": []}, headers, source=hostile.MAIN_SOURCE)
        for item in active:
            httpkit.request(server.base, "POST", f"/api/v1/campaigns/{item['id']}/close", headers, source=hostile.MAIN_SOURCE)
    server.stop()
    stopped = server.proc.returncode if server.proc else None
    if stopped not in (0, None, -2):  # SIGINT asks it to stop; 0 or -2 is a clean stop
        result.failures.append(f"lamtheo demo did not stop cleanly on SIGINT (exit {stopped})")
    try:
        server.launch("demo")
        server.wait_healthy(timeout=120)
        say(f"  ok   lamtheo demo started again on the used database and answers /healthz")
    except RuntimeError as error:
        first = str(error).splitlines()
        last_start = servers.tail(server.log_path, 60).split("===== start #")[-1].splitlines()[1:]
        lines = [line.strip() for line in last_start if line.strip() and not line.startswith(("[ INFO", "[ NOTICE"))]
        result.failures.append(f"lamtheo demo does not start again on its used database: {first[0]} — " + " | ".join(lines[-4:]))
        say(f"  FAIL {result.failures[-1]}")
        server.restart("serve")
    return result


# MARK: orchestration

def sign_in_everyone(server: servers.DemoServer) -> tuple[dict[str, str], hostile.Credentials]:
    """Tokens and a web session taken before any stage: the hostile stage's bursts and the fuzzer's wrong
    passwords lock addresses and accounts for a while, and nothing later should depend on signing in again."""
    admin = httpkit.api_token(server.base, "admin", hostile.PASSWORD, source=hostile.MAIN_SOURCE)
    member = httpkit.api_token(server.base, "dangvien", hostile.PASSWORD, source=hostile.MAIN_SOURCE)
    fuzz_admin = httpkit.api_token(server.base, "admin", hostile.PASSWORD, source=hostile.MAIN_SOURCE)
    fuzz_member = httpkit.api_token(server.base, "dangvien", hostile.PASSWORD, source=hostile.MAIN_SOURCE)
    web = httpkit.require_web_session(server.base, "admin", hostile.PASSWORD, source=hostile.MAIN_SOURCE)
    return {"admin": fuzz_admin, "member": fuzz_member}, hostile.Credentials(admin_token=admin, admin_web=web, member_token=member)


def main() -> int:
    parser = argparse.ArgumentParser(description="End-to-end stages against real demo servers")
    parser.add_argument("--binary", default=".build/debug/lamtheo")
    parser.add_argument("--backend", choices=[*servers.BACKENDS, "all"], default="all")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset of " + ",".join(STAGES))
    parser.add_argument("--artifacts", default=os.path.join(ROOT, ".build", "e2e"))
    args = parser.parse_args()
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages {sorted(unknown)}")
    backends = servers.BACKENDS if args.backend == "all" else (args.backend,)
    binary = os.path.abspath(args.binary)
    artifacts = os.path.abspath(args.artifacts)
    os.makedirs(artifacts, exist_ok=True)
    results: list[StageResult] = []
    started = time.monotonic()
    say(f"e2e: {binary}, backends {', '.join(backends)}, stages {', '.join(stages)}, artifacts {artifacts}")
    try:
        with servers.DemoServers(binary, artifacts, backends) as running:
            for name, server in running.items():
                say(f"== {name} ({server.base})")
                try:
                    fuzz_tokens, credentials = sign_in_everyone(server)
                except httpkit.SignInError as error:
                    results.append(StageResult("sign-in", name, 1, [str(error)]))
                    say(server.log_tail())
                    continue
                for stage in stages:
                    stage_started = time.monotonic()
                    say(f"-- {name}/{stage}")
                    if stage == "browser":
                        result = browser_stage(server, artifacts)
                    elif stage == "reports":
                        result = reports_stage(server, artifacts)
                    elif stage == "restart":
                        result = restart_stage(server, credentials.admin_token)
                    elif stage == "schemathesis":
                        result = schemathesis_stage(server, fuzz_tokens, artifacts)
                    else:
                        result = hostile_stage(server, credentials, artifacts)
                    result.seconds = time.monotonic() - stage_started
                    death = server.check(stage)
                    if death:
                        result.failures.append(death)
                        result.cases += 1
                        say(f"  !! {death}")
                    if result.failures:
                        say(server.log_tail())
                    if death:
                        try:
                            server.restart()
                        except RuntimeError as error:
                            say(f"  !! restart failed: {error}")
                    results.append(result)
                    summary = result.skipped or f"{result.cases} cases, {result.failed} failed"
                    say(f"-- {name}/{stage}: {summary}, {result.seconds:.0f}s")
    except RuntimeError as error:
        say(f"e2e: could not start the servers: {error}")
        results.append(StageResult("servers", "-", 1, [str(error)]))

    say("")
    say(f"e2e summary ({time.monotonic() - started:.0f}s):")
    for result in results:
        state = result.skipped or ("ok" if not result.failures else "FAILED")
        say(f"  {result.backend:8} {result.stage:13} {result.cases:5} cases {result.failed:4} failed {result.seconds:6.0f}s  {state}")
    failures = [(r, line) for r in results for line in r.failures]
    if failures:
        say("failures:")
        for result in results:
            noisy = {check: [line for line in result.failures if f": {check} [" in line] for check in NOISY_CHECKS}
            for line in result.failures:
                if not any(line in same for same in noisy.values()):
                    say(f"  [{result.backend}/{result.stage}] {line}")
            for check, same in noisy.items():
                if same:
                    say(f"  [{result.backend}/{result.stage}] {check} fails on {len(same)} operation/role pairs "
                        f"(one cause; each in schemathesis-{result.backend}-ROLE/failures.txt)")
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    say(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
