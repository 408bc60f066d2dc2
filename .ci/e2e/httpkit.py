"""A small HTTP/1.1 client over plain sockets, for tests that must see exactly what the server does.

`http.client` refuses to send much of what a hostile client sends (control characters in the target, a
NUL byte, a header of 40 KB is fine but a bare `\\r` is not), and `requests` hides a dropped connection
behind retries. Here every request is written byte for byte on a new connection and the outcome is either
a parsed response or the name of what went wrong (`connection closed without an answer`, a reset, a
timeout). Only 127.0.0.1 is ever contacted; the source address can be another loopback address
(127.0.0.2 …) so that the server's per-address sign-in throttle sees distinct clients.
"""
from __future__ import annotations

import http.client
import json
import select
import socket
import time
import re
import urllib.parse
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass
class Result:
    method: str
    target: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names; repeated headers joined by "\n"
    body: bytes = b""
    error: str | None = None
    seconds: float = 0.0
    skipped: bool = False  # not sent: the same kind of request had killed the server before

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def outcome(self) -> str:
        return str(self.status) if self.status is not None else f"no answer ({self.error})"

    def short_target(self, limit: int = 160) -> str:
        shown = self.target.encode("unicode_escape").decode("ascii")
        return shown if len(shown) <= limit else f"{shown[:limit]}… ({len(self.target)} characters)"


def port_of(base: str) -> int:
    parsed = urllib.parse.urlsplit(base)
    if parsed.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError(f"refusing to contact {parsed.hostname}: these tests only talk to 127.0.0.1")
    return parsed.port or 80


def _connect(port: int, source: str | None, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    if source:
        try:
            sock.bind((source, 0))
        except OSError:
            pass  # another loopback address is a nicety, not a requirement
    sock.connect((HOST, port))
    return sock


def _read_response(sock: socket.socket, method: str, result: Result) -> None:
    response = http.client.HTTPResponse(sock, method=method)
    try:
        response.begin()
    except http.client.RemoteDisconnected:
        result.error = "connection closed without an answer"
        return
    except (ConnectionResetError, BrokenPipeError) as error:
        result.error = f"connection reset before an answer ({type(error).__name__})"
        return
    except socket.timeout:
        result.error = "timed out waiting for an answer"
        return
    except http.client.HTTPException as error:
        result.error = f"unparseable answer ({type(error).__name__}: {error})"
        return
    result.status = response.status
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        key = name.lower()
        headers[key] = f"{headers[key]}\n{value}" if key in headers else value
    result.headers = headers
    try:
        result.body = response.read() if method != "HEAD" else b""
    except (http.client.IncompleteRead, ConnectionResetError, socket.timeout) as error:
        result.error = f"answer body cut short ({type(error).__name__})"


def request(base: str, method: str, target: str, headers: dict[str, str] | list[tuple[str, str]] | None = None,
            body: bytes | str | None = None, *, source: str | None = None, timeout: float = 20.0,
            content_length: bool = True, chunk: int = 256 * 1024, raw_head: bytes | None = None) -> Result:
    """One request on a fresh connection (`Connection: close`). The body is sent in pieces, and sending stops
    as soon as the server answers (a server may answer 413 before reading a huge body)."""
    port = port_of(base)
    started = time.monotonic()
    result = Result(method, target)
    if isinstance(body, str):
        body = body.encode("utf-8")
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
    names = {name.lower() for name, _ in pairs}
    if "host" not in names:
        pairs.insert(0, ("Host", f"{HOST}:{port}"))
    if "connection" not in names:
        pairs.append(("Connection", "close"))
    if body is not None and content_length and "content-length" not in names and "transfer-encoding" not in names:
        pairs.append(("Content-Length", str(len(body))))
    head = raw_head if raw_head is not None else (
        f"{method} {target} HTTP/1.1\r\n".encode("latin-1", "replace")
        + b"".join(f"{name}: {value}\r\n".encode("latin-1", "replace") for name, value in pairs) + b"\r\n")
    try:
        sock = _connect(port, source, timeout)
    except OSError as error:
        result.error = f"cannot connect ({type(error).__name__}: {error})"
        result.seconds = time.monotonic() - started
        return result
    try:
        try:
            sock.sendall(head)
            if body:
                view = memoryview(body)
                for offset in range(0, len(body), chunk):
                    readable, _, _ = select.select([sock], [], [], 0)
                    if readable:
                        break  # the server has answered (or closed) already; read what it said
                    sock.sendall(view[offset:offset + chunk])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading; its answer, if any, is still in the socket
        except socket.timeout:
            result.error = "timed out while sending the request"
            return result
        _read_response(sock, method, result)
    finally:
        sock.close()
        result.seconds = time.monotonic() - started
    return result


def get(base: str, target: str, headers=None, **options) -> Result:
    return request(base, "GET", target, headers, **options)


def post_json(base: str, target: str, payload, headers=None, **options) -> Result:
    merged = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
    return request(base, "POST", target, merged, json.dumps(payload), **options)


def cookies_of(result: Result) -> dict[str, str]:
    jar: dict[str, str] = {}
    for line in (result.header("set-cookie") or "").split("\n"):
        if "=" in line:
            name, _, rest = line.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0].strip()
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


