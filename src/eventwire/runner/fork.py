"""Start the local runner's fork server, before anything else of a run is imported.

The server imports :mod:`eventwire.runner.preload` (spaCy and the coder)
before it forks the first worker. That takes the larger part of a worker's
start-up, so the sooner the server starts the more of it overlaps the run's
own set-up (imports, opening the store). This module imports nothing but
:mod:`multiprocessing`, so that calling it first costs the run nothing.
"""

from __future__ import annotations

import multiprocessing as mp


def start_forkserver():
    """The fork server's context, its server started now if it is not running yet.

    Example: ``start_forkserver().Pool(2)``
    """
    from multiprocessing import forkserver

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["eventwire.runner.preload"])
    forkserver.ensure_running()
    return ctx
