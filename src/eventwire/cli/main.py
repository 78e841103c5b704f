"""The ``eventwire`` command: one module per command group, one app."""

from __future__ import annotations

import typer

from eventwire import __version__

app = typer.Typer(
    name="eventwire",
    help="News in, political event data out: ingest news, extract articles, code events, analyse relations.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """News in, political event data out."""


def _register() -> None:
    from eventwire.cli import actors, browse, code, evaluate, events, extract, ingest, relations, serve

    for module in (ingest, extract, code, browse, actors, events, relations, evaluate, serve):
        module.register(app)


_register()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
