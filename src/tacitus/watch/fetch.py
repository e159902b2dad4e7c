"""Polite HTTP: one client, a User-Agent naming Tacitus, robots.txt honoured, a pause
between requests to one host, timeouts, retries with backoff, a size cap, and
conditional GET.  Every failure becomes a one-line reason, never an exception."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.metadata import version
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from tacitus.watch.config import Politeness

# Statuses worth asking again after a pause: the server is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Longest pause a server's Retry-After may ask of us; longer ones count as a failure.
MAX_RETRY_AFTER = 60.0
# A site's robots.txt is read again after this many seconds (a watcher runs for days).
ROBOTS_TTL = 24 * 3600.0


def user_agent(contact: str | None) -> str:
    """``Tacitus/0.1.0 (news event coder; +https://example.org/contact)``."""
    reach = f"; +{contact}" if contact else ""
    return f"Tacitus/{version('tacitus')} (news event coder{reach})"


@dataclass(slots=True)
class Fetched:
    """What one GET gave: a body (200), nothing new (304), or the reason it failed."""

    url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.status == 304


class Fetcher:
    """GETs for the watcher; ``sleep`` and ``clock`` are injectable so tests need not wait."""

    def __init__(
        self,
        rules: Politeness,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rules = rules
        self.sleep = sleep
        self.clock = clock
        self.client = httpx.Client(
            headers={"User-Agent": user_agent(rules.contact)},
            timeout=rules.timeout,
            follow_redirects=True,
            max_redirects=rules.max_redirects,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}
        # Per site: when its robots.txt was read, and its rules or why it could not be.
        self._robots: dict[str, tuple[float, RobotFileParser | str]] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """``url``, conditionally on the validators of the copy we have."""
        refusal = self._robots_refusal(url)
        if refusal:
            return Fetched(url, error=refusal)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, headers)

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        fetched = Fetched(url)
        for attempt in range(self.rules.retries + 1):
            fetched, retry_after = self._once(url, headers)
            if retry_after is None or attempt == self.rules.retries:
                break
            self.sleep(max(retry_after, self.rules.backoff * 2**attempt))
        return fetched

    def _once(self, url: str, headers: dict[str, str]) -> tuple[Fetched, float | None]:
        """One GET, and how long to wait before trying again (None: do not)."""
        self._pause_for_host(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(url, response)
        except httpx.TooManyRedirects:
            return Fetched(url, error="too many redirects (a redirect loop?)"), None
        except httpx.TimeoutException:
            return Fetched(url, error=f"no answer within {self.rules.timeout:g} s"), 0.0
        except httpx.TransportError as error:
            return Fetched(url, error=f"unreachable: {first_line(error)}"), 0.0
        except httpx.InvalidURL as error:
            return Fetched(url, error=f"invalid URL: {first_line(error)}"), None

    def _read(self, url: str, response: httpx.Response) -> tuple[Fetched, float | None]:
        fetched = Fetched(
            url,
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        if response.status_code == 304:
            return fetched, None
        if response.status_code != 200:
            fetched.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            retry = response.status_code in RETRY_STATUSES
            return fetched, _retry_after(response) if retry else None
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.rules.max_bytes:
            fetched.error = f"larger than {self.rules.max_bytes} bytes ({declared} declared)"
            return fetched, None
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.rules.max_bytes:
                fetched.error = f"larger than {self.rules.max_bytes} bytes"
                return fetched, None
        fetched.body = bytes(body)
        return fetched, None

    def _pause_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = self.rules.host_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _robots_refusal(self, url: str) -> str | None:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        known = self._robots.get(root)
        if known is None or self.clock() - known[0] > ROBOTS_TTL:
            known = self._robots[root] = (self.clock(), self._read_robots(root))
        robots = known[1]
        if isinstance(robots, str):
            return robots
        if not robots.can_fetch(self.client.headers["User-Agent"], url):
            return "refused by robots.txt"
        return None

    def _read_robots(self, root: str) -> RobotFileParser | str:
        """The site's rules; a missing file allows all, an unreadable one refuses all
        (as crawlers do), with the reason."""
        fetched, _ = self._once(f"{root}/robots.txt", {})
        robots = RobotFileParser()
        if fetched.status is not None and 400 <= fetched.status < 500:
            robots.allow_all = True
        elif fetched.error:
            return f"robots.txt unreadable ({fetched.error}): not fetching from {root}"
        else:
            robots.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return robots


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds a server asks us to wait (0 when it says nothing); None when too long."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        wait = float(value)
    else:
        try:
            wait = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return 0.0
    return wait if wait <= MAX_RETRY_AFTER else None


def first_line(problem: object) -> str:
    """An exception or message as one line: a reason fit for a log or a table cell."""
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0]
