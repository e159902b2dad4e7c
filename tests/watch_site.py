"""A local news site for the watcher's tests: the feed server over a folder of articles
we write, plus the ways real sites fail, and a log of every request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tacitus.watch.feed_server import FeedHandler

HUGE_BYTES = 300_000
ARTICLE = """{title}
By Test Desk
{day}

{body}
"""


def write_article(folder: Path, name: str, title: str, body: str, day: str) -> Path:
    """An article file as the feed server reads it: ``<outlet>__<date>__<slug>.txt``."""
    path = folder / f"{name}.txt"
    path.write_text(ARTICLE.format(title=title, body=body, day=day), encoding="utf-8")
    return path


class TestSiteHandler(FeedHandler):
    """The feed server, and under ``/bad/`` every failure the watcher must survive."""

    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        special = {
            "/bad/missing.xml": lambda: self.send_error(404),
            "/bad/broken.xml": lambda: self.send_error(500),
            "/bad/malformed.xml": lambda: self._send(b"<rss><channel><item><title>cut", "text/xml"),
            "/bad/loop.xml": self._redirect_to_self,
            "/bad/feed.xml": self._bad_pages_feed,
            "/bad/huge.html": lambda: self._send(b"<p>" + b"word " * HUGE_BYTES, "text/html"),
            "/bad/menu.html": lambda: self._send(b"<nav><a href='/'>Home</a></nav>", "text/html"),
            "/bad/report.pdf": lambda: self._send(b"%PDF-1.4 binary", "application/pdf"),
        }
        if self.path in special:
            special[self.path]()
        else:
            super().do_GET()

    def do_POST(self) -> None:
        """A webhook receiver: the body goes to the log as ``POST <path> <body>``."""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.requests.append(f"POST {self.path} {body.decode('utf-8')}")
        self.send_response(204 if self.path == "/hook" else 404)
        self.end_headers()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with suppress(BrokenPipeError):  # the watcher hung up on a page over its size limit
            self.wfile.write(body)

    def _redirect_to_self(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.path)
        self.end_headers()

    def _bad_pages_feed(self) -> None:
        base = f"http://{self.headers['Host']}"
        items = "".join(
            f"<item><title>{name}</title><link>{base}/bad/{name}</link></item>"
            for name in ("huge.html", "menu.html", "report.pdf", "gone.html")
        )
        body = f"<rss version='2.0'><channel><title>bad</title>{items}</channel></rss>"
        self._send(body.encode(), "application/rss+xml")


@contextmanager
def serving(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """The site on a free port of 127.0.0.1: its base URL and the log of request paths
    (and of the bodies POSTed to it)."""
    log: list[str] = []
    handler: Any = partial(type("Handler", (TestSiteHandler,), {"requests": log}), folder=folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", log
    finally:
        server.shutdown()
        server.server_close()
