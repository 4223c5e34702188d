"""The ask feature decides: an answer (maybe with a runner-up), a comparison, doubt, or a message for bad input."""

from __future__ import annotations

import pytest

from bot.app.ask import Answer, Asker, BadInput, Comparison, NotSure
from bot.app.study import StudyApp
from bot.knowledge.base import KnowledgeBase
from bot.limits import ASK_CHARS


def test_answer_has_the_card_with_three_facts_at_most(asker: Asker) -> None:
    result = asker.ask("which service for speech to text?")
    assert isinstance(result.outcome, Answer)
    assert result.outcome.card.name == "Amazon Transcribe" and len(result.outcome.card.facts) <= 3
    assert result.outcome.card.lookalikes[0].name == "Amazon Polly"
    assert result.ranking[0].id == "transcribe" and result.ranking[0].kind == "service"


def test_close_runner_up_is_offered_as_or_maybe(asker: Asker) -> None:
    result = asker.ask("kinesis stream")
    assert isinstance(result.outcome, Answer)
    assert result.outcome.maybe is not None
    assert {result.outcome.card.id, result.outcome.maybe.id} == {"kinesis-data-streams", "data-firehose"}


def test_clear_winner_has_no_or_maybe(asker: Asker) -> None:
    outcome = asker.ask("add a custom vocabulary of product names to call transcripts").outcome
    assert isinstance(outcome, Answer) and outcome.maybe is None


def test_comparison_carries_both_cards_and_the_first_named_entrys_difference_line(asker: Asker) -> None:
    result = asker.ask("kinesis vs firehose")
    outcome = result.outcome
    assert isinstance(outcome, Comparison)
    assert (outcome.left.id, outcome.right.id) == ("kinesis-data-streams", "data-firehose")
    assert outcome.differences == ["Firehose delivers to a destination; Data Streams is read by your consumers."]
    reversed_outcome = asker.ask("firehose vs kinesis").outcome
    assert isinstance(reversed_outcome, Comparison)
    assert reversed_outcome.differences == ["Data Streams keeps records for replay by custom consumers."]
    assert [ranked.id for ranked in result.ranking] == ["kinesis-data-streams", "data-firehose"]


def test_compare_command_path_uses_the_same_comparison(asker: Asker) -> None:
    outcome = asker.compare("polly", "transcribe").outcome
    assert isinstance(outcome, Comparison) and outcome.differences[0].startswith("Transcribe turns speech")
    assert asker.split("polly and transcribe") == ("polly", "transcribe")
    unknown = asker.compare("polly", "zzqxj")
    assert isinstance(unknown.outcome, NotSure) and unknown.outcome.unclear == "zzqxj"
    assert isinstance(asker.compare("polly", "Amazon Polly").outcome, BadInput)


def test_vague_query_is_not_sure_with_suggestions(asker: Asker) -> None:
    outcome = asker.ask("data").outcome
    assert isinstance(outcome, NotSure) and len(outcome.suggestions) <= 3
    nothing = asker.ask("asdf qwerty").outcome
    assert isinstance(nothing, NotSure) and nothing.suggestions == []


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "Ask me about a need"),
        ("   \t  ", "Ask me about a need"),
        ("🙂🔥👍🏽", "not emoji"),
        ("@everyone", "only mentioned someone"),
        ("@here", "only mentioned someone"),
        ("<@123456789>", "only mentioned someone"),
        ("?!...", "no words"),
        ("\x00\x01\x02", "not emoji or symbols"),
    ],
)
def test_bad_input_gets_a_clear_message(asker: Asker, query: str, says: str) -> None:
    result = asker.ask(query)
    assert isinstance(result.outcome, BadInput) and says in result.outcome.message
    assert result.ranking == [] and result.query == ""


@pytest.mark.parametrize("query", ["@everyone which service for speech to text", "<@42> @here speech to text 🙂", "speech\x00to\x1btext"])
def test_mentions_and_control_characters_are_never_echoed(asker: Asker, query: str) -> None:
    result = asker.ask(query)
    assert isinstance(result.outcome, Answer)
    assert "@" not in result.query and "<" not in result.query and "\x00" not in result.query and "\x1b" not in result.query


def test_long_query_is_cut_with_a_note(asker: Asker) -> None:
    result = asker.ask("turn call recordings into text. " * 140)  # 4,480 characters
    assert len(result.query) <= ASK_CHARS and result.notes and f"first {ASK_CHARS:,} characters" in result.notes[0]
    assert result.ranking[0].id == "transcribe"
    assert asker.ask("x" * 100_000).notes  # one huge word: cut, not an exception


def test_study_app_builds_the_asker_once(kb: KnowledgeBase) -> None:
    app = StudyApp(kb)
    assert app.asker is app.asker
    assert isinstance(app.asker.ask("firehose").outcome, Answer)
