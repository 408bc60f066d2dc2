#!/usr/bin/env python3
"""Real LamTheo demo servers for the end-to-end stages: one on SQLite, one on a throwaway PostgreSQL.

As a module:

    with servers.demo_servers(binary) as urls:        # {"sqlite": "http://127.0.0.1:P", "postgres": ...}
        ...

or, with more control (logs, liveness, restarts), `with servers.DemoServers(binary, artifacts) as running:`
where `running["sqlite"]` is a `DemoServer` (`.base`, `.alive()`, `.healthy()`, `.log_tail()`, `.restart()`).

As a command, it starts them, prints their addresses and waits for Ctrl-C:

    python3 .ci/e2e/servers.py --binary .build/debug/lamtheo [--backend sqlite|postgres|all]

The PostgreSQL cluster is started from /usr/lib/postgresql/*/bin (newest), as the `postgres` user when run as
root (initdb refuses root), on a free port of 127.0.0.1 with trust authentication, in a temporary directory.
Everything is stopped and every temporary directory removed on the way out, also after a failure or SIGTERM;
the servers' logs are copied to the artifacts directory first.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"
# Ports are taken from this range (env LAMTHEO_E2E_PORTS="lo-hi"), checked free just before use.
DEFAULT_PORTS = os.environ.get("LAMTHEO_E2E_PORTS", "19000-19999")
START_TIMEOUT = float(os.environ.get("LAMTHEO_E2E_START_TIMEOUT", "300"))  # first start fills demo data
BACKENDS = ("sqlite", "postgres")
# The CI servers' LAMTHEO_METRICS_TOKEN: the hostile stage checks that /metrics answers it and 404 to anything else.
METRICS_TOKEN = "e2e-metrics-" + "5" * 32
CRASH_LINE = re.compile(r"Fatal error|Precondition failed|Assertion failed|fatal error|Illegal instruction|Segmentation fault|\*\*\* Signal \d+")


def _frame(line: str) -> str:
    """`  14 [ra] 0x… CSRFMiddleware.check(…) + 447 in lamtheo at /…/Sources/LamTheoApp/Platform/Web/CSRF.swift:53:42` →
    `CSRFMiddleware.check(…) at Sources/LamTheoApp/Platform/Web/CSRF.swift:53:42`."""
    match = re.match(r"\s*\d+ (?:\[[^\]]*\] ?)+\s*0x[0-9a-f]+ (.*?)(?: \+ \d+)? in \S+ at (\S+)", line)
    if not match:
        return line.strip()
    where = re.sub(r"^.*?/(Sources/|\.build/checkouts/)", r"\1", match.group(2))
    return f"{match.group(1)} at {where}"


def log(message: str) -> None:
    print(f"[servers] {message}", flush=True)


def free_port(ports: str = DEFAULT_PORTS, taken: set[int] | None = None) -> int:
    low, high = (int(x) for x in ports.split("-"))
    candidates = list(range(low, high + 1))
    random.shuffle(candidates)
    for port in candidates[:500]:
        if taken and port in taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
        if taken is not None:
            taken.add(port)
        return port
    raise RuntimeError(f"no free port in {ports}")


def http_get(base_port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, base_port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def tail(path: str, lines: int = 40) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64 * 1024))
            text = handle.read().decode("utf-8", "replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])


class PostgresCluster:
    """A throwaway PostgreSQL cluster on 127.0.0.1, trust authentication, superuser `lamtheo`."""

    user = "lamtheo"

    def __init__(self, ports: str = DEFAULT_PORTS, taken: set[int] | None = None):
        self.ports = ports
        self.taken = taken
        self.dir: str | None = None
        self.port: int | None = None
        self.started = False

    @staticmethod
    def bin_dir() -> str:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
        if not found:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql")
        return os.path.dirname(found[-1])

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix: list[str] = []
        if os.geteuid() == 0:
            prefix = ["runuser", "-u", "postgres", "--"]
        return subprocess.run(prefix + list(argv), cwd=self.dir, check=check, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def start(self) -> None:
        bindir = self.bin_dir()
        self.dir = tempfile.mkdtemp(prefix="lamtheo-e2e-pg-")
        os.chmod(self.dir, 0o700)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        data = os.path.join(self.dir, "data")
        result = self._run(f"{bindir}/initdb", "-D", data, "-U", self.user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", check=False)
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{result.stdout}")
        last_error = ""
        for _ in range(5):  # a port can be taken between the check and the start
            self.port = free_port(self.ports, self.taken)
            options = f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            result = self._run(f"{bindir}/pg_ctl", "-D", data, "-o", options, "-l", os.path.join(self.dir, "postgres.log"), "-w", "-t", "60",
                               "start", check=False)
            if result.returncode == 0:
                self.started = True
                break
            last_error = result.stdout + tail(os.path.join(self.dir, "postgres.log"), 20)
        else:
            raise RuntimeError(f"pg_ctl start failed:\n{last_error}")
        self._run(f"{bindir}/createdb", "-h", HOST, "-p", str(self.port), "-U", self.user, "lamtheo_demo")
        log(f"PostgreSQL {os.path.basename(os.path.dirname(bindir))} on {HOST}:{self.port} ({self.dir})")

    def url(self) -> str:
        return f"postgres://{self.user}@{HOST}:{self.port}/lamtheo_demo"

    def log_path(self) -> str | None:
        return os.path.join(self.dir, "postgres.log") if self.dir else None

    def stop(self) -> None:
        if self.started and self.dir:
            with contextlib.suppress(Exception):
                self._run(f"{self.bin_dir()}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


class DemoServer:
    """`lamtheo demo` in its own temporary working directory, on SQLite or on a PostgreSQL URL."""

    def __init__(self, name: str, binary: str, database_url: str | None, log_dir: str, ports: str = DEFAULT_PORTS,
                 taken: set[int] | None = None):
        self.name = name
        self.binary = os.path.abspath(binary)
        self.database_url = database_url
        self.workdir = tempfile.mkdtemp(prefix=f"lamtheo-e2e-{name}-")
        self.log_path = os.path.join(log_dir, f"server-{name}.log")
        open(self.log_path, "w").close()  # this run's log only
        self.port = free_port(ports, taken)
        self.base = f"http://{HOST}:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.deaths: list[str] = []  # one line per unexpected exit noticed

    def launch(self, command: str = "demo") -> None:
        env = dict(os.environ, LAMTHEO_PORT=str(self.port), LAMTHEO_HOST=HOST, LAMTHEO_METRICS_TOKEN=METRICS_TOKEN)
        # A crash report that names the failing line quickly: only the crashed thread, no registers or images.
        env.setdefault("SWIFT_BACKTRACE", "enable=yes,interactive=no,color=no,symbolicate=fast,threads=crashed,registers=none,images=none,limit=48")
        env.pop("LAMTHEO_PUBLIC_URL", None)
        if self.database_url:
            env["LAMTHEO_DATABASE_URL"] = self.database_url
        elif command == "demo":
            env.pop("LAMTHEO_DATABASE_URL", None)  # the demo's own default, ./lamtheo-demo.sqlite
        else:
            env["LAMTHEO_DATABASE_URL"] = f"sqlite://{os.path.join(self.workdir, 'lamtheo-demo.sqlite')}"
        self.starts += 1
        logfile = open(self.log_path, "ab")
        logfile.write(f"\n===== start #{self.starts} of {self.name} on {self.base}: lamtheo {command} =====\n".encode())
        logfile.flush()
        self.proc = subprocess.Popen([self.binary, command], cwd=self.workdir, env=env, stdin=subprocess.DEVNULL, stdout=logfile,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        logfile.close()

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name}: lamtheo demo exited with {self.proc.returncode} before answering /healthz\n"
                                   f"{self.log_tail()}")
            if self.healthy(timeout=2):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}: /healthz did not answer 200 within {timeout:.0f}s\n{self.log_tail()}")

    def start(self) -> None:
        self.launch()
        self.wait_healthy()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def healthy(self, timeout: float = 5.0) -> bool:
        try:
            status, body = http_get(self.port, "/healthz", timeout=timeout)
            return status == 200
        except (OSError, http.client.HTTPException):
            return False

    def check(self, stage: str) -> str | None:
        """After a stage: None when the process is alive and healthy, else a line saying what happened."""
        if self.alive() and not self.healthy():
            # A crashing Swift process keeps running while it writes its backtrace: give it time to finish dying.
            deadline = time.monotonic() + 45
            while self.alive() and not self.healthy(timeout=2) and time.monotonic() < deadline:
                time.sleep(0.5)
        if not self.alive():
            code = self.proc.returncode if self.proc else None
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            crash = self.crash_summary()
            line = f"{self.name}: the server process died during '{stage}' ({how})" + (f": {crash}" if crash else "")
            self.deaths.append(line)
            return line
        for _ in range(10):
            if self.healthy():
                return None
            time.sleep(1)
        return f"{self.name}: the server process is running but /healthz does not answer 200 after '{stage}'"

    def log_tail(self, lines: int = 40) -> str:
        """The end of the log; after a crash, the crash message and the frames of the crashed thread instead."""
        crash = self.crash_frames()
        if crash:
            return f"--- crash in {self.log_path} ---\n" + "\n".join(crash)
        return f"--- last lines of {self.log_path} ---\n{tail(self.log_path, lines)}"

    def _last_start(self) -> list[str]:
        text = tail(self.log_path, 4000)
        marker = text.rfind("===== start #")
        return (text[marker:] if marker >= 0 else text).splitlines()

    def crash_summary(self) -> str | None:
        """`file:line: message` of the last crash since the last start, with the first frame in LamTheo's sources."""
        lines = self._last_start()
        message = next((l.strip() for l in lines if CRASH_LINE.search(l)), None)
        if not message:
            return None
        own = next((_frame(l) for l in lines if "/Sources/LamTheo" in l and " at " in l), None)
        return message + (f" (from {own})" if own else "")

    def crash_frames(self, count: int = 18) -> list[str]:
        lines = self._last_start()
        start = next((i for i, l in enumerate(lines) if CRASH_LINE.search(l)), None)
        if start is None:
            return []
        frames = [_frame(l) for l in lines[start:] if " at " in l and re.match(r"\s*\d+ \[", l)]
        return [lines[start].strip()] + [f"  {f}" for f in frames[:count]]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)

    def restart(self, command: str = "serve") -> None:
        """After a crash (or on request): the same database, files and port, so that later stages can go on.
        `serve` by default: it only migrates, so a restart does not depend on what the demo's start-up fills in."""
        self.stop()
        self.launch(command)
        self.wait_healthy()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


