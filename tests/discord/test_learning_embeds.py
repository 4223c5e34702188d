"""The learning embeds: practice questions, feedback, summaries, stats and the leaderboard, within every limit."""

from __future__ import annotations

from hypothesis import given

from bot.app.learning import LeaderboardPage
from bot.discord.embeds import DESCRIPTION, ELLIPSIS, TOTAL
from bot.discord.learning_embeds import (
    OPTION,
    feedback_embed,
    leaderboard_embed,
    question_embed,
    stats_embed,
    summary_embed,
    turn_embeds,
)
from bot.knowledge.models import Domain
from bot.quiz.practice import PracticeStep, PracticeSummary, PracticeTurn
from bot.quiz.stats import DomainStat, LearnerStats, WeakEntry, readiness
from bot.quiz.views import Feedback, QuestionView
from bot.store.learners import Streaks
from bot.store.periods import Period
from bot.store.records import Leaderboard, Standing
from tests.discord.test_embeds import WORDS, assert_no_ping, assert_within_limits

TITLES = {
    "data-engineering": "Data engineering", "exploratory-data-analysis": "Exploratory data analysis", "modeling": "Modeling",
    "ml-implementation-operations": "ML implementation and operations",
}
WEIGHTS = {"data-engineering": 20, "exploratory-data-analysis": 24, "modeling": 36, "ml-implementation-operations": 20}


def step(prompt: str = "Which service?", options: list[str] | None = None, choose: int = 1, position: int = 2) -> PracticeStep:
    texts = options or ["Amazon Transcribe", "Amazon Polly", "Amazon Lex", "Amazon Comprehend"]
    lettered = list(zip("ABCDEF", texts, strict=False))
    view = QuestionView("mod-some-question-001", "authored", "modeling", "Modeling", prompt, lettered, choose)
    return PracticeStep(7, position, 5, view)


def wrong(text: str = "Transcribe turns speech into text.", why: str = "Polly speaks text aloud.") -> Feedback:
    return Feedback(False, "B", "A", text, [("B", why)])


SOME_STREAKS = Streaks(2, 5)


def stats(
    answered: dict[Domain, tuple[int, int]] | None = None, weakest: list[str] | None = None, streaks: Streaks = SOME_STREAKS
) -> LearnerStats:
    counts = answered or {}
    domains = [DomainStat(domain, TITLES[domain], weight, *counts.get(domain, (0, 0))) for domain, weight in WEIGHTS.items()]
    score, note = readiness(domains)
    return LearnerStats(
        sum(stat.answered for stat in domains), sum(stat.correct for stat in domains), domains, streaks,
        [WeakEntry(name.lower(), name) for name in weakest or []], score, note, exam="MLS-C01",
    )


