"""Ordering, matching and case-study questions in every embed that shows a question (daily post and closing, practice,
mock exam screen and review): items numbered, how to answer, the scenario above the prompt, the right order or matches
spelled out, all within Discord's limits and without a ping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given

from bot.console.render_quiz import render_feedback
from bot.discord.daily_embeds import posting_embed, reveal_embed
from bot.discord.daily_views import closed_view, open_view
from bot.discord.embeds import DESCRIPTION
from bot.discord.exam_embeds import item_embed, screen_embed
from bot.discord.learning_embeds import feedback_embed, question_embed
from bot.discord.question_text import question_body, worked_lines
from bot.quiz.checker import answer_letters
from bot.quiz.daily import Posting, Reveal
from bot.quiz.exam_screens import ExamScreen, ItemReview
from bot.quiz.practice import PracticeStep
from bot.quiz.views import KIND_HINTS, QuestionView, feedback
from bot.store.records import DailyPost
from tests.discord.test_embeds import WORDS, assert_no_ping, assert_within_limits
from tests.knowledge.test_decks import matching as decks_matching
from tests.knowledge.test_decks import ordering as decks_ordering

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
STEPS = ["Create the table", "Create the stream", "Send the events", "Query the files"]
ITEMS = ["Nightly scoring of a whole dataset", "Payloads up to 1 GB", "Idle periods between bursts"]
MATCHES = ["Serverless inference", "Batch transform", "Asynchronous inference"]


def ordering(text: str = "", case: tuple[str, str] | None = None) -> QuestionView:
    """Steps shown B, A, D, C: the right order is BADC."""
    shown = [STEPS[1], STEPS[0], STEPS[3], STEPS[2]]
    options = [(letter, f"{step} {text}".strip()) for letter, step in zip("ABCD", shown, strict=True)]
    return QuestionView(
        "mla-order-001", "authored", "deployment-orchestration", "Deployment", f"In which order? {text}", options, 4,
        kind="ordering", ordered=True, example="D C B A", case=case,
    )


def matching(text: str = "") -> QuestionView:
    """Matches shown as in MATCHES: the right answer is BCA."""
    options = [(letter, f"{match} {text}".strip()) for letter, match in zip("ABC", MATCHES, strict=True)]
    return QuestionView(
        "mla-match-001", "authored", "deployment-orchestration", "Deployment", f"Match each workload. {text}", options, 3,
        kind="matching", items=[f"{item} {text}".strip() for item in ITEMS], ordered=True, example="C B A",
    )


def choice(case: tuple[str, str]) -> QuestionView:
    options = [(letter, f"Option {letter}") for letter in "ABCD"]
    return QuestionView("mla-case-q-001", "authored", "monitoring-security", "Monitoring", "Which one?", options, 1, case=case)


def post() -> DailyPost:
    return DailyPost(7, 10, date(2026, 3, 2), "mla-order-001", "deployment-orchestration", 20, 30, NOW, NOW + timedelta(hours=24), True)


def reveal(view: QuestionView, right: str, answered: int = 4) -> Reveal:
    return Reveal(post(), 12, view, right, "Because.", answered, [(right, 1, 0.25)] if answered else [(right, 0, 0.0)])


def screen(view: QuestionView, chosen: str = "") -> ExamScreen:
    return ExamScreen(3, 5, 65, view, chosen, False, 4, NOW + timedelta(hours=2), timedelta(hours=2))


def test_a_matching_question_numbers_its_items_above_the_lettered_matches_and_says_how_to_answer() -> None:
    body = question_body(matching())
    assert body.splitlines()[:1] == ["Match each workload."]
    assert "**1.** Nightly scoring of a whole dataset\n**2.** Payloads up to 1 GB" in body
    assert "**3.** Idle periods between bursts\n\n**A.** Serverless inference" in body
    assert body.endswith(f"*{KIND_HINTS['matching']}.*")
    assert KIND_HINTS["ordering"] in question_body(ordering())


def test_the_right_answer_is_spelled_out_step_by_step_or_item_by_item() -> None:
    assert worked_lines(ordering().worked("BADC")) == [
        "1. **B** Create the table", "2. **A** Create the stream", "3. **D** Send the events", "4. **C** Query the files",
    ]
    assert worked_lines(matching().worked("BCA")) == [
        "1. Nightly scoring of a whole dataset → **B** Batch transform",
        "2. Payloads up to 1 GB → **C** Asynchronous inference",
        "3. Idle periods between bursts → **A** Serverless inference",
    ]
    assert worked_lines(choice(("T", "S")).worked("B")) == []


def test_a_case_study_comes_first_and_gives_way_before_the_options_do() -> None:
    case = ("QuickBasket", "A grocery company predicts late deliveries. " * 30)
    body = question_body(choice(case))
    assert body.startswith("**Case study: QuickBasket**\n> A grocery company")
    assert body.index("> A grocery") < body.index("Which one?") < body.index("**D.** Option D")
    huge = question_body(choice(("QuickBasket", "word " * 5000)))
    assert len(huge) <= DESCRIPTION and huge.endswith("**D.** Option D")  # the scenario was cut, not the options
    assert "…" in huge.split("Which one?")[0]
    tight = question_body(choice(case), limit=250)  # no room for a useful part of it: left out
    assert not tight.startswith("**Case study") and tight.endswith("**D.** Option D")


def test_the_daily_post_of_an_ordering_question_has_one_answer_button_and_its_closing_disables_it() -> None:
    posting = Posting(post(), 3, ordering(), None)
    assert "Click **Answer** below to type yours. Only you see your feedback." in (posting_embed(posting).description or "")
    [[button]] = [row["components"] for row in open_view(posting).to_components()]
    assert (button["label"], button["custom_id"], button["disabled"]) == ("Answer", "daily:7:answer", False)
    [[closed]] = [row["components"] for row in closed_view(reveal(ordering(), "BADC")).to_components()]
    assert closed["disabled"] and closed["label"] == "Closed · the answer was BADC" and closed["custom_id"] == "daily:7:answer"


def test_the_closing_of_an_ordering_question_spells_out_the_order_and_the_share_who_had_it_all() -> None:
    embed = reveal_embed(reveal(ordering(), "BADC"))
    fields = {field.name: field.value for field in embed.fields}
    assert fields["The right order"] == "**BADC**\n" + "\n".join(worked_lines(ordering().worked("BADC")))
    assert fields["4 people answered"] == "The whole order right: ██░░░░░░░░ 25% (1)"
    assert "✅" not in (embed.description or "") and KIND_HINTS["ordering"] not in (embed.description or "")
    matched = {field.name: field.value or "" for field in reveal_embed(reveal(matching(), "BCA")).fields}
    assert matched["The right matches"].startswith("**BCA**\n1. Nightly scoring")
    assert matched["4 people answered"].startswith("Every item matched right: ")


def test_practice_and_the_exam_show_an_ordering_question_with_its_answer_button() -> None:
    practice = question_embed(PracticeStep(7, 2, 5, matching()))
    assert "**1.** Nightly scoring" in (practice.description or "")
    assert practice.footer.text == "Click Answer to type yours · question mla-match-001"
    shown = screen_embed(screen(ordering(), chosen="BADC"))
    assert (shown.description or "").endswith("Your answer: **BADC** (click Answer again to change it)")
    assert "click Answer to type yours" in (shown.footer.text or "")


def test_the_exam_review_of_an_ordering_question_gives_the_order_and_no_empty_field() -> None:
    review = item_embed(ItemReview(5, ordering(), "ABCD", "BADC", False, "Because.", []), 65)
    assert review.title == "Question 5/65 · ❌ you chose ABCD, the answer is BADC"
    assert [field.name for field in review.fields] == ["The right order", "Why"]  # no rationale per step: no empty field
    assert_within_limits(review)


@given(WORDS)
def test_every_embed_of_these_kinds_stays_within_limits_and_never_pings(text: str) -> None:
    case = (f"Case {text}", f"Scenario {text}")
    views = [ordering(text), ordering(text, case=case), matching(text), choice(case)]
    for view in views:
        right = "BADC" if view.kind == "ordering" else "BCA" if view.kind == "matching" else "B"
        embeds = [
            posting_embed(Posting(post(), 3, view, None)), reveal_embed(reveal(view, right)),
            question_embed(PracticeStep(7, 2, 5, view, notice=text)), screen_embed(screen(view, chosen=right)),
            item_embed(ItemReview(5, view, right, right, True, f"Because. {text}", [("A", f"Wrong. {text}")]), 65),
        ]
        for embed in embeds:
            assert_within_limits(embed)
            assert_no_ping(embed)


def test_a_wrong_ordering_or_matching_answer_is_spelled_out_in_the_feedback_too() -> None:
    """Practice edits the question away with the feedback, so the letters alone would leave the learner guessing."""
    question = decks_ordering()
    right = answer_letters(question)
    wrong = feedback(question, tuple(reversed(question.answer)), correct=False)
    embed = feedback_embed(wrong)
    fields = {field.name: field.value or "" for field in embed.fields}
    steps = fields["The right order"].splitlines()
    assert [line.split("** ", 1)[1] for line in steps] == question.steps and [line[5] for line in steps] == list(right)
    console = render_feedback(wrong)
    assert "  The right order:" in console and f"    1. {right[0]} {question.steps[0]}" in console
    matched = feedback(decks_matching(), tuple(decks_matching().answer), correct=True)
    assert feedback_embed(matched).fields == [] and "The right matches" not in render_feedback(matched)
    assert_within_limits(feedback_embed(feedback(decks_matching(), (0, 0, 0, 0), correct=False)))
