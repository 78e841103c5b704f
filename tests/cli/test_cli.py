"""The CLI through Click's runner: parse, call the library, map errors."""

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from tests.conftest import news_text

runner = CliRunner()


@pytest.fixture
def inputs(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "one.txt").write_text("Leaders meet in Hanoi\nFebruary 27, 2019\n\n" + news_text("the nuclear talks"))
    (root / "two.txt").write_text("Ministers sign accord\n\n" + news_text("a fisheries accord"))
    (root / "bad.txt").write_bytes(b"")
    return root


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_every_command_has_help_with_an_example():
    names = [c.name for c in app.registered_commands]
    assert {"ingest", "extract", "articles", "rejects", "export", "evaluate", "watch", "runs"} <= set(names)
    for name in names:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_ingest_then_browse(inputs, tmp_path):
    store = tmp_path / "s"
    result = run("ingest", inputs, "--store", store, "--date", "2019-03-01")
    assert result.exit_code == 0, result.output
    assert "new articles" in result.output

    result = run("articles", "--store", store, "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["title"] for r in rows} == {"Leaders meet in Hanoi", "Ministers sign accord"}
    assert {r["published"] for r in rows} == {"2019-02-27", "2019-03-01"}

    result = run("articles", "--store", store, "--since", "2019-02-28", "--format", "csv")
    assert result.output.count("\n") == 2  # header + one row

    result = run("rejects", "--store", store, "--format", "jsonl")
    assert json.loads(result.output.splitlines()[0])["reason"] == "empty"

    out = tmp_path / "a.parquet"
    result = run("export", "--table", "articles", "--format", "parquet", "--out", out, "--store", store)
    assert result.exit_code == 0 and out.exists()

    result = run("articles", "--store", store, "--as-of", "0", "--format", "jsonl")
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize(
    "args,message",
    [
        (["ingest", "x", "--date", "12/06/2018"], "not a date"),
        (["articles", "--since", "last week"], "not a date"),
        (["articles", "--format", "xml"], "choose one of"),
        (["articles", "--as-of", "yesterday"], "--as-of"),
    ],
)
def test_bad_parameters_get_a_clear_message_and_exit_2(args, message, tmp_path, inputs):
    store = tmp_path / "s"
    run("ingest", inputs, "--store", store)
    result = run(*args, "--store", store)
    assert result.exit_code == 2
    assert message in result.output


def test_missing_store_is_explained(tmp_path):
    result = run("articles", "--store", tmp_path / "nope")
    assert result.exit_code == 3
    assert "no store at" in result.output


def test_extract_prints_one_article(inputs):
    result = run("extract", inputs / "one.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["title"] == "Leaders meet in Hanoi"
    assert doc["published"] == "2019-02-27"
    assert doc["language"] == "en"
    assert set(doc) >= {"url", "title", "published", "language", "site", "author", "text"}


def test_extract_of_bad_input_says_why(inputs):
    result = run("extract", inputs / "bad.txt")
    assert result.exit_code == 1
    assert "empty" in result.output


def test_the_command_line_loads_the_runner_only_for_the_commands_that_run_it():
    """Written for the project: `eventwire --help`, `code`, `events` do not pay for the runner and extraction."""
    import subprocess
    import sys

    code = ("import eventwire.cli.main, sys; "
            "print(sorted(m for m in ('eventwire.runner.local', 'eventwire.runner.worker', 'trafilatura') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_fork_server_starts_before_the_runner_is_imported():
    """Written for the project: `eventwire ingest --workers 2` starts the fork server (which preloads
    spaCy and the coder) before it imports the runner, the readers and the store, so that those imports
    overlap the preload."""
    import subprocess
    import sys

    code = ("import sys, eventwire.runner.fork; "
            "print(sorted(m for m in ('eventwire.runner.local', 'eventwire.runner.worker', "
            "'eventwire.store.store', 'eventwire.ingest.sources', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    # The command calls it before it imports the runner: a stand-in reports what was loaded by then.
    code = ("import sys, eventwire.runner.fork as fork\n"
            "def stand_in():\n"
            "    print('runner loaded:', 'eventwire.runner.local' in sys.modules)\n"
            "    raise SystemExit(0)\n"
            "fork.start_forkserver = stand_in\n"
            "from eventwire.cli.main import app\n"
            "app(['ingest', 'nothing.txt', '--workers', '2'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "runner loaded: False"
