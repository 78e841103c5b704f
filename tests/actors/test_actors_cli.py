"""The ``actors`` and ``kb`` commands through Click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"
runner = CliRunner()


def run(*args, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_actors_prints_one_mention_a_line_in_jsonl(tmp_path):
    result = run("actors", "The Russian president met Shinzo Abe.", "--date", "2010-06-01", "--format", "jsonl",
                 "--store", tmp_path)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["code"], r["name"], r["resolved_by"]) for r in rows] == [
        ("Russian president", "RUSGOV", "Dmitry Medvedev", "title"),
        ("Shinzo Abe", "JPNELI", "Shinzo Abe", "kb"),
    ]
    assert set(rows[0]) == {"sentence_index", "start", "end", "text", "code", "country", "sector", "name", "kb_id",
                            "resolved_by", "kind"}


def test_actors_reads_a_file_or_standard_input(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The Kremlin denied it.")
    assert "RUSGOV" in run("actors", path, "--format", "jsonl", "--store", tmp_path).output
    assert "RUSGOV" in run("actors", "-", "--format", "jsonl", "--store", tmp_path, input="The Kremlin said so.").output


def test_actors_takes_user_dictionaries(tmp_path):
    result = run("actors", "Vova arrived.", "--dictionary", FIXTURES / "user_kb", "--format", "jsonl",
                 "--store", tmp_path)
    assert json.loads(result.output.splitlines()[0])["resolved_by"] == "user"


def test_bad_options_are_clean_errors(tmp_path):
    assert run("actors", "x", "--date", "May 2010", "--store", tmp_path).exit_code != 0
    assert run("actors", "x", "--format", "csv", "--store", tmp_path).exit_code != 0
    result = run("actors", "x", "--dictionary", tmp_path / "missing.tsv", "--store", tmp_path)
    assert result.exit_code != 0 and "not exist" in " ".join(result.output.split())


def test_kb_lookup_is_dated(tmp_path):
    result = run("kb", "lookup", "Shinzo Abe", "--date", "2018-05-26", "--format", "jsonl", "--store", tmp_path)
    row = json.loads(result.output.splitlines()[0])
    assert (row["code"], row["office"], row["active"]) == ("JPNGOV", "Prime Minister", True)


def test_kb_import_petrarch_writes_kb_files(tmp_path):
    result = run("kb", "import-petrarch", FIXTURES / "tiny.agents.txt", "--kind", "agents", "--out", tmp_path / "kb")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kb" / "tiny.roles.tsv").exists()
    assert run("kb", "import-petrarch", FIXTURES / "tiny.agents.txt", "--kind", "verbs", "--out", tmp_path).exit_code


def test_every_actor_command_has_an_example():
    for args in (["actors", "--help"], ["kb", "lookup", "--help"], ["kb", "import-petrarch", "--help"]):
        result = run(*args)
        assert result.exit_code == 0 and "Example:" in result.output, args
