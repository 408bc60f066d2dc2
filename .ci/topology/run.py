#!/usr/bin/env python3
"""CI stage: LamTheo on several servers, started for real on loopback, and what must hold there.

The topology of deploy/ (README "Running on several servers"): a PostgreSQL primary (wal_level=replica) and a streaming
replica made from it with pg_basebackup -R; two `lamtheo` processes (A runs `demo` and fills the data, B `serve`), both
with LAMTHEO_REPLICA_URL and the proxy trusted; nginx in front of both with deploy/nginx/lamtheo.conf's proxy settings.
Checks, each printed with its figure:

  (a) a write through A is read through B: at once by a client that wrote (its lt_recent_write cookie sends its reads
      to the primary), and by one without the cookie once the replica has it; through nginx, a writer reads every one of
      its writes back at once; a paused replica is read from until its lag passes LAMTHEO_REPLICA_MAX_LAG, then not;
  (b) the replica's lag under a write load through nginx (pg_stat_replication on the primary, bytes and ms);
  (c) SIGKILL of A in the middle of a write load: every acknowledged write is on the primary afterwards, and nginx
      keeps serving (requests failed after the kill, time until writes succeed again);
  (d) failover, the runbook's steps: the primary stopped, the replica promoted (pg_ctl promote), both processes
      restarted on it; the time until a write through nginx succeeds, and that write read back.

    python3 .ci/topology/run.py --binary .build/debug/lamtheo [--artifacts .build/topology]

Ports: LAMTHEO_TOPOLOGY_PORTS (default 19300-19399): nginx on the first, A and B next, PostgreSQL on the last two.
PostgreSQL and nginx run as the `postgres` user when this runs as root. Needs nginx (apt-get install nginx-light).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HOST = "127.0.0.1"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
first, last = (int(p) for p in os.environ.get("LAMTHEO_TOPOLOGY_PORTS", "19300-19399").split("-"))
NGINX_PORT, PORT_A, PORT_B, PRIMARY_PORT, REPLICA_PORT = first, first + 1, first + 2, last - 9, last - 8
MAX_LAG = 2  # LAMTHEO_REPLICA_MAX_LAG of both processes, seconds
figures: dict[str, object] = {}
problems: list[str] = []


def log(message: str) -> None:
    print(f"[topology] {message}", flush=True)


def check(condition: bool, message: str) -> None:
    log(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        problems.append(message)


class Unprivileged:
    """Runs PostgreSQL's and nginx's commands as `postgres` when we are root (initdb refuses root)."""

    def __init__(self, workdir: str):
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.prefix:
            entry = pwd.getpwnam("postgres")
            os.chown(workdir, entry.pw_uid, entry.pw_gid)

    def run(self, *argv: str, check: bool = True) -> str:
        result = subprocess.run(self.prefix + list(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout}")
        return result.stdout

    def popen(self, argv: list[str], log_path: str) -> subprocess.Popen:
        return subprocess.Popen(self.prefix + argv, stdout=open(log_path, "ab"), stderr=subprocess.STDOUT, start_new_session=True)


class Cluster:
    def __init__(self, as_user: Unprivileged, bindir: str, data: str, port: int, socket_dir: str):
        self.as_user, self.bindir, self.data, self.port, self.socket_dir = as_user, bindir, data, port, socket_dir

    def url(self) -> str:
        return f"postgres://lamtheo@{HOST}:{self.port}/lamtheo"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses={HOST}"
        self.as_user.run(f"{self.bindir}/pg_ctl", "-D", self.data, "-o", options, "-l", self.data + ".log", "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self.as_user.run(f"{self.bindir}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def sql(self, query: str, database: str = "lamtheo") -> str:
        return subprocess.run(["psql", "-h", HOST, "-p", str(self.port), "-U", "lamtheo", "-d", database, "-At", "-F", "\t", "-c", query],
                              check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30).stdout.strip()


class Server:
    """One `lamtheo` process on its own port."""

    def __init__(self, name: str, binary: str, port: int, workdir: str, files: str):
        self.name, self.binary, self.port, self.files = name, binary, port, files
        self.workdir = os.path.join(workdir, name)
        os.makedirs(self.workdir, exist_ok=True)
        self.log_path = os.path.join(workdir, f"server-{name}.log")
        self.proc: subprocess.Popen | None = None

    def start(self, command: str, database: str, replica: str | None) -> None:
        self.launch(command, database, replica)
        self.wait_healthy()

    def launch(self, command: str, database: str, replica: str | None) -> None:
        env = dict(os.environ, LAMTHEO_PORT=str(self.port), LAMTHEO_HOST=HOST, LAMTHEO_DATABASE_URL=database, LAMTHEO_FILES_DIR=self.files,
                   LAMTHEO_TRUSTED_PROXIES=HOST, LAMTHEO_REPLICA_MAX_LAG=str(MAX_LAG), LAMTHEO_ACCESS_LOG="off", LAMTHEO_JOBS_TICK="2")
        env.pop("LAMTHEO_REPLICA_URL", None)
        env.pop("LAMTHEO_PUBLIC_URL", None)
        if replica:
            env["LAMTHEO_REPLICA_URL"] = replica
        with open(self.log_path, "ab") as output:
            output.write(f"\n===== lamtheo {command} on {database} (replica {replica}) =====\n".encode())
        self.proc = subprocess.Popen([self.binary, command], cwd=self.workdir, env=env, stdin=subprocess.DEVNULL,
                                     stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.proc.returncode}; see {self.log_path}")
            if get(f"http://{HOST}:{self.port}", "/healthz", timeout=2)[0] == 200:
                return
            time.sleep(0.3)
        raise RuntimeError(f"{self.name}: /healthz did not answer within {timeout:.0f} s; see {self.log_path}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.kill(signal.SIGINT)


def request(base: str, method: str, path: str, token: str | None = None, body: dict | None = None,
            cookie: str | None = None, timeout: float = 10) -> tuple[int, dict, str | None]:
    """(status, JSON body, the lt_recent_write cookie set); status 0 when the connection failed."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if cookie:
        req.add_header("Cookie", f"lt_recent_write={cookie}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status, raw, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, headers = error.code, error.read(), error.headers
    except OSError:
        return 0, {}, None
    mark = next((m.group(1) for h in headers.get_all("Set-Cookie") or [] if (m := re.match(r"lt_recent_write=([^;]*)", h))), None)
    try:
        return status, json.loads(raw or b"{}"), mark
    except ValueError:
        return status, {}, mark


def get(base: str, path: str, token: str | None = None, cookie: str | None = None, timeout: float = 10) -> tuple[int, dict, str | None]:
    return request(base, "GET", path, token, cookie=cookie, timeout=timeout)


symbol_number = iter(range(50_000, 100_000))  # document numbers run to 99999
symbol_lock = threading.Lock()


def new_document(base: str, token: str, cookie: str | None = None) -> tuple[int, int | None, str | None]:
    """Registers a document; (status, its id when acknowledged, the recent-write cookie)."""
    with symbol_lock:
        number = next(symbol_number)
    status, body, mark = request(base, "POST", "/api/v1/documents", token, {
        "symbol": f"{number}-KH/TW", "title": f"Kế hoạch nhiều máy chủ {number}", "issuedOn": "2026-02-01"}, cookie=cookie)
    return status, (body.get("document") or {}).get("id") if status == 201 else None, mark


class Load(threading.Thread):
    """Writes documents through `base` without pause, recording each request's time and outcome."""

    def __init__(self, base: str, token: str):
        super().__init__(daemon=True)
        self.base, self.token = base, token
        self.stopping = threading.Event()
        self.outcomes: list[tuple[float, int]] = []  # (monotonic time answered, status)
        self.acknowledged: list[int] = []

    def run(self) -> None:
        while not self.stopping.is_set():
            status, document, _ = new_document(self.base, self.token)
            self.outcomes.append((time.monotonic(), status))
            if document is not None:
                self.acknowledged.append(document)
            elif status != 201:
                time.sleep(0.05)


def run_load(base: str, token: str, threads: int, seconds: float, during=None) -> list[Load]:
    loads = [Load(base, token) for _ in range(threads)]
    for load in loads:
        load.start()
    if during:
        during()
    else:
        time.sleep(seconds)
    for load in loads:
        load.stopping.set()
    for load in loads:
        load.join(timeout=30)
    return loads


def nginx_conf(directory: str) -> str:
    """The site of deploy/nginx with this run's ports and paths: its upstream and cache as lamtheo.conf declares them, and
    the shipped deploy/nginx/lamtheo-locations.conf itself."""
    temp = {name: os.path.join(directory, name) for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache")}
    for path in temp.values():
        os.makedirs(path, exist_ok=True)
    return f"""worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {directory}/access.log;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include /etc/nginx/mime.types;
    upstream lamtheo {{
        server {HOST}:{PORT_A} max_fails=1 fail_timeout=10s;
        server {HOST}:{PORT_B} max_fails=1 fail_timeout=10s;
        keepalive 16;
    }}
    proxy_cache_path {temp['cache']} levels=1:2 keys_zone=lamtheo_assets:1m max_size=50m inactive=1d;
    server {{
        listen {HOST}:{NGINX_PORT};
        include {os.path.join(ROOT, "deploy", "nginx", "lamtheo-locations.conf")};
    }}
}}
"""


def lag_sample(primary: Cluster) -> tuple[int, float] | None:
    row = primary.sql("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, "
                      "COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0) FROM pg_stat_replication LIMIT 1", "postgres")
    if not row:
        return None
    bytes_behind, ms = row.split("\t")
    # replay_lag keeps its last value while the replica has nothing to replay: caught up is 0 ms behind.
    return int(bytes_behind), float(ms) if int(bytes_behind) > 0 else 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "lamtheo"))
    parser.add_argument("--artifacts", default=os.path.join(ROOT, ".build", "topology"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        log("nginx is not installed (apt-get install nginx-light)")
        return 1
    os.makedirs(args.artifacts, exist_ok=True)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="lamtheo-topology-")
    os.chmod(work, 0o755)
    as_user = Unprivileged(work)
    bindir = os.path.dirname(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))[-1])
    primary = Cluster(as_user, bindir, os.path.join(work, "primary"), PRIMARY_PORT, work)
    replica = Cluster(as_user, bindir, os.path.join(work, "replica"), REPLICA_PORT, work)
    files = os.path.join(work, "files")  # one files directory for both processes (shared storage in a deployment)
    os.makedirs(files)
    a = Server("a", binary, PORT_A, work, files)
    b = Server("b", binary, PORT_B, work, files)
    nginx_dir = os.path.join(work, "nginx")
    os.makedirs(nginx_dir)
    nginx_proc: subprocess.Popen | None = None
    try:
        # The primary, and the replica as the runbook makes it.
        as_user.run(f"{bindir}/initdb", "-D", primary.data, "-U", "lamtheo", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        with open(os.path.join(primary.data, "postgresql.conf"), "a") as conf:
            conf.write("\nwal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nhot_standby_feedback = on\n"
                       "wal_keep_size = 256MB\nfsync = off\nfull_page_writes = off\n")
        primary.start()
        primary.sql("CREATE DATABASE lamtheo", "postgres")
        as_user.run(f"{bindir}/pg_basebackup", "-h", HOST, "-p", str(PRIMARY_PORT), "-U", "lamtheo", "-D", replica.data, "-R", "-X", "stream",
                    "-c", "fast")
        replica.start()
        check(replica.sql("SELECT pg_is_in_recovery()") == "t", "the replica streams from the primary (pg_is_in_recovery)")

        # Started together on the empty database: one migrates while the other waits for it (an advisory lock). Then A
        # fills the demo data and serves; B serves the same database.
        began = time.monotonic()
        a.launch("demo", primary.url(), replica.url())
        b.launch("serve", primary.url(), replica.url())
        a.wait_healthy()
        b.wait_healthy()
        log(f"A (migrations and demo data) and B, started together, serving in {time.monotonic() - began:.1f} s")
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "postgres:postgres", nginx_dir], check=True)
        with open(os.path.join(nginx_dir, "nginx.conf"), "w") as handle:
            handle.write(nginx_conf(nginx_dir))
        nginx_proc = as_user.popen([nginx, "-p", nginx_dir, "-c", os.path.join(nginx_dir, "nginx.conf"), "-g", "daemon off;"],
                                   os.path.join(nginx_dir, "stdout.log"))
        proxy = f"http://{HOST}:{NGINX_PORT}"
        for _ in range(50):
            if get(proxy, "/healthz", timeout=1)[0] == 200:
                break
            time.sleep(0.1)
        base_a, base_b = f"http://{HOST}:{PORT_A}", f"http://{HOST}:{PORT_B}"
        status, body, _ = request(base_a, "POST", "/api/v1/auth/tokens", body={"username": "admin", "password": "lamtheo-demo"})
        token = body["token"]

        # (a) A's write read through B; read-your-writes through nginx; a paused replica.
        _, document, mark = new_document(base_a, token)
        check(mark is not None, "a write's answer marks the client (lt_recent_write cookie)")
        found = get(base_b, f"/api/v1/documents/{document}", token, cookie=mark)[0]
        check(found == 200, f"a write through A is read at once through B by the writer (cookie: primary): {found}")
        waited = time.monotonic()
        while get(base_b, f"/api/v1/documents/{document}", token)[0] != 200 and time.monotonic() - waited < 10:
            time.sleep(0.005)
        visible_ms = (time.monotonic() - waited) * 1000
        figures["a_visible_through_b_without_cookie_ms"] = round(visible_ms, 1)
        check(visible_ms < 10_000, f"and by a client without the cookie (replica) after {visible_ms:.0f} ms")
        misses = 0
        cookie = None
        for _ in range(30):
            _, document, cookie = new_document(proxy, token, cookie)
            misses += get(proxy, f"/api/v1/documents/{document}", token, cookie=cookie)[0] != 200
        figures["read_your_writes_misses_of_30"] = misses
        check(misses == 0, f"through nginx the writer reads each of 30 writes back at once: {misses} missed")
        replica.sql("SELECT pg_wal_replay_pause()")
        time.sleep(0.2)
        _, paused_document, _ = new_document(proxy, token)
        lagging_read = get(proxy, f"/api/v1/documents/{paused_document}", token)[0]
        check(lagging_read == 404, f"with replay paused, a read without the cookie comes from the replica (not there yet: {lagging_read})")
        new_document(proxy, token)  # the replica now has WAL to replay and its last replayed commit grows old
        waited = time.monotonic()
        while get(proxy, f"/api/v1/documents/{paused_document}", token)[0] != 200 and time.monotonic() - waited < 15:
            time.sleep(0.1)
        fallback = time.monotonic() - waited
        figures["paused_replica_reads_on_primary_after_s"] = round(fallback, 1)
        check(fallback < MAX_LAG + 5, f"past the lag bound ({MAX_LAG} s) reads go to the primary: after {fallback:.1f} s")
        replica.sql("SELECT pg_wal_replay_resume()")

        # (b) lag under load.
        samples: list[tuple[int, float]] = []

        def sample_lag() -> None:
            end = time.monotonic() + 8
            while time.monotonic() < end:
                sample = lag_sample(primary)
                if sample:
                    samples.append(sample)
                time.sleep(0.1)

        loads = run_load(proxy, token, threads=4, seconds=8, during=sample_lag)
        writes = sum(len(load.acknowledged) for load in loads)
        lag_bytes = sorted(s[0] for s in samples) or [0]
        lag_ms = sorted(s[1] for s in samples) or [0.0]
        figures["load_writes_per_s"] = round(writes / 8, 1)
        figures["lag_bytes"] = {"p50": int(statistics.median(lag_bytes)), "max": lag_bytes[-1]}
        figures["lag_ms"] = {"p50": round(statistics.median(lag_ms), 1), "max": round(lag_ms[-1], 1)}
        check(bool(samples), f"replica lag under {writes / 8:.0f} writes/s through nginx ({len(samples)} samples): "
                             f"p50 {figures['lag_bytes']['p50']} bytes / {figures['lag_ms']['p50']} ms, "
                             f"max {figures['lag_bytes']['max']} bytes / {figures['lag_ms']['max']} ms")

        # (c) SIGKILL of A mid-load.
        killed_at: list[float] = []

        def kill_a() -> None:
            time.sleep(3)
            killed_at.append(time.monotonic())
            a.kill()
            time.sleep(6)

        loads = run_load(proxy, token, threads=4, seconds=0, during=kill_a)
        outcomes = sorted(o for load in loads for o in load.outcomes)
        acknowledged = [d for load in loads for d in load.acknowledged]
        after = [o for o in outcomes if o[0] >= killed_at[0]]
        failed = [o for o in after if o[1] != 201]
        recovered = (max(o[0] for o in failed) - killed_at[0]) if failed else 0.0
        stored = set(primary.sql(f"SELECT id FROM documents WHERE id IN ({','.join(map(str, acknowledged or [0]))})").split())
        lost = [d for d in acknowledged if str(d) not in stored]
        figures["kill"] = {"acknowledged": len(acknowledged), "lost": len(lost), "requests_after_kill": len(after),
                           "failed_after_kill": len(failed), "error_rate_after_kill": round(len(failed) / max(len(after), 1), 4),
                           "recovered_after_s": round(recovered, 2)}
        check(bool(acknowledged) and not lost, f"SIGKILL of A under load: {len(acknowledged)} acknowledged writes, {len(lost)} missing on the primary")
        check(len(after) > len(failed) and get(proxy, "/healthz")[0] == 200,
              f"nginx kept serving: {len(failed)} of {len(after)} requests failed after the kill "
              f"({100 * len(failed) / max(len(after), 1):.1f}%), writes succeeding again {recovered:.2f} s after it")

        # (d) failover: the runbook's steps.
        down = time.monotonic()
        primary.stop()
        b.stop()
        replica.as_user.run(f"{bindir}/pg_ctl", "-D", replica.data, "-w", "promote")
        check(replica.sql("SELECT pg_is_in_recovery()") == "f", "the replica is promoted")
        a.start("serve", replica.url(), None)
        b.start("serve", replica.url(), None)
        status = 0
        while status != 201 and time.monotonic() - down < 60:
            status, document, _ = new_document(proxy, token)
            if status != 201:
                time.sleep(0.1)
        failover = time.monotonic() - down
        figures["failover_s"] = round(failover, 1)
        check(status == 201 and get(proxy, f"/api/v1/documents/{document}", token)[0] == 200,
              f"after promotion and restart a write through nginx succeeds and reads back: {failover:.1f} s from stopping the primary")
        check(replica.sql(f"SELECT count(*) FROM documents WHERE id = {document}") == "1", "the write is on the promoted server")
    except Exception as error:  # a failure to start is a failure of the stage, with the logs kept
        problems.append(f"{type(error).__name__}: {error}")
        log(f"FAILED: {error}")
    finally:
        for server in (a, b):
            server.stop()
        if nginx_proc and nginx_proc.poll() is None:
            os.killpg(nginx_proc.pid, signal.SIGTERM)
            nginx_proc.wait(timeout=10)
        for cluster in (primary, replica):
            cluster.stop("immediate")
        for path in [a.log_path, b.log_path, primary.data + ".log", replica.data + ".log", os.path.join(nginx_dir, "error.log"),
                     os.path.join(nginx_dir, "nginx.conf")]:
            if os.path.exists(path):
                shutil.copy(path, os.path.join(args.artifacts, os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path)
                                               if path.startswith(nginx_dir) else os.path.basename(path)))
        shutil.rmtree(work, ignore_errors=True)
    figures["seconds"] = round(time.monotonic() - started, 1)
    with open(os.path.join(args.artifacts, "figures.json"), "w") as handle:
        json.dump({"figures": figures, "problems": problems}, handle, indent=2, ensure_ascii=False)
    log(f"figures: {json.dumps(figures, ensure_ascii=False)}")
    if problems:
        log(f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
        return 1
    log(f"OK in {figures['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
