"""Tests for the plain-text boilerplate cleaner.

Three layers:
- every rule in the data file, through its own example and keep lines
  (parametrised from the file, so a rule without an example fails);
- keep-cases: body lines written to look like boilerplate;
- measurements over whole documents: the marked fixtures in
  tests/fixtures/boilerplate/ and the example corpus, whose planted lines are
  listed in tests/fixtures/boilerplate/corpus_planted.toml.

Fixture format: a line starting with ``B| `` is boilerplate, ``A| `` an author
note, anything else a body line (metadata lines such as ``Published: ...``
count as body: clean_text must keep them for text_metadata).

Figures: ``pytest tests/extract/test_boilerplate.py -k figures -s``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import msgspec
import pytest

from eventwire.extract.boilerplate import (
    CleanedText,
    Rule,
    clean_text,
    compile_rule,
    load_rules,
    looks_like_prose,
    rules_name,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "boilerplate"
CORPUS_TEXT = ROOT / "examples" / "corpus" / "text"
PLANTED = FIXTURES / "corpus_planted.toml"

RULES = load_rules().rule


def _norm(line: str) -> str:
    return " ".join(line.replace("\u200b", "").split())


# --- the rules file --------------------------------------------------------


def test_rules_file_is_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    assert rules_name() == "boilerplate_v1"
    for rule in RULES:
        assert re.fullmatch(r"[a-z][a-z0-9-]+", rule.id), rule.id
        assert rule.why.strip(), f"{rule.id} must say why"
        compile_rule(rule)


def test_unknown_flag_is_refused() -> None:
    rule = Rule(id="x", category="ad", kind="line", pattern="Ad", why="w", examples=["Ad"], flags=["VERBOSE"])
    with pytest.raises(ValueError, match="unknown flag"):
        compile_rule(rule)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule: Rule) -> None:
    assert rule.examples, f"rule {rule.id} has no example line"


EXAMPLES = [(r.id, r.kind, ex) for r in RULES for ex in r.examples]
KEEPS = [(r.id, k) for r in RULES for k in r.keep]


@pytest.mark.parametrize(("rule_id", "kind", "line"), EXAMPLES, ids=[f"{i}:{line[:30]}" for i, _, line in EXAMPLES])
def test_rule_example_is_removed_by_that_rule(rule_id: str, kind: str, line: str) -> None:
    got = clean_text(line)
    assert got.removed == [(_norm(line), rule_id)]
    assert got.text == ""
    if kind == "author_note":
        assert got.author_note == _norm(line)
    else:
        assert got.author_note is None


@pytest.mark.parametrize(("rule_id", "line"), KEEPS, ids=[f"{i}:{line[:30]}" for i, line in KEEPS])
def test_rule_keep_line_is_kept(rule_id: str, line: str) -> None:
    got = clean_text(line)
    assert got.removed == []
    assert got.text == _norm(line)
    assert got.author_note is None


# --- behaviour -------------------------------------------------------------


def test_result_is_a_frozen_record() -> None:
    got = clean_text("Body line.")
    assert isinstance(got, CleanedText)
    with pytest.raises(AttributeError):
        got.text = "x"  # type: ignore[misc]
    assert msgspec.json.decode(msgspec.json.encode(got), type=CleanedText) == got


def test_paragraphs_keep_one_blank_line_between_them() -> None:
    text = "Title\n\nFirst paragraph.\n\nADVERTISEMENT\n\nSecond paragraph.\n\n\n\nThird.\n\nShare this article\n"
    got = clean_text(text)
    assert got.text == "Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird."


def test_empty_and_blank_input() -> None:
    assert clean_text("") == CleanedText(text="", removed=[], author_note=None)
    assert clean_text("\n \n\t\n").text == ""


def test_crlf_and_no_break_spaces() -> None:
    got = clean_text("Leaders meet\r\nAdvertisement\u00a0\r\nThey met on Monday.\r\n")
    assert got.text == "Leaders meet\nThey met on Monday."
    assert got.removed == [("Advertisement", "ad-label")]


def test_html_character_references_left_in_scraped_text_are_decoded() -> None:
    got = clean_text("Mali &amp; Niger met.\nThe envoy&#8217;s plan &quot;failed&quot;&nbsp;again &amp more.")
    assert got.text == "Mali & Niger met.\nThe envoy\u2019s plan \"failed\" again & more."
    # An ampersand that starts no reference stays as it is.
    assert clean_text("R&D spending and AT&T rose; Q&A at 5.").text == "R&D spending and AT&T rose; Q&A at 5."


def test_metadata_lines_are_kept_for_text_metadata() -> None:
    text = "Headline here\nPublished: 12 June 2018\nBy Anna Keller\n\nBody sentence was written.\nSource: https://example.test/a"
    assert clean_text(text).text == text


def test_list_header_takes_its_single_spaced_list() -> None:
    text = "Para one was long.\nRead more:\nKim meets Xi in Dalian\nPompeo lands in Pyongyang\n\nSubheading\nPara two was long."
    got = clean_text(text)
    assert got.text == "Para one was long.\n\nSubheading\nPara two was long."
    assert [r for _, r in got.removed] == ["related-list"] * 3


def test_list_header_takes_a_double_spaced_list_up_to_prose() -> None:
    text = "Related stories\n\nFirst headline\n\nSecond headline\n\nThe talks were held on Monday."
    got = clean_text(text)
    assert got.text == "The talks were held on Monday."


def test_list_header_with_inline_item_takes_nothing_after_it() -> None:
    text = "Also read: Trump hails summit\nA short subheading\nBody was here."
    assert clean_text(text).text == "A short subheading\nBody was here."


def test_list_ends_at_a_source_line() -> None:
    text = "Body was here.\n\nMost read\nHeadline one\nSource: https://example.test/x"
    assert clean_text(text).text == "Body was here.\n\nSource: https://example.test/x"


def test_list_is_capped() -> None:
    items = "\n".join(f"Headline number {i}" for i in range(20))
    got = clean_text("Related:\n" + items)
    assert len(got.removed) == 13  # the header and twelve entries
    assert got.text.splitlines()[0] == "Headline number 12"


def test_author_note_only_in_the_tail() -> None:
    text = "Khashoggi entered the consulate on 2 October.\nThe writer is a Saudi citizen who lived in Virginia.\nHe was not seen again."
    got = clean_text(text)
    assert got.author_note is None
    assert got.text == text


def test_author_note_above_boilerplate_and_source_line() -> None:
    text = (
        "Body was written here.\n\nThe writer is a former ambassador to Japan.\nViews are personal.\n"
        "© 2018 The Daily Example\nSource: https://example.test/x"
    )
    got = clean_text(text)
    assert got.author_note == "The writer is a former ambassador to Japan."
    assert got.text == "Body was written here.\n\nSource: https://example.test/x"
    assert ("The writer is a former ambassador to Japan.", "author-note-writer") in got.removed


def test_two_author_notes_are_joined_in_order() -> None:
    text = "Body was written.\nThe writer is a fellow at an institute.\nAbout the author: she covers Asia."
    assert clean_text(text).author_note == "The writer is a fellow at an institute. About the author: she covers Asia."


def test_long_lines_are_never_boilerplate() -> None:
    line = "Advertisement " * 60
    assert clean_text(line).removed == []


@pytest.mark.parametrize(
    "line",
    [
        "Home Secretary Amber Rudd said the police were investigating.",
        "Subscribe, share and forward: opposition channels urged readers to keep using the app.",
        "Russia's communications regulator began blocking Telegram after a court ruling.",
        "Telegram is now on a growing list of services restricted in Russia.",
        "We use cookies, the company's notice said, adding that readers could opt out.",
        "Websites that use cookies to track visitors must now ask for consent.",
        "Advertisement spending by Saudi firms fell after sponsors withdrew.",
        "Follow the money, investigators told lawmakers in Washington.",
        "Photos of the two leaders were broadcast live on television.",
        "Related talks are planned in Vienna later this month.",
        "Copyright disputes have soured trade ties, US officials said.",
        "Click here, the ransom note read, was all the hackers wrote.",
        "Sign up to the pact, and the tariffs stay, Canadian officials complained.",
        "Canada had refused to sign up to any deal that dropped the panels.",
        "Download figures for VPN apps jumped, analytics firms said.",
        "Share prices in Moscow rose slightly on the news.",
        "Most popular among the options is a plan to trade in euros.",
        "Reporting by state media suggested the talks had stalled.",
        "Video footage showed the tug being rammed, Kyiv said.",
        "Top officials from both sides met in Vienna on Friday.",
        "Search continues for the missing sailors.",
    ],
)
def test_body_lines_that_look_like_boilerplate_are_kept(line: str) -> None:
    got = clean_text(f"Headline\n\n{line}\n\nAnother body line was here.")
    assert got.removed == [], got.removed
    assert line in got.text.splitlines()


def test_prose_detector() -> None:
    assert looks_like_prose("Moscow denied the charge on Monday.")
    assert looks_like_prose("The two leaders met in Singapore on Tuesday.")
    assert not looks_like_prose("Subscribe to our newsletter")
    assert not looks_like_prose("Sign up for our daily briefing and get the news")
    assert not looks_like_prose("Met on Monday")  # too short to be a clause


# --- whole documents -------------------------------------------------------


@dataclass
class Score:
    boilerplate_removed: int = 0
    boilerplate_listed: int = 0
    body_kept: int = 0
    body_total: int = 0
    notes_found: int = 0
    notes_listed: int = 0
    files: int = 0

    def add(self, other: "Score") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.files} files, boilerplate removed {self.boilerplate_removed}/{self.boilerplate_listed}, "
            f"body kept {self.body_kept}/{self.body_total}, author notes {self.notes_found}/{self.notes_listed}"
        )


def score_document(text: str, boilerplate: list[str], notes: list[str]) -> tuple[Score, list[str]]:
    """Compare clean_text on ``text`` with its listed boilerplate and notes.

    Body lines are every non-blank line not listed; they must come out
    unchanged and in order. Returns the score and a list of problems.
    """
    got = clean_text(text)
    listed = Counter(_norm(x) for x in boilerplate)
    note_lines = [_norm(x) for x in notes]
    pending = listed + Counter(note_lines)
    body: list[str] = []
    for raw in text.splitlines():
        line = _norm(raw)
        if not line:
            continue
        if pending[line] > 0:
            pending[line] -= 1
        else:
            body.append(line)
    kept = [line for line in got.text.splitlines() if line.strip()]
    removed = Counter(line for line, _ in got.removed)
    got_notes = got.author_note or ""
    score = Score(
        boilerplate_removed=sum(min(n, removed[line]) for line, n in listed.items()),
        boilerplate_listed=sum(listed.values()),
        body_kept=sum((Counter(body) & Counter(kept)).values()),
        body_total=len(body),
        notes_found=sum(1 for n in note_lines if n in got_notes),
        notes_listed=len(note_lines),
        files=1,
    )
    problems = []
    if kept != body:
        lost = list((Counter(body) - Counter(kept)).elements())
        extra = list((Counter(kept) - Counter(body)).elements())
        problems.append(f"body lines lost {lost}; boilerplate kept {extra}")
    if got.author_note != (" ".join(note_lines) or None):
        problems.append(f"author note {got.author_note!r}, expected {note_lines!r}")
    return score, problems


def read_marked(path: Path) -> tuple[str, list[str], list[str]]:
    """A marked fixture as (plain text, boilerplate lines, author notes)."""
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    out, bp, notes = [], [], []
    for line in raw.splitlines():
        if line.startswith("B| "):
            bp.append(line[3:])
            line = line[3:]
        elif line.startswith("A| "):
            notes.append(line[3:])
            line = line[3:]
        out.append(line)
    return newline.join(out) + newline, bp, notes


FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))
CORPUS_FILES = sorted(CORPUS_TEXT.glob("*.txt"))


def _planted() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(PLANTED.read_text(encoding="utf-8"))


def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURE_FILES) >= 10


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_document(path: Path) -> None:
    text, bp, notes = read_marked(path)
    assert bp, "a fixture must mark some boilerplate"
    score, problems = score_document(text, bp, notes)
    assert not problems, problems
    assert score.boilerplate_removed == score.boilerplate_listed


def test_every_corpus_text_has_a_planted_entry() -> None:
    planted = _planted()
    assert CORPUS_FILES, "examples/corpus/text is empty"
    assert sorted(planted) == [p.name for p in CORPUS_FILES]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_document(path: Path) -> None:
    entry = _planted()[path.name]
    text = path.read_text(encoding="utf-8")
    for line in entry["boilerplate"] + entry["author_note"]:
        assert line in text.splitlines(), f"planted line not in {path.name}: {line!r}"
    score, problems = score_document(text, entry["boilerplate"], entry["author_note"])
    assert not problems, problems


# The AEB gold bodies are real article text, so nearly every line is body: a
# removed line is a false positive unless the gold itself kept some chrome
# (it does, e.g. wire credits and copyright lines). Measured with
# boilerplate_v1: 16 of 4,363 lines removed; 14 are chrome the gold kept
# (credits, copyright, a "Don't Miss" widget), 2 are steps of a how-to list
# ("Sign up for a ... account"). Floors only move up.
AEB_BODY_KEPT_FLOOR = 0.995


@pytest.mark.shared
def test_gold_article_bodies_are_kept(shared_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    gold = json.loads((shared_eval / "article-extraction" / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    total = removed = 0
    for item in gold.values():
        body = item["articleBody"]
        total += sum(1 for line in body.splitlines() if line.strip())
        removed += len(clean_text(body).removed)
    kept = (total - removed) / total
    with capsys.disabled():
        print(f"\nAEB gold bodies: {total - removed}/{total} lines kept ({kept:.4f})")
    assert kept >= AEB_BODY_KEPT_FLOOR


def test_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the cleaner's figures over the fixtures and the corpus."""
    fixtures, corpus = Score(), Score()
    for path in FIXTURE_FILES:
        text, bp, notes = read_marked(path)
        fixtures.add(score_document(text, bp, notes)[0])
    planted = _planted()
    for path in CORPUS_FILES:
        entry = planted[path.name]
        corpus.add(score_document(path.read_text(encoding="utf-8"), entry["boilerplate"], entry["author_note"])[0])
    with capsys.disabled():
        print()
        print(fixtures.line("fixtures"))
        print(corpus.line("corpus"))
    assert fixtures.body_kept == fixtures.body_total
    assert corpus.body_kept == corpus.body_total
