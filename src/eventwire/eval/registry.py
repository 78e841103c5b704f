"""Which module scores which gold format; one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
from rich.table import Table

from eventwire.errors import UsageError
from eventwire.settings import Settings


# Each evaluator takes the gold path and the run's settings; extraction,
# dates and the relation model alone use the shipped defaults, what codes
# events or finds actors uses the settings (a model, the prefilter, NER...).


def _aeb(path: str, settings: Settings):
    from eventwire.eval.aeb import evaluate_aeb

    return evaluate_aeb(path)


def _htmldate(path: str, settings: Settings):
    from eventwire.eval.htmldate import evaluate_htmldate

    return evaluate_htmldate(path)


def _plv(path: str, settings: Settings):
    from eventwire.eval.plv import evaluate_plv
    from eventwire.events.relation import RelationModel

    return evaluate_plv(path, RelationModel.load())


def _plover_gsr(path: str, settings: Settings):
    from eventwire.eval.event_scores import default_coder
    from eventwire.eval.plover_gsr_events import evaluate_plover_gsr_events

    return evaluate_plover_gsr_events(path, default_coder(settings))


def _petrarch_xml(path: str, settings: Settings):
    from eventwire.eval.event_scores import default_coder
    from eventwire.eval.petrarch_xml import evaluate_petrarch_xml

    return evaluate_petrarch_xml(path, default_coder(settings))


def _case2021(path: str, settings: Settings):
    from eventwire.eval.case2021 import evaluate_case2021
    from eventwire.eval.event_scores import default_coder

    return evaluate_case2021(path, default_coder(settings))


EVALUATORS: dict[str, Callable[[str, Settings], msgspec.Struct]] = {
    "aeb": _aeb,
    "htmldate": _htmldate,
    "plv": _plv,
    "plover-gsr": _plover_gsr,
    "petrarch-xml": _petrarch_xml,
    "case2021": _case2021,
}


def _plover_gsr_actors(path: str, settings: Settings):
    from eventwire.eval.plover_gsr import evaluate_plover_actors

    return evaluate_plover_actors(path, settings)


def _petrarch_actors(path: str, settings: Settings):
    from eventwire.eval.petrarch import evaluate_petrarch_actors

    return evaluate_petrarch_actors(path, settings)


#: Formats whose actors alone can be scored (``evaluate --actors``).
ACTOR_EVALUATORS: dict[str, Callable[[str, Settings], msgspec.Struct]] = {
    "plover-gsr": _plover_gsr_actors,
    "petrarch-xml": _petrarch_actors,
}


def run_evaluation(fmt: str, path: str, *, actors: bool = False, settings: Settings | None = None) -> msgspec.Struct:
    """Score eventwire on the gold set at ``path`` in format ``fmt``; ``actors``: score actor mentions only.

    ``settings``: what the event and actor formats code with (the shipped
    defaults if None), so that a settings file can be measured before use.

    Example: ``run_evaluation("aeb", "../shared/eval/article-extraction/aeb").f1``
    """
    table = ACTOR_EVALUATORS if actors else EVALUATORS
    if fmt not in table:
        what = " with --actors" if actors else ""
        raise UsageError(f"--format {fmt!r}{what}: choose one of {', '.join(table)}")
    if not Path(path).exists():
        raise UsageError(f"{path} does not exist")
    return table[fmt](path, settings or Settings())


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
