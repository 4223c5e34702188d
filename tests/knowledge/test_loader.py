"""The loader accepts a sound deck and reports each kind of broken deck with file, line and field, with libyaml's C loader
and with the pure-Python fallback alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.knowledge import yamlsource
from bot.knowledge.errors import DeckError
from bot.knowledge.loader import load_deck
from bot.yamlguard import guarded_load
from tests.conftest import DECK

FIXTURES = Path(__file__).parent / "fixtures"


def deck_error(path: Path) -> DeckError:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    return caught.value


def issues_of(name: str) -> list[str]:
    return [str(issue) for issue in deck_error(FIXTURES / name).issues]


@pytest.mark.usefixtures("yaml_loader")
def test_valid_fixture_loads_with_typed_entries() -> None:
    kb = load_deck(FIXTURES / "valid")
    assert kb.counts()["service"] == 2 and kb.counts()["question"] == 1
    assert kb.find("kds").id == "kinesis-data-streams"
    assert kb.find("  AMAZON data FIREHOSE ").id == "data-firehose"
    assert kb.questions["de-kinesis-001"].answer == [0]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("malformed", "malformed/entries.yaml:5: malformed YAML: while scanning a quoted scalar (line 3)"),
        ("unknown-field", "unknown-field/entries.yaml:12: metric 'recall' colour: unknown field"),
        ("missing-field", "missing-field/entries.yaml:1: metric 'recall' facts: required field is missing"),
        ("duplicate-id", "duplicate-id/b.yaml:10: concept 'recall' id: duplicate id, first defined at duplicate-id/a.yaml:1"),
        ("dangling-reference", "dangling-reference/entries.yaml:8: concept 'recall' confusable_with[0].id: unknown id 'precision'"),
    ],
)
@pytest.mark.usefixtures("yaml_loader")
def test_each_error_kind_names_file_line_and_field(fixture: str, expected: str) -> None:
    issues = issues_of(fixture)
    assert len(issues) == 1
    assert issues[0].startswith(expected)


@pytest.mark.parametrize(
    ("field", "owners"), [("problem_type: true", "only a concept has it"), ("learning_type: supervised", "only an algorithm has it")]
)
@pytest.mark.usefixtures("yaml_loader")
def test_a_field_of_another_kind_says_which_kind_has_it(tmp_path: Path, field: str, owners: str) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    entries = deck / "entries.yaml"
    text = entries.read_text(encoding="utf-8").replace("  kind: service\n", f"  kind: service\n  {field}\n", 1)
    entries.write_text(text, encoding="utf-8")
    name = field.split(":")[0]
    assert f"service 'kinesis-data-streams' {name}: unknown field ({owners})" in str(deck_error(deck))


@pytest.mark.usefixtures("yaml_loader")
def test_all_errors_are_reported_at_once_and_nothing_is_half_loaded(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    for name in ("unknown-field", "missing-field", "dangling-reference"):
        shutil.copy(FIXTURES / name / "entries.yaml", deck / f"{name}.yaml")
    text = str(deck_error(deck))
    assert "colour: unknown field" in text
    assert "facts: required field is missing" in text
    assert "unknown id 'precision'" in text
    assert "duplicate id" in text


def test_both_loaders_read_a_deck_file_alike_down_to_the_line_of_every_key_and_item() -> None:
    text = (DECK / "entries" / "data-movement.yaml").read_text()
    python, libyaml = (guarded_load(text, yamlsource.LOADERS[name]) for name in ("python", "libyaml"))
    assert python == libyaml
    assert lines(python) == lines(libyaml)
    source = text.splitlines()
    assert python and all(source[item.lines["id"] - 1] == f"- id: {item['id']}" for item in python)


def lines(node: Any) -> Any:
    """Every line a loaded document remembers, in document order."""
    if isinstance(node, yamlsource.LineDict):
        return [node.line, list(node.lines.values()), *(lines(value) for value in node.values())]
    if isinstance(node, yamlsource.LineList):
        return [node.line, node.lines, *(lines(item) for item in node)]
    return []


def test_question_rules_are_enforced(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    text = (deck / "questions.yaml").read_text()
    text = text.replace("why: It only delivers to destinations.", "correct: true")
    text = text.replace("replay the same stream?", "replay? (Choose two)")
    (deck / "questions.yaml").write_text(text)
    assert "every option is marked correct" in str(deck_error(deck))


def test_a_fact_can_cite_its_own_page_and_a_mistake_there_names_the_fact(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    page = "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html"
    original = (deck / "entries.yaml").read_text()
    fact = "Records stay readable for replay during the retention period."
    sourced = original.replace(f"facts: [{fact}]", f"facts: [{{text: {fact}, source: {page}}}]")
    (deck / "entries.yaml").write_text(sourced)
    entry = load_deck(deck).entries["kinesis-data-streams"]
    assert entry.facts == [fact]
    assert str(entry.source_of(fact)) == page
    assert entry.source_of("any other text") == entry.url
    (deck / "entries.yaml").write_text(sourced.replace(f"source: {page}", "sorce: x"))
    message = str(deck_error(deck))
    assert "entries.yaml:1: service 'kinesis-data-streams': facts[0].source: required field is missing; " in message
    assert "facts[0].sorce: unknown field (a fact with its own page is {text: ..., source: URL})" in message


def test_builtin_algorithm_needs_its_sagemaker_details(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    text = (deck / "entries.yaml").read_text().replace("  input_formats: [CSV, libsvm]\n", "")
    (deck / "entries.yaml").write_text(text)
    assert "a SageMaker built-in algorithm needs 'input_formats'" in str(deck_error(deck))


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_tags_that_build_objects_are_refused(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    (deck / "evil.yaml").write_text("- !!python/object/apply:os.system ['echo pwned']\n")
    assert "evil.yaml:1: malformed YAML" in str(deck_error(deck))


def test_cli_check_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", str(FIXTURES / "valid")]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["kb", "check", str(FIXTURES / "unknown-field")]) == 1
    assert "colour: unknown field" in capsys.readouterr().err


def test_cli_export_lists_every_entry_with_its_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", "/dev/null", "kb", "export", "--json", "--compact", "--exam", "mls-c01"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["entries"]) >= 200 and len(document["questions"]) >= 150
    for entry in document["entries"]:
        assert {"id", "kind", "name", "aliases", "domain"} <= set(entry)
    assert document["deck"]["id"] == "mls-c01"


def test_cli_check_warns_when_discord_would_cut_a_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", deck)
    entries = deck / "entries.yaml"
    long_fact = "Records stay readable for replay during the retention period, " * 20  # 1,239 characters
    entries.write_text(entries.read_text().replace(
        "facts: [Records stay readable for replay during the retention period.]", f'facts: ["{long_fact.strip()}"]', 1
    ))
    assert main(["kb", "check", str(deck)]) == 0  # a warning, not an error: the deck still loads
    captured = capsys.readouterr()
    assert "OK" in captured.out
    warning = "warning: service 'kinesis-data-streams': Key facts: one item has 1,239 characters, more than the 1,024 a Discord field"
    assert warning in captured.err
    assert main(["kb", "check", str(FIXTURES / "valid")]) == 0
    assert "warning" not in capsys.readouterr().err
