"""A broken or hostile deck is refused in bounded time, each problem as `file: message` in the usual list, whichever YAML
loader reads it (libyaml's or the pure-Python one)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.knowledge.errors import SHOWN_ISSUES, DeckError
from bot.knowledge.loader import load_deck
from bot.limits import DECK_FILE_BYTES, YAML_DEPTH, YAML_VALUES
from tests.knowledge.test_loader import FIXTURES
from tests.unprivileged import studybot


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck"
    shutil.copytree(FIXTURES / "valid", path)
    return path


def problems(deck: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_nested_past_the_limit_is_a_problem_with_its_line(deck: Path) -> None:
    for name, depth in (("deep.yaml", 260), ("deeper.yaml", 10_000)):
        (deck / name).write_text("- " + "[" * depth + "]" * depth + "\n")
    assert problems(deck) == [
        f"deck/deep.yaml:1: nested more than {YAML_DEPTH} levels deep",
        f"deck/deeper.yaml:1: nested more than {YAML_DEPTH} levels deep",
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(deck: Path) -> None:
    with (deck / "huge.yaml").open("w") as stream:
        stream.write("- a\n" * (DECK_FILE_BYTES // 4 + 1))
    assert problems(deck) == [f"deck/huge.yaml: is 5.0 MB, over the {DECK_FILE_BYTES / 1e6:g} MB limit"]


@pytest.mark.usefixtures("yaml_loader")
def test_a_file_of_more_values_than_any_deck_needs_is_refused_before_it_is_built(deck: Path) -> None:
    (deck / "many.yaml").write_text("- a\n" * (YAML_VALUES + 1))
    assert problems(deck) == [f"deck/many.yaml:{YAML_VALUES}: holds more than {YAML_VALUES:,} values; refused"]  # the list is one


@pytest.mark.usefixtures("yaml_loader")
def test_a_long_list_of_problems_is_shown_in_part(deck: Path) -> None:
    (deck / "bad.yaml").write_text("- a\n" * (SHOWN_ISSUES + 50))
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert len(caught.value.issues) == SHOWN_ISSUES + 50
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{SHOWN_ISSUES + 50} problem(s) in the knowledge base:"
    assert len(lines) == SHOWN_ISSUES + 2 and lines[-1] == "... and 50 more"


@pytest.mark.usefixtures("yaml_loader")
def test_an_alias_bomb_is_refused_up_front(deck: Path) -> None:
    (deck / "bomb.yaml").write_text("- &a " + "x" * 10_000 + "\n" + "- *a\n" * 1000)
    laughs = ["- &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"- &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    (deck / "laughs.yaml").write_text("\n".join(laughs) + "\n")
    found = problems(deck)
    assert len(found) == 2
    assert found[0].startswith("deck/bomb.yaml:") and "alias bomb" in found[0]
    assert found[1].startswith("deck/laughs.yaml:") and "alias bomb" in found[1]


@pytest.mark.usefixtures("yaml_loader")
def test_a_few_aliases_are_fine(deck: Path) -> None:
    text = (deck / "entries.yaml").read_text().replace("exams: [mls-c01]", "exams: &exams [mls-c01]", 1)
    (deck / "entries.yaml").write_text(text.replace("exams: [mls-c01]", "exams: *exams"))
    assert load_deck(deck).counts()["service"] == 2


@pytest.mark.usefixtures("yaml_loader")
def test_a_5000_digit_integer_is_a_problem(deck: Path) -> None:
    (deck / "big.yaml").write_text("- id: big\n  kind: metric\n  weight: " + "9" * 5000 + "\n")
    [problem] = problems(deck)
    assert problem.startswith("deck/big.yaml:3: ") and "integer" in problem and len(problem) < 200


@pytest.mark.usefixtures("yaml_loader")
def test_duplicate_keys_are_an_error_naming_both_lines(deck: Path) -> None:
    text = (deck / "entries.yaml").read_text().replace("  kind: service\n", "  kind: service\n  kind: metric\n", 1)
    (deck / "entries.yaml").write_text(text)
    problem = problems(deck)[0]  # the file is refused whole, so references to its entries are problems too
    assert problem.startswith("deck/entries.yaml:3: ") and "duplicate key 'kind'" in problem and "line 2" in problem


@pytest.mark.usefixtures("yaml_loader")
def test_an_empty_deck_file_says_what_it_needs(deck: Path) -> None:
    (deck / "deck.yaml").write_text("# nothing yet\n")
    assert problems(deck) == ["deck/deck.yaml: is empty: a deck needs its id, name and domains"]


@pytest.mark.usefixtures("yaml_loader")
def test_a_long_kind_is_not_echoed_in_full(deck: Path) -> None:
    text = (deck / "entries.yaml").read_text().replace("kind: service", "kind: " + "z" * 1_000_000, 1)
    (deck / "entries.yaml").write_text(text)
    assert all(len(problem) < 500 for problem in problems(deck))


@pytest.mark.timeout(20)
def test_entry_files_that_cannot_be_read_are_problems_not_tracebacks_or_hangs(deck: Path) -> None:
    (deck / "loop.yaml").symlink_to("loop.yaml")
    (deck / "dangling.yaml").symlink_to("gone.yaml")
    (deck / "folder.yaml").mkdir()
    os.mkfifo(deck / "fifo.yaml")
    (deck / "latin1.yaml").write_bytes("- id: caf\xe9\n".encode("latin-1"))
    assert problems(deck) == [
        "deck/dangling.yaml: is a symbolic link to a missing file",
        "deck/fifo.yaml: is a FIFO (named pipe), not a regular file",
        "deck/folder.yaml: is a folder, not a file",
        "deck/latin1.yaml: is not UTF-8 text (byte 0xe9 at offset 9)",
        "deck/loop.yaml: is a symbolic link loop",
    ]


def test_unreadable_files_and_folders_are_problems(deck: Path) -> None:
    (deck / "entries").mkdir()
    (deck / "entries" / "more.yaml").write_text("[]\n")
    (deck / "locked.yaml").write_text("[]\n")
    for path in (deck / "entries", deck / "locked.yaml"):
        path.chmod(0)
    result = studybot("--config", os.devnull, "kb", "check", deck)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deck/entries: folder cannot be read: permission denied" in result.stderr
    assert "deck/locked.yaml: cannot be read: permission denied" in result.stderr


@pytest.mark.parametrize("locked", ["deck.yaml", "."])
def test_an_unreadable_deck_file_or_deck_folder_is_one_line(deck: Path, locked: str) -> None:
    (deck / locked).chmod(0)
    result = studybot("--config", os.devnull, "kb", "check", deck)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "permission denied" in result.stderr and len(result.stderr.splitlines()) == 2


def test_an_escape_past_the_last_code_point_is_a_problem_not_a_traceback(deck: Path) -> None:
    (deck / "bad.yaml").write_text('- {kind: concept, id: x, summary: "\\U00110000"}\n')
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert any("bad.yaml" in str(issue) and "malformed YAML" in str(issue) for issue in caught.value.issues)
