"""The event store: a directory of Delta Lake tables, queried with DuckDB.

Writes are Delta commits: atomic, so a reader never sees half a batch and a
killed writer loses only the batch it had not committed. Inserts are merges
on each table's content-hash key, so writing the same record twice (a rerun,
two workers, two processes) stores it once; when two writers commit at once,
Delta's conflict check makes one retry against the other's result.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import CommitFailedError, DeltaError, TableNotFoundError

from eventwire.errors import StoreError, UsageError
from eventwire.store.schema import RUNS, TABLES

DEFAULT_STORE = "eventwire-store"
_MARKER = "eventwire-store.json"
_FORMAT = 1
# A merge conflicts with any commit made between its read and its own commit,
# so N writers committing small batches back to back keep colliding: with 4
# writers and 2-article batches, 8 retries ran out. Retrying for up to a
# minute, with jittered backoff capped at 2 s, let every writer through
# (bench/fault_concurrent.py); each retry re-reads the table.
_RETRY_FOR_S = 60.0
_MAX_BACKOFF_S = 2.0
# Delta versions are signed 64-bit; a larger number overflows in delta-rs
# (an OverflowError, not a "no such version" answer).
_MAX_VERSION = 2**63 - 1


def resolve_store_path(path: str | os.PathLike[str] | None) -> Path:
    """``--store``, else ``$EVENTWIRE_STORE``, else ``./eventwire-store``."""
    if path:
        return Path(path)
    return Path(os.environ.get("EVENTWIRE_STORE") or DEFAULT_STORE)


def parse_as_of(value: str | int | None) -> int | dt.datetime | None:
    """A table version number or an ISO timestamp (UTC if no zone)."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        if not 0 <= value <= _MAX_VERSION:
            raise UsageError(f"--as-of {value}: a version is a number from 0 to {_MAX_VERSION}")
        return value
    text = str(value).strip()
    if text.isdigit():
        if len(text) > 20:  # int() of thousands of digits is slow, and over the cap anyway
            raise UsageError(f"--as-of {text[:24]}...: a version is a number from 0 to {_MAX_VERSION}")
        return parse_as_of(int(text))
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(
            f"--as-of {text!r} is neither a table version (e.g. 3) nor an ISO time (e.g. 2018-06-12T10:00)"
        ) from exc
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