class SignInError(RuntimeError):
    pass


def api_token(base: str, username: str, password: str = "lamtheo-demo", source: str | None = None) -> str:
    result = post_json(base, "/api/v1/auth/tokens", {"username": username, "password": password, "name": "e2e"}, source=source)
    if result.status not in (200, 201):
        raise SignInError(f"POST /api/v1/auth/tokens as {username} answered {result.outcome()}: {result.body[:300]!r}")
    return result.json()["token"]


@dataclass
class WebSession:
    jar: dict[str, str]
    # Signed in, the form token is bound to the session and read from a page's forms; signed out, it is the
    # lamtheo_csrf cookie's value.
    form_token: str | None = None

    @property
    def csrf(self) -> str:
        return self.form_token or self.jar.get("lamtheo_csrf", "")

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Cookie": cookie_header(self.jar), **(extra or {})}


def web_form_token(base: str, source: str | None = None) -> WebSession:
    """GET /login: the CSRF cookie a browser gets before it signs in."""
    first = get(base, "/login", source=source)
    if first.status != 200:
        raise SignInError(f"GET /login answered {first.outcome()}")
    jar = cookies_of(first)
    if "lamtheo_csrf" not in jar:
        raise SignInError("GET /login set no lamtheo_csrf cookie")
    return WebSession(jar)


def web_sign_in(base: str, username: str, password: str = "lamtheo-demo", source: str | None = None,
                next_path: str | None = None) -> tuple[WebSession, Result]:
    """GET /login for the CSRF cookie, then POST the form as a browser does."""
    session = web_form_token(base, source)
    fields = {"username": username, "password": password, "_csrf": session.csrf}
    if next_path is not None:
        fields["next"] = next_path
    result = request(base, "POST", "/login", session.headers({"Content-Type": "application/x-www-form-urlencoded"}),
                     urllib.parse.urlencode(fields), source=source)
    session.jar.update(cookies_of(result))
    if result.status in (302, 303) and "lamtheo_session" in session.jar:
        page = get(base, result.headers.get("location", "/"), session.headers(), source=source)
        for _ in range(3):  # the start page sends each role on to its own page
            if page.status not in (302, 303):
                break
            page = get(base, page.headers.get("location", "/"), session.headers(), source=source)
        found = re.search(rb'name="_csrf" value="([^"]+)"', page.body or b"")
        session.form_token = found.group(1).decode() if found else None
    return session, result


def require_web_session(base: str, username: str, password: str = "lamtheo-demo", source: str | None = None) -> WebSession:
    session, result = web_sign_in(base, username, password, source)
    if result.status not in (302, 303) or "lamtheo_session" not in session.jar:
        raise SignInError(f"POST /login as {username} answered {result.outcome()} without a session cookie")
    return session
