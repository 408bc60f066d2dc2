#!/usr/bin/env python3
"""CI stage: `lamtheo backup` while the real server keeps writing, `lamtheo restore` into a fresh database, and checks.

For SQLite and for PostgreSQL in turn: `lamtheo demo` starts (servers.py), a writer registers documents and attaches a
new PDF to each through the API without pause, `lamtheo backup --output` runs meanwhile, then the writer stops. The
archive is restored into a new database and files directory, and checked from outside LamTheo: row counts per table
(sqlite3 / psql) and every file's SHA-256 equal the manifest's; `lamtheo audit verify` on the restored copy prints the
manifest's head, which is the source's event of that number (the source went on writing after it); the writer had no
failure; a second restore into the now non-empty target is refused without --force.

    python3 .ci/backup/run.py --binary .build/debug/lamtheo [--backend sqlite|postgres|all]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import servers  # noqa: E402

PORTS = os.environ.get("LAMTHEO_BACKUP_PORTS", "18650-18699")
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def log(message: str) -> None:
    print(f"[backup] {message}", flush=True)


def call(base: str, method: str, path: str, token: str | None = None, body: bytes | None = None,
         content_type: str = "application/json") -> dict:
    request = urllib.request.Request(base + path, data=body, method=method)
    request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


class Writer(threading.Thread):
    """Registers documents and attaches a distinct PDF to each, as fast as the server answers, until stopped."""

    def __init__(self, base: str, token: str, prefix: int):
        super().__init__(daemon=True)
        self.base, self.token, self.prefix = base, token, prefix
        self.stopping = threading.Event()
        self.writes = 0
        self.failures: list[str] = []

    def run(self) -> None:
        number = 0
        while not self.stopping.is_set():
            number += 1
            try:
                document = call(self.base, "POST", "/api/v1/documents", self.token, json.dumps({
                    "symbol": f"{self.prefix + number}-KH/TW", "title": f"Kế hoạch sao lưu thử {number}",
                    "issuedOn": "2026-01-15"}).encode())
                call(self.base, "POST", f"/api/v1/documents/{document['document']['id']}/attachments?fileName=ke-hoach-{number}.pdf",
                     self.token, PDF + f"% {self.prefix} {number}\n".encode(), "application/pdf")
                self.writes += 2
            except Exception as error:  # every failure is reported; the stage fails on any
                self.failures.append(f"write {number}: {error}")
                time.sleep(0.2)


def lamtheo(binary: str, env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([binary, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    if check and result.returncode != 0:
        raise RuntimeError(f"lamtheo {' '.join(args)} exited {result.returncode}:\n{result.stdout}")
    return result


def command_env(database_url: str, files: str) -> dict:
    env = dict(os.environ, LAMTHEO_DATABASE_URL=database_url, LAMTHEO_FILES_DIR=files)
    env.pop("LAMTHEO_PORT", None)
    return env


def row_counts(database_url: str, tables: list[str]) -> dict[str, int]:
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url[len("sqlite://"):]) as connection:
            return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    query = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
    output = subprocess.run(["psql", database_url, "-At", "-F", "\t", "-c", query], check=True, stdout=subprocess.PIPE, text=True).stdout
    return {name: int(count) for name, count in (line.split("\t") for line in output.splitlines())}


def virtual_tables(database_url: str) -> set[str]:
    """SQLite's full-text search tables. Python's SQLite may be older than the one LamTheo carries and refuse their
    options; their shadow tables (…_data, …_idx, …_config) are ordinary tables and are compared like the others."""
    if not database_url.startswith("sqlite://"):
        return set()
    with sqlite3.connect(database_url[len("sqlite://"):]) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        return {name for (name,) in rows}


def audit_hash(database_url: str, seq: int) -> str:
    query = f"SELECT hash FROM audit_events WHERE seq = {seq}"
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url[len("sqlite://"):]) as connection:
            return connection.execute(query).fetchone()[0]
    return subprocess.run(["psql", database_url, "-At", "-c", query], check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def file_hashes(directory: str) -> dict[str, str]:
    found = {}
    for root, folders, files in os.walk(directory):
        folders[:] = [f for f in folders if not (root == directory and f == "uploads")]
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                found["files/" + os.path.relpath(path, directory)] = hashlib.sha256(handle.read()).hexdigest()
    return found


def stage(name: str, binary: str, source_url: str, restored_url: str, workdir: str, server: servers.DemoServer) -> list[str]:
    problems: list[str] = []
    token = call(server.base, "POST", "/api/v1/auth/tokens", body=json.dumps({"username": "admin", "password": "lamtheo-demo"}).encode())["token"]
    source = command_env(source_url, os.path.join(server.workdir, "lamtheo-files"))
    writer = Writer(server.base, token, 7000 + int(time.time()) % 1000 * 10)
    writer.start()
    time.sleep(2)
    archive = os.path.join(workdir, f"{name}.zip")
    started, writes_before = time.monotonic(), writer.writes
    backup = lamtheo(binary, source, "backup", "--output", archive)
    took = time.monotonic() - started
    writes_during = writer.writes - writes_before
    time.sleep(1)
    writer.stopping.set()
    writer.join(timeout=60)
    log(f"{name}: {backup.stdout.strip().splitlines()[-1]} in {took:.1f}s; the writer made {writer.writes} writes, {writes_during} while the backup ran")
    problems += [f"{name}: {failure}" for failure in writer.failures[:5]]
    if writer.writes == 0:
        problems.append(f"{name}: the writer wrote nothing")

    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    facts = manifest["facts"]
    head = facts["auditHead"]
    if audit_hash(source_url, head["events"]) != head["hash"]:
        problems.append(f"{name}: the manifest's audit head is not the source's event #{head['events']}")
    if row_counts(source_url, ["audit_events"])["audit_events"] <= head["events"]:
        problems.append(f"{name}: the source wrote nothing after the backup's moment: the test proves nothing")

    restored_files = os.path.join(workdir, f"{name}-restored-files")
    target = command_env(restored_url, restored_files)
    started = time.monotonic()
    restore = lamtheo(binary, target, "restore", archive)
    log(f"{name}: {restore.stdout.strip().splitlines()[-1]} in {time.monotonic() - started:.1f}s")

    virtual = virtual_tables(restored_url)
    expected_counts = {t: n for t, n in facts["rowCounts"].items() if t not in virtual}
    counts = row_counts(restored_url, sorted(expected_counts))
    differing = [f"{t} {counts.get(t)} ≠ {n}" for t, n in expected_counts.items() if counts.get(t) != n]
    if differing:
        problems.append(f"{name}: restored row counts differ from the manifest: {', '.join(differing[:10])}")
    expected_files = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    if file_hashes(restored_files) != expected_files:
        problems.append(f"{name}: the restored files differ from the manifest's {len(expected_files)}")
    verify = lamtheo(binary, target, "audit", "verify", check=False)
    match = re.search(r"(\d+) sự kiện / events, head ([0-9a-f]{64})", verify.stdout)
    if verify.returncode != 0 or not match or (int(match.group(1)), match.group(2)) != (head["events"], head["hash"]):
        problems.append(f"{name}: audit verify on the restored copy: {verify.stdout.strip()} (manifest: #{head['events']} {head['hash']})")
    again = lamtheo(binary, target, "restore", archive, check=False)
    if again.returncode == 0 or "--force" not in again.stdout:
        problems.append(f"{name}: a restore into the restored (non-empty) target was not refused: {again.stdout.strip()}")
    log(f"{name}: {sum(counts.values())} rows in {len(counts)} tables, {len(expected_files)} files, audit head #{head['events']} checked")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/debug/lamtheo")
    parser.add_argument("--backend", choices=[*servers.BACKENDS, "all"], default="all")
    parser.add_argument("--artifacts", default=".build/backup")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    backends = servers.BACKENDS if args.backend == "all" else (args.backend,)
    workdir = tempfile.mkdtemp(prefix="lamtheo-backup-ci-")
    problems: list[str] = []
    try:
        with servers.DemoServers(binary, args.artifacts, backends, ports=PORTS) as running:
            for name, server in running.items():
                if name == "postgres":
                    source_url = server.database_url
                    restored_url = source_url.rsplit("/", 1)[0] + "/lamtheo_restored"
                    subprocess.run(["psql", source_url, "-q", "-c", "CREATE DATABASE lamtheo_restored"], check=True)
                else:
                    source_url = f"sqlite://{os.path.join(server.workdir, 'lamtheo-demo.sqlite')}"
                    restored_url = f"sqlite://{os.path.join(workdir, 'restored.sqlite')}"
                problems += stage(name, binary, source_url, restored_url, workdir, server)
                if (death := server.check("backup")) is not None:
                    problems.append(death)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for problem in problems:
        log(f"FAIL {problem}")
    log("backup and restore: OK" if not problems else f"backup and restore: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
