"""The embed builders keep every Discord limit, cut at word boundaries and let no mention through."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app.ask import OPTIONS_TIP, Answer, AskResult, BadInput, Comparison, NotSure, QuestionTests, TrapWarning
from bot.app.cards import EntryCard, Lookalike
from bot.app.study import StudyApp
from bot.app.traps import TrapPick
from bot.discord.embeds import (
    DESCRIPTION,
    ELLIPSIS,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    MESSAGE,
    TITLE,
    TOTAL,
    ask_embed,
    bullets,
    card_embed,
    choice,
    fit,
    help_embed,
    message_text,
    not_found_embed,
    trap_embed,
    user_text,
)
from bot.knowledge.base import KnowledgeBase

PING = re.compile(r"@(everyone|here)|<@[!&]?\d+>")
WORDS = st.lists(
    st.sampled_from(["@everyone", "@here", "<@123456789012345678>", "<@&123456789012345678>", "word", "longerword", "x" * 300, "\n"]),
    max_size=400,
).map(" ".join)


def card(text: str = "", facts: int = 3) -> EntryCard:
    return EntryCard(
        id="some-entry", kind="service", name="Amazon Thing " + text, aliases=[text] if text else [], domain="Modeling",
        summary="A summary. " + text, facts=[f"Fact {n}: {text}" for n in range(facts)],
        details=[(f"Detail {n} {text}", text or "value") for n in range(30)],
        lookalikes=[Lookalike("other", f"Other {n} {text}", text or "differs") for n in range(40)],
        url="https://docs.aws.amazon.com/thing.html",
    )


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= TITLE
    assert len(embed.description or "") <= DESCRIPTION
    assert len(embed.fields) <= FIELDS
    for field in embed.fields:
        assert 0 < len(field.name or "") <= FIELD_NAME
        assert 0 < len(field.value or "") <= FIELD_VALUE
    assert len(embed) <= TOTAL


def assert_no_ping(embed: discord.Embed) -> None:
    assert not PING.search(json.dumps(embed.to_dict(), ensure_ascii=False))


def test_fit_leaves_short_text_alone_and_cuts_long_text_at_a_word_boundary() -> None:
    assert fit("  short text ", 100) == "short text"
    cut = fit("alpha beta gamma delta epsilon", 18)
    assert cut == "alpha beta gamma" + ELLIPSIS
    assert len(cut) <= 18


def test_fit_cuts_one_huge_word_where_it_must() -> None:
    cut = fit("a" * 5000, FIELD_VALUE)
    assert len(cut) == FIELD_VALUE and cut.endswith(ELLIPSIS)


def test_fit_defuses_mass_and_user_mentions() -> None:
    text = fit("hi @everyone and @here and <@123456789012345678> and <@&123456789012345678>", MESSAGE)
    assert not PING.search(text)
    assert "everyone" in text and "here" in text  # still readable, just not a ping


def test_user_text_escapes_markdown_so_it_cannot_restyle_the_reply() -> None:
    assert user_text("**bold** `code`", 100) == r"\*\*bold\*\* \`code\`"


def test_bullets_keep_whole_items_and_say_when_some_were_left_out() -> None:
    text = bullets([f"item {n} " + "word " * 30 for n in range(50)])
    assert len(text) <= FIELD_VALUE
    lines = text.split("\n")
    assert lines[-1] == ELLIPSIS
    assert all(line.startswith("• item ") and line.endswith("word") for line in lines[:-1])


@given(WORDS)
def test_card_embed_stays_within_every_limit_and_never_pings(text: str) -> None:
    embed = card_embed(card(text), note=text)
    assert_within_limits(embed)
    assert_no_ping(embed)


@given(WORDS)
def test_ask_replies_stay_within_limits_and_never_ping(text: str) -> None:
    results = [
        AskResult(text, Answer(card(text), maybe=card(text)), notes=[text]),
        AskResult(text, Comparison(card(text), card(text), [text] * 20)),
        AskResult(text, NotSure(text, [text, "Amazon Transcribe"])),
        AskResult(text, BadInput(text)),
        *(
            AskResult(
                text,
                QuestionTests([card(text)] * 3, [("A", text)] * 6, [text] * 20, True, asked, text, TrapWarning(text, text)),
                notes=[text],
            )
            for asked in (True, False)
        ),
    ]
    for result in results:
        embed = ask_embed(result)
        assert_within_limits(embed)
        assert_no_ping(embed)
    for embed in (not_found_embed("service", text, [text]), trap_embed(TrapPick(card(text), text, True))):
        assert_within_limits(embed)
        assert_no_ping(embed)
    assert len(message_text(text)) <= MESSAGE and not PING.search(message_text(text))
    assert len(choice(text).name) <= 100 and len(choice(text).value) <= 100


def test_card_embed_shows_the_card(deck: KnowledgeBase) -> None:
    found = StudyApp(deck).show("Firehose")
    assert found.card
    embed = card_embed(found.card).to_dict()
    assert embed["title"] == "Amazon Data Firehose"
    assert embed["url"].startswith("https://docs.aws.amazon.com/")
    assert "[Documentation](https://docs.aws.amazon.com/" in embed["description"]
    names = [field["name"] for field in embed["fields"]]
    assert "Key facts" in names and "Not to be confused with" in names
    assert "**Amazon Kinesis Data Streams**" in embed["fields"][names.index("Not to be confused with")]["value"]
    assert embed["footer"]["text"] == "service · Data engineering · MLS-C01, MLA-C01"


def test_doubt_offers_suggestions_and_bad_input_says_what_is_wrong() -> None:
    doubt = ask_embed(AskResult("frob", NotSure("frob", ["Amazon Transcribe", "Amazon Polly"]))).to_dict()
    assert "“frob”" in doubt["description"]
    assert "Did you mean: **Amazon Transcribe**, **Amazon Polly**?" in doubt["description"]
    bad = ask_embed(AskResult("", BadInput("You only mentioned someone."))).to_dict()
    assert bad["description"] == "You only mentioned someone."


def test_comparison_leads_with_the_difference() -> None:
    embed = ask_embed(AskResult("a vs b", Comparison(card("A"), card("B"), ["A keeps records; B delivers them."]))).to_dict()
    assert embed["title"] == "Amazon Thing A vs Amazon Thing B"
    assert embed["description"].startswith("**The difference**\n• A keeps records; B delivers them.")
    assert [field["name"] for field in embed["fields"]] == ["Amazon Thing A (service)", "Amazon Thing B (service)"]


def test_a_random_trap_says_why_when_the_topic_found_none() -> None:
    assert "so here is one at random" in trap_embed(TrapPick(card(), "bananas", True)).description  # type: ignore[operator]
    assert "at random" not in trap_embed(TrapPick(card(), "bananas", False)).description  # type: ignore[operator]


@pytest.mark.parametrize("count", [1, 200])
def test_help_lists_usages_within_limits(count: int, deck: KnowledgeBase) -> None:
    usages = [(f"/command{n} arg", "does a thing " * 5) for n in range(count)]
    embed = help_embed(usages, ["What does this test?"], [deck.info], deck.info.id)
    assert "`/command0 arg` — does a thing" in (embed.description or "")
    assert_within_limits(embed)


def test_a_pasted_question_reply_names_what_it_tests_and_what_decides(deck: KnowledgeBase) -> None:
    app = StudyApp(deck)
    result = app.asker.ask(
        "A company streams clickstream JSON from its website and must land it in Amazon S3 as Apache Parquet. The team does "
        "not want to manage servers. Which solution has the LEAST operational overhead? A. Amazon Data Firehose with format "
        "conversion B. Amazon Kinesis Data Streams with a consumer on EC2"
    )
    embed = ask_embed(result)
    assert embed.title == "This question most likely tests: Amazon Data Firehose"
    names = [field.name for field in embed.fields]
    assert "The options name" in names and "What decides between them" in names
    assert_within_limits(embed)


def test_a_tip_on_a_pasted_question_reply_comes_last_in_its_own_field() -> None:
    tests = QuestionTests([card("Amazon S3")] * 2, [], ["One line that decides."], close=True, exam=True, tip=OPTIONS_TIP)
    embed = ask_embed(AskResult("a pasted question", tests))
    assert (embed.fields[-1].name, embed.fields[-1].value) == ("Tip", OPTIONS_TIP)


def test_a_trap_the_options_set_gets_its_own_field_before_the_tip() -> None:
    trap = TrapWarning("Trap: higher accuracy always means a better model", "Judge rare-class models by recall, not accuracy.")
    tests = QuestionTests([card("Accuracy")] * 2, [("A", "Accuracy")], ["One line that decides."], True, True, OPTIONS_TIP, trap)
    fields = ask_embed(AskResult("a pasted question", tests)).fields
    assert [field.name for field in fields[-2:]] == ["The trap in these options", "Tip"]
    assert fields[-2].value == f"**{trap.name}**\n{trap.truth}"


def test_a_statement_of_need_is_told_what_it_calls_for(deck: KnowledgeBase) -> None:
    result = StudyApp(deck).asker.ask(
        "Land our website's clickstream JSON in Amazon S3 as Apache Parquet for Athena queries, without managing any "
        "servers and with the LEAST operational overhead."
    )
    embed = ask_embed(result)
    assert embed.title is not None and embed.title.startswith("This most likely calls for: ")
    assert_within_limits(embed)


def test_a_card_links_every_other_page_that_states_a_fact_it_shows(deck: KnowledgeBase) -> None:
    entry = next(entry for entry in deck.entries.values() if entry.fact_sources)
    found = StudyApp(deck).show(entry.name)
    assert found.card
    page = str(next(iter(entry.fact_sources.values())))
    assert page in found.card.sources and str(entry.url) not in found.card.sources
    name = page.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    assert f" · [{name}]({page})" in card_embed(found.card).to_dict()["description"]
    assert_within_limits(card_embed(found.card))


def test_a_card_with_many_fact_pages_links_what_fits_and_stays_within_limits() -> None:
    pages = [f"https://docs.aws.amazon.com/sagemaker/latest/dg/{'page-' * 20}{n}.html" for n in range(40)]
    many = replace(card("x" * 300), summary="s" * (DESCRIPTION // 2), sources=pages)
    for embed in (card_embed(many), ask_embed(AskResult("a vs b", Comparison(many, many, ["differ"])))):
        assert_within_limits(embed)
    description = card_embed(many).to_dict()["description"]
    assert f"[Documentation]({many.url}) · [" in description and description.endswith(".html)")
    assert pages[-1] not in description
