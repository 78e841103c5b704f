"""``eventwire evaluate``: score eventwire against gold data, beside baselines."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import msgspec
import typer

from eventwire.cli.common import ConfigOpt, handle_errors, out

FORMATS = ("aeb", "htmldate", "plv", "plover-gsr", "petrarch-xml", "case2021")


def register(app: typer.Typer) -> None:
    app.command(
        "evaluate",
        epilog="Example: eventwire evaluate --format aeb ../shared/eval/article-extraction/aeb --json",
    )(evaluate_cmd)


@handle_errors
def evaluate_cmd(
    path: Annotated[str, typer.Argument(help="The gold data set (directory or file).", metavar="DIR_OR_FILE")],
    fmt: Annotated[str, typer.Option("--format", help="Gold format: " + ", ".join(FORMATS) + ".")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    actors: Annotated[bool, typer.Option("--actors", help="Score actor mentions only (plover-gsr, petrarch-xml).")] = False,
    config: ConfigOpt = None,
) -> None:
    """Measure extraction or coding on a gold set; baselines are scored in the same run.

    ``--config`` codes with a settings file (plover-gsr, petrarch-xml, case2021,
    and --actors), so that its accuracy is known before it is used.
    """
    from eventwire.eval.registry import run_evaluation
    from eventwire.settings import load_settings

    report = run_evaluation(fmt, path, actors=actors, settings=load_settings(config))
    if as_json:
        sys.stdout.write(json.dumps(msgspec.to_builtins(report), indent=2) + "\n")
        return
    from eventwire.eval.registry import render_report

    out.print(render_report(report))
