#!/usr/bin/env python3
"""Hostile HTTP against a running LamTheo: what a careless or malicious client sends, over a real socket.

    python3 .ci/e2e/hostile.py --base http://127.0.0.1:PORT [--artifacts DIR]

Checks (every one prints a line; failures are listed at the end with method, path and what came back):
  (f) TRACE → 405 with Allow, never echoing the request;  (g) open redirects in /language/…?back= and in
  POST /login's next → a local path;  (d) path traversal in download paths → 4xx;  (c) malformed JSON and
  malformed multipart → 4xx;  (b) 50 MB body → 413, 20 KB URL → 414, 40 KB header → 431;  (a) absurd page /
  per values in every paged API list (from the OpenAPI document) and web list → 200 or 4xx;  (e) 100
  parallel wrong passwords on the API and on the web form → 401/422/429/503 only (429/503 with
  Retry-After), at most the throttle's limit actually checked, and an unrelated account still signs in;
  (h) /healthz still answers 200;  (i) /metrics answers 404 without its token or with another (200 with it, when known).
A dropped connection is a failure everywhere: the server must answer. Only 127.0.0.1 is contacted. The
bursts come from other loopback source addresses (127.0.0.3/4/5) so that the per-address lock they cause
does not shut out the rest of the run; every loop is bounded in count and in time.
The demo accounts (password lamtheo-demo) are used: admin, dangvien, bithu, thanhuy, xem, phuong.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import httpkit  # noqa: E402
from httpkit import Result  # noqa: E402

PASSWORD = "lamtheo-demo"
MAIN_SOURCE = "127.0.0.2"          # everything but the bursts
BURST_API_SOURCE = "127.0.0.3"
BURST_WEB_SOURCE = "127.0.0.4"
FRESH_SOURCE = "127.0.0.5"
THROTTLE_LIMIT = 10                # SignInThrottle.lockAfter: failures checked before an account/address is locked
BURSTS = 100
WEB_LISTS = ["/members", "/organizations", "/documents", "/campaigns", "/audit", "/commitments", "/breakthroughs", "/study-sessions",
             "/ratings", "/corrections", "/imports"]
HUGE_PAGES = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "4611686018427387904", "46116860184273880",
              "-1", "0", "1e99", "99999999999999999999", "1.5", "0x10", "abc", ""]
HUGE_PERS = ["99999999999999999999", "9223372036854775807", "-1", "0", "1e99", "201", "abc"]
COMBOS = ["page=46116860184273880&per=200", "page=9223372036854775807&per=200", "page=4611686018427387904&per=2",
          "page=2&per=9223372036854775807", "page=9223372036854775807&page=2"]
EVIL_HOSTS = ("evil.example",)


class ServerGone(RuntimeError):
    pass


@dataclass
class Credentials:
    admin_token: str
    admin_web: httpkit.WebSession
    member_token: str | None = None


@dataclass
class Failure:
    check: str
    method: str
    target: str
    expected: str
    actual: str

    def line(self) -> str:
        return f"{self.check}: {self.method} {self.target} — expected {self.expected}, got {self.actual}"


@dataclass
class Hostile:
    base: str
    credentials: Credentials | None = None
    # Called when the server stops answering: returns (answering again, what happened to the process or None).
    # run.py passes one that notices a dead process, names its crash and restarts it on the same database;
    # standalone, /healthz is waited for and a dead server ends the stage.
    revive: Callable[[str], tuple[bool, str | None]] | None = None
    budget: float = 240.0
    restart_budget: int = 12
    out: Callable[[str], None] = print
    # The server's LAMTHEO_METRICS_TOKEN, when known: the scrape with it must succeed.
    metrics_token: str | None = None
    cases: int = 0
    failures: list[Failure] = field(default_factory=list)
    deaths: list[str] = field(default_factory=list)
    crashers: set[str] = field(default_factory=set)
    skipped: int = 0

    def __post_init__(self):
        self.started = time.monotonic()
        self.ids: dict[str, int] = {}

    # MARK: plumbing

    def time_left(self) -> float:
        return self.budget - (time.monotonic() - self.started)

    def send(self, method: str, target: str, headers=None, body=None, *, key: str | None = None, source: str = MAIN_SOURCE,
             timeout: float = 20.0, **options) -> Result:
        """One request. `key` names its kind: once a kind has killed the server it is not sent again (one restart
        per distinct crash keeps the run short; the first failing request is reported)."""
        if self.time_left() <= 0:
            raise TimeoutError(f"time budget of {self.budget:.0f}s spent")
        if key and key in self.crashers:
            return Result(method, target, error=f"not sent: {key} killed the server before", skipped=True)
        result = httpkit.request(self.base, method, target, headers, body, source=source, timeout=timeout, **options)
        if result.status is None:
            death = self.after_no_answer(method, target, result)
            if death:
                result.error = f"{result.error}; the server process died: {death}"
                if key:
                    self.crashers.add(key)
        return result

    def after_no_answer(self, method: str, target: str, result: Result) -> str | None:
        """No answer: a dropped connection, or a dead server. None when the server still answers; else what
        happened to it, after bringing it back (or ServerGone when that is not possible)."""
        if httpkit.get(self.base, "/healthz", timeout=5).status == 200:
            return None
        shown = result.short_target(120)
        if self.revive is None:
            deadline = time.monotonic() + 45  # a crashing process writes its backtrace before it is gone
            while time.monotonic() < deadline:
                time.sleep(1)
                if httpkit.get(self.base, "/healthz", timeout=5).status == 200:
                    return None
            self.deaths.append(f"{method} {shown}")
            raise ServerGone(f"the server stopped answering after {method} {shown} ({result.error})")
        if self.restart_budget <= 0:
            raise ServerGone(f"the server stopped answering after {method} {shown}; no restarts left")
        self.restart_budget -= 1
        back, death = self.revive(f"hostile: {method} {shown}")
        if not back:
            raise ServerGone(f"the server died after {method} {shown} and did not come back")
        if death:
            self.deaths.append(f"{method} {shown}")
            self.out(f"  !! {death}; restarted")
        return death or "it stopped answering for a while"

    def verdict(self, check: str, result: Result, ok: bool, expected: str, note: str = "") -> bool:
        if result.skipped:
            self.skipped += 1
            self.out(f"  skip {check}: {result.method} {result.short_target(100)} ({result.error})")
            return True
        self.cases += 1
        mark = "ok  " if ok else "FAIL"
        detail = f" {note}" if note else ""
        self.out(f"  {mark} {check}: {result.method} {result.short_target(100)} -> {result.outcome()}{detail}")
        if not ok:
            actual = result.outcome() + (f" ({note})" if note else "")
            self.failures.append(Failure(check, result.method, result.short_target(300), expected, actual))
        return ok

    def fail(self, check: str, method: str, target: str, expected: str, actual: str) -> None:
        self.cases += 1
        self.out(f"  FAIL {check}: {method} {target} -> {actual}")
        self.failures.append(Failure(check, method, target, expected, actual))

    def api(self, extra=None, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.credentials.admin_token}", "Accept": "application/json", **(extra or {})}

    def web(self, extra=None) -> dict[str, str]:
        return self.credentials.admin_web.headers(extra)

    @staticmethod
    def is_4xx(result: Result) -> bool:
        return result.status is not None and 400 <= result.status < 500

    # MARK: set-up

    def sign_in(self) -> None:
        if self.credentials is None:
            self.credentials = Credentials(
                admin_token=httpkit.api_token(self.base, "admin", PASSWORD, source=MAIN_SOURCE),
                admin_web=httpkit.require_web_session(self.base, "admin", PASSWORD, source=MAIN_SOURCE),
                member_token=httpkit.api_token(self.base, "dangvien", PASSWORD, source=MAIN_SOURCE))

    def first_id(self, collection: str) -> int | None:
        """The id of the first item of an API list (`/api/v1/campaigns` …), remembered."""
        if collection in self.ids:
            return self.ids[collection]
        result = httpkit.get(self.base, f"/api/v1{collection}", self.api(), source=MAIN_SOURCE)
        found = None
        if result.status == 200:
            try:
                data = result.json()
                items = data.get("items", data) if isinstance(data, dict) else data
                if isinstance(items, list) and items and isinstance(items[0], dict):
                    found = items[0].get("id")
            except (ValueError, AttributeError):
                pass
        self.ids[collection] = found
        return found

    def openapi(self) -> dict:
        result = httpkit.get(self.base, "/api/v1/openapi.json", source=MAIN_SOURCE)
        if result.status != 200:
            raise RuntimeError(f"GET /api/v1/openapi.json answered {result.outcome()}")
        return result.json()

    # MARK: (f) TRACE

    def check_trace(self) -> None:
        self.out("(f) TRACE is not allowed and echoes nothing")
        secret = "Bearer e2e-trace-secret"
        for path in ["/", "/login", "/healthz", "/api/v1/organizations", "/api/v1/openapi.json"]:
            result = self.send("TRACE", path, {"Authorization": secret, "Cookie": "lamtheo_session=e2e-trace-secret"})
            echoed = b"e2e-trace-secret" in result.body
            self.verdict("TRACE → 405", result, result.status == 405 and not echoed, "405, request not echoed",
                         "request echoed in the body" if echoed else "")
            if result.status == 405:
                self.verdict("405 names Allow", result, bool(result.header("allow")), "an Allow header (RFC 9110 §15.5.6)",
                             "" if result.header("allow") else "no Allow header")

    # MARK: (i) metrics

    def check_metrics(self) -> None:
        self.out("(i) /metrics is not public")
        for label, headers in [("no token", {}), ("another token", {"Authorization": "Bearer " + "0" * 44})]:
            result = self.send("GET", "/metrics", headers)
            self.verdict(f"/metrics with {label} → 404", result, result.status == 404, "404")
        if self.metrics_token:
            result = self.send("GET", "/metrics", {"Authorization": f"Bearer {self.metrics_token}"})
            self.verdict("/metrics with its token", result, result.status == 200 and b"http_requests_total" in result.body,
                         "200 with http_requests_total")

    # MARK: (g) open redirects

    @staticmethod
    def local_location(location: str | None) -> tuple[bool, str]:
        if location is None:
            return False, "no Location header"
        decoded = urllib.parse.unquote(location)
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in location + decoded):
            return False, f"control character in Location {location!r}"
        if not decoded.startswith("/"):
            return False, f"Location {location!r} is not a local path"
        if len(decoded) > 1 and decoded[1] in "/\\":
            return False, f"Location {location!r} starts with {decoded[:2]!r}: another host for a browser"
        if "\\" in decoded and any(host in decoded for host in EVIL_HOSTS):
            return False, f"Location {location!r} has a backslash"
        return True, f"Location {location!r}"

    def check_redirects(self) -> None:
        self.out("(g) redirects stay on this site")
        backs = ["/%5Cevil.example", "/%5C%5Cevil.example", "/%09/evil.example", "/%0A/evil.example", "//evil.example",
                 "https://evil.example", "%2F%2Fevil.example", "/%2F/evil.example", "/%0d%0aX-Injected:%20yes", "%5C%5Cevil.example"]
        for back in backs:
            result = self.send("GET", f"/language/en?back={back}", key=f"back={back}")
            ok, note = self.local_location(result.header("location"))
            injected = "x-injected" in result.headers
            self.verdict("language back= is local", result, result.status in (302, 303, 307) and ok and not injected,
                         "3xx to a local path", note + (" and an injected header" if injected else ""))
        # Controls: a local path is kept (a switch that always went to "/" would pass the checks above).
        result = self.send("GET", "/language/en?back=/organizations%3Fq%3Dx")
        self.verdict("language back= keeps a local path", result, result.status in (302, 303, 307)
                     and result.header("location") == "/organizations?q=x", "3xx to /organizations?q=x", f"Location {result.header('location')!r}")
        _, result = httpkit.web_sign_in(self.base, "admin", PASSWORD, source=MAIN_SOURCE, next_path="/members?q=nguyen")
        result.target = "/login (next='/members?q=nguyen')"
        self.verdict("login keeps a local next", result, result.status in (302, 303) and result.header("location") == "/members?q=nguyen",
                     "3xx to /members?q=nguyen", f"Location {result.header('location')!r}")
        nexts = ["/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\n/evil.example",
                 "/\r\nX-Injected: yes"]
        for next_path in nexts:
            if self.time_left() <= 0:
                raise TimeoutError("time budget spent")
            _, result = httpkit.web_sign_in(self.base, "admin", PASSWORD, source=MAIN_SOURCE, next_path=next_path)
            ok, note = self.local_location(result.header("location"))
            injected = "x-injected" in result.headers
            result.target = f"/login (next={next_path!r})"
            self.verdict("login next is local", result, result.status in (302, 303) and ok and not injected,
                         "3xx to a local path", note + (" and an injected header" if injected else ""))
            if result.status is None:
                self.after_no_answer("POST", result.target, result)

    # MARK: (d) traversal

    def check_traversal(self) -> None:
        self.out("(d) traversal in download paths is refused")
        doc = self.first_id("/documents") or 1
        commitment = self.first_id("/commitments") or 1
        breakthrough = self.first_id("/breakthroughs") or 1
        payloads = ["..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "..%5c..%5c..%5cetc%5cpasswd", "..\\..\\..\\etc\\passwd", "../../../../etc/passwd", "%00", "passwd%00.pdf",
                    "..%00/etc/passwd", "%252e%252e%252fetc%252fpasswd", "..%c0%af..%c0%afetc%c0%afpasswd", "....//....//etc/passwd",
                    "%2fetc%2fpasswd", "1%2f..%2f..%2f..%2fetc%2fpasswd"]
        templates = [("web", "/documents/1/file/{}"), ("web", f"/documents/{doc}/attachments/{{}}"), ("web", "/reflections/{}/file"),
                     ("web", f"/commitments/{commitment}/check-ins/{{}}/evidence"), ("web", f"/breakthroughs/{breakthrough}/check-ins/{{}}/evidence"),
                     ("web", "/exports/{}"), ("web", "/assets/{}"),
                     ("api", f"/api/v1/documents/{doc}/attachments/{{}}"), ("api", "/api/v1/exports/{}"),
                     ("api", f"/api/v1/commitments/{commitment}/check-ins/{{}}/evidence")]
        for kind, template in templates:
            headers = self.web() if kind == "web" else self.api()
            for payload in payloads:
                result = self.send("GET", template.format(payload), headers, key=f"traversal {payload!r}")
                leaked = b"root:" in result.body
                self.verdict("traversal → 4xx", result, self.is_4xx(result) and not leaked, "4xx",
                             "/etc/passwd in the body" if leaked else "")
        # A NUL byte in the request line or a header is not HTTP at all. SwiftNIO's HTTP parser refuses it
        # before Vapor sees the request and closes the connection without an answer (Vapor offers no hook to
        # answer 400 there): accepted as a refusal, as long as nothing leaks and the server lives on
        # (checked after the stage).
        for raw in ["/documents/1/file/\x00../../etc/passwd", f"/documents/{doc}/attachments/1\x00.pdf"]:
            result = self.send("GET", raw, self.web(), key="NUL in the request target")
            self.verdict("NUL in target → 400 or refused by the parser", result, result.status in (400, None), "400 or closed")
        result = self.send("GET", "/healthz", {"X-Probe": "a\x00b"}, key="NUL in a header")
        self.verdict("NUL in a header → 400 or refused by the parser", result, result.status in (400, None), "400 or closed")

    # MARK: (c) malformed bodies

    def check_malformed(self) -> None:
        self.out("(c) malformed JSON and multipart are refused with 4xx")
        bodies = {"truncated object": b'{"username": "admin", "pass', "open array": b"[1, 2", "bare word": b"nul",
                  "trailing garbage": b'{"name": "x"} garbage', "invalid UTF-8": b'{"name": "\xff\xfe"}',
                  "huge exponent": b'{"page": 1e999999, "name": 1e400}', "deep nesting": b"[" * 100000 + b"]" * 100000,
                  "deep objects": b'{"a":' * 50000 + b"1" + b"}" * 50000, "lone surrogate": b'{"name": "\\ud800"}',
                  "empty body": b""}
        targets = ["/api/v1/auth/tokens", "/api/v1/organizations", "/api/v1/members", "/api/v1/documents", "/api/v1/campaigns",
                   "/api/v1/commitments", "/api/v1/users", "/api/v1/study-sessions", "/api/v1/ratings/steps"]
        for target in targets:
            for name, body in bodies.items():
                result = self.send("POST", target, self.api({"Content-Type": "application/json"}), body, key=f"JSON {name}")
                self.verdict(f"malformed JSON ({name}) → 400/415/422", result, result.status in (400, 413, 415, 422),
                             "400, 413, 415 or 422")
            result = self.send("POST", target, self.api({"Content-Type": "text/plain"}), b'{"name": "x"}')
            self.verdict("JSON as text/plain → 4xx", result, self.is_4xx(result), "4xx (415)")
        self.check_multipart()

    def multipart_variants(self, fields: dict[str, str]) -> list[tuple[str, str, bytes]]:
        """(name, Content-Type, body) for each malformed multipart shape."""
        good = "e2eBoundary7MA4YWxkTrZu0gW"
        parts = b"".join(f'--{good}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items())
        file_part = (f'--{good}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n'
                     "ma_the,ho_ten\r\n1,A\r\n").encode()
        whole = parts + file_part + f"--{good}--\r\n".encode()
        return [
            ("wrong boundary", f"multipart/form-data; boundary=someOtherBoundary", whole),
            ("truncated body", f"multipart/form-data; boundary={good}", whole[: len(parts) + 40]),
            ("no boundary parameter", "multipart/form-data", whole),
            ("empty boundary", "multipart/form-data; boundary=", whole),
            ("boundary of 300 characters", f"multipart/form-data; boundary={'b' * 300}", whole),
            ("part without Content-Disposition", f"multipart/form-data; boundary={good}",
             f"--{good}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{good}--\r\n".encode()),
            ("only the closing boundary", f"multipart/form-data; boundary={good}", f"--{good}--\r\n".encode()),
            ("garbage", f"multipart/form-data; boundary={good}", b"\x00\xff" * 2000),
        ]

    def check_multipart(self) -> None:
        doc = self.first_id("/documents") or 1
        commitment = self.first_id("/commitments") or 1
        breakthrough = self.first_id("/breakthroughs") or 1
        campaign = self.first_id("/campaigns") or 1
        csrf = self.credentials.admin_web.csrf
        web_forms = [f"/documents/{doc}/attachments", f"/breakthroughs/{breakthrough}/check-ins", "/reflections/new",
                     f"/commitments/{commitment}/check-ins", f"/imports?_csrf={csrf}", f"/me/reflections/{campaign}"]
        api_forms = [f"/api/v1/documents/{doc}/attachments?fileName=a.pdf", f"/api/v1/breakthroughs/{breakthrough}/check-ins",
                     "/api/v1/reflections", f"/api/v1/commitments/{commitment}/check-ins", "/api/v1/me/reflections"]
        for target in web_forms:
            for name, content_type, body in self.multipart_variants({"_csrf": csrf, "kind": "members", "note": "x"}):
                result = self.send("POST", target, self.web({"Content-Type": content_type}), body, key=f"multipart {name}")
                self.verdict(f"malformed multipart ({name}) → 4xx", result, self.is_4xx(result), "4xx")
        for target in api_forms:
            token = self.credentials.member_token if "/me/" in target and self.credentials.member_token else None
            for name, content_type, body in self.multipart_variants({"note": "x", "campaignId": str(campaign)}):
                result = self.send("POST", target, self.api({"Content-Type": content_type}, token), body, key=f"multipart {name}")
                self.verdict(f"malformed multipart ({name}) → 4xx", result, self.is_4xx(result), "4xx")
        # Control: a well-formed upload form with the right token must not be taken for a forged one. The import
        # form streams its file to disk, so its page puts the token in the form's address, not in the body.
        good = "e2eBoundaryControl"
        body = (f'--{good}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n{csrf}\r\n'
                f'--{good}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nmembers\r\n'
                f'--{good}\r\nContent-Disposition: form-data; name="file"; filename="empty.csv"\r\nContent-Type: text/csv\r\n\r\n'
                f"ma_the,ho_ten\r\n\r\n--{good}--\r\n").encode()
        result = self.send("POST", f"/imports?_csrf={csrf}", self.web({"Content-Type": f"multipart/form-data; boundary={good}"}), body)
        self.verdict("a valid multipart form with its _csrf is accepted", result,
                     result.status is not None and result.status < 500 and result.status != 403, "2xx/3xx or 422, not 403")

    # MARK: (b) oversized

    def check_oversized(self) -> None:
        self.out("(b) oversized body, URL and header get a clear 4xx")
        big = b'{"name": "' + b"x" * (50 * 1024 * 1024) + b'"}'
        for target, headers in [("/api/v1/members", self.api({"Content-Type": "application/json"})),
                                ("/api/v1/auth/tokens", {"Content-Type": "application/json"})]:
            result = self.send("POST", target, headers, big, timeout=60)
            self.verdict("50 MB JSON body → 413", result, result.status == 413, "413")
        chunked = self.send("POST", "/api/v1/organizations", self.api({"Content-Type": "application/json", "Transfer-Encoding": "chunked"}),
                            _chunked(big), content_length=False, timeout=60)
        self.verdict("50 MB chunked JSON body → 413", chunked, chunked.status == 413, "413")
        web_big = b"_csrf=" + self.credentials.admin_web.csrf.encode() + b"&name=" + b"x" * (50 * 1024 * 1024)
        result = self.send("POST", "/organizations/new", self.web({"Content-Type": "application/x-www-form-urlencoded"}), web_big, timeout=60)
        self.verdict("50 MB form body → 413", result, result.status == 413, "413")
        long_query = "/api/v1/organizations?q=" + "a" * (20 * 1024)
        result = self.send("GET", long_query, self.api())
        self.verdict("20 KB URL → 414", result, result.status == 414, "414")
        result = self.send("GET", "/organizations?q=" + "a" * (20 * 1024), self.web())
        self.verdict("20 KB URL → 414", result, result.status == 414, "414")
        result = self.send("GET", "/api/v1/organizations", self.api({"X-Filler": "a" * (40 * 1024)}))
        self.verdict("40 KB header → 431", result, result.status == 431, "431")
        many = [(f"X-Filler-{i}", "a" * 100) for i in range(400)]
        result = self.send("GET", "/healthz", many)
        self.verdict("400 headers of 100 bytes → 431", result, result.status == 431, "431")
        cookie = "lamtheo_session=" + "a" * (40 * 1024)
        result = self.send("GET", "/organizations", {"Cookie": cookie})
        self.verdict("40 KB cookie → 431", result, result.status == 431, "431")

    # MARK: (a) paging

    def paged_api_targets(self) -> list[str]:
        doc = self.openapi()
        components = doc.get("components", {}).get("parameters", {})
        prefix = (doc.get("servers") or [{"url": ""}])[0].get("url", "").rstrip("/")
        wanted = {"campaign": lambda: self.first_id("/campaigns"),
                  "period": lambda: self.first_id("/rating-periods"), "member": lambda: self.first_id("/members"),
                  "unit": lambda: self.first_id("/organizations")}
        targets = []
        for path, item in sorted(doc.get("paths", {}).items()):
            operation = item.get("get")
            if not operation:
                continue
            params = [components.get(p["$ref"].split("/")[-1], {}) if "$ref" in p else p
                      for p in operation.get("parameters", []) + item.get("parameters", [])]
            if not any(p.get("name") in ("page", "per") and p.get("in") == "query" for p in params):
                continue
            concrete = self.concrete_path(path)
            query = []
            for p in params:
                if p.get("in") == "query" and p.get("required") and p.get("name") not in ("page", "per"):
                    value = wanted.get(p["name"], lambda: None)() or (p.get("schema", {}).get("enum") or [1])[0]
                    query.append(f"{p['name']}={value}")
            targets.append(prefix + concrete + ("?" + "&".join(query) + "&" if query else "?"))
        return targets

    def concrete_path(self, template: str) -> str:
        """`/campaigns/{id}/obligations` → `/campaigns/3/obligations`, with the id of the first item of `/campaigns`."""
        segments = template.split("/")
        for index, segment in enumerate(segments):
            if segment.startswith("{"):
                collection = "/".join(segments[:index])
                segments[index] = str(self.first_id(collection) or 1)
        return "/".join(segments)

    def check_paging(self) -> None:
        self.out("(a) absurd page/per values: 200 or 4xx, never 5xx, never a dropped connection")
        api_targets = self.paged_api_targets()
        self.out(f"  paged API lists from the OpenAPI document: {', '.join(t.rstrip('?&') for t in api_targets)}")
        queries = [f"page={v}" for v in HUGE_PAGES] + [f"per={v}" for v in HUGE_PERS] + COMBOS
        targets = [(t, "api") for t in api_targets] + [(t + "?", "web") for t in WEB_LISTS]
        for query in queries:
            for target, kind in targets:
                result = self.send("GET", f"{target}{query}", self.api() if kind == "api" else self.web(), key=f"paging {query}")
                ok = result.status is not None and (result.status == 200 or 400 <= result.status < 500)
                self.verdict("paging → 200/4xx", result, ok, "200 or 4xx")

    # MARK: (e) sign-in bursts

    def burst(self, label: str, one: Callable[[int], Result]) -> list[Result]:
        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(one, range(BURSTS), timeout=max(30.0, self.time_left())))
        statuses: dict[str, int] = {}
        for result in results:
            statuses[result.outcome()] = statuses.get(result.outcome(), 0) + 1
        self.out(f"  {label}: {BURSTS} parallel wrong passwords → {dict(sorted(statuses.items()))}")
        bad = [r for r in results if r.status not in (401, 422, 429, 503)
               or (r.status in (429, 503) and not r.header("retry-after"))]
        self.cases += 1
        if bad:
            worst = bad[0]
            self.failures.append(Failure(f"{label} burst", worst.method, worst.target, "only 401/422/429/503, 429/503 with Retry-After",
                                         f"{len(bad)} of {BURSTS} otherwise: " + ", ".join(sorted({_describe(r) for r in bad}))))
            self.out(f"  FAIL {label} burst: {len(bad)} answers outside 401/422/429/503 or 429/503 without Retry-After")
        else:
            self.out(f"  ok   {label} burst: only 401/422/429/503, each 429/503 with Retry-After")
        checked = sum(1 for r in results if r.status in (401, 422))
        self.cases += 1
        if checked > THROTTLE_LIMIT:
            self.failures.append(Failure(f"{label} throttle", results[0].method, results[0].target,
                                         f"at most {THROTTLE_LIMIT} wrong passwords checked, then locked",
                                         f"{checked} of {BURSTS} parallel attempts were checked (401/422): the lock races"))
            self.out(f"  FAIL {label} throttle: {checked} of {BURSTS} attempts checked, limit {THROTTLE_LIMIT}")
        else:
            self.out(f"  ok   {label} throttle: {checked} attempts checked before the lock")
        return results

    def check_bursts(self) -> None:
        self.out("(e) parallel wrong passwords: throttled, never 5xx; other accounts still sign in")
        api_one = lambda i: httpkit.post_json(self.base, "/api/v1/auth/tokens", {"username": "bithu", "password": f"wrong-{i}"},
                                              source=BURST_API_SOURCE, timeout=60)
        self.burst("API sign-in", api_one)
        form = httpkit.web_form_token(self.base, source=BURST_WEB_SOURCE)

        def web_one(i: int) -> Result:
            body = urllib.parse.urlencode({"username": "thanhuy", "password": f"wrong-{i}", "_csrf": form.csrf})
            return httpkit.request(self.base, "POST", "/login", form.headers({"Content-Type": "application/x-www-form-urlencoded"}), body,
                                   source=BURST_WEB_SOURCE, timeout=60)
        self.burst("web sign-in", web_one)
        if httpkit.get(self.base, "/healthz", timeout=5).status != 200:
            self.after_no_answer("POST", "/api/v1/auth/tokens (burst)", Result("POST", "/api/v1/auth/tokens", error="after the bursts"))
        # The same address, another account: signed in, or told when to come back.
        result = httpkit.post_json(self.base, "/api/v1/auth/tokens", {"username": "xem", "password": PASSWORD}, source=BURST_API_SOURCE)
        self.verdict("other account, same address (API)", result,
                     result.status in (200, 201) or (result.status == 429 and bool(result.header("retry-after"))),
                     "200/201, or 429 with Retry-After", "" if result.status != 429 or result.header("retry-after") else "429 without Retry-After")
        session, result = httpkit.web_sign_in(self.base, "phuong", PASSWORD, source=BURST_WEB_SOURCE)
        self.verdict("other account, same address (web)", result,
                     result.status in (302, 303) or (result.status == 429 and bool(result.header("retry-after"))),
                     "303, or 429 with Retry-After", "" if result.status != 429 or result.header("retry-after") else "429 without Retry-After")
        # Another address and another account: the bursts must not lock everyone out.
        result = httpkit.post_json(self.base, "/api/v1/auth/tokens", {"username": "xem", "password": PASSWORD}, source=FRESH_SOURCE)
        self.verdict("other account, other address (API)", result, result.status in (200, 201), "200/201")

    # MARK: all

    def run(self) -> bool:
        checks = [self.check_metrics, self.check_trace, self.check_redirects, self.check_traversal, self.check_malformed, self.check_oversized,
                  self.check_paging, self.check_bursts]
        try:
            first = httpkit.get(self.base, "/healthz", timeout=10)
            if first.status != 200:
                raise ServerGone(f"/healthz answered {first.outcome()} before any check")
            self.sign_in()
            for check in checks:
                try:
                    check()
                except TimeoutError as error:
                    self.fail(check.__name__, "-", "-", "to finish within the time budget", str(error))
                    break
        except ServerGone as error:
            self.fail("server", "-", "-", "a server that keeps answering", str(error))
        except httpkit.SignInError as error:
            self.fail("sign-in", "POST", "/login or /api/v1/auth/tokens", "a signed-in session", str(error))
        self.out("(h) /healthz after all of it")
        result = httpkit.get(self.base, "/healthz", timeout=10)
        self.verdict("healthz at the end", result, result.status == 200, "200")
        return not self.failures

    def summary(self) -> str:
        lines = [f"hostile: {self.cases} cases, {len(self.failures)} failures in {time.monotonic() - self.started:.0f}s"
                 + (f"; {self.skipped} requests not sent because their kind had killed the server ({', '.join(sorted(self.crashers))})"
                    if self.skipped else "")]
        lines += [f"  - {failure.line()}" for failure in self.failures]
        return "\n".join(lines)


def _chunked(data: bytes, size: int = 1024 * 1024) -> bytes:
    out = bytearray()
    for offset in range(0, len(data), size):
        piece = data[offset:offset + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return bytes(out + b"0\r\n\r\n")


def _describe(result: Result) -> str:
    if result.status in (429, 503) and not result.header("retry-after"):
        return f"{result.status} without Retry-After"
    return result.outcome()


def main() -> int:
    parser = argparse.ArgumentParser(description="Hostile HTTP checks against a running LamTheo demo")
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--budget", type=float, default=240.0, help="seconds for the whole stage")
    parser.add_argument("--artifacts", help="directory for hostile-report.json")
    args = parser.parse_args()
    hostile = Hostile(args.base, budget=args.budget)
    ok = hostile.run()
    print(hostile.summary())
    if args.artifacts:
        os.makedirs(args.artifacts, exist_ok=True)
        with open(os.path.join(args.artifacts, "hostile-report.json"), "w") as handle:
            json.dump({"cases": hostile.cases, "failures": [f.__dict__ for f in hostile.failures]}, handle, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
