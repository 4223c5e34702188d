"""Hypothesis over `ask` and `compare`: any text gets a reply in bounded size, and none echoes a ping."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.app.ask import Asker, BadInput, Comparison, NotSure, Outcome
from bot.console.render import render_ask
from bot.limits import ASK_CHARS, ECHO_CHARS, NAME_CHARS

# Pieces that have broken chat bots: mentions in every disguise, comparison words, emoji, control and invisible
# characters, compatibility forms that NFKC expands, digits that are not decimal.
PIECES = [
    "@everyone", "@here", "＠everyone", "@", "@@", "<@123>", "<@!4>", "<@&5>", "<#6>", "<:kappa:7>", ":smile:",
    "vs", "vs.", "versus", "compared to", "compare", "difference between", "and", "&", "with",
    "🙂", "👍🏽", "\x00", "\x1b", "\u200b", "\u202e", "ﷺ", "²", "\n", "\t", "  ",
    "kinesis", "firehose", "speech to text", "xgboost", "k-NN", "scale_pos_weight",
]
glued = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
spaced = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(" ".join)
long_runs = st.builds(lambda piece, times: piece * times, st.sampled_from(PIECES), st.integers(100, 3000))
letters = st.text("abcxyzé_-.'1", max_size=4)
sandwiched = st.builds(lambda before, mention, after: before + mention + after, letters, st.sampled_from(PIECES[:11]), letters)
texts = st.one_of(st.text(max_size=400), glued, spaced, long_runs, sandwiched)


def pings(text: str) -> bool:
    folded = text.casefold()
    return "@everyone" in folded or "@here" in folded or "<@" in folded


@settings(max_examples=250, deadline=None)
@given(query=texts)
@example(query="a@everyonee which service")
@example(query="x@heretranslate speech")
@example(query="OPTION")
def test_ask_replies_to_any_text_within_bounds(asker: Asker, query: str) -> None:
    result = asker.ask(query)
    assert isinstance(result.outcome, Outcome)
    assert len(result.query) <= ASK_CHARS and not pings(result.query)
    if isinstance(result.outcome, NotSure):
        assert len(result.outcome.unclear) <= ECHO_CHARS + 1 and not pings(result.outcome.unclear)
    assert render_ask(result)


@settings(max_examples=100, deadline=None)
@given(left=texts, right=texts)
def test_compare_replies_to_any_two_texts_within_bounds(asker: Asker, left: str, right: str) -> None:
    result = asker.compare(left, right)
    assert isinstance(result.outcome, Comparison | NotSure | BadInput)
    assert len(result.query) <= 2 * NAME_CHARS + 4 and not pings(result.query)
    assert render_ask(result)