class DemoServers:
    """Context manager: starts the requested backends (concurrently), yields {name: DemoServer}."""

    def __init__(self, binary: str, artifacts: str, backends=BACKENDS, ports: str = DEFAULT_PORTS):
        self.binary = binary
        self.artifacts = artifacts
        self.backends = list(backends)
        self.ports = ports
        self.cluster: PostgresCluster | None = None
        self.servers: dict[str, DemoServer] = {}

    def __enter__(self) -> dict[str, DemoServer]:
        if not os.access(self.binary, os.X_OK):
            raise RuntimeError(f"no executable at {self.binary}: build it first (swift build)")
        os.makedirs(self.artifacts, exist_ok=True)
        previous = signal.getsignal(signal.SIGTERM)
        if previous in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _raise_on_sigterm)  # so that the finally blocks clean up
        taken: set[int] = set()
        try:
            for name in self.backends:
                if name == "postgres":
                    self.cluster = PostgresCluster(self.ports, taken)
                    self.cluster.start()
                    url = self.cluster.url()
                elif name == "sqlite":
                    url = None
                else:
                    raise ValueError(f"unknown backend {name!r} (sqlite, postgres)")
                server = DemoServer(name, self.binary, url, self.artifacts, self.ports, taken)
                self.servers[name] = server
                server.launch()
            for server in self.servers.values():
                started = time.monotonic()
                server.wait_healthy()
                log(f"{server.name}: lamtheo demo answers on {server.base} (log {server.log_path}, ready after {time.monotonic() - started:.0f}s more)")
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self.servers

    def __exit__(self, *exc) -> bool:
        for server in self.servers.values():
            with contextlib.suppress(Exception):
                server.remove()
        if self.cluster:
            pg_log = self.cluster.log_path()
            if pg_log and os.path.exists(pg_log):
                with contextlib.suppress(OSError):
                    shutil.copy(pg_log, os.path.join(self.artifacts, "postgres.log"))
            self.cluster.stop()
        return False


def _raise_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def demo_servers(binary: str, artifacts: str | None = None, backends=BACKENDS):
    """The simple form: yields {backend: base_url}."""
    owned = artifacts is None
    artifacts = artifacts or tempfile.mkdtemp(prefix="lamtheo-e2e-logs-")
    try:
        with DemoServers(binary, artifacts, backends) as running:
            yield {name: server.base for name, server in running.items()}
    finally:
        if owned:
            shutil.rmtree(artifacts, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/debug/lamtheo")
    parser.add_argument("--backend", choices=[*BACKENDS, "all"], default="all")
    parser.add_argument("--artifacts", default=".build/e2e/artifacts")
    args = parser.parse_args()
    backends = BACKENDS if args.backend == "all" else (args.backend,)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    with DemoServers(args.binary, args.artifacts, backends) as running:
        for name, server in running.items():
            print(f"{name} {server.base}", flush=True)
        try:
            while all(server.alive() for server in running.values()):
                time.sleep(1)
            for server in running.values():
                if not server.alive():
                    print(f"{server.name} exited\n{server.log_tail()}", flush=True)
            return 1
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
