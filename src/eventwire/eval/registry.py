"""Which module scores which gold format; one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
from rich.table import Table

from eventwire.errors import UsageError


def _aeb(path: str):
    from eventwire.eval.aeb import evaluate_aeb

    return evaluate_aeb(path)


def _htmldate(path: str):
    from eventwire.eval.htmldate import evaluate_htmldate

    return evaluate_htmldate(path)


EVALUATORS: dict[str, Callable[[str], msgspec.Struct]] = {
    "aeb": _aeb,
    "htmldate": _htmldate,
}


def run_evaluation(fmt: str, path: str) -> msgspec.Struct:
    """Score eventwire on the gold set at ``path`` in format ``fmt``.

    Example: ``run_evaluation("aeb", "../shared/eval/article-extraction/aeb").f1``
    """
    if fmt not in EVALUATORS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(EVALUATORS)}")
    if not Path(path).exists():
        raise UsageError(f"{path} does not exist")
    return EVALUATORS[fmt](path)


def render_report(report: msgspec.Struct) -> Table:
    """A two-column table of a report's figures, nested ones indented."""
    table = Table(title=type(report).__name__, show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")

    def add(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                add(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(value, float):
            table.add_row(prefix, f"{value:.4f}")
        elif isinstance(value, list):
            table.add_row(prefix, f"{len(value)} items")
        else:
            table.add_row(prefix, str(value))

    add("", msgspec.to_builtins(report))
    return table
