"""One server and one headless Chromium for all browser tests (Debian's chromium, driven by Playwright).

The tests skip, saying why, when /usr/bin/chromium, the playwright package or
the built dashboard (make web) is missing. The server is the real app under
uvicorn on a free loopback port, over a synthetic store, with ingestion on.
Each test saves a screenshot of its page to tests/web/screenshots/<page>.png
(git-ignored); `make screenshots` refreshes the documented ones in
docs/screenshots (EVENTWIRE_SCREENSHOTS=DIR saves anywhere).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches Chromium tries to reach Google's
# hosts at start, which a closed network refuses many times over.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or Path(__file__).resolve().parent / "screenshots")


def _requirements() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (the test extra)"
    from eventwire.web import assets_built

    if not assets_built():
        return "the dashboard's assets are not built (make web)"
    return None


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    missing = _requirements()
    if missing:
        pytest.skip(f"browser tests skipped: {missing}")
    import uvicorn

    from eventwire.api import create_app
    from tests.api.synthetic import build_store

    path = tmp_path_factory.mktemp("web-world") / "store"
    build_store(path, events=3_000, months=6)
    app = create_app(path, allow_ingest=True, allowed_hosts=frozenset({"127.0.0.1", "localhost"}), refresh_s=0.2)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                              env={**os.environ, "HOME": str(Path(os.environ.get("TMPDIR", "/tmp")))})
        yield b
        b.close()


class Page:
    """A browser page that records console errors; ``shot(name)`` saves the screenshot."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        # A navigation away aborts the page's pending requests: not an error.
        page.on("requestfailed", lambda r: None if "ABORTED" in (r.failure or "") else self.errors.append(
            f"request failed: {r.url} ({r.failure})"))

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_selector("body[data-ready='1']", timeout=20_000)

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=False)
        return target


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    p = Page(context.new_page(), base_url)
    p.page.set_default_timeout(20_000)
    yield p
    errors = list(p.errors)
    context.close()
    assert not errors, errors

