"""The dashboard: one HTML page and the bundle ``npm run build`` makes from ``frontend/``.

:func:`mount_dashboard` adds the page routes (each serves ``index.html``; the
bundle reads the path and draws that view) and ``/static`` to an app. The
bundle and every asset it needs (d3, the world map) are built into
``static/`` by the project's set-up (``make web``); nothing is fetched from
elsewhere at run time, and no font is loaded but the system's.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
#: The dashboard's pages; every one is the same HTML shell.
PAGES = ("/", "/map", "/dyad", "/network", "/meetings", "/articles", "/article/{article_id}", "/search", "/ingest")
# The page loads only what this server serves; styles set from script (d3) need 'unsafe-inline'.
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
_MISSING = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>eventwire</title></head>
<body><h1>eventwire</h1><p>The dashboard's assets are not built in this installation
(<code>{static}</code> is missing). Build them with <code>make web</code>
(<code>npm ci &amp;&amp; npm run build</code> in <code>src/eventwire/web/frontend</code>).
The JSON API works without them: see <a href="/docs">/docs</a>.</p></body></html>"""


def assets_built() -> bool:
    """Whether ``npm run build`` has written the bundle."""
    return (STATIC / "app.js").is_file() and (STATIC / "app.css").is_file()


def mount_dashboard(app) -> None:
    """Add the page routes and ``/static`` to a FastAPI app.

    Example: ``mount_dashboard(FastAPI())``
    """
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    index = (HERE / "index.html").read_text(encoding="utf-8")

    def page() -> HTMLResponse:
        if not assets_built():
            return HTMLResponse(_MISSING.format(static=STATIC), headers=_HEADERS)
        return HTMLResponse(index, headers=_HEADERS)

    for path in PAGES:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
