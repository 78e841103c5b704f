"""The HTTP guard: host check, token, cross-site refusal, rate limits, body size caps.

One ASGI middleware does all five, in this order, before any route runs:

1. **Host.** Bound to loopback, the server answers only requests whose
   ``Host`` is a loopback name: a web page on another site cannot reach it
   through a DNS name rebound to 127.0.0.1.
2. **Token.** Bound elsewhere, every request but ``/api/health`` needs the
   token: ``Authorization: Bearer TOKEN``, an ``X-Eventwire-Token`` header,
   or the ``eventwire_token`` cookie, which a page visit with ``?token=``
   sets (HttpOnly, SameSite=Strict) before redirecting to the same page
   without it. Compared in constant time.
3. **Cross-site writes.** A POST that a browser marks as coming from another
   site (``Sec-Fetch-Site: cross-site``, or an ``Origin`` naming another
   host) is refused, so no web page can make a user's browser code or ingest
   through this server. Command-line clients send neither header.
4. **Rate.** A token bucket per client address for ``/api/``: ``rate``
   requests a second with bursts of ``burst``; the costly operations (coding,
   ingest, exports, clusters) draw from a second, smaller bucket. Over the
   limit: 429 with ``Retry-After``.
5. **Body size.** A request body over the cap (uploads to ``/api/ingest``
   have their own, larger cap) is refused with 413: at once when
   ``Content-Length`` says so, else as soon as the bytes read pass it.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.exceptions import HTTPException

TOKEN_COOKIE = "eventwire_token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
OPEN_PATHS = frozenset({"/api/health"})
# Costly operations draw from the small bucket.
HEAVY_PREFIXES = ("/api/code", "/api/ingest", "/api/events/export", "/api/clusters")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Buckets kept per client; past this the idle ones are dropped.
_MAX_CLIENTS = 10_000


@dataclass
class GuardConfig:
    """What the guard enforces; ``None``/0 turns a check off.

    Example: ``GuardConfig(token="s3cret", allowed_hosts=None, rate=20, burst=100)``
    """

    token: str | None = None
    allowed_hosts: frozenset[str] | None = None
    rate: float = 50.0
    burst: int = 200
    heavy_rate: float = 2.0
    heavy_burst: int = 10
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 50_000_000


class TokenBucket:
    """Per-key token buckets: ``take(key)`` is 0 when allowed, else the seconds to wait.

    Example: ``TokenBucket(rate=1, burst=2).take("10.0.0.1")`` -> ``0.0``
    """

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = float(rate), float(burst)
        self._state: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._state.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._state[key] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._state[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
            if len(self._state) > _MAX_CLIENTS:
                self._prune(now)
        return wait

    def _prune(self, now: float) -> None:
        full = [k for k, (t, last) in self._state.items() if t + (now - last) * self.rate >= self.burst]
        for k in full:
            del self._state[k]


class Guard:
    """The ASGI middleware described in the module notes."""

    def __init__(self, app, config: GuardConfig) -> None:
        self.app = app
        self.config = config
        self.light = TokenBucket(config.rate, config.burst) if config.rate > 0 else None
        self.heavy = TokenBucket(config.heavy_rate, config.heavy_burst) if config.heavy_rate > 0 else None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cfg = self.config
        headers = _headers(scope)
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        if cfg.allowed_hosts is not None and _hostname(headers.get("host", "")) not in cfg.allowed_hosts:
            await _reply(send, 400, "this server answers only on its own address (invalid Host header)")
            return
        if cfg.token and path not in OPEN_PATHS:
            if method == "GET" and not path.startswith("/api/") and "token=" in scope.get("query_string", b"").decode("latin-1"):
                await self._set_cookie(scope, send)
                return
            if not self._authorised(headers):
                await _reply(send, 401, "this server needs its token: send 'Authorization: Bearer TOKEN', "
                             "or open the address eventwire serve printed", {"www-authenticate": "Bearer"})
                return
        if method in _UNSAFE and _cross_site(headers):
            await _reply(send, 403, "requests from another site are refused")
            return
        if path.startswith("/api/"):
            heavy = path.startswith(HEAVY_PREFIXES)
            bucket = self.heavy if heavy else self.light
            if bucket is not None:
                client = (scope.get("client") or ("unknown", 0))[0]
                wait = bucket.take(client)
                if wait > 0:
                    await _reply(send, 429, f"too many requests: at most {bucket.rate:g} a second "
                                 f"{'for this operation ' if heavy else ''}(bursts of {bucket.burst:g}); retry in "
                                 f"{wait:.1f} s", {"retry-after": str(max(1, int(wait + 0.999)))})
                    return
        if method in _UNSAFE:
            cap = cfg.max_upload_bytes if path == "/api/ingest" else cfg.max_body_bytes
            length = headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > cap:
                await _reply(send, 413, f"request body of {int(length):,} bytes is over the limit of {cap:,}")
                return
            receive = _capped(receive, cap)
        await self.app(scope, receive, send)

    def _authorised(self, headers: dict[str, str]) -> bool:
        token = self.config.token or ""
        offered = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered.append(auth[7:].strip())
        if "x-eventwire-token" in headers:
            offered.append(headers["x-eventwire-token"].strip())
        if "cookie" in headers:
            cookie = SimpleCookie()
            try:
                cookie.load(headers["cookie"])
            except Exception:  # noqa: BLE001 - a malformed cookie header is simply no token
                cookie = SimpleCookie()
            if TOKEN_COOKIE in cookie:
                offered.append(cookie[TOKEN_COOKIE].value)
        return any(hmac.compare_digest(o.encode(), token.encode()) for o in offered if o)

    async def _set_cookie(self, scope, send) -> None:
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        offered = next((v for k, v in query if k == "token"), "")
        if not hmac.compare_digest(offered.encode(), (self.config.token or "").encode()):
            await _reply(send, 401, "wrong token")
            return
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        location = scope.get("path", "/") + (f"?{rest}" if rest else "")
        cookie = f"{TOKEN_COOKIE}={offered}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode()),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cross_site(headers: dict[str, str]) -> bool:
    if headers.get("sec-fetch-site", "").lower() == "cross-site":
        return True
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


def _capped(receive, cap: int):
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                # An HTTPException passes through FastAPI's body parsing as it is.
                raise HTTPException(413, f"request body is over the limit of {cap:,} bytes")
        return message

    return wrapped


async def _reply(send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
