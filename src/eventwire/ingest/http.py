"""Fetching pages politely and safely.

:class:`Fetcher` wraps one ``httpx.Client`` and enforces, on every hop of a
redirect chain: http(s) only; a host whose every resolved address is public
(unless ``http.allow_private_addresses``: a URL is user input, and the
server accepts URLs); robots.txt (cached per host for a day, fetched with the
same limits; unreachable or missing means allowed); a redirect cap; a
byte cap counted while streaming (after Content-Encoding is undone, so a
compressed bomb is cut off too) and a wall-clock cap per response, because
httpx's timeout is per read and a server dripping a byte at a time would
never trip it. Failures raise ``FetchError`` with a stable reason:
``fetch_failed``, ``http_status``, ``robots``, ``too_large``,
``private_address``, ``unsupported``.

Known limit: the address check resolves the name, then httpx resolves it
again to connect, so a DNS server that answers differently within
milliseconds (rebinding) can get past it. Pinning the address would need a
custom transport; run behind an egress firewall where that matters.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
import urllib.robotparser
from collections import OrderedDict
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import msgspec

from eventwire.errors import FetchError
from eventwire.ingest.decode import looks_binary, looks_like_html
from eventwire.ingest.streams import make_reject
from eventwire.records import RawDocument, Reject
from eventwire.settings import Settings

if TYPE_CHECKING:  # httpx (and the rich and click its CLI brings) loads only when a URL is fetched
    import httpx

Resolver = Callable[[str, int], list[str]]

_REDIRECTS = {301, 302, 303, 307, 308}
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
# RFC 9309 lets crawlers cache robots.txt for up to 24 hours.
_ROBOTS_TTL_S = 24 * 3600
# Hosts whose robots.txt is kept; a watch over many feeds touches a few
# hundred hosts, and an entry is a few KB.
_ROBOTS_MAX_HOSTS = 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """A fetched response body with what the server said about it."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    fetched_at: dt.datetime


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as strings.

    Example: ``resolve_host("localhost", 80)`` returns ``["127.0.0.1", "::1"]``
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved addresses.

    IPv4 addresses embedded in IPv6 (mapped, 6to4, Teredo) are judged by
    the IPv4 address, which is where the packets end up.

    Example: ``is_public_address("10.1.2.3")`` is False.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def check_address(host: str, port: int, resolve: Resolver = resolve_host) -> None:
    """Raise ``FetchError("private_address")`` unless every address of host is public.

    Example: ``check_address("127.0.0.1", 80)`` raises.
    """
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError("fetch_failed", f"cannot resolve host {host!r}: {exc}") from exc
    for address in addresses:
        try:
            public = is_public_address(address)
        except ValueError:
            public = False
        if not public:
            raise FetchError(
                "private_address",
                f"{host} resolves to {address}, a private/loopback/link-local address; "
                "set http.allow_private_addresses = true to fetch from it",
            )


