"""The HTTP API and the dashboard's server (FastAPI; an extra: ``pip install eventwire[web]``).

``create_app(store_path, ...)`` builds the app ``eventwire serve`` runs::

    import uvicorn
    from eventwire.api import create_app
    uvicorn.run(create_app("eventwire-store"), host="127.0.0.1", port=8000)

``import eventwire`` never imports this package; importing it imports
nothing of the web stack until ``create_app`` is used.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from eventwire.api.app import create_app

        return create_app
    raise AttributeError(f"module 'eventwire.api' has no attribute {name!r}")
