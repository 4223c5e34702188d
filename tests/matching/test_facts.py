"""A card shows the facts the query speaks to: first the ones it shares rare words with, then the rest in deck order."""

from __future__ import annotations

import pytest

from bot.app.ask import Answer, Asker, Comparison, QuestionTests
from bot.app.deck import Deck
from bot.knowledge.deck import Synonyms
from bot.knowledge.models import Service
from bot.knowledge.questions import Question
from bot.matching.facts import MIN_RELEVANCE, FactRanker
from bot.matching.pasted import parse_pasted
from bot.matching.synonyms import SynonymTable
from bot.matching.text import terms

FACTS = [
    "Formerly Amazon Kinesis Data Firehose; the service was renamed.",
    "Buffers records by size and interval before delivery.",
    "Converts JSON records to Apache Parquet or ORC before writing to S3.",
    "Delivers data to S3, Redshift and OpenSearch.",
]
FIREHOSE = Service(
    kind="service", id="data-firehose", name="Amazon Data Firehose", aliases=["Firehose", "Kinesis Data Firehose"],
    domain="data-engineering", summary="Delivers streaming data.", facts=FACTS, exams=["mls-c01"],
    url="https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html",
)
# Rare words are worth more than common ones, as in the deck's index.
RARITY = {"~0": 3.0, "parquet": 4.0, "orc": 4.0, "convert": 2.5, "json": 3.0, "firehose": 5.0, "kinesis": 3.0, "data": 0.5, "s3": 1.0}


SYNONYMS = SynonymTable(Synonyms(groups=[["columnar format", "parquet"]]))


@pytest.fixture
def ranker() -> FactRanker:
    return FactRanker(SYNONYMS, RARITY)


def pick(ranker: FactRanker, query: dict[str, float], count: int) -> list[str]:
    return ranker.pick([FIREHOSE], query, count)[0]


def query(text: str) -> dict[str, float]:
    """Weighted terms as the matcher makes them: words and synonym tags."""
    found = terms(text)
    return dict.fromkeys([*found, *SYNONYMS.tags(found)], 1.0)


def test_the_fact_a_query_is_about_comes_first(ranker: FactRanker) -> None:
    picked = pick(ranker, query("convert json to parquet"), 2)
    assert picked == [FACTS[2], FACTS[0]]


def test_the_facts_it_shares_most_with_lead(ranker: FactRanker) -> None:
    picked = pick(ranker, query("deliver json files to s3 as parquet"), 3)
    assert picked[0] == FACTS[2]
    assert picked[1:] == [FACTS[0], FACTS[1]]  # "s3" alone is worth too little to count


def test_the_entrys_own_name_does_not_count(ranker: FactRanker) -> None:
    """Every fact of Firehose is about Firehose: the rename fact must not win because it repeats the name."""
    assert pick(ranker, query("kinesis data firehose"), 2) == FACTS[:2]


def test_a_common_word_alone_keeps_deck_order(ranker: FactRanker) -> None:
    assert RARITY["data"] < MIN_RELEVANCE
    assert pick(ranker, query("data"), 3) == FACTS[:3]


def test_the_second_fact_speaks_to_what_the_first_does_not() -> None:
    """Both format facts share "parquet"; once one is on the card, the buffering fact says more about the rest."""
    facts = [
        "Converts JSON records to Apache Parquet before writing them.",
        "Writes Parquet or ORC only with a schema from the catalog.",
        "Buffers incoming records by size and by time interval.",
    ]
    entry = FIREHOSE.model_copy(update={"facts": facts})
    ranker = FactRanker(SYNONYMS, {**RARITY, "buffer": 4.0, "interval": 3.5})
    asked = dict.fromkeys(["convert", "json", "parquet", "orc", "buffer", "interval"], 1.0)
    assert ranker.pick([entry], asked, 2)[0] == [facts[0], facts[2]]


def test_synonyms_meet(ranker: FactRanker) -> None:
    assert pick(ranker, query("a columnar format"), 1) == [FACTS[2]]


def test_no_more_facts_than_asked_or_than_there_are(ranker: FactRanker) -> None:
    assert pick(ranker, query("parquet"), 0) == []
    assert len(pick(ranker, query("parquet"), 10)) == len(FACTS)


def test_an_answer_card_shows_the_fact_asked_about(shipped_asker: Asker) -> None:
    result = shipped_asker.ask("convert streaming JSON records to parquet before they land in s3")
    assert isinstance(result.outcome, Answer)
    assert result.outcome.card.name == "Amazon Data Firehose"
    assert "Parquet" in result.outcome.card.facts[0]


def test_a_comparison_card_leads_with_facts_naming_the_other_side(shipped_asker: Asker) -> None:
    result = shipped_asker.ask("firehose vs kinesis data streams")
    assert isinstance(result.outcome, Comparison)
    assert "Kinesis data stream" in result.outcome.left.facts[0]


def test_a_pasted_questions_cards_show_the_facts_it_speaks_to(shipped_asker: Asker) -> None:
    pasted = (
        "A retailer scores a 2 TB dataset in Amazon S3 once a night. The team wants each prediction written next to its"
        " input record so analysts can join them without extra code. Which SageMaker feature meets this requirement?"
    )
    result = shipped_asker.ask(pasted)
    assert isinstance(result.outcome, QuestionTests)
    card = result.outcome.likely[0]
    assert card.name == "Amazon SageMaker Batch Transform"
    assert any("JoinSource" in fact for fact in card.facts)


# Each authored question's explanation leans on one fact of the entry it tests: the fact sharing the most rare words
# with it (when it shares enough to be sure). Its stem, asked as a pasted question, should show that fact among the
# two on the card. With the first two facts, 304 of 484 stems did (63 %); picked for the stem, 358 (74 %).
MIN_LEANED_ON_SHOWN = 0.72
SURE_OVERLAP = 6.0


def test_the_fact_an_explanation_leans_on_is_shown_for_most_stems(shipped: Deck, shipped_mla: Deck) -> None:
    shown = total = 0
    for deck in (shipped, shipped_mla):
        kb, matcher = deck.kb, deck.matcher
        rarity = matcher._index.idf
        for question in kb.questions.values():
            entry = kb.entries[question.tests[0]]
            if not isinstance(question, Question) or len(entry.facts) <= 2:
                continue
            explained = set(terms(question.explanation))
            overlap = [sum(rarity.get(term, 0.0) for term in set(terms(fact)) & explained) for fact in entry.facts]
            if max(overlap) < SURE_OVERLAP:
                continue
            total += 1
            pasted = parse_pasted(question.prompt)
            query = matcher.pasted_terms(pasted) if pasted else matcher.query_terms(question.prompt)
            shown += entry.facts[overlap.index(max(overlap))] in matcher.facts_for([entry], query, 2)[0]
    assert total > 400
    assert shown / total >= MIN_LEANED_ON_SHOWN