class Fetcher:
    """Fetches URLs under the settings' limits; reuse one for many URLs.

    Example::

        with Fetcher(Settings()) as fetcher:
            page = fetcher.fetch("https://example.org/news/1")
    """

    def __init__(
        self, settings: Settings, *, client: httpx.Client | None = None, resolve: Resolver = resolve_host
    ) -> None:
        import httpx

        self.settings = settings
        http = settings.http
        self._own_client = client is None
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(http.timeout_s),
            follow_redirects=False,  # followed by hand, so each hop is checked
            headers={"User-Agent": http.user_agent, "Accept": _ACCEPT},
        )
        self._resolve = resolve
        self._robots: OrderedDict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = OrderedDict()
        # robotparser matches a group when its name is in the agent's first
        # word, lowercased: "eventwire" for "eventwire/0.1.0 (+...)".
        self._agent = http.user_agent.split("/", 1)[0].split()[0].lower() if http.user_agent.strip() else "*"

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this Fetcher made it."""
        if self._own_client:
            self._client.close()

    def fetch(self, url: str) -> Page:
        """GET ``url`` following redirects by hand; raise FetchError on any failure.

        Example: ``Fetcher(Settings()).fetch("https://example.org/").status == 200``
        """
        return self._get(url, check_robots=self.settings.http.respect_robots)

    def robots_allow(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets this agent fetch it.

        Example: ``fetcher.robots_allow("https://example.org/private/x")``
        """
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        now = time.monotonic()
        cached = self._robots.get(key)
        if cached is None or now - cached[0] > _ROBOTS_TTL_S:
            cached = (now, self._load_robots(key))
            self._robots[key] = cached
            while len(self._robots) > _ROBOTS_MAX_HOSTS:
                self._robots.popitem(last=False)
        self._robots.move_to_end(key)
        parser = cached[1]
        return parser is None or parser.can_fetch(self._agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The parsed robots.txt of an origin, or None (allow all) if unavailable."""
        try:
            page = self._get(f"{origin}/robots.txt", check_robots=False)
        except FetchError:
            # RFC 9309 treats 4xx as "no rules"; unreachable hosts are also
            # let through here, since the page fetch will fail on its own.
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(page.content.decode("utf-8", errors="replace").splitlines())
        return parser

    def _get(self, url: str, *, check_robots: bool) -> Page:
        http = self.settings.http
        current = url
        for _ in range(http.max_redirects + 1):
            try:
                parts = urlsplit(current)
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError as exc:  # a bad port or IPv6 literal
                raise FetchError("unsupported", f"{current!r} is not a valid URL: {exc}") from exc
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError("unsupported", f"{current!r} is not an http(s) URL")
            if not http.allow_private_addresses:
                check_address(parts.hostname, port, self._resolve)
            if check_robots and not self.robots_allow(current):
                raise FetchError("robots", f"robots.txt of {parts.netloc} disallows {current} for {self._agent}")
            status, headers, content = self._get_once(current)
            location = headers.get("location")
            if status in _REDIRECTS and location:
                try:
                    current = urljoin(current, location.strip())
                except ValueError as exc:  # a Location such as "http://[" is the server's fault
                    raise FetchError("fetch_failed", f"{current} redirects to an invalid URL {location!r}: {exc}") from exc
                continue
            if not 200 <= status < 300:
                raise FetchError("http_status", f"HTTP {status} from {current}")
            media, charset = _parse_content_type(headers.get("content-type", ""))
            return Page(
                url=url, final_url=current, status=status, content_type=media, charset=charset,
                content=content, fetched_at=dt.datetime.now(dt.UTC),
            )
        raise FetchError("fetch_failed", f"more than {http.max_redirects} redirects from {url} (http.max_redirects)")

    def _get_once(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        """One request; the body only for 2xx answers, capped in bytes and time."""
        import httpx

        http = self.settings.http
        deadline = time.monotonic() + http.timeout_s
        try:
            with self._client.stream("GET", url) as response:
                if not response.is_success:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > http.max_bytes:
                    raise FetchError("too_large", f"{url} is {declared} bytes, over http.max_bytes = {http.max_bytes}")
                pieces: list[bytes] = []
                size = 0
                for piece in response.iter_bytes():
                    size += len(piece)
                    if size > http.max_bytes:
                        raise FetchError("too_large", f"{url} sent more than http.max_bytes = {http.max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError("fetch_failed", f"{url} took longer than http.timeout_s = {http.timeout_s} s")
                    pieces.append(piece)
                return response.status_code, response.headers, b"".join(pieces)
        except httpx.TimeoutException as exc:
            cause = type(exc).__name__
            raise FetchError("fetch_failed", f"{url} timed out after {http.timeout_s} s ({cause})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            cause = str(exc) or type(exc).__name__
            raise FetchError("fetch_failed", f"cannot fetch {url}: {cause}") from exc
        except ValueError as exc:  # a URL urlsplit accepts but httpx's parser does not ("Invalid IPv6 URL")
            raise FetchError("unsupported", f"{url!r} is not a valid URL: {exc}") from exc


def document_from_page(
    page: Page, *, source: str, title: str | None = None, published: dt.date | None = None
) -> RawDocument | Reject:
    """A fetched page as a RawDocument (html or text), or a Reject for other types.

    Example: ``document_from_page(fetcher.fetch(url), source=url).kind == "html"``
    """
    content = page.content
    if not content.strip():
        return make_reject(source, "empty", f"{page.final_url} returned an empty body")
    media = page.content_type
    if media in HTML_TYPES:
        kind = "html"
    elif media in TEXT_TYPES:
        kind = "text"
    elif not media or media in ("application/octet-stream", "application/xml", "text/xml"):
        if looks_binary(content[:8192]):
            return make_reject(source, "binary", f"{page.final_url} is not text", content=content)
        kind = "html" if looks_like_html(content) else "text"
    else:
        return make_reject(
            source, "unsupported", f"{page.final_url} is {media}, not an HTML or text page", content=content
        )
    return RawDocument(
        source=source, content=content, kind=kind, url=page.final_url, fetched_at=page.fetched_at,
        title=title, published=published, encoding=page.charset,
    )


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset
