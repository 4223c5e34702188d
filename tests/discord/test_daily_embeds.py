"""The daily question's embeds and controls: within Discord's limits, never a ping, and saying what they should."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given

from bot.discord.daily_embeds import answer_embed, posting_embed, reports_embed, reveal_embed, status_embed
from bot.discord.daily_views import closed_view, open_view
from bot.discord.embeds import DESCRIPTION, ELLIPSIS
from bot.quiz.daily import DailyAnswer, DailyStatus, Posting, Reveal
from bot.quiz.views import Feedback, QuestionView
from bot.store.learners import Report
from bot.store.records import DailyPost, GuildSettings
from tests.discord.test_embeds import PING, WORDS, assert_no_ping, assert_within_limits

POSTED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
GUILD, CHANNEL, MESSAGE = 10, 20, 30


def post(*, message_id: int | None = MESSAGE, revealed: bool = False) -> DailyPost:
    closes = POSTED + timedelta(hours=24)
    return DailyPost(7, GUILD, date(2026, 3, 2), "mod-q-001", "modeling", CHANNEL, message_id, POSTED, closes, revealed)


def question(text: str = "", choose: int = 1) -> QuestionView:
    options = [(letter, f"Option {letter} {text}") for letter in "ABCDE"[: 4 + (choose > 1)]]
    return QuestionView("mod-q-001", "authored", "modeling", "Modeling", f"Which one? {text}", options, choose)


def reveal(text: str = "", choose: int = 1, answered: int = 4) -> Reveal:
    right = "AC" if choose > 1 else "C"
    shares = [(letter, 2, 0.5) if letter in right and answered else (letter, 0, 0.0) for letter, _ in question(text, choose).options]
    return Reveal(post(revealed=True), 12, question(text, choose), right, f"Because. {text}", answered, shares)


def settings(*, paused: bool = False, role_id: int | None = 40) -> GuildSettings:
    return GuildSettings(GUILD, CHANNEL, "09:00", "Europe/Paris", role_id, 24, paused)


@given(WORDS)
def test_every_daily_embed_stays_within_limits_and_never_pings(text: str) -> None:
    feedback = Feedback(False, "B", "C", text, [("B", text)], 0, 0)
    report = Report(1, 2, text, "mod-q-001", text, POSTED)
    embeds = [
        posting_embed(Posting(post(), 3, question(text), None)),
        posting_embed(Posting(post(), 3, question(text, choose=2), None)),
        reveal_embed(reveal(text)),
        reveal_embed(reveal(text, choose=2, answered=0)),
        answer_embed(DailyAnswer(feedback=feedback)),
        answer_embed(DailyAnswer(error=text)),
        reports_embed([report] * 25),
    ]
    for embed in embeds:
        assert_within_limits(embed)
        assert_no_ping(embed)


def test_the_post_shows_number_domain_options_and_closing_time() -> None:
    embed = posting_embed(Posting(post(), 3, question(), 40))
    assert embed.title == "Question of the day #3 · Modeling"
    assert "Which one?" in (embed.description or "") and "**D.** Option D" in (embed.description or "")
    assert "Click the letter" in (embed.description or "")
    assert embed.footer.text == "Question mod-q-001 · /report it if it looks wrong · open until"
    assert embed.timestamp == POSTED + timedelta(hours=24)
    assert "Choose 2 options in the menu below." in (posting_embed(Posting(post(), 3, question(choose=2), None)).description or "")


def test_the_controls_carry_the_post_and_the_option() -> None:
    buttons = open_view(Posting(post(), 3, question(), None)).to_components()[0]["components"]
    assert [(button["label"], button["custom_id"], button["disabled"]) for button in buttons] == [
        (letter, f"daily:7:{letter}", False) for letter in "ABCD"
    ]
    [[menu]] = [row["components"] for row in open_view(Posting(post(), 3, question(choose=2), None)).to_components()]
    assert menu["custom_id"] == "daily:7" and menu["min_values"] == menu["max_values"] == 2
    assert [option["value"] for option in menu["options"]] == list("ABCDE")


def test_the_closed_controls_are_disabled_and_pick_out_the_answer() -> None:
    buttons = closed_view(reveal()).to_components()[0]["components"]
    assert all(button["disabled"] for button in buttons)
    assert [button["label"] for button in buttons if button["style"] == 3] == ["C"]  # green: the right one
    [[menu]] = [row["components"] for row in closed_view(reveal(choose=2)).to_components()]
    assert menu["disabled"] and menu["placeholder"] == "Closed · the answer was AC"


def test_the_closing_shows_the_answer_why_and_the_share_of_each_option() -> None:
    embed = reveal_embed(reveal()).to_dict()
    assert embed["title"] == "Question of the day #12 · Modeling · closed"
    assert "✅ **C.** Option C" in embed["description"] and "▫️ **A.** Option A" in embed["description"]
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Answer"] == "**C**" and fields["Why"] == "Because."
    assert fields["4 people answered"].splitlines() == [
        "`A` ░░░░░░░░░░ 0% (0)", "`B` ░░░░░░░░░░ 0% (0)", "`C` █████░░░░░ 50% (2) ✅", "`D` ░░░░░░░░░░ 0% (0)",
    ]
    nobody = {field.name: field.value for field in reveal_embed(reveal(answered=0)).fields}
    assert nobody == {"Answer": "**C**", "Why": "Because.", "Nobody answered": "Catch the next one!"}


def test_a_click_that_counts_nothing_says_why() -> None:
    assert answer_embed(DailyAnswer(already="B")).description == (
        "You already answered **B**: one answer per question. The answer is shown when the question closes."
    )
    assert answer_embed(DailyAnswer(closed_answer="AC")).description == "This question is closed; the answer was **AC**."
    assert answer_embed(DailyAnswer(error="Choose one option.")).description == "Choose one option."
    assert answer_embed(DailyAnswer(feedback=Feedback(True, "C", "C", "Because.", [], 10, 2))).title == "Right!"


def test_status_says_where_when_and_what_today() -> None:
    unset = status_embed(DailyStatus(None, None, None))
    assert "not set up here yet" in (unset.description or "") and "/daily setup" in (unset.description or "")

    active = {field.name: field.value for field in status_embed(DailyStatus(settings(), POSTED, post())).fields}
    assert active["Channel"] == f"<#{CHANNEL}>" and active["Ping"] == "<@&40>" and active["Time"] == "09:00 Europe/Paris"
    stamp = int(POSTED.timestamp())
    assert active["Next question"] == f"<t:{stamp}:f> (<t:{stamp}:R>)"
    link = f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}"
    assert active["Today"].startswith(f"Question `mod-q-001`: [the post]({link}), open until")

    paused = {field.name: field.value for field in status_embed(DailyStatus(settings(paused=True, role_id=None), None, None)).fields}
    assert paused["State"].startswith("**Paused**") and "Next question" not in paused
    assert paused["Ping"] == "nobody" and paused["Today"] == "Not posted yet."
    unsent = {field.name: field.value for field in status_embed(DailyStatus(settings(), POSTED, post(message_id=None))).fields}
    assert "not in the channel yet" in unsent["Today"]


def test_reports_list_newest_first_escaped_and_cut_to_fit() -> None:
    assert (reports_embed([]).description or "").startswith("No open reports.")
    one = reports_embed([Report(1, 2, "alice", "mod-q-001", "**B** is also right @everyone", POSTED)]).description or ""
    assert one == f"• `#1` `mod-q-001` — \\*\\*B\\*\\* is also right @\u200beveryone — *alice*, <t:{int(POSTED.timestamp())}:R>"
    assert not PING.search(one)
    many = reports_embed([Report(n, 2, "bob", f"q-{n}", "word " * 100, POSTED) for n in range(25)]).description or ""
    assert len(many) <= DESCRIPTION and many.endswith(ELLIPSIS) and many.startswith("• `#0` `q-0` — word word")