class EventStore:
    """A store directory. Open it with :func:`open_store`.

    Example::

        store = open_store("eventwire-store")
        store.sql("select count(*) from articles").fetchall()
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    # -- tables ---------------------------------------------------------
    def table_path(self, name: str) -> Path:
        if name not in TABLES:
            raise UsageError(f"unknown table {name!r}; the store has: {', '.join(sorted(TABLES))}")
        return self.path / name

    def has_table(self, name: str) -> bool:
        return DeltaTable.is_deltatable(str(self.table_path(name)))

    def delta(self, name: str, as_of: int | dt.datetime | None = None) -> DeltaTable:
        """The Delta table ``name``, at ``as_of`` (a version or a time) if given."""
        path = str(self.table_path(name))
        try:
            table = DeltaTable(path)
            if as_of is not None:
                table.load_as_version(as_of)
        except TableNotFoundError as exc:
            raise StoreError(f"table {name!r} does not exist yet in store {self.path}") from exc
        except (DeltaError, OSError, ValueError) as exc:
            if as_of is not None:
                raise UsageError(f"table {name!r} has no version as of {as_of}: {exc}") from exc
            raise StoreError(f"cannot read table {name!r} in store {self.path}: {exc}") from exc
        return table

    def version(self, name: str) -> int | None:
        return self.delta(name).version() if self.has_table(name) else None

    def versions(self) -> dict[str, int | None]:
        return {name: self.version(name) for name in TABLES}

    def _ensure(self, name: str) -> None:
        if not self.has_table(name):
            schema, _ = TABLES[name]
            try:
                DeltaTable.create(str(self.table_path(name)), schema, mode="ignore")
            except (DeltaError, OSError) as exc:
                raise write_error(f"creating table {name!r} in {self.path}", self.path, exc) from exc

    # -- writes ---------------------------------------------------------
    def insert_new(self, name: str, rows: pa.Table) -> int:
        """Insert the rows whose key the table does not hold yet; return how many.

        Atomic: either the whole batch is committed or none of it.
        """
        if rows.num_rows == 0:
            return 0
        self._ensure(name)
        _, key = TABLES[name]
        # Duplicates inside one batch would both be "not matched".
        rows = _unique_by(rows, key)
        for attempt in _attempts():
            try:
                metrics = (
                    self.delta(name)
                    .merge(rows, predicate=f"t.{key} = s.{key}", source_alias="s", target_alias="t")
                    .when_not_matched_insert_all()
                    .execute()
                )
                return int(metrics.get("num_target_rows_inserted", 0))
            except CommitFailedError:
                _back_off(attempt)
            except (DeltaError, OSError) as exc:
                raise write_error(f"writing {rows.num_rows} rows to {name!r} in {self.path}", self.path, exc) from exc
        raise StoreError(
            f"writing to {name!r} in {self.path} kept conflicting with other writers for {_RETRY_FOR_S:g} s; "
            "run the command again (what was committed is kept and skipped)"
        )

    def start_run(self, run_id: str, command: str, inputs: list[str], versions: dict, settings_hash: str) -> None:
        row = {
            "run_id": run_id,
            "command": command,
            "inputs": json.dumps(inputs[:1000]),
            "started_at": _now(),
            "ended_at": None,
            "status": "running",
            "versions": json.dumps(versions, sort_keys=True),
            "settings_hash": settings_hash,
            "counts": "{}",
        }
        self._ensure("runs")
        self._append("runs", pa.Table.from_pylist([row], schema=RUNS))

    def finish_run(self, run_id: str, status: str, counts: dict) -> None:
        counts_json = json.dumps(counts, sort_keys=True).replace("'", "''")
        ended = _now().strftime("%Y-%m-%d %H:%M:%S.%f")
        for attempt in _attempts():
            try:
                self.delta("runs").update(
                    updates={
                        "ended_at": f"CAST('{ended}' AS TIMESTAMP)",
                        "status": f"'{status}'",
                        "counts": f"'{counts_json}'",
                    },
                    predicate=f"run_id = '{run_id}'",
                )
                return
            except CommitFailedError:
                _back_off(attempt)
            except (DeltaError, OSError) as exc:
                raise write_error(f"recording the end of run {run_id}", self.path, exc) from exc

    def _append(self, name: str, rows: pa.Table) -> None:
        # An append conflicts with another writer's update of the same table
        # (a run ending while this one starts); it is retried like a merge.
        for attempt in _attempts():
            try:
                write_deltalake(str(self.table_path(name)), rows, mode="append")
                return
            except CommitFailedError:
                _back_off(attempt)
            except (DeltaError, OSError) as exc:
                raise write_error(f"writing to {name!r} in {self.path}", self.path, exc) from exc
        raise StoreError(f"writing to {name!r} in {self.path} kept conflicting with other writers; run the command again")

    # -- reads ----------------------------------------------------------
    def dataset(self, name: str, as_of: int | dt.datetime | None = None):
        """The table as a pyarrow dataset (lazy; DuckDB pushes filters into it)."""
        return self.delta(name, as_of).to_pyarrow_dataset()

    def connect(
        self,
        as_of: int | dt.datetime | None = None,
        tables: Iterable[str] | None = None,
        threads: int | None = None,
    ):
        """A DuckDB connection with a view per table (an empty one for a missing table).

        Each view is DuckDB's own Parquet reader over the Delta snapshot's
        data files (time travel is the file list at ``as_of``): it prunes row
        groups by their statistics and reads only the columns a query needs.
        It also sidesteps a pyarrow-dataset pitfall: files written by a merge
        hold ``string_view`` columns while the table schema says ``string``,
        and a string filter pushed into such a scan fails. A table using
        Delta features plain Parquet cannot express (deletion vectors, column
        mapping) is read through a pyarrow dataset with view types instead.
        ``as_of`` applies to every table: a version number suits one-table
        queries; a timestamp gives a consistent snapshot of the whole store.
        """
        con = duckdb.connect()
        if threads:
            con.execute(f"set threads = {int(threads)}")
        for name in tables or TABLES:
            schema, _ = TABLES[name]
            files = []
            if self.has_table(name):
                table = self.delta(name, as_of)
                files = table.file_uris()
            if not files:
                con.register(name, schema.empty_table())
            elif _plain(table):
                hive = "true" if table.metadata().partition_columns else "false"
                listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
                con.execute(
                    f"create view {name} as select * from read_parquet([{listed}], union_by_name = true, "
                    f"hive_partitioning = {hive})"
                )
            else:
                con.register(name, table.to_pyarrow_dataset(schema=_view_schema(schema)))
        return con

    def sql(
        self,
        query: str,
        params: list | None = None,
        as_of: int | dt.datetime | None = None,
        tables: Iterable[str] | None = None,
        threads: int | None = None,
    ) -> pa.Table:
        """Run a DuckDB query over the store's tables; returns an Arrow table."""
        con = self.connect(as_of, tables, threads)
        try:
            return con.sql(query, params=params or None).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        finally:
            con.close()

    def count(self, name: str) -> int:
        if not self.has_table(name):
            return 0
        return self.dataset(name).count_rows()

    def existing_keys(self, name: str, keys: list[str]) -> set[str]:
        """Which of ``keys`` the table already holds."""
        if not keys or not self.has_table(name):
            return set()
        _, key = TABLES[name]
        con = self.connect(tables=[name])
        try:
            con.register("wanted", pa.table({"k": pa.array(keys, pa.string())}))
            rows = con.sql(f"select distinct {key} from {name} semi join wanted on {key} = wanted.k").fetchall()
        finally:
            con.close()
        return {r[0] for r in rows}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(article_id, MinHash signature) of every original stored article, oldest first."""
        if not self.has_table("articles"):
            return
        con = self.connect(tables=["articles"])
        try:
            cur = con.execute(
                "select article_id, signature from articles "
                "where signature is not null and duplicate_of is null order by ingested_at, article_id"
            )
            while batch := cur.fetchmany(10_000):
                yield from batch
        finally:
            con.close()


def open_store(path: str | os.PathLike[str] | None = None, *, create: bool = False) -> EventStore:
    """Open the store at ``path`` (see :func:`resolve_store_path`).

    Example: ``open_store("my-store", create=True)``
    """
    root = resolve_store_path(path)
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file, not a store directory; choose another --store")
    marker = root / _MARKER
    if marker.exists():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{marker} is unreadable: {exc}") from exc
        if info.get("format") != _FORMAT:
            raise StoreError(f"{root} has store format {info.get('format')}; this eventwire reads format {_FORMAT}")
        return EventStore(root)
    if not create:
        if root.exists() and any(root.iterdir()):
            raise StoreError(f"{root} exists but is not an eventwire store (no {_MARKER})")
        raise StoreError(f"no store at {root}: run `eventwire ingest PATH --store {root}` first")
    try:
        root.mkdir(parents=True, exist_ok=True)
        if any(p.name != _MARKER for p in root.iterdir()):
            raise StoreError(f"{root} is not empty and not an eventwire store; choose another --store")
        tmp = root / f".{_MARKER}.tmp"
        tmp.write_text(json.dumps({"format": _FORMAT, "created": _now().isoformat()}), encoding="utf-8")
        os.replace(tmp, marker)
    except OSError as exc:
        raise write_error(f"creating a store at {root}", root, exc) from exc
    return EventStore(root)


# delta-rs colours its error chains (ESC[31m...); a one-line message drops that.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# How a full disk (ENOSPC), a quota (EDQUOT) or a file size limit (EFBIG,
# ``ulimit -f``) reads once delta-rs has wrapped the OS error in its own.
_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DISK_FULL_TEXT = ("no space left on device", "os error 28", "disk quota exceeded", "os error 122",
                   "file too large", "os error 27")


def write_error(action: str, path: Path, exc: BaseException) -> StoreError:
    """A StoreError for a failed write, one line long, saying plainly when the disk is full.

    delta-rs reports a full disk as a chain of lines ("Generic LocalFileSystem
    error / Unable to copy data to file / No space left on device (os error
    28)"). A Delta commit is atomic, so a failed write leaves the store as
    its last commit left it, and the message says so.

    Example: ``raise write_error("writing 200 rows to 'articles'", store.path, exc)``
    """
    text = " ".join(_ANSI.sub("", str(exc)).replace("\u21b3", " ").split())
    full = (isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS) or any(
        marker in text.lower() for marker in _DISK_FULL_TEXT
    )
    if full:
        return StoreError(
            f"{action} failed: the disk holding the store is full or a file size limit was reached ({text}). "
            f"Nothing of this write was committed and the store is intact; free space under {path} "
            "and run the command again (what was committed is kept and skipped)."
        )
    return StoreError(f"{action} failed: {text}")


# Delta reader features that change what a row of a data file means.
_NOT_PLAIN = {"deletionVectors", "columnMapping"}


def _plain(table: DeltaTable) -> bool:
    features = set(getattr(table.protocol(), "reader_features", None) or [])
    return not (features & _NOT_PLAIN)


def _view_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema([f.with_type(pa.string_view()) if pa.types.is_string(f.type) else f for f in schema])


def _attempts() -> Iterator[int]:
    """Attempt numbers 0, 1, 2, ... for as long as :data:`_RETRY_FOR_S` allows (at least one)."""
    deadline = time.monotonic() + _RETRY_FOR_S
    attempt = 0
    while attempt == 0 or time.monotonic() < deadline:
        yield attempt
        attempt += 1


def _back_off(attempt: int) -> None:
    # Jitter keeps colliding writers from retrying in lockstep.
    time.sleep(random.uniform(0.05, min(_MAX_BACKOFF_S, 0.1 * 2**attempt)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _unique_by(rows: pa.Table, key: str) -> pa.Table:
    seen: set[str] = set()
    keep = []
    for i, value in enumerate(rows.column(key).to_pylist()):
        if value not in seen:
            seen.add(value)
            keep.append(i)
    return rows if len(keep) == rows.num_rows else rows.take(keep)