def standing(rank: int, user_id: int, name: str, points: int, streak: int = 0) -> Standing:
    return Standing(rank, user_id, name, points, answered=3, correct=points // 10, streak=streak)


def board(rows: list[Standing], caller: Standing | None, total: int, page: int = 1, pages: int = 1) -> LeaderboardPage:
    board = Leaderboard("all", "mls-c01", total, rows, caller)
    return LeaderboardPage(board, Period.ALL, None, page, pages, exam_id="mls-c01", exam="MLS-C01")


# ---------------------------------------------------------------- practice


def test_a_question_shows_its_lettered_options_and_how_to_answer() -> None:
    embed = question_embed(step())
    assert embed.title == "Practice 2/5 · Modeling"
    assert (embed.description or "").splitlines() == [
        "Which service?", "", "**A.** Amazon Transcribe", "**B.** Amazon Polly", "**C.** Amazon Lex", "**D.** Amazon Comprehend",
    ]
    assert embed.footer.text == "Click the letter of your answer · question mod-some-question-001"
    assert question_embed(step(choose=2)).footer.text == "Choose 2 options in the menu · question mod-some-question-001"


def test_a_long_option_cannot_push_the_others_out() -> None:
    embed = question_embed(step(options=["word " * 2000, "Amazon Polly"]))
    lines = (embed.description or "").splitlines()
    assert len(lines[2]) <= len("**A.** ") + OPTION and lines[2].endswith(ELLIPSIS)
    assert lines[3] == "**B.** Amazon Polly"


def test_feedback_says_right_or_what_was_chosen_why_it_is_wrong_and_the_explanation() -> None:
    right = feedback_embed(Feedback(True, "A", "A", "Transcribe turns speech into text.", []))
    assert right.title == "Right!" and right.description == "**A** is right.\n\nTranscribe turns speech into text."
    missed = feedback_embed(wrong())
    assert missed.title == "Not quite" and missed.colour != right.colour
    assert (missed.description or "").split("\n\n") == [
        "You chose **B**; the answer is **A**.", "**B** is wrong: Polly speaks text aloud.", "Transcribe turns speech into text.",
    ]
    daily = feedback_embed(Feedback(True, "A", "A", "Because.", [], points=12, streak=3))
    assert (daily.description or "").endswith("+12 points · streak 3")


def test_after_the_last_answer_the_summary_says_what_to_study_next() -> None:
    summary = summary_embed(PracticeSummary(3, 5, ["Amazon Polly"], ["Amazon Polly", "Amazon Lex"]))
    assert summary.title == "Session over: 3/5 right"
    assert [(field.name, field.value) for field in summary.fields] == [
        ("Missed", "• Amazon Polly"), ("Study next", "• Amazon Polly\n• Amazon Lex"),
    ]
    assert "/practice" in (summary.footer.text or "")
    perfect = summary_embed(PracticeSummary(5, 5, [], []))
    assert not perfect.fields and (perfect.description or "").startswith("Nothing missed")


def test_a_turn_is_feedback_then_the_next_question_or_the_summary() -> None:
    following = turn_embeds(PracticeTurn(wrong(), step(position=3), None))
    assert [embed.title for embed in following] == ["Not quite", "Practice 3/5 · Modeling"]
    last = turn_embeds(PracticeTurn(wrong(), None, PracticeSummary(4, 5, ["Amazon Polly"], ["Amazon Polly"])))
    assert [embed.title for embed in last] == ["Not quite", "Session over: 4/5 right"]


def test_feedback_gives_way_so_a_turn_fits_in_one_message() -> None:
    turn = PracticeTurn(wrong("because " * 1000, "why " * 1000), step("prompt " * 1000, ["option " * 200] * 6), None)
    embeds = turn_embeds(turn)
    assert sum(len(embed) for embed in embeds) <= TOTAL
    assert (embeds[0].description or "").endswith(ELLIPSIS) and len(embeds[1].description or "") <= DESCRIPTION


@given(WORDS)
def test_practice_embeds_stay_within_limits_and_never_ping(text: str) -> None:
    turn = PracticeTurn(wrong(text, text), step(text, [text, text, text]), None)
    embeds = [*turn_embeds(turn), summary_embed(PracticeSummary(1, 2, [text], [text] * 5))]
    assert sum(len(embed) for embed in embeds[:2]) <= TOTAL
    for embed in embeds:
        assert_within_limits(embed)
        assert_no_ping(embed)


# ---------------------------------------------------------------- stats


def test_stats_show_accuracy_beside_each_exam_weight_streaks_weakest_and_readiness() -> None:
    embed = stats_embed("alice", stats({"modeling": (4, 3)}, ["Amazon Polly"]), chart=True)
    assert embed.title == "MLS-C01 stats for alice"
    assert embed.description == "**4** answered · accuracy **75%** · streak **2** (best 5)"
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Modeling"] == "75% (3/4)\n36% of the exam"
    assert fields["Data engineering"] == "—\n20% of the exam"
    assert fields["Weakest"] == "• Amazon Polly"
    assert (fields["Exam readiness"] or "").startswith("Not enough data yet (4 answers): needs 26 more answers")
    assert embed.image.url == "attachment://accuracy.png"


def test_readiness_shows_a_score_once_there_is_enough_data() -> None:
    embed = stats_embed("alice", stats({domain: (10, 8) for domain in WEIGHTS}), chart=False)
    assert {field.name: field.value for field in embed.fields}["Exam readiness"] == "**80%** (based on 40 answers)"
    assert not embed.image.url and "Weakest" not in [field.name for field in embed.fields]


def test_empty_stats_invite_a_first_answer() -> None:
    embed = stats_embed("alice", stats(streaks=Streaks(0, 0)), chart=False)
    assert (embed.description or "").startswith("No answers yet")


@given(WORDS)
def test_stats_stay_within_limits_and_never_ping(text: str) -> None:
    embed = stats_embed(text, stats({"modeling": (4, 1)}, [text] * 5), chart=True)
    assert_within_limits(embed)
    assert_no_ping(embed)


# ---------------------------------------------------------------- leaderboard


def test_the_leaderboard_lists_ranks_marks_the_caller_and_counts_pages() -> None:
    rows = [standing(1, 1, "ann", 33, streak=3), standing(1, 2, "ben", 33), standing(3, 3, "cat", 21)]
    embed = leaderboard_embed(board(rows, rows[1], total=12, pages=2), caller_id=2, caller_name="ben")
    assert embed.title == "MLS-C01 leaderboard · all time"
    assert (embed.description or "").splitlines() == [
        "**1.** ann — 33 pts · 100% of 3 · streak 3",
        "**1.** ben — 33 pts · 100% of 3 ◀",
        "**3.** cat — 21 pts · 67% of 3",
        "",
        "ben: **#1** of 12 with 33 pts",
    ]
    assert embed.footer.text == "Page 1/2 · 12 learners"


def test_the_callers_rank_shows_even_off_the_page_or_when_absent() -> None:
    rows = [standing(1, 1, "ann", 33)]
    off_page = leaderboard_embed(board(rows, standing(14, 9, "zed", 0), total=14, pages=2), 9, "zed")
    assert (off_page.description or "").endswith("\n\nzed: **#14** of 14 with 0 pts") and "◀" not in (off_page.description or "")
    absent = leaderboard_embed(board(rows, None, total=1), 9, "zed")
    assert (absent.description or "").endswith("zed has no answers on this board yet.")
    assert absent.footer.text == "Page 1/1 · 1 learner"


def test_an_empty_board_or_a_page_past_the_end_says_so() -> None:
    empty = leaderboard_embed(board([], None, total=0), 9, "zed")
    assert (empty.description or "").startswith("Nobody is on this board yet")
    past_end = leaderboard_embed(board([], None, total=3, page=4, pages=1), 9, "zed")
    assert (past_end.description or "").startswith("There is no page 4; the board has 1.")
    week = LeaderboardPage(Leaderboard("week:2026-11-02", "modeling", 0, [], None), Period.WEEK, "modeling", 1, 1,
                           "Modeling", "mls-c01", "MLS-C01")
    assert leaderboard_embed(week, 9, "zed").title == "MLS-C01 leaderboard · this week · Modeling"


def test_names_on_the_board_cannot_restyle_it() -> None:
    embed = leaderboard_embed(board([standing(1, 1, "**big** _name_", 10)], None, total=1), 9, "`zed`")
    assert r"\*\*big\*\* \_name\_ — 10 pts" in (embed.description or "") and r"\`zed\`" in (embed.description or "")


@given(WORDS)
def test_the_leaderboard_stays_within_limits_and_never_pings(text: str) -> None:
    rows = [standing(rank, rank, text, 100 - rank) for rank in range(1, 11)]
    embed = leaderboard_embed(board(rows, standing(40, 99, text, 0), total=40, pages=4), 99, text)
    assert_within_limits(embed)
    assert_no_ping(embed)
