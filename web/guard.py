"""The desk's guard: plain ASGI middleware in front of every page, the JSON API and the served reports.

In order, for each HTTP request:

1. **Host**: the ``Host`` header must name this server (loopback names, the bound host, ``allowed_hosts``), so a
   web page elsewhere cannot reach a loopback desk through DNS rebinding → 400.
2. **Token** (when one is set; required off loopback): ``Authorization: Bearer <token>`` or the cookie that
   ``/?token=<token>`` sets (then redirected to ``/``, so the token leaves the address bar) → 401.
3. **Size**: a body over ``max_body`` bytes (by its Content-Length, or counted as it arrives) → 413.
4. **Forms** (a POST outside ``/api/``): the hidden field ``csrf`` must equal the ``mf_csrf`` cookie (double
   submit: another site can neither read the cookie nor set it) → 403.
5. **JSON API** (a POST under ``/api/``): the body must be ``application/json``, which a plain cross-site form
   cannot send → 415.

Every response gets a Content-Security-Policy without scripts (the desk is forms only; a report served from
``/out/`` gets its inline styles and images and nothing else), and the usual headers against sniffing, framing
and referrers.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 256 * 1024
"""Bytes a request body may hold: an article of ≈250 000 characters is far longer than any news story."""
CSRF_COOKIE = "mf_csrf"
CSRF_FIELD = "csrf"
TOKEN_COOKIE = "mf_token"
# an answer given instead of the app's: status, text, extra headers
_Answer = tuple[int, str, list[tuple[bytes, bytes]]]
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; base-uri 'none'; "
    "frame-ancestors 'self'"
)
"""Reports are self-contained files with inline CSS and SVG; their only script is JSON-LD, which never runs."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) can only be reached from this machine."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """``example.org:8765`` → ``example.org``; ``[::1]:8765`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


@dataclass(frozen=True)
class GuardConfig:
    """What the guard allows: the server's host names, its token (None: no token), the body limit."""

    bind_host: str = "127.0.0.1"
    token: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    max_body: int = MAX_BODY
    secure_cookies: bool = False

    def host_allowed(self, header: str) -> bool:
        """Whether a request's Host header names this server."""
        name = _host_name(header)
        if name in LOOPBACK_NAMES or name in {h.lower() for h in self.allowed_hosts}:
            return True
        if self.bind_host in ("0.0.0.0", "::", ""):
            return self.token is not None  # every interface: the token is what keeps strangers out
        return name == _host_name(self.bind_host)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is the same as none
        return {}
    return {k: m.value for k, m in jar.items()}


async def _plain(send: Send, status: int, text: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *_security_headers("/"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _security_headers(path: str) -> list[tuple[bytes, bytes]]:
    csp = REPORT_CSP if path.startswith("/out/") else PAGE_CSP
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"SAMEORIGIN" if path.startswith("/out/") else b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
    ]


class BodyTooLargeError(Exception):
    """The request body passed the limit while it arrived."""


class Guard:
    """The middleware (see the module's docstring)."""

    def __init__(self, app: ASGIApp, config: GuardConfig) -> None:
        """Guard ``app`` with ``config``."""
        self.app = app
        self.config = config

    def _cookie(self, name: str, value: str) -> tuple[bytes, bytes]:
        secure = "; Secure" if self.config.secure_cookies else ""
        return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check one request, then hand it to the app with the security headers added to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        cookies = _cookies(headers)
        answer = self._gate(scope, headers, cookies)
        if answer is not None:
            await _plain(send, *answer)
            return
        path: str = scope.get("path", "/")
        set_cookies: list[tuple[bytes, bytes]] = []
        csrf = cookies.get(CSRF_COOKIE, "")
        if len(csrf) != 32 or not csrf.isalnum():
            csrf = secrets.token_hex(16)
            set_cookies.append(self._cookie(CSRF_COOKIE, csrf))
        scope.setdefault("state", {})["csrf"] = csrf
        if scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS"):
            try:
                body = await self._read_body(receive)
            except BodyTooLargeError:
                await _plain(send, 413, self._too_large())
                return
            refusal = self._body_refusal(path, headers, cookies, body)
            if refusal is not None:
                await _plain(send, *refusal)
                return
            receive = _replay(body, receive)

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *[(k, v) for k, v in message.get("headers", []) if k.lower() not in _OWN],
                    *_security_headers(path),
                    *set_cookies,
                ]
            await send(message)

        await self.app(scope, receive, send_guarded)

    def _gate(self, scope: Scope, headers: dict[str, str], cookies: dict[str, str]) -> _Answer | None:
        """The answer to give instead of the app's, before any body is read: a host this server does not
        answer to, a missing or wrong token (or the redirect that trades ``?token=`` for its cookie), a declared
        body over the limit. None: the request goes on."""
        if not self.config.host_allowed(headers.get("host", "")):
            return 400, "This server does not answer to that host name.", []
        if self.config.token is not None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = query.get("token", [""])[0]
            if scope.get("method", "GET") == "GET" and scope.get("path", "/") == "/" and given:
                if not secrets.compare_digest(given.encode(), self.config.token.encode()):
                    return 401, "Wrong token.", []
                rest = urlencode([(k, v) for k, vs in query.items() if k != "token" for v in vs])
                location = "/" + (f"?{rest}" if rest else "")
                signed_in = [self._cookie(TOKEN_COOKIE, self.config.token), (b"location", location.encode())]
                return 303, "Signed in.", signed_in
            if not self._authorised(headers, cookies):
                return 401, "This desk needs its token: open /?token=… or send Authorization: Bearer …", []
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.config.max_body):
            return 413, self._too_large(), []
        return None

    def _body_refusal(
        self, path: str, headers: dict[str, str], cookies: dict[str, str], body: bytes
    ) -> _Answer | None:
        """The answer to a request that changes something: the API takes JSON only; a form needs its CSRF token."""
        if path.startswith("/api/"):
            kind = headers.get("content-type", "").split(";")[0].strip().lower()
            if kind != "application/json":
                return 415, "The API takes application/json.", []
        elif not self._csrf_ok(body, headers, cookies):
            return 403, "The form's security token is missing or stale: reload the page and try again.", []
        return None

    def _too_large(self) -> str:
        return f"The request is larger than {self.config.max_body // 1024} KiB."

    def _authorised(self, headers: dict[str, str], cookies: dict[str, str]) -> bool:
        token = (self.config.token or "").encode()
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer " and secrets.compare_digest(auth[7:].strip().encode(), token):
            return True
        return secrets.compare_digest(cookies.get(TOKEN_COOKIE, "").encode(), token)

    async def _read_body(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.config.max_body:
                raise BodyTooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    @staticmethod
    def _csrf_ok(body: bytes, headers: dict[str, str], cookies: dict[str, str]) -> bool:
        cookie = cookies.get(CSRF_COOKIE, "")
        if not cookie:
            return False
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            return False
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        sent = fields.get(CSRF_FIELD, [""])[0]
        return bool(sent) and secrets.compare_digest(sent.encode(), cookie.encode())


_OWN = {b"content-security-policy", b"x-content-type-options", b"referrer-policy", b"x-frame-options"}


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then the server's own (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
