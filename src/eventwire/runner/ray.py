"""The Ray runner: the local runner's stages on a Ray cluster, with Ray Data.

The plan, as a Ray Data pipeline that streams (no stage waits for the whole
input, and memory stays bounded by Ray's backpressure):

1. the input files, listed by the driver (directories walked in sorted order,
   as the local runner does), one row each;
2. ``read``: a task per file streams its documents (any reader eventwire has:
   text, HTML, JSONL, WARC, gzip) in batches;
3. ``code``: a pool of actors, each holding one spaCy pipeline, knowledge base
   and relation model for its whole life, runs
   :func:`eventwire.runner.worker.process_batch` (skip what the store holds,
   extract, code) on batches of :data:`~eventwire.runner.worker.BATCH`;
4. the driver takes the outcomes in input order (``preserve_order``) and hands
   them to the same :class:`~eventwire.runner.writer.OutcomeSink` as the local
   runner: near-duplicates, counts and crash-safe commits to the same Delta
   tables.

Same code, same order, same ids: on the same input both runners store the
same articles and events (``tests/runner/test_ray.py``). Ray is an extra
(``pip install eventwire[ray]``) and is imported here only, never by
``import eventwire``.

Example::

    from eventwire.runner.ray import ingest_ray
    ingest_ray(["archive/"], open_store("s", create=True), address="auto")
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator

import msgspec

from eventwire.errors import UsageError
from eventwire.records import RawDocument, Reject
from eventwire.runner.local import ProgressFn, RunStats, run_ingest
from eventwire.runner.worker import BATCH, BatchResult, Known, Outcome, Processed, StageTimes
from eventwire.settings import Settings
from eventwire.store.known import KnownArticles
from eventwire.store.store import EventStore

_KINDS: dict[str, type] = {"reject": Reject, "known": Known, "article": Processed, "document": RawDocument}
_NAMES = {cls: name for name, cls in _KINDS.items()}
# See ``_results``: about two batches of HTML pages.
_BLOCK_BYTES = 1 << 20


def ingest_ray(
    inputs: Iterable[str],
    store: EventStore,
    settings: Settings | None = None,
    *,
    address: str | None = None,
    workers: int | None = None,
    date: dt.date | None = None,
    progress: ProgressFn | None = None,
    command: str = "ingest",
) -> RunStats:
    """Ingest files and directories into ``store`` on Ray; return the run's counts.

    ``address``: a running cluster (``"auto"``, ``"HOST:PORT"``, ``"ray://..."``);
    None starts a local Ray instance with ``workers`` CPUs. ``workers``: coding
    actors (default: every CPU of the cluster). The store must be on storage
    every node can reach when the cluster has more than one node.

    Example: ``ingest_ray(["examples/corpus"], open_store("s", create=True), workers=2)``
    """
    ray = _import_ray()
    settings = settings or Settings()
    inputs = list(inputs)
    rows = list(_input_rows(inputs))
    started_here = _connect(ray, address, workers)
    try:
        actors = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        # The store's article ids, read once here for every actor (see store.known).
        check = KnownArticles.snapshot(store)

        def results(stats: RunStats) -> Iterator[BatchResult]:
            return _results(ray, rows, settings, date, check, actors)

        return run_ingest(results, store, settings, engine="ray", workers=actors, progress=progress,
                          command=command, inputs=inputs)
    finally:
        if started_here:
            ray.shutdown()


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "the Ray engine needs Ray: pip install 'eventwire[ray]' (or use --engine local)"
        ) from exc
    return ray


def _connect(ray, address: str | None, workers: int | None) -> bool:
    """Join the cluster at ``address``, or start a local instance; True if started here."""
    if ray.is_initialized():
        return False
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
    return True


def _input_rows(inputs: list[str]) -> Iterator[dict]:
    """One row per input file, in the local runner's order; walk failures as rejects."""
    from eventwire.ingest.sources import is_url
    from eventwire.ingest.streams import walk_files

    for item in inputs:
        if is_url(item):
            raise UsageError(f"{item}: the Ray engine reads files and directories; fetch URLs and feeds with --engine local")
        paths = walk_files(item) if os.path.isdir(item) else [item]
        for path in paths:
            if isinstance(path, Reject):
                yield {"path": "", "reject": msgspec.msgpack.encode(path)}
            else:
                yield {"path": os.path.abspath(path), "reject": b""}


