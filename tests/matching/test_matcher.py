"""The matcher ranks by weighted terms, repairs typos, reads synonyms, names and comparisons."""

from __future__ import annotations

import pytest

import bot.matching.matcher as matcher_module
from bot.knowledge.base import KnowledgeBase
from bot.matching import Matcher
from bot.matching.compare import split_comparison
from bot.matching.mentions import Mentions


def top(matcher: Matcher, query: str) -> str:
    hits = matcher.search(query, 3)
    assert hits, query
    return hits[0].entry_id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("which service for speech to text?", "transcribe"),  # synonym of the deck's "speech recognition"
        ("@bot aws service that does OCR on forms", "textract"),
        ("recomendation engine no ml expertise", "personalize"),  # typo repaired
        ("label which speakers said what in meetings", "transcribe"),
        ("lip sync timing for an avatar", "polly"),
        ("TP / (TP + FN)", "recall"),
        ("handle imbalanced classes with scale_pos_weight", "xgboost"),
        ("firehos", "data-firehose"),  # fuzzy name
        ("kinesis data stream", "kinesis-data-streams"),
        ("datafirehose", "data-firehose"),  # name typed run together
    ],
)
def test_finds_the_entry(matcher: Matcher, query: str, expected: str) -> None:
    assert top(matcher, query) == expected


def test_scores_are_shares_best_first(matcher: Matcher) -> None:
    hits = matcher.search("replay a stream with custom consumers", 3)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(0 < hit.score <= 1 for hit in hits)


def test_unknown_words_give_nothing_and_common_words_little(matcher: Matcher) -> None:
    assert matcher.search("asdf qwerty zzz", 3) == []
    assert matcher.search("", 3) == []
    assert matcher.search("data", 3)[0].score < 0.25 if matcher.search("data", 3) else True


def test_a_trap_counts_for_less_than_an_entry_that_meets_the_need(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    def trap_share(matcher: Matcher) -> float:
        scores = {hit.entry_id: hit.score for hit in matcher.search("firehose replay", 3)}
        return scores["trap-streams-vs-firehose"] / scores["data-firehose"]

    with_prior, prior = trap_share(Matcher(kb)), matcher_module.KIND_PRIOR["trap"]
    monkeypatch.setattr(matcher_module, "KIND_PRIOR", {})
    assert prior < 1 and with_prior == pytest.approx(trap_share(Matcher(kb)) * prior)


@pytest.mark.parametrize(
    ("query", "sides"),
    [
        ("kinesis vs firehose", ("kinesis", "firehose")),
        ("Kinesis vs. Firehose?", ("Kinesis", "Firehose")),
        ("what's the difference between polly and transcribe?", ("polly", "transcribe")),
        ("compare textract with rekognition", ("textract", "rekognition")),
        ("transcribe versus polly", ("transcribe", "polly")),
        ("xgboost compared to linear learner", ("xgboost", "linear learner")),
    ],
)
def test_comparison_queries_are_split(query: str, sides: tuple[str, str]) -> None:
    assert split_comparison(query) == sides


@pytest.mark.parametrize("query", ["which service for speech to text", "vs", "data versioning and lineage"])
def test_other_queries_are_not_comparisons(query: str) -> None:
    assert split_comparison(query) is None


def test_comparison_resolves_both_sides(matcher: Matcher) -> None:
    assert matcher.comparison("kinesis vs firehose") == ("kinesis-data-streams", "data-firehose")
    assert matcher.comparison("difference between polly and transcribe") == ("polly", "transcribe")
    assert matcher.comparison("firehose vs firehose") is None
    assert matcher.comparison("firehose vs qwertyuiop") is None


def test_synonym_tags_meet_on_both_sides(matcher: Matcher) -> None:
    assert "~0" in matcher.query_terms("asr")  # group 0 of the fixture's synonyms.yaml
    assert top(matcher, "asr") == "transcribe"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("What is Kinesis Data Streams used for when data must be delivered to S3?", "kinesis-data-streams"),
        ("what is XGBoost in a recall-focused fraud model", "xgboost"),
        ("Tell me about Amazon Transcribe and text to speech", "transcribe"),
    ],
)
def test_a_what_is_question_is_about_the_entry_it_names(matcher: Matcher, query: str, expected: str) -> None:
    assert top(matcher, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "What is Polly voice latency on long texts?",
        "What is XGBoost's best metric, recall?",
        "What is the best service for S3 delivery?",
    ],
)
def test_a_name_that_only_qualifies_the_question_is_not_its_subject(kb: KnowledgeBase, query: str) -> None:
    assert Mentions(kb.entries.values()).defined(query) is None


def test_a_what_is_question_may_follow_its_setup(matcher: Matcher) -> None:
    question = "Firehose delivers our clickstream to S3 with no consumer code. What is Kinesis Data Streams used for?"
    assert top(matcher, question) == "kinesis-data-streams"


def test_a_side_that_names_an_entry_is_that_entry(matcher: Matcher) -> None:
    """"personalize for scanned forms" names Personalize; its other words alone would find Textract."""
    assert matcher.resolve("personalize for scanned forms") == "textract"
    assert matcher.comparison("textract vs personalize for scanned forms") == ("textract", "personalize")


def test_a_long_side_describes_a_need(matcher: Matcher) -> None:
    """A short side is searched for the entry it means; a long one is part of a need."""
    assert matcher.comparison("speech to text vs text to speech") == ("transcribe", "polly")
    need = (
        "Shadow-test the new voice-shopping model for a week, comparing transcripts and product suggestions with the current"
        " model while no shopper sees them"
    )
    assert matcher.comparison(need) is None  # its sides' words alone would find Transcribe and Personalize
    named = (
        "Compare three new ranking models with the live Personalize campaign on real shoppers without any shopper seeing"
        " an unproven suggestion"
    )
    assert matcher.comparison(named) is None  # a side this long is a need even where it names an entry


def test_instead_of_compares_two_named_entries_in_a_short_question(matcher: Matcher) -> None:
    assert matcher.comparison("when should I use Kinesis Data Streams instead of Firehose?") == ("kinesis-data-streams", "data-firehose")
    assert matcher.comparison("is Firehose cheaper than Kinesis Data Streams") == ("data-firehose", "kinesis-data-streams")
    assert matcher.comparison("I want to replay a stream rather than deliver it once") is None  # no side names an entry
    long_need = "Our team must deliver clickstream events to S3 with Firehose every minute instead of running Data Streams consumers"
    assert matcher.comparison(long_need) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [("can Transcribe read text aloud", "transcribe"), ("does Polly transcribe meetings", "polly")],
)
def test_a_yes_or_no_question_is_about_the_entry_it_opens_with(matcher: Matcher, query: str, expected: str) -> None:
    assert top(matcher, query) == expected


def test_a_yes_or_no_question_between_two_entries_compares_them(kb: KnowledgeBase, matcher: Matcher) -> None:
    question = "Is Polly or Transcribe better for meeting notes?"
    assert Mentions(kb.entries.values()).defined(question) is None
    assert matcher.comparison(question) == ("polly", "transcribe")
    assert matcher.comparison("speech to text or text to speech for meeting notes") is None  # no side names an entry