def _results(ray, rows: list[dict], settings: Settings, date: dt.date | None, check: KnownArticles | None,
             actors: int) -> Iterator[BatchResult]:
    context = ray.data.DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars,
             context.print_on_execution_start, context.target_max_block_size)
    # Outcomes in input order: near-duplicates are decided in order, and the
    # store ends up the same as the local runner's.
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # Ray packs a task's output into blocks of up to this size, and a block
    # goes to one actor: small blocks (a few batches of documents) let every
    # actor work on a single large file's documents.
    context.target_max_block_size = _BLOCK_BYTES
    try:
        settings_json = msgspec.json.encode(settings)
        # A read task per few files, so that files are read in parallel too.
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 4 * actors)))
        ds = ds.map_batches(
            _read_files, batch_size=1, batch_format="pyarrow", fn_kwargs={"settings_json": settings_json},
            # Reading is mostly I/O: it shares the CPUs the coding actors hold.
            num_cpus=0,
        )
        ds = ds.map_batches(
            _CodingActor, batch_size=BATCH, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
            fn_constructor_kwargs={
                "settings_json": settings_json, "date": date.isoformat() if date else None, "known": check,
            },
        )
        for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield _decode_result(batch)
    finally:
        (context.execution_options.preserve_order, context.enable_progress_bars,
         context.print_on_execution_start, context.target_max_block_size) = saved


def _read_files(batch, settings_json: bytes):
    """Documents of each file of ``batch`` (one file), in pieces of BATCH rows."""
    from eventwire.ingest.http import Fetcher
    from eventwire.ingest.sources import read_path

    settings = msgspec.json.decode(settings_json, type=Settings)
    fetcher: list = []

    def get_fetcher():
        # A feed file's entries link to pages; fetch them only if one comes up.
        if not fetcher:
            fetcher.append(Fetcher(settings))
        return fetcher[0]

    pending: list = []
    try:
        for path, reject in zip(batch.column("path").to_pylist(), batch.column("reject").to_pylist(), strict=True):
            if reject:
                pending.append(msgspec.msgpack.decode(reject, type=Reject))
                continue
            for item in read_path(path, settings, get_fetcher):
                pending.append(item)
                if len(pending) >= BATCH:
                    yield _encode(pending)
                    pending = []
        if pending:
            yield _encode(pending)
    finally:
        if fetcher:
            fetcher[0].close()


class _CodingActor:
    """One per CPU: loads the models once, then codes batch after batch."""

    def __init__(self, settings_json: bytes, date: str | None, known: KnownArticles | None) -> None:
        from eventwire.runner.worker import init_worker

        settings = msgspec.json.decode(settings_json, type=Settings)
        init_worker(settings, dt.date.fromisoformat(date) if date else None, known)

    def __call__(self, batch):
        from eventwire.runner.worker import process_batch

        items = _decode_items(batch)
        result = process_batch(items)
        return _encode(result.outcomes, result.times)


def _encode(items: list, times: StageTimes | None = None):
    """Records as an Arrow batch: kind and msgpack bytes, a batch's stage times on its first row."""
    import pyarrow as pa

    n = len(items)
    columns = {
        "kind": pa.array([_NAMES[type(o)] for o in items], pa.string()),
        "data": pa.array([msgspec.msgpack.encode(o) for o in items], pa.binary()),
    }
    if times is not None:
        for name in StageTimes.__struct_fields__:
            columns[name] = pa.array([getattr(times, name)] + [0.0] * (n - 1), pa.float64())
    return pa.table(columns)


def _decode_items(batch) -> list:
    kinds, data = batch.column("kind").to_pylist(), batch.column("data").to_pylist()
    return [msgspec.msgpack.decode(blob, type=_KINDS[kind]) for kind, blob in zip(kinds, data, strict=True)]


def _decode_result(batch) -> BatchResult:
    outcomes: list[Outcome] = _decode_items(batch)
    times = StageTimes(**{name: float(sum(batch.column(name).to_pylist())) for name in StageTimes.__struct_fields__})
    return BatchResult(outcomes=outcomes, times=times)
